"""A relationship's life through the API and the pages: goals, pause and resume, completion, early end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.pool import build_pool
from mentorship.models import ActiveSlot, Event, Kind, Profile, User
from mentorship.relationships.access import resume_due
from tests.helpers import post_form, send_json
from tests.relationships.conftest import db_value, start

Clients = dict[str, AsyncTestClient[Litestar]]


async def mentee_load(settings: Settings, email: str) -> int:
    query = select(Profile.mentee_load).join(User, User.id == Profile.user_id).where(User.email == email)
    return int(await db_value(settings, query) or 0)


async def test_goals_with_progress_notes_are_shared_in_the_relationship(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)
    base = f"/api/v1/relationships/{rid}"

    added = await send_json(clients["ana"], "POST", f"{base}/goals", {"title": "Run an editathon"})
    goal_id = added.json()["id"]
    noted = await send_json(clients["mia"], "POST", f"{base}/goals/{goal_id}/notes", {"text": "Venue booked"})
    edited = await send_json(
        clients["ana"],
        "PATCH",
        f"{base}/goals/{goal_id}",
        {"title": "Run an editathon", "status": "in_progress"},
    )
    empty = await post_form(clients["ana"], f"/relationships/{rid}/goals", {"form": "goal-new", "title": " "})
    page = await clients["mia"].get(f"/relationships/{rid}")
    outsider = await clients["out"].get(f"/relationships/{rid}")
    outsider_api = await send_json(clients["out"], "POST", f"{base}/goals", {"title": "Sneaky"})
    coordinator_write = await send_json(
        clients["coordinator"], "POST", f"{base}/goals", {"title": "Not mine"}
    )
    mia_notes = (await clients["mia"].get("/api/v1/notifications")).json()["items"]

    assert added.status_code == 201 and added.json()["status"] == "open"
    assert noted.status_code == 201 and noted.json()["notes"][0]["text"] == "Venue booked"
    assert edited.status_code == 200 and edited.json()["status"] == "in_progress"
    assert empty.status_code == 400 and "Give the goal a short title." in empty.text
    assert "Run an editathon" in page.text and "Venue booked" in page.text and "in progress" in page.text
    assert outsider.status_code == 404 and outsider_api.status_code == 404
    assert coordinator_write.status_code == 403
    assert any("added a goal" in str(n) for n in mia_notes)


async def test_pause_then_resume_by_hand_and_automatically_on_the_date(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)
    tomorrow = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()

    past = await post_form(clients["ana"], f"/relationships/{rid}/pause", {"until": "2000-01-01"})
    paused = await post_form(clients["ana"], f"/relationships/{rid}/pause", {"until": tomorrow})
    shown = (await clients["mia"].get(f"/api/v1/relationships/{rid}")).json()
    resumed = await send_json(clients["mia"], "POST", f"/api/v1/relationships/{rid}/resume")
    again = await send_json(clients["mia"], "POST", f"/api/v1/relationships/{rid}/resume")
    await send_json(clients["mia"], "POST", f"/api/v1/relationships/{rid}/pause", {"until": tomorrow})
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        early = await resume_due(session, date.today())
        due = await resume_due(session, date.today() + timedelta(days=1))
    await config.get_engine().dispose()
    after = (await clients["ana"].get(f"/api/v1/relationships/{rid}")).json()
    cadence = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/cadence", {"days": 21})
    bad_cadence = await post_form(clients["ana"], f"/relationships/{rid}/cadence", {"days": "2"})

    assert past.status_code == 400 and "Choose a day after today." in past.text
    assert paused.status_code == 303
    assert shown["status"] == "paused" and shown["paused_until"] == tomorrow
    assert resumed.json()["status"] == "active" and again.status_code == 409
    assert list(early) == [] and list(due) == [rid]
    assert after["status"] == "active" and after["paused_until"] is None
    assert cadence.json()["cadence_days"] == 21
    assert bad_cadence.status_code == 400 and "from 7 to 90" in bad_cadence.text


async def test_completion_shows_the_before_and_after_self_assessment_only_to_its_owner(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)
    base = f"/api/v1/relationships/{rid}"

    form = await clients["ana"].get(f"/relationships/{rid}/complete")
    invalid = await post_form(
        clients["ana"], f"/relationships/{rid}/complete", {"reflection": "", "skill_delegation": "9"}
    )
    done = await send_json(
        clients["ana"],
        "POST",
        f"{base}/complete",
        {"reflection": "I learned to delegate.", "self_assessment": {"delegation": 4}},
    )
    twice = await send_json(clients["ana"], "POST", f"{base}/complete", {"reflection": "Again"})
    mentor_side = await post_form(
        clients["mia"], f"/relationships/{rid}/complete", {"reflection": "Proud of Ana."}
    )
    ana = (await clients["ana"].get(base)).json()
    mia = (await clients["mia"].get(base)).json()
    coordinator = (await clients["coordinator"].get(base)).json()
    ana_page = await clients["ana"].get(f"/relationships/{rid}")
    coordinator_page = await clients["coordinator"].get(f"/relationships/{rid}")

    assert form.status_code == 200 and "before: 2" in form.text
    assert (
        invalid.status_code == 400
        and "Write a few words" in invalid.text
        and "Rate from 1 to 5." in invalid.text
    )
    assert done.status_code == 200 and done.json()["status"] == "completed"
    assert twice.status_code == 409
    assert mentor_side.status_code == 303
    assert ana["my_reflection"] == {
        "text": "I learned to delegate.",
        "self_assessment_before": {"delegation": 2, "giving_feedback": 3},
        "self_assessment_after": {"delegation": 4},
    }
    assert mia["my_reflection"]["self_assessment_before"] is None
    assert set(mia["reflections"]) == {"I learned to delegate.", "Proud of Ana."}
    assert coordinator["my_reflection"] is None and "I learned to delegate." in coordinator["reflections"]
    assert "My self-assessment, before and after" in ana_page.text and "+2" in ana_page.text
    assert "before and after" not in coordinator_page.text and "Delegating work" not in coordinator_page.text
    assert await mentee_load(quiet, "mia@example.org") == 0


async def test_ending_early_keeps_the_reason_for_coordinators_and_frees_both_people(
    quiet: Settings, clients: Clients
) -> None:
    rid = await start(quiet)
    await start(quiet, mentee="ben")  # Mia is now full (two places)
    assert await mentee_load(quiet, "mia@example.org") == 2

    no_reason = await post_form(clients["mia"], f"/relationships/{rid}/end", {"reason": ""})
    ended = await post_form(clients["mia"], f"/relationships/{rid}/end", {"reason": "We clash on every call"})
    ana_api = (await clients["ana"].get(f"/api/v1/relationships/{rid}")).json()
    ana_page = await clients["ana"].get(f"/relationships/{rid}")
    coordinator_api = (await clients["coordinator"].get(f"/api/v1/relationships/{rid}")).json()
    coordinator_page = await clients["coordinator"].get(f"/relationships/{rid}")
    coordinator_notes = (await clients["coordinator"].get("/api/v1/notifications")).json()["items"]
    slots = await db_value(
        quiet, select(func.count()).select_from(ActiveSlot).where(ActiveSlot.relationship_id == rid)
    )
    events = await db_value(
        quiet, select(func.count()).select_from(Event).where(Event.type == "relationship.ended")
    )

    assert no_reason.status_code == 400 and "only they will read it" in no_reason.text
    assert ended.status_code == 303
    assert ana_api["status"] == "ended" and ana_api["end_reason"] is None
    assert "We clash" not in ana_page.text
    assert coordinator_api["end_reason"] == "We clash on every call"
    assert "We clash on every call" in coordinator_page.text
    # The note names the people and links to the relationship.
    ended_note = next(n for n in coordinator_notes if "ended early" in n["text"])
    assert "Ana" in ended_note["text"] and "Mia" in ended_note["text"]
    assert ended_note["link"] == f"/relationships/{rid}"
    assert slots == 0 and events == 1
    assert await mentee_load(quiet, "mia@example.org") == 1
    # Mia can take a new mentee; Ana is back in the next round's pool.
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        pool = await build_pool(session, Kind.TRADITIONAL, date.today())
        names = set(pool.names.values())
    await config.get_engine().dispose()
    assert "Ana" in names and "Mia Mentor" in names and "Ben" not in names
    asked = await send_json(
        clients["out"],
        "POST",
        "/api/v1/requests",
        {"mentor_profile_id": coordinator_api["members"][0]["profile_id"]},
    )
    assert asked.status_code == 201, asked.text


async def test_rematch_request_notifies_coordinators(quiet: Settings, clients: Clients) -> None:
    rid = await start(quiet)

    asked = await send_json(clients["ana"], "POST", f"/api/v1/relationships/{rid}/rematch")
    notes = (await clients["coordinator"].get("/api/v1/notifications")).json()["items"]
    mine = (await clients["ana"].get("/api/v1/relationships")).json()
    every = (await clients["coordinator"].get("/api/v1/relationships?scope=all")).json()
    refused = await clients["ana"].get("/api/v1/relationships?scope=all")

    assert asked.status_code == 200 and asked.json()["rematch_requested"] is True
    assert any("re-match" in str(n) for n in notes)
    assert [r["id"] for r in mine] == [str(rid)] and [r["id"] for r in every] == [str(rid)]
    assert refused.status_code == 403
