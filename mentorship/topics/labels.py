"""Topic names for reasons: the database's topics (curated names and translations), then the seed catalog.

Reasons are worded at view time, in templates and API bodies that cannot query, so each
request loads every topic's name and translations once (one query) and the lookup reads them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import Topic
from mentorship.topics import catalog

#: A topic's name, its names by language code, and whether coordinators curate it, by slug.
Labels = Mapping[str, tuple[str, Mapping[str, str], bool]]
_LABELS: ContextVar[Labels | None] = ContextVar("topic_labels", default=None)


async def load_labels(db: AsyncSession) -> dict[str, tuple[str, dict[str, str], bool]]:
    """Every topic's name and translations (retired ones too: old reasons still name them)."""
    rows = await db.execute(select(Topic.slug, Topic.label, Topic.translations, Topic.curated))
    found: dict[str, tuple[str, dict[str, str], bool]] = {}
    for slug, label, translations, curated in rows:
        names = translations if isinstance(translations, dict) else {}
        found[str(slug)] = (str(label), {str(k): str(v) for k, v in names.items() if v}, bool(curated))
    return found


@contextmanager
def labels_in(labels: Labels) -> Iterator[None]:
    """Name topics by ``labels`` inside the block (a request's)."""
    token = _LABELS.set(labels)
    try:
        yield
    finally:
        _LABELS.reset(token)


def topic_label(slug: str, locale: str) -> str | None:
    """A topic's name in ``locale``; None for a topic neither the database nor the seed catalog knows.

    The database's name in that language, else the seed catalog's; else the curated name,
    and for a free tag on a seed topic's slug (added before the catalog was seeded) the
    catalog's English name before the words someone typed.
    """
    found = (_LABELS.get() or {}).get(slug)
    if found is None:
        return catalog.topic_label(slug, locale)
    label, translations, curated = found
    code = locale.replace("-", "_").split("_")[0]
    seed = catalog.TOPICS_BY_SLUG.get(slug)
    if named := translations.get(locale) or translations.get(code):
        return named
    if seed is not None and (named := seed.translations.get(code)):
        return named
    return seed.label if seed is not None and not curated else label or None


def topic_labels_middleware(db_config: SQLAlchemyAsyncConfig) -> Any:
    """Middleware factory: load the topics' names once for each request (static files aside)."""

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP or str(scope.get("path", "")).startswith("/static/"):
                await app(scope, receive, send)
                return
            async with db_config.get_session() as db:
                labels = await load_labels(db)
            with labels_in(labels):
                await app(scope, receive, send)

        return middleware

    return factory
