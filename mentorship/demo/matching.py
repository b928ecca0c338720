"""Demo history: a published traditional round with open, accepted and declined proposals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.demo.bulk import Row, event_row, fast_sqlite, insert_rows, notification_row, write_history
from mentorship.demo.community import COORDINATOR_EMAIL
from mentorship.engine.pool import pending_mentor_places
from mentorship.engine.stale import suggestions_stale
from mentorship.lib.i18n import _
from mentorship.lib.zones import stamp
from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
    Round,
    RoundStatus,
    User,
    slot_scope,
)
from mentorship.proposals.services import PROFILE_CADENCE
from mentorship.rounds.services import RoundOptions, RoundService, execute_round

# Of the published proposals, in score order: these shares are settled, the rest stay open.
ACCEPTED_SHARE = 0.4
DECLINED_SHARE = 0.1


async def load_demo_matches(config: SQLAlchemyAsyncConfig, expiry_days: int = 7) -> dict[str, int]:
    """Run one round through the services people use, then publish it and answer part of it in bulk."""
    async with config.get_session() as session:
        if await session.scalar(select(Round.id).limit(1)) is not None:
            return {"skipped": 1}
        coordinator = (
            await session.execute(select(User).where(User.email == COORDINATOR_EMAIL))
        ).scalar_one()
        started = await RoundService(session).create(
            RoundOptions(Kind.TRADITIONAL, min_score=0.05), coordinator
        )
    await execute_round(config, started.id)
    async with config.get_session() as session:
        await fast_sqlite(session)
        rounds = RoundService(session)
        coordinator = (
            await session.execute(select(User).where(User.email == COORDINATOR_EMAIL))
        ).scalar_one()
        proposals = await rounds.proposals(started.id, include_removed=False)
        people = await _people(session, started.id)
        # From here the proposals are plain data: the bulk statements below write every change.
        session.expunge_all()
        await _publish(session, started.id, coordinator.id, proposals, people, expiry_days)
        answers = _Answers(people, proposals)
        settle = int(len(proposals) * ACCEPTED_SHARE)
        refuse = int(len(proposals) * DECLINED_SHARE)
        for index, proposal in enumerate(proposals[: settle + refuse]):
            if proposal.status is not ProposalStatus.OPEN:
                continue  # left out at publishing: nobody can answer it
            if index < settle:
                answers.accept(proposal)
            else:
                answers.decline(proposal, "Not the right time for me")
        await answers.write(session)
        await session.commit()
    return {"proposals": len(proposals), "accepted": answers.accepted, "declined": answers.declined}


async def _people(session: AsyncSession, round_id: UUID) -> dict[UUID, Any]:
    """Everyone in a round's proposals: user, name, cadence and mentoring places, by profile id."""
    rows = await session.execute(
        select(
            Profile.id,
            Profile.user_id,
            User.name,
            Profile.checkin_cadence_days,
            Profile.mentee_load,
            Profile.capacity,
        )
        .join(User, User.id == Profile.user_id)
        .join(ProposalMember, ProposalMember.profile_id == Profile.id)
        .join(Proposal, Proposal.id == ProposalMember.proposal_id)
        .where(Proposal.round_id == round_id)
        .distinct()
    )
    return {row.id: row for row in rows.all()}


