"""The coordinators' dashboard: figures over the community or one program, aggregates only, charts as SVG."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from uuid import UUID

from litestar.stores.base import Store
from sqlalchemy import ColumnElement, case, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.pulse import pulse_aggregates, support_request_count
from mentorship.lib.figures import kept
from mentorship.models import (
    ActionItem,
    Checkin,
    CheckinStatus,
    MembershipStatus,
    Profile,
    ProgramMembership,
    PulseAnswer,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from mentorship.relationships.load import Load, load_rows
from mentorship.relationships.reminders import missed
from mentorship.relationships.risk import at_risk_rows, reasons

AT_RISK_SHOWN = 50  # relationships at risk listed by name; the figure counts them all
BUSIEST = 10
LOAD_BUCKETS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
UPCOMING = (CheckinStatus.PLANNED, CheckinStatus.RESCHEDULED)  # a moved check-in is still to come
COUNTED = (*UPCOMING, CheckinStatus.HELD, CheckinStatus.MISSED)  # cancelled ones were never due


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, value and series (the template lays it out)."""

    label: str
    value: int
    series: str = ""


@dataclass
class Dashboard:
    """Everything the dashboard shows."""

    active: int = 0
    paused: int = 0
    completed: int = 0
    ended: int = 0
    completed_this_month: int = 0
    ended_this_month: int = 0
    rematch_requests: int = 0
    planned_this_month: int = 0
    held_this_month: int = 0
    overdue_checkins: int = 0
    overdue_items: int = 0
    at_risk: list[dict[str, Any]] = field(default_factory=list)  # the first AT_RISK_SHOWN, oldest first
    at_risk_count: int = 0
    pulse: dict[str, Any] | None = None
    support_requests: int = 0
    mentors: int = 0
    overloaded: int = 0
    load_bars: list[Bar] = field(default_factory=list)
    month_bars: list[Bar] = field(default_factory=list)
    busiest: list[dict[str, Any]] = field(default_factory=list)
    program: str = ""  # the program's slug, or '' for the whole community

    @staticmethod
    def labels(chart: list[Bar]) -> list[str]:
        """A chart's labels, once each, in order."""
        return list(dict.fromkeys(bar.label for bar in chart))

    @staticmethod
    def series(chart: list[Bar], name: str = "") -> list[int]:
        """The values of one series of a chart, in order."""
        return [bar.value for bar in chart if bar.series == name]

    def as_dict(self) -> dict[str, Any]:
        """The figures for the JSON API (charts as their numbers)."""
        data = {k: v for k, v in vars(self).items() if k not in {"load_bars", "month_bars"}}
        data["load_distribution"] = [{"range": b.label, "mentors": b.value} for b in self.load_bars]
        months: dict[str, dict[str, int]] = {}
        for bar in self.month_bars:
            months.setdefault(bar.label, {})[bar.series] = bar.value
        data["months"] = [{"month": month, **values} for month, values in months.items()]
        return data


def month_start(day: date) -> datetime:
    """Midnight UTC on the first of the day's month."""
    return datetime.combine(day.replace(day=1), time.min, tzinfo=UTC)


def _next_month(moment: datetime) -> datetime:
    return (moment + timedelta(days=32)).replace(day=1)


def bars(values: list[tuple[str, int]], series: str = "") -> list[Bar]:
    """Labelled counts as bars of one series."""
    return [Bar(label, value, series) for label, value in values]


def paired_bars(months: list[tuple[str, int, int]]) -> list[Bar]:
    """Planned and held per month, as two series."""
    return [
        Bar(label, value, series)
        for label, planned, held in months
        for series, value in (("planned", planned), ("held", held))
    ]


def load_labels() -> list[str]:
    """The load ranges of the histogram, lowest first."""
    edges = [0.0, *LOAD_BUCKETS]
    return [f"{low:g}–{high:g}" for low, high in zip(edges, LOAD_BUCKETS, strict=False)] + [
        f"≥{LOAD_BUCKETS[-1]:g}"
    ]


def _in(program_id: UUID | None) -> ColumnElement[bool]:
    """Relationships of one program, or every one (None: the whole community)."""
    return true() if program_id is None else Relationship.program_id == program_id


