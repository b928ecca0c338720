"""Template versions stay with the check-ins that used them; calendar feeds follow moves and revoke."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from mentorship.checkins.builtin import BUILTIN_TEMPLATES, ensure_builtin_templates
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from tests.checkins.conftest import Pair
from tests.helpers import post_form, send_json


async def test_builtin_templates_seed_once(settings: Settings) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        first = await ensure_builtin_templates(session)
        await session.commit()
        again = await ensure_builtin_templates(session)
    await config.get_engine().dispose()

    assert first == len(BUILTIN_TEMPLATES) >= 8
    assert again == 0


async def test_editing_a_template_makes_a_version_and_old_checkins_keep_theirs(pair: Pair) -> None:
    coordinator, mentee = pair.clients["coordinator"], pair.clients["mentee"]
    regular = next(t for t in (await mentee.get("/api/v1/checkin-templates")).json() if t["key"] == "regular")
    old = await send_json(
        mentee,
        "POST",
        f"/api/v1/relationships/{pair.relationship_id}/checkins",
        {"scheduled_at": (datetime.now(UTC) + timedelta(days=1)).isoformat(), "template_id": regular["id"]},
    )

    edited = await post_form(
        coordinator,
        f"/checkin-templates/{regular['id']}",
        {
            "title": "Regular check-in",
            "kind": "regular",
            "sections": "Wins: what went well\nNext: when again",
        },
    )

    assert edited.status_code == 303
    current = next(t for t in (await mentee.get("/api/v1/checkin-templates")).json() if t["key"] == "regular")
    assert current["version"] == 2 and current["id"] != regular["id"]
    assert [s["title"] for s in current["sections"]] == ["Wins", "Next"]
    detail = (await mentee.get(f"/api/v1/checkins/{old.json()['id']}")).json()
    assert detail["checkin"]["template_id"] == regular["id"]
    assert [s["key"] for s in detail["sections"]] == [s["key"] for s in regular["sections"]]


async def test_template_form_errors_are_inline_and_retired_templates_are_not_offered(pair: Pair) -> None:
    coordinator = pair.clients["coordinator"]

    bad = await post_form(coordinator, "/checkin-templates/", {"title": "", "sections": ""})
    created = await send_json(
        coordinator,
        "POST",
        "/api/v1/checkin-templates",
        {"title": "Hackathon debrief", "sections": [{"title": "What"}]},
    )
    retired = await send_json(coordinator, "POST", f"/api/v1/checkin-templates/{created.json()['id']}/retire")

    assert bad.status_code == 400 and 'id="f-title-error"' in bad.text and 'id="f-sections-error"' in bad.text
    assert created.status_code == 201 and retired.json()["retired"] is True
    offered = [t["title"] for t in (await pair.clients["mentee"].get("/api/v1/checkin-templates")).json()]
    assert "Hackathon debrief" not in offered
    member_create = await send_json(
        pair.clients["mentee"], "POST", "/api/v1/checkin-templates", {"title": "x", "sections": []}
    )
    assert member_create.status_code == 403


async def _feed_url(client: object) -> str:
    await post_form(client, "/me/calendar", {})  # type: ignore[arg-type]
    page = (await client.get("/me/calendar")).text  # type: ignore[attr-defined]
    start = page.index("/calendar/")
    return page[start : page.index(".ics", start) + 4]


def _event(body: bytes) -> object:
    calendar = Calendar.from_ical(body)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


async def test_feed_parses_and_changes_when_a_checkin_moves(pair: Pair) -> None:
    mentor, mentee = pair.clients["mentor"], pair.clients["mentee"]
    when = (datetime.now(UTC) + timedelta(days=3)).replace(second=0, microsecond=0)
    checkin = await send_json(
        mentor,
        "POST",
        f"/api/v1/relationships/{pair.relationship_id}/checkins",
        {"scheduled_at": when.isoformat()},
    )
    checkin_id = checkin.json()["id"]
    url = await _feed_url(mentee)
    anonymous = pair.clients["outsider"]

    before = _event((await anonymous.get(url)).content)
    moved_to = when + timedelta(days=2, hours=1)
    await send_json(mentor, "PATCH", f"/api/v1/checkins/{checkin_id}", {"scheduled_at": moved_to.isoformat()})
    after = _event((await anonymous.get(url)).content)

    assert before["uid"] == after["uid"] == f"checkin-{checkin_id}@mentorship"  # type: ignore[index]
    assert before["dtstart"].dt == when and after["dtstart"].dt == moved_to  # type: ignore[index]
    assert int(before["sequence"]) == 0 and int(after["sequence"]) == 1  # type: ignore[index]
    single = await mentee.get(f"/checkins/{checkin_id}/calendar.ics")
    assert single.headers["content-type"].startswith("text/calendar")
    assert _event(single.content)["dtstart"].dt == moved_to  # type: ignore[index]


async def test_revoked_or_regenerated_token_is_404(pair: Pair) -> None:
    mentee = pair.clients["mentee"]
    first = await _feed_url(mentee)
    second = await _feed_url(mentee)
    assert first != second
    assert (await mentee.get(first)).status_code == 404
    assert (await mentee.get(second)).status_code == 200

    await post_form(mentee, "/me/calendar/revoke", {})

    assert (await mentee.get(second)).status_code == 404
    assert (await mentee.get("/calendar/not-a-token.ics")).status_code == 404


async def test_outsiders_feed_has_no_checkins_of_others(pair: Pair) -> None:
    await send_json(
        pair.clients["mentor"],
        "POST",
        f"/api/v1/relationships/{pair.relationship_id}/checkins",
        {"scheduled_at": (datetime.now(UTC) + timedelta(days=3)).isoformat()},
    )
    url = await _feed_url(pair.clients["outsider"])

    calendar = Calendar.from_ical((await pair.clients["outsider"].get(url)).content)

    assert list(calendar.walk("VEVENT")) == []
