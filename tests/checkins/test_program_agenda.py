"""A relationship in a program is offered the program's agenda for its check-ins after the first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from mentorship.checkins.services import CheckinService
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Checkin, CheckinTemplate, Program, Relationship
from tests.checkins.conftest import Pair


async def suggested(settings: Settings, pair: Pair) -> str | None:
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            template = await CheckinService(session).suggested_template(pair.relationship_id)
            return f"{template.key} v{template.version}" if template else None
    finally:
        await config.get_engine().dispose()


async def test_the_programs_agenda_follows_the_first_meeting_in_its_current_version(
    settings: Settings, pair: Pair
) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        burnout = (
            await session.execute(select(CheckinTemplate).where(CheckinTemplate.key == "topic-burnout"))
        ).scalar_one()
        program = Program(
            name="Leaders", slug="leaders", kinds=["traditional"], agenda_template_id=burnout.id
        )
        session.add(program)
        await session.flush()
        await session.execute(
            update(Relationship).where(Relationship.id == pair.relationship_id).values(program_id=program.id)
        )
        await session.commit()
    await config.get_engine().dispose()

    before_any = await suggested(settings, pair)
    async with config.get_session() as session:
        session.add(
            Checkin(relationship_id=pair.relationship_id, scheduled_at=datetime.now(UTC) + timedelta(days=2))
        )
        # The coordinator edits the agenda: the relationship is offered its new version.
        await session.execute(
            update(CheckinTemplate).where(CheckinTemplate.id == burnout.id).values(current=False)
        )
        session.add(
            CheckinTemplate(
                key="topic-burnout", version=2, title="Burnout, again", kind=burnout.kind, sections=[]
            )
        )
        await session.commit()
    await config.get_engine().dispose()

    assert before_any == "first v1"
    assert await suggested(settings, pair) == "topic-burnout v2"
