"""A program's outcome report and closing an ended cohort, as JSON."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.cohorts.services import CohortService, provide_cohorts
from mentorship.models import User


class CohortApiController(Controller):
    """Outcomes and closing for a program's coordinators and administrators."""

    path = "/api/v1/programs/{slug:str}"
    tags = ["programs"]
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"cohorts": Provide(provide_cohorts)}

    @get("/outcomes", name="api:cohorts:outcomes")
    async def outcomes(
        self, slug: FromPath[str], cohorts: NamedDependency[CohortService], me: NamedDependency[User]
    ) -> dict[str, Any]:
        """Counts and averages only: relationships, goals, self-assessment change, pulse of 5+ people."""
        return (await cohorts.report(slug, me)).as_dict()

    @post("/close", name="api:cohorts:close", status_code=200)
    async def close(
        self, slug: FromPath[str], cohorts: NamedDependency[CohortService], me: NamedDependency[User]
    ) -> dict[str, int]:
        """Ask an ended cohort's live relationships to complete; 409 before its end; again is a no-op."""
        done = await cohorts.close(slug, me)
        return {"asked": done.asked, "already_asked": done.already}
