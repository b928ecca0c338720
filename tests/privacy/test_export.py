"""Download my data: all I wrote or that is about me and I may see; nobody else's private parts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from tests.helpers import send_json
from tests.privacy.conftest import profile_ids
from tests.relationships.conftest import start

Clients = dict[str, AsyncTestClient[Litestar]]


async def ok(response: object) -> dict[str, object]:
    assert getattr(response, "status_code", 0) in (200, 201), getattr(response, "text", "")
    return getattr(response, "json")()  # noqa: B009


async def test_my_data_holds_every_area_and_never_the_other_persons_private_parts(
    quiet: Settings, clients: Clients
) -> None:
    ana, mia = clients["ana"], clients["mia"]
    ids = await profile_ids(quiet)
    rid = await start(quiet, "ana", "mia")
    base = f"/api/v1/relationships/{rid}"
    goal = await ok(await send_json(ana, "POST", f"{base}/goals", {"title": "Run an editathon"}))
    await ok(await send_json(ana, "POST", f"{base}/goals/{goal['id']}/notes", {"text": "Ana booked a venue"}))
    await ok(
        await send_json(mia, "POST", f"{base}/goals/{goal['id']}/notes", {"text": "Mia sent a checklist"})
    )
    when = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    checkin = await ok(await send_json(ana, "POST", f"{base}/checkins", {"scheduled_at": when}))
    path = f"/api/v1/checkins/{checkin['id']}"
    await ok(await send_json(ana, "POST", f"{path}/agenda", {"text": "Ana's agenda point"}))
    await ok(await send_json(ana, "PATCH", path, {"private_note": "Ana's private thought"}))
    await ok(await send_json(mia, "PATCH", path, {"private_note": "Mia's private thought"}))
    await ok(await send_json(ana, "POST", "/api/v1/me/pulse", {"checkin_id": checkin["id"], "energy": 4}))
    await ok(await send_json(mia, "POST", "/api/v1/me/pulse", {"checkin_id": checkin["id"], "stress": 5}))
    action = {"text": "Ana writes the invitation", "owner_id": str(ids["ana"])}
    await ok(await send_json(ana, "POST", f"{base}/action-items", action))
    closing = {"reflection": "Ana learned to plan", "self_assessment": {"delegation": 4}}
    await ok(await send_json(ana, "POST", f"{base}/complete", closing))

    page = await ana.get("/account/export")
    api = await ana.get("/api/v1/account/export")
    data = page.json()
    text = json.dumps(data)

    assert page.status_code == 200 and "attachment" in page.headers["content-disposition"]
    assert api.status_code == 200 and api.json()["relationships"] == data["relationships"]
    assert data["format_version"] == 1
    assert data["account"]["email"] == "ana@example.org"
    assert data["profile"]["goals"] == "Ana's own goals"
    [relationship] = data["relationships"]
    assert relationship["status"] == "completed" and relationship["my_role"] == "mentee"
    assert {m["name"] for m in relationship["members"]} == {"Ana", "Mia"}
    [exported_goal] = relationship["goals"]
    assert exported_goal["title"] == "Run an editathon"
    assert {n["text"] for n in exported_goal["notes"]} == {"Ana booked a venue", "Mia sent a checklist"}
    [exported_checkin] = relationship["checkins"]
    assert [a["text"] for a in exported_checkin["agenda"]] == ["Ana's agenda point"]
    assert exported_checkin["my_private_note"] == "Ana's private thought"
    assert [a["text"] for a in relationship["action_items"]] == ["Ana writes the invitation"]
    assert relationship["my_reflection"]["text"] == "Ana learned to plan"
    assert [(p["energy"], p["stress"]) for p in data["pulse_answers"]] == [(4, None)]
    [proposal] = data["proposals"]
    assert proposal["source"] == "request" and proposal["message"] == "Hello"
    assert any("accepted" in n["text"] for n in data["notifications"])
    assert data["self_assessments"]["current"] == {"delegation": 4}
    assert data["self_assessments"]["history"][0]["before"] == {"delegation": 2}
    assert data["self_assessments"]["history"][0]["after"] == {"delegation": 4}
    assert "Mia's private thought" not in text
    assert all(p["stress"] != 5 for p in data["pulse_answers"])


async def test_someone_without_a_profile_gets_an_export_with_empty_sections(
    quiet: Settings, clients: Clients
) -> None:
    data = (await clients["coordinator"].get("/api/v1/account/export")).json()

    assert data["profile"] is None
    assert data["relationships"] == [] and data["proposals"] == [] and data["pulse_answers"] == []
