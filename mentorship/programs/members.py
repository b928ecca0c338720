"""Who is in a program: joining and leaving, approvals, invitations, and the program's coordinators."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError

from mentorship.engine.stale import suggestions_stale
from mentorship.events.describe import N_, describe_as
from mentorship.events.services import record
from mentorship.lib.figures import kept
from mentorship.lib.i18n import _
from mentorship.models import (
    JoinPolicy,
    MembershipStatus,
    Profile,
    Program,
    ProgramCoordinator,
    ProgramMembership,
    User,
)
from mentorship.programs.forms import JoinIn, ProgramInvalid
from mentorship.programs.services import (
    ProgramConflict,
    ProgramForbidden,
    ProgramNotFound,
    ProgramRow,
    ProgramService,
)

for _type, _line in {
    "program.joined": N_("{actor} joined the program “{name}”"),
    "program.asked": N_("{actor} asked to join the program “{name}”"),
    "program.left": N_("{actor} left the program “{name}”"),
    "program.approved": N_("{actor} let {person} into the program “{name}”"),
    "program.declined": N_("{actor} declined {person}'s request to join “{name}”"),
    "program.invited": N_("{actor} invited {person} to the program “{name}”"),
    "program.coordinator_added": N_("{actor} made {email} a coordinator of “{name}”"),
    "program.coordinator_removed": N_("{actor} removed {email} as a coordinator of “{name}”"),
}.items():
    describe_as(_type, _line)


MEMBERS_PER_PAGE = 100
WAITING_SHOWN = 50  # requests to join listed at once; the heading counts them all


@dataclass(frozen=True)
class MemberRow:
    """A member as the program's page lists them: only what the table shows."""

    id: UUID
    profile_id: UUID
    name: str
    is_mentor: bool
    is_mentee: bool
    status: MembershipStatus
    joined_at: datetime | None


@dataclass(frozen=True)
class MemberPage:
    """The first requests to join, and one page of the program's members, by name."""

    waiting: list[MemberRow] = field(default_factory=list)
    waiting_total: int = 0
    current: list[MemberRow] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = MEMBERS_PER_PAGE

    @property
    def pages(self) -> int:
        """How many pages the members fill (at least one)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def profile_ids(self) -> list[UUID]:
        """Everyone listed, waiting or in."""
        return [m.profile_id for m in (*self.waiting, *self.current)]


@dataclass(frozen=True)
class ProgramPage:
    """What a program's page shows one person: members and requests only to those who manage it."""

    row: ProgramRow
    members: MemberPage
    coordinators: list[User]
    template: str  # the default agenda's title, or ''
    # Enrolment questions (mentorship.programs.questions): the form, the reader's own answers, and
    # every member's (to those who manage the program only).
    questions: list[Any] = field(default_factory=list)
    my_answers: dict[UUID, Any] = field(default_factory=dict)
    answers: dict[UUID, dict[UUID, Any]] = field(default_factory=dict)


