"""In-app notifications: the badge, the list, opening and marking read, only ever one's own."""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user
from tests.helpers import login, post_form, send_json
from tests.notifications.conftest import add_notifications

Client = AsyncTestClient[Litestar]

THREE = [
    ("proposal", "Ana is proposed as your mentor", "/proposals/1"),
    ("accepted", "Ben accepted your request", "/relationships/2"),
    ("reminder", "Your proposal expires tomorrow", "/proposals/3"),
]


def badge(html: str) -> str:
    """The text of the nav badge (empty when there is none)."""
    match = re.search(
        r'<span id="nav-unread"[^>]*>(.*?)</span></span>|<span id="nav-unread"[^>]*></span>', html
    )
    assert match, "no badge element in the nav"
    return re.sub(r"<[^>]+>", "", match.group(1) or "").strip()


async def test_badge_shows_the_unread_count(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "ana@example.org")
    await add_notifications(settings, user.id, THREE, read=1)
    await login(client, "ana@example.org", PASSWORD)

    response = await client.get("/account/notifications")

    assert badge(response.text) == "2 unread"


async def test_badge_is_empty_without_unread_notifications(client: Client, settings: Settings) -> None:
    await create_user(settings, "ana@example.org")
    await login(client, "ana@example.org", PASSWORD)

    response = await client.get("/account/notifications")

    assert badge(response.text) == ""


async def test_list_is_newest_first_with_unread_highlighted(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "ana@example.org")
    await add_notifications(settings, user.id, THREE, read=1)
    await login(client, "ana@example.org", PASSWORD)

    html = (await client.get("/notifications")).text

    positions = [html.index(text) for _type, text, _link in THREE]
    assert positions == sorted(positions, reverse=True)
    assert html.count('class="notification unread"') == 2
    assert html.count('class="notification"') == 1


async def test_list_pages_through_many(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "ana@example.org")
    await add_notifications(settings, user.id, [("proposal", f"Note {i:02d}", "") for i in range(25)])
    await login(client, "ana@example.org", PASSWORD)

    first = (await client.get("/notifications")).text
    older = re.search(r'href="/notifications\?before=([\w-]+)"', first)
    assert older is not None
    second = (await client.get(f"/notifications?before={older[1]}", headers={"HX-Request": "true"})).text

    assert "Note 24" in first and "Note 05" in first and "Note 04" not in first
    assert second.startswith('<section id="notification-list"') and "Note 04" in second


async def test_opening_marks_read_and_goes_to_the_object(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "ana@example.org")
    ids = await add_notifications(settings, user.id, THREE)
    await login(client, "ana@example.org", PASSWORD)

    response = await client.get(f"/notifications/{ids[1]}", follow_redirects=False)

    assert response.status_code in {302, 303}
    assert response.headers["location"] == "/relationships/2"
    listing = (await client.get("/api/v1/notifications")).json()
    assert listing["unread"] == 2
    assert [item["read_at"] is not None for item in listing["items"]] == [False, True, False]


async def test_nobody_opens_someone_elses_notification(client: Client, settings: Settings) -> None:
    owner = await create_user(settings, "ana@example.org")
    await create_user(settings, "ben@example.org")
    ids = await add_notifications(settings, owner.id, THREE)
    await login(client, "ben@example.org", PASSWORD)

    response = await client.get(f"/notifications/{ids[0]}", follow_redirects=False)
    listing = (await client.get("/api/v1/notifications")).json()
    page = (await client.get("/notifications")).text

    assert response.status_code == 404
    assert listing["items"] == [] and listing["total"] == 0
    assert THREE[0][1] not in page


async def test_mark_all_read_from_the_page(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "ana@example.org")
    await add_notifications(settings, user.id, THREE)
    await login(client, "ana@example.org", PASSWORD)

    response = await post_form(client, "/notifications/read", {})

    assert response.status_code == 303
    assert badge((await client.get("/notifications")).text) == ""


async def test_mark_all_read_with_htmx_updates_list_and_badge(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "ana@example.org")
    await add_notifications(settings, user.id, THREE)
    await login(client, "ana@example.org", PASSWORD)
    token = client.cookies.get("csrftoken") or ""

    response = await client.post(
        "/notifications/read", headers={"HX-Request": "true", "x-csrftoken": token}, follow_redirects=False
    )

    assert response.status_code == 200
    assert response.text.startswith('<section id="notification-list"')
    assert 'id="nav-unread" hx-swap-oob="true"' in response.text
    assert "unread" not in response.text.split("notification-list", 1)[1].split("<ul", 1)[1]


async def test_api_marks_listed_ids_and_ignores_others(client: Client, settings: Settings) -> None:
    ana = await create_user(settings, "ana@example.org")
    ben = await create_user(settings, "ben@example.org")
    own = await add_notifications(settings, ana.id, THREE)
    theirs = await add_notifications(settings, ben.id, THREE)
    await login(client, "ana@example.org", PASSWORD)

    response = await send_json(
        client, "POST", "/api/v1/notifications/read", {"ids": [str(own[0]), str(theirs[0])]}
    )

    assert response.status_code == 200
    assert response.json() == {"marked": 1, "unread": 2}
    await login(client, "ben@example.org", PASSWORD)
    assert (await client.get("/api/v1/notifications")).json()["unread"] == 3


async def test_api_marks_all_and_filters_unread(client: Client, settings: Settings) -> None:
    ana = await create_user(settings, "ana@example.org")
    await add_notifications(settings, ana.id, THREE, read=1)
    await login(client, "ana@example.org", PASSWORD)

    unread = (await client.get("/api/v1/notifications?unread=true")).json()
    marked = await send_json(client, "POST", "/api/v1/notifications/read", {"all": True})

    assert [item["text"] for item in unread["items"]] == [THREE[2][1], THREE[1][1]]
    assert marked.json() == {"marked": 2, "unread": 0}


async def test_notifications_need_signing_in(client: Client) -> None:
    page = await client.get("/notifications", headers={"accept": "text/html"}, follow_redirects=False)
    api = await client.get("/api/v1/notifications")

    assert page.status_code == 303
    assert api.status_code == 401
