"""Demo relationships in every state: goals with progress notes, one paused, completed ones with
reflections and before/after self-assessments, one ended early, one waiting for a re-match."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from sqlalchemy import func, select

from mentorship.models import Goal, GoalStatus, MemberRole, Profile, Relationship, RelationshipStatus
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
    """Goals for every live demo relationship, then one of each closing state, through the real services."""
    rng = random.Random(seed)
    async with config.get_session() as session:
        if await session.scalar(select(func.count()).select_from(Goal)):
            return {"skipped": 1}
        live = list(
            (
                await session.execute(
                    select(Relationship)
                    .where(Relationship.status == RelationshipStatus.ACTIVE)
                    .order_by(Relationship.started_at, Relationship.id)
                )
            ).scalars()
        )
        people = {
            p.id: p
            for p in (
                await session.execute(
                    select(Profile).where(Profile.id.in_({m.profile_id for r in live for m in r.members}))
                )
            ).scalars()
        }
        service = RelationshipService(session)
        plans = [(r.id, [(m.role, people[m.profile_id]) for m in r.members]) for r in live]
        for rid, members in plans:
            seeker = next(p for role, p in members if role is not MemberRole.MENTOR)
            for title, description in rng.sample(GOALS, 2):
                status = rng.choice([GoalStatus.OPEN, GoalStatus.IN_PROGRESS, GoalStatus.DONE])
                goal = await service.add_goal(seeker.user, rid, GoalForm(title, description, status))
                if status is not GoalStatus.OPEN:
                    await service.add_note(seeker.user, rid, goal.id, rng.choice(NOTES))
        closing = {"completed": 0, "ended": 0, "paused": 0, "rematch": 0}
        for index, (rid, members) in enumerate(plans[:5]):
            seeker = next(p for role, p in members if role is not MemberRole.MENTOR)
            if index < 2:
                for role, person in members:
                    before = person.self_assessment or {}
                    after = {k: min(5, v + rng.choice([0, 1, 1, 2])) for k, v in before.items()} or None
                    await service.complete(person.user, rid, REFLECTIONS[role], after)
                closing["completed"] += 1
            elif index == 2:
                await service.end(
                    seeker.user, rid, "Our schedules never lined up; I would like another mentor."
                )
                closing["ended"] += 1
            elif index == 3:
                await service.pause(seeker.user, rid, (datetime.now(UTC) + timedelta(days=21)).date())
                closing["paused"] += 1
            else:
                await service.rematch(seeker.user, rid)
                closing["rematch"] += 1
    return {"relationships": len(plans), **closing}
