"""A grouped notification lists its entries, each a link, on the page and in its email."""

from __future__ import annotations

from uuid import UUID

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Notification
from mentorship.notifications.delivery import _body
from mentorship.notifications.services import notify_once
from tests.factories import PASSWORD, create_user
from tests.helpers import login

Client = AsyncTestClient[Litestar]
ITEMS = [
    {"text": "Ana and Mia Mentor, Tue 01 Dec", "link": "/checkins/11111111-1111-1111-1111-111111111111"},
    {"text": "Ben and Mia Mentor, Wed 02 Dec", "link": "/checkins/22222222-2222-2222-2222-222222222222"},
]


async def grouped_note(settings: Settings, user_id: UUID) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        text = "2 check-ins were missed or not recorded this week"
        assert await notify_once(session, user_id, "checkin.missed:ab", "checkin", text, "/dashboard", ITEMS)
        await session.commit()
    await config.get_engine().dispose()


async def test_a_grouped_notification_lists_its_entries_as_links(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "cora@example.org", coordinator=True)
    await grouped_note(settings, user.id)
    await login(client, "cora@example.org", PASSWORD)

    html = (await client.get("/notifications", headers={"accept": "text/html"})).text

    assert "2 check-ins were missed or not recorded this week" in html
    for item in ITEMS:
        assert f'<a href="{item["link"]}">{item["text"]}</a>' in html


async def test_a_grouped_notification_email_lists_its_entries(settings: Settings) -> None:
    note = Notification(text="2 check-ins were missed", link="/dashboard", items=ITEMS, type="checkin")

    body = _body(note, settings)

    assert "Ana and Mia Mentor, Tue 01 Dec: http" in body
    assert f"{settings.base_url}{ITEMS[1]['link']}" in body


async def test_the_api_gives_a_grouped_notification_its_entries(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "cora@example.org", coordinator=True)
    await grouped_note(settings, user.id)
    await login(client, "cora@example.org", PASSWORD)

    [note] = (await client.get("/api/v1/notifications")).json()["items"]

    assert note["entries"] == ITEMS
