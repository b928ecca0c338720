"""Relationships as their members and coordinators see them, and every change to one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.services import upcoming_and_past
from mentorship.events.describe import describe_as
from mentorship.models import (
    Checkin,
    Goal,
    GoalNote,
    Profile,
    Program,
    Reflection,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from mentorship.relationships.access import (
    RelationshipConflict,
    RelationshipForbidden,
    RelationshipInvalid,
    RelationshipNotFound,
    resume_due,
)
from mentorship.relationships.goals import GoalActions
from mentorship.relationships.lifecycle import LifecycleActions

for _type, _line in {
    "relationship.paused": "{actor} paused a relationship until {until}",
    "relationship.resumed": "{actor} resumed a relationship",
    "relationship.cadence": "{actor} set check-ins every {days} days",
    "relationship.completed": "{actor} completed a relationship",
    "relationship.reflected": "{actor} wrote a closing reflection",
    "relationship.ended": "{actor} ended a relationship early",
    "relationship.rematch_requested": "{actor} asked for a re-match",
    "goal.added": "{actor} added a goal",
    "goal.updated": "{actor} updated a goal ({status})",
    "goal.deleted": "{actor} removed a goal",
    "goal.noted": "{actor} wrote a progress note on a goal",
    "checkin.reminded": "A reminder was sent for an overdue check-in",
    "checkin.escalated": "Coordinators were told about a missed check-in",
}.items():
    describe_as(_type, _line)

__all__ = [
    "ProgramGroup",
    "RelationshipConflict",
    "RelationshipForbidden",
    "RelationshipInvalid",
    "RelationshipItem",
    "RelationshipNotFound",
    "RelationshipPage",
    "RelationshipService",
    "by_program",
]


@dataclass(frozen=True)
class RelationshipItem:
    """A relationship with its members' profiles."""

    relationship: Relationship
    people: list[tuple[RelationshipMember, Profile]]
    program: Program | None = None  # none: the whole community, outside programs


@dataclass(frozen=True)
class ProgramGroup:
    """One program's relationships on a participant's list (program None: outside programs)."""

    program: Program | None
    items: list[RelationshipItem]


def by_program(items: Sequence[RelationshipItem]) -> list[ProgramGroup]:
    """Relationships grouped by program, programs by name, those outside programs last; order kept inside."""
    groups: dict[UUID | None, ProgramGroup] = {}
    for item in items:
        key = item.program.id if item.program is not None else None
        groups.setdefault(key, ProgramGroup(item.program, [])).items.append(item)
    return sorted(
        groups.values(), key=lambda g: (g.program is None, g.program.name.lower() if g.program else "")
    )


@dataclass(frozen=True)
class RelationshipPage:
    """Everything one person may see of a relationship."""

    item: RelationshipItem
    me: RelationshipMember | None
    goals: list[tuple[Goal, list[GoalNote]]]
    upcoming: list[Checkin]
    past: list[Checkin]
    # Reflection texts are shared in the relationship; self-assessments only with their owner.
    reflections: list[tuple[Profile, str]]
    mine: Reflection | None
    end_reason: str | None = None
    authors: dict[UUID, str] = field(default_factory=dict)

    @property
    def relationship(self) -> Relationship:
        """The relationship itself."""
        return self.item.relationship

    @property
    def live(self) -> bool:
        """Active or paused: goals and plans can still change."""
        return self.relationship.is_live

    @property
    def can_reflect(self) -> bool:
        """A member who has not written a closing reflection yet, on a relationship not ended early."""
        return (
            self.me is not None
            and self.mine is None
            and self.relationship.status is not RelationshipStatus.ENDED
        )

    @property
    def next_checkin(self) -> Checkin | None:
        """The next planned check-in."""
        return self.upcoming[0] if self.upcoming else None