class MembershipService(ProgramService):
    """Places in programs: what participants do for themselves, and what coordinators decide."""

    async def page(self, slug: str, user: User, page: int = 1) -> ProgramPage:
        """A program's page for this person, with a page of its members to those who manage it."""
        row = await self.row(slug, user)
        members = await self.member_page(row.program, page) if row.manages else MemberPage()
        coordinators = await self.coordinators(row.program)
        return ProgramPage(row, members, coordinators, await self.template_title(row.program))

    async def join(self, slug: str, user: User, roles: JoinIn) -> ProgramMembership:
        """Join (open), ask to join (approval) or accept an invitation, with roles from one's profile."""
        row = await self.row(slug, user)
        program, mine = row.program, row.mine
        if mine is not None and mine.status is MembershipStatus.ACTIVE:
            raise ProgramConflict(_("You are already in this program."))
        if mine is not None and mine.status is MembershipStatus.PENDING:
            raise ProgramConflict(_("Your request to join is waiting for a coordinator."))
        if not program.enrolment_open(datetime.now(UTC)):
            raise ProgramConflict(_("This program is not taking new members now."))
        invited = mine is not None and mine.status is MembershipStatus.INVITED
        if program.join_policy is JoinPolicy.INVITATION and not invited:
            raise ProgramForbidden(_("This program is by invitation only."))
        profile = await self._profile(user)
        as_mentor, as_mentee = self._roles(profile, roles)
        membership = mine or ProgramMembership(program=program, profile=profile)
        membership.is_mentor, membership.is_mentee = as_mentor, as_mentee
        if program.join_policy is JoinPolicy.APPROVAL and not invited:
            membership.status, event = MembershipStatus.PENDING, "program.asked"
        else:
            membership.status, event = MembershipStatus.ACTIVE, "program.joined"
            membership.joined_at = datetime.now(UTC)
        self.session.add(membership)
        await self._save(membership, event, user.id, program)
        return membership

    async def leave(self, slug: str, user: User) -> ProgramMembership:
        """Leave a program, or withdraw a request to join it."""
        row = await self.row(slug, user)
        if row.mine is None or row.mine.status is MembershipStatus.LEFT:
            raise ProgramConflict(_("You are not in this program."))
        row.mine.status = MembershipStatus.LEFT
        await self._save(row.mine, "program.left", user.id, row.program)
        return row.mine

    async def members(
        self, slug: str, by: User, page: int = 1, per_page: int = MEMBERS_PER_PAGE
    ) -> tuple[list[ProgramMembership], int]:
        """A page of everyone with a place in the program, waiting ones first, and how many there are.

        For the program's coordinators and administrators.
        """
        program = await self.managed(slug, by)
        placed = (ProgramMembership.program_id == program.id) & (
            ProgramMembership.status != MembershipStatus.LEFT
        )
        total = int(await self.session.scalar(select(func.count()).where(placed)) or 0)
        query = (
            select(ProgramMembership)
            .join(Profile, Profile.id == ProgramMembership.profile_id)
            .join(User, User.id == Profile.user_id)
            .where(placed)
            .order_by(
                ProgramMembership.status != MembershipStatus.PENDING,
                func.lower(User.name),
                ProgramMembership.id,
            )
            .offset((max(page, 1) - 1) * per_page)
            .limit(per_page)
        )
        return list((await self.session.execute(query)).unique().scalars()), total

    async def member_page(self, program: Program, page: int = 1) -> MemberPage:
        """The first requests to join and one page of members: two kept counts and two bounded reads."""
        in_program = ProgramMembership.program_id == program.id
        waiting = ProgramMembership.status == MembershipStatus.PENDING
        current = ProgramMembership.status.in_((MembershipStatus.ACTIVE, MembershipStatus.INVITED))

        async def count() -> tuple[int, int]:
            found = (
                await self.session.execute(
                    select(func.count().filter(waiting), func.count().filter(current)).where(in_program)
                )
            ).one()
            return int(found[0]), int(found[1])

        # Kept until a membership changes: two counts over 88,000 rows took 50 ms at 100k.
        waiting_total, total = await kept(
            self.figures, self.session, f"program-member-page:{program.id}", tuple[int, int], count
        )
        page = min(max(page, 1), MemberPage(total=total).pages)
        first = (page - 1) * MEMBERS_PER_PAGE
        return MemberPage(
            waiting=await self._member_rows(in_program & waiting, 0, WAITING_SHOWN) if waiting_total else [],
            waiting_total=waiting_total,
            current=await self._member_rows(in_program & current, first, MEMBERS_PER_PAGE) if total else [],
            total=total,
            page=page,
        )

    async def _member_rows(self, where: ColumnElement[bool], offset: int, limit: int) -> list[MemberRow]:
        rows = await self.session.execute(
            select(
                ProgramMembership.id,
                ProgramMembership.profile_id,
                User.name,
                ProgramMembership.is_mentor,
                ProgramMembership.is_mentee,
                ProgramMembership.status,
                ProgramMembership.joined_at,
            )
            .join(Profile, Profile.id == ProgramMembership.profile_id)
            .join(User, User.id == Profile.user_id)
            .where(where)
            # By name, then the person: the order the name index holds (one membership per person).
            .order_by(func.lower(User.name), User.id)
            .offset(offset)
            .limit(limit)
        )
        return [MemberRow(*row) for row in rows.all()]

    async def decide(self, slug: str, membership_id: UUID, approve: bool, by: User) -> ProgramMembership:
        """Let a person who asked into the program, or decline their request."""
        program = await self.managed(slug, by)
        membership = await self.session.get(ProgramMembership, membership_id)
        if membership is None or membership.program_id != program.id:
            raise ProgramNotFound(membership_id)
        if membership.status is not MembershipStatus.PENDING:
            raise ProgramConflict(_("This request has already been answered."))
        if approve:
            membership.status, membership.joined_at = MembershipStatus.ACTIVE, datetime.now(UTC)
        else:
            membership.status = MembershipStatus.LEFT
        event = "program.approved" if approve else "program.declined"
        await self._save(membership, event, by.id, program, person=membership.profile_id)
        return membership

    async def invite(self, slug: str, email: str, by: User) -> ProgramMembership:
        """Invite someone with a profile; they join when they accept (any join policy)."""
        program = await self.managed(slug, by)
        profile = (
            await self.session.execute(select(Profile).join(User).where(func.lower(User.email) == email))
        ).scalar_one_or_none()
        if profile is None:
            raise ProgramInvalid({"email": _("Nobody with a profile has this email address.")})
        query = select(ProgramMembership).where(
            ProgramMembership.program_id == program.id, ProgramMembership.profile_id == profile.id
        )
        membership = (await self.session.execute(query)).scalar_one_or_none()
        if membership is not None and membership.status is MembershipStatus.ACTIVE:
            raise ProgramConflict(_("They are already in this program."))
        membership = membership or ProgramMembership(program=program, profile=profile)
        membership.status = MembershipStatus.INVITED
        membership.is_mentor, membership.is_mentee = profile.is_mentor, profile.is_mentee
        self.session.add(membership)
        await self._save(membership, "program.invited", by.id, program, person=profile.id)
        return membership

    async def coordinators(self, program: Program) -> list[User]:
        """The people who coordinate this program, by name."""
        query = (
            select(User)
            .join(ProgramCoordinator, ProgramCoordinator.user_id == User.id)
            .where(ProgramCoordinator.program_id == program.id)
            .order_by(func.lower(User.name))
        )
        return list((await self.session.execute(query)).scalars())

    async def add_coordinator(self, slug: str, email: str, by: User) -> User:
        """Make someone a coordinator of this program (administrators)."""
        self._administrator(by)
        program = await self.program(slug)
        user = (
            await self.session.execute(select(User).where(func.lower(User.email) == email))
        ).scalar_one_or_none()
        if user is None:
            raise ProgramInvalid({"email": _("Nobody has an account with this email address.")})
        if user in await self.coordinators(program):
            raise ProgramConflict(_("They already coordinate this program."))
        self.session.add(ProgramCoordinator(program_id=program.id, user_id=user.id))
        record(
            self.session,
            "program.coordinator_added",
            "program",
            program.id,
            by.id,
            name=program.name,
            email=email,
        )
        try:
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise ProgramConflict(_("They already coordinate this program.")) from exc
        return user

    async def remove_coordinator(self, slug: str, user_id: UUID, by: User) -> None:
        """Take away someone's coordination of this program (administrators)."""
        self._administrator(by)
        program = await self.program(slug)
        query = select(ProgramCoordinator).where(
            ProgramCoordinator.program_id == program.id, ProgramCoordinator.user_id == user_id
        )
        link = (await self.session.execute(query)).scalar_one_or_none()
        if link is None:
            raise ProgramNotFound(user_id)
        email = link.user.email
        await self.session.delete(link)
        record(
            self.session,
            "program.coordinator_removed",
            "program",
            program.id,
            by.id,
            name=program.name,
            email=email,
        )
        await self.session.commit()

    async def _profile(self, user: User) -> Profile:
        profile = (
            await self.session.execute(select(Profile).where(Profile.user_id == user.id))
        ).scalar_one_or_none()
        if profile is None or not (profile.is_mentor or profile.is_mentee):
            raise ProgramConflict(_("Say on your profile whether you mentor, want a mentor, or both, first."))
        return profile

    @staticmethod
    def _roles(profile: Profile, roles: JoinIn) -> tuple[bool, bool]:
        """The roles asked for, each one the profile has; both of the profile's when none is asked."""
        if not (roles.as_mentor or roles.as_mentee):
            return profile.is_mentor, profile.is_mentee
        if (roles.as_mentor and not profile.is_mentor) or (roles.as_mentee and not profile.is_mentee):
            raise ProgramInvalid({"roles": _("Choose roles you have on your profile.")})
        return roles.as_mentor, roles.as_mentee

    async def _save(
        self, membership: ProgramMembership, event: str, actor: UUID, program: Program, **data: object
    ) -> None:
        name = program.name
        try:
            await self.session.flush()
            record(self.session, event, "program", program.id, actor, name=name, **data)
            await self.session.commit()
        except IntegrityError as exc:
            # The same person's second tab joined a moment before: one place, and this one is told.
            await self.session.rollback()
            raise ProgramConflict(_("You are already in this program.")) from exc
        await suggestions_stale(self.session, None, programs=[program.id])