async def _publish(
    session: AsyncSession,
    round_id: UUID,
    by: UUID,
    proposals: list[Proposal],
    people: dict[UUID, Any],
    expiry_days: int,
) -> None:
    """What `RoundService.publish` writes (proposals opened, events, everyone told), as bulk statements."""
    found = await session.get(Round, round_id)
    assert found is not None and found.status is RoundStatus.READY
    now = datetime.now(UTC)
    expires = now + timedelta(days=expiry_days)
    held = await pending_mentor_places(session, found.kind)
    text = _("You have a new {kind} mentoring proposal. Please answer by {day}.").format(
        kind=_(found.kind.value), day=stamp(expires)
    )
    changes: list[Row] = []
    events: list[Row] = []
    notes: list[Row] = []
    opened = skipped = 0
    for proposal in proposals:
        mentor = proposal.mentor()
        if mentor is not None and found.kind is Kind.TRADITIONAL:
            person = people[mentor.profile_id]
            if person.mentee_load + held.get(person.id, 0) >= person.capacity:
                proposal.status = ProposalStatus.WITHDRAWN
                changes.append({"id": proposal.id, "status": proposal.status, "expires_at": None})
                skipped += 1
                continue
            held[person.id] = held.get(person.id, 0) + 1
        proposal.status, proposal.expires_at = ProposalStatus.OPEN, expires
        changes.append({"id": proposal.id, "status": proposal.status, "expires_at": expires})
        opened += 1
        events.append(event_row("proposal.opened", "proposal", proposal.id, by, round_id=round_id))
        link = f"/proposals/{proposal.id}"
        notes += [
            notification_row(people[m.profile_id].user_id, "proposal", text, link) for m in proposal.members
        ]
    events.append(event_row("round.published", "round", round_id, by, opened=opened, skipped=skipped))
    await session.execute(
        update(Round).where(Round.id == round_id).values(status=RoundStatus.PUBLISHED, published_at=now)
    )
    if changes:
        await session.execute(update(Proposal), changes)
    await write_history(session, events, notes)
    await session.commit()
    await suggestions_stale(session, None, programs=[found.program_id])