async def kept_dashboard(
    session: AsyncSession, store: Store | None, threshold: float, program_id: UUID | None = None
) -> Dashboard:
    """The figures as :func:`dashboard` counts them, kept a minute and counted again after any change."""
    key = f"dashboard:{program_id or 'community'}:{threshold:g}"
    return await kept(
        store, session, key, Dashboard, lambda: dashboard(session, threshold, program_id=program_id)
    )


async def dashboard(
    session: AsyncSession, threshold: float, now: datetime | None = None, program_id: UUID | None = None
) -> Dashboard:
    """The figures at this moment: the whole community's, or one program's with ``program_id``.

    A mentor's load is one figure across programs (one person, one burnout risk); a program's view
    shows the load of its mentors, and the wellbeing pulse given at its relationships' check-ins.
    """
    now = now or datetime.now(UTC)
    d = Dashboard()
    scope = _in(program_id)
    statuses = dict(
        (
            await session.execute(
                select(Relationship.status, func.count()).where(scope).group_by(Relationship.status)
            )
        ).all()
    )
    d.active = statuses.get(RelationshipStatus.ACTIVE, 0)
    d.paused = statuses.get(RelationshipStatus.PAUSED, 0)
    d.completed = statuses.get(RelationshipStatus.COMPLETED, 0)
    d.ended = statuses.get(RelationshipStatus.ENDED, 0)
    start = month_start(now.date())
    for status, name in ((RelationshipStatus.COMPLETED, "completed"), (RelationshipStatus.ENDED, "ended")):
        count = await session.scalar(
            select(func.count()).where(Relationship.status == status, Relationship.ended_at >= start, scope)
        )
        setattr(d, f"{name}_this_month", int(count or 0))
    d.rematch_requests = int(
        await session.scalar(
            select(func.count()).where(
                Relationship.rematch_requested,
                Relationship.is_live,
                scope,
            )
        )
        or 0
    )
    months = await _months(session, start, 6, scope)
    d.month_bars = paired_bars(months)
    d.planned_this_month, d.held_this_month = months[-1][1], months[-1][2]
    # The same definition as the coordinators' notes, so the figure and the inbox agree.
    d.overdue_checkins = int(
        await session.scalar(
            select(func.count())
            .select_from(Checkin)
            .join(Relationship, Relationship.id == Checkin.relationship_id)
            .where(missed(now), scope)
        )
        or 0
    )
    d.overdue_items = int(
        await session.scalar(
            select(func.count())
            .select_from(ActionItem)
            .join(Relationship, Relationship.id == ActionItem.relationship_id)
            .where(ActionItem.is_overdue(now.date()), Relationship.is_live, scope)
        )
        or 0
    )
    d.at_risk, d.at_risk_count = await _at_risk(session, now, scope)
    d.pulse, d.support_requests = await pulse_summary(session, now - timedelta(days=30), program_id)
    if d.pulse is not None:
        d.pulse = {**d.pulse, "low": _low(d.pulse)}
    await _loads(session, d, threshold, now.date(), program_id)
    return d


async def _months(
    session: AsyncSession, this_month: datetime, count: int, scope: ColumnElement[bool]
) -> list[tuple[str, int, int]]:
    """Check-ins due (planned, moved, held or missed) and held, per month, oldest first: one grouped row."""
    starts = [this_month]
    for _i in range(count - 1):
        starts.insert(0, (starts[0] - timedelta(days=1)).replace(day=1))
    ends = [*starts[1:], _next_month(this_month)]
    columns = []
    for start, end in zip(starts, ends, strict=True):
        in_month = (Checkin.scheduled_at >= start) & (Checkin.scheduled_at < end)
        columns += [
            func.count(case((in_month, 1))),
            func.count(case((in_month & (Checkin.status == CheckinStatus.HELD), 1))),
        ]
    row = (
        await session.execute(
            select(*columns)
            .select_from(Checkin)
            .join(Relationship, Relationship.id == Checkin.relationship_id)
            .where(
                Checkin.scheduled_at >= starts[0],
                Checkin.scheduled_at < ends[-1],
                Checkin.status.in_(COUNTED),
                scope,
            )
        )
    ).one()
    return [(s.strftime("%Y-%m"), int(row[2 * i]), int(row[2 * i + 1])) for i, s in enumerate(starts)]


