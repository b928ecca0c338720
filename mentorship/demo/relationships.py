"""Demo relationships in every state: goals with progress notes, one paused, completed ones with
reflections and before/after self-assessments, one ended early, one waiting for a re-match."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.demo.bulk import Row, event_row, fast_sqlite, insert_rows, notification_row, write_history
from mentorship.lib.i18n import _
from mentorship.models import (
    Goal,
    GoalNote,
    GoalStatus,
    MemberRole,
    Profile,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from mentorship.relationships.goals import GoalForm
from mentorship.relationships.services import RelationshipService

GOALS = [
    ("Run a first editathon", "Plan, promote and hold one in my city."),
    ("Delegate the newsletter", "Hand it over to two volunteers with a checklist."),
    ("Give feedback with situation, behaviour, impact", "Try it in three conversations."),
    ("Take one weekend a month off-line", "Protect rest before the conference season."),
    ("Write the onboarding page for newcomers", ""),
]
NOTES = [
    "Drafted the plan; the venue is booked.",
    "Halfway there.",
    "Harder than expected; we talked it through.",
]
REFLECTIONS = {
    MemberRole.MENTEE: "I learned to ask for help earlier and to hand over work with a clear checklist.",
    MemberRole.MENTOR: "Seeing the plans turn into events was a joy; I learned to ask more and advise less.",
}


async def load_demo_relationships(config: SQLAlchemyAsyncConfig, seed: int = 2026) -> dict[str, int]:
    """Goals for every live relationship (in bulk), then one of each closing state through the services."""
    rng = random.Random(seed)
    async with config.get_session() as session:
        await fast_sqlite(session)
        if await session.scalar(select(func.count()).select_from(Goal)):
            return {"skipped": 1}
        live = (
            await session.execute(
                select(Relationship.id)
                .where(Relationship.status == RelationshipStatus.ACTIVE)
                .order_by(Relationship.started_at, Relationship.id)
            )
        ).scalars()
        plans = await _members(session, list(live))
        goals = _Goals()
        for rid, members in plans:
            seeker = next(person for role, person in members if role is not MemberRole.MENTOR)
            others = [person.user_id for _role, person in members if person.user_id != seeker.user_id]
            for position, (title, description) in enumerate(rng.sample(GOALS, 2), start=1):
                status = rng.choice([GoalStatus.OPEN, GoalStatus.IN_PROGRESS, GoalStatus.DONE])
                note = rng.choice(NOTES) if status is not GoalStatus.OPEN else None
                goals.add(rid, seeker, others, GoalForm(title, description, status), position, note)
        await goals.write(session)
        await session.commit()
        closing = await _close_some(session, rng, [rid for rid, _members in plans[:5]])
    return {"relationships": len(plans), **closing}


async def _members(
    session: AsyncSession, relationship_ids: list[UUID]
) -> list[tuple[UUID, list[tuple[MemberRole, Any]]]]:
    """Each relationship's members as (role, person with profile, user id and name), in the given order."""
    found: dict[UUID, list[tuple[MemberRole, Any]]] = {rid: [] for rid in relationship_ids}
    rows = await session.execute(
        select(
            RelationshipMember.relationship_id,
            RelationshipMember.role,
            Profile.id.label("profile_id"),
            Profile.user_id,
            User.name,
        )
        .join(Profile, Profile.id == RelationshipMember.profile_id)
        .join(User, User.id == Profile.user_id)
        .join(Relationship, Relationship.id == RelationshipMember.relationship_id)
        .where(Relationship.status == RelationshipStatus.ACTIVE)
    )
    for row in rows.all():
        if row.relationship_id in found:
            found[row.relationship_id].append((row.role, row))
    return list(found.items())


class _Goals:
    """What `RelationshipService.add_goal` and `add_note` write, gathered as rows for bulk inserts."""

    def __init__(self) -> None:
        self.goals: list[Row] = []
        self.notes: list[Row] = []
        self.events: list[Row] = []
        self.notifications: list[Row] = []

    def add(
        self, rid: UUID, seeker: Any, others: list[UUID], form: GoalForm, position: int, note: str | None
    ) -> None:
        """A goal the seeker agreed, with a progress note when it has moved; the other members are told."""
        now = datetime.now(UTC)
        goal_id = uuid4()
        self.goals.append(
            {
                "id": goal_id,
                "relationship_id": rid,
                "title": form.title,
                "description": form.description,
                "status": form.status,
                "position": position,
                "created_by_id": seeker.profile_id,
                "created_at": now,
                "updated_at": now,
            }
        )
        self._tell(rid, seeker, others, "goal.added", goal_id, _("{name} added a goal: {title}"), form.title)
        if note is not None:
            self.notes.append(
                {
                    "id": uuid4(),
                    "goal_id": goal_id,
                    "author_id": seeker.profile_id,
                    "text": note,
                    "created_at": now,
                }
            )
            self._tell(
                rid,
                seeker,
                others,
                "goal.noted",
                goal_id,
                _("{name} wrote about progress on “{title}”."),
                form.title,
            )

    def _tell(
        self, rid: UUID, seeker: Any, others: list[UUID], type_: str, goal_id: UUID, text: str, title: str
    ) -> None:
        self.events.append(event_row(type_, "relationship", rid, seeker.user_id, goal=goal_id))
        message = text.format(name=seeker.name, title=title)
        self.notifications += [
            notification_row(uid, "relationship", message, f"/relationships/{rid}") for uid in others
        ]

    async def write(self, session: AsyncSession) -> None:
        """Insert the goals, their notes, and the events and notifications they made."""
        await insert_rows(session, Goal, self.goals)
        await insert_rows(session, GoalNote, self.notes)
        await write_history(session, self.events, self.notifications)


async def _close_some(
    session: AsyncSession, rng: random.Random, relationship_ids: list[UUID]
) -> dict[str, int]:
    """Complete two relationships, end one early, pause one and ask a re-match for one, as people would."""
    closing = {"completed": 0, "ended": 0, "paused": 0, "rematch": 0}
    service = RelationshipService(session)
    for index, rid in enumerate(relationship_ids):
        relationship = await session.get(Relationship, rid)
        assert relationship is not None
        people = await service.people(relationship)
        members = [(m.role, people[m.profile_id]) for m in relationship.members]
        seeker = next(p for role, p in members if role is not MemberRole.MENTOR)
        if index < 2:
            for role, person in members:
                before = person.self_assessment or {}
                after = {k: min(5, v + rng.choice([0, 1, 1, 2])) for k, v in before.items()} or None
                await service.complete(person.user, rid, REFLECTIONS[role], after)
            closing["completed"] += 1
        elif index == 2:
            await service.end(seeker.user, rid, "Our schedules never lined up; I would like another mentor.")
            closing["ended"] += 1
        elif index == 3:
            await service.pause(seeker.user, rid, (datetime.now(UTC) + timedelta(days=21)).date())
            closing["paused"] += 1
        else:
            await service.rematch(seeker.user, rid)
            closing["rematch"] += 1
    return closing
