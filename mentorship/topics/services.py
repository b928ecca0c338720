"""Keep the curated topic list in the database and resolve what people type to topics."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import Topic
from mentorship.topics.catalog import CATEGORY_LABELS, SEED_TOPICS, normalise_tag, resolve_topic


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
    for entry in entries:
        slug = resolve_topic(entry)
        if slug and slug not in labels:
            labels[slug] = entry.strip()
    if not labels:
        return []
    query = select(Topic).where(Topic.slug.in_(labels))
    found = {topic.slug: topic for topic in (await session.execute(query)).scalars()}
    for slug, label in labels.items():
        if slug not in found:
            found[slug] = Topic(slug=slug, label=label or slug, category="", curated=False)
            session.add(found[slug])
    await session.flush()
    return [found[slug] for slug in labels]


__all__ = ["normalise_tag", "seed_topics", "topics_for"]
