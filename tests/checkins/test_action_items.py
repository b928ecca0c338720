"""Action items are ticked off, edited and deleted wherever shown, and through the API; members only."""

from __future__ import annotations

import re
from uuid import UUID

import pytest

from mentorship.config import Settings
from tests.checkins.conftest import Pair, add_checkin_world
from tests.helpers import post_form, send_json


async def _item(pair: Pair, settings: Settings) -> dict[str, str]:
    return await add_checkin_world(settings, pair.relationship_id)


async def _state(pair: Pair, item_id: str) -> dict[str, object] | None:
    items = (
        await pair.clients["mentor"].get(f"/api/v1/relationships/{pair.relationship_id}/action-items")
    ).json()
    return next((i for i in items if i["id"] == item_id), None)


@pytest.mark.parametrize("place", ["relationship", "checkin", "open-items"])
async def test_each_page_showing_an_action_item_lets_a_member_tick_it_off(
    pair: Pair, settings: Settings, place: str
) -> None:
    ids = await _item(pair, settings)
    mentee = pair.clients["mentee"]
    page = {
        "relationship": f"/relationships/{pair.relationship_id}",
        "checkin": f"/checkins/{ids['checkin_id']}",
        "open-items": f"/relationships/{pair.relationship_id}/checkins",
    }[place]
    shown = await mentee.get(page)
    assert f'action="/action-items/{ids["action_item_id"]}/done"' in shown.text
    assert f'href="/action-items/{ids["action_item_id"]}/edit?back=' in shown.text
    form = re.search(
        rf'action="/action-items/{ids["action_item_id"]}/done"[^>]*>(.*?)</form>', shown.text, re.S
    )
    assert form is not None and 'type="hidden" name="_csrf_token"' in form.group(1)

    response = await post_form(mentee, f"/action-items/{ids['action_item_id']}/done", {"back": page})

    assert response.status_code == 303 and response.headers["location"] == page
    state = await _state(pair, ids["action_item_id"])
    assert state is not None and state["done_at"] is not None


async def test_a_member_edits_text_owner_and_due_date_from_the_edit_page(
    pair: Pair, settings: Settings
) -> None:
    ids = await _item(pair, settings)
    mentee = pair.clients["mentee"]
    back = f"/relationships/{pair.relationship_id}"
    form = await mentee.get(f"/action-items/{ids['action_item_id']}/edit?back={back}")
    assert form.status_code == 200 and "Write it up" in form.text

    response = await post_form(
        mentee,
        f"/action-items/{ids['action_item_id']}/edit",
        {
            "text": "Write it up by Friday",
            "owner_id": str(pair.profiles["mentee"]),
            "due_on": "2030-02-01",
            "back": back,
        },
    )

    assert response.status_code == 303 and response.headers["location"] == back
    state = await _state(pair, ids["action_item_id"])
    assert state is not None
    assert (state["text"], state["owner_id"], state["due_on"]) == (
        "Write it up by Friday",
        str(pair.profiles["mentee"]),
        "2030-02-01",
    )


async def test_editing_with_an_empty_text_keeps_the_typed_date_and_marks_the_field(
    pair: Pair, settings: Settings
) -> None:
    ids = await _item(pair, settings)

    response = await post_form(
        pair.clients["mentee"],
        f"/action-items/{ids['action_item_id']}/edit",
        {"text": "", "due_on": "2030-03-04"},
    )

    assert response.status_code == 400
    assert 'id="f-text-error"' in response.text and 'value="2030-03-04"' in response.text


async def test_only_the_creator_or_owner_deletes_an_action_item(pair: Pair) -> None:
    mentor, mentee = pair.clients["mentor"], pair.clients["mentee"]
    created = await send_json(
        mentor, "POST", f"/api/v1/relationships/{pair.relationship_id}/action-items", {"text": "Book a room"}
    )
    item_id = created.json()["id"]
    edit_page = await mentee.get(f"/action-items/{item_id}/edit")
    assert "Delete this action item" not in edit_page.text

    refused = await post_form(mentee, f"/action-items/{item_id}/delete", {})
    deleted = await post_form(
        mentor, f"/action-items/{item_id}/delete", {"back": f"/relationships/{pair.relationship_id}"}
    )

    assert refused.status_code == 403
    assert deleted.status_code == 303
    assert await _state(pair, item_id) is None


async def test_the_owner_deletes_an_item_someone_else_added(pair: Pair) -> None:
    created = await send_json(
        pair.clients["mentor"],
        "POST",
        f"/api/v1/relationships/{pair.relationship_id}/action-items",
        {"text": "Read the guide", "owner_id": str(pair.profiles["mentee"])},
    )

    response = await send_json(
        pair.clients["mentee"], "DELETE", f"/api/v1/action-items/{created.json()['id']}"
    )

    assert response.status_code == 204
    assert await _state(pair, created.json()["id"]) is None


async def test_api_patch_edits_and_ticks_off_an_action_item(pair: Pair, settings: Settings) -> None:
    ids = await _item(pair, settings)

    response = await send_json(
        pair.clients["mentee"],
        "PATCH",
        f"/api/v1/action-items/{ids['action_item_id']}",
        {"text": "Write it up twice", "due_on": "2030-01-02", "done": True},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["text"] == "Write it up twice" and body["due_on"] == "2030-01-02" and body["done_at"]
    cleared = await send_json(
        pair.clients["mentee"], "PATCH", f"/api/v1/action-items/{ids['action_item_id']}", {"due_on": None}
    )
    assert cleared.json()["due_on"] is None and cleared.json()["text"] == "Write it up twice"


async def test_api_patch_refuses_an_empty_text_and_an_owner_from_outside(
    pair: Pair, settings: Settings
) -> None:
    ids = await _item(pair, settings)
    path = f"/api/v1/action-items/{ids['action_item_id']}"

    empty = await send_json(pair.clients["mentee"], "PATCH", path, {"text": " "})
    stranger = await send_json(
        pair.clients["mentee"], "PATCH", path, {"owner_id": str(pair.profiles["outsider"])}
    )

    assert empty.status_code == 400 and stranger.status_code == 400


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("coordinator", 403)])
async def test_people_outside_the_relationship_cannot_change_an_action_item(
    pair: Pair, settings: Settings, who: str, status: int
) -> None:
    ids = await _item(pair, settings)
    client = pair.clients[who]
    item = ids["action_item_id"]

    answers = [
        await send_json(client, "PATCH", f"/api/v1/action-items/{item}", {"done": True}),
        await send_json(client, "DELETE", f"/api/v1/action-items/{item}"),
        await post_form(client, f"/action-items/{item}/done", {}),
        await post_form(client, f"/action-items/{item}/edit", {"text": "Mine now"}),
        await post_form(client, f"/action-items/{item}/delete", {}),
        await client.get(f"/action-items/{item}/edit"),
    ]

    assert [a.status_code for a in answers] == [status] * len(answers)
    state = await _state(pair, item)
    assert state is not None and state["text"] == "Write it up" and state["done_at"] is None


async def test_back_never_leaves_the_site(pair: Pair, settings: Settings) -> None:
    ids = await _item(pair, settings)

    response = await post_form(
        pair.clients["mentee"], f"/action-items/{ids['action_item_id']}/done", {"back": "//evil.example/x"}
    )

    assert response.headers["location"] == f"/checkins/{ids['checkin_id']}"
    assert UUID(ids["checkin_id"])
