"""The history page says what happened in words, with names and links; codes and ids only in details."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event as sa_event
from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.events.services import EventFilters, EventService, record
from mentorship.models import Checkin, CheckinStatus, Profile, User
from tests.factories import PASSWORD
from tests.helpers import login
from tests.relationships.conftest import people, start

Client = AsyncTestClient[Litestar]
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CODE_RE = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


def visible_text(html: str) -> str:
    """The page's text a person sees: no tags, no closed <details>, no attributes."""
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"<details.*?</details>", " ", body, flags=re.S)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


async def a_program(settings: Settings) -> dict[str, str]:
    """A request accepted into a relationship (through the services), then a check-in marked held."""
    await people(settings)
    rid = await start(settings)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        mia = await session.scalar(select(User).where(User.email == "mia@example.org"))
        assert mia is not None
        checkin = Checkin(
            relationship_id=rid, scheduled_at=datetime.now(UTC) - timedelta(days=1), status=CheckinStatus.HELD
        )
        session.add(checkin)
        await session.flush()
        record(session, "checkin.held", "checkin", checkin.id, mia.id)
        await session.commit()
        mia_profile = await session.scalar(select(Profile.id).where(Profile.user_id == mia.id))
        ids = {"relationship": str(rid), "checkin": str(checkin.id), "mia": str(mia_profile)}
    await config.get_engine().dispose()
    return ids


async def test_history_names_people_and_links_objects_without_codes_or_ids(
    client: Client, settings: Settings
) -> None:
    ids = await a_program(settings)
    await login(client, "coordinator@example.org", PASSWORD)

    html = (await client.get("/events", headers={"accept": "text/html"})).text
    text = " ".join(visible_text(html).split())

    assert "Ana asked Mia Mentor to mentor them" in text
    assert "Mia Mentor marked the check-in of Ana and Mia Mentor on" in text
    assert f'href="/checkins/{ids["checkin"]}"' in html
    assert f'href="/relationships/{ids["relationship"]}"' in html
    assert f'href="/profiles/{ids["mia"]}"' in html
    assert UUID_RE.findall(text) == []
    assert CODE_RE.findall(text) == []
    assert "<details" in html and "<code>checkin.held</code>" in html


async def test_names_on_a_page_take_one_query_per_kind_not_per_row(settings: Settings) -> None:
    await a_program(settings)
    config = build_sqlalchemy_config(settings)
    statements: list[str] = []
    async with config.get_session() as session:
        count = await session.scalar(select(func.count()).select_from(User))
        assert count
        sync_engine = config.get_engine().sync_engine
        sa_event.listen(sync_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        page = await EventService(session).page(EventFilters())
    await config.get_engine().dispose()

    assert len(page.rows) >= 4
    assert len(statements) <= 1 + 7  # the page, then at most one query per kind of object
