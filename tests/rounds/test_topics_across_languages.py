"""Topics bridge languages: a goal written in French meets the English mentor who offers its topic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.lib import i18n
from mentorship.topics.services import seed_reference_topics
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login, post_form
from tests.rounds.conftest import run_round
from tests.stored_suggestions import refresh_suggestions

Client = AsyncTestClient[Litestar]
FRENCH_GOAL = "Je voudrais progresser dans la rédaction d'articles sur l'histoire de ma région."


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test-only French catalog stands in for the app's catalogs."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", Path(__file__).resolve().parent.parent / "locale")


@pytest.fixture
async def client(quiet: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as client:
        yield client


async def _people(settings: Settings) -> None:
    """Léa writes her goal in French and picks no topic; Eve offers Article writing from New York,
    Zoé offers Commons photos from Lea's own time zone (so without the bridge Zoé fits better)."""
    config = build_sqlalchemy_config(settings)
    await seed_reference_topics(config)  # the curated catalog, with its translations
    await config.get_engine().dispose()
    await create_user(settings, "coordinator@example.org", name="Coordinator", coordinator=True)
    eve = mentor(1, ["Article writing"], ["en", "fr"], tz="America/New_York")
    eve["experience"] = "I have written many new articles about science."
    zoe = mentor(1, ["Photos and media on Commons"], ["fr", "en"], tz="Europe/Paris")
    zoe["experience"] = "Je photographie les monuments de Lyon pour Commons."
    await create_user(settings, "eve@example.org", name="Eve Mentor", profile=eve)
    await create_user(settings, "zoe@example.org", name="Zoé Mentor", profile=zoe)
    lea = mentee([], ["fr"], tz="Europe/Paris")
    lea["goals"] = FRENCH_GOAL
    await create_user(settings, "lea@example.org", name="Léa", profile=lea)


async def test_a_french_goal_meets_the_mentor_who_offers_its_topic_in_english(
    quiet: Settings, client: Client, french: None
) -> None:
    await _people(quiet)
    await login(client, "coordinator@example.org", PASSWORD)
    path = (await post_form(client, "/rounds/", {"min_score": "0", "kind": "traditional"})).headers[
        "location"
    ]
    await run_round(quiet, path.rsplit("/", 1)[1])

    detail = (await client.get("/api/v1" + path, headers={"accept-language": "fr"})).json()
    english = (await client.get("/api/v1" + path, headers={"accept-language": "en"})).json()

    lea = next(p for p in detail["proposals"] if any(m["name"] == "Léa" for m in p["members"]))
    assert {m["name"] for m in lea["members"]} == {"Léa", "Eve Mentor"}
    assert {"code": "shared_topics", "items": ["article writing"], "value": None} in lea["reason_codes"]
    # The topic is named by the catalog in the reader's language.
    assert "sujets en commun : Rédaction d'articles" in lea["reasons"]
    lea_en = next(p for p in english["proposals"] if any(m["name"] == "Léa" for m in p["members"]))
    assert "shared topics: Article writing" in lea_en["reasons"]


async def test_a_french_goal_gets_suggestions_led_by_the_topic_it_names(
    quiet: Settings, client: Client
) -> None:
    await _people(quiet)
    await refresh_suggestions(quiet)
    await login(client, "lea@example.org", PASSWORD)

    found = (await client.get("/api/v1/suggestions")).json()

    assert [s["profile"]["name"] for s in found][:1] == ["Eve Mentor"]
    assert "shared topics: Article writing" in found[0]["reasons"]


async def test_a_retired_topic_bridges_nothing(quiet: Settings, client: Client) -> None:
    await _people(quiet)
    config_topics = await _retire(quiet, "article-writing")
    await refresh_suggestions(quiet)
    await login(client, "lea@example.org", PASSWORD)

    found = (await client.get("/api/v1/suggestions")).json()

    assert config_topics == 1
    assert not any("Article writing" in reason for s in found for reason in s["reasons"])


async def _retire(settings: Settings, slug: str) -> int:
    from sqlalchemy import update

    from mentorship.models import Topic

    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        done = await session.execute(update(Topic).where(Topic.slug == slug).values(retired=True))
        await session.commit()
    await config.get_engine().dispose()
    return int(done.rowcount)  # type: ignore[attr-defined]
