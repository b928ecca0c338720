"""The coordinators' dashboard: figures with known answers, pulse suppression, access, SVG charts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    ActionItem,
    Checkin,
    CheckinStatus,
    Kind,
    MemberRole,
    Profile,
    PulseAnswer,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from mentorship.relationships.dashboard import dashboard
from tests.factories import create_user
from tests.relationships.conftest import mentor_profile

Clients = dict[str, AsyncTestClient[Litestar]]
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=UTC)


async def program(settings: Settings) -> dict[str, UUID]:
    """Five relationships in known states, with check-ins and action items around 20 November 2026."""
    await create_user(settings, "max@example.org", name="Max Mentor", profile=mentor_profile())
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        ids = {
            u.email.split("@")[0]: pid
            for u, pid in (
                await session.execute(select(User, Profile.id).join(Profile, Profile.user_id == User.id))
            ).all()
        }

        def relationship(
            mentor: str, mentee: str, status: RelationshipStatus, started: datetime, **extra: Any
        ) -> Relationship:
            r = Relationship(
                kind=Kind.TRADITIONAL, status=status, started_at=started, cadence_days=14, **extra
            )
            r.members = [
                RelationshipMember(profile_id=ids[mentor], role=MemberRole.MENTOR),
                RelationshipMember(profile_id=ids[mentee], role=MemberRole.MENTEE),
            ]
            session.add(r)
            return r

        quiet = relationship("mia", "ana", RelationshipStatus.ACTIVE, NOW - timedelta(days=60))
        busy = relationship("max", "ben", RelationshipStatus.ACTIVE, NOW - timedelta(days=40))
        relationship("max", "ana", RelationshipStatus.COMPLETED, at(6, 1), ended_at=at(11, 5))
        relationship("mia", "ben", RelationshipStatus.ENDED, at(5, 1), ended_at=at(10, 1), end_reason="x")
        relationship("max", "out", RelationshipStatus.PAUSED, at(9, 1), paused_until=date(2026, 12, 1))
        await session.flush()
        for when, status in (
            (at(10, 20), CheckinStatus.HELD),
            (at(11, 3), CheckinStatus.MISSED),
            (at(11, 10), CheckinStatus.HELD),
            (at(11, 15), CheckinStatus.PLANNED),  # overdue
            (at(11, 25), CheckinStatus.PLANNED),
            (at(11, 12), CheckinStatus.CANCELLED),  # never due: not counted
        ):
            session.add(Checkin(relationship_id=busy.id, scheduled_at=when, status=status))
        for i in range(3):
            session.add(
                ActionItem(
                    relationship_id=busy.id, owner_id=ids["ben"], text=f"t{i}", due_on=date(2026, 11, 1)
                )
            )
        session.add(
            ActionItem(
                relationship_id=busy.id,
                owner_id=ids["ben"],
                text="done",
                due_on=date(2026, 11, 1),
                done_at=NOW,
            )
        )
        await session.commit()
        found = {"quiet": quiet.id, "busy": busy.id, **ids}
    await config.get_engine().dispose()
    return found


async def figures(settings: Settings) -> Any:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        d = await dashboard(session, 1.5, now=NOW)
    await config.get_engine().dispose()
    return d


async def add_pulses(settings: Settings, people: list[UUID]) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        for i, pid in enumerate(people):
            session.add(
                PulseAnswer(
                    profile_id=pid, energy=2, workload=4, stress=3 + i % 2, created_at=NOW - timedelta(days=2)
                )
            )
        await session.commit()
    await config.get_engine().dispose()


async def test_dashboard_figures_with_known_answers(quiet: Settings, clients: Clients) -> None:
    ids = await program(quiet)

    d = await figures(quiet)

    assert (d.active, d.paused, d.completed, d.ended) == (2, 1, 1, 1)
    assert (d.completed_this_month, d.ended_this_month) == (1, 0)
    assert (d.planned_this_month, d.held_this_month) == (4, 1)
    assert d.overdue_checkins == 1 and d.overdue_items == 3
    risks = {row["id"]: row["reasons"] for row in d.at_risk}
    assert risks == {ids["quiet"]: ["no check-in for 60 days"], ids["busy"]: ["3 overdue action items"]}
    assert [(b.label, b.series, b.value) for b in d.month_bars[-4:]] == [
        ("2026-10", "planned", 1),
        ("2026-10", "held", 1),
        ("2026-11", "planned", 4),
        ("2026-11", "held", 1),
    ]
    # Mia and Max each mentor one active mentee of two places, every 14 days: 0.5 + 0.107.
    assert d.mentors == 2 and d.overloaded == 0
    assert [(b.label, b.value) for b in d.load_bars if b.value] == [("0.5–0.75", 2)]
    assert d.pulse is None


async def test_pulse_shows_only_over_five_people(quiet: Settings, clients: Clients) -> None:
    ids = await program(quiet)
    await add_pulses(quiet, [ids[p] for p in ("ana", "ben", "mia", "max")])

    four = await figures(quiet)
    await add_pulses(quiet, [ids["out"]])
    five = await figures(quiet)

    assert four.pulse is None
    assert five.pulse["people"] == 5 and five.pulse["means"]["energy"] == 2.0 and five.pulse["low"] is True


async def test_dashboard_page_and_api_are_for_coordinators(quiet: Settings, clients: Clients) -> None:
    await program(quiet)

    page = await clients["coordinator"].get("/dashboard")
    api = await clients["coordinator"].get("/api/v1/dashboard")
    denied_page = await clients["mia"].get("/dashboard", follow_redirects=False)
    denied_api = await clients["mia"].get("/api/v1/dashboard")

    assert page.status_code == 200
    assert page.text.count('role="img"') == 2 and "<desc" in page.text
    assert "Relationships at risk (2)" in page.text
    assert api.json()["active"] == 2 and len(api.json()["load_distribution"]) == 8
    assert denied_page.status_code == 403 and denied_api.status_code == 403
