"""Reasons name topics as the database does: curated names and translations, in the reader's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.lib import i18n
from mentorship.lib.reasons import reason_text, use_topic_labels
from mentorship.models import Topic
from mentorship.topics import labels
from mentorship.topics.curation import TopicCuration, TopicForm
from mentorship.topics.labels import topic_label, topic_labels_middleware
from mentorship.topics.services import seed_topics

TEST_CATALOGS = Path(__file__).resolve().parent.parent / "locale"


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test-only French catalog stands in for the app's catalogs."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", TEST_CATALOGS)


async def _reasons_in_a_request(settings: Settings, locale: str, reason: dict[str, Any]) -> list[str]:
    """The reason as a page of one request reads it, with the app's middleware before it."""
    config = build_sqlalchemy_config(settings)
    use_topic_labels(topic_label)  # as create_app does
    said: list[str] = []

    async def page(scope: Any, receive: Any, send: Any) -> None:
        with i18n.reading(locale):
            said.append(reason_text(reason))  # type: ignore[arg-type]

    async def nothing() -> dict[str, Any]:
        return {"type": "http.request"}

    async def ignore(message: Any) -> None:
        return None

    await topic_labels_middleware(config)(page)({"type": "http", "path": "/rounds/1"}, nothing, ignore)
    await config.get_engine().dispose()
    return said


async def test_a_reason_names_curated_topics_by_their_database_names_in_french(
    settings: Settings, french: None
) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as db:
        await seed_topics(db)
        translation = (await db.execute(select(Topic).where(Topic.slug == "translation"))).scalar_one()
        translation.translations = {**translation.translations, "fr": "Traduire des articles"}
        db.add(Topic(slug="lichens", label="Lichens of the Alps", category="", translations={}))
        await db.commit()
    await config.get_engine().dispose()
    reason = {"code": "shared_topics", "items": ["translation", "lichens"], "value": None}

    said = await _reasons_in_a_request(settings, "fr", reason)

    assert said == ["sujets en commun : Traduire des articles et Lichens of the Alps"]


def test_outside_a_request_topics_keep_the_seed_catalogs_names() -> None:
    assert topic_label("translation", "fr") == "Traduction d'articles"
    assert topic_label("lichens", "fr") is None


async def test_requests_name_topics_from_the_workers_copy_until_a_topic_changes(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as db:
        await seed_topics(db)
        await db.commit()
    loads: list[int] = []
    real_load = labels.load_labels

    async def counted(db: Any) -> Any:
        loads.append(1)
        return await real_load(db)

    monkeypatch.setattr(labels, "load_labels", counted)
    seen: list[str | None] = []

    async def page(scope: Any, receive: Any, send: Any) -> None:
        seen.append(topic_label("translation", "en"))

    async def nothing() -> dict[str, Any]:
        return {"type": "http.request"}

    async def ignore(message: Any) -> None:
        return None

    served = topic_labels_middleware(config)(page)
    for _ in range(3):
        await served({"type": "http", "path": "/rounds/1"}, nothing, ignore)
    assert len(loads) == 1  # not a whole-table query on every page

    async with config.get_session() as db:
        topic = (await db.execute(select(Topic).where(Topic.slug == "translation"))).scalar_one()
        await TopicCuration(db).update(
            topic.id, TopicForm(label="Translating articles", category=topic.category)
        )
    await served({"type": "http", "path": "/rounds/1"}, nothing, ignore)

    assert len(loads) == 2 and seen[-1] == "Translating articles"
    await config.get_engine().dispose()
