"""Private notes and pulse answers never reach anyone but their author; coordinators see aggregates only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mentorship.checkins.pulse import pulse_aggregates, support_requests, week_start
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import PulseAnswer
from tests.checkins.conftest import Pair
from tests.factories import create_user
from tests.helpers import post_form, send_json

SECRET = "Private: I am thinking of quitting the board"


async def _checkin(pair: Pair) -> str:
    response = await send_json(
        pair.clients["mentor"],
        "POST",
        f"/api/v1/relationships/{pair.relationship_id}/checkins",
        {"scheduled_at": (datetime.now(UTC) + timedelta(days=2)).isoformat()},
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_private_note_and_pulse_are_seen_only_by_their_author(pair: Pair) -> None:
    checkin_id = await _checkin(pair)
    mentee = pair.clients["mentee"]
    await post_form(
        mentee, f"/checkins/{checkin_id}/record", {"private_note": SECRET, "notes": "Shared words"}
    )
    await post_form(mentee, f"/checkins/{checkin_id}/pulse", {"energy": "2", "workload": "5", "stress": "4"})

    mine_html = (await mentee.get(f"/checkins/{checkin_id}")).text
    mine_json = (await mentee.get(f"/api/v1/checkins/{checkin_id}")).json()
    assert SECRET in mine_html
    assert mine_json["my_private_note"] == SECRET
    assert mine_json["my_pulse"]["workload"] == 5
    assert [p["stress"] for p in (await mentee.get("/api/v1/me/pulse")).json()] == [4]

    for who in ("mentor", "coordinator", "outsider"):
        client = pair.clients[who]
        html = await client.get(f"/checkins/{checkin_id}")
        json = await client.get(f"/api/v1/checkins/{checkin_id}")
        assert SECRET not in html.text and SECRET not in json.text, who
        if who == "outsider":
            assert (html.status_code, json.status_code) == (404, 404)
            continue
        assert "Shared words" in html.text
        assert json.json()["my_private_note"] in ("", None)
        assert json.json()["my_pulse"] is None
        assert (await client.get("/api/v1/me/pulse")).json() == []
        assert (await client.get("/api/v1/me/pulse")).json() == []


async def test_wellbeing_trend_shows_my_answers_only(pair: Pair) -> None:
    checkin_id = await _checkin(pair)
    await post_form(pair.clients["mentee"], f"/checkins/{checkin_id}/pulse", {"energy": "3", "stress": "5"})

    mine = await pair.clients["mentee"].get("/me/wellbeing")
    theirs = await pair.clients["mentor"].get("/me/wellbeing")

    assert "<svg" in mine.text and "<polyline" in mine.text
    assert "<svg" not in theirs.text


async def test_coordinators_cannot_write_and_outsiders_cannot_see(pair: Pair) -> None:
    checkin_id = await _checkin(pair)

    as_coordinator = await post_form(
        pair.clients["coordinator"], f"/checkins/{checkin_id}/pulse", {"energy": "3"}
    )
    as_outsider = await post_form(pair.clients["outsider"], f"/checkins/{checkin_id}/record", {"notes": "x"})
    api = await send_json(
        pair.clients["outsider"], "POST", "/api/v1/me/pulse", {"checkin_id": checkin_id, "energy": 3}
    )

    assert as_coordinator.status_code == 403
    assert as_outsider.status_code == 404
    assert api.status_code == 404


def last_week() -> datetime:
    """A moment of last week: aggregates count only answers of closed weeks."""
    return week_start() - timedelta(days=1)


async def _answers(settings: Settings, people: int, *, support: bool = False) -> list[str]:
    """Add one answer each for `people` new people; return their emails."""
    config = build_sqlalchemy_config(settings)
    emails = []
    for n in range(people):
        email = f"p{n}@example.org"
        user = await create_user(settings, email, profile={"is_mentee": True})
        assert user.profile is not None
        async with config.get_session() as session:
            session.add(
                PulseAnswer(
                    profile_id=user.profile.id,
                    energy=n % 5 + 1,
                    workload=3,
                    stress=None,
                    wants_support=support and n == 0,
                    created_at=last_week(),
                )
            )
            await session.commit()
        emails.append(email)
    await config.get_engine().dispose()
    return emails


async def test_aggregates_are_suppressed_under_five_people(settings: Settings) -> None:
    await _answers(settings, 4)
    config = build_sqlalchemy_config(settings)
    since = last_week() - timedelta(days=7)
    async with config.get_session() as session:
        assert await pulse_aggregates(session, since) is None
    await _more(settings)
    async with config.get_session() as session:
        aggregates = await pulse_aggregates(session, since)
    await config.get_engine().dispose()

    assert aggregates is not None
    assert aggregates["people"] == 5
    assert aggregates["means"]["workload"] == 3.0
    assert aggregates["counts"]["stress"] == 0 and aggregates["means"]["stress"] is None


async def _more(settings: Settings) -> None:
    config = build_sqlalchemy_config(settings)
    user = await create_user(settings, "fifth@example.org", profile={"is_mentee": True})
    assert user.profile is not None
    async with config.get_session() as session:
        session.add(PulseAnswer(profile_id=user.profile.id, energy=4, workload=3, created_at=last_week()))
        await session.commit()
    await config.get_engine().dispose()


async def test_coordinator_page_hides_small_groups_and_names_only_who_asked(
    pair: Pair, settings: Settings
) -> None:
    checkin_id = await _checkin(pair)
    await post_form(pair.clients["mentee"], f"/checkins/{checkin_id}/pulse", {"energy": "1", "stress": "5"})
    coordinator = pair.clients["coordinator"]

    quiet = await coordinator.get("/wellbeing")
    assert 'id="pulse-suppressed"' in quiet.text
    assert "Mentee" not in quiet.text.split('id="support-requests"')[1]

    await post_form(
        pair.clients["mentor"], f"/checkins/{checkin_id}/pulse", {"energy": "3", "wants_support": "1"}
    )
    asked = (await coordinator.get("/wellbeing")).text.split('id="support-requests"')[1]

    assert "Mentor" in asked and "Mentee" not in asked
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        flagged = await support_requests(session)
    await config.get_engine().dispose()
    assert [r.name for r in flagged] == ["Mentor"]
    assert not hasattr(flagged[0], "energy")


async def test_coordinator_only_pages_refuse_members(pair: Pair) -> None:
    assert (await pair.clients["mentee"].get("/wellbeing")).status_code == 403
    assert (await pair.clients["mentee"].get("/checkin-templates/")).status_code == 403
