"""Someone deleting their account leaves every relationship and proposal, through the usual state changes.

A traditional relationship ends. A group goes on while its mentor and at least one mentee remain, and
a peer circle while two peers remain; otherwise it ends too. Ending gives the places back exactly as an
early end does. Open proposals and requests are withdrawn (a group proposal goes on without a mentee
while enough could still say yes), and drafts of unpublished rounds drop out. The others are told,
in words that blame nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from mentorship.events.describe import describe_as
from mentorship.events.services import record
from mentorship.lib.i18n import _
from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
)
from mentorship.notifications.services import notify
from mentorship.proposals.services import ProposalService, group_minimum
from mentorship.relationships.lifecycle import LIVE, LifecycleActions

describe_as("relationship.left", "A participant left a {kind} relationship when deleting their account")


def goes_on_without(relationship: Relationship, leaving: UUID) -> bool:
    """Whether a relationship still makes sense for the others once this profile has left."""
    rest = [m for m in relationship.members if m.profile_id != leaving]
    if relationship.kind is Kind.GROUP:
        roles = {m.role for m in rest}
        return MemberRole.MENTOR in roles and MemberRole.MENTEE in roles
    if relationship.kind is Kind.PEER:
        return len(rest) >= 2
    return False


def ended_text(name: str, role: MemberRole) -> str:
    """What the others read when a relationship ends because someone left."""
    ended = _("{name} has left Mentorship, so your mentorship has ended.").format(name=name)
    if role is MemberRole.MENTOR:
        return ended + " " + _("Your place is free for someone new.")
    return ended + " " + _("You can ask for a new match.")


class RelationshipDeparture(LifecycleActions):
    """End or leave the live relationships of someone who deletes their account (the caller commits)."""

    async def leave_all(self, profile_id: UUID, user_id: UUID, name: str) -> None:
        """Leave every live relationship the profile is in."""
        found = await self.session.execute(
            select(Relationship)
            .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
            .where(RelationshipMember.profile_id == profile_id, Relationship.status.in_(LIVE))
            .order_by(Relationship.id)
            .execution_options(populate_existing=True)
        )
        for relationship in list(found.scalars()):
            if goes_on_without(relationship, profile_id):
                await self._step_out(relationship, profile_id, user_id, name)
            else:
                await self._end(relationship, profile_id, user_id, name)

    async def _end(self, relationship: Relationship, leaving: UUID, user_id: UUID, name: str) -> None:
        await self._move(
            relationship.id,
            LIVE,
            status=RelationshipStatus.ENDED,
            ended_at=datetime.now(UTC),
            paused_until=None,
        )
        await self._release(relationship)
        record(self.session, "relationship.ended", "relationship", relationship.id, user_id, member_left=True)
        await self._tell_others(relationship, leaving, lambda role: ended_text(name, role))
        await self.tell_coordinators(
            _("A mentoring relationship ended because a participant left Mentorship."),
            f"/relationships/{relationship.id}",
        )

    async def _step_out(self, relationship: Relationship, leaving: UUID, user_id: UUID, name: str) -> None:
        await self._move(relationship.id, LIVE, updated_at=datetime.now(UTC))
        await self.session.execute(
            delete(RelationshipMember).where(
                RelationshipMember.relationship_id == relationship.id,
                RelationshipMember.profile_id == leaving,
            )
        )
        await self.session.execute(
            delete(ActiveSlot).where(
                ActiveSlot.relationship_id == relationship.id, ActiveSlot.profile_id == leaving
            )
        )
        record(
            self.session,
            "relationship.left",
            "relationship",
            relationship.id,
            user_id,
            kind=relationship.kind.value,
        )
        text = _("{name} has left Mentorship. Your group goes on with the others.").format(name=name)
        await self._tell_others(relationship, leaving, lambda _role: text)

    async def _tell_others(
        self, relationship: Relationship, leaving: UUID, text: Callable[[MemberRole], str]
    ) -> None:
        people = await self.people(relationship)
        for member in relationship.members:
            if member.profile_id != leaving:
                notify(
                    self.session,
                    people[member.profile_id].user_id,
                    "relationship",
                    text(member.role),
                    f"/relationships/{relationship.id}",
                )


class ProposalDeparture(ProposalService):
    """Withdraw someone who deletes their account from every pending proposal (the caller commits)."""

    async def leave_all(self, profile_id: UUID, name: str) -> None:
        """Withdraw the profile's open proposals and requests; drop it from unpublished rounds."""
        mine = select(ProposalMember.proposal_id).where(ProposalMember.profile_id == profile_id)
        found = await self.session.execute(
            select(Proposal)
            .where(Proposal.id.in_(mine), Proposal.status == ProposalStatus.OPEN)
            .order_by(Proposal.id)
            .options(selectinload(Proposal.members))
            .execution_options(populate_existing=True)
        )
        for proposal in list(found.scalars()):
            leaving = next(m for m in proposal.members if m.profile_id == profile_id)
            if await self._goes_on_without(proposal, leaving):
                await self.session.execute(
                    update(ProposalMember)
                    .where(ProposalMember.id == leaving.id)
                    .values(response=Response.DECLINED, responded_at=datetime.now(UTC))
                )
                continue
            await self._close(proposal, ProposalStatus.WITHDRAWN)
            record(
                self.session, "proposal.withdrawn", "proposal", proposal.id, None, because="account_deleted"
            )
            await self._tell_others(proposal, leaving, name)
        await self.session.execute(
            update(Proposal)
            .where(Proposal.id.in_(mine), Proposal.status == ProposalStatus.DRAFT)
            .values(status=ProposalStatus.REMOVED)
        )

    async def _goes_on_without(self, proposal: Proposal, leaving: ProposalMember) -> bool:
        if proposal.kind is not Kind.GROUP or leaving.role is not MemberRole.MENTEE:
            return False
        mentor = next((m for m in proposal.members if m.role is MemberRole.MENTOR), None)
        if mentor is None or mentor.response is Response.DECLINED:
            return False
        possible = sum(
            1
            for m in proposal.members
            if m.role is MemberRole.MENTEE and m.id != leaving.id and m.response is not Response.DECLINED
        )
        return possible >= await group_minimum(self.session, proposal)

    async def _tell_others(self, proposal: Proposal, leaving: ProposalMember, name: str) -> None:
        if proposal.source is ProposalSource.REQUEST and leaving.role is MemberRole.MENTOR:
            text = _(
                "{name} has left Mentorship, so your request to them was withdrawn. You can ask someone else."
            )
        elif proposal.source is ProposalSource.REQUEST:
            text = _("{name} has left Mentorship, so their request to you was withdrawn.")
        else:
            text = _("{name} has left Mentorship, so a proposal you were in was withdrawn.")
        people = await self.people(proposal)
        for member in proposal.members:
            if member.id != leaving.id and member.profile_id in people:
                notify(
                    self.session,
                    people[member.profile_id].user_id,
                    "declined",
                    text.format(name=name),
                    f"/proposals/{proposal.id}",
                )
