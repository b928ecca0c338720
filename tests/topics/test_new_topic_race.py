"""Resolving a tag nobody used before, from twelve transactions at once, makes one topic."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Topic
from mentorship.topics.curation import TopicCuration, TopicForm, TopicInvalid
from mentorship.topics.services import topics_for

SAVES = 12


async def test_twelve_simultaneous_saves_of_one_new_topic_all_get_the_same_topic(settings: Settings) -> None:
    config = build_sqlalchemy_config(settings)

    async def save() -> str:
        async with config.get_session() as session:
            (topic,) = await topics_for(session, ["Wikidata quilting"])
            await session.commit()
            return str(topic.id)

    ids = await asyncio.gather(*(save() for _ in range(SAVES)))

    async with config.get_session() as session:
        stored = await session.scalar(
            select(func.count()).select_from(Topic).where(Topic.slug == "wikidata-quilting")
        )
    await config.get_engine().dispose()
    assert len(set(ids)) == 1
    assert stored == 1


async def test_coordinators_adding_one_topic_at_once_make_one_and_are_told_it_exists(
    settings: Settings,
) -> None:
    config = build_sqlalchemy_config(settings)

    async def add() -> str:
        async with config.get_session() as session:
            try:
                topic = await TopicCuration(session).create(
                    TopicForm(label="Wikidata quilting", category="other")
                )
            except TopicInvalid as exc:
                return exc.errors["label"]
            return "created " + str(topic.id)

    answers = await asyncio.gather(*(add() for _ in range(6)))

    async with config.get_session() as session:
        stored = await session.scalar(
            select(func.count()).select_from(Topic).where(Topic.slug == "wikidata-quilting")
        )
    await config.get_engine().dispose()
    assert stored == 1
    assert sum(a.startswith("created") for a in answers) == 1
    assert all("Wikidata quilting" in a for a in answers if not a.startswith("created"))
