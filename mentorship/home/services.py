"""Aggregate queries behind the landing page; counts only, never a person's details."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.home.schemas import CommunitySummary, Count, TopicDemand
from mentorship.lib.i18n import language_name
from mentorship.models import Kind, Profile, ProfileLanguage, ProfileTopic, Topic, TopicDirection, User

REGION_LABELS = {
    "Africa": "Africa",
    "America": "Americas",
    "Asia": "Asia",
    "Atlantic": "Atlantic",
    "Australia": "Oceania",
    "Europe": "Europe",
    "Indian": "Indian Ocean",
    "Pacific": "Oceania",
}


def region_of(timezone: str) -> str:
    """The broad region of an IANA time zone, for the at-a-glance view."""
    return REGION_LABELS.get(timezone.split("/", 1)[0], "Other")


class CommunityService:
    """Counts that describe the community without exposing anyone."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def summary(self, today: date | None = None, top_topics: int = 12) -> CommunitySummary:
        """People by role, the most requested topics, languages and regions."""
        today = today or date.today()
        # Plain columns, not ORM objects: the page must not load every profile's topics and languages.
        rows = (
            await self.session.execute(
                select(
                    Profile.is_mentor,
                    Profile.is_mentee,
                    Profile.kinds,
                    Profile.timezone,
                    Profile.capacity,
                    Profile.away_on(today).label("away"),
                )
                .join(User, Profile.user_id == User.id)
                .where(User.is_active)
            )
        ).all()
        coordinators = await self.session.scalar(
            select(func.count()).select_from(User).where(User.is_coordinator, User.is_active)
        )
        kinds = Counter(kind for row in rows for kind in row.kinds)
        regions = Counter(region_of(row.timezone) for row in rows)
        mentors = [row for row in rows if row.is_mentor]
        return CommunitySummary(
            participants=len(rows),
            mentors=sum(1 for row in mentors if not row.is_mentee),
            mentees=sum(1 for row in rows if row.is_mentee and not row.is_mentor),
            both=sum(1 for row in mentors if row.is_mentee),
            coordinators=int(coordinators or 0),
            mentor_capacity=sum(row.capacity for row in mentors if not row.away),
            mentors_away=sum(1 for row in mentors if row.away),
            kinds=[Count(key=k.value, label=k.value.capitalize(), count=kinds.get(k.value, 0)) for k in Kind],
            topics=await self._topics(top_topics),
            languages=await self._languages(),
            regions=[Count(key=r, label=r, count=n) for r, n in regions.most_common()],
        )

    async def _topics(self, limit: int) -> list[TopicDemand]:
        rows = await self.session.execute(
            select(Topic.slug, Topic.label, Topic.category, ProfileTopic.direction, func.count())
            .join(ProfileTopic, ProfileTopic.topic_id == Topic.id)
            .group_by(Topic.slug, Topic.label, Topic.category, ProfileTopic.direction)
        )
        labels: dict[str, tuple[str, str]] = {}
        counts: Counter[tuple[str, TopicDirection]] = Counter()
        for slug, label, category, direction, count in rows:
            labels[slug] = (label, category)
            counts[slug, TopicDirection(direction)] = int(count)
        ranked = sorted(labels, key=lambda slug: (-counts[slug, TopicDirection.SEEKS], slug))[:limit]
        return [
            TopicDemand(
                slug=slug,
                label=labels[slug][0],
                category=labels[slug][1],
                offered_by=counts[slug, TopicDirection.OFFERS],
                sought_by=counts[slug, TopicDirection.SEEKS],
            )
            for slug in ranked
        ]

    async def _languages(self) -> list[Count]:
        rows = await self.session.execute(
            select(ProfileLanguage.code, func.count())
            .group_by(ProfileLanguage.code)
            .order_by(func.count().desc())
        )
        return [Count(key=code, label=language_name(code), count=int(n)) for code, n in rows]
