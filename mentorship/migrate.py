"""Apply, revert and check migrations (Alembic through advanced-alchemy)."""

from __future__ import annotations

from advanced_alchemy.alembic.commands import AlembicCommands

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config


def _commands(settings: Settings) -> AlembicCommands:
    import mentorship.models  # noqa: F401  (registers every table with the metadata Alembic compares)

    return AlembicCommands(sqlalchemy_config=build_sqlalchemy_config(settings))


def upgrade(settings: Settings, revision: str = "head") -> None:
    """Migrate the database up to a revision."""
    _commands(settings).upgrade(revision=revision)


def downgrade(settings: Settings, revision: str = "base") -> None:
    """Migrate the database down to a revision."""
    _commands(settings).downgrade(revision=revision)


def check(settings: Settings) -> None:
    """Fail when the models have changes no migration covers."""
    _commands(settings).check()


def revision(settings: Settings, message: str) -> None:
    """Write a new revision from the difference between models and database."""
    _commands(settings).revision(message=message, autogenerate=True)


def seed_reference_data(settings: Settings) -> int:
    """Add the curated topics a fresh database lacks (idempotent); return how many were added."""
    import asyncio

    from mentorship.checkins.builtin import seed_builtin_templates
    from mentorship.topics.services import seed_reference_topics

    config = build_sqlalchemy_config(settings)
    added = asyncio.run(seed_reference_topics(config))
    asyncio.run(seed_builtin_templates(config))  # the check-in agendas every install starts with
    return added
