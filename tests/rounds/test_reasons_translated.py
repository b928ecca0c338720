"""Reasons are stored as codes and read in each reader's language: French from the test catalog, English."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.lib import i18n
from tests.factories import PASSWORD
from tests.helpers import login, post_form, send_json
from tests.rounds.conftest import community, run_round
from tests.stored_suggestions import refresh_suggestions

Client = AsyncTestClient[Litestar]
FRENCH = {"accept": "text/html", "accept-language": "fr"}
ENGLISH = {"accept": "text/html", "accept-language": "en"}


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test-only French catalog stands in for the app's catalogs."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", Path(__file__).resolve().parent.parent / "locale")


@pytest.fixture
async def coordinator(quiet: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as client:
        yield client


async def test_a_rounds_reasons_are_codes_read_in_french_or_english(
    quiet: Settings, coordinator: Client, french: None
) -> None:
    await community(quiet)
    await login(coordinator, "coordinator@example.org", PASSWORD)
    path = (await post_form(coordinator, "/rounds/", {"min_score": "0", "kind": "traditional"})).headers[
        "location"
    ]
    await run_round(quiet, path.rsplit("/", 1)[1])

    detail = (await coordinator.get("/api/v1" + path, headers={"accept-language": "fr"})).json()
    french_page = (await coordinator.get(path, headers=FRENCH)).text
    english_page = (await coordinator.get(path, headers=ENGLISH)).text

    ana = next(p for p in detail["proposals"] if any(m["name"] == "Ana" for m in p["members"]))
    assert {"code": "shared_topics", "items": ["editathons"], "value": None} in ana["reason_codes"]
    assert "sujets en commun : Éditathons" in ana["reasons"]
    assert "parlent tous deux espagnol" in ana["reasons"]
    cy = detail["round"]["summary"]["unmatched"][0]
    assert cy["reasons"] == [{"code": "no_shared_language", "items": [], "value": None}]
    assert "no shared language" not in str(detail["round"]["summary"])
    assert "sujets en commun : Éditathons" in french_page
    assert "aucune langue en commun avec un mentor" in french_page
    assert "shared topics: Edit-a-thons" in english_page
    assert "both speak Spanish" in english_page
    assert "no shared language with any mentor" in english_page
    assert "aucune langue" not in english_page


async def test_suggestions_and_a_requests_fit_read_in_the_readers_language(
    quiet: Settings, coordinator: Client, french: None
) -> None:
    await community(quiet)
    await refresh_suggestions(quiet)
    await login(coordinator, "ana@example.org", PASSWORD)

    suggestions_fr = (await coordinator.get("/suggestions", headers=FRENCH)).text
    suggestions_en = (await coordinator.get("/suggestions", headers=ENGLISH)).text
    mia = next(
        s
        for s in (await coordinator.get("/api/v1/suggestions")).json()
        if s["profile"]["name"] == "Mia Mentor"
    )
    sent = await send_json(
        coordinator, "POST", "/api/v1/requests", {"mentor_profile_id": str(mia["profile"]["id"])}
    )
    await login(coordinator, "mia@example.org", PASSWORD)
    request_fr = (await coordinator.get(f"/proposals/{sent.json()['id']}", headers=FRENCH)).text

    assert {"code": "shared_topics", "items": ["editathons"], "value": None} in mia["reason_codes"]
    assert "sujets en commun : Éditathons" in suggestions_fr
    assert "shared topics: Edit-a-thons" in suggestions_en and "sujets" not in suggestions_en
    assert "sujets en commun : Éditathons" in request_fr
