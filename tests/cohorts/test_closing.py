"""A cohort's end: its live relationships are asked once to complete, by the daily job or a coordinator."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from mentorship.app import create_app
from mentorship.cohorts.closing import ASKED, CohortClosing, CohortNotOver
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.jobs.tasks import PERIODIC, TASKS
from mentorship.models import Checkin, CheckinTemplate, Event, Notification, TemplateKind, User
from tests.cohorts.conftest import TODAY, World, plant
from tests.factories import PASSWORD
from tests.helpers import login, post_form, send_json


async def closing_state(settings: Settings) -> tuple[set[UUID], int, Counter[UUID]]:
    """Relationships asked, cohort notifications, closing check-ins per relationship."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        asked = set((await session.execute(select(Event.subject_id).where(Event.type == ASKED))).scalars())
        notes = await session.scalar(
            select(func.count()).select_from(Notification).where(Notification.key.like("cohort-closing:%"))
        )
        closing = (
            await session.execute(
                select(Checkin.relationship_id)
                .join(CheckinTemplate, CheckinTemplate.id == Checkin.template_id)
                .where(CheckinTemplate.kind == TemplateKind.CLOSING)
            )
        ).scalars()
        counted = Counter(closing)
    await config.get_engine().dispose()
    return {i for i in asked if i is not None}, int(notes or 0), counted


async def sweep(settings: Settings) -> dict[str, int]:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        result = await CohortClosing(session).close_ended()
    await config.get_engine().dispose()
    return result


async def test_the_daily_job_asks_each_live_relationship_of_an_ended_cohort_once(settings: Settings) -> None:
    world = await plant(settings)
    ended = {world.relationships["a"], world.relationships["b"]}

    first = await sweep(settings)
    second = await sweep(settings)

    assert first == {"programs": 1, "asked": 2}
    assert second == {"programs": 1, "asked": 0}
    asked, notes, closing = await closing_state(settings)
    assert asked == ended  # not the completed one, not the running cohort, not the open-ended program
    assert notes == 4  # both members of both relationships, once
    assert closing == Counter(dict.fromkeys(ended, 1))


async def test_the_closing_checkin_comes_after_a_pause_and_is_not_doubled(settings: Settings) -> None:
    world = await plant(settings)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        template = await session.scalar(
            select(CheckinTemplate).where(CheckinTemplate.kind == TemplateKind.CLOSING)
        )
        assert template is not None
        session.add(
            Checkin(
                relationship_id=world.relationships["a"],
                template_id=template.id,
                scheduled_at=datetime.now(UTC) + timedelta(days=2),
            )
        )
        await session.commit()
    await config.get_engine().dispose()

    await sweep(settings)

    _asked, _notes, closing = await closing_state(settings)
    assert closing[world.relationships["a"]] == 1
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        when = await session.scalar(
            select(Checkin.scheduled_at).where(Checkin.relationship_id == world.relationships["b"])
        )
    await config.get_engine().dispose()
    assert when is not None and when.date() >= TODAY + timedelta(days=20)  # paused until then


def test_the_job_runs_every_day() -> None:
    path = "mentorship.cohorts.tasks.close_ended_cohorts"

    assert path in TASKS
    minute, hour, *every = PERIODIC[path].split()
    assert every == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()


@pytest.fixture
async def signed(quiet: Settings) -> AsyncIterator[tuple[World, dict[str, AsyncTestClient[Litestar]]]]:
    """The planted world and a signed-in client per person the tests act as."""
    world = await plant(quiet)
    clients: dict[str, AsyncTestClient[Litestar]] = {}
    for who in ("admin", "cohort-lead", "other-lead", "outsider", "mentee-a", "mentee-running"):
        client = AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local")
        clients[who] = await client.__aenter__()
        await login(clients[who], f"{who}@example.org", PASSWORD)
    yield world, clients
    for client in clients.values():
        await client.__aexit__(None, None, None)


