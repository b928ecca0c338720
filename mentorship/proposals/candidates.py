"""A mentee's stored mentors who may be shown now: every rule of the pool asked of her list at once."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Date, Float, Select, String, and_, bindparam, exists, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from mentorship.engine.still_open import in_peer_pool
from mentorship.lib.reasons import ReasonData
from mentorship.models import (
    PEER_SCOPE,
    Kind,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalStatus,
    RelationshipMember,
    Response,
    SuggestionCandidate,
    User,
)
from mentorship.relationships.load import load_rows


@dataclass(frozen=True)
class StoredFit:
    """A stored candidate of a mentee's list: who, how well they fit and why."""

    scope: str
    candidate_id: UUID
    score: float
    reasons: list[ReasonData]
    open: bool  # may be shown now (else full, away, over the load threshold or parted from her)


@functools.cache
def _stored_mentors_query() -> Select[str, UUID, float, Any, bool]:
    """Built once: a request only binds her id, the scopes, today and the threshold."""
    mentee_id = bindparam("mentee", type_=SuggestionCandidate.mentee_id.type)
    scopes = bindparam("scopes", expanding=True, type_=String)
    today = bindparam("today", type_=Date)
    load_threshold = bindparam("threshold", type_=Float)
    hers = select(SuggestionCandidate.candidate_id).where(
        SuggestionCandidate.mentee_id == mentee_id, SuggestionCandidate.scope.in_(scopes)
    )
    loads = load_rows(today, hers).subquery()
    promised = (
        select(func.count())
        .select_from(ProposalMember)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(
            ProposalMember.profile_id == Profile.id,
            ProposalMember.role == MemberRole.MENTOR,
            Proposal.kind == Kind.TRADITIONAL,
            Proposal.status == ProposalStatus.OPEN,
        )
        .scalar_subquery()
    )
    me, them = aliased(ProposalMember), aliased(ProposalMember)
    both_in = (
        exists()
        .where(
            me.profile_id == mentee_id,
            them.profile_id == Profile.id,
            them.proposal_id == me.proposal_id,
            Proposal.id == me.proposal_id,
        )
        .correlate(Profile)
    )
    asked = both_in.where(Proposal.status == ProposalStatus.OPEN)
    # A declined proposal parts all its people; a group that went on parts only who left it.
    declined = both_in.where(
        or_(
            Proposal.status == ProposalStatus.DECLINED,
            me.response == Response.DECLINED,
            them.response == Response.DECLINED,
        )
    )
    was, were = aliased(RelationshipMember), aliased(RelationshipMember)
    paired = (
        exists()
        .where(
            was.profile_id == mentee_id,
            were.profile_id == Profile.id,
            were.relationship_id == was.relationship_id,
        )
        .correlate(Profile)
    )
    return (
        select(
            SuggestionCandidate.scope,
            SuggestionCandidate.candidate_id,
            SuggestionCandidate.score,
            SuggestionCandidate.reasons,
            and_(
                SuggestionCandidate.candidate_id != mentee_id,
                User.is_active,
                Profile.is_mentor,
                Profile.capacity > 0,
                Profile.mentee_load < Profile.capacity,
                not_(Profile.away_on(today)),
                Profile.capacity - Profile.mentee_load - promised > 0,
                or_(loads.c.value.is_(None), loads.c.value <= load_threshold),
                not_(asked),
                not_(declined),
                not_(paired),
            ),
        )
        .join(Profile, Profile.id == SuggestionCandidate.candidate_id)
        .join(User, User.id == Profile.user_id)
        .outerjoin(loads, loads.c.profile_id == Profile.id)
        .where(
            SuggestionCandidate.mentee_id == mentee_id,
            SuggestionCandidate.scope.in_(scopes),
        )
        .order_by(SuggestionCandidate.scope, SuggestionCandidate.rank)
    )


async def stored_mentors(
    session: AsyncSession, mentee_id: UUID, scopes: list[str], today: date, load_threshold: float
) -> list[StoredFit]:
    """The mentee's stored mentors in these scopes, best first, each marked whether it may be shown now.

    One statement, asking the pool's rules of her few stored candidates at once: an active mentor,
    not away, with a place not promised in an open request, a shared load at or under the
    threshold, and nobody she has asked now, was paired with or declined (or who declined her),
    as rounds never propose those pairs again.
    """
    if not scopes:
        return []
    rows = await session.execute(
        _stored_mentors_query(),
        {"mentee": mentee_id, "scopes": scopes, "today": today, "threshold": load_threshold},
    )
    return _fits(rows.all())


@functools.cache
def _stored_peers_query() -> Select[str, UUID, float, Any, bool]:
    """Built once: a request only binds the person's id."""
    person = bindparam("person", type_=SuggestionCandidate.mentee_id.type)
    return (
        select(
            SuggestionCandidate.scope,
            SuggestionCandidate.candidate_id,
            SuggestionCandidate.score,
            SuggestionCandidate.reasons,
            and_(SuggestionCandidate.candidate_id != person, in_peer_pool()),
        )
        .join(Profile, Profile.id == SuggestionCandidate.candidate_id)
        .join(User, User.id == Profile.user_id)
        .where(SuggestionCandidate.mentee_id == person, SuggestionCandidate.scope == PEER_SCOPE)
        .order_by(SuggestionCandidate.rank)
    )


async def stored_peers(session: AsyncSession, person_id: UUID) -> list[StoredFit]:
    """The person's stored peers, best first, each marked whether still in the peer pool (one statement)."""
    rows = await session.execute(_stored_peers_query(), {"person": person_id})
    return _fits(rows.all())


def _fits(rows: Sequence[Any]) -> list[StoredFit]:
    """Rows of (scope, candidate, score, reasons, open) as stored fits."""
    typed = cast("list[tuple[str, UUID, float, list[ReasonData] | None, bool]]", rows)
    return [
        StoredFit(scope, candidate, float(score), list(reasons or []), bool(now))
        for scope, candidate, score, reasons, now in typed
    ]
