"""Suggestions from stored lists: ready after a refresh, checked for room at once, prepared for newcomers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.stale import MENTORS_JOB, PEERS_JOB
from mentorship.jobs import job_queue
from mentorship.models import SuggestionScope
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login, send_json
from tests.programs.program_world import match, signed_in, two_programs
from tests.stored_suggestions import refresh_suggestions

Clients = dict[str, AsyncTestClient[Litestar]]
PREPARING = "We are finding mentors who fit you; your list appears here by itself within a few minutes."


def names(found: list[dict[str, Any]]) -> list[str]:
    return [s["profile"]["name"] for s in found]


@contextmanager
def counted() -> Iterator[list[str]]:
    """Every SQL statement run while inside, in order."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # The driver's own look-ups (asyncpg reads a type's codec once per connection) are not the page's.
        if "pg_catalog" not in statement:
            statements.append(statement.split("\n", 1)[0][:80])

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


async def stale_scopes(settings: Settings) -> set[str]:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        found = await session.execute(
            select(SuggestionScope.scope).where(SuggestionScope.stale_since.is_not(None))
        )
        stale = set(found.scalars())
    await config.get_engine().dispose()
    return stale


async def test_a_newcomer_is_told_her_list_is_being_prepared_then_sees_it(
    quiet: Settings, clients: Clients
) -> None:
    await create_user(quiet, "mia@example.org", name="Mia", profile=mentor(1, ["editathons"], ["en"]))
    await create_user(quiet, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["en"]))
    ana = clients["ana"]
    await login(ana, "ana@example.org", PASSWORD)

    early_api = await ana.get("/api/v1/suggestions")
    early_page = await ana.get("/suggestions")
    polled = await ana.get("/suggestions", headers={"HX-Request": "true"})
    queue = await job_queue(ana.app)
    queued = await queue.job(MENTORS_JOB)
    await refresh_suggestions(quiet)
    ready_api = await ana.get("/api/v1/suggestions")
    ready_page = await ana.get("/suggestions")

    assert early_api.status_code == 202 and early_api.json() == []
    assert early_api.headers["suggestions-status"] == "preparing"
    assert PREPARING in early_page.text and 'href="/suggestions"' in early_page.text
    assert 'hx-get="/suggestions"' in early_page.text
    # htmx polls for the list alone, not the whole page.
    assert polled.text.lstrip().startswith('<div id="suggestions"') and "<html" not in polled.text
    assert queued is not None  # asking for the page queued the refresh
    assert ready_api.status_code == 200 and ready_api.headers["suggestions-status"] == "ready"
    assert names(ready_api.json()) == ["Mia"]
    assert PREPARING not in ready_page.text and 'hx-get="/suggestions"' not in ready_page.text
    assert "Ask Mia to mentor me" in ready_page.text


async def test_a_mentor_who_fills_up_disappears_at_once_without_a_refresh(quiet: Settings) -> None:
    await two_programs(quiet, ana_in_both=True)
    await refresh_suggestions(quiet)
    async with signed_in(quiet, "mia", "max", "ana", "ben") as people:
        before = (await people["ben"].get("/api/v1/suggestions")).json()
        await match(people["ana"], people["mia"], "leadership")  # Mia's one place is taken
        after = (await people["ben"].get("/api/v1/suggestions")).json()
        page = (await people["ben"].get("/suggestions")).text

    assert sorted(names(before)) == ["Max Mentor", "Mia Mentor"]
    assert names(after) == ["Max Mentor"]
    assert "Mia Mentor" not in page


async def test_each_program_has_its_own_list(quiet: Settings) -> None:
    await two_programs(quiet, ana_in_both=True)
    await refresh_suggestions(quiet)
    async with signed_in(quiet, "ana", "ben") as people:
        ana = (await people["ana"].get("/api/v1/suggestions")).json()
        ben = (await people["ben"].get("/api/v1/suggestions")).json()

    assert {(s["profile"]["name"], s["program_slug"]) for s in ana} == {
        ("Mia Mentor", "leadership"),
        ("Mia Mentor", "newcomers"),
        ("Max Mentor", "newcomers"),
    }
    assert {s["program_slug"] for s in ben} == {"newcomers"}


async def test_profile_edits_mark_the_lists_stale_and_queue_one_refresh(
    quiet: Settings, clients: Clients
) -> None:
    user = await create_user(quiet, "mia@example.org", name="Mia", profile=mentor(2, ["editathons"], ["en"]))
    assert user.profile is not None
    await create_user(quiet, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["en"]))
    await refresh_suggestions(quiet)
    mia = clients["mia"]
    await login(mia, "mia@example.org", PASSWORD)
    queue = await job_queue(mia.app)
    assert await stale_scopes(quiet) == set()

    for capacity in (3, 4, 5):
        edited = await send_json(mia, "PATCH", f"/api/v1/profiles/{user.profile.id}", {"capacity": capacity})
        assert edited.status_code == 200, edited.text

    assert await stale_scopes(quiet) == {"", "peer"}
    queued = [job for job in await queue.jobs([MENTORS_JOB, PEERS_JOB]) if job is not None]
    assert sorted(job.key for job in queued) == [MENTORS_JOB, PEERS_JOB]  # three edits, one job of each
    assert await queue.count("queued") == 2
    await refresh_suggestions(quiet)
    assert await stale_scopes(quiet) == set()


async def test_the_page_s_queries_do_not_grow_with_the_community(quiet: Settings, clients: Clients) -> None:
    await create_user(quiet, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["en"]))
    for i in range(3):
        await create_user(quiet, f"m{i}@example.org", name=f"M{i}", profile=mentor(1, ["editathons"], ["en"]))
    await refresh_suggestions(quiet)
    ana = clients["ana"]
    await login(ana, "ana@example.org", PASSWORD)
    await ana.get("/suggestions")  # warm: the first request loads what every later one shares

    with counted() as small:
        assert (await ana.get("/suggestions")).status_code == 200
    with counted() as small_api:
        assert len((await ana.get("/api/v1/suggestions")).json()) == 3
    for i in range(3, 30):
        await create_user(quiet, f"m{i}@example.org", name=f"M{i}", profile=mentor(1, ["editathons"], ["en"]))
    for i in range(20):
        await create_user(quiet, f"e{i}@example.org", name=f"E{i}", profile=mentee(["editathons"], ["en"]))
    await refresh_suggestions(quiet)
    await ana.get("/suggestions")  # warm again: new people's topics changed the catalog's cached names
    with counted() as large:
        assert (await ana.get("/suggestions")).status_code == 200
    with counted() as large_api:
        assert len((await ana.get("/api/v1/suggestions")).json()) == 5

    assert len(large) == len(small), sorted(set(large) ^ set(small))
    assert len(large_api) == len(small_api)
