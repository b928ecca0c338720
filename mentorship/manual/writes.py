"""Sending and starting a pairing: lock the people in one order, check, then write, all or nothing.

Two coordinators pairing the same people at once get one pairing (the other a 409), and a mentor's
last place is taken once, by the same conditional write as an accepted proposal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar
from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.parted import Parting, parted_pairs
from mentorship.events.describe import N_, describe_as
from mentorship.events.services import record
from mentorship.lib.db import Contended, lock_in_order, retrying
from mentorship.lib.i18n import _
from mentorship.lib.zones import stamp
from mentorship.manual.forms import Pick
from mentorship.manual.preview import MatchConflict, Plan, Started
from mentorship.models import (
    Kind,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Response,
)
from mentorship.notifications.services import notify
from mentorship.relationships.opening import open_relationship

T = TypeVar("T")

for _type, _line in {
    "match.proposed": N_("{actor} proposed a {kind} pairing by hand in “{program}”"),
    "match.started": N_("{actor} started {subject} directly in “{program}”: {reason}"),
}.items():
    describe_as(_type, _line)


async def retried(session: AsyncSession, work: Callable[[], Awaitable[T]]) -> T:
    try:
        return await retrying(session, work)
    except Contended as exc:
        raise MatchConflict(_("Someone changed these people at the same moment. Please try again.")) from exc


class MatchWrites:
    """The writing half of manual matching; every method runs inside one retried transaction."""

    session: AsyncSession

    async def _lock_and_check(self, pick: Pick) -> None:
        """Lock the people, then refuse a pairing that already exists: together now, or proposed."""
        await lock_in_order(self.session, Profile, pick.ids)
        if self.session.get_bind().dialect.name == "sqlite":
            # SQLite reads outside any transaction until the first write: write first (changing
            # nothing), so the checks below run while this transaction holds the one write lock.
            await self.session.execute(
                update(Profile).where(Profile.id.in_(pick.ids)).values(updated_at=Profile.updated_at)
            )
        parted = await parted_pairs(self.session, set(pick.ids))
        if any(parted.get(frozenset(p)) is Parting.TOGETHER for p in _pairs_of(pick)):
            await self.session.rollback()
            raise MatchConflict(_("These people are already in a relationship together."))
        if await self._open_proposal(pick):
            await self.session.rollback()
            raise MatchConflict(_("A proposal for these people is already waiting for their answers."))

    async def _open_proposal(self, pick: Pick) -> bool:
        """Whether an open proposal of this kind already holds every one of these people."""
        query = (
            select(ProposalMember.proposal_id)
            .join(Proposal, Proposal.id == ProposalMember.proposal_id)
            .where(
                Proposal.status == ProposalStatus.OPEN,
                Proposal.kind == pick.kind,
                ProposalMember.profile_id.in_(pick.ids),
            )
            .group_by(ProposalMember.proposal_id)
            .having(func.count() == len(pick.ids))
        )
        return (await self.session.execute(query)).first() is not None

    @staticmethod
    def _proposal(plan: Plan, status: ProposalStatus, response: Response) -> Proposal:
        now = datetime.now(UTC)
        pick = plan.pick
        proposal = Proposal(
            source=ProposalSource.ROUND,  # made by a coordinator, like a round's, outside any round
            program_id=plan.program_id,
            kind=pick.kind,
            status=status,
            score=plan.score,
            reasons=plan.reasons,
        )
        seeker = MemberRole.PEER if pick.kind is Kind.PEER else MemberRole.MENTEE
        proposal.members = [
            ProposalMember(
                profile_id=person_id,
                role=MemberRole.MENTOR if person_id == pick.mentor_id else seeker,
                response=response,
                responded_at=None if response is Response.PENDING else now,
            )
            for person_id in pick.ids
        ]
        return proposal

    async def _propose(self, plan: Plan, actor: UUID, expiry_days: int) -> Proposal:
        await self._lock_and_check(plan.pick)
        proposal = self._proposal(plan, ProposalStatus.OPEN, Response.PENDING)
        expires = datetime.now(UTC) + timedelta(days=expiry_days)
        proposal.expires_at = expires
        self.session.add(proposal)
        await self.session.flush()
        record(
            self.session,
            "match.proposed",
            "proposal",
            proposal.id,
            actor,
            kind=plan.pick.kind.value,
            program=plan.program_name,
            program_slug=plan.program_slug,
        )
        for user_id in plan.user_ids:
            notify(
                self.session,
                user_id,
                "proposal",
                _("You have a new {kind} mentoring proposal. Please answer by {day}.").format(
                    kind=_(plan.pick.kind.value), day=stamp(expires)
                ),
                f"/proposals/{proposal.id}",
            )
        await self.session.commit()
        return proposal

    async def _start(self, plan: Plan, actor: UUID, reason: str, full_ok: bool) -> Started:
        pick = plan.pick
        await self._lock_and_check(pick)
        if pick.kind is Kind.TRADITIONAL and pick.mentor_id is not None:
            await self._take_place(plan, pick.mentor_id, full_ok)
        proposal = self._proposal(plan, ProposalStatus.ACCEPTED, Response.ACCEPTED)
        proposal.decided_at = datetime.now(UTC)
        self.session.add(proposal)
        try:
            relationship_id = await self._open(proposal, plan)
        except IntegrityError as exc:
            await self.session.rollback()
            taken = _("Someone in it is already in an active relationship of this kind.")
            raise MatchConflict(taken) from exc
        record(
            self.session,
            "match.started",
            "relationship",
            relationship_id,
            actor,
            kind=pick.kind.value,
            reason=reason,
            program=plan.program_name,
            program_slug=plan.program_slug,
            proposal_id=proposal.id,
            **({"over_capacity": True} if plan.mentor_full and full_ok else {}),
        )
        for user_id in plan.user_ids:
            notify(
                self.session,
                user_id,
                "accepted",
                _("A coordinator started a {kind} mentoring relationship for you.").format(
                    kind=_(pick.kind.value)
                ),
                f"/relationships/{relationship_id}",
            )
        await self.session.commit()
        return Started(relationship_id, plan.program_slug)

    async def _open(self, proposal: Proposal, plan: Plan) -> UUID:
        """The relationship and everyone's one slot of its kind (the unique slot is the guard)."""
        await self.session.flush()
        members = [(m.profile_id, m.role) for m in proposal.members]
        opened = await open_relationship(
            self.session, plan.pick.kind, proposal.id, members, plan.cadence_days, plan.program_id
        )
        return opened.id

    async def _take_place(self, plan: Plan, mentor_id: UUID, full_ok: bool) -> None:
        """Count the mentee on the mentor's places; past capacity only when the coordinator said so."""
        condition = Profile.mentee_load < Profile.capacity
        placed = await self.session.execute(
            update(Profile)
            .where(Profile.id == mentor_id, *([] if full_ok else [condition]))
            .values(mentee_load=Profile.mentee_load + 1)
        )
        if placed.rowcount != 1:  # type: ignore[attr-defined]
            await self.session.rollback()
            raise MatchConflict(
                _(
                    "{name} has no free mentoring place left. To start anyway, tick "
                    "“I know the mentor is full”."
                ).format(name=plan.mentor_name)
            )


def _pairs_of(pick: Pick) -> list[tuple[UUID, UUID]]:
    if pick.mentor_id is None:
        return [(pick.mentee_ids[0], pick.mentee_ids[1])]
    return [(mentee, pick.mentor_id) for mentee in pick.mentee_ids]
