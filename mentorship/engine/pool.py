"""Who a round may match: the people of a kind with room, as the engine's participants table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

import pandas as pd
from sqlalchemy import ColumnElement, String, and_, cast, exists, not_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.rows import MENTEE, MENTOR, mentee_row, mentor_row, profile_id_of
from mentorship.engine.table import participant_rows, participants, topic_names
from mentorship.models import (
    ActiveSlot,
    EnrolmentAnswer,
    EnrolmentQuestion,
    Kind,
    MatchingUse,
    MemberRole,
    MembershipStatus,
    Profile,
    ProgramMembership,
    Proposal,
    ProposalMember,
    ProposalStatus,
    QuestionKind,
    User,
    slot_scope,
)

PENDING = (ProposalStatus.OPEN,)


@dataclass(frozen=True)
class AnswerColumn:
    """A program's question whose answers are a column of the pool's table, and how it takes part."""

    column: str
    kind: str
    use: str
    weight: float
    label: str
    private: bool


@dataclass
class Pool:
    """The people of one round, their table rows and the pairs the engine must never propose."""

    kind: Kind
    frame: pd.DataFrame
    profiles: dict[str, UUID]  # each table row's profile id
    names: dict[str, str]
    # Someone both mentor and mentee has two rows, never to be matched with each other.
    self_pairs: list[tuple[str, str]] = field(default_factory=list)
    free_capacity: dict[str, int] = field(default_factory=dict)
    # The catalog's names of each topic in every language, to read topics from free text.
    topic_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The program's questions that are hard rules or preferences, their answers in the frame.
    questions: list[AnswerColumn] = field(default_factory=list)

    @property
    def mentees(self) -> int:
        """How many people seek a mentor (or a peer) in this pool."""
        return int((self.frame["role"] == MENTEE).sum()) if len(self.frame) else 0

    @property
    def mentors(self) -> int:
        """How many mentors are in this pool."""
        return int((self.frame["role"] == MENTOR).sum()) if len(self.frame) else 0


def _in_program(program_id: UUID | None, *, mentor: bool) -> ColumnElement[bool]:
    """Active in the program as a mentor (or as a mentee); anyone when there is no program."""
    if program_id is None:
        return true()
    return exists().where(
        ProgramMembership.profile_id == Profile.id,
        ProgramMembership.program_id == program_id,
        ProgramMembership.status == MembershipStatus.ACTIVE,
        ProgramMembership.is_mentor if mentor else ProgramMembership.is_mentee,
    )


def _has_slot(kind: Kind, role: MemberRole, scope: str | None = None) -> ColumnElement[bool]:
    """Holds an active slot of the kind: in one program's ``scope``, or (None) in any."""
    return exists().where(
        ActiveSlot.profile_id == Profile.id,
        ActiveSlot.kind == kind,
        ActiveSlot.role == role,
        true() if scope is None else ActiveSlot.scope == scope,
    )


