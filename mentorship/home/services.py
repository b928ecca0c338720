"""Aggregate queries behind the landing page; counts only, never a person's details."""

from __future__ import annotations

from collections import Counter
from datetime import date

import msgspec
from litestar.stores.base import Store
from sqlalchemy import ColumnElement, String, case, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.home.schemas import CommunitySummary, Count, TopicDemand
from mentorship.lib.i18n import language_name
from mentorship.models import Kind, Profile, ProfileLanguage, ProfileTopic, Topic, TopicDirection, User

FIGURES_STORE = "home-figures"  # a namespace of the database-backed store: every worker and host shares it
FIGURES_KEY = "community"
FIGURES_LIFETIME = (
    60  # seconds; the figures are a glance, and recounting them on every visit costs O(community)
)
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

    def __init__(self, session: AsyncSession, figures: Store | None = None) -> None:
        self.session = session
        self.figures = figures

    async def summary(self) -> CommunitySummary:
        """The community's figures, kept in the shared store for a minute (anyone can ask for them)."""
        if self.figures is not None and (kept := await self.figures.get(FIGURES_KEY)) is not None:
            return msgspec.json.decode(kept, type=CommunitySummary)
        summary = await self.count()
        if self.figures is not None:
            await self.figures.set(FIGURES_KEY, msgspec.json.encode(summary), expires_in=FIGURES_LIFETIME)
        return summary

    async def count(self, today: date | None = None, top_topics: int = 12) -> CommunitySummary:
        """People by role, the most requested topics, languages and regions, counted in SQL."""
        today = today or date.today()
        away = Profile.away_on(today)

        def people(condition: ColumnElement[bool]) -> ColumnElement[int]:
            return func.count(case((condition, 1)))

        active = select().select_from(Profile).join(User, Profile.user_id == User.id).where(User.is_active)
        kinds = cast(Profile.kinds, String)  # a JSON list: '["group", "peer"]' on both databases
        row = (
            await self.session.execute(
                active.add_columns(
                    func.count(),
                    people(Profile.is_mentor & ~Profile.is_mentee),
                    people(Profile.is_mentee & ~Profile.is_mentor),
                    people(Profile.is_mentor & Profile.is_mentee),
                    func.coalesce(func.sum(case((Profile.is_mentor & ~away, Profile.capacity), else_=0)), 0),
                    people(Profile.is_mentor & away),
                    *[people(kinds.like(f'%"{kind.value}"%')) for kind in Kind],
                )
            )
        ).one()
        zones = await self.session.execute(
            active.add_columns(Profile.timezone, func.count().label("n")).group_by(Profile.timezone)
        )
        regions: Counter[str] = Counter()
        for zone in zones.all():
            regions[region_of(zone.timezone)] += int(zone.n)
        coordinators = await self.session.scalar(
            select(func.count()).select_from(User).where(User.is_coordinator, User.is_active)
        )
        return CommunitySummary(
            participants=int(row[0]),
            mentors=int(row[1]),
            mentees=int(row[2]),
            both=int(row[3]),
            coordinators=int(coordinators or 0),
            mentor_capacity=int(row[4]),
            mentors_away=int(row[5]),
            kinds=[
                Count(key=k.value, label=k.value.capitalize(), count=int(n))
                for k, n in zip(Kind, row[6:], strict=True)
            ],
            topics=await self._topics(top_topics),
            languages=await self._languages(),
            regions=[
                Count(key=r, label=r, count=n)
                for r, n in sorted(regions.items(), key=lambda rn: (-rn[1], rn[0]))
            ],
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
