"""A signed-in person's home: bounded queries (LIMITs, aggregates), as every sign-in lands here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, cast
from uuid import UUID

from litestar.stores.base import Store
from sqlalchemy import BindParameter, Select, bindparam, exists, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.home.schemas import Glance, PersonalHome, ProgramFigures, RoundLine, Todo
from mentorship.lib.figures import kept
from mentorship.models import (
    ActionItem,
    Checkin,
    CheckinStatus,
    Kind,
    MemberRole,
    Profile,
    ProfileLanguage,
    ProfileTopic,
    Program,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    PulseAnswer,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
    Round,
    RoundStatus,
    User,
)
from mentorship.relationships.load import load_rows
from mentorship.relationships.risk import at_risk_rows

SHOWN = 5  # items per list; the page links to the full list
GLANCE = 10
IN_PROGRESS = (RoundStatus.QUEUED, RoundStatus.RUNNING, RoundStatus.READY)
PULSE_WINDOW = timedelta(days=7)


def next_profile_step(profile: Profile | None, has_topics: bool, has_languages: bool) -> Todo | None:
    """The first profile step still missing what matching needs (the same checks as its completeness)."""
    if profile is None:
        return Todo("profile", "/profile/edit")
    checks = profile.matching_checks(has_topics, has_languages)
    missing = next((step for step, _field, done in checks if not done), None)
    return Todo("profile", f"/profile/edit/{missing}") if missing else None


@dataclass(frozen=True)
class Counts:
    """A coordinator's community-wide counts (kept in the shared store)."""

    waiting: int
    at_risk: int
    overloaded: int


