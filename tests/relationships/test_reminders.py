"""Missed check-ins: a reminder to members, one grouped note to coordinators, no old history; pauses rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.jobs.tasks import resolve
from mentorship.models import Checkin, CheckinStatus, Notification, Relationship, RelationshipStatus, User
from mentorship.notifications.services import notify_once
from mentorship.relationships.dashboard import dashboard
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


async def test_overdue_checkin_reminds_members_once_and_tells_coordinators_once(quiet: Settings) -> None:
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

    assert first == {"resumed": 0, "reminded": 1, "escalated": 1}
    assert second["reminded"] == 0 and second["escalated"] == 0
    assert later["reminded"] == 0 and later["escalated"] == 0
    assert sum("not recorded yet" in text for text in ana) == 1
    assert sum("missed or not recorded" in text for text in coordinator) == 1
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


async def plan_id(settings: Settings, relationship_id: UUID, when: datetime, status: CheckinStatus) -> UUID:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        checkin = Checkin(relationship_id=relationship_id, scheduled_at=when, status=status)
        session.add(checkin)
        await session.commit()
        found = checkin.id
    await config.get_engine().dispose()
    return found


async def coordinator_notes(settings: Settings) -> list[Notification]:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        found = await session.execute(
            select(Notification)
            .join(User, User.id == Notification.user_id)
            .where(User.email == "coordinator@example.org")
        )
        notes = list(found.scalars())
    await config.get_engine().dispose()
    return notes


async def test_running_the_job_twice_notifies_once(quiet: Settings) -> None:
    await people(quiet)
    rid = await start(quiet)
    now = datetime.now(UTC)
    await plan(quiet, rid, now - timedelta(days=2), CheckinStatus.MISSED)
    await plan(quiet, rid, now - timedelta(days=3), CheckinStatus.PLANNED)

    await nudge(quiet, now)
    await nudge(quiet, now + timedelta(minutes=6))
    coordinator = await coordinator_notes(quiet)
    ana = await notes_for(quiet, "ana@example.org")

    assert len(coordinator) == 1
    assert len(ana) == 1 + 1  # the request's acceptance, then one reminder


async def test_the_same_event_key_is_stored_once_by_the_database(quiet: Settings) -> None:
    await people(quiet)
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        user_id = await session.scalar(select(User.id).where(User.email == "coordinator@example.org"))
        assert user_id is not None
        added = [await notify_once(session, user_id, "checkin.missed:x", "checkin", "Once") for _ in range(2)]
        await session.commit()
        count = await session.scalar(select(func.count()).select_from(Notification))
    await config.get_engine().dispose()

    assert added == [True, False]
    assert count == 1


async def test_history_older_than_the_cutoff_notifies_nobody_at_first_run(quiet: Settings) -> None:
    await people(quiet)
    rid = await start(quiet)
    now = datetime.now(UTC)
    for days in range(30, 120, 15):
        await plan(quiet, rid, now - timedelta(days=days), CheckinStatus.MISSED)
        await plan(quiet, rid, now - timedelta(days=days + 1), CheckinStatus.PLANNED)

    result = await nudge(quiet, now)
    coordinator = await coordinator_notes(quiet)
    ana = await notes_for(quiet, "ana@example.org")

    assert result == {"resumed": 0, "reminded": 0, "escalated": 0}
    assert coordinator == []
    assert not any("not recorded" in text for text in ana)


async def test_a_missed_checkin_note_names_the_people_and_links_the_checkin(quiet: Settings) -> None:
    await people(quiet)
    rid = await start(quiet)
    now = datetime.now(UTC)
    checkin_id = await plan_id(quiet, rid, now - timedelta(days=2), CheckinStatus.MISSED)

    await nudge(quiet, now)
    [note] = await coordinator_notes(quiet)

    assert "Ana" in note.text and "Mia Mentor" in note.text
    assert note.link == f"/checkins/{checkin_id}"


async def test_several_missed_checkins_give_one_grouped_note_listing_them(quiet: Settings) -> None:
    await people(quiet)
    first, second = await start(quiet), await start(quiet, mentee="ben")
    now = datetime.now(UTC)
    ids = {
        await plan_id(quiet, first, now - timedelta(days=2), CheckinStatus.MISSED),
        await plan_id(quiet, first, now - timedelta(days=4), CheckinStatus.PLANNED),
        await plan_id(quiet, second, now - timedelta(days=3), CheckinStatus.MISSED),
    }

    await nudge(quiet, now)
    [note] = await coordinator_notes(quiet)

    assert note.text.startswith("3 check-ins were missed or not recorded this week")
    assert {item["link"] for item in note.items or []} == {f"/checkins/{i}" for i in ids}
    assert any("Ben" in item["text"] and "Mia Mentor" in item["text"] for item in note.items or [])


async def test_dashboard_overdue_count_equals_the_checkins_the_notes_report(quiet: Settings) -> None:
    await people(quiet)
    first, second = await start(quiet), await start(quiet, mentee="ben")
    now = datetime.now(UTC)
    await plan(quiet, first, now - timedelta(days=2), CheckinStatus.MISSED)
    await plan(quiet, first, now - timedelta(days=5), CheckinStatus.PLANNED)
    await plan(quiet, second, now - timedelta(days=3), CheckinStatus.RESCHEDULED)
    await plan(quiet, second, now - timedelta(days=40), CheckinStatus.MISSED)  # old history
    await plan(quiet, second, now - timedelta(hours=2), CheckinStatus.PLANNED)  # not overdue yet

    await nudge(quiet, now)
    [note] = await coordinator_notes(quiet)
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        figures = await dashboard(session, 1.5, now=now)
    await config.get_engine().dispose()

    assert figures.overdue_checkins == len(note.items or []) == 3


async def test_a_member_reminder_names_the_other_person_and_links_the_checkin(quiet: Settings) -> None:
    await people(quiet)
    rid = await start(quiet)
    now = datetime.now(UTC)
    checkin_id = await plan_id(quiet, rid, now - timedelta(days=2), CheckinStatus.PLANNED)

    await nudge(quiet, now)
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        note = await session.scalar(
            select(Notification)
            .join(User, User.id == Notification.user_id)
            .where(User.email == "ana@example.org", Notification.type == "reminder")
        )
    await config.get_engine().dispose()

    assert note is not None
    assert "with Mia Mentor" in note.text
    assert note.link == f"/checkins/{checkin_id}"