def _pending(kind: Kind, role: MemberRole, program_id: UUID | None) -> ColumnElement[bool]:
    """Waits on an open proposal of the kind in the same program (or outside any, for none)."""
    return exists().where(
        ProposalMember.profile_id == Profile.id,
        ProposalMember.role == role,
        ProposalMember.proposal_id == Proposal.id,
        Proposal.kind == kind,
        Proposal.status.in_(PENDING),
        Proposal.program_id.is_(None) if program_id is None else Proposal.program_id == program_id,
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


def _chose(kind: Kind) -> ColumnElement[bool]:
    # kinds is a JSON list: a LIKE on its text works on both SQLite and PostgreSQL.
    return cast(Profile.kinds, String).like(f'%"{kind.value}"%')


async def build_pool(
    session: AsyncSession,
    kind: Kind,
    today: date,
    *,
    excluded_profiles: set[UUID] | None = None,
    overloaded: set[UUID] | None = None,
    program_id: UUID | None = None,
    seekers: bool = True,
) -> Pool:
    """Everyone who wants this kind, is not away, has room and is not already matched for it.

    With ``program_id``, only that program's active members in the role they joined it for.
    Room is counted over every program: a mentor full in one is full in all (one person, one
    burnout risk). Without ``seekers``, only the mentors (the suggestions' refresh reads every
    mentee itself). People are read as table rows, not ORM objects: at 100,000 people loading
    profiles with their topics and languages was most of a round's pool stage.
    """
    excluded_profiles = excluded_profiles or set()
    overloaded = overloaded or set()
    chose = [User.is_active, _chose(kind)]
    people: list[dict[str, Any]] = []
    ids: dict[str, UUID] = {}
    if seekers or kind is Kind.PEER:
        for profile_id, row in await participant_rows(
            session, [*chose, *_seeking(kind, program_id)], MENTEE, kind
        ):
            if profile_id not in excluded_profiles:
                people.append(row)
                ids[mentee_row(profile_id)] = profile_id
    free: dict[str, int] = {}
    self_pairs: list[tuple[str, str]] = []
    if kind is not Kind.PEER:
        held = await pending_mentor_places(session, kind)
        traditional = kind is Kind.TRADITIONAL
        found = await participant_rows(
            session,
            [*chose, *_mentoring(kind, today, _in_program(program_id, mentor=True))],
            MENTOR,
            kind,
            room=Profile.capacity - Profile.mentee_load if traditional else Profile.capacity,
        )
        for profile_id, row in found:
            if profile_id in excluded_profiles or profile_id in overloaded:
                continue
            places = int(row["capacity"])
            room = (
                places - held.get(profile_id, 0)
                if traditional
                else (places if not held.get(profile_id) else 0)
            )
            if room <= 0:
                continue
            rid = mentor_row(profile_id)
            people.append(row | {"capacity": str(room)})
            ids[rid] = profile_id
            free[rid] = room
            if mentee_row(profile_id) in ids:
                self_pairs.append((mentee_row(profile_id), rid))
    names = {str(row["id"]): str(row["name"]) for row in people}
    pool = Pool(kind, participants(people), ids, names, self_pairs, free, await topic_names(session))
    return await with_answers(session, pool, program_id)


def _seeking(kind: Kind, program_id: UUID | None) -> list[Any]:
    """Who seeks a match of the kind: in the program, not yet matched for it there, not waiting on one."""
    seeker_role = MemberRole.PEER if kind is Kind.PEER else MemberRole.MENTEE
    return [
        Profile.is_mentee,
        _in_program(program_id, mentor=False),
        # Seekers are matched once per program; a mentor's room is counted over all of them.
        not_(_has_slot(kind, seeker_role, slot_scope(program_id))),
        not_(_pending(kind, seeker_role, program_id)),
    ]


def _mentoring(kind: Kind, today: date, in_program: ColumnElement[bool]) -> list[Any]:
    """Who may mentor now: a mentor in the program, with places, not away, not full (a group: not busy)."""
    return [
        Profile.is_mentor,
        in_program,
        Profile.capacity > 0,
        not_(Profile.away_on(today)),
        and_(Profile.mentee_load < Profile.capacity)
        if kind is Kind.TRADITIONAL
        else not_(_has_slot(kind, MemberRole.MENTOR)),
    ]


def answer_column(question_id: UUID) -> str:
    """The table column of a question's answers."""
    return f"answer:{question_id}"


def answer_cell(value: Any) -> str:
    """A stored answer as a table cell: multiple choices joined with ``;``, a number as digits."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


async def with_answers(session: AsyncSession, pool: Pool, program_id: UUID | None) -> Pool:
    """The pool with its program's matching questions as columns of answers (nothing without any).

    A person who has not answered a question has an empty cell: unknown to it, every hard rule
    passes and no preference counts.
    """
    if program_id is None or pool.frame.empty:
        return pool
    found = await session.execute(
        select(EnrolmentQuestion)
        .where(
            EnrolmentQuestion.program_id == program_id,
            EnrolmentQuestion.use_in_matching != MatchingUse.NONE,
            EnrolmentQuestion.kind != QuestionKind.SHORT_TEXT,
        )
        .order_by(EnrolmentQuestion.position, EnrolmentQuestion.created_at)
    )
    questions = list(found.scalars())
    if not questions:
        return pool
    rows = await session.execute(
        select(EnrolmentAnswer.question_id, EnrolmentAnswer.profile_id, EnrolmentAnswer.value).where(
            EnrolmentAnswer.question_id.in_([q.id for q in questions])
        )
    )
    given: dict[tuple[Any, Any], str] = {(q, p): answer_cell(v) for q, p, v in rows.all()}
    people = [profile_id_of(str(rid)) for rid in pool.frame["id"]]
    frame = pool.frame.copy()
    for question in questions:
        frame[answer_column(question.id)] = [given.get((question.id, p), "") for p in people]
    pool.frame = frame
    pool.questions = [
        AnswerColumn(
            answer_column(q.id), q.kind.value, q.use_in_matching.value, q.weight, q.prompt, q.is_private
        )
        for q in questions
    ]
    return pool
