"""Relationship pages: the list, one relationship with goals and actions, closing, my load, the dashboard."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.checkins.services import CheckinService
from mentorship.config import Settings
from mentorship.events.scope import PROGRAM_COORDINATOR, program_scope
from mentorship.lib.confirm import confirmation_page
from mentorship.lib.figures import FIGURES_STORE
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import GoalStatus, User
from mentorship.profiles import options
from mentorship.relationships.dashboard import kept_dashboard
from mentorship.relationships.deps import provide_relationships
from mentorship.relationships.goals import GoalIn, NoteIn
from mentorship.relationships.lifecycle import (
    EndIn,
    PauseIn,
    ReflectionIn,
    ending,
    parse_cadence,
)
from mentorship.relationships.load import own_load
from mentorship.relationships.services import (
    RelationshipConflict,
    RelationshipInvalid,
    RelationshipService,
    by_program,
)

Action = Callable[[dict[str, Any]], Awaitable[Any]]
FORMS = ("goals", "pause", "resume", "cadence", "rematch")


def _form(raw: Any) -> dict[str, Any]:
    return {key: str(raw.get(key, "")) for key in raw}


class RelationshipController(Controller):
    """My relationships and everything done on one."""

    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"relationships": Provide(provide_relationships)}

    @get("/relationships", name="relationships")
    async def index(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationships: NamedDependency[RelationshipService],
        settings: NamedDependency[Settings],
    ) -> Template:
        """My relationships, and my load when I mentor."""
        profile = await relationships.profile_of(me)
        load = await own_load(relationships.session, profile)
        context = {
            "groups": by_program(await relationships.mine(me)),
            "load": load,
            "threshold": settings.load_threshold,
        }
        return Template("relationships/index.html", context=context)

    @get("/relationships/{relationship_id:uuid}", name="relationships:detail")
    async def detail(
        self,
        me: NamedDependency[User],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Template:
        """One relationship: people, goals, check-ins, actions."""
        return await self._page(me, relationships, relationship_id)

    @get(
        [
            *(f"/relationships/{{relationship_id:uuid}}/{form}" for form in FORMS),
            "/relationships/{relationship_id:uuid}/goals/{goal_id:uuid}",
            "/relationships/{relationship_id:uuid}/goals/{goal_id:uuid}/notes",
        ],
        name="relationships:form-addresses",
    )
    async def form_address(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Redirect:
        """A form's address opened or reloaded: back to the relationship page (never a 405)."""
        await relationships.page(me, relationship_id)
        return Redirect(f"/relationships/{relationship_id}", status_code=303)

    async def _page(
        self,
        me: User,
        relationships: RelationshipService,
        relationship_id: UUID,
        errors: dict[str, str] | None = None,
        values: dict[str, Any] | None = None,
        status_code: int = 200,
    ) -> Template:
        page = await relationships.page(me, relationship_id)
        actions = CheckinService(relationships.session)
        access = await actions.access(me, relationship_id)
        items = await actions.action_items(me, relationship_id, access=access)
        context = {
            "page": page,
            "access": access,
            "action_items": items,
            "deletable": await actions.deletable_actions(me, access, items),
            "errors": errors or {},
            "values": values or {},
            "statuses": [s.value for s in GoalStatus],
            "skills": options.SKILLS,
            "today": datetime.now(UTC).date(),
        }
        return Template("relationships/detail.html", context=context, status_code=status_code)

    async def _act(
        self,
        request: Request[Any, Any, Any],
        me: User,
        relationships: RelationshipService,
        relationship_id: UUID,
        action: Action,
        done: str,
    ) -> Response[Any]:
        """Parse the form and run the action; inline errors, 404, 403 or a flashed conflict."""
        values = _form(await request.form())
        try:
            await action(values)
        except RelationshipInvalid as exc:
            await relationships.session.rollback()
            return await self._page(me, relationships, relationship_id, exc.errors, values, 400)
        except RelationshipConflict as exc:
            flash(request, str(exc), "error")
        else:
            flash(request, done, "success")
        return Redirect(f"/relationships/{relationship_id}", status_code=303)

    @post("/relationships/{relationship_id:uuid}/goals", name="relationships:goal_add", status_code=303)
    async def add_goal(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Agree a new goal."""
        return await self._act(
            request,
            me,
            relationships,
            relationship_id,
            lambda form: relationships.add_goal(me, relationship_id, GoalIn.from_form(form).checked()),
            _("The goal is added."),
        )

    @post(
        "/relationships/{relationship_id:uuid}/goals/{goal_id:uuid}",
        name="relationships:goal_edit",
        status_code=303,
    )
    async def edit_goal(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        goal_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Change a goal's title, description or status."""
        return await self._act(
            request,
            me,
            relationships,
            relationship_id,
            lambda form: relationships.update_goal(
                me, relationship_id, goal_id, GoalIn.from_form(form).checked()
            ),
            _("The goal is saved."),
        )

    @post(
        "/relationships/{relationship_id:uuid}/goals/{goal_id:uuid}/notes",
        name="relationships:goal_note",
        status_code=303,
    )
    async def note_goal(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        goal_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Write a progress note on a goal."""
        return await self._act(
            request,
            me,
            relationships,
            relationship_id,
            lambda form: relationships.add_note(
                me, relationship_id, goal_id, NoteIn.from_form(form).checked()
            ),
            _("Your note is saved."),
        )

    @post("/relationships/{relationship_id:uuid}/pause", name="relationships:pause", status_code=303)
    async def pause(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Pause until a date."""
        user, today = me, datetime.now(UTC).date()
        return await self._act(
            request,
            me,
            relationships,
            relationship_id,
            lambda form: relationships.pause(user, relationship_id, PauseIn.from_form(form).checked(today)),
            _("Paused. No reminders until you resume."),
        )

    @post("/relationships/{relationship_id:uuid}/resume", name="relationships:resume", status_code=303)
    async def resume(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Resume now."""
        return await self._act(
            request,
            me,
            relationships,
            relationship_id,
            lambda _form: relationships.resume(me, relationship_id),
            _("Welcome back: the relationship is active again."),
        )

    @post("/relationships/{relationship_id:uuid}/cadence", name="relationships:cadence", status_code=303)
    async def cadence(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Agree a new check-in rhythm."""
        return await self._act(
            request,
            me,
            relationships,
            relationship_id,
            lambda form: relationships.set_cadence(me, relationship_id, parse_cadence(form)),
            _("The check-in rhythm is saved."),
        )

    @get("/relationships/{relationship_id:uuid}/end", name="relationships:end-confirm")
    async def confirm_end(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Say what ending early does and ask why, with the form that ends it."""
        return await self._ending(request, me, relationships, relationship_id, {}, {})

    async def _ending(
        self,
        request: Request[Any, Any, Any],
        me: User,
        relationships: RelationshipService,
        relationship_id: UUID,
        errors: dict[str, str],
        values: dict[str, Any],
    ) -> Response[Any]:
        page = await relationships.page(me, relationship_id)
        if not page.live:
            flash(request, _("This relationship has already closed."), "info")
            return Redirect(f"/relationships/{relationship_id}", status_code=303)
        names = [profile.user.name for _member, profile in page.item.people]
        confirmation = ending(relationship_id, names, by_member=page.me is not None)
        return confirmation_page(
            confirmation,
            "relationships/end.html",
            status_code=400 if errors else 200,
            errors=errors,
            values=values,
        )

    @post("/relationships/{relationship_id:uuid}/end", name="relationships:end", status_code=303)
    async def end(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """End early, with a reason for the coordinators (asked again with the error when missing)."""
        values = _form(await request.form())
        try:
            reason = EndIn.from_form(values).checked()
        except RelationshipInvalid as exc:
            return await self._ending(request, me, relationships, relationship_id, exc.errors, values)
        return await self._act(
            request,
            me,
            relationships,
            relationship_id,
            lambda _form: relationships.end(me, relationship_id, reason),
            _("The relationship has ended. Your reason goes to the coordinators only."),
        )

    @post("/relationships/{relationship_id:uuid}/rematch", name="relationships:rematch", status_code=303)
    async def rematch(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Ask the coordinators for a different match."""
        return await self._act(
            request,
            me,
            relationships,
            relationship_id,
            lambda _form: relationships.rematch(me, relationship_id),
            _("The coordinators know you would like a re-match."),
        )

    @get("/relationships/{relationship_id:uuid}/complete", name="relationships:complete_form")
    async def complete_form(
        self,
        me: NamedDependency[User],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Template:
        """The closing reflection with the self-assessment offered again."""
        return await self._closing(me, relationships, relationship_id, {}, {})

    async def _closing(
        self,
        me: User,
        relationships: RelationshipService,
        relationship_id: UUID,
        errors: dict[str, str],
        values: dict[str, Any],
        status_code: int = 200,
    ) -> Template:
        page = await relationships.page(me, relationship_id)
        if not page.can_reflect:
            raise NotFoundException()
        profile = await relationships.profile_of(me)
        before = (profile.self_assessment if profile else None) or {}
        context = {
            "page": page,
            "errors": errors,
            "values": values,
            "skills": options.SKILLS,
            "before": before,
        }
        return Template("relationships/complete.html", context=context, status_code=status_code)

    @post("/relationships/{relationship_id:uuid}/complete", name="relationships:complete", status_code=303)
    async def complete(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> Response[Any]:
        """Complete with my reflection (or add it after the other side completed)."""
        values = _form(await request.form())
        try:
            text, after = ReflectionIn.from_form(values).checked()
            await relationships.complete(me, relationship_id, text, after)
        except RelationshipInvalid as exc:
            return await self._closing(me, relationships, relationship_id, exc.errors, values, 400)
        except RelationshipConflict as exc:
            flash(request, str(exc), "error")
        else:
            flash(request, _("Thank you for your reflection. Only you see your self-assessment."), "success")
        return Redirect(f"/relationships/{relationship_id}", status_code=303)

    @get("/me/load", name="me:load")
    async def my_load(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationships: NamedDependency[RelationshipService],
        settings: NamedDependency[Settings],
    ) -> Template:
        """My mentor load, its terms, and an invitation to rest when it is high."""
        profile = await relationships.profile_of(me)
        load = await own_load(relationships.session, profile)
        return Template(
            "relationships/load.html", context={"load": load, "threshold": settings.load_threshold}
        )


class DashboardController(Controller):
    """The coordinators' view of the whole community (administrators) or of one program."""

    include_in_schema = False
    guards = [signed_in]
    opt = PROGRAM_COORDINATOR

    @get("/dashboard", name="dashboard")
    async def index(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        program: FromQuery[str] = "",
    ) -> Template:
        """Relationships, check-ins, risks, loads and completions, with charts drawn on the server."""
        scope = await program_scope(db_session, me, program)
        store = request.app.stores.get(FIGURES_STORE)
        figures = await kept_dashboard(db_session, store, settings.load_threshold, scope.program_id)
        context = {"d": figures, "threshold": settings.load_threshold, "scope": scope}
        return Template("dashboard/index.html", context=context)
