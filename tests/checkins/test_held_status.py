"""Once held, only a mentor or whoever marked it held changes its status; the others are told."""

from __future__ import annotations

from mentorship.config import Settings
from tests.checkins.conftest import Pair, add_checkin_world
from tests.helpers import post_form, send_json


async def _notes(pair: Pair, who: str) -> list[str]:
    page = await pair.clients[who].get("/api/v1/notifications")
    assert page.status_code == 200, page.text
    body = page.json()
    items = body["items"] if isinstance(body, dict) else body
    return [n["text"] for n in items]


async def test_mentee_cannot_flip_a_check_in_her_mentor_marked_held(pair: Pair, settings: Settings) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)
    checkin = f"/checkins/{ids['checkin_id']}"
    await post_form(pair.clients["mentor"], f"{checkin}/status", {"status": "held"})

    form = await post_form(pair.clients["mentee"], f"{checkin}/status", {"status": "missed"})
    api = await send_json(pair.clients["mentee"], "PATCH", f"/api/v1{checkin}", {"status": "cancelled"})

    assert form.status_code == 400 and 'id="f-status-error"' in form.text
    assert api.status_code == 400
    assert (await pair.clients["mentor"].get(f"/api/v1{checkin}")).json()["checkin"]["status"] == "held"
    page = await pair.clients["mentee"].get(checkin)
    assert 'id="status-locked"' in page.text and f'action="{checkin}/status"' not in page.text


async def test_whoever_marked_it_held_and_a_mentor_can_change_it(pair: Pair, settings: Settings) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)
    checkin = f"/checkins/{ids['checkin_id']}"
    await post_form(pair.clients["mentee"], f"{checkin}/record", {"notes": "Met", "action": "held"})

    by_mentee = await post_form(pair.clients["mentee"], f"{checkin}/status", {"status": "missed"})
    await post_form(pair.clients["mentee"], f"{checkin}/status", {"status": "held"})
    by_mentor = await post_form(pair.clients["mentor"], f"{checkin}/status", {"status": "cancelled"})

    assert by_mentee.status_code == 303 and by_mentor.status_code == 303
    assert (await pair.clients["mentor"].get(f"/api/v1{checkin}")).json()["checkin"]["status"] == "cancelled"


async def test_a_status_change_tells_the_other_members(pair: Pair, settings: Settings) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)

    await post_form(pair.clients["mentee"], f"/checkins/{ids['checkin_id']}/status", {"status": "missed"})

    mentor_notes = await _notes(pair, "mentor")
    assert any("Mentee marked the check-in" in text and "missed" in text for text in mentor_notes)
    assert not any("marked the check-in" in text for text in await _notes(pair, "mentee"))
