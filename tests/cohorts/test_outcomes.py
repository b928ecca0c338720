"""The outcome report: a planted cohort's figures on the page, in JSON and CSV, and who may read them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.events.services import record
from mentorship.models import (
    Checkin,
    CheckinStatus,
    Goal,
    GoalStatus,
    PulseAnswer,
    Reflection,
    Relationship,
    RelationshipStatus,
)
from tests.cohorts.conftest import TODAY, World, add_pair, plant
from tests.factories import PASSWORD
from tests.helpers import login

Clients = dict[str, AsyncTestClient[Litestar]]


def month_day(months_back: int) -> datetime:
    """The 2nd of a month some months ago, at noon UTC (always before this week)."""
    first = TODAY.replace(day=1)
    for _i in range(months_back):
        first = (first - timedelta(days=1)).replace(day=1)
    return datetime(first.year, first.month, 2, 12, tzinfo=UTC)


async def plant_report(settings: Settings, world: World) -> None:
    """In the ended cohort: 3 completed (one planted before), 1 ended early, goals 4/6, reflections, pulse."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        program_id = world.programs["ended"]
        pairs = [
            await add_pair(session, world, "c2", program_id, RelationshipStatus.COMPLETED),
            await add_pair(session, world, "c3", program_id, RelationshipStatus.COMPLETED),
            await add_pair(
                session, world, "gone", program_id, RelationshipStatus.ENDED, end_reason="Moved away"
            ),
        ]
        record(session, "relationship.ended", "relationship", pairs[2].id, None, by_member=True)
        statuses = [GoalStatus.DONE] * 4 + [GoalStatus.OPEN, GoalStatus.DROPPED]
        for i, status in enumerate(statuses):
            session.add(Goal(relationship_id=pairs[i % 2].id, title=f"Goal {i}", status=status))
        mentees = [m.profile_id for p in pairs[:2] for m in p.members]
        for profile_id, before, after in [
            (mentees[0], {"delegation": 2, "conflict": 3}, {"delegation": 3, "conflict": 4}),
            (mentees[1], {"delegation": 2}, {"delegation": 4}),
            (mentees[2], None, {"delegation": 1}),  # no rating at the start: not counted
        ]:
            relationship_id = (
                pairs[0].id if profile_id in {m.profile_id for m in pairs[0].members} else pairs[1].id
            )
            session.add(
                Reflection(
                    relationship_id=relationship_id,
                    profile_id=profile_id,
                    text="Learned a lot",
                    self_assessment_before=before,
                    self_assessment_after=after,
                    created_at=datetime.now(UTC),
                )
            )
        await plant_pulse(session, world)
        await session.commit()
    await config.get_engine().dispose()


async def plant_pulse(session: Any, world: World) -> None:
    """Five people answer in one month (shown), three in the month before (hidden)."""
    live = [world.relationships[k] for k in ("a", "b", "done")]
    people: list[tuple[Any, Any]] = []
    for relationship_id in live:
        relationship = await session.get(Relationship, relationship_id)
        people.extend((relationship_id, m.profile_id) for m in relationship.members)
    for months_back, who, energies in ((1, people[:5], [4, 4, 4, 4, 2]), (2, people[:3], [1, 1, 1])):
        when = month_day(months_back)
        checkins = {}
        for relationship_id in live:
            checkin = Checkin(relationship_id=relationship_id, scheduled_at=when, status=CheckinStatus.HELD)
            session.add(checkin)
            checkins[relationship_id] = checkin
        await session.flush()
        for (relationship_id, profile_id), energy in zip(who, energies, strict=True):
            session.add(
                PulseAnswer(
                    profile_id=profile_id,
                    checkin_id=checkins[relationship_id].id,
                    energy=energy,
                    workload=3,
                    stress=2,
                    created_at=when,
                )
            )


@pytest.fixture
async def report_world(quiet: Settings) -> AsyncIterator[tuple[World, Clients]]:
    world = await plant(quiet)
    await plant_report(quiet, world)
    clients: Clients = {}
    for who in ("admin", "cohort-lead", "other-lead", "outsider", "mentee-a"):
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        clients[who] = await client.__aenter__()
        await login(clients[who], f"{who}@example.org", PASSWORD)
    yield world, clients
    for client in clients.values():
        await client.__aexit__(None, None, None)


