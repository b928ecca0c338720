"""Keep the curated topic list in the database and resolve what people type to topics."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.db import insert_ignoring_duplicates
from mentorship.models import Topic
from mentorship.topics.catalog import CATEGORY_LABELS, SEED_TOPICS, normalise_tag, resolve_topic
from mentorship.topics.curation import name_index


async def seed_topics(session: AsyncSession) -> dict[str, Topic]:
    """Insert curated topics that are missing; return every topic by slug."""
    existing = {topic.slug: topic for topic in (await session.execute(select(Topic))).scalars()}
    for seed in SEED_TOPICS:
        if seed.slug in existing:
            continue
        topic = Topic(
            slug=seed.slug,
            label=seed.label,
            category=CATEGORY_LABELS.get(seed.category, seed.category),
            translations=dict(seed.translations),
            aliases=list(seed.aliases),
            curated=True,
        )
        session.add(topic)
        existing[seed.slug] = topic
    await session.flush()
    return existing


async def topics_for(session: AsyncSession, entries: Iterable[str]) -> list[Topic]:
    """Resolve free entries (a label in any language, an alias, a slug) to topics, creating free ones."""
    labels: dict[str, str] = {}
    index = await name_index(session)
    for entry in entries:
        tag = normalise_tag(entry)
        # Names coordinators added (aliases, merged duplicates) win over the built-in table.
        slug = index.get(tag) or index.get(tag.removesuffix("s")) or resolve_topic(entry)
        if slug and slug not in labels:
            labels[slug] = entry.strip()
    if not labels:
        return []
    query = select(Topic).where(Topic.slug.in_(labels))
    found = {topic.slug: topic for topic in (await session.execute(query)).scalars()}
    if missing := [slug for slug in labels if slug not in found]:
        # Someone else may create the same new topic at this moment: insert or keep theirs, then read.
        rows = [
            {"slug": slug, "label": labels[slug] or slug, "category": "", "curated": False}
            for slug in missing
        ]
        await session.execute(insert_ignoring_duplicates(session, Topic).values(rows))
        added = await session.execute(select(Topic).where(Topic.slug.in_(missing)))
        found.update((topic.slug, topic) for topic in added.scalars())
    return [found[slug] for slug in labels]


__all__ = ["normalise_tag", "seed_reference_topics", "seed_topics", "topics_for"]


async def seed_reference_topics(config: Any) -> int:
    """Insert the curated seed topics a fresh install lacks; return how many were added."""
    async with config.get_session() as session:
        before = await session.scalar(select(func.count()).select_from(Topic))
        await seed_topics(session)
        await session.commit()
        after = await session.scalar(select(func.count()).select_from(Topic))
    await config.get_engine().dispose()
    return int(after or 0) - int(before or 0)
