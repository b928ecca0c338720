"""A program's outcome report: how its relationships went, goals, self-assessment change, pulse in aggregate.

Only counts and averages leave this module: no names, no end reasons, and a pulse month shows only
when five or more people answered in it, so nobody's private answers can be read off the report.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.pulse import MEASURES, MIN_GROUP, week_start
from mentorship.cohorts.closing import ASKED
from mentorship.lib.i18n import _
from mentorship.models import (
    Checkin,
    Event,
    Goal,
    GoalStatus,
    Program,
    PulseAnswer,
    Reflection,
    Relationship,
    RelationshipStatus,
)
from mentorship.profiles.options import SKILLS


@dataclass(frozen=True)
class SkillChange:
    """One self-assessment question: the average before and after, over the n people who gave both."""

    key: str
    label: str
    before: float
    after: float
    people: int


@dataclass(frozen=True)
class PulseMonth:
    """The pulse in one month: averages when five or more people answered, else only that it is hidden."""

    month: str
    answers: int
    people: int
    means: dict[str, float | None]

    @property
    def shown(self) -> bool:
        """Whether enough people answered that no one's answers can be told apart."""
        return self.people >= MIN_GROUP


@dataclass
class Outcomes:
    """Everything the outcome report shows for one program."""

    program: Program
    today: date
    started: int = 0
    completed: int = 0
    ended_early: int = 0
    live: int = 0
    live_asked: int = 0  # of those still going, how many were already asked to complete
    ended_by_member: int = 0
    ended_by_coordinator: int = 0
    goals_set: int = 0
    goals_reached: int = 0
    skills: list[SkillChange] = field(default_factory=list)
    pulse: list[PulseMonth] = field(default_factory=list)

    @property
    def goals_share(self) -> float | None:
        """The share of goals reached, 0 to 1, or None without goals."""
        return self.goals_reached / self.goals_set if self.goals_set else None

    @property
    def days_left(self) -> int | None:
        """Days until the term's last day (0 on it), or None when open-ended or over."""
        end = self.program.ends_on
        return (end - self.today).days if end is not None and end >= self.today else None

    @property
    def days_over(self) -> int | None:
        """Days since the term ended, or None when it has not."""
        end = self.program.ends_on
        return (self.today - end).days if end is not None and end < self.today else None

    @property
    def shown_pulse(self) -> list[PulseMonth]:
        """The months with enough answers to show."""
        return [month for month in self.pulse if month.shown]

    @property
    def hidden_pulse(self) -> list[PulseMonth]:
        """The months left out because fewer than five people answered."""
        return [month for month in self.pulse if not month.shown]

    def as_dict(self) -> dict[str, Any]:
        """The figures for the JSON API; hidden pulse months say only that they are hidden."""
        program = self.program
        return {
            "program": program.slug,
            "term": {
                "starts_on": program.starts_on.isoformat() if program.starts_on else None,
                "ends_on": program.ends_on.isoformat() if program.ends_on else None,
                "days_left": self.days_left,
                "days_over": self.days_over,
            },
            "relationships": {
                "started": self.started,
                "completed": self.completed,
                "ended_early": self.ended_early,
                "live": self.live,
                "live_asked_to_complete": self.live_asked,
                "ended_early_by": {
                    "participant": self.ended_by_member,
                    "coordinator": self.ended_by_coordinator,
                },
            },
            "goals": {"set": self.goals_set, "reached": self.goals_reached, "share": self.goals_share},
            "self_assessment": [
                {
                    "question": s.key,
                    "label": s.label,
                    "before": s.before,
                    "after": s.after,
                    "people": s.people,
                }
                for s in self.skills
            ],
            "pulse": [
                {"month": m.month, "hidden": True}
                if not m.shown
                else {"month": m.month, "hidden": False, "people": m.people, "answers": m.answers, **m.means}
                for m in self.pulse
            ],
            "pulse_min_people": MIN_GROUP,
        }

    def as_csv(self) -> str:
        """The aggregate figures as rows of section, figure, value (what a spreadsheet wants)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["section", "figure", "value"])
        data = self.as_dict()
        for key, value in data["term"].items():
            writer.writerow(["term", key, "" if value is None else value])
        for key, value in data["relationships"].items():
            if isinstance(value, dict):
                for who, count in value.items():
                    writer.writerow(["relationships", f"ended_early_by_{who}", count])
            else:
                writer.writerow(["relationships", key, value])
        for key, value in data["goals"].items():
            writer.writerow(["goals", key, "" if value is None else round(value, 3)])
        for skill in self.skills:
            writer.writerow(["self_assessment", f"{skill.key}_before", skill.before])
            writer.writerow(["self_assessment", f"{skill.key}_after", skill.after])
            writer.writerow(["self_assessment", f"{skill.key}_people", skill.people])
        for month in self.pulse:
            if not month.shown:
                writer.writerow(["pulse", f"{month.month}_hidden", "fewer than 5 people"])
                continue
            for measure, mean in month.means.items():
                writer.writerow(["pulse", f"{month.month}_{measure}", "" if mean is None else mean])
            writer.writerow(["pulse", f"{month.month}_people", month.people])
        return out.getvalue()


def _mean(values: list[int]) -> float:
    return round(sum(values) / len(values), 2)


def skill_changes(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[SkillChange]:
    """Average before and after per question, over the people who rated it both times."""
    changes = []
    for key, label in SKILLS.items():
        both = [
            (int(before[key]), int(after[key]))
            for before, after in pairs
            if isinstance(before.get(key), int) and isinstance(after.get(key), int)
        ]
        if both:
            changes.append(
                SkillChange(
                    key, _(label), _mean([b for b, _a in both]), _mean([a for _b, a in both]), len(both)
                )
            )
    return changes


async def outcomes(session: AsyncSession, program: Program, today: date | None = None) -> Outcomes:
    """The program's report at this moment, over all time."""
    report = Outcomes(program=program, today=today or datetime.now(UTC).date())
    ids = list(
        (
            await session.execute(select(Relationship.id).where(Relationship.program_id == program.id))
        ).scalars()
    )
    statuses = dict(
        (
            await session.execute(
                select(Relationship.status, func.count())
                .where(Relationship.program_id == program.id)
                .group_by(Relationship.status)
            )
        ).all()
    )
    report.started = len(ids)
    report.completed = statuses.get(RelationshipStatus.COMPLETED, 0)
    report.ended_early = statuses.get(RelationshipStatus.ENDED, 0)
    report.live = statuses.get(RelationshipStatus.ACTIVE, 0) + statuses.get(RelationshipStatus.PAUSED, 0)
    if not ids:
        return report
    await _who_ended(session, ids, report)
    report.live_asked = int(
        await session.scalar(
            select(func.count(func.distinct(Event.subject_id)))
            .join(Relationship, Relationship.id == Event.subject_id)
            .where(Event.type == ASKED, Relationship.program_id == program.id, Relationship.is_live)
        )
        or 0
    )
    goals = dict(
        (
            await session.execute(
                select(Goal.status, func.count()).where(Goal.relationship_id.in_(ids)).group_by(Goal.status)
            )
        ).all()
    )
    report.goals_set = sum(goals.values())
    report.goals_reached = goals.get(GoalStatus.DONE, 0)
    reflections = await session.execute(
        select(Reflection.self_assessment_before, Reflection.self_assessment_after).where(
            Reflection.relationship_id.in_(ids),
            Reflection.self_assessment_before.is_not(None),
            Reflection.self_assessment_after.is_not(None),
        )
    )
    report.skills = skill_changes([(row[0], row[1]) for row in reflections.all() if row[0] and row[1]])
    report.pulse = await pulse_months(session, ids)
    return report


