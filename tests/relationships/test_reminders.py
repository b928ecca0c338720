"""Overdue check-ins: a gentle reminder to members, a week later a note to coordinators; paused ones rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.jobs.tasks import resolve
from mentorship.models import Checkin, CheckinStatus, Notification, Relationship, RelationshipStatus, User
from mentorship.relationships.reminders import nudge_overdue
from tests.relationships.conftest import people, start


async def nudge(settings: Settings, now: datetime) -> dict[str, int]:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        result = await nudge_overdue(session, now)
    await config.get_engine().dispose()
    return result


async def notes_for(settings: Settings, email: str) -> list[str]:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        found = await session.execute(
            select(Notification.text).join(User, User.id == Notification.user_id).where(User.email == email)
        )
        texts = list(found.scalars())
    await config.get_engine().dispose()
    return texts


async def plan(settings: Settings, relationship_id: UUID, when: datetime, status: CheckinStatus) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        session.add(Checkin(relationship_id=relationship_id, scheduled_at=when, status=status))
        await session.commit()
    await config.get_engine().dispose()


async def test_overdue_checkin_reminds_members_once_then_tells_coordinators(quiet: Settings) -> None:
    await people(quiet)
    rid = await start(quiet)
    now = datetime.now(UTC)
    await plan(quiet, rid, now - timedelta(days=3), CheckinStatus.PLANNED)
    await plan(quiet, rid, now + timedelta(days=30), CheckinStatus.PLANNED)

    first = await nudge(quiet, now)
    second = await nudge(quiet, now + timedelta(hours=1))
    later = await nudge(quiet, now + timedelta(days=8))
    ana = await notes_for(quiet, "ana@example.org")
    coordinator = await notes_for(quiet, "coordinator@example.org")

    assert first == {"resumed": 0, "reminded": 1, "escalated": 0}
    assert second["reminded"] == 0 and second["escalated"] == 0
    assert later["escalated"] == 1
    assert sum("not recorded yet" in text for text in ana) == 1
    assert sum("missed or never recorded" in text for text in coordinator) == 1
    assert "nudge_relationships" in resolve()


async def test_paused_relationship_gets_no_reminders_and_resumes_on_its_date(quiet: Settings) -> None:
    await people(quiet)
    rid = await start(quiet)
    now = datetime.now(UTC)
    await plan(quiet, rid, now - timedelta(days=3), CheckinStatus.MISSED)
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        relationship = await session.get(Relationship, rid)
        assert relationship is not None
        relationship.status = RelationshipStatus.PAUSED
        relationship.paused_until = (now + timedelta(days=2)).date()
        await session.commit()
    await config.get_engine().dispose()

    resting = await nudge(quiet, now)
    back = await nudge(quiet, now + timedelta(days=2))
    count = await _count_status(quiet, rid)

    assert resting == {"resumed": 0, "reminded": 0, "escalated": 0}
    assert back["resumed"] == 1 and back["escalated"] == 1
    assert count == RelationshipStatus.ACTIVE


async def _count_status(settings: Settings, rid: UUID) -> RelationshipStatus | None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        status = await session.scalar(select(Relationship.status).where(Relationship.id == rid))
        assert await session.scalar(select(func.count()).select_from(Relationship)) == 1
    await config.get_engine().dispose()
    return status
