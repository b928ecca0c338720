"""Programs: who sees which, who manages which, and creating, editing and archiving them."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from litestar.stores.base import Store
from sqlalchemy import Select, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.describe import N_, describe_as
from mentorship.events.services import record
from mentorship.lib.errors import Conflict, Forbidden, NotFound
from mentorship.lib.figures import kept
from mentorship.lib.i18n import _
from mentorship.models import (
    CheckinTemplate,
    JoinPolicy,
    MembershipStatus,
    Profile,
    Program,
    ProgramCoordinator,
    ProgramMembership,
    User,
)
from mentorship.programs.forms import ProgramForm, ProgramInvalid

RESERVED = {"new"}  # addresses of the program pages themselves

for _type, _line in {
    "program.created": N_("{actor} created the program “{name}”"),
    "program.updated": N_("{actor} changed the program “{name}”"),
    "program.archived": N_("{actor} archived the program “{name}”"),
    "program.restored": N_("{actor} brought back the program “{name}”"),
}.items():
    describe_as(_type, _line)


class ProgramNotFound(NotFound):
    """No program at that address that this person may see."""


class ProgramForbidden(Forbidden):
    """The person may see the program but not manage it."""


class ProgramConflict(Conflict):
    """The change does not fit the program or the person's place in it."""


class ProgramNameTaken(ProgramConflict):
    """Another program already has that name (perhaps created a moment ago)."""


@dataclass(frozen=True)
class ProgramRow:
    """A program as one person sees it: how many take part, their own place, whether they manage it."""

    program: Program
    members: int
    mine: ProgramMembership | None
    manages: bool
    participant: bool = True  # has a profile with a role, so can take part in programs

    @property
    def status(self) -> MembershipStatus | None:
        """The person's standing in the program, or None when they never asked to join."""
        return self.mine.status if self.mine else None

    @property
    def enrolment(self) -> tuple[date | None, date | None]:
        """The first and last day people may join, both included."""
        return enrolment_days(self.program)

    @property
    def joinable(self) -> bool:
        """Whether the person may ask to join now."""
        if not self.participant or self.status in (MembershipStatus.ACTIVE, MembershipStatus.PENDING):
            return False
        if not self.program.enrolment_open(datetime.now(UTC)):
            return False
        invited = self.status is MembershipStatus.INVITED
        return self.program.join_policy is not JoinPolicy.INVITATION or invited