class RelationshipService(GoalActions, LifecycleActions):
    """Relationships on one database session: reading them with access checks, and changing them."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)

    async def item(self, relationship: Relationship) -> RelationshipItem:
        """The relationship with its members' profiles, mentors first."""
        return (await self.items([relationship]))[0]

    async def items(self, relationships: Sequence[Relationship]) -> list[RelationshipItem]:
        """Several relationships with their members' profiles, loaded in one query."""
        ids = {m.profile_id for r in relationships for m in r.members}
        query = select(Profile).where(Profile.id.in_(ids)).options(*Profile.without_lists())
        found = await self.session.execute(query) if ids else None
        people = {profile.id: profile for profile in found.scalars()} if found is not None else {}
        wanted = {r.program_id for r in relationships if r.program_id is not None}
        programs = (
            {
                p.id: p
                for p in (await self.session.execute(select(Program).where(Program.id.in_(wanted)))).scalars()
            }
            if wanted
            else {}
        )
        result = []
        for relationship in relationships:
            members = sorted(
                relationship.members, key=lambda m: (m.role.value != "mentor", people[m.profile_id].user.name)
            )
            program = programs.get(relationship.program_id) if relationship.program_id else None
            result.append(
                RelationshipItem(relationship, [(m, people[m.profile_id]) for m in members], program)
            )
        return result

    async def mine(self, user: User, program: str = "") -> list[RelationshipItem]:
        """Relationships I am in: live ones first, newest first; in one program when a slug is given."""
        mine = (
            select(Relationship.id)
            .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
            .join(Profile, Profile.id == RelationshipMember.profile_id)
            .where(Profile.user_id == user.id)
        )
        await resume_due(self.session, only=list((await self.session.execute(mine)).scalars()))
        found = await self.session.execute(
            select(Relationship)
            .where(Relationship.id.in_(mine))
            .order_by(Relationship.started_at.desc())
            .execution_options(populate_existing=True)
        )
        items = await self.items(list(found.scalars()))
        if program:
            items = [item for item in items if item.program is not None and item.program.slug == program]
        return sorted(items, key=lambda item: not item.relationship.is_live)

    async def all(
        self, status: RelationshipStatus | None = None, limit: int = 500, program_id: UUID | None = None
    ) -> list[RelationshipItem]:
        """Every relationship (coordinators), newest first; one program's with ``program_id``."""
        await resume_due(self.session)
        query = select(Relationship).order_by(Relationship.started_at.desc()).limit(limit)
        if status is not None:
            query = query.where(Relationship.status == status)
        if program_id is not None:
            query = query.where(Relationship.program_id == program_id)
        return await self.items(list((await self.session.execute(query)).scalars()))

    async def get(self, user: User, relationship_id: UUID) -> RelationshipItem:
        """A relationship I am in; coordinators may see any; a 404 for anyone else."""
        relationship, _me = await self.visible(user, relationship_id)
        return await self.item(relationship)

    async def page(self, user: User, relationship_id: UUID) -> RelationshipPage:
        """The relationship page as this person may see it."""
        relationship, me = await self.visible(user, relationship_id)
        item = await self.item(relationship)
        upcoming, past = await upcoming_and_past(self.session, relationship_id)
        reflections = list(
            (
                await self.session.execute(
                    select(Reflection)
                    .where(Reflection.relationship_id == relationship_id)
                    .order_by(Reflection.created_at)
                )
            ).scalars()
        )
        profiles = {profile.id: profile for _m, profile in item.people}
        mine = next((r for r in reflections if me is not None and r.profile_id == me.profile_id), None)
        return RelationshipPage(
            item=item,
            me=me,
            goals=await self.goals(relationship_id),
            upcoming=[upcoming] if upcoming else [],
            past=past,
            reflections=[(profiles[r.profile_id], r.text) for r in reflections if r.profile_id in profiles],
            mine=mine,
            end_reason=relationship.end_reason if user.is_coordinator else None,
            authors={pid: profile.user.name for pid, profile in profiles.items()},
        )