class _Answers:
    """What `ProposalService.respond` writes when everyone answers, gathered as rows for bulk writes.

    Only one-to-one proposals (a traditional round): a group's partial starts are not needed here.
    """

    def __init__(self, people: dict[UUID, Any], proposals: list[Proposal]) -> None:
        self.people = people
        self.seeking: dict[UUID, list[Proposal]] = {}
        for proposal in proposals:
            for member in proposal.members:
                if member.role is not MemberRole.MENTOR:
                    self.seeking.setdefault(member.profile_id, []).append(proposal)
        self.load = {pid: row.mentee_load for pid, row in people.items()}
        self.members: list[Row] = []
        self.proposals: list[Row] = []
        self.relationships: list[Row] = []
        self.relationship_members: list[Row] = []
        self.slots: list[Row] = []
        self.events: list[Row] = []
        self.notes: list[Row] = []
        self.accepted = self.declined = 0

    def accept(self, proposal: Proposal) -> None:
        """Every member accepts; the relationship starts and the mentees' other open proposals close."""
        mentor = proposal.mentor()
        if mentor is not None and proposal.kind is Kind.TRADITIONAL:
            if self.load[mentor.profile_id] >= self.people[mentor.profile_id].capacity:
                return  # no free place left: the answer would be refused
            self.load[mentor.profile_id] += 1
        now = datetime.now(UTC)
        for member in proposal.members:
            self._answer(member, Response.ACCEPTED, now, "")
            self.events.append(
                event_row(
                    "proposal.accepted",
                    "proposal",
                    proposal.id,
                    self.people[member.profile_id].user_id,
                    kind=proposal.kind.value,
                    source=proposal.source.value,
                )
            )
        self._close(proposal, ProposalStatus.ACCEPTED, now)
        relationship_id = self._start(proposal, now)
        for member in proposal.members:
            if member.role is not MemberRole.MENTOR:
                self._withdraw_others(member.profile_id, proposal)
        self.events.append(
            event_row("relationship.started", "relationship", relationship_id, None, proposal_id=proposal.id)
        )
        text = _("Everyone accepted: your {kind} mentoring relationship has started.").format(
            kind=_(proposal.kind.value)
        )
        for member in proposal.members:
            self.notes.append(
                notification_row(
                    self.people[member.profile_id].user_id,
                    "accepted",
                    text,
                    f"/relationships/{relationship_id}",
                )
            )
        self.accepted += 1

    def decline(self, proposal: Proposal, reason: str) -> None:
        """The mentee declines with a reason; the proposal closes and the others are told."""
        mentee = next(m for m in proposal.members if m.role is not MemberRole.MENTOR)
        person = self.people[mentee.profile_id]
        now = datetime.now(UTC)
        self._answer(mentee, Response.DECLINED, now, reason)
        self.events.append(
            event_row(
                "proposal.declined",
                "proposal",
                proposal.id,
                person.user_id,
                kind=proposal.kind.value,
                source=proposal.source.value,
                reason=reason,
            )
        )
        self._close(proposal, ProposalStatus.DECLINED, now)
        text = _("{name} declined a proposal you were in.").format(name=person.name)
        for member in proposal.members:
            if member.profile_id != mentee.profile_id:
                self.notes.append(
                    notification_row(
                        self.people[member.profile_id].user_id, "declined", text, f"/proposals/{proposal.id}"
                    )
                )
        self.declined += 1

    def _answer(self, member: ProposalMember, response: Response, now: datetime, reason: str) -> None:
        member.response = response
        self.members.append({"id": member.id, "response": response, "responded_at": now, "reason": reason})

    def _close(self, proposal: Proposal, status: ProposalStatus, now: datetime) -> None:
        proposal.status = status
        self.proposals.append({"id": proposal.id, "status": status, "decided_at": now})

    def _start(self, proposal: Proposal, now: datetime) -> UUID:
        relationship_id = uuid4()
        chosen = [self.people[m.profile_id].checkin_cadence_days for m in proposal.members]
        chosen = [days for days in chosen if days != PROFILE_CADENCE]
        # Distinct creation times keep the order in which the relationships started.
        created = now + timedelta(microseconds=len(self.relationships))
        self.relationships.append(
            {
                "id": relationship_id,
                "kind": proposal.kind,
                "status": RelationshipStatus.ACTIVE,
                "proposal_id": proposal.id,
                "program_id": proposal.program_id,
                "cadence_days": min(chosen, default=PROFILE_CADENCE),
                "started_at": now,
                "created_at": created,
                "updated_at": created,
            }
        )
        for member in proposal.members:
            self.relationship_members.append(
                {
                    "id": uuid4(),
                    "relationship_id": relationship_id,
                    "profile_id": member.profile_id,
                    "role": member.role,
                }
            )
            if member.role is MemberRole.MENTOR and proposal.kind is Kind.TRADITIONAL:
                continue  # a traditional mentor's places are counted on the profile instead
            self.slots.append(
                {
                    "id": uuid4(),
                    "profile_id": member.profile_id,
                    "kind": proposal.kind,
                    "role": member.role,
                    "relationship_id": relationship_id,
                    "scope": slot_scope(proposal.program_id),
                }
            )
        return relationship_id

    def _withdraw_others(self, profile_id: UUID, started: Proposal) -> None:
        for other in self.seeking.get(profile_id, []):
            if (
                other.id == started.id
                or other.status is not ProposalStatus.OPEN
                or other.kind is not started.kind
                or other.program_id != started.program_id
            ):
                continue
            self._close(other, ProposalStatus.WITHDRAWN, datetime.now(UTC))
            self.events.append(
                event_row("proposal.withdrawn", "proposal", other.id, None, because=started.id)
            )
            text = _("A proposal or request you were in was withdrawn: the other person is matched.")
            for member in other.members:
                if member.profile_id != profile_id:
                    self.notes.append(
                        notification_row(
                            self.people[member.profile_id].user_id, "declined", text, f"/proposals/{other.id}"
                        )
                    )

    async def write(self, session: AsyncSession) -> None:
        """Write every answer, relationship, event and notification in the caller's transaction."""
        if self.members:
            await session.execute(update(ProposalMember), self.members)
        if self.proposals:
            await session.execute(update(Proposal), self.proposals)
        placed = [
            {"id": pid, "mentee_load": load}
            for pid, load in self.load.items()
            if load != self.people[pid].mentee_load
        ]
        if placed:
            await session.execute(update(Profile), placed)
        await insert_rows(session, Relationship, self.relationships)
        await insert_rows(session, RelationshipMember, self.relationship_members)
        await insert_rows(session, ActiveSlot, self.slots)
        await write_history(session, self.events, self.notes)
