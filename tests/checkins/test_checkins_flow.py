"""Scheduling, preparing and recording check-ins; action items carry forward until done."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from tests.checkins.conftest import Pair
from tests.helpers import post_form, send_json


def soon(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0).isoformat()


async def test_first_checkin_suggests_the_first_meeting_template(pair: Pair) -> None:
    mentee = pair.clients["mentee"]
    templates = (await mentee.get("/api/v1/checkin-templates")).json()
    first = next(t for t in templates if t["key"] == "first")

    page = await mentee.get(f"/relationships/{pair.relationship_id}/checkins")

    assert page.status_code == 200
    assert f'<option value="{first["id"]}" selected>' in page.text


async def test_open_action_items_carry_forward_across_two_checkins_until_done(pair: Pair) -> None:
    mentor, mentee = pair.clients["mentor"], pair.clients["mentee"]
    base = f"/api/v1/relationships/{pair.relationship_id}"
    first = (await send_json(mentor, "POST", f"{base}/checkins", {"scheduled_at": soon(-1)})).json()
    await send_json(mentor, "PATCH", f"/api/v1/checkins/{first['id']}", {"status": "held", "notes": "Met"})
    item = await send_json(
        mentee,
        "POST",
        f"{base}/action-items",
        {
            "text": "Draft the volunteer call",
            "owner_id": str(pair.profiles["mentee"]),
            "checkin_id": first["id"],
        },
    )
    assert item.status_code == 201, item.text
    second = (await send_json(mentor, "POST", f"{base}/checkins", {"scheduled_at": soon(7)})).json()
    third = (await send_json(mentee, "POST", f"{base}/checkins", {"scheduled_at": soon(21)})).json()

    for checkin in (second, third):
        detail = (await mentee.get(f"/api/v1/checkins/{checkin['id']}")).json()
        assert [a["text"] for a in detail["carried_forward"]] == ["Draft the volunteer call"]
    page = await mentor.get(f"/checkins/{third['id']}")
    assert "Draft the volunteer call" in page.text

    await send_json(mentee, "POST", f"/api/v1/action-items/{item.json()['id']}/done", {"done": True})

    for checkin in (second, third):
        detail = (await mentee.get(f"/api/v1/checkins/{checkin['id']}")).json()
        assert detail["carried_forward"] == []
    first_detail = (await mentee.get(f"/api/v1/checkins/{first['id']}")).json()
    assert [a["text"] for a in first_detail["action_items"]] == ["Draft the volunteer call"]


async def test_schedule_by_cadence_follows_the_last_checkin(pair: Pair) -> None:
    mentor = pair.clients["mentor"]
    base = f"/api/v1/relationships/{pair.relationship_id}/checkins"
    first = (await send_json(mentor, "POST", base, {"scheduled_at": soon(3)})).json()

    nxt = (await send_json(mentor, "POST", base, {})).json()

    # The cadence sets the day; the hour is the first in both working days (both people are in UTC).
    due = datetime.fromisoformat(first["scheduled_at"]).date() + timedelta(days=14)
    while due.weekday() >= 5:
        due += timedelta(days=1)
    assert datetime.fromisoformat(nxt["scheduled_at"]) == datetime.combine(due, time(9), tzinfo=UTC)


async def test_form_schedules_records_entries_and_marks_held(pair: Pair) -> None:
    mentee, mentor = pair.clients["mentee"], pair.clients["mentor"]
    response = await post_form(
        mentee, f"/relationships/{pair.relationship_id}/checkins", {"when": "2030-01-10T16:00"}
    )
    assert response.status_code == 303, response.text
    checkin_path = response.headers["location"]
    await post_form(mentor, f"{checkin_path}/agenda", {"text": "Talk about the grant", "section": ""})

    saved = await post_form(
        mentee,
        f"{checkin_path}/record",
        {"entry-expectations": "Guidance on events", "notes": "Shared notes here", "action": "held"},
    )

    assert saved.status_code == 303
    page = (await mentor.get(checkin_path)).text
    assert "Guidance on events" in page and "Shared notes here" in page and "Talk about the grant" in page
    assert "status-held" in page


async def test_bad_date_shows_an_inline_error_and_saves_nothing(pair: Pair) -> None:
    mentee = pair.clients["mentee"]

    response = await post_form(mentee, f"/relationships/{pair.relationship_id}/checkins", {"when": "soon"})

    assert response.status_code == 400
    assert 'id="f-when-error"' in response.text
    assert (await mentee.get(f"/api/v1/relationships/{pair.relationship_id}/checkins")).json() == []


async def test_paused_relationship_schedules_nothing_before_it_resumes(pair: Pair, settings: object) -> None:
    from mentorship.config import Settings
    from tests.checkins.conftest import add_relationship

    assert isinstance(settings, Settings)
    resume = (datetime.now(UTC) + timedelta(days=40)).date()
    resume += timedelta(days=(2 - resume.weekday()) % 7)  # a Wednesday: weekends are never proposed
    paused = await add_relationship(
        settings, pair.profiles["mentor"], pair.profiles["outsider"], status="paused", paused_until=resume
    )
    client = pair.clients["outsider"]
    base = f"/api/v1/relationships/{paused}/checkins"

    refused = await send_json(client, "POST", base, {"scheduled_at": soon(3)})
    by_cadence = await send_json(client, "POST", base, {})

    assert refused.status_code == 400
    assert datetime.fromisoformat(by_cadence.json()["scheduled_at"]).date() == resume


async def test_action_item_owner_must_be_a_member(pair: Pair) -> None:
    response = await send_json(
        pair.clients["mentor"],
        "POST",
        f"/api/v1/relationships/{pair.relationship_id}/action-items",
        {"text": "Something", "owner_id": str(pair.profiles["outsider"])},
    )

    assert response.status_code == 400
    assert response.json()["extra"][0]["key"] == "owner_id"


async def test_reschedule_moves_the_date_and_a_held_checkin_stays_put(pair: Pair) -> None:
    mentee = pair.clients["mentee"]
    created = await send_json(
        mentee, "POST", f"/api/v1/relationships/{pair.relationship_id}/checkins", {"scheduled_at": soon(5)}
    )
    path = f"/checkins/{created.json()['id']}"

    moved = await post_form(mentee, f"{path}/reschedule", {"when": "2031-03-04T09:30"})
    detail = (await mentee.get(f"/api/v1{path}")).json()["checkin"]
    await post_form(mentee, f"{path}/status", {"status": "held"})
    refused = await post_form(mentee, f"{path}/reschedule", {"when": "2031-05-04T09:30"})

    assert moved.status_code == 303
    assert detail["scheduled_at"].startswith("2031-03-04T09:30") and detail["sequence"] == 1
    assert detail["status"] == "rescheduled"
    assert refused.status_code == 400 and 'id="f-when-error"' in refused.text
