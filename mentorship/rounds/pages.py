"""Reads that keep the rounds pages bounded: the list's own columns, a page of pairings, figures in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from mentorship.engine.outcome import HISTOGRAM_BINS
from mentorship.lib.keyset import Cursor, older_than
from mentorship.models import (
    Kind,
    MemberRole,
    Program,
    Proposal,
    ProposalMember,
    ProposalStatus,
    Round,
    RoundStatus,
)

PAIRINGS_PER_PAGE = 100
MAX_PAIRINGS = 500  # the API's largest page
ROUNDS_PER_PAGE = 100


@dataclass(frozen=True)
class RoundListing:
    """A round as the list shows it: no summary, only its count of proposals."""

    id: UUID
    kind: Kind
    status: RoundStatus
    created_at: datetime
    published_at: datetime | None
    program_name: str
    program_slug: str
    proposals: int | None  # the run's own count; None until it has run
    options: dict[str, Any]
    progress: float
    stage: str
    error: str

    @property
    def cursor(self) -> str:
        """Where the list goes on after this round."""
        return Cursor(self.created_at, self.id).encode()


@dataclass(frozen=True)
class Pairings:
    """One page of a round's pairings, best first."""

    items: list[Proposal]
    page: int
    pages: int
    total: int
    per_page: int


async def listing(
    session: AsyncSession, before: Cursor | None = None, limit: int = ROUNDS_PER_PAGE
) -> list[RoundListing]:
    """Rounds newest first, a page at a time, reading only the columns the list shows."""
    query = (
        select(
            Round.id,
            Round.kind,
            Round.status,
            Round.created_at,
            Round.published_at,
            Program.name,
            Program.slug,
            Round.proposal_count,
            Round.options,
            Round.progress,
            Round.stage,
            Round.error,
        )
        .outerjoin(Program, Program.id == Round.program_id)
        .order_by(Round.created_at.desc(), Round.id.desc())
        .limit(limit)
    )
    if before is not None:
        query = query.where(older_than(Round.created_at, Round.id, before))
    return [
        RoundListing(
            id=row[0],
            kind=row[1],
            status=row[2],
            created_at=row[3],
            published_at=row[4],
            program_name=row[5] or "",
            program_slug=row[6] or "",
            proposals=row[7],
            options=row[8],
            progress=row[9],
            stage=row[10],
            error=row[11],
        )
        for row in (await session.execute(query)).all()
    ]


async def pairings(
    session: AsyncSession, round_id: UUID, page: int, per_page: int, total: int | None = None
) -> Pairings:
    """A page of the round's pairings (removed ones too), best score first, with their members.

    ``total``: how many there are, when the caller knows (the round's kept figures count them).
    """
    if total is None:
        total = int(
            await session.scalar(
                select(func.count()).select_from(Proposal).where(Proposal.round_id == round_id)
            )
            or 0
        )
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    query = (
        select(Proposal)
        .where(Proposal.round_id == round_id)
        .options(selectinload(Proposal.members))
        .order_by(Proposal.score.desc(), Proposal.id.desc())  # the index read backwards
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return Pairings(list((await session.execute(query)).scalars()), page, pages, total, per_page)


def _bin(score: Any) -> Any:
    """The histogram bin of a score, as engine.outcome.histogram counts it (the top bin includes 1)."""
    return case(
        *((score * HISTOGRAM_BINS < n, n - 1) for n in range(1, HISTOGRAM_BINS)), else_=HISTOGRAM_BINS - 1
    )


async def aggregates(session: AsyncSession, found: Round) -> dict[str, Any]:
    """The round's pairings summed in the database: counts, scores and the histogram of kept ones."""
    kept = (Proposal.round_id == found.id, Proposal.status != ProposalStatus.REMOVED)
    is_removed = Proposal.status == ProposalStatus.REMOVED
    counts: Any = (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((is_removed, 1), else_=0)), 0),
                func.coalesce(func.sum(case((is_removed, 0.0), else_=Proposal.score)), 0.0),
            ).where(Proposal.round_id == found.id)
        )
    ).one()
    every, removed, score_sum = counts
    count = int(every) - int(removed)
    seekers = (
        select(func.count(), func.coalesce(func.sum(Proposal.score), 0.0))
        .select_from(ProposalMember)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(*kept, ProposalMember.role != MemberRole.MENTOR)
    )
    sought: Any = (await session.execute(seekers)).one()
    matched, seeker_score_sum = sought
    # Grouped over a subquery: PostgreSQL would see the CASE's parameters twice as two expressions.
    binned = select(_bin(Proposal.score).label("bin")).where(*kept).subquery()
    bins: Any = await session.execute(select(binned.c.bin, func.count()).group_by(binned.c.bin))
    histogram = [0] * HISTOGRAM_BINS
    for number, how_many in bins.all():
        histogram[int(number)] += int(how_many)
    # The engine's total counts a group's score once per member (each member's fit with the mentor).
    total = float(seeker_score_sum if found.kind is Kind.GROUP else score_sum)
    return {
        "every": int(every),
        "removed": int(removed),
        "kept": int(count),
        "matched": int(matched),
        "score_sum": float(score_sum),
        "total": total,
        "histogram": histogram,
    }


async def mentor_use(session: AsyncSession, round_id: UUID, mentors: set[UUID]) -> dict[UUID, int]:
    """How many people each of these mentors has in the round's kept pairings."""
    if not mentors:
        return {}
    mentor = select(ProposalMember.proposal_id, ProposalMember.profile_id).where(
        ProposalMember.role == MemberRole.MENTOR, ProposalMember.profile_id.in_(mentors)
    )
    mentor_sq = mentor.subquery()
    rows: Any = await session.execute(
        select(mentor_sq.c.profile_id, func.count())
        .select_from(ProposalMember)
        .join(mentor_sq, mentor_sq.c.proposal_id == ProposalMember.proposal_id)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(
            Proposal.round_id == round_id,
            Proposal.status != ProposalStatus.REMOVED,
            ProposalMember.role != MemberRole.MENTOR,
        )
        .group_by(mentor_sq.c.profile_id)
    )
    return {UUID(str(profile_id)): int(count) for profile_id, count in rows.all()}


async def removed_seekers(session: AsyncSession, round_id: UUID) -> list[UUID]:
    """The people (not mentors) of the round's removed pairings: they are unmatched now."""
    rows = await session.scalars(
        select(ProposalMember.profile_id)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(
            Proposal.round_id == round_id,
            Proposal.status == ProposalStatus.REMOVED,
            ProposalMember.role != MemberRole.MENTOR,
        )
        .order_by(Proposal.score.desc(), Proposal.id)
    )
    return list(rows)
