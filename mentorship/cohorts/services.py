"""The cohort pages' and API's one entry point: who may see a program's outcomes, close it, see the banner."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.cohorts.closing import Closing, CohortClosing, ended_cohort_of
from mentorship.cohorts.outcomes import Outcomes, outcomes
from mentorship.models import Program, User
from mentorship.programs.services import ProgramService
from mentorship.relationships.access import Access


class CohortService(CohortClosing):
    """Outcomes and closing for a program's coordinators and administrators; the banner for members."""

    async def managed(self, slug: str, user: User) -> Program:
        """The program when this person coordinates it or administers the community (403/404 otherwise)."""
        return await ProgramService(self.session).managed(slug, user)

    async def report(self, slug: str, user: User, today: date | None = None) -> Outcomes:
        """The outcome report of a program this person manages."""
        return await outcomes(self.session, await self.managed(slug, user), today)

    async def close(self, slug: str, user: User) -> Closing:
        """Ask an ended cohort's live relationships to complete (once each)."""
        return await self.close_now(slug, user)

    async def banner(self, relationship_id: UUID, user: User) -> Program | None:
        """The ended cohort a relationship this person may see belongs to, if it is still live."""
        relationship, _me = await Access(self.session).visible(user, relationship_id)
        return await ended_cohort_of(self.session, relationship, datetime.now(UTC).date())


async def provide_cohorts(db_session: NamedDependency[AsyncSession]) -> CohortService:
    """The cohort service on the request's database session."""
    return CohortService(db_session)
