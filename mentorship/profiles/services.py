"""Profile queries and changes: saving steps, visibility, completeness and the roster."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from litestar.stores.base import Store
from sqlalchemy import Select, Text, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, contains_eager

from mentorship.lib.db import merge_children
from mentorship.lib.errors import NotFound
from mentorship.lib.figures import kept
from mentorship.lib.i18n import _
from mentorship.models import (
    Profile,
    ProfileLanguage,
    ProfileTopic,
    Proposal,
    ProposalMember,
    ProposalStatus,
    RelationshipMember,
    Topic,
    TopicDirection,
    User,
)
from mentorship.profiles.views import Audience, ProfileView, profile_view
from mentorship.topics.services import topics_for


def _profile_of(user_id: UUID) -> Any:
    """The profile id of a user, as a scalar subquery."""
    return select(Profile.id).where(Profile.user_id == user_id).scalar_subquery()


def _language_key(link: ProfileLanguage) -> str:
    return link.code


def _topic_key(link: ProfileTopic) -> tuple[UUID, TopicDirection]:
    return link.topic.id, link.direction


class ProfileNotFound(NotFound):
    """The profile does not exist, or the viewer may not know that it does."""


@dataclass(frozen=True)
class Completeness:
    """How much of a profile is filled in, and what is missing."""

    percent: int
    missing: list[str]


@dataclass(frozen=True)
class RosterFilters:
    """The coordinator roster's filters."""

    q: str = ""
    role: str = ""
    kind: str = ""
    topic: str = ""
    language: str = ""
    away: str = ""
    page: int = 1
    per_page: int = 25

    def __post_init__(self) -> None:
        # NUL never matches anything and PostgreSQL rejects it in a query.
        for name in ("q", "role", "kind", "topic", "language", "away"):
            object.__setattr__(self, name, getattr(self, name).replace("\x00", ""))


@dataclass(frozen=True)
class RosterPage:
    """One page of the roster."""

    rows: list[tuple[User, Profile]]
    total: int
    page: int
    pages: int


def completeness(profile: Profile | None) -> Completeness:
    """Share of the matching-relevant fields that are filled in."""
    if profile is None:
        return Completeness(0, [_("everything: start your profile")])
    labels = {
        "roles": _("your role and the kinds of mentorship you want"),
        "goals": _("your goals"),
        "experience": _("your experience"),
        "topics": _("topics you offer or seek"),
        "languages": _("your languages"),
        "timezone": _("your time zone"),
        "capacity": _("your capacity as a mentor"),
    }
    checks = {labels[field]: done for _step, field, done in profile.matching_checks()}
    missing = [label for label, done in checks.items() if not done]
    return Completeness(round(100 * (len(checks) - len(missing)) / len(checks)), missing)


