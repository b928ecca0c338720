"""Write the seeded demo community into the database."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.passwords import hash_password
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.demo.bulk import Row, fast_sqlite, insert_rows
from mentorship.demo.checkins import load_demo_checkins
from mentorship.demo.community import COORDINATOR_EMAIL, COORDINATOR_NAME, DemoPerson, generate_community
from mentorship.demo.matching import load_demo_matches
from mentorship.demo.programs import load_demo_cohort_outcomes, load_demo_programs
from mentorship.demo.relationships import load_demo_relationships
from mentorship.lib.db import refresh_statistics
from mentorship.models import Profile, ProfileLanguage, ProfileTopic, Topic, TopicDirection, User
from mentorship.topics.services import seed_topics

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadResult:
    """What a demo load did."""

    skipped: bool
    participants: int = 0
    topics: int = 0
    matches: dict[str, int] = field(default_factory=dict)
    # CPU seconds of this process per stage (the round engine's thread included): where a load's time goes.
    seconds: dict[str, float] = field(default_factory=dict)


class _Clock:
    """CPU time per stage of the load, logged as each ends."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.process_time()

    def lap(self, stage: str) -> None:
        now = time.process_time()
        self.seconds[stage] = round(now - self._last, 2)
        self._last = now
        logger.info("demo load: %s took %.1f s of CPU", stage, self.seconds[stage])


async def load_demo(
    settings: Settings,
    *,
    seed: int = 2026,
    size: int = 240,
    if_empty: bool = False,
    today: date | None = None,
) -> LoadResult:
    """Load the demo community; people whose email already exists are left as they are."""
    config = build_sqlalchemy_config(settings)
    clock = _Clock()
    try:
        async with config.get_session() as session:
            if if_empty and await session.scalar(select(func.count()).select_from(User)):
                return LoadResult(skipped=True)
            await fast_sqlite(session)
            topics = await seed_topics(session)
            # One hash for every demo account: they share the documented password, and seeding stays fast.
            password_hash = hash_password(settings.demo_password, settings.password_hash_cost)
            existing = set((await session.execute(select(User.email))).scalars())
            added = await _add_people(
                session,
                generate_community(seed, size, today=today or date.today()),
                topics,
                password_hash,
                existing,
            )
            if COORDINATOR_EMAIL not in existing:
                session.add(
                    User(
                        email=COORDINATOR_EMAIL,
                        name=COORDINATOR_NAME,
                        password_hash=password_hash,
                        is_coordinator=True,
                    )
                )
            await session.commit()
        clock.lap("people")
        await load_demo_programs(config, seed)  # three programs, the participants enrolled where they fit
        clock.lap("programs")
        # A published round with open, accepted and declined proposals, so every page has something real.
        matches = await load_demo_matches(config, settings.proposal_expiry_days) if added else {}
        clock.lap("matching")
        await load_demo_checkins(config, seed)  # months of check-ins for the accepted relationships
        clock.lap("checkins")
        await load_demo_relationships(config, seed)  # goals, and relationships in every state
        clock.lap("relationships")
        await load_demo_cohort_outcomes(config)  # an ended pilot cohort with the closed relationships
        clock.lap("outcomes")
        async with config.get_session() as session:
            await refresh_statistics(session, full=True)  # the planner sees the loaded tables at once
        clock.lap("statistics")
        return LoadResult(
            skipped=False, participants=added, topics=len(topics), matches=matches, seconds=clock.seconds
        )
    finally:
        await config.get_engine().dispose()


async def _add_people(
    session: AsyncSession,
    people: list[DemoPerson],
    topics: dict[str, Topic],
    password_hash: str,
    existing: set[str],
) -> int:
    now = datetime.now(UTC)
    users: list[Row] = []
    profiles: list[Row] = []
    links: list[Row] = []
    languages: list[Row] = []
    for index, person in enumerate(people):
        if person.email in existing:
            continue
        # Distinct creation times keep the registration order that later stages sort by.
        created = now + timedelta(microseconds=index)
        user_id, profile_id = uuid4(), uuid4()
        users.append(
            {
                "id": user_id,
                "email": person.email,
                "name": person.name,
                "password_hash": password_hash,
                "last_active_at": now - timedelta(hours=(index * 37) % (24 * 45)),
                "created_at": created,
                "updated_at": created,
            }
        )
        profiles.append(_profile(person, user_id, profile_id, created))
        wanted = [(slug, TopicDirection.OFFERS) for slug in person.offers]
        wanted += [(slug, TopicDirection.SEEKS) for slug in person.seeks]
        links += [
            {
                "id": uuid4(),
                "profile_id": profile_id,
                "topic_id": topics[slug].id,
                "direction": direction,
                "position": position,
            }
            for position, (slug, direction) in enumerate(wanted)
            if slug in topics
        ]
        languages += [
            {"id": uuid4(), "profile_id": profile_id, "code": code, "position": i}
            for i, code in enumerate(person.languages)
        ]
    await insert_rows(session, User, users)
    await insert_rows(session, Profile, profiles)
    await insert_rows(session, ProfileTopic, links)
    await insert_rows(session, ProfileLanguage, languages)
    return len(users)


def _profile(person: DemoPerson, user_id: UUID, profile_id: UUID, created: datetime) -> Row:
    fairness = {
        key: value
        for key, value in (
            ("region", person.region),
            ("gender", person.gender),
            ("first_language", person.first_language),
        )
        if value
    }
    return {
        "id": profile_id,
        "user_id": user_id,
        "is_mentor": person.is_mentor,
        "is_mentee": person.is_mentee,
        "kinds": list(person.kinds),
        "goals": person.goals,
        "experience": person.experience,
        "timezone": person.timezone,
        "capacity": person.capacity,
        "checkin_cadence_days": person.checkin_cadence_days,
        "away_from": person.away_from,
        "away_until": person.away_until,
        "away_note": person.away_note,
        "self_assessment": person.self_assessment,
        "fairness_attributes": fairness or None,
        "created_at": created,
        "updated_at": created,
    }
