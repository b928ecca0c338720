"""Answer proposals, send requests, expire and remind; every guard is an atomic conditional write.

Capacity, one active relationship per kind and the pending-request limit are never checked and
then written: each is an ``UPDATE ... WHERE`` whose row count says whether it held, or a unique
constraint, so several workers accepting at once can never overbook anyone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar
from uuid import UUID

from sqlalchemy import exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from mentorship.engine.parted import Parting, parted_pairs
from mentorship.engine.stale import suggestions_stale
from mentorship.events.services import record
from mentorship.lib.db import Contended, chunked, lock_in_order, retrying
from mentorship.lib.errors import Conflict, Invalid, NotFound
from mentorship.lib.i18n import _
from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    Profile,
    Program,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    Response,
    Round,
    User,
    slot_scope,
)
from mentorship.notifications.services import notify
from mentorship.proposals.programs import in_any_program, shared_programs
from mentorship.relationships.load import DEFAULT_THRESHOLD, load_of
from mentorship.relationships.opening import open_relationship

T = TypeVar("T")


class ProposalNotFound(NotFound):
    """No proposal with that id that this person is part of."""


class ProposalConflict(Conflict):
    """The answer cannot be taken; the message says why, in plain words."""


MESSAGE_LIMIT = 2000
# A profile's check-in cadence until its person sets one: a program's own default wins over it.
PROFILE_CADENCE = 14


class RequestInvalid(Invalid):
    """The submitted request has field errors."""


def clean_message(message: str) -> str:
    """A request's message as stored; raise :class:`RequestInvalid` when it is too long."""
    message = message.replace("\x00", "").strip()
    if len(message) > MESSAGE_LIMIT:
        raise RequestInvalid(
            {"message": _("Keep the message under {limit} characters.").format(limit=MESSAGE_LIMIT)}
        )
    return message


@dataclass(frozen=True)
class Answer:
    """What happened when someone answered."""

    proposal: Proposal
    relationship_id: UUID | None


@dataclass(frozen=True)
class Mentoring:
    """A mentee's relationship with their mentor now."""

    relationship_id: UUID
    mentor_name: str


async def _retrying(session: AsyncSession, work: Callable[[], Awaitable[T]]) -> T:
    """Run an answer's transaction, again when it lost to a concurrent one; a 409 when it keeps losing."""
    try:
        return await retrying(session, work)
    except Contended as exc:
        raise ProposalConflict(_("Several people answered at the same moment. Please try again.")) from exc


async def _lock_members(session: AsyncSession, proposal_ids: Iterable[UUID]) -> None:
    """Lock everyone in these proposals first, in one order: concurrent answers wait, never deadlock."""
    members = select(ProposalMember.profile_id).where(ProposalMember.proposal_id.in_(list(proposal_ids)))
    await lock_in_order(session, Profile, (await session.execute(members)).scalars())