def slugify(name: str) -> str:
    """A URL-safe address part from a name: ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]


def day_start(day: date | None) -> datetime | None:
    """The first moment of a day (UTC), as the enrolment window stores it."""
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None


def enrolment_days(program: Program) -> tuple[date | None, date | None]:
    """The enrolment window as days, both included, as the form and the API show it."""
    opens = program.opens_at.astimezone(UTC).date() if program.opens_at else None
    closes = (program.closes_at.astimezone(UTC) - timedelta(days=1)).date() if program.closes_at else None
    return opens, closes


class ProgramService:
    """Queries and changes behind the program pages and API; every method checks who asks."""

    def __init__(self, session: AsyncSession, figures: Store | None = None) -> None:
        self.session = session
        self.figures = figures  # where the member counts are kept between changes

    async def rows(self, user: User, *, include_archived: bool = False) -> list[ProgramRow]:
        """Programs this person may see, with their own place in each, by name."""
        query = select(Program).order_by(func.lower(Program.name))
        if not user.is_coordinator:
            coordinates = exists().where(
                ProgramCoordinator.program_id == Program.id, ProgramCoordinator.user_id == user.id
            )
            query = query.where(~Program.archived | coordinates)
        elif not include_archived:
            query = query.where(~Program.archived)
        programs = list((await self.session.execute(query)).scalars())
        return await self._rows(programs, user, await self._kept_counts())

    async def row(self, slug: str, user: User) -> ProgramRow:
        """One program as this person sees it; an archived one is hidden from those who do not manage it."""
        program = await self.program(slug)
        (found,) = await self._rows([program], user, await self._kept_counts())
        if program.archived and not found.manages:
            raise ProgramNotFound(slug)
        return found

    async def program(self, slug: str) -> Program:
        """The program at this address, or ProgramNotFound."""
        program = (
            await self.session.execute(select(Program).where(Program.slug == slug))
        ).scalar_one_or_none()
        if program is None:
            raise ProgramNotFound(slug)
        return program

    async def manages(self, program: Program, user: User) -> bool:
        """Whether the person administers the community or coordinates this program."""
        if user.is_coordinator:
            return True
        query = select(ProgramCoordinator.id).where(
            ProgramCoordinator.program_id == program.id, ProgramCoordinator.user_id == user.id
        )
        return (await self.session.execute(query)).first() is not None

    async def managed(self, slug: str, user: User) -> Program:
        """The program, when this person may manage it; ProgramForbidden otherwise."""
        program = await self.program(slug)
        if not await self.manages(program, user):
            if program.archived:
                raise ProgramNotFound(slug)
            raise ProgramForbidden(_("Only this program's coordinators can do this."))
        return program

    async def templates(self) -> list[CheckinTemplate]:
        """The agenda templates a program may start its relationships from."""
        query = select(CheckinTemplate).where(CheckinTemplate.current, ~CheckinTemplate.retired)
        return list((await self.session.execute(query.order_by(CheckinTemplate.title))).scalars())

    async def template_title(self, program: Program) -> str:
        """The title of the program's default agenda template, or '' when it has none."""
        if program.agenda_template_id is None:
            return ""
        template = await self.session.get(CheckinTemplate, program.agenda_template_id)
        return template.title if template else ""

    async def create(self, form: ProgramForm, by: User) -> Program:
        """Add a program (administrators); its name must be new, its address follows from the name."""
        self._administrator(by)
        await self._name_free(form.name)
        await self._template_exists(form)
        program = Program(slug=await self._free_slug(form.name), name=form.name)
        self._apply(program, form)
        self.session.add(program)
        await self._commit(program, "program.created", by)
        return program

    async def update(self, slug: str, form: ProgramForm, by: User) -> Program:
        """Change a program's settings (administrators); its address stays as it was."""
        self._administrator(by)
        program = await self.program(slug)
        await self._name_free(form.name, program.id)
        await self._template_exists(form)
        program.name = form.name
        self._apply(program, form)
        await self._commit(program, "program.updated", by)
        return program

    async def set_archived(self, slug: str, archived: bool, by: User) -> Program:
        """Archive a program (hidden from participants, nobody can join) or bring it back."""
        self._administrator(by)
        program = await self.program(slug)
        program.archived = archived
        await self._commit(program, "program.archived" if archived else "program.restored", by)
        return program

    @staticmethod
    def _administrator(user: User) -> None:
        if not user.is_coordinator:
            raise ProgramForbidden(_("Only administrators can change programs."))

    @staticmethod
    def _apply(program: Program, form: ProgramForm) -> None:
        program.description = form.description
        program.kinds = [kind.value for kind in form.kinds]
        program.join_policy = form.join_policy
        program.opens_at = day_start(form.opens_on)
        program.closes_at = day_start(form.closes_on + timedelta(days=1)) if form.closes_on else None
        program.starts_on, program.ends_on = form.starts_on, form.ends_on
        program.checkin_cadence_days = form.checkin_cadence_days
        program.agenda_template_id = form.agenda_template_id

    async def _template_exists(self, form: ProgramForm) -> None:
        if (
            form.agenda_template_id
            and await self.session.get(CheckinTemplate, form.agenda_template_id) is None
        ):
            raise ProgramInvalid({"agenda_template_id": _("Choose one of the templates.")})

    async def _name_free(self, name: str, other_than: UUID | None = None) -> None:
        query = select(Program.id).where(func.lower(Program.name) == name.lower())
        if other_than is not None:
            query = query.where(Program.id != other_than)
        if (await self.session.execute(query)).first() is not None:
            raise ProgramNameTaken(_("A program called “{name}” already exists.").format(name=name))

    async def _free_slug(self, name: str) -> str:
        base = slugify(name) or "program"
        taken = set((await self.session.execute(_slugs_like(base))).scalars()) | RESERVED
        if base not in taken:
            return base
        # Another name gave the same address ("Newcomers!" and "newcomers"): add a number.
        for number in range(2, 100):
            if f"{base}-{number}" not in taken:
                return f"{base}-{number}"
        return f"{base}-{secrets.token_hex(3)}"

    async def _commit(self, program: Program, event: str, by: User) -> None:
        try:
            await self.session.flush()
            record(self.session, event, "program", program.id, by.id, name=program.name)
            await self.session.commit()
        except IntegrityError as exc:
            # Someone saved the same name (or its address) a moment before: they won, this one is told.
            await self.session.rollback()
            raise ProgramNameTaken(
                _("A program called “{name}” already exists.").format(name=program.name)
            ) from exc

    async def _kept_counts(self) -> dict[UUID, int]:
        """Every program's member count, kept until a membership changes (a request that wrote keeps none)."""
        return await kept(self.figures, self.session, "program-members", dict[UUID, int], self._counts)

    async def _counts(self) -> dict[UUID, int]:
        """Every program's members taking part now, by program."""
        found = await self.session.execute(
            select(ProgramMembership.program_id, func.count())
            .where(ProgramMembership.status == MembershipStatus.ACTIVE)
            .group_by(ProgramMembership.program_id)
        )
        return {UUID(str(program_id)): int(n) for program_id, n in found.all()}

    async def _rows(self, programs: list[Program], user: User, counts: dict[UUID, int]) -> list[ProgramRow]:
        ids = [program.id for program in programs]
        if not ids:
            return []
        mine = {
            m.program_id: m
            for m in (
                await self.session.execute(
                    select(ProgramMembership)
                    .join(Profile, Profile.id == ProgramMembership.profile_id)
                    .where(ProgramMembership.program_id.in_(ids), Profile.user_id == user.id)
                )
            ).scalars()
        }
        coordinated = set(
            (
                await self.session.execute(
                    select(ProgramCoordinator.program_id).where(
                        ProgramCoordinator.program_id.in_(ids), ProgramCoordinator.user_id == user.id
                    )
                )
            ).scalars()
        )
        roles = (
            await self.session.execute(
                select(Profile.is_mentor, Profile.is_mentee).where(Profile.user_id == user.id)
            )
        ).first()
        participant = roles is not None and any(roles)
        return [
            ProgramRow(
                p,
                int(counts.get(p.id, 0)),
                mine.get(p.id),
                user.is_coordinator or p.id in coordinated,
                participant,
            )
            for p in programs
        ]


def _slugs_like(base: str) -> Select[Any]:
    return select(Program.slug).where((Program.slug == base) | Program.slug.like(f"{base}-%"))