class ProfileService:
    """Everything about profiles that touches the database."""

    def __init__(self, session: AsyncSession, figures: Store | None = None) -> None:
        self.session = session
        self.figures = figures

    async def own(self, user_id: UUID) -> Profile | None:
        """The user's own profile, if they started one."""
        return await self.session.scalar(select(Profile).where(Profile.user_id == user_id))

    async def save(self, user_id: UUID, values: dict[str, Any]) -> Profile:
        """Apply cleaned values from one step of the form, creating the profile on first save."""
        profile = await self.own(user_id)
        if profile is None:
            profile = Profile(
                user_id=user_id,
                topics=[],
                languages=[],
                kinds=[],
                is_mentor=False,
                is_mentee=False,
                goals="",
                experience="",
                timezone="UTC",
                capacity=0,
                checkin_cadence_days=14,
                away_note="",
            )
            self.session.add(profile)
        for name in ("offers", "seeks"):
            if name in values:
                await self._set_topics(profile, TopicDirection(name), values.pop(name))
        if "languages" in values:
            wanted = [
                ProfileLanguage(code=code, position=i) for i, code in enumerate(values.pop("languages"))
            ]
            profile.languages = merge_children(profile.languages, wanted, _language_key, ["position"])
        for name, value in values.items():
            setattr(profile, name, value)
        if profile.is_mentor and profile.capacity < 1:
            profile.capacity = 1
        await self.session.commit()
        return await self.session.get_one(Profile, profile.id, populate_existing=True)

    async def _set_topics(self, profile: Profile, direction: TopicDirection, entries: list[str]) -> None:
        topics = await topics_for(self.session, entries)
        others = [link for link in profile.topics if link.direction is not direction]
        wanted = [
            ProfileTopic(topic=topic, direction=direction, position=i) for i, topic in enumerate(topics)
        ]
        profile.topics = others + merge_children(profile.topics, wanted, _topic_key, ["position"])

    async def view(self, viewer: User, profile_id: UUID) -> ProfileView:
        """A profile as the viewer may see it; ProfileNotFound when they may not see it at all."""
        row = (
            await self.session.execute(
                select(Profile, User)
                .join(User, Profile.user_id == User.id)
                .where(Profile.id == profile_id, User.is_active)
            )
        ).first()
        if row is None:
            raise ProfileNotFound
        profile, owner = row
        audience = await self.audience(viewer, owner)
        if audience is None:
            raise ProfileNotFound
        return profile_view(profile, owner, audience)

    async def audience(self, viewer: User, owner: User) -> Audience | None:
        """How the viewer relates to the owner, or None when the profile is hidden from them."""
        if viewer.id == owner.id:
            return Audience.OWNER
        if viewer.is_coordinator:
            return Audience.COORDINATOR
        if await self.are_connected(viewer.id, owner.id):
            return Audience.MATCHED
        return None

    async def are_connected(self, first: UUID, second: UUID) -> bool:
        """Whether two people (user ids) share an open proposal or request, or a relationship."""
        mine = aliased(ProposalMember)
        theirs = aliased(ProposalMember)
        proposed = (
            select(Proposal.id)
            .join(mine, mine.proposal_id == Proposal.id)
            .join(theirs, theirs.proposal_id == Proposal.id)
            .where(Proposal.status.in_([ProposalStatus.OPEN, ProposalStatus.ACCEPTED]))
            .where(mine.profile_id == _profile_of(first), theirs.profile_id == _profile_of(second))
        )
        me_in = aliased(RelationshipMember)
        them_in = aliased(RelationshipMember)
        matched = (
            select(me_in.id)
            .join(them_in, them_in.relationship_id == me_in.relationship_id)
            .where(me_in.profile_id == _profile_of(first), them_in.profile_id == _profile_of(second))
        )
        found = await self.session.scalar(select(proposed.exists() | matched.exists()))
        return bool(found)

    def _roster_query(self, filters: RosterFilters, today: date) -> Select[User]:
        query = select(User).join(Profile, Profile.user_id == User.id).where(User.is_active)
        if filters.q:
            like = f"%{filters.q.lower()}%"
            query = query.where(
                or_(
                    func.lower(User.name).like(like),
                    func.lower(User.email).like(like),
                    func.lower(Profile.goals).like(like),
                )
            )
        if filters.role == "mentor":
            query = query.where(Profile.is_mentor)
        elif filters.role == "mentee":
            query = query.where(Profile.is_mentee)
        if filters.kind:
            query = query.where(cast(Profile.kinds, Text).like(f'%"{filters.kind}"%'))
        if filters.topic:
            query = query.where(
                Profile.id.in_(select(ProfileTopic.profile_id).join(Topic).where(Topic.slug == filters.topic))
            )
        if filters.language:
            query = query.where(
                Profile.id.in_(
                    select(ProfileLanguage.profile_id).where(ProfileLanguage.code == filters.language)
                )
            )
        away = Profile.away_on(today)
        if filters.away == "yes":
            query = query.where(away)
        elif filters.away == "no":
            query = query.where(~away)
        return query

    async def roster(self, filters: RosterFilters, today: date | None = None) -> RosterPage:
        """A filtered, paginated page of participants for coordinators."""
        today = today or date.today()
        query = self._roster_query(filters, today)

        async def count() -> int:
            return await self.session.scalar(select(func.count()).select_from(query.subquery())) or 0

        # Kept until a profile, membership or account changes: a count of everyone took 50 ms at 100k.
        asked = (filters.q, filters.role, filters.kind, filters.topic, filters.language, filters.away, today)
        key = "roster-total:" + hashlib.blake2s(repr(asked).encode(), digest_size=8).hexdigest()
        total = await kept(self.figures, self.session, key, int, count)
        per_page = min(max(1, filters.per_page), 200)
        pages = max(1, -(-total // per_page))
        page = min(max(1, filters.page), pages)
        rows = await self.session.execute(
            query.order_by(func.lower(User.name), User.id)
            .offset((page - 1) * per_page)
            .limit(per_page)
            # The joined profile is the user's: selecting it as an entity of its own, User.profile's
            # selectin read every profile, its topics and its languages a second time.
            .options(contains_eager(User.profile))
        )
        pairs = [(user, user.profile) for user in rows.scalars() if user.profile is not None]
        return RosterPage(rows=pairs, total=total, page=page, pages=pages)

    async def topic_choices(self) -> list[Topic]:
        """Curated topics that are not retired, for autocomplete and filters."""
        return list(
            (
                await self.session.execute(
                    select(Topic).where(Topic.curated, ~Topic.retired).order_by(Topic.category, Topic.label)
                )
            ).scalars()
        )
