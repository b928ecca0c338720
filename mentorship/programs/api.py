"""JSON API for programs: everyone signed in lists and joins them; coordinators manage theirs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter

from mentorship.accounts.auth import COORDINATOR, SIGNED_IN, coordinator, signed_in
from mentorship.models import ProgramMembership, User
from mentorship.programs.deps import provide_programs
from mentorship.programs.forms import JoinIn, PersonIn, ProgramIn
from mentorship.programs.members import MembershipService
from mentorship.programs.services import ProgramRow, enrolment_days


class ProgramOut(msgspec.Struct):
    """A program as the asking person sees it."""

    id: UUID
    slug: str
    name: str
    description: str
    kinds: list[str]
    join_policy: str
    opens_on: date | None
    closes_on: date | None
    starts_on: date | None
    ends_on: date | None
    checkin_cadence_days: int
    agenda_template_id: UUID | None
    archived: bool
    members: int
    # The asker's own place: active, invited, pending, left, or null when never asked.
    my_status: str | None
    my_roles: list[str]
    can_join: bool
    manages: bool


class MembershipOut(msgspec.Struct):
    """A person's place in a program."""

    id: UUID
    program: str  # the program's slug
    profile_id: UUID
    name: str
    status: str
    roles: list[str]
    joined_at: datetime | None


class MemberPageOut(msgspec.Struct):
    """One page of a program's members, waiting ones first, then by name."""

    items: list[MembershipOut]
    total: int
    page: int
    pages: int


class CoordinatorOut(msgspec.Struct):
    """A coordinator of a program."""

    user_id: UUID
    name: str
    email: str  # empty unless the asker manages the program


class ArchiveIn(msgspec.Struct, forbid_unknown_fields=True):
    """Archive a program, or bring it back."""

    archived: bool


def roles(membership: ProgramMembership) -> list[str]:
    """The roles a member takes, as words of the API."""
    return [role for role, has in (("mentor", membership.is_mentor), ("mentee", membership.is_mentee)) if has]


def program_out(row: ProgramRow) -> ProgramOut:
    program = row.program
    opens_on, closes_on = enrolment_days(program)
    return ProgramOut(
        id=program.id,
        slug=program.slug,
        name=program.name,
        description=program.description,
        kinds=list(program.kinds),
        join_policy=program.join_policy.value,
        opens_on=opens_on,
        closes_on=closes_on,
        starts_on=program.starts_on,
        ends_on=program.ends_on,
        checkin_cadence_days=program.checkin_cadence_days,
        agenda_template_id=program.agenda_template_id,
        archived=program.archived,
        members=row.members,
        my_status=row.status.value if row.status else None,
        my_roles=roles(row.mine) if row.mine else [],
        can_join=row.joinable,
        manages=row.manages,
    )


def membership_out(membership: ProgramMembership) -> MembershipOut:
    return MembershipOut(
        id=membership.id,
        program=membership.program.slug,
        profile_id=membership.profile_id,
        name=membership.profile.user.name,
        status=membership.status.value,
        roles=roles(membership),
        joined_at=membership.joined_at,
    )


