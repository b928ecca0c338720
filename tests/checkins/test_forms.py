"""Check-in forms keep what was typed, show each error under its own field, and never leave a 405 behind."""

from __future__ import annotations

import html
import re

from mentorship.config import Settings
from tests.checkins.conftest import Pair, add_checkin_world
from tests.helpers import post_form

LONG = "Shared thoughts, " * 320  # about 5,400 characters: over the limit


async def test_record_error_keeps_every_typed_value_and_marks_its_field(
    pair: Pair, settings: Settings
) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)
    mentee = pair.clients["mentee"]

    response = await post_form(
        mentee,
        f"/checkins/{ids['checkin_id']}/record",
        {
            "entry-wins": "We shipped the newsletter",
            "notes": LONG,
            "private_note": "Tired this week",
            "action": "held",
        },
    )

    assert response.status_code == 400
    page = html.unescape(response.text)
    assert 'id="f-notes-error"' in page
    assert re.search(r'<textarea id="f-notes"[^>]*aria-invalid="true"', page)
    assert LONG.strip() in page
    assert "We shipped the newsletter" in page
    assert "Tired this week" in page


async def test_empty_action_item_error_shows_under_the_action_field_only(
    pair: Pair, settings: Settings
) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)
    mentor = pair.clients["mentor"]

    response = await post_form(mentor, f"/checkins/{ids['checkin_id']}/actions", {"text": "  ", "due_on": ""})

    assert response.status_code == 400
    assert 'id="f-action-text-error"' in response.text
    assert 'id="f-text-error"' not in response.text
    assert response.text.count('aria-invalid="true"') == 1


async def test_agenda_error_keeps_the_chosen_section(pair: Pair, settings: Settings) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)
    mentor = pair.clients["mentor"]

    response = await post_form(
        mentor, f"/checkins/{ids['checkin_id']}/agenda", {"text": "", "section": "wins"}
    )

    assert response.status_code == 400
    assert 'id="f-text-error"' in response.text
    assert 'id="f-action-text-error"' not in response.text
    assert '<option value="wins" selected>' in response.text


async def test_pulse_error_keeps_the_other_answers(pair: Pair, settings: Settings) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)
    mentee = pair.clients["mentee"]

    response = await post_form(
        mentee, f"/checkins/{ids['checkin_id']}/pulse", {"energy": "4", "workload": "9", "stress": "2"}
    )

    assert response.status_code == 400
    assert 'id="f-workload-error"' in response.text
    assert '<option value="4" selected>' in response.text and '<option value="2" selected>' in response.text


async def test_reloading_any_checkin_form_address_goes_back_to_the_page(
    pair: Pair, settings: Settings
) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)
    mentee = pair.clients["mentee"]
    checkin = f"/checkins/{ids['checkin_id']}"

    for suffix in ("record", "agenda", "actions", "status", "reschedule", "pulse"):
        response = await mentee.get(f"{checkin}/{suffix}", follow_redirects=False)
        assert response.status_code in (302, 303), (suffix, response.status_code)
        assert response.headers["location"] == checkin
    # Opening the delete address asks for confirmation instead (see test_delete_confirmation.py).
    response = await mentee.get(f"/action-items/{ids['action_item_id']}/done", follow_redirects=False)
    assert response.status_code in (302, 303), response.status_code


async def test_reloading_a_form_address_is_still_refused_to_an_outsider(
    pair: Pair, settings: Settings
) -> None:
    ids = await add_checkin_world(settings, pair.relationship_id)

    response = await pair.clients["outsider"].get(
        f"/checkins/{ids['checkin_id']}/record", follow_redirects=False
    )

    assert response.status_code == 404