async def test_the_report_counts_a_planted_cohort(report_world: tuple[World, Clients]) -> None:
    _world, clients = report_world

    response = await clients["cohort-lead"].get("/api/v1/programs/leadership-2026/outcomes")

    assert response.status_code == 200
    data = response.json()
    assert data["relationships"] == {
        "started": 6,
        "completed": 3,
        "ended_early": 1,
        "live": 2,
        "live_asked_to_complete": 0,
        "ended_early_by": {"participant": 1, "coordinator": 0},
    }
    assert data["goals"]["set"] == 6 and data["goals"]["reached"] == 4
    assert data["goals"]["share"] == pytest.approx(4 / 6)
    skills = {s["question"]: s for s in data["self_assessment"]}
    assert (
        skills["delegation"]["before"],
        skills["delegation"]["after"],
        skills["delegation"]["people"],
    ) == (
        2.0,
        3.5,
        2,
    )
    assert skills["conflict"]["people"] == 1
    hidden, shown = data["pulse"]
    assert hidden == {
        "month": month_day(2).strftime("%Y-%m"),
        "hidden": True,
    }  # 3 answers: nothing given away
    assert shown["hidden"] is False and shown["people"] == 5 and shown["energy"] == 3.6
    assert data["term"]["days_over"] == 2 and data["term"]["days_left"] is None
    assert "Moved away" not in response.text


async def test_the_report_page_and_csv_show_the_same_figures(report_world: tuple[World, Clients]) -> None:
    _world, clients = report_world

    page = await clients["admin"].get("/programs/leadership-2026/outcomes")
    csv = await clients["admin"].get("/programs/leadership-2026/outcomes.csv")

    assert page.status_code == 200
    assert 'data-figure="completed">3<' in page.text and 'data-figure="ended-early">1<' in page.text
    assert "4 / 6 (67%)" in page.text
    assert "Delegating work: 2.0 → 3.5" in page.text
    assert 'id="chart-relationships"' in page.text and 'id="chart-skills"' in page.text
    assert "1 month is hidden because fewer than 5 people answered" in page.text
    assert "It ended 2 days ago." in page.text and "Close the cohort now" in page.text
    assert "Moved away" not in page.text
    assert csv.headers["content-type"].startswith("text/csv")
    assert "leadership-2026-outcomes.csv" in csv.headers["content-disposition"]
    lines = csv.text.splitlines()
    assert "relationships,completed,3" in lines and "self_assessment,delegation_after,3.5" in lines
    assert f"pulse,{month_day(2).strftime('%Y-%m')}_hidden,fewer than 5 people" in lines


async def test_an_open_ended_program_reports_over_all_time(report_world: tuple[World, Clients]) -> None:
    _world, clients = report_world

    page = await clients["other-lead"].get("/programs/newcomers/outcomes")
    data = (await clients["other-lead"].get("/api/v1/programs/newcomers/outcomes")).json()

    assert page.status_code == 200 and "An open-ended program" in page.text
    assert data["relationships"]["started"] == 1 and data["relationships"]["live"] == 1
    assert data["term"] == {"starts_on": None, "ends_on": None, "days_left": None, "days_over": None}


@pytest.mark.parametrize(
    "path",
    [
        "/programs/leadership-2026/outcomes",
        "/programs/leadership-2026/outcomes.csv",
        "/api/v1/programs/leadership-2026/outcomes",
    ],
)
async def test_only_the_programs_coordinators_and_administrators_read_the_report(
    report_world: tuple[World, Clients], path: str
) -> None:
    _world, clients = report_world

    answers = {
        who: (await client.get(path, follow_redirects=False)).status_code for who, client in clients.items()
    }

    assert answers == {"admin": 200, "cohort-lead": 200, "other-lead": 403, "outsider": 403, "mentee-a": 403}


async def test_a_running_cohort_shows_the_days_left(report_world: tuple[World, Clients]) -> None:
    _world, clients = report_world

    data = (await clients["admin"].get("/api/v1/programs/leadership-2027/outcomes")).json()
    page = await clients["admin"].get("/programs/leadership-2027/outcomes")

    assert data["term"]["days_left"] == 30 and data["term"]["days_over"] is None
    assert "30 days left." in page.text and "Close the cohort now" not in page.text