class ProgramApiController(Controller):
    """Programs as JSON."""

    path = "/api/v1/programs"
    tags = ["programs"]
    dependencies = {"programs": Provide(provide_programs)}

    @get("/", name="api:programs", guards=[signed_in], opt=SIGNED_IN)
    async def list_programs(
        self, programs: NamedDependency[MembershipService], me: NamedDependency[User]
    ) -> list[ProgramOut]:
        """Programs you may see: open ones for everyone, archived ones too for administrators."""
        return [program_out(row) for row in await programs.rows(me, include_archived=True)]

    @post("/", name="api:programs:create", guards=[coordinator], opt=COORDINATOR, status_code=201)
    async def create(
        self,
        data: JSONBody[ProgramIn],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> ProgramOut:
        """Add a program (administrators); 409 when the name is taken."""
        program = await programs.create(data.checked(), me)
        return program_out(await programs.row(program.slug, me))

    @get("/{slug:str}", name="api:programs:detail", guards=[signed_in], opt=SIGNED_IN)
    async def detail(
        self, slug: FromPath[str], programs: NamedDependency[MembershipService], me: NamedDependency[User]
    ) -> ProgramOut:
        """One program."""
        return program_out(await programs.row(slug, me))

    @patch("/{slug:str}", name="api:programs:update", guards=[coordinator], opt=COORDINATOR)
    async def update(
        self,
        slug: FromPath[str],
        data: JSONBody[ProgramIn],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> ProgramOut:
        """Change a program's settings (administrators); its address stays."""
        await programs.update(slug, data.checked(), me)
        return program_out(await programs.row(slug, me))

    @post(
        "/{slug:str}/state", name="api:programs:state", guards=[coordinator], opt=COORDINATOR, status_code=200
    )
    async def set_state(
        self,
        slug: FromPath[str],
        data: JSONBody[ArchiveIn],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> ProgramOut:
        """Archive a program or bring it back (administrators)."""
        await programs.set_archived(slug, data.archived, me)
        return program_out(await programs.row(slug, me))

    @post("/{slug:str}/join", name="api:programs:join", guards=[signed_in], opt=SIGNED_IN, status_code=200)
    async def join(
        self,
        slug: FromPath[str],
        data: JSONBody[JoinIn],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> MembershipOut:
        """Join, ask to join, or accept an invitation; no roles means those on your profile."""
        return membership_out(await programs.join(slug, me, data))

    @post("/{slug:str}/leave", name="api:programs:leave", guards=[signed_in], opt=SIGNED_IN, status_code=200)
    async def leave(
        self, slug: FromPath[str], programs: NamedDependency[MembershipService], me: NamedDependency[User]
    ) -> MembershipOut:
        """Leave a program, or withdraw your request to join."""
        return membership_out(await programs.leave(slug, me))

    @get("/{slug:str}/members", name="api:programs:members", guards=[signed_in], opt=SIGNED_IN)
    async def members(
        self,
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        per_page: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    ) -> MemberPageOut:
        """Everyone in the program or waiting to be, a page at a time (its coordinators, administrators)."""
        found, total = await programs.members(slug, me, page, per_page)
        return MemberPageOut(
            items=[membership_out(m) for m in found],
            total=total,
            page=page,
            pages=max(1, -(-total // per_page)),
        )

    @post(
        "/{slug:str}/members/{membership_id:uuid}/approve",
        name="api:programs:approve",
        guards=[signed_in],
        opt=SIGNED_IN,
        status_code=200,
    )
    async def approve(
        self,
        slug: FromPath[str],
        membership_id: FromPath[UUID],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> MembershipOut:
        """Let a person who asked into the program."""
        return membership_out(await programs.decide(slug, membership_id, True, me))

    @post(
        "/{slug:str}/members/{membership_id:uuid}/decline",
        name="api:programs:decline",
        guards=[signed_in],
        opt=SIGNED_IN,
        status_code=200,
    )
    async def decline(
        self,
        slug: FromPath[str],
        membership_id: FromPath[UUID],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> MembershipOut:
        """Decline a request to join."""
        return membership_out(await programs.decide(slug, membership_id, False, me))

    @post(
        "/{slug:str}/invitations",
        name="api:programs:invite",
        guards=[signed_in],
        opt=SIGNED_IN,
        status_code=201,
    )
    async def invite(
        self,
        slug: FromPath[str],
        data: JSONBody[PersonIn],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> MembershipOut:
        """Invite someone with a profile (the program's coordinators)."""
        return membership_out(await programs.invite(slug, data.checked(), me))

    @get("/{slug:str}/coordinators", name="api:programs:coordinators", guards=[signed_in], opt=SIGNED_IN)
    async def coordinators(
        self, slug: FromPath[str], programs: NamedDependency[MembershipService], me: NamedDependency[User]
    ) -> list[CoordinatorOut]:
        """Who coordinates the program."""
        row = await programs.row(slug, me)
        # Participants see who coordinates; only those who manage the program see their addresses.
        return [
            CoordinatorOut(u.id, u.name, u.email if row.manages else "")
            for u in await programs.coordinators(row.program)
        ]

    @post(
        "/{slug:str}/coordinators",
        name="api:programs:coordinators:add",
        guards=[coordinator],
        opt=COORDINATOR,
        status_code=201,
    )
    async def add_coordinator(
        self,
        slug: FromPath[str],
        data: JSONBody[PersonIn],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> CoordinatorOut:
        """Make someone a coordinator of this program (administrators)."""
        user = await programs.add_coordinator(slug, data.checked(), me)
        return CoordinatorOut(user.id, user.name, user.email)

    @delete(
        "/{slug:str}/coordinators/{user_id:uuid}",
        name="api:programs:coordinators:remove",
        guards=[coordinator],
        opt=COORDINATOR,
    )
    async def remove_coordinator(
        self,
        slug: FromPath[str],
        user_id: FromPath[UUID],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> None:
        """Take away someone's coordination of this program (administrators)."""
        await programs.remove_coordinator(slug, user_id, me)
