"""Cohort pages: a program's outcome report and its CSV, closing an ended cohort, the relationship banner."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.cohorts.closing import CohortNotOver
from mentorship.cohorts.services import CohortService, provide_cohorts
from mentorship.lib.confirm import Confirmation, confirmation_page
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _, ngettext
from mentorship.models import User


class CohortController(Controller):
    """A program's outcomes and end, for its coordinators and administrators."""

    path = "/programs/{slug:str}"
    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"cohorts": Provide(provide_cohorts)}

    @get("/outcomes", name="cohorts:outcomes")
    async def outcomes(
        self, slug: FromPath[str], cohorts: NamedDependency[CohortService], me: NamedDependency[User]
    ) -> Template:
        """The outcome report: how relationships went, goals, self-assessment change, the pulse."""
        return Template("cohorts/outcomes.html", context={"report": await cohorts.report(slug, me)})

    @get("/outcomes.csv", name="cohorts:outcomes-csv")
    async def outcomes_csv(
        self, slug: FromPath[str], cohorts: NamedDependency[CohortService], me: NamedDependency[User]
    ) -> Response[str]:
        """The report's aggregate figures as CSV."""
        report = await cohorts.report(slug, me)
        return Response(
            report.as_csv(),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{report.program.slug}-outcomes.csv"'},
        )

    @get("/close", name="cohorts:close-confirm")
    async def confirm_close(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        cohorts: NamedDependency[CohortService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Say what closing the cohort does, with the form that does it (or why it cannot be closed yet)."""
        try:
            program = await cohorts.closable(slug, me)
        except CohortNotOver as exc:
            flash(request, exc.detail() or "", "error")
            return Redirect(f"/programs/{slug}", status_code=303)
        return confirmation_page(
            Confirmation(
                title=_("Close “{name}” now?").format(name=program.name),
                effects=(
                    _("Everyone in a relationship that is still going is asked to complete it."),
                    _("Each relationship without a closing check-in gets one, a week from today."),
                    _("Relationships already asked are not asked again."),
                ),
                action=f"/programs/{slug}/close",
                button=_("Close the cohort now"),
                cancel=f"/programs/{slug}",
            )
        )

    @post("/close", name="cohorts:close", status_code=303)
    async def close(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        cohorts: NamedDependency[CohortService],
        me: NamedDependency[User],
    ) -> Redirect:
        """Ask the ended cohort's live relationships to complete."""
        try:
            done = await cohorts.close(slug, me)
        except CohortNotOver as exc:
            flash(request, exc.detail() or "", "error")
            return Redirect(f"/programs/{slug}", status_code=303)
        flash(request, _closed_message(done.asked, done.already), "success")
        return Redirect(f"/programs/{slug}/outcomes", status_code=303)


def _closed_message(asked: int, already: int) -> str:
    if asked:
        return ngettext(
            "Asked {count} relationship to complete, with a closing check-in.",
            "Asked {count} relationships to complete, with a closing check-in.",
            asked,
        ).format(count=asked)
    if already:
        return _("Every relationship still going had already been asked to complete.")
    return _("No relationship in this program is still going: there was nobody to ask.")


class CohortBannerController(Controller):
    """The banner on a relationship's page when its cohort has ended."""

    path = "/relationships/{relationship_id:uuid}"
    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"cohorts": Provide(provide_cohorts)}

    @get("/cohort", name="cohorts:banner")
    async def banner(
        self,
        relationship_id: FromPath[UUID],
        cohorts: NamedDependency[CohortService],
        me: NamedDependency[User],
    ) -> Template:
        """The banner fragment (empty when the relationship's cohort is still running)."""
        program = await cohorts.banner(relationship_id, me)
        return Template(
            "cohorts/_banner.html", context={"program": program, "relationship_id": relationship_id}
        )
