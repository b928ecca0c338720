"""Demo history: a few months of check-ins for the accepted demo relationships, and the next ones planned."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.builtin import ensure_builtin_templates
from mentorship.demo.bulk import Row, fast_sqlite, insert_rows
from mentorship.models import (
    ActionItem,
    Checkin,
    CheckinEntry,
    CheckinStatus,
    CheckinTemplate,
    PulseAnswer,
    Relationship,
    RelationshipMember,
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
        await fast_sqlite(session)
        await ensure_builtin_templates(session)
        await session.flush()
        templates = {
            t.key: t
            for t in (await session.execute(select(CheckinTemplate).where(CheckinTemplate.current))).scalars()
        }
        has_history = set((await session.execute(select(Checkin.relationship_id).distinct())).scalars())
        relationships = [
            row
            for row in (
                await session.execute(
                    select(Relationship.id, Relationship.cadence_days)
                    .where(Relationship.status == RelationshipStatus.ACTIVE)
                    .order_by(Relationship.created_at, Relationship.id)
                )
            ).all()
            if row.id not in has_history
        ]
        members = await members_of(session, [row.id for row in relationships])
        history = History(rng, templates, now, counts)
        for index, (relationship_id, cadence) in enumerate(relationships):
            history.add(relationship_id, cadence, members[relationship_id], 2 + index % 3)
        # Check-ins first: what was recorded at them refers to them.
        await insert_rows(session, Checkin, history.checkins)
        await insert_rows(session, CheckinEntry, history.entries)
        await insert_rows(session, ActionItem, history.items)
        await insert_rows(session, PulseAnswer, history.pulses)
        if history.started:
            await session.execute(update(Relationship), history.started)
        await session.commit()
    return counts


async def members_of(session: AsyncSession, relationship_ids: list[UUID]) -> dict[UUID, list[UUID]]:
    """Each relationship's member profiles, in the order they were added."""
    found: dict[UUID, list[UUID]] = {rid: [] for rid in relationship_ids}
    rows = await session.execute(
        select(RelationshipMember.relationship_id, RelationshipMember.profile_id)
        .join(Relationship, Relationship.id == RelationshipMember.relationship_id)
        .where(Relationship.status == RelationshipStatus.ACTIVE)
    )
    for relationship_id, profile_id in rows.all():
        if relationship_id in found:
            found[relationship_id].append(profile_id)
    return found


class History:
    """The rows of every relationship's months of check-ins, gathered for bulk inserts."""

    def __init__(
        self,
        rng: random.Random,
        templates: dict[str, CheckinTemplate],
        now: datetime,
        counts: dict[str, int],
    ) -> None:
        self.rng, self.templates, self.now, self.counts = rng, templates, now, counts
        self.checkins: list[Row] = []
        self.entries: list[Row] = []
        self.items: list[Row] = []
        self.pulses: list[Row] = []
        self.started: list[Row] = []

    def add(self, relationship_id: UUID, cadence: int, members: list[UUID], months: int) -> None:
        """A relationship's past check-ins (held or missed) and its next one planned."""
        rng, now = self.rng, self.now
        mood = {p: rng.randint(2, 4) for p in members}
        start = now - timedelta(days=30 * months) + timedelta(hours=rng.randint(0, 72))
        self.started.append({"id": relationship_id, "started_at": start - timedelta(days=3)})
        when, index = start, 0
        while when < now - timedelta(days=2):
            template = _template_for(index, self.templates)
            missed = index > 0 and rng.random() < 0.15
            checkin = _checkin(relationship_id, template.id, when)
            checkin.update(
                status=CheckinStatus.MISSED if missed else CheckinStatus.HELD,
                held_at=None if missed else when + timedelta(minutes=45),
                notes="" if missed else rng.choice(NOTES),
            )
            self.checkins.append(checkin)
            self.counts["checkins"] += 1
            if not missed:
                self._record(checkin, relationship_id, template, members, mood)
            when += timedelta(days=cadence, hours=rng.randint(-3, 3))
            index += 1
        upcoming = _checkin(relationship_id, self.templates["regular"].id, max(when, now + timedelta(days=1)))
        upcoming.update(status=CheckinStatus.PLANNED, held_at=None, notes="")
        self.checkins.append(upcoming)
        self.counts["checkins"] += 1

    def _record(
        self,
        checkin: Row,
        relationship_id: UUID,
        template: CheckinTemplate,
        members: list[UUID],
        mood: dict[UUID, int],
    ) -> None:
        rng, now, at = self.rng, self.now, checkin["scheduled_at"]
        for section in template.sections:
            lines = ENTRIES.get(section["key"])
            if lines:
                self.entries.append(
                    {
                        "id": uuid4(),
                        "checkin_id": checkin["id"],
                        "author_id": rng.choice(members),
                        "section": section["key"],
                        "text": rng.choice(lines),
                        "created_at": at,
                    }
                )
        for _ in range(rng.randint(1, 2)):
            due = (at + timedelta(days=rng.randint(7, 20))).date()
            done = due < now.date() and rng.random() < 0.65
            self.items.append(
                {
                    "id": uuid4(),
                    "relationship_id": relationship_id,
                    "checkin_id": checkin["id"],
                    "owner_id": rng.choice(members),
                    "text": rng.choice(ACTIONS),
                    "due_on": due,
                    "done_at": datetime.combine(due, at.timetz()) - timedelta(days=1) if done else None,
                    "created_at": at + timedelta(minutes=40),
                    "updated_at": at + timedelta(minutes=40),
                }
            )
            self.counts["action_items"] += 1
        for profile_id in members:
            if rng.random() < 0.7:
                base = mood[profile_id]
                self.pulses.append(
                    {
                        "id": uuid4(),
                        "profile_id": profile_id,
                        "checkin_id": checkin["id"],
                        "energy": min(5, max(1, base + rng.randint(-1, 1))),
                        "workload": min(5, max(1, 6 - base + rng.randint(-1, 1))),
                        "stress": min(5, max(1, 6 - base + rng.randint(-1, 1))),
                        "wants_support": base == 2 and rng.random() < 0.1,
                        "created_at": at + timedelta(minutes=50),
                    }
                )
                self.counts["pulse_answers"] += 1


def _checkin(relationship_id: UUID, template_id: UUID, when: datetime) -> Row:
    stamp = datetime.now(UTC)
    return {
        "id": uuid4(),
        "relationship_id": relationship_id,
        "template_id": template_id,
        "scheduled_at": when,
        "duration_minutes": 45,
        "created_at": stamp,
        "updated_at": stamp,
    }
