"""The private pulse: one answer changes nothing that a coordinator (or a mentee) can see."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from uuid import UUID

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.checkins.pulse import week_start
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Profile, PulseAnswer, User
from tests.factories import create_user
from tests.helpers import send_json
from tests.relationships.conftest import mentee_profile, start
from tests.stored_suggestions import refresh_suggestions

Clients = dict[str, AsyncTestClient[Litestar]]
# Everything a coordinator can open that speaks of mentors, load or wellbeing, as page and as JSON.
COORDINATOR_VIEWS = (
    "/dashboard",
    "/api/v1/dashboard",
    "/wellbeing",
    "/roster",
    "/api/v1/profiles",
    "/events",
    "/events.csv",
    "/notifications",
)
_VOLATILE = re.compile(r'(csrf[^"]*"\s*(?:value|content)="|"x-csrftoken":\s*")[^"]+')


async def _earlier_weeks_of_answers(settings: Settings) -> None:
    """Six people answered in the weeks before this one, so coordinators see an aggregate."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        for i in range(6):
            await create_user(settings, f"p{i}@example.org", name=f"Person {i}", profile=mentee_profile())
        ids = (await session.execute(select(Profile.id).join(User).where(User.email.like("p%")))).scalars()
        when = week_start() - timedelta(days=3)
        for n, pid in enumerate(ids):
            session.add(PulseAnswer(profile_id=pid, energy=3, workload=2 + n % 3, stress=3, created_at=when))
        await session.commit()
    await config.get_engine().dispose()


async def _seen_by(client: AsyncTestClient[Litestar]) -> dict[str, str]:
    pages = {}
    for path in COORDINATOR_VIEWS:
        response = await client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages[path] = _VOLATILE.sub(r"\1", response.text)
    return pages


async def test_one_pulse_answer_changes_nothing_a_coordinator_or_mentee_sees(
    quiet: Settings, clients: Clients
) -> None:
    await start(quiet)  # Mia mentors Ana and has one free place
    await _earlier_weeks_of_answers(quiet)
    await refresh_suggestions(quiet)
    suggested_before = (await clients["ben"].get("/api/v1/suggestions")).json()
    await clients["mia"].get("/api/v1/me/load")  # both were active before the first look
    before = await _seen_by(clients["coordinator"])

    heavy = {"energy": 1, "workload": 5, "stress": 5}
    answered = await send_json(clients["mia"], "POST", "/api/v1/me/pulse/", heavy)
    after = await _seen_by(clients["coordinator"])
    suggested_after = (await clients["ben"].get("/api/v1/suggestions")).json()
    own = (await clients["mia"].get("/api/v1/me/load")).json()

    assert answered.status_code == 201
    for path in COORDINATOR_VIEWS:
        assert after[path] == before[path], f"{path} changed after one private pulse answer"
    assert suggested_after == suggested_before
    assert any(s["profile"]["name"] == "Mia Mentor" for s in suggested_after)
    # Mia herself sees what her pulse says, and is invited (not forced) to rest.
    assert own["terms"]["strain"] == 0.5 and own["personal"] == round(own["value"] + 0.5, 3)
    # The aggregate is there, over the six earlier answers only.
    assert "6 people answered" in after["/dashboard"]


async def test_an_answer_from_a_closed_week_is_settled(quiet: Settings, clients: Clients) -> None:
    rid = await start(quiet)
    planned = (datetime.now(UTC) - timedelta(days=8)).isoformat()
    created = await send_json(
        clients["mia"], "POST", f"/api/v1/relationships/{rid}/checkins", {"scheduled_at": planned}
    )
    assert created.status_code == 201, created.text
    checkin_id = created.json()["id"]
    first = await send_json(
        clients["mia"], "POST", "/api/v1/me/pulse/", {"checkin_id": checkin_id, "energy": 3}
    )
    assert first.status_code == 201
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        row = await session.scalar(select(PulseAnswer).where(PulseAnswer.checkin_id == UUID(checkin_id)))
        assert row is not None
        row.created_at = week_start() - timedelta(days=2)  # answered last week
        await session.commit()
    await config.get_engine().dispose()

    again = await send_json(
        clients["mia"], "POST", "/api/v1/me/pulse/", {"checkin_id": checkin_id, "energy": 1}
    )

    assert again.status_code == 400
    assert "earlier week" in again.text
    assert [a["energy"] for a in (await clients["mia"].get("/api/v1/me/pulse/")).json()] == [3]
