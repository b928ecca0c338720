"""The history and notifications page by keyset: every row once, in order, even as rows arrive."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.events.services import EventFilters, EventService, record
from mentorship.models import User
from mentorship.notifications.services import notify
from tests.factories import PASSWORD, create_user
from tests.helpers import login
from tests.notifications.conftest import add_notifications

Client = AsyncTestClient[Litestar]
START = datetime(2026, 3, 1, tzinfo=UTC)


async def add_events(settings: Settings, actor: User, count: int, start: datetime = START) -> None:
    """Events a minute apart, some sharing a time (the id breaks the tie)."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        for i in range(count):
            event = record(session, "goal.added", "relationship", None, actor.id, n=i)
            event.at = start + timedelta(minutes=i // 2)
        await session.commit()
    await config.get_engine().dispose()


async def coordinator(settings: Settings, client: Client) -> User:
    user = await create_user(settings, "cora@example.org", name="Cora Coordinator", coordinator=True)
    await login(client, "cora@example.org", PASSWORD)
    return user


async def api_pages(client: Client, path: str, limit: int) -> list[list[dict[str, Any]]]:
    """Every page of an API list, following `next`."""
    pages, before = [], ""
    while True:
        answer = (await client.get(f"{path}?limit={limit}&before={before}")).json()
        pages.append(answer["items"])
        if answer["next"] is None:
            return pages
        before = answer["next"]


async def test_paging_the_history_api_gives_every_event_once_newest_first(
    client: Client, settings: Settings
) -> None:
    user = await coordinator(settings, client)
    await add_events(settings, user, 23)

    pages = await api_pages(client, "/api/v1/events", 5)

    items = [item for page in pages for item in page]
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3]
    assert sorted(item["data"]["n"] for item in items) == list(range(23))
    assert len({item["id"] for item in items}) == 23
    keys = [(item["at"], item["id"]) for item in items]
    assert keys == sorted(keys, reverse=True)


async def test_events_recorded_between_pages_neither_repeat_nor_hide_older_ones(
    client: Client, settings: Settings
) -> None:
    user = await coordinator(settings, client)
    await add_events(settings, user, 12)

    first = (await client.get("/api/v1/events?limit=5")).json()
    await add_events(settings, user, 4, start=START + timedelta(days=1))  # newer than everything
    second = (await client.get(f"/api/v1/events?limit=5&before={first['next']}")).json()
    third = (await client.get(f"/api/v1/events?limit=5&before={second['next']}")).json()

    items = [item for page in (first, second, third) for item in page["items"]]
    assert sorted(item["data"]["n"] for item in items) == list(range(12))  # each once, none of the new
    assert [item["at"] for item in items] == sorted((item["at"] for item in items), reverse=True)
    assert third["next"] is None


async def test_the_history_page_links_older_newer_and_back_to_the_same_rows(
    client: Client, settings: Settings
) -> None:
    user = await coordinator(settings, client)
    await add_events(settings, user, 120)
    html = {"accept": "text/html"}

    first = (await client.get("/events", headers=html)).text
    older = re.search(r'href="/events\?[^"]*&(?:amp;)?before=([\w-]+)"', first)
    assert older is not None and "Newer" not in first
    second = (await client.get(f"/events?before={older[1]}", headers=html)).text
    newer = re.search(r'href="/events\?[^"]*&(?:amp;)?after=([\w-]+)"', second)
    assert newer is not None and "Older" in second
    back = (await client.get(f"/events?after={newer[1]}", headers=html)).text

    assert first.count("<time datetime=") == second.count("<time datetime=") == 50
    assert times(back) == times(first) and not set(times(first)) & set(times(second))


def times(html: str) -> list[str]:
    return re.findall(r'<td class="small"><time datetime="([^"]+)"', html)