class ProposalService:
    """Proposals as one person sees and answers them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._profile_ids: dict[UUID, UUID | None] = {}

    async def profile_of(self, user: User) -> Profile | None:
        """The person's profile."""
        return (
            await self.session.execute(select(Profile).where(Profile.user_id == user.id))
        ).scalar_one_or_none()

    async def profile_id_of(self, user: User) -> UUID | None:
        """The person's profile id, read alone and once per request (lists and views need no more)."""
        if user.id not in self._profile_ids:
            query = select(Profile.id).where(Profile.user_id == user.id)
            self._profile_ids[user.id] = await self.session.scalar(query)
        return self._profile_ids[user.id]

    async def my_mentor(self, mentee: Profile) -> Mentoring | None:
        """The relationship in which this person has their mentor now (in any program), if any."""
        relationship_id = await mentoring_of(self.session, mentee.id)
        if relationship_id is None:
            return None
        return Mentoring(relationship_id, await self.mentor_name_in(relationship_id))

    async def mentor_name_in(self, relationship_id: UUID) -> str:
        """The name of the mentor of this relationship, or '' when it has none."""
        mentor = await self.session.scalar(
            select(Profile)
            .join(RelationshipMember, RelationshipMember.profile_id == Profile.id)
            .where(
                RelationshipMember.relationship_id == relationship_id,
                RelationshipMember.role == MemberRole.MENTOR,
            )
        )
        return mentor.user.name if mentor is not None else ""

    async def mentor_name(self, profile_id: str) -> str:
        """The name of the mentor with this profile id as a form sent it; empty when there is none."""
        try:
            mentor = await self.session.get(Profile, UUID(profile_id))
        except ValueError:
            return ""
        return mentor.user.name if mentor is not None and mentor.is_mentor else ""

    async def program_of(self, proposal: Proposal) -> Program | None:
        """The program a proposal was made in, or None for one over the whole community."""
        if proposal.program_id is None:
            return None
        return await self.session.get(Program, proposal.program_id)

    async def mine(self, user: User, program: str = "") -> list[Proposal]:
        """Published proposals and requests I am in, newest first; in one program when a slug is given."""
        profile_id = await self.profile_id_of(user)
        if profile_id is None:
            return []
        query = (
            select(Proposal)
            .join(ProposalMember, ProposalMember.proposal_id == Proposal.id)
            .where(ProposalMember.profile_id == profile_id)
            .where(Proposal.status.not_in([ProposalStatus.DRAFT, ProposalStatus.REMOVED]))
            .options(selectinload(Proposal.members))
            .order_by(Proposal.created_at.desc())
        )
        if program:
            query = query.join(Program, Program.id == Proposal.program_id).where(Program.slug == program)
        return list((await self.session.execute(query)).scalars())

    async def get(self, user: User, proposal_id: UUID) -> Proposal:
        """A published proposal I am in; a 404 for anyone else, coordinators included."""
        profile_id = await self.profile_id_of(user)
        proposal = (
            await self.session.execute(
                select(Proposal).where(Proposal.id == proposal_id).options(selectinload(Proposal.members))
            )
        ).scalar_one_or_none()
        if (
            proposal is None
            or profile_id is None
            or proposal.status in (ProposalStatus.DRAFT, ProposalStatus.REMOVED)
            or all(member.profile_id != profile_id for member in proposal.members)
        ):
            raise ProposalNotFound(proposal_id)
        return proposal

    async def programs_of(self, proposals: Iterable[Proposal]) -> dict[UUID, Program]:
        """The programs these proposals belong to, by id."""
        ids = {proposal.program_id for proposal in proposals if proposal.program_id is not None}
        if not ids:
            return {}
        rows = await self.session.execute(select(Program).where(Program.id.in_(sorted(ids))))
        return {program.id: program for program in rows.scalars()}

    async def people(self, proposal: Proposal) -> dict[UUID, Profile]:
        """The members' profiles by id."""
        return await self.people_of([proposal])

    async def people_of(self, proposals: Iterable[Proposal]) -> dict[UUID, Profile]:
        """Every member's profile of these proposals by id, read together (a list shows many)."""
        ids = {member.profile_id for proposal in proposals for member in proposal.members}
        found: dict[UUID, Profile] = {}
        for batch in chunked(sorted(ids)):
            rows = await self.session.execute(select(Profile).where(Profile.id.in_(batch)))
            found.update((profile.id, profile) for profile in rows.scalars())
        return found

    async def respond(self, user: User, proposal_id: UUID, accept: bool, reason: str = "") -> Answer:
        """Accept or decline; when everyone needed has accepted, the relationship starts."""
        reason = reason.replace("\x00", "").strip()[:1000]
        proposal = await self.get(user, proposal_id)
        profile = await self.profile_of(user)
        assert profile is not None
        me = proposal.member_of(profile.id)
        assert me is not None  # get() finds only proposals I am in
        # End the read transaction: the answer starts with a write, so SQLite waits for the lock
        # instead of failing on a stale snapshot.
        await self.session.commit()
        return await _retrying(self.session, lambda: self._respond(user, proposal_id, me.id, accept, reason))

    async def _respond(
        self, user: User, proposal_id: UUID, member_id: UUID, accept: bool, reason: str
    ) -> Answer:
        await _lock_members(self.session, [proposal_id])
        now = datetime.now(UTC)
        answered = await self.session.execute(
            update(ProposalMember)
            .where(ProposalMember.id == member_id, ProposalMember.response == Response.PENDING)
            .where(exists().where(Proposal.id == proposal_id, Proposal.takes_answers))
            .values(
                response=Response.ACCEPTED if accept else Response.DECLINED, responded_at=now, reason=reason
            )
        )
        if answered.rowcount != 1:  # type: ignore[attr-defined]
            await self.session.rollback()
            raise ProposalConflict(_("This proposal is no longer open for your answer."))
        proposal = (
            await self.session.execute(
                select(Proposal)
                .where(Proposal.id == proposal_id)
                .options(selectinload(Proposal.members))
                .execution_options(populate_existing=True)
            )
        ).scalar_one()
        people = await self.people(proposal)
        record(
            self.session,
            "proposal.accepted" if accept else "proposal.declined",
            "proposal",
            proposal.id,
            user.id,
            kind=proposal.kind.value,
            source=proposal.source.value,
            **({"reason": reason} if reason else {}),
        )
        others = [
            people[m.profile_id].user_id for m in proposal.members if people[m.profile_id].user_id != user.id
        ]
        try:
            relationship_id = await (
                self._accepted(proposal, people, user) if accept else self._declined(proposal, people, user)
            )
        except ProposalConflict:
            await self.session.rollback()
            raise
        except IntegrityError as exc:
            await self.session.rollback()
            raise ProposalConflict(
                _("Someone in it is already in an active relationship of this kind.")
            ) from exc
        if not accept:
            for other in others:
                notify(
                    self.session,
                    other,
                    "declined",
                    _("{name} declined a proposal you were in.").format(name=user.name),
                    f"/proposals/{proposal.id}",
                )
        await self.session.commit()
        await suggestions_stale(self.session, None, relationships=[relationship_id])
        return Answer(proposal, relationship_id)

    async def _declined(self, proposal: Proposal, people: dict[UUID, Profile], user: User) -> None:
        mentor = proposal.mentor()
        if proposal.kind is Kind.GROUP and proposal.status is ProposalStatus.ACCEPTED:
            return
        if proposal.kind is Kind.GROUP and mentor is not None and mentor.response is not Response.DECLINED:
            # A group goes on without one mentee, while enough could still say yes.
            possible = sum(
                1
                for m in proposal.members
                if m.role is MemberRole.MENTEE and m.response is not Response.DECLINED
            )
            if possible >= await group_minimum(self.session, proposal):
                return
        await self._close(proposal, ProposalStatus.DECLINED)

    async def _close(self, proposal: Proposal, status: ProposalStatus) -> None:
        closed = await self.session.execute(
            update(Proposal)
            .where(Proposal.id == proposal.id, Proposal.status == ProposalStatus.OPEN)
            .values(status=status, decided_at=datetime.now(UTC))
        )
        if closed.rowcount == 1 and proposal.source is ProposalSource.REQUEST:  # type: ignore[attr-defined]
            await self._release_request(proposal)

    async def _release_request(self, proposal: Proposal) -> None:
        mentee = next(m for m in proposal.members if m.role is MemberRole.MENTEE)
        await self.session.execute(
            update(Profile)
            .where(Profile.id == mentee.profile_id, Profile.pending_requests > 0)
            .values(pending_requests=Profile.pending_requests - 1)
        )

    async def _accepted(self, proposal: Proposal, people: dict[UUID, Profile], user: User) -> UUID | None:
        mentor = proposal.mentor()
        seekers = [m for m in proposal.members if m.role is not MemberRole.MENTOR]
        if proposal.kind is Kind.GROUP:
            if mentor is None or mentor.response is not Response.ACCEPTED:
                return None
            accepted = [m for m in seekers if m.response is Response.ACCEPTED]
            if proposal.status is ProposalStatus.ACCEPTED:
                return await self._join_group(proposal, people, user)
            if len(accepted) < await group_minimum(self.session, proposal):
                return None
        elif any(m.response is not Response.ACCEPTED for m in proposal.members):
            return None
        return await self._start(proposal, people)

    async def _start(self, proposal: Proposal, people: dict[UUID, Profile]) -> UUID:
        """Open the relationship: claim the proposal, the mentor's place and everyone's slot, atomically."""
        claimed = await self.session.execute(
            update(Proposal)
            .where(Proposal.id == proposal.id, Proposal.status == ProposalStatus.OPEN)
            .values(status=ProposalStatus.ACCEPTED, decided_at=datetime.now(UTC))
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise ProposalConflict(_("This proposal was settled a moment ago."))
        mentor = proposal.mentor()
        if mentor is not None and proposal.kind is Kind.TRADITIONAL:
            placed = await self.session.execute(
                update(Profile)
                .where(Profile.id == mentor.profile_id, Profile.mentee_load < Profile.capacity)
                .values(mentee_load=Profile.mentee_load + 1)
            )
            if placed.rowcount != 1:  # type: ignore[attr-defined]
                raise ProposalConflict(
                    _("{name} has no free mentoring place left.").format(
                        name=people[mentor.profile_id].user.name
                    )
                )
        cadence = await self._cadence(proposal, people)
        joining = [m for m in proposal.members if m.response is Response.ACCEPTED]
        relationship = await open_relationship(
            self.session,
            proposal.kind,
            proposal.id,
            [(m.profile_id, m.role) for m in joining],
            cadence,
            proposal.program_id,
        )
        if proposal.source is ProposalSource.REQUEST:
            await self._release_request(proposal)
        for member in joining:
            if member.role is not MemberRole.MENTOR:
                await self._withdraw_others(member.profile_id, proposal)
        record(
            self.session,
            "relationship.started",
            "relationship",
            relationship.id,
            None,
            proposal_id=proposal.id,
        )
        for member in joining:
            notify(
                self.session,
                people[member.profile_id].user_id,
                "accepted",
                _("Everyone accepted: your {kind} mentoring relationship has started.").format(
                    kind=_(proposal.kind.value)
                ),
                f"/relationships/{relationship.id}",
            )
        return relationship.id

    async def _cadence(self, proposal: Proposal, people: dict[UUID, Profile]) -> int:
        """Check-ins as often as the most frequent anyone chose; else the program's default."""
        chosen = [p.checkin_cadence_days for p in people.values()]
        chosen = [days for days in chosen if days != PROFILE_CADENCE]
        program = await self.program_of(proposal)
        if chosen or program is None:
            return min(chosen, default=PROFILE_CADENCE)
        return program.checkin_cadence_days

    async def _join_group(self, proposal: Proposal, people: dict[UUID, Profile], user: User) -> UUID | None:
        relationship = (
            await self.session.execute(select(Relationship).where(Relationship.proposal_id == proposal.id))
        ).scalar_one_or_none()
        if relationship is None:
            return None
        profile_id = next(pid for pid, p in people.items() if p.user_id == user.id)
        self.session.add(
            RelationshipMember(relationship_id=relationship.id, profile_id=profile_id, role=MemberRole.MENTEE)
        )
        self.session.add(
            ActiveSlot(
                profile_id=profile_id,
                kind=Kind.GROUP,
                role=MemberRole.MENTEE,
                relationship_id=relationship.id,
                scope=slot_scope(relationship.program_id),
            )
        )
        await self.session.flush()
        await self._withdraw_others(profile_id, proposal)
        record(self.session, "relationship.joined", "relationship", relationship.id, user.id)
        return relationship.id

    async def _withdraw_others(self, profile_id: UUID, started: Proposal) -> None:
        """Someone now matched for a kind leaves their other open proposals and requests of that kind."""
        others = (
            await self.session.execute(
                select(Proposal)
                .join(ProposalMember, ProposalMember.proposal_id == Proposal.id)
                .where(
                    ProposalMember.profile_id == profile_id,
                    ProposalMember.role != MemberRole.MENTOR,
                    Proposal.kind == started.kind,
                    Proposal.status == ProposalStatus.OPEN,
                    Proposal.id != started.id,
                    # One relationship of a kind per program: a request in another program stays open.
                    Proposal.program_id.is_(None)
                    if started.program_id is None
                    else Proposal.program_id == started.program_id,
                )
                .options(selectinload(Proposal.members))
            )
        ).scalars()
        for other in list(others):
            await self._close(other, ProposalStatus.WITHDRAWN)
            record(self.session, "proposal.withdrawn", "proposal", other.id, None, because=started.id)
            people = await self.people(other)
            for member in other.members:
                if member.profile_id != profile_id:
                    notify(
                        self.session,
                        people[member.profile_id].user_id,
                        "declined",
                        _("A proposal or request you were in was withdrawn: the other person is matched."),
                        f"/proposals/{other.id}",
                    )

    async def request(
        self,
        user: User,
        mentor_profile_id: UUID,
        message: str,
        limit: int,
        expiry_days: int,
        load_threshold: float = DEFAULT_THRESHOLD,
        program: str = "",
    ) -> Proposal:
        """A mentee asks a mentor directly, in a program both are in; at most ``limit`` wait at once."""
        message = clean_message(message)
        mentee = await self.profile_of(user)
        if mentee is None or not mentee.is_mentee:
            raise ProposalConflict(_("Complete your profile as a mentee before asking a mentor."))
        if mentee.id == mentor_profile_id:
            raise ProposalConflict(_("You cannot ask yourself."))
        mentor = await self.session.get(Profile, mentor_profile_id)
        if mentor is None or not mentor.is_mentor:
            raise ProposalNotFound(mentor_profile_id, detail="No mentor with that profile id.")
        mentee_id = mentee.id
        program_id = await self.request_program(mentee_id, mentor, program)
        await self.session.commit()
        return await _retrying(
            self.session,
            lambda: self._request(
                user, mentee_id, mentor_profile_id, message, limit, expiry_days, load_threshold, program_id
            ),
        )

    async def request_program(self, mentee_id: UUID, mentor: Profile, slug: str) -> UUID | None:
        """The program a request is made in: the one chosen, or the only one both people share.

        Outside programs (neither person is in one) a request is community-wide, as before programs.
        """
        shared = await shared_programs(self.session, mentee_id, mentor.id)
        if slug:
            chosen = next((p for p in shared if p.slug == slug), None)
            if chosen is None:
                raise RequestInvalid({"program": _("Choose one of the programs you share with this mentor.")})
            return chosen.id
        if len(shared) == 1:
            return shared[0].id
        if shared:
            raise RequestInvalid({"program": _("Choose the program this request is for.")})
        if await in_any_program(self.session, [mentee_id, mentor.id]):
            raise ProposalConflict(
                _(
                    "You and {name} are not in a program together (you as a mentee, they as a mentor), "
                    "so you cannot ask them. Join one of their programs first."
                ).format(name=mentor.user.name)
            )
        return None

    async def _request(
        self,
        user: User,
        mentee_id: UUID,
        mentor_id: UUID,
        message: str,
        limit: int,
        expiry_days: int,
        load_threshold: float = DEFAULT_THRESHOLD,
        program_id: UUID | None = None,
    ) -> Proposal:
        await lock_in_order(self.session, Profile, [mentee_id, mentor_id])
        counted = await self.session.execute(
            update(Profile)
            .where(Profile.id == mentee_id, Profile.pending_requests < limit)
            .values(pending_requests=Profile.pending_requests + 1)
        )
        if counted.rowcount != 1:  # type: ignore[attr-defined]
            await self.session.rollback()
            raise ProposalConflict(
                _("You already have {limit} requests waiting for an answer. Withdraw one first.").format(
                    limit=limit
                )
            )
        slot = await mentoring_of(self.session, mentee_id, slot_scope(program_id))
        parted = (await parted_pairs(self.session, {mentee_id, mentor_id})).get(
            frozenset((mentee_id, mentor_id))
        )
        duplicate = await self.session.scalar(
            select(func.count())
            .select_from(Proposal)
            .join(ProposalMember, ProposalMember.proposal_id == Proposal.id)
            .where(
                Proposal.status == ProposalStatus.OPEN,
                Proposal.kind == Kind.TRADITIONAL,
                ProposalMember.profile_id == mentor_id,
                Proposal.id.in_(
                    select(ProposalMember.proposal_id).where(ProposalMember.profile_id == mentee_id)
                ),
            )
        )
        mentor = await self.session.get(Profile, mentor_id)
        assert mentor is not None
        problem = None
        if parted is not None:
            problem = _parted_problem(parted, mentor.user.name)
        elif slot:
            problem = _("You already have an active mentor in this program.")
        elif duplicate:
            problem = _("You already have an open request or proposal with this mentor.")
        elif mentor.mentee_load >= mentor.capacity:
            problem = _("{name} has no free mentoring place right now.").format(name=mentor.user.name)
        elif mentor.is_away(datetime.now(UTC).date()):
            problem = _("{name} is away at the moment.").format(name=mentor.user.name)
        elif (load := await load_of(self.session, mentor_id)) is not None and load.over(load_threshold):
            # Burnout protection: an overloaded mentor takes no new requests until the load drops.
            problem = _(
                "{name} has a full plate right now and takes no new requests. Try another mentor."
            ).format(name=mentor.user.name)
        if problem:
            await self.session.rollback()
            raise ProposalConflict(problem)
        proposal = Proposal(
            source=ProposalSource.REQUEST,
            kind=Kind.TRADITIONAL,
            status=ProposalStatus.OPEN,
            message=message,
            program_id=program_id,
            expires_at=datetime.now(UTC) + timedelta(days=expiry_days),
        )
        proposal.members = [
            ProposalMember(profile_id=mentor_id, role=MemberRole.MENTOR),
            ProposalMember(
                profile_id=mentee_id,
                role=MemberRole.MENTEE,
                response=Response.ACCEPTED,
                responded_at=datetime.now(UTC),
            ),
        ]
        self.session.add(proposal)
        await self.session.flush()
        record(
            self.session,
            "request.sent",
            "proposal",
            proposal.id,
            user.id,
            mentor=mentor_id,
            **({"program": program_id} if program_id else {}),
        )
        notify(
            self.session,
            mentor.user_id,
            "request",
            _("{name} asks you to be their mentor.").format(name=user.name),
            f"/proposals/{proposal.id}",
        )
        await self.session.commit()
        return proposal

    async def withdraw(self, user: User, proposal_id: UUID) -> Proposal:
        """A mentee takes back their own pending request."""
        proposal = await self.get(user, proposal_id)
        profile = await self.profile_of(user)
        assert profile is not None
        if not proposal.asked_by(profile.id):
            raise ProposalConflict(_("Only the person who sent a request can withdraw it."))
        if not proposal.can_withdraw(profile.id):
            raise ProposalConflict(_("This request is no longer open."))
        await self.session.commit()
        return await _retrying(self.session, lambda: self._withdraw(user, proposal))

    async def _withdraw(self, user: User, proposal: Proposal) -> Proposal:
        await _lock_members(self.session, [proposal.id])
        await self._close(proposal, ProposalStatus.WITHDRAWN)
        record(self.session, "request.withdrawn", "proposal", proposal.id, user.id)
        await self.session.commit()
        return proposal


async def mentoring_of(session: AsyncSession, mentee_id: UUID, scope: str | None = None) -> UUID | None:
    """Where this person has their mentor now: in one program's ``scope``, or (None) in any."""
    query = select(ActiveSlot.relationship_id).where(
        ActiveSlot.profile_id == mentee_id,
        ActiveSlot.kind == Kind.TRADITIONAL,
        ActiveSlot.role == MemberRole.MENTEE,
    )
    if scope is not None:
        query = query.where(ActiveSlot.scope == scope)
    return await session.scalar(query.limit(1))


def _parted_problem(parted: Parting, name: str) -> str:
    """Why a mentee may not ask this mentor, the way rounds never propose them again."""
    if parted is Parting.TOGETHER:
        return _("You and {name} are already in a mentoring relationship.").format(name=name)
    if parted is Parting.BEFORE:
        return _(
            "You and {name} were in a mentoring relationship before, and people are not paired twice. "
            "Ask another mentor."
        ).format(name=name)
    return _("A pairing of you and {name} was declined, so it is not made again. Ask another mentor.").format(
        name=name
    )


async def group_minimum(session: AsyncSession, proposal: Proposal) -> int:
    """The smallest group the proposal's round allowed; outside a round 3, or all of a smaller group."""
    if proposal.round_id is None:
        # A coordinator may group two mentees by hand: that group starts once both have said yes.
        return min(3, sum(1 for m in proposal.members if m.role is MemberRole.MENTEE))
    options = await session.scalar(select(Round.options).where(Round.id == proposal.round_id))
    return int((options or {}).get("group_min", 3))


async def expire_and_remind(
    session: AsyncSession, remind_before: timedelta, now: datetime | None = None
) -> dict[str, int]:
    """Expire proposals past their date and remind people whose answer is still due (a periodic job)."""
    now = now or datetime.now(UTC)
    due = (
        await session.execute(
            select(Proposal)
            .where(
                Proposal.is_overdue(now),
            )
            .options(selectinload(Proposal.members))
        )
    ).scalars()
    expired = reminded = 0
    service = ProposalService(session)
    overdue = list(due)
    await _lock_members(session, [proposal.id for proposal in overdue])
    for proposal in overdue:
        await service._close(proposal, ProposalStatus.EXPIRED)
        record(session, "proposal.expired", "proposal", proposal.id, None)
        expired += 1
    soon = (
        await session.execute(
            select(Proposal)
            .where(
                Proposal.reminded_at.is_(None),
                Proposal.is_overdue(now + remind_before),
            )
            .options(selectinload(Proposal.members))
        )
    ).scalars()
    for proposal in list(soon):
        proposal.reminded_at = now
        people = await service.people(proposal)
        for member in proposal.members:
            if member.response is Response.PENDING:
                notify(
                    session,
                    people[member.profile_id].user_id,
                    "reminder",
                    _("A proposal is waiting for your answer until {day}.").format(
                        day=proposal.expires_at.date().isoformat() if proposal.expires_at else ""
                    ),
                    f"/proposals/{proposal.id}",
                )
                reminded += 1
        record(session, "proposal.reminded", "proposal", proposal.id, None)
    await session.commit()
    return {"expired": expired, "reminded": reminded}


__all__ = [
    "Answer",
    "ProposalConflict",
    "ProposalNotFound",
    "ProposalService",
    "expire_and_remind",
    "mentoring_of",
]