class PersonalHomeService:
    """The personal home's queries, each bounded."""

    def __init__(self, session: AsyncSession, figures: Store | None = None) -> None:
        self.session = session
        self.figures = figures

    async def home(self, user: User, threshold: float, now: datetime | None = None) -> PersonalHome:
        """Everything the home shows for this person."""
        now = now or datetime.now(UTC)
        # Whether the lists have anything is all the home needs of them: one statement, not three.
        found = (await self.session.execute(_profile_query(), {"user_id": user.id})).first()
        profile, has_topics, has_languages = found if found is not None else (None, False, False)
        program = await self.program(threshold, now) if user.is_coordinator else None
        takes_part = profile is not None and (profile.is_mentor or profile.is_mentee)
        # A coordinator who only coordinates has nothing to finish: matching never looks at their profile.
        step = (
            next_profile_step(profile, has_topics, has_languages)
            if takes_part or not user.is_coordinator
            else None
        )
        if profile is None:
            return PersonalHome([], 0, [], step, program, takes_part)
        glance = await self._relationships(profile.id, now)
        todos = [
            *await self._proposals(profile.id),
            *await self._to_record(profile.id, now),
            *[Todo("plan", f"{g.href}/checkins/new", g.names) for g in glance if g.next_checkin is None],
            *await self._pulse_due(profile.id, now),
        ]
        actions, action_count = await self._actions(profile.id, now)
        return PersonalHome(todos + actions, action_count, glance, step, program, takes_part)

    async def _names(self, table: Any, key: Any, ids: list[UUID], me: UUID) -> dict[UUID, list[str]]:
        """The other members' names per proposal or relationship."""
        if not ids:
            return {}
        rows = await self.session.execute(_names_query(table, key), {"ids": ids, "me": me})
        names: dict[UUID, list[str]] = {}
        for owner, name in rows.all():
            names.setdefault(cast(UUID, owner), []).append(str(name))
        return names

    async def _proposals(self, me: UUID) -> list[Todo]:
        """Proposals and requests waiting for my answer, then requests of mine waiting for someone else's."""
        rows = (await self.session.execute(_proposals_query(), {"me": me})).all()
        names = await self._names(ProposalMember, ProposalMember.proposal_id, [r.id for r in rows], me)
        todos = []
        for row in rows:
            if row.response == Response.PENDING:
                kind = "request" if row.source == ProposalSource.REQUEST else "proposal"
            else:
                kind = "my-request"
            todos.append(Todo(kind, f"/proposals/{row.id}", names.get(row.id, []), row.expires_at))
        return todos

    async def _to_record(self, me: UUID, now: datetime) -> list[Todo]:
        """Check-ins of mine whose time has passed and that nobody recorded yet."""
        found = (await self.session.execute(_to_record_query(), {"me": me, "now": now})).all()
        names = await self._names(
            RelationshipMember, RelationshipMember.relationship_id, [r.relationship_id for r in found], me
        )
        return [
            Todo("record", f"/checkins/{r.id}#record", names.get(r.relationship_id, []), r.scheduled_at, True)
            for r in found
        ]

    async def _pulse_due(self, me: UUID, now: datetime) -> list[Todo]:
        """My latest check-in held this past week, when I have not answered its pulse."""
        row = (
            await self.session.execute(_pulse_due_query(), {"me": me, "since": now - PULSE_WINDOW})
        ).first()
        return [Todo("pulse", f"/checkins/{row.id}#pulse", when=row.held_at)] if row else []

    async def _actions(self, me: UUID, now: datetime) -> tuple[list[Todo], int]:
        """My open action items in live relationships, soonest due first, and how many there are."""
        rows, counted = _actions_queries()
        found = (await self.session.execute(rows, {"me": me})).all()
        count = await self.session.scalar(counted, {"me": me})
        names = await self._names(
            RelationshipMember, RelationshipMember.relationship_id, [r.relationship_id for r in found], me
        )
        today = now.date()
        todos = [
            Todo(
                "action",
                f"/relationships/{r.relationship_id}#actions",
                names.get(r.relationship_id, []),
                datetime.combine(r.due_on, datetime.min.time(), tzinfo=UTC) if r.due_on else None,
                r.due_on is not None and r.due_on < today,
                r.text,
            )
            for r in found
        ]
        return todos, int(count or 0)

    async def _relationships(self, me: UUID, now: datetime) -> list[Glance]:
        """My active and paused relationships, with the other people and the next planned check-in."""
        rows = (await self.session.execute(_relationships_query(), {"me": me})).all()
        ids = [r.id for r in rows]
        names = await self._names(RelationshipMember, RelationshipMember.relationship_id, ids, me)
        upcoming = (
            dict((await self.session.execute(_upcoming_query(), {"ids": ids, "now": now})).all())
            if ids
            else {}
        )
        return [
            Glance(
                f"/relationships/{r.id}",
                str(r.kind),
                str(r.status),
                str(r.role),
                names.get(r.id, []),
                upcoming.get(r.id),
                r.program or "",
            )
            for r in rows
        ]

    async def program(self, threshold: float, now: datetime) -> ProgramFigures:
        """Rounds in progress, mentees waiting, relationships at risk, mentors over the load threshold."""
        rounds = await self.session.execute(
            select(Round.id, Round.kind, Round.status, Round.created_at)
            .where(Round.status.in_(IN_PROGRESS))
            .order_by(Round.created_at.desc())
            .limit(SHOWN)
        )
        counts = await kept(
            self.figures, self.session, f"home:{threshold:g}", Counts, lambda: self._counts(threshold, now)
        )
        return ProgramFigures(
            rounds=[RoundLine(f"/rounds/{r.id}", str(r.kind), str(r.status), r.created_at) for r in rounds],
            waiting=counts.waiting,
            at_risk=counts.at_risk,
            overloaded=counts.overloaded,
        )

    async def _counts(self, threshold: float, now: datetime) -> Counts:
        loads = load_rows(now.date()).subquery()
        overloaded = await self.session.scalar(
            select(func.count()).select_from(loads).where(loads.c.value > threshold)
        )
        return Counts(await self._waiting(), await self._at_risk(now), int(overloaded or 0))

    async def _waiting(self) -> int:
        """Active mentees with no live relationship as a mentee and no open proposal."""
        in_relationship = (
            exists()
            .where(RelationshipMember.profile_id == Profile.id, RelationshipMember.role == MemberRole.MENTEE)
            .where(Relationship.id == RelationshipMember.relationship_id, Relationship.is_live)
        )
        proposed = exists().where(
            ProposalMember.profile_id == Profile.id,
            Proposal.id == ProposalMember.proposal_id,
            Proposal.status == ProposalStatus.OPEN,
        )
        count = await self.session.scalar(
            select(func.count())
            .select_from(Profile)
            .join(User, User.id == Profile.user_id)
            .where(User.is_active, Profile.is_mentee, ~in_relationship, ~proposed)
        )
        return int(count or 0)

    async def _at_risk(self, now: datetime) -> int:
        """Active relationships with no check-in held for two cadences, or many overdue action items."""
        risky = at_risk_rows(now, true()).subquery()
        return int(await self.session.scalar(select(func.count()).select_from(risky)) or 0)


# The personal home's statements, built once with bound parameters: every sign-in lands on this page,
# and building a statement in Python cost more than SQLite took to run it.


