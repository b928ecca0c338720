"""Dates outside ten years back to five years ahead are refused by field; a stored one breaks nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest
from sqlalchemy import update

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Checkin, Profile
from tests.checkins.conftest import Pair
from tests.helpers import post_form, send_json

FAR_AHEAD = "9999-12-31T23:00:00Z"
FAR_BACK = "1900-01-01T00:00:00Z"


def field_errors(response: object) -> dict[str, str]:
    body = response.json()  # type: ignore[attr-defined]
    return {item["key"]: item["message"] for item in body.get("extra") or []}


def in_years(years: int) -> str:
    return (datetime.now(UTC) + timedelta(days=365 * years)).replace(microsecond=0).isoformat()


@pytest.mark.parametrize(
    "when",
    [FAR_AHEAD, FAR_BACK, in_years(6), in_years(-11)],
    ids=["year-9999", "year-1900", "six-years-ahead", "eleven-years-back"],
)
async def test_a_checkin_far_from_today_is_refused_by_field(pair: Pair, when: str) -> None:
    base = f"/api/v1/relationships/{pair.relationship_id}"

    response = await send_json(pair.clients["mentor"], "POST", f"{base}/checkins", {"scheduled_at": when})

    assert response.status_code in (400, 422), response.text
    assert "scheduled_at" in field_errors(response)
    listing = await pair.clients["mentor"].get(f"{base}/checkins")
    assert listing.json() == []


async def test_a_checkin_four_years_ahead_is_accepted(pair: Pair) -> None:
    base = f"/api/v1/relationships/{pair.relationship_id}"

    response = await send_json(
        pair.clients["mentor"], "POST", f"{base}/checkins", {"scheduled_at": in_years(4)}
    )

    assert response.status_code == 201, response.text


async def test_rescheduling_and_action_items_far_from_today_are_refused_by_field(pair: Pair) -> None:
    mentor = pair.clients["mentor"]
    base = f"/api/v1/relationships/{pair.relationship_id}"
    checkin = (await send_json(mentor, "POST", f"{base}/checkins", {"scheduled_at": in_years(1)})).json()

    moved = await send_json(mentor, "PATCH", f"/api/v1/checkins/{checkin['id']}", {"scheduled_at": FAR_AHEAD})
    item = await send_json(mentor, "POST", f"{base}/action-items", {"text": "Plan", "due_on": "9999-12-31"})

    assert moved.status_code in (400, 422) and "scheduled_at" in field_errors(moved), moved.text
    assert item.status_code in (400, 422) and "due_on" in field_errors(item), item.text
    detail = (await mentor.get(f"/api/v1/checkins/{checkin['id']}")).json()
    assert detail["checkin"]["scheduled_at"] == checkin["scheduled_at"]


async def test_the_checkin_forms_show_the_range_inline_and_keep_what_was_typed(pair: Pair) -> None:
    mentor = pair.clients["mentor"]
    base = f"/api/v1/relationships/{pair.relationship_id}"
    checkin = (await send_json(mentor, "POST", f"{base}/checkins", {"scheduled_at": in_years(1)})).json()

    planned = await post_form(
        mentor, f"/relationships/{pair.relationship_id}/checkins", {"when": "9999-12-31T23:00"}
    )
    moved = await post_form(mentor, f"/checkins/{checkin['id']}/reschedule", {"when": "1901-01-01T10:00"})
    item = await post_form(
        mentor, f"/checkins/{checkin['id']}/actions", {"text": "Plan", "due_on": "9999-12-31"}
    )

    for response, typed in ((planned, "9999-12-31T23:00"), (moved, "1901-01-01T10:00"), (item, "9999-12-31")):
        assert response.status_code == 400, response.text
        assert "Choose a date between" in response.text
        assert typed in response.text


async def store_far_checkin(settings: Settings, pair: Pair) -> UUID:
    """A check-in stored before the range was enforced, seen by someone in a zone ahead of UTC."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        checkin = Checkin(
            relationship_id=pair.relationship_id, scheduled_at=datetime(9999, 12, 31, 23, 0, tzinfo=UTC)
        )
        session.add(checkin)
        await session.execute(
            update(Profile).where(Profile.id.in_(pair.profiles.values())).values(timezone="Asia/Tokyo")
        )
        await session.commit()
        checkin_id = checkin.id
    await config.get_engine().dispose()
    return checkin_id


async def test_a_checkin_stored_out_of_range_breaks_no_page_nor_the_cadence(
    pair: Pair, settings: Settings
) -> None:
    checkin_id = await store_far_checkin(settings, pair)
    mentee = pair.clients["mentee"]
    base = f"/relationships/{pair.relationship_id}"

    pages = [
        await mentee.get(f"{base}/checkins", headers={"accept": "text/html"}),
        await mentee.get(f"/checkins/{checkin_id}", headers={"accept": "text/html"}),
        await mentee.get(base, headers={"accept": "text/html"}),
        await mentee.get(f"/api/v1{base}/checkins"),
        await mentee.get(f"/api/v1/checkins/{checkin_id}"),
        await mentee.get(f"/api/v1{base}"),
        await mentee.get(f"/checkins/{checkin_id}/calendar.ics"),
    ]
    by_cadence = await send_json(mentee, "POST", f"/api/v1{base}/checkins", {})

    assert [page.status_code for page in pages] == [200] * len(pages), [p.text[:300] for p in pages]
    assert by_cadence.status_code == 201, by_cadence.text
    planned = datetime.fromisoformat(by_cadence.json()["scheduled_at"])
    assert planned.date() <= date.today() + timedelta(days=366)