async def test_malformed_cursors_and_limits_are_a_400_naming_the_field(
    client: Client, settings: Settings
) -> None:
    await coordinator(settings, client)

    answers = {
        "/api/v1/events?before=nonsense": "before",
        "/api/v1/events?before=" + "x" * 300: "before",
        "/api/v1/events?before=MjAyNi0wMy0wMQ": "before",  # base64 of a bare date
        "/api/v1/events?limit=201": "limit",
        "/api/v1/events?limit=0": "limit",
        "/api/v1/events?limit=many": "limit",
        "/api/v1/notifications?before=AAAA": "before",
        "/api/v1/notifications?limit=1000": "limit",
    }
    for path, field in answers.items():
        response = await client.get(path)
        assert response.status_code == 400, path
        assert field in response.text, path
    page = await client.get("/events?after=!!!", headers={"accept": "text/html"})
    notes = await client.get("/notifications?before=zz", headers={"accept": "text/html"})
    assert page.status_code == notes.status_code == 400


async def test_paging_notifications_gives_each_once_even_as_new_ones_arrive(
    client: Client, settings: Settings
) -> None:
    user = await create_user(settings, "ana@example.org")
    await add_notifications(settings, user.id, [("proposal", f"Note {i:02d}", "") for i in range(30)])
    await login(client, "ana@example.org", PASSWORD)

    first = (await client.get("/api/v1/notifications?limit=7")).json()
    await add_note_now(settings, user.id, "Brand new")
    rest = await api_pages_from(client, "/api/v1/notifications", 7, first["next"])

    texts = [item["text"] for item in first["items"]] + [item["text"] for page in rest for item in page]
    assert texts == [f"Note {i:02d}" for i in range(29, -1, -1)]
    assert (await client.get("/api/v1/notifications?limit=7")).json()["items"][0]["text"] == "Brand new"


async def add_note_now(settings: Settings, user_id: UUID, text: str) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        notify(session, user_id, "proposal", text)
        await session.commit()
    await config.get_engine().dispose()


async def api_pages_from(client: Client, path: str, limit: int, before: str) -> list[list[dict[str, Any]]]:
    pages = []
    while before:
        answer = (await client.get(f"{path}?limit={limit}&before={before}")).json()
        pages.append(answer["items"])
        before = answer["next"] or ""
    return pages


@contextmanager
def counting() -> Iterator[list[str]]:
    """Every SQL statement any engine runs meanwhile, but the session store's.

    The session store refreshes a session's row now and then, whatever the page: not the page's cost.
    Use it with an app that runs no job worker, whose polls and jobs would land in the count.
    """
    statements: list[str] = []

    def count(*args: Any) -> None:
        if "store_item" not in args[2]:
            statements.append(args[2])

    sa_event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa_event.remove(Engine, "before_cursor_execute", count)


async def test_the_history_and_notifications_pages_run_as_many_queries_for_many_rows(
    quiet_client: Client, quiet: Settings
) -> None:
    client, settings = quiet_client, quiet
    user = await coordinator(settings, client)
    await add_notifications(settings, user.id, [("proposal", f"Note {i}", "") for i in range(5)])
    await add_events(settings, user, 5)
    await client.get("/events")  # warm: the first request reads the app's settings once
    await client.get("/notifications")
    with counting() as few_events:
        await client.get("/events")
    with counting() as few_notes:
        await client.get("/notifications")

    await add_events(settings, user, 200, start=START + timedelta(days=2))
    await add_notifications(settings, user.id, [("proposal", f"More {i}", "") for i in range(200)])
    with counting() as many_events:
        await client.get("/events")
    with counting() as many_notes:
        await client.get("/notifications")

    assert len(many_events) == len(few_events)
    assert len(many_notes) == len(few_notes)


async def test_the_csv_export_in_batches_gives_every_event_once_in_order(
    client: Client, settings: Settings
) -> None:
    user = await coordinator(settings, client)
    await add_events(settings, user, 23)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        batches = [batch async for batch in EventService(session).batches(EventFilters(), size=7)]
    await config.get_engine().dispose()
    exported = (await client.get("/events.csv")).text.splitlines()

    assert [len(batch) for batch in batches] == [7, 7, 7, 2]
    rows = [row.event for batch in batches for row in batch]
    assert sorted(event.data["n"] for event in rows) == list(range(23))
    assert [(e.at, e.id) for e in rows] == sorted(((e.at, e.id) for e in rows), reverse=True)
    assert len(exported) == 1 + 23 and exported[1].startswith(rows[0].at.isoformat())