async def _at_risk(
    session: AsyncSession, now: datetime, scope: ColumnElement[bool]
) -> tuple[list[dict[str, Any]], int]:
    """The first active relationships at risk (oldest first) with their reasons, and how many there are."""
    risky = at_risk_rows(now, scope)
    count = await session.scalar(select(func.count()).select_from(risky.subquery()))
    rows = (
        await session.execute(risky.order_by(Relationship.started_at, Relationship.id).limit(AT_RISK_SHOWN))
    ).all()
    names = await _names(session, [row.id for row in rows])
    found = [
        {
            "id": row.id,
            "names": names.get(row.id, []),
            "reasons": reasons(now, row.cadence_days, row.started_at, row.last, int(row.overdue)),
        }
        for row in rows
    ]
    return found, int(count or 0)


async def _names(session: AsyncSession, ids: list[UUID]) -> dict[UUID, list[str]]:
    if not ids:
        return {}
    rows = await session.execute(
        select(RelationshipMember.relationship_id, User.name)
        .join(Profile, Profile.id == RelationshipMember.profile_id)
        .join(User, User.id == Profile.user_id)
        .where(RelationshipMember.relationship_id.in_(ids))
    )
    names: dict[UUID, list[str]] = {}
    for rid, name in rows.all():
        names.setdefault(rid, []).append(name)
    return {rid: sorted(found) for rid, found in names.items()}


async def pulse_summary(
    session: AsyncSession, since: datetime, program_id: UUID | None = None
) -> tuple[dict[str, Any] | None, int]:
    """The pulse over five or more people (None under five) and how many asked for support.

    For one program, the answers given at its relationships' check-ins.
    """
    scope = None
    if program_id is not None:
        at_its_checkins = (
            select(Checkin.id)
            .join(Relationship, Relationship.id == Checkin.relationship_id)
            .where(Relationship.program_id == program_id)
        )
        scope = PulseAnswer.checkin_id.in_(at_its_checkins)
    return await pulse_aggregates(session, since, scope), await support_request_count(session, scope=scope)


def _low(pulse: dict[str, Any]) -> bool:
    """A low pulse: little energy or much workload or stress, on average (1 to 5 scales)."""
    means = pulse.get("means") or {}
    energy, workload, stress = (means.get(k) for k in ("energy", "workload", "stress"))
    return bool(
        (energy is not None and energy <= 2.5)
        or (workload is not None and workload >= 3.5)
        or (stress is not None and stress >= 3.5)
    )


async def _loads(
    session: AsyncSession, d: Dashboard, threshold: float, today: date, program_id: UUID | None
) -> None:
    """Mentors, how many are over the threshold, the load histogram and the busiest, all counted in SQL."""
    loads = load_rows(today).subquery()
    shown = [or_(loads.c.capacity > 0, loads.c.active_mentees > 0)]
    if program_id is not None:
        shown.append(
            loads.c.profile_id.in_(
                select(ProgramMembership.profile_id).where(
                    ProgramMembership.program_id == program_id,
                    ProgramMembership.is_mentor,
                    ProgramMembership.status == MembershipStatus.ACTIVE,
                )
            )
        )
    edges = [None, *LOAD_BUCKETS, None]
    buckets = [
        func.count(
            case(
                (
                    (true() if low is None else loads.c.value >= low)
                    & (true() if high is None else loads.c.value < high),
                    1,
                )
            )
        )
        for low, high in pairwise(edges)
    ]
    row = (
        await session.execute(
            select(func.count(), func.count(case((loads.c.value > threshold, 1))), *buckets).where(*shown)
        )
    ).one()
    d.mentors, d.overloaded = int(row[0]), int(row[1])
    d.load_bars = bars(list(zip(load_labels(), (int(n) for n in row[2:]), strict=True)))
    top = await session.execute(
        select(loads, User.name)
        .join(Profile, Profile.id == loads.c.profile_id)
        .join(User, User.id == Profile.user_id)
        .where(*shown)
        .order_by(loads.c.value.desc(), User.name)
        .limit(BUSIEST)
    )
    d.busiest = []
    for r in top.all():
        load = Load(
            r.profile_id,
            r.capacity,
            int(r.active_mentees),
            int(r.pending),
            round(float(r.meetings), 3),
            int(r.overdue_items),
        )
        d.busiest.append(
            {
                "profile_id": load.profile_id,
                "name": r.name,
                "load": load.value,
                "active_mentees": load.active_mentees,
                "capacity": load.capacity,
                "over": load.over(threshold),
            }
        )