async def test_a_coordinator_closes_the_cohort_from_its_page(
    signed: tuple[World, dict[str, AsyncTestClient[Litestar]]], quiet: Settings
) -> None:
    world, clients = signed
    lead = clients["cohort-lead"]

    confirm = await lead.get("/programs/leadership-2026/close")
    done = await post_form(lead, "/programs/leadership-2026/close", {})
    again = await send_json(lead, "POST", "/api/v1/programs/leadership-2026/close")

    assert confirm.status_code == 200 and "Close the cohort now" in confirm.text
    assert done.status_code == 303 and done.headers["location"] == "/programs/leadership-2026/outcomes"
    after = (await lead.get("/programs/leadership-2026/outcomes")).text
    assert after.count("Asked 2 relationships") == 1  # the flash, once
    assert "the 2 relationships still going were asked to complete" in after
    assert "Close the cohort now" not in after
    assert again.status_code == 200 and again.json() == {"asked": 0, "already_asked": 2}
    asked, _notes, _closing = await closing_state(quiet)
    assert asked == {world.relationships["a"], world.relationships["b"]}


async def test_a_cohort_still_running_or_open_ended_is_not_closed(
    signed: tuple[World, dict[str, AsyncTestClient[Litestar]]], quiet: Settings
) -> None:
    _world, clients = signed
    admin = clients["admin"]

    running = await send_json(admin, "POST", "/api/v1/programs/leadership-2027/close")
    open_ended = await send_json(admin, "POST", "/api/v1/programs/newcomers/close")
    page = await post_form(admin, "/programs/leadership-2027/close", {})

    assert running.status_code == 409 and "ends on" in running.json()["detail"]
    assert open_ended.status_code == 409 and "no end date" in open_ended.json()["detail"]
    assert page.status_code == 303 and page.headers["location"] == "/programs/leadership-2027"
    assert (await closing_state(quiet))[0] == set()


async def test_only_the_cohorts_coordinators_may_close_it(
    signed: tuple[World, dict[str, AsyncTestClient[Litestar]]], quiet: Settings
) -> None:
    _world, clients = signed

    answers = [
        (await send_json(clients[who], "POST", "/api/v1/programs/leadership-2026/close")).status_code
        for who in ("other-lead", "outsider", "mentee-a")
    ]

    assert answers == [403, 403, 403]
    assert (await closing_state(quiet))[0] == set()


async def test_the_relationship_page_says_the_cohort_ended(
    signed: tuple[World, dict[str, AsyncTestClient[Litestar]]],
) -> None:
    world, clients = signed

    mine = await clients["mentee-a"].get(f"/relationships/{world.relationships['a']}/cohort")
    running = await clients["mentee-running"].get(f"/relationships/{world.relationships['running']}/cohort")
    page = await clients["mentee-a"].get(f"/relationships/{world.relationships['a']}")
    outsider = await clients["outsider"].get(f"/relationships/{world.relationships['a']}/cohort")

    ends_on = (TODAY - timedelta(days=2)).isoformat()
    assert f"This cohort ended on {ends_on}: please complete your relationship" in mine.text
    assert running.status_code == 200 and "ended" not in running.text
    assert f'hx-get="/relationships/{world.relationships["a"]}/cohort"' in page.text
    assert outsider.status_code == 404


async def test_two_coordinators_closing_at_once_ask_each_relationship_once(settings: Settings) -> None:
    world = await plant(settings)
    configs = [build_sqlalchemy_config(settings) for _ in range(3)]

    async def press(config: object) -> int:
        assert hasattr(config, "get_session")
        async with config.get_session() as session:
            user = await session.get(User, world.users["admin"])
            assert user is not None
            return (await CohortClosing(session).close_now("leadership-2026", user)).asked

    results = await asyncio.gather(*(press(c) for c in configs))

    assert sorted(results) == [0, 0, 2]  # one does it; the others find nothing left to ask
    for config in configs:
        await config.get_engine().dispose()
    asked, notes, closing = await closing_state(settings)
    assert asked == {world.relationships["a"], world.relationships["b"]}
    assert notes == 4 and set(closing.values()) == {1}


async def test_a_program_that_has_not_ended_raises(settings: Settings) -> None:
    world = await plant(settings)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        user = await session.get(User, world.users["admin"])
        assert user is not None
        with pytest.raises(CohortNotOver):
            await CohortClosing(session).close_now("leadership-2027", user)
    await config.get_engine().dispose()
