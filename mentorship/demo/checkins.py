"""Demo history: a few months of check-ins for the accepted demo relationships, and the next ones planned."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.builtin import ensure_builtin_templates
from mentorship.models import (
    ActionItem,
    Checkin,
    CheckinEntry,
    CheckinStatus,
    CheckinTemplate,
    PulseAnswer,
    Relationship,
    RelationshipStatus,
)

ENTRIES = {
    "wins": ["Ran my first online meetup; twelve people came.", "Finished the translation sprint early."],
    "challenges": ["Hard to find volunteers for the photo walk.", "Too many chat channels to follow."],
    "wellbeing": ["A busy month at work; I took a weekend off-line.", "Feeling rested after the holidays."],
    "goals": ["Outreach plan drafted; budget still open.", "Two of the four training sessions done."],
    "feedback": [
        "At the meetup (situation) you summed up each question (behaviour); newcomers kept talking (impact).",
        "In our last call I cut you off twice; you stopped sharing ideas. I will wait longer.",
    ],
    "expectations": ["Monthly guidance on running events; honest feedback both ways."],
    "boundaries": ["We keep personal matters between us; either of us can pause when life gets busy."],
    "cadence": ["Every two weeks, 45 minutes, video call."],
}
ACTIONS = [
    "Draft the call for volunteers",
    "Share the event checklist",
    "Ask the chapter board about a small grant",
    "Write down what the last workshop taught us",
    "Book a room for the editathon",
    "Try one week without checking chat after 8 pm",
]
NOTES = ["Good energy today; we agreed to keep the plan small.", "Short call, rescheduled the deep dive."]


def _template_for(index: int, templates: dict[str, CheckinTemplate]) -> CheckinTemplate:
    if index == 0:
        return templates["first"]
    topics = ["topic-burnout", "topic-handover", "topic-self-assessment", "topic-conflict", "topic-dei"]
    return templates[topics[index % len(topics)]] if index % 4 == 3 else templates["regular"]


async def load_demo_checkins(config: SQLAlchemyAsyncConfig, seed: int = 2026) -> dict[str, int]:
    """Write check-in history for active demo relationships that have none; idempotent."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    counts = {"checkins": 0, "action_items": 0, "pulse_answers": 0}
    async with config.get_session() as session:
        await ensure_builtin_templates(session)
        await session.flush()
        templates = {
            t.key: t
            for t in (await session.execute(select(CheckinTemplate).where(CheckinTemplate.current))).scalars()
        }
        has_history = set((await session.execute(select(Checkin.relationship_id))).scalars())
        relationships = [
            r
            for r in (
                await session.execute(
                    select(Relationship)
                    .where(Relationship.status == RelationshipStatus.ACTIVE)
                    .order_by(Relationship.created_at, Relationship.id)
                )
            ).scalars()
            if r.id not in has_history
        ]
        records: list[object] = []
        for index, relationship in enumerate(relationships):
            _history(session, rng, relationship, templates, now, 2 + index % 3, counts, records)
        await session.flush()  # check-ins first: what was recorded at them refers to them
        session.add_all(records)
        await session.commit()
    return counts


def _history(
    session: AsyncSession,
    rng: random.Random,
    relationship: Relationship,
    templates: dict[str, CheckinTemplate],
    now: datetime,
    months: int,
    counts: dict[str, int],
    records: list[object],
) -> None:
    members: list[UUID] = [m.profile_id for m in relationship.members]
    mood = {p: rng.randint(2, 4) for p in members}
    start = now - timedelta(days=30 * months) + timedelta(hours=rng.randint(0, 72))
    relationship.started_at = start - timedelta(days=3)
    when, index = start, 0
    while when < now - timedelta(days=2):
        template = _template_for(index, templates)
        missed = index > 0 and rng.random() < 0.15
        checkin = Checkin(
            id=uuid4(),
            relationship_id=relationship.id,
            template_id=template.id,
            scheduled_at=when,
            duration_minutes=45,
            status=CheckinStatus.MISSED if missed else CheckinStatus.HELD,
            held_at=None if missed else when + timedelta(minutes=45),
            notes="" if missed else rng.choice(NOTES),
        )
        session.add(checkin)
        counts["checkins"] += 1
        if not missed:
            _record(records, rng, checkin, template, members, mood, now, counts)
        when += timedelta(days=relationship.cadence_days, hours=rng.randint(-3, 3))
        index += 1
    upcoming = Checkin(
        relationship_id=relationship.id,
        template_id=templates["regular"].id,
        scheduled_at=max(when, now + timedelta(days=1)),
        duration_minutes=45,
        status=CheckinStatus.PLANNED,
    )
    session.add(upcoming)
    counts["checkins"] += 1


def _record(
    records: list[object],
    rng: random.Random,
    checkin: Checkin,
    template: CheckinTemplate,
    members: list[UUID],
    mood: dict[UUID, int],
    now: datetime,
    counts: dict[str, int],
) -> None:
    at = checkin.scheduled_at
    for section in template.sections:
        lines = ENTRIES.get(section["key"])
        if lines:
            author = rng.choice(members)
            entry = CheckinEntry(
                checkin_id=checkin.id,
                author_id=author,
                section=section["key"],
                text=rng.choice(lines),
                created_at=at,
            )
            records.append(entry)
    for _ in range(rng.randint(1, 2)):
        due = (at + timedelta(days=rng.randint(7, 20))).date()
        done = due < now.date() and rng.random() < 0.65
        item = ActionItem(
            relationship_id=checkin.relationship_id,
            checkin_id=checkin.id,
            owner_id=rng.choice(members),
            text=rng.choice(ACTIONS),
            due_on=due,
            done_at=datetime.combine(due, at.timetz()) - timedelta(days=1) if done else None,
            created_at=at + timedelta(minutes=40),
            updated_at=at + timedelta(minutes=40),
        )
        records.append(item)
        counts["action_items"] += 1
    for profile_id in members:
        if rng.random() < 0.7:
            base = mood[profile_id]
            records.append(
                PulseAnswer(
                    profile_id=profile_id,
                    checkin_id=checkin.id,
                    energy=min(5, max(1, base + rng.randint(-1, 1))),
                    workload=min(5, max(1, 6 - base + rng.randint(-1, 1))),
                    stress=min(5, max(1, 6 - base + rng.randint(-1, 1))),
                    wants_support=base == 2 and rng.random() < 0.1,
                    created_at=at + timedelta(minutes=50),
                )
            )
            counts["pulse_answers"] += 1
