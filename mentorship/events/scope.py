"""Which program a coordinator looks at: the dashboard's and the history's one access rule.

Administrators (``User.is_coordinator``) see the whole community or any one program; a program's
coordinators see only the programs they coordinate, their first one unless they pick another.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.errors import Forbidden, NotFound
from mentorship.lib.i18n import _
from mentorship.models import Program, ProgramCoordinator, User

# The routes' access rule (see the access matrix test): administrators and programs' coordinators.
PROGRAM_COORDINATOR = {"access": "program-coordinator"}


class ScopeForbidden(Forbidden):
    """The person coordinates no program, or not the one asked for."""


class ScopeNotFound(NotFound):
    """No program at that address."""


@dataclass(frozen=True)
class ProgramScope:
    """The programs a person may look at, and the one looked at now (None: the whole community)."""

    programs: list[Program]
    chosen: Program | None
    whole: bool  # whether the whole community may be looked at (administrators)

    @property
    def program_id(self) -> UUID | None:
        """The chosen program's id, or None for the whole community."""
        return self.chosen.id if self.chosen is not None else None

    @property
    def slug(self) -> str:
        """The chosen program's slug, or '' for the whole community."""
        return self.chosen.slug if self.chosen is not None else ""


async def coordinated(session: AsyncSession, user: User) -> list[Program]:
    """The programs this person may look at as a coordinator, by name (every one for administrators)."""
    query = select(Program).order_by(func.lower(Program.name))
    if not user.is_coordinator:
        query = query.join(ProgramCoordinator, ProgramCoordinator.program_id == Program.id).where(
            ProgramCoordinator.user_id == user.id
        )
    return list((await session.execute(query)).scalars())


async def program_scope(session: AsyncSession, user: User, slug: str) -> ProgramScope:
    """The scope asked for with ``?program=<slug>``; a 403 for a program this person does not coordinate."""
    programs = await coordinated(session, user)
    if not user.is_coordinator and not programs:
        raise ScopeForbidden(_("Only coordinators can see this."))
    slug = slug.strip()[:80]
    if not slug:
        return ProgramScope(programs, None if user.is_coordinator else programs[0], user.is_coordinator)
    chosen = next((program for program in programs if program.slug == slug), None)
    if chosen is None:
        if user.is_coordinator:
            raise ScopeNotFound(slug, detail=_("There is no program at this address."))
        raise ScopeForbidden(_("Only this program's coordinators can see this."))
    return ProgramScope(programs, chosen, user.is_coordinator)


__all__ = [
    "PROGRAM_COORDINATOR",
    "ProgramScope",
    "ScopeForbidden",
    "ScopeNotFound",
    "coordinated",
    "program_scope",
]