async def _who_ended(session: AsyncSession, ids: list[UUID], report: Outcomes) -> None:
    """Early ends by who ended them, from the history (the reasons stay on each relationship)."""
    rows = await session.execute(
        select(Event.data).where(
            Event.type == "relationship.ended",
            Event.subject_type == "relationship",
            Event.subject_id.in_(ids),
        )
    )
    ends: list[dict[str, Any]] = list(rows.scalars())
    for data in ends:
        if data.get("by_member"):
            report.ended_by_member += 1
        else:
            report.ended_by_coordinator += 1


async def pulse_months(session: AsyncSession, ids: list[UUID]) -> list[PulseMonth]:
    """Pulse answers given at these relationships' check-ins, per month, up to the start of this week.

    Answers of the current week may still change, and a figure moving with each one would give it away.
    """
    rows = await session.execute(
        select(PulseAnswer.profile_id, PulseAnswer.created_at, *[getattr(PulseAnswer, m) for m in MEASURES])
        .join(Checkin, Checkin.id == PulseAnswer.checkin_id)
        .where(Checkin.relationship_id.in_(ids), PulseAnswer.created_at < week_start())
    )
    months: dict[str, list[Any]] = {}
    for row in rows.all():
        months.setdefault(row[1].strftime("%Y-%m"), []).append(row)
    found = []
    for month in sorted(months):
        answers = months[month]
        means: dict[str, float | None] = {}
        for i, measure in enumerate(MEASURES):
            values = [row[2 + i] for row in answers if row[2 + i] is not None]
            means[measure] = _mean(values) if values else None
        found.append(PulseMonth(month, len(answers), len({row[0] for row in answers}), means))
    return found
