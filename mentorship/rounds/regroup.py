"""Groups changed by hand in a round's preview: the round's own people as the engine's table again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from mentorship.engine.outcome import Unit
from mentorship.engine.pool import Pool, with_answers
from mentorship.engine.rows import MENTEE, MENTOR, mentee_row, mentor_row, profile_id_of, row_id
from mentorship.engine.table import participant, participants, topic_names
from mentorship.models import MemberRole, Profile, Proposal, ProposalMember, Round


async def round_pool(session: AsyncSession, found: Round) -> Pool:
    """Everyone the round matched or left unmatched, and its mentors with the places they had.

    The same people as the run's pool (not whoever is eligible today), so a score computed now
    compares with the scores the run stored.
    """
    summary = found.summary or {}
    matched = await session.execute(
        select(ProposalMember.profile_id)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(Proposal.round_id == found.id, ProposalMember.role != MemberRole.MENTOR)
    )
    seekers = set(matched.scalars()) | {UUID(u["profile_id"]) for u in summary.get("unmatched", [])}
    capacity: dict[str, int] = {rid: int(room) for rid, room in summary.get("capacity", {}).items()}
    mentors = {profile_id_of(rid) for rid in capacity}
    found_profiles = await session.execute(
        select(Profile)
        .where(Profile.id.in_(seekers | mentors))
        .options(selectinload(Profile.topics), selectinload(Profile.languages))
    )
    ordered = sorted(found_profiles.scalars(), key=lambda p: (p.created_at, p.id))
    rows: list[dict[str, Any]] = []
    profiles: dict[str, Profile] = {}
    for role, wanted in ((MENTEE, seekers), (MENTOR, mentors)):
        for profile in (p for p in ordered if p.id in wanted):
            rid = row_id(role, profile.id)
            rows.append(participant(role, profile, found.kind, capacity.get(rid, 0)))
            profiles[rid] = profile
    self_pairs = [(mentee_row(p), mentor_row(p)) for p in seekers & mentors]
    names = {rid: profile.user.name for rid, profile in profiles.items()}
    ids = {rid: profile.id for rid, profile in profiles.items()}
    pool = Pool(found.kind, participants(rows), ids, names, self_pairs, capacity, await topic_names(session))
    return await with_answers(session, pool, found.program_id)


def member_fits(units: Iterable[Unit]) -> dict[str, float]:
    """Each group member's own fit with their mentor, by profile id (JSON-friendly)."""
    return {
        str(profile_id_of(rid)): score
        for unit in units
        for rid, score in zip(unit.members, unit.member_scores, strict=False)
    }
