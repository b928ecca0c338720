"""The coordinator roster: search, filter and page through participants, live with htmx; who coordinates."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import HTTPException, NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.admin import CoordinatorRoles, RoleRefused
from mentorship.accounts.auth import COORDINATOR, coordinator
from mentorship.accounts.deps import provide_accounts
from mentorship.accounts.services import AccountError, AccountService
from mentorship.lib.confirm import Confirmation, confirmation_page
from mentorship.lib.flash import flash
from mentorship.lib.htmx import page_or_fragment
from mentorship.lib.i18n import _, language_name
from mentorship.models import User
from mentorship.profiles import options
from mentorship.profiles.deps import provide_profiles
from mentorship.profiles.services import ProfileService, RosterFilters


async def provide_roles(db_session: NamedDependency[AsyncSession]) -> CoordinatorRoles:
    """Who coordinates, on the request's database session."""
    return CoordinatorRoles(db_session)


class RosterController(Controller):
    """Coordinators' list of participants, and who coordinates."""

    path = "/roster"
    include_in_schema = False
    guards = [coordinator]
    opt = COORDINATOR
    dependencies = {
        "profiles": Provide(provide_profiles),
        "accounts": Provide(provide_accounts),
        "roles": Provide(provide_roles),
    }

    @get("/", name="roster")
    async def roster(
        self,
        request: HTMXRequest,
        profiles: NamedDependency[ProfileService],
        roles: NamedDependency[CoordinatorRoles],
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
            coordinators=await roles.coordinators(),
        )

    @get("/{user_id:uuid}/promote", name="roster:promote-confirm")
    async def confirm_promote(
        self,
        request: Request[Any, Any, Any],
        user_id: FromPath[UUID],
        accounts: NamedDependency[AccountService],
    ) -> Response[Any]:
        """Say what making this person a coordinator means, with the form that does it."""
        user = await accounts.get(user_id)
        if user is None:
            raise NotFoundException()
        if user.is_coordinator:
            flash(request, _("{name} is already a coordinator.").format(name=user.name), "info")
            return Redirect("/roster", status_code=303)
        return confirmation_page(promotion(user))

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

    @get("/{user_id:uuid}/demote", name="roster:demote-confirm")
    async def confirm_demote(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        user_id: FromPath[UUID],
        roles: NamedDependency[CoordinatorRoles],
    ) -> Response[Any]:
        """Say what removing this coordinator's role means, or why it cannot be removed."""
        try:
            user, refusal = await roles.demotion(user_id, me)
        except AccountError as exc:
            raise NotFoundException(exc.message) from exc
        if refusal:
            flash(request, refusal, "error")
            return Redirect("/roster", status_code=303)
        return confirmation_page(demotion(user, me))

    @post("/{user_id:uuid}/demote", name="roster:demote", status_code=303)
    async def demote(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        user_id: FromPath[UUID],
        roles: NamedDependency[CoordinatorRoles],
    ) -> Response[Any]:
        """Remove a coordinator's role (refused for the last coordinator: 409)."""
        try:
            user = await roles.demote(user_id, me)
        except AccountError as exc:
            raise NotFoundException(exc.message) from exc
        except RoleRefused as exc:
            raise HTTPException(detail=str(exc), status_code=409) from exc
        if user.id == me.id:
            flash(request, _("You are no longer a coordinator."), "success")
            return Redirect("/", status_code=303)
        flash(request, _("{name} is no longer a coordinator.").format(name=user.name), "success")
        return Redirect("/roster", status_code=303)


def promotion(user: User) -> Confirmation:
    """What making someone a coordinator means."""
    return Confirmation(
        title=_("Make {name} a coordinator?").format(name=user.name),
        effects=(
            _(
                "{name} will see the roster, the dashboard and the history, and read what people "
                "tell coordinators only, such as why a relationship ended."
            ).format(name=user.name),
            _(
                "{name} will be able to run and publish matching rounds, curate topics, end "
                "relationships and change who coordinates."
            ).format(name=user.name),
        ),
        undo=_("The role can be removed again later, from the roster, by any coordinator."),
        action=f"/roster/{user.id}/promote",
        button=_("Make {name} a coordinator").format(name=user.name),
        cancel="/roster",
    )


def demotion(user: User, me: User) -> Confirmation:
    """What removing someone's coordinator role means (their own, or another coordinator's)."""
    if user.id == me.id:
        return Confirmation(
            title=_("Remove your own coordinator role?"),
            effects=(
                _(
                    "You will no longer see the roster, the dashboard or the history, nor run rounds "
                    "or curate topics."
                ),
                _("You keep your account, your profile and your relationships."),
            ),
            undo=_("Only another coordinator can make you a coordinator again."),
            action=f"/roster/{user.id}/demote",
            button=_("Remove my coordinator role"),
            cancel="/roster",
            danger=True,
        )
    return Confirmation(
        title=_("Remove {name}'s coordinator role?").format(name=user.name),
        effects=(
            _(
                "{name} will no longer see the roster, the dashboard or the history, nor run rounds "
                "or curate topics."
            ).format(name=user.name),
            _("{name} keeps their account, profile and relationships.").format(name=user.name),
        ),
        undo=_("Any coordinator can make {name} a coordinator again.").format(name=user.name),
        action=f"/roster/{user.id}/demote",
        button=_("Remove {name}'s coordinator role").format(name=user.name),
        cancel="/roster",
        danger=True,
    )
