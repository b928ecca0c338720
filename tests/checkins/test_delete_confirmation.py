"""Deleting an action item is asked once more, saying it cannot be undone; then back where it was."""

from __future__ import annotations

import html

from tests.checkins.conftest import Pair
from tests.helpers import post_form, send_json


async def items_of(pair: Pair) -> list[str]:
    url = f"/api/v1/relationships/{pair.relationship_id}/action-items"
    return [i["text"] for i in (await pair.clients["mentor"].get(url)).json()]


async def test_delete_asks_first_and_the_confirmation_deletes(pair: Pair) -> None:
    mentor = pair.clients["mentor"]
    created = await send_json(
        mentor, "POST", f"/api/v1/relationships/{pair.relationship_id}/action-items", {"text": "Book a room"}
    )
    item_id = created.json()["id"]
    back = f"/relationships/{pair.relationship_id}"

    edit = await mentor.get(f"/action-items/{item_id}/edit", params={"back": back})
    asked = await mentor.get(f"/action-items/{item_id}/delete", params={"back": back})
    after_asking = await items_of(pair)
    deleted = await post_form(mentor, f"/action-items/{item_id}/delete", {"back": back})

    shown = html.unescape(asked.text)
    assert f'href="/action-items/{item_id}/delete?back=' in edit.text
    assert f'action="/action-items/{item_id}/delete"' not in edit.text
    assert asked.status_code == 200 and "Delete the action item “Book a room”?" in shown
    assert "It disappears from the relationship and from every check-in agenda." in shown
    assert "This cannot be undone." in shown
    assert f'action="/action-items/{item_id}/delete"' in asked.text
    assert f'name="back" value="{back}"' in asked.text
    assert after_asking == ["Book a room"]
    assert deleted.status_code == 303 and deleted.headers["location"] == back
    assert await items_of(pair) == []


async def test_delete_is_not_offered_to_a_member_who_may_not_delete(pair: Pair) -> None:
    created = await send_json(
        pair.clients["mentor"],
        "POST",
        f"/api/v1/relationships/{pair.relationship_id}/action-items",
        {"text": "Book a room"},
    )

    asked = await pair.clients["mentee"].get(f"/action-items/{created.json()['id']}/delete")

    assert asked.status_code == 403
    assert await items_of(pair) == ["Book a room"]
