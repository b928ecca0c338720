"""The coordinator roster: search, filter and page through participants, live with htmx."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from mentorship.accounts.auth import COORDINATOR, coordinator
from mentorship.accounts.deps import provide_accounts
from mentorship.accounts.services import AccountError, AccountService
from mentorship.home.services import language_name
from mentorship.lib.flash import flash
from mentorship.lib.htmx import page_or_fragment
from mentorship.lib.i18n import _
from mentorship.profiles import options
from mentorship.profiles.deps import provide_profiles
from mentorship.profiles.services import ProfileService, RosterFilters


class RosterController(Controller):
    """Coordinators' list of participants."""

    path = "/roster"
    include_in_schema = False
    guards = [coordinator]
    opt = COORDINATOR
    dependencies = {"profiles": Provide(provide_profiles), "accounts": Provide(provide_accounts)}

    @get("/", name="roster")
    async def roster(
        self,
        request: HTMXRequest,
        profiles: NamedDependency[ProfileService],
        q: FromQuery[str] = "",
        role: FromQuery[str] = "",
        kind: FromQuery[str] = "",
        topic: FromQuery[str] = "",
        language: FromQuery[str] = "",
        away: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> Template:
        """The roster page, or just its table when htmx refreshes it while filters change."""
        filters = RosterFilters(
            q=q.strip()[:100], role=role, kind=kind, topic=topic, language=language, away=away, page=page
        )
        result = await profiles.roster(filters)
        return page_or_fragment(
            request,
            "profiles/roster.html",
            "profiles/_roster_table.html",
            result=result,
            filters=filters,
            topics=await profiles.topic_choices(),
            options=options,
            language_name=language_name,
            today=date.today(),
        )

    @post("/{user_id:uuid}/promote", name="roster:promote", status_code=303)
    async def promote(
        self,
        request: Request[Any, Any, Any],
        user_id: FromPath[UUID],
        accounts: NamedDependency[AccountService],
    ) -> Response[Any]:
        """Make a participant a coordinator."""
        try:
            user = await accounts.promote(user_id)
        except AccountError as exc:
            raise NotFoundException(exc.message) from exc
        flash(request, _("{name} is now a coordinator.").format(name=user.name), "success")
        return Redirect("/roster", status_code=303)