@cache
def _profile_query() -> Select[Profile, bool, bool]:
    """My profile, and whether its topic and language lists have anything: one statement, not three."""
    return (
        select(
            Profile,
            exists().where(ProfileTopic.profile_id == Profile.id),
            exists().where(ProfileLanguage.profile_id == Profile.id),
        )
        .where(Profile.user_id == bindparam("user_id"))
        .options(*Profile.without_lists())
    )


@cache
def _names_query(table: Any, key: Any) -> Select[Any, str]:
    """The other members' names, by proposal or relationship, for the ids given."""
    return (
        select(key, User.name)
        .select_from(table)
        .join(Profile, Profile.id == table.profile_id)
        .join(User, User.id == Profile.user_id)
        .where(key.in_(bindparam("ids", expanding=True)), table.profile_id != bindparam("me"))
        .order_by(User.name)
    )


@cache
def _proposals_query() -> Select[UUID, ProposalSource, Response, datetime | None]:
    """Open proposals and requests I am in: those waiting for my answer first."""
    return (
        select(Proposal.id, Proposal.source, ProposalMember.response, Proposal.expires_at)
        .join(ProposalMember, ProposalMember.proposal_id == Proposal.id)
        .where(ProposalMember.profile_id == bindparam("me"), Proposal.status == ProposalStatus.OPEN)
        .order_by(ProposalMember.response.desc(), Proposal.expires_at)
        .limit(2 * SHOWN)
    )


@cache
def _to_record_query() -> Select[UUID, UUID, datetime]:
    """My check-ins whose time has passed and that nobody recorded, latest first."""
    return (
        select(Checkin.id, Checkin.relationship_id, Checkin.scheduled_at)
        .join(Relationship, Relationship.id == Checkin.relationship_id)
        .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
        .where(
            RelationshipMember.profile_id == bindparam("me"),
            Relationship.status == RelationshipStatus.ACTIVE,
            Checkin.is_upcoming,
            Checkin.scheduled_at < bindparam("now"),
        )
        .order_by(Checkin.scheduled_at.desc())
        .limit(SHOWN)
    )


@cache
def _pulse_due_query() -> Select[UUID, datetime | None]:
    """My latest check-in held since a time whose pulse I have not answered."""
    me: BindParameter[UUID] = bindparam("me")
    answered = exists().where(PulseAnswer.checkin_id == Checkin.id, PulseAnswer.profile_id == me)
    return (
        select(Checkin.id, Checkin.held_at)
        .join(RelationshipMember, RelationshipMember.relationship_id == Checkin.relationship_id)
        .where(
            RelationshipMember.profile_id == me,
            Checkin.status == CheckinStatus.HELD,
            func.coalesce(Checkin.held_at, Checkin.scheduled_at) >= bindparam("since"),
            ~answered,
        )
        .order_by(Checkin.scheduled_at.desc())
        .limit(1)
    )


@cache
def _actions_queries() -> tuple[Select[UUID, str, date | None], Select[int]]:
    """My open action items in live relationships, soonest due first; and how many there are."""
    mine = (ActionItem.owner_id == bindparam("me"), ActionItem.done_at.is_(None), Relationship.is_live)
    rows = (
        select(ActionItem.relationship_id, ActionItem.text, ActionItem.due_on)
        .join(Relationship, Relationship.id == ActionItem.relationship_id)
        .where(*mine)
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.created_at)
        .limit(SHOWN)
    )
    count = (
        select(func.count())
        .select_from(ActionItem)
        .join(Relationship, Relationship.id == ActionItem.relationship_id)
        .where(*mine)
    )
    return rows, count


@cache
def _relationships_query() -> Select[UUID, Kind, RelationshipStatus, MemberRole, str]:
    """My active and paused relationships, each program's together, newest first within."""
    return (
        select(
            Relationship.id,
            Relationship.kind,
            Relationship.status,
            RelationshipMember.role,
            Program.name.label("program"),
        )
        .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
        .outerjoin(Program, Program.id == Relationship.program_id)
        .where(RelationshipMember.profile_id == bindparam("me"), Relationship.is_live)
        .order_by(Program.name.is_(None), Program.name, Relationship.started_at.desc())
        .limit(GLANCE)
    )


@cache
def _upcoming_query() -> Select[UUID, datetime]:
    """The next planned check-in of each of these relationships from a time on."""
    return (
        select(Checkin.relationship_id, func.min(Checkin.scheduled_at))
        .where(
            Checkin.relationship_id.in_(bindparam("ids", expanding=True)),
            Checkin.is_upcoming,
            Checkin.scheduled_at >= bindparam("now"),
        )
        .group_by(Checkin.relationship_id)
    )
