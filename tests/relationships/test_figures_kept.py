"""The dashboard's and a coordinator's home figures: kept in the shared store, recounted after a change."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from mentorship.app import create_app
from mentorship.config import Settings
from tests.factories import PASSWORD
from tests.helpers import login, send_json
from tests.relationships.conftest import start

Clients = dict[str, AsyncTestClient[Litestar]]


@contextmanager
def counted() -> Iterator[list[str]]:
    """Every SQL statement run while inside."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "pg_catalog" not in statement:
            statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


async def test_an_unchanged_community_is_not_counted_again(quiet: Settings, clients: Clients) -> None:
    await start(quiet)
    coordinator = clients["coordinator"]
    with counted() as first:
        counted_once = (await coordinator.get("/api/v1/dashboard")).json()
    with counted() as second:
        kept = (await coordinator.get("/api/v1/dashboard")).json()

    assert kept == counted_once and kept["active"] == 1
    # The first visit counts (18 statements); the second reads the fingerprint and the kept figures.
    assert len(first) >= 15 and len(second) <= 6, (len(first), len(second))


async def test_a_change_shows_on_the_next_visit_on_every_worker(quiet: Settings, clients: Clients) -> None:
    relationship = await start(quiet)
    coordinator = clients["coordinator"]
    before = (await coordinator.get("/api/v1/dashboard")).json()
    home_before = (await coordinator.get("/")).text
    until = (date.today() + timedelta(days=20)).isoformat()
    paused = await send_json(
        clients["mia"], "POST", f"/api/v1/relationships/{relationship}/pause", {"until": until}
    )
    assert paused.status_code == 200, paused.text

    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as other_worker:
        await login(other_worker, "coordinator@example.org", PASSWORD)
        after = (await other_worker.get("/api/v1/dashboard")).json()
        page = (await other_worker.get("/dashboard")).text
    again = (await coordinator.get("/api/v1/dashboard")).json()

    assert (before["active"], before["paused"]) == (1, 0)
    assert (after["active"], after["paused"]) == (0, 1) and again == after
    assert '<dd class="figure-value" data-figure="paused">1</dd>' in page
    assert waiting(home_before) == 2  # Ben and the outsider; Ana has Mia


async def test_a_coordinator_s_home_counts_again_after_a_match(quiet: Settings, clients: Clients) -> None:
    await start(quiet)
    coordinator = clients["coordinator"]
    before = waiting((await coordinator.get("/")).text)
    kept = waiting((await coordinator.get("/")).text)
    await start(quiet, mentee="ben")
    after = waiting((await coordinator.get("/")).text)

    assert (before, kept, after) == (2, 2, 1)


def waiting(home: str) -> int:
    """The home page's count of mentees waiting for a match."""
    found = re.search(r'stat-value">(\d+)</span><a class="stat-label" href="/roster\?role=mentee"', home)
    assert found, "no waiting mentees figure on the home page"
    return int(found.group(1))


async def test_coordinators_arriving_together_wait_for_one_count(quiet: Settings, clients: Clients) -> None:
    await start(quiet)
    coordinator = clients["coordinator"]
    with counted() as statements:
        answers = await asyncio.gather(*(coordinator.get("/api/v1/dashboard") for _ in range(5)))

    assert [a.status_code for a in answers] == [200] * 5
    assert len({a.text for a in answers}) == 1
    counts = [s for s in statements if "GROUP BY relationship.status" in s]
    assert len(counts) == 1  # one worker counted once; the four others read what it kept


async def test_kept_figures_take_no_second_connection_from_the_pool(quiet: Settings) -> None:
    from litestar.stores.base import Store

    from mentorship.database import build_sqlalchemy_config
    from mentorship.lib.figures import FIGURES_STORE, kept

    app = create_app(quiet)
    config = build_sqlalchemy_config(quiet)
    held = {"now": 0, "most": 0}

    def out(*_args: object) -> None:
        held["now"] += 1
        held["most"] = max(held["most"], held["now"])

    def back(*_args: object) -> None:
        held["now"] -= 1

    async def count() -> int:
        return 3

    async with app.lifespan():
        store: Store = app.stores.get(FIGURES_STORE)
        async with config.get_session() as session:
            await session.connection()  # a request already holds its connection when it asks
            held["now"] = held["most"] = 1
            event.listen(Pool, "checkout", out)
            event.listen(Pool, "checkin", back)
            try:
                counted = await kept(store, session, "pool", int, count)
                read = await kept(store, session, "pool", int, count)
            finally:
                event.remove(Pool, "checkout", out)
                event.remove(Pool, "checkin", back)
        await config.get_engine().dispose()

    # A second connection per request emptied the pool when 32 coordinators waited for one count.
    assert counted == read == 3
    assert held["most"] == 1


async def test_a_request_that_has_written_counts_without_waiting_on_its_own_lock(quiet: Settings) -> None:
    from litestar.stores.base import Store

    from mentorship.database import build_sqlalchemy_config
    from mentorship.lib.figures import FIGURES_STORE, kept
    from mentorship.models import Topic

    app = create_app(quiet)
    config = build_sqlalchemy_config(quiet)
    async with app.lifespan():
        store: Store = app.stores.get(FIGURES_STORE)
        async with config.get_session() as session:
            session.add(Topic(slug="written-first", label="Written first"))
            await session.flush()  # this request now holds the write lock until it commits

            async def count() -> int:
                return 7

            figures = await asyncio.wait_for(kept(store, session, "written", int, count), timeout=10)
            await session.commit()
        await config.get_engine().dispose()
        async with config.get_session() as session:
            again = await kept(store, session, "unwritten", int, count)
        await config.get_engine().dispose()

    assert figures == 7 and again == 7


def roster_total(page: str) -> int:
    found = re.search(r"(\d+) participants?</p>", page)
    assert found, "no participant count on the roster"
    return int(found.group(1))


async def test_the_roster_total_is_kept_until_an_account_changes(quiet: Settings, clients: Clients) -> None:
    from sqlalchemy import update

    from mentorship.database import build_sqlalchemy_config
    from mentorship.models import User

    await start(quiet)
    coordinator = clients["coordinator"]
    first = (await coordinator.get("/roster")).text
    await login(clients["ben"], "ben@example.org", PASSWORD)  # being seen is no edit of the account
    with counted() as second_visit:
        again = (await coordinator.get("/roster")).text
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        await session.execute(update(User).where(User.email == "ben@example.org").values(is_active=False))
        await session.commit()
    await config.get_engine().dispose()
    after = (await coordinator.get("/roster")).text

    assert roster_total(first) == roster_total(again) >= 3
    assert not [s for s in second_visit if s.lstrip().lower().startswith("select count(*)")]
    assert roster_total(after) == roster_total(first) - 1 and "Ben" not in after.split("participant", 1)[1]


async def test_a_count_s_lock_is_forgotten_once_done(quiet: Settings, clients: Clients) -> None:
    from mentorship.lib import figures

    await start(quiet)
    roster = (await clients["coordinator"].get("/roster?q=someone")).text

    assert "participant" in roster
    assert not [k for held in figures._LOCKS.values() for k in held if k.startswith("roster-total:")]
