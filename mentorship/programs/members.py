"""Who is in a program: joining and leaving, approvals, invitations, and the program's coordinators."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from mentorship.engine.stale import suggestions_stale
from mentorship.events.describe import N_, describe_as
from mentorship.events.services import record
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


@dataclass(frozen=True)
class ProgramPage:
    """What a program's page shows one person: members and requests only to those who manage it."""

    row: ProgramRow
    members: list[ProgramMembership]
    coordinators: list[User]
    template: str  # the default agenda's title, or ''
    # Enrolment questions (mentorship.programs.questions): the form, the reader's own answers, and
    # every member's (to those who manage the program only).
    questions: list[Any] = field(default_factory=list)
    my_answers: dict[UUID, Any] = field(default_factory=dict)
    answers: dict[UUID, dict[UUID, Any]] = field(default_factory=dict)


class MembershipService(ProgramService):
    """Places in programs: what participants do for themselves, and what coordinators decide."""

    async def page(self, slug: str, user: User) -> ProgramPage:
        """A program's page for this person."""
        row = await self.row(slug, user)
        members = await self.members(slug, user) if row.manages else []
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

    async def members(self, slug: str, by: User) -> list[ProgramMembership]:
        """Everyone with a place in the program, waiting ones first (its coordinators and administrators)."""
        program = await self.managed(slug, by)
        query = (
            select(ProgramMembership)
            .join(Profile, Profile.id == ProgramMembership.profile_id)
            .join(User, User.id == Profile.user_id)
            .where(
                ProgramMembership.program_id == program.id, ProgramMembership.status != MembershipStatus.LEFT
            )
            .order_by(ProgramMembership.status != MembershipStatus.PENDING, func.lower(User.name))
        )
        return list((await self.session.execute(query)).scalars())

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
