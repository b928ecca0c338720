"""Who a round may match, and the bridge from profiles to the engine's participants table."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import Any
from uuid import UUID

import pandas as pd
from sqlalchemy import ColumnElement, and_, exists, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
    TopicDirection,
    User,
)

# Opt-in attributes people may share for the fairness audit; read only in aggregate.
AUDIT_COLUMNS = ("region", "gender", "first_language")
PENDING = (ProposalStatus.OPEN,)


@dataclass
class Pool:
    """The people of one round, their table rows and the pairs the engine must never propose."""

    kind: Kind
    frame: pd.DataFrame
    profiles: dict[str, Profile]
    names: dict[str, str]
    # Rows are "<role>:<profile id>"; someone both mentor and mentee appears twice, never with themselves.
    self_pairs: list[tuple[str, str]] = field(default_factory=list)
    free_capacity: dict[str, int] = field(default_factory=dict)

    @property
    def mentees(self) -> int:
        """How many people seek a mentor (or a peer) in this pool."""
        return int((self.frame["role"] == "mentee").sum()) if len(self.frame) else 0

    @property
    def mentors(self) -> int:
        """How many mentors are in this pool."""
        return int((self.frame["role"] == "mentor").sum()) if len(self.frame) else 0


def row_id(role: str, profile_id: UUID) -> str:
    """The table id of a person in a role."""
    return f"{role}:{profile_id}"


def profile_id_of(row: str) -> UUID:
    """The profile id back from a table id."""
    return UUID(row.split(":", 1)[1])


def _has_slot(kind: Kind, role: MemberRole) -> ColumnElement[bool]:
    return exists().where(
        ActiveSlot.profile_id == Profile.id, ActiveSlot.kind == kind, ActiveSlot.role == role
    )


def _pending(kind: Kind, role: MemberRole) -> ColumnElement[bool]:
    return exists().where(
        ProposalMember.profile_id == Profile.id,
        ProposalMember.role == role,
        ProposalMember.proposal_id == Proposal.id,
        Proposal.kind == kind,
        Proposal.status.in_(PENDING),
    )


async def pending_mentor_places(session: AsyncSession, kind: Kind) -> dict[UUID, int]:
    """Places each mentor has promised in open proposals and requests of a kind (not yet accepted)."""
    rows = await session.execute(
        select(ProposalMember.profile_id, Proposal.id)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(ProposalMember.role == MemberRole.MENTOR, Proposal.kind == kind, Proposal.status.in_(PENDING))
    )
    held: dict[UUID, int] = {}
    for profile_id, _proposal in rows.all():
        held[profile_id] = held.get(profile_id, 0) + 1
    return held


class Parting(IntEnum):
    """Why two people are never proposed to each other again (the higher, the more it says)."""

    DECLINED = 1  # one of them declined a proposal or request the other was in
    BEFORE = 2  # they were in a relationship that has ended
    TOGETHER = 3  # they are in a relationship now


async def parted_pairs(session: AsyncSession, people: Collection[UUID]) -> dict[frozenset[UUID], Parting]:
    """Pairs among ``people`` never to propose again: in a relationship once, or one declined the other."""
    people = set(people)
    parted: dict[frozenset[UUID], Parting] = {}
    if not people:
        return parted
    groups = [*await _relationships_of(session, people), *await _declines_of(session, people)]
    for members in groups:
        for a, why in members.items():
            for b in members:
                pair = frozenset((a, b))
                if why is not None and a != b and why > parted.get(pair, 0):
                    parted[pair] = why
    return parted


async def _relationships_of(session: AsyncSession, people: set[UUID]) -> list[dict[UUID, Parting | None]]:
    """The members of each relationship these people were in: together now, or before."""
    rows = await session.execute(
        select(RelationshipMember.relationship_id, RelationshipMember.profile_id, Relationship.status)
        .join(Relationship, Relationship.id == RelationshipMember.relationship_id)
        .where(RelationshipMember.profile_id.in_(people))
    )
    groups: dict[UUID, dict[UUID, Parting | None]] = {}
    for relationship_id, profile_id, status in rows.all():
        now = status in (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED)
        groups.setdefault(relationship_id, {})[profile_id] = Parting.TOGETHER if now else Parting.BEFORE
    return list(groups.values())


async def _declines_of(session: AsyncSession, people: set[UUID]) -> list[dict[UUID, Parting | None]]:
    """The members of each declined proposal these people were in; who declined parts from the others."""
    other = aliased(ProposalMember)
    someone_declined = exists().where(other.proposal_id == Proposal.id, other.response == Response.DECLINED)
    rows = await session.execute(
        select(
            ProposalMember.proposal_id, ProposalMember.profile_id, ProposalMember.response, Proposal.status
        )
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(
            ProposalMember.profile_id.in_(people),
            or_(Proposal.status == ProposalStatus.DECLINED, someone_declined),
        )
    )
    groups: dict[UUID, dict[UUID, Parting | None]] = {}
    for proposal_id, profile_id, response, status in rows.all():
        # A declined proposal parts all its people; a group that went on parts only who left it.
        said_no = status is ProposalStatus.DECLINED or response is Response.DECLINED
        groups.setdefault(proposal_id, {})[profile_id] = Parting.DECLINED if said_no else None
    return list(groups.values())


def _chose(kind: Kind) -> ColumnElement[bool]:
    # kinds is a JSON list: a LIKE on its text works on both SQLite and PostgreSQL.
    from sqlalchemy import String, cast

    return cast(Profile.kinds, String).like(f'%"{kind.value}"%')


async def build_pool(
    session: AsyncSession,
    kind: Kind,
    today: date,
    *,
    excluded_profiles: set[UUID] | None = None,
    overloaded: set[UUID] | None = None,
) -> Pool:
    """Everyone who wants this kind, is not away, has room and is not already matched for it."""
    excluded_profiles = excluded_profiles or set()
    overloaded = overloaded or set()
    base = (
        select(Profile)
        .join(User, User.id == Profile.user_id)
        .where(User.is_active, _chose(kind))
        .options(selectinload(Profile.topics), selectinload(Profile.languages))
        .order_by(Profile.created_at, Profile.id)
    )
    seeker_role = MemberRole.PEER if kind is Kind.PEER else MemberRole.MENTEE
    seekers = (
        await session.execute(
            base.where(
                Profile.is_mentee, not_(_has_slot(kind, seeker_role)), not_(_pending(kind, seeker_role))
            )
        )
    ).scalars()
    people: list[dict[str, Any]] = []
    profiles: dict[str, Profile] = {}
    names: dict[str, str] = {}
    for profile in seekers:
        if profile.id in excluded_profiles:
            continue
        rid = row_id("mentee", profile.id)
        people.append(_row(rid, "mentee", profile, kind, 0))
        profiles[rid] = profile
    free: dict[str, int] = {}
    self_pairs: list[tuple[str, str]] = []
    if kind is not Kind.PEER:
        held = await pending_mentor_places(session, kind)
        mentors = (
            await session.execute(
                base.where(Profile.is_mentor, Profile.capacity > 0, not_(Profile.away_on(today))).where(
                    and_(Profile.mentee_load < Profile.capacity)
                    if kind is Kind.TRADITIONAL
                    else not_(_has_slot(kind, MemberRole.MENTOR))
                )
            )
        ).scalars()
        for profile in mentors:
            if profile.id in excluded_profiles or profile.id in overloaded:
                continue
            if kind is Kind.TRADITIONAL:
                room = profile.capacity - profile.mentee_load - held.get(profile.id, 0)
            else:
                room = profile.capacity if held.get(profile.id, 0) == 0 else 0
            if room <= 0:
                continue
            rid = row_id("mentor", profile.id)
            people.append(_row(rid, "mentor", profile, kind, room))
            profiles[rid] = profile
            free[rid] = room
            if row_id("mentee", profile.id) in profiles:
                self_pairs.append((row_id("mentee", profile.id), rid))
    for rid, profile in profiles.items():
        names[rid] = profile.user.name
    frame = pd.DataFrame(people, columns=[*COLUMNS, *AUDIT_COLUMNS]).fillna("")
    return Pool(kind, frame, profiles, names, self_pairs, free)


COLUMNS = (
    "id",
    "name",
    "role",
    "kinds",
    "goals",
    "experience",
    "offers",
    "seeks",
    "languages",
    "timezone",
    "capacity",
)


def _row(rid: str, role: str, profile: Profile, kind: Kind, capacity: int) -> dict[str, Any]:
    """One participants-table row (the CSV contract) for a profile in a role."""
    attributes = profile.fairness_attributes or {}
    return {
        "id": rid,
        "name": profile.user.name,
        "role": role,
        "kinds": kind.value,
        "goals": profile.goals,
        "experience": profile.experience,
        "offers": ";".join(profile.topic_slugs(TopicDirection.OFFERS)),
        "seeks": ";".join(profile.topic_slugs(TopicDirection.SEEKS)),
        "languages": ";".join(profile.language_codes) or "en",
        "timezone": profile.timezone or "UTC",
        "capacity": str(capacity) if role == "mentor" else "",
        **{column: str(attributes.get(column, "") or "") for column in AUDIT_COLUMNS},
    }
