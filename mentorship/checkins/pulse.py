"""The private wellbeing pulse: my answers and trend; coordinators get aggregates and asked-for flags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from markupsafe import escape
from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.access import CheckinInvalid, CheckinNotFound, relationship_access
from mentorship.events.services import record
from mentorship.lib.i18n import _
from mentorship.models import Checkin, Profile, PulseAnswer, User
from mentorship.notifications.services import notify

MEASURES = ("energy", "workload", "stress")
MIN_GROUP = 5
SUPPORT_WINDOW = timedelta(days=90)


def week_start(now: datetime | None = None) -> datetime:
    """Monday 00:00 UTC of this week: aggregates stop there, and answers before it are settled.

    An aggregate that moved with every new answer would give one person's answer away to anyone who
    looked just before and just after; aggregates over closed weeks only, of answers that can no
    longer change, never move because of one answer.
    """
    now = now or datetime.now(UTC)
    return datetime.combine(now.date() - timedelta(days=now.weekday()), datetime.min.time(), tzinfo=UTC)


@dataclass(frozen=True)
class SupportRequest:
    """Someone who ticked "I'd like support from a coordinator" (their scores stay private)."""

    profile_id: UUID
    user_id: UUID
    name: str
    email: str
    asked_at: datetime
    relationship_id: UUID | None


def _score(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if not 1 <= value <= 5:
        raise CheckinInvalid({name: _("Choose a number from 1 to 5.")})
    return value


async def _my_profile(session: AsyncSession, user: User) -> Profile:
    query = select(Profile).where(Profile.user_id == user.id).options(*Profile.without_lists())
    profile = await session.scalar(query)
    if profile is None:
        raise CheckinNotFound(user.id)
    return profile


async def answer_pulse(
    session: AsyncSession,
    user: User,
    checkin_id: UUID | None,
    *,
    energy: int | None,
    workload: int | None,
    stress: int | None,
    wants_support: bool = False,
) -> PulseAnswer:
    """Save my answer for a check-in of mine (one per check-in; answering again replaces it)."""
    scores = {"energy": _score(energy, "energy"), "workload": _score(workload, "workload")}
    scores["stress"] = _score(stress, "stress")
    if checkin_id is not None:
        checkin = await session.get(Checkin, checkin_id)
        if checkin is None:
            raise CheckinNotFound(checkin_id)
        access = await relationship_access(session, user, checkin.relationship_id, write=True)
        assert access.me is not None
        profile = access.me
        existing = await session.scalar(
            select(PulseAnswer).where(
                PulseAnswer.checkin_id == checkin_id, PulseAnswer.profile_id == profile.id
            )
        )
    else:
        profile, existing = await _my_profile(session, user), None
    if all(v is None for v in scores.values()) and not wants_support:
        raise CheckinInvalid({"energy": _("Answer at least one question, or ask for support.")})
    if existing is not None and existing.created_at < week_start():
        raise CheckinInvalid(
            {"energy": _("This answer is from an earlier week and is settled. Answer at your next check-in.")}
        )
    answer = existing or PulseAnswer(profile_id=profile.id, checkin_id=checkin_id)
    asked_before = bool(existing and existing.wants_support)
    answer.energy, answer.workload, answer.stress = scores["energy"], scores["workload"], scores["stress"]
    answer.wants_support = wants_support
    answer.created_at = datetime.now(UTC)
    session.add(answer)
    if wants_support and not asked_before:
        # The flag is the one thing that leaves the person, because they asked; the scores never do.
        record(session, "pulse.support_requested", "profile", profile.id, user.id)
        coordinators = (
            await session.execute(select(User.id).where(User.is_coordinator, User.is_active))
        ).scalars()
        for coordinator_id in coordinators:
            notify(
                session,
                coordinator_id,
                "support",
                _("{name} would like support from a coordinator.").format(name=user.name),
                "/wellbeing",
            )
    await session.commit()
    return answer


async def my_answers(session: AsyncSession, user: User) -> list[PulseAnswer]:
    """My own answers, oldest first."""
    profile = await session.scalar(select(Profile.id).where(Profile.user_id == user.id))
    if profile is None:
        return []
    query = select(PulseAnswer).where(PulseAnswer.profile_id == profile).order_by(PulseAnswer.created_at)
    return list((await session.execute(query)).scalars())


async def pulse_aggregates(
    session: AsyncSession, since: datetime, scope: ColumnElement[bool] | None = None
) -> dict[str, Any] | None:
    """Means and counts of answers from `since` to the start of this week, or None under five people.

    ``scope`` narrows the answers (e.g. to those given at one program's check-ins).
    """
    window = (PulseAnswer.created_at >= since) & (PulseAnswer.created_at < week_start())
    if scope is not None:
        window = window & scope
    people = await session.scalar(select(func.count(func.distinct(PulseAnswer.profile_id))).where(window))
    if int(people or 0) < MIN_GROUP:
        return None
    columns = [getattr(PulseAnswer, m) for m in MEASURES]
    row = (
        await session.execute(
            select(
                func.count(),
                *[func.avg(c) for c in columns],
                *[func.count(c) for c in columns],
                func.count(func.distinct(PulseAnswer.profile_id)).filter(PulseAnswer.wants_support),
            ).where(window)
        )
    ).one()
    n = len(MEASURES)
    return {
        "people": int(people or 0),
        "answers": int(row[0]),
        "means": {
            m: (round(float(row[1 + i]), 2) if row[1 + i] is not None else None)
            for i, m in enumerate(MEASURES)
        },
        "counts": {m: int(row[1 + n + i]) for i, m in enumerate(MEASURES)},
        "support_requests": int(row[1 + 2 * n] or 0),
    }


def _asked(since: datetime | None, scope: ColumnElement[bool] | None) -> ColumnElement[bool]:
    """Answers that ask for support, from ``since`` (default the last 90 days), narrowed by ``scope``."""
    since = since or datetime.now(UTC) - SUPPORT_WINDOW
    return (
        PulseAnswer.wants_support & (PulseAnswer.created_at >= since) & (true() if scope is None else scope)
    )


async def support_request_count(
    session: AsyncSession, since: datetime | None = None, scope: ColumnElement[bool] | None = None
) -> int:
    """How many people asked for support (default the last 90 days), counted in SQL."""
    query = select(func.count(func.distinct(PulseAnswer.profile_id))).where(_asked(since, scope))
    return int(await session.scalar(query) or 0)


async def support_requests(
    session: AsyncSession, since: datetime | None = None, scope: ColumnElement[bool] | None = None
) -> list[SupportRequest]:
    """People who asked for support (latest ask each, default the last 90 days): names only, never scores."""
    asked = _asked(since, scope)
    latest = (
        select(PulseAnswer.profile_id, func.max(PulseAnswer.created_at).label("at"))
        .where(asked)
        .group_by(PulseAnswer.profile_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(latest.c.profile_id, User.id.label("user_id"), User.name, User.email, latest.c.at)
            .join(Profile, Profile.id == latest.c.profile_id)
            .join(User, User.id == Profile.user_id)
            .order_by(latest.c.at.desc())
        )
    ).all()
    if not rows:
        return []
    # The relationship of each person's latest ask made at a check-in, in one query for everyone listed.
    at_checkins = await session.execute(
        select(PulseAnswer.profile_id, Checkin.relationship_id)
        .join(Checkin, Checkin.id == PulseAnswer.checkin_id)
        .where(PulseAnswer.wants_support, PulseAnswer.profile_id.in_(select(latest.c.profile_id)))
        .order_by(PulseAnswer.created_at)
    )
    relationship: dict[UUID, UUID] = {row[0]: row[1] for row in at_checkins.all()}
    return [
        SupportRequest(
            row.profile_id, row.user_id, row.name, row.email, row.at, relationship.get(row.profile_id)
        )
        for row in rows
    ]


def trend_svg(answers: list[PulseAnswer], width: int = 640, height: int = 200) -> str:
    """A small line chart of my answers (1 to 5 over time), as SVG markup built only from numbers."""
    colors = {"energy": "#1e7b4f", "workload": "#1f5f8b", "stress": "#b3261e"}
    pad, step = 30, (width - 60) / max(len(answers) - 1, 1)

    def y(value: float) -> float:
        return pad + (5 - value) * (height - 2 * pad) / 4

    title = escape(_("My wellbeing over time"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img"'
        f' class="pulse-chart" aria-labelledby="pulse-chart-title">'
        f'<title id="pulse-chart-title">{title}</title>'
    ]
    for level in range(1, 6):
        parts.append(
            f'<line x1="{pad}" x2="{width - pad}" y1="{y(level):.1f}" y2="{y(level):.1f}" stroke="#dfe3ea"/>'
            f'<text x="8" y="{y(level) + 4:.1f}" font-size="11" fill="#5a6478">{level}</text>'
        )
    for measure, color in colors.items():
        points = [
            (pad + i * step, y(v)) for i, a in enumerate(answers) if (v := getattr(a, measure)) is not None
        ]
        if not points:
            continue
        path = " ".join(f"{x:.1f},{py:.1f}" for x, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
        legend_x = width - pad - 90 * (3 - list(colors).index(measure))
        parts.append(
            f'<text x="{legend_x}" y="14" font-size="12" fill="{color}">● {escape(_(measure.title()))}</text>'
        )
        parts.extend(f'<circle cx="{x:.1f}" cy="{py:.1f}" r="3.5" fill="{color}"/>' for x, py in points)
    parts.append("</svg>")
    return "".join(parts)
