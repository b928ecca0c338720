"""Check-in pages: a relationship's check-ins, one check-in to prepare and record, action items."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.checkins.access import Access
from mentorship.checkins.agendas import TemplateService
from mentorship.checkins.deps import form_of, provide_checkins
from mentorship.checkins.ical import checkin_ics
from mentorship.checkins.pulse import answer_pulse
from mentorship.checkins.schemas import Clock, parse_day, parse_score, parse_when
from mentorship.checkins.services import CheckinInvalid, CheckinService, planning_people
from mentorship.checkins.slots import WORK_END, WORK_START, Person, Slot, explain
from mentorship.config import Settings
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.lib.zones import zone, zone_name
from mentorship.models import CheckinStatus, User

FORMS = ("record", "agenda", "actions", "status", "reschedule", "pulse")


def _typed(value: str, clock: Clock) -> datetime | None:
    """The time typed in the planner, when it reads as one."""
    try:
        return parse_when(value, clock.tz)
    except CheckinInvalid:
        return None


def _planner(access: Access, slot: Slot | None, values: dict[str, str], clock: Clock) -> dict[str, Any]:
    """The plan form's default (and why, when it is not in everyone's hours) and the others' clocks."""
    typed = values.get("when", "")
    shown_at = _typed(typed, clock) if typed else (slot.start if slot else None)
    minutes = values.get("duration_minutes", "")
    duration = timedelta(minutes=int(minutes) if minutes.isdigit() and 10 <= int(minutes) <= 480 else 45)
    others = [Person(p.user.name, zone_name(p.timezone)) for p in access.others()]
    return {
        "next_time": clock.local_input(slot.start) if slot else "",
        "slot_note": explain(slot, planning_people(access)) if slot else "",
        "shown_at": shown_at,
        # Each other member, and whether the time shown falls outside their working hours.
        "clocks": [(p, shown_at is not None and p.minutes_outside(shown_at, duration) > 0) for p in others],
        "work_hours": (WORK_START.hour, WORK_END.hour),
    }


class CheckinController(Controller):
    """Schedule, prepare, record and follow up check-ins."""

    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"checkins": Provide(provide_checkins)}

    @get("/relationships/{relationship_id:uuid}/checkins", name="checkins:list")
    async def index(
        self,
        me: NamedDependency[User],
        relationship_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Template:
        """A relationship's upcoming and past check-ins, with the form to schedule one."""
        return await self._index(me, checkins, relationship_id, {}, {})

    @get("/relationships/{relationship_id:uuid}/checkins/new", name="checkins:new")
    async def new(
        self,
        me: NamedDependency[User],
        relationship_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Template:
        """The same page, for links that mean "plan a check-in" (the form is on it)."""
        return await self._index(me, checkins, relationship_id, {}, {})

    async def _index(
        self,
        me: User,
        checkins: CheckinService,
        relationship_id: UUID,
        values: dict[str, str],
        errors: dict[str, str],
    ) -> Template:
        access, upcoming, past = await checkins.list_for(me, relationship_id)
        clock = Clock(zone(access.me.timezone if access.me else None))
        templates = await TemplateService(checkins.session).current()
        suggested = await checkins.suggested_template(relationship_id)
        slot: Slot | None = None
        try:
            slot = await checkins.default_slot(access)
        except CheckinInvalid as exc:
            errors = {**exc.errors, **errors}
        return Template(
            "checkins/index.html",
            status_code=400 if values else 200,
            context={
                "access": access,
                "upcoming": upcoming,
                "past": past,
                "templates": templates,
                "suggested": suggested,
                **_planner(access, slot, values, clock),
                "clock": clock,
                "values": values,
                "errors": errors,
                "open_actions": await checkins.action_items(
                    me, relationship_id, include_done=False, access=access
                ),
            },
        )

    @post("/relationships/{relationship_id:uuid}/checkins", name="checkins:create", status_code=303)
    async def create(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Schedule a check-in at a chosen time, or the next one by cadence."""
        values = await form_of(request)
        access = await checkins.access(me, relationship_id, write=True)
        tz = zone(access.me.timezone if access.me else None)
        try:
            template_id = UUID(values["template_id"]) if values.get("template_id") else None
            if "template_id" not in values:
                suggested = await checkins.suggested_template(relationship_id)
                template_id = suggested.id if suggested else None
            duration = int(values.get("duration_minutes") or 45)
            when = None if values.get("by_cadence") else parse_when(values.get("when", ""), tz)
            checkin = await checkins.schedule(me, relationship_id, when, template_id, duration)
        except ValueError as exc:
            await checkins.session.rollback()
            errors = exc.errors if isinstance(exc, CheckinInvalid) else {"when": _("Check the values.")}
            return await self._index(me, checkins, relationship_id, values or {"_": ""}, errors)
        flash(request, _("The check-in is planned."), "success")
        return Redirect(f"/checkins/{checkin.id}", status_code=303)

    @get("/checkins/{checkin_id:uuid}", name="checkins:detail")
    async def detail(
        self,
        me: NamedDependency[User],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Template:
        """A check-in: its agenda, what was recorded, action items, and my own private parts."""
        return await self._detail(me, checkins, checkin_id, {})

    @get(
        [f"/checkins/{{checkin_id:uuid}}/{form}" for form in FORMS],
        name="checkins:form-addresses",
    )
    async def form_address(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Redirect:
        """A form's address opened or reloaded: back to the check-in it belongs to (never a 405)."""
        await checkins.view(me, checkin_id)
        return Redirect(f"/checkins/{checkin_id}", status_code=303)

    async def _detail(
        self,
        me: User,
        checkins: CheckinService,
        checkin_id: UUID,
        errors: dict[str, dict[str, str]],
        values: dict[str, dict[str, str]] | None = None,
    ) -> Template:
        """The check-in page; errors and typed values are keyed by form, so each stays with its own."""
        view = await checkins.view(me, checkin_id)
        clock = Clock(zone(view.access.me.timezone if view.access.me else None))
        context = {"view": view, "c": view.checkin, "clock": clock, "errors": errors, "values": values or {}}
        return Template("checkins/detail.html", status_code=400 if errors else 200, context=context)

    async def _change(
        self,
        request: Request[Any, Any, Any],
        me: User,
        checkins: CheckinService,
        checkin_id: UUID,
        form: str,
        change: Callable[[dict[str, str]], Awaitable[Any]],
        message: str,
    ) -> Response[Any]:
        values = await form_of(request)
        try:
            await change(values)
        except CheckinInvalid as exc:
            await checkins.session.rollback()
            return await self._detail(me, checkins, checkin_id, {form: exc.errors}, {form: values})
        flash(request, message, "success")
        return Redirect(f"/checkins/{checkin_id}", status_code=303)

    async def _tz(self, me: User, checkins: CheckinService, checkin_id: UUID) -> Any:
        view = await checkins.view(me, checkin_id)
        return zone(view.access.me.timezone if view.access.me else None)

    @get("/checkins/{checkin_id:uuid}/calendar.ics", name="checkins:ics")
    async def ics(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
        settings: NamedDependency[Settings],
    ) -> Response[bytes]:
        """The check-in as a calendar file."""
        view = await checkins.view(me, checkin_id)
        body = await checkin_ics(checkins.session, view.checkin, settings.base_url)
        headers = {"content-disposition": f'attachment; filename="checkin-{checkin_id}.ics"'}
        return Response(body, media_type="text/calendar", headers=headers)

    @post("/checkins/{checkin_id:uuid}/agenda", name="checkins:agenda", status_code=303)
    async def add_agenda(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Add a point to prepare the check-in."""

        async def change(v: dict[str, str]) -> Any:
            return await checkins.add_agenda_item(me, checkin_id, v.get("text", ""), v.get("section", ""))

        return await self._change(
            request, me, checkins, checkin_id, "agenda", change, _("Added to the agenda.")
        )

    @post("/checkins/{checkin_id:uuid}/record", name="checkins:record", status_code=303)
    async def record(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Save my entries, the shared notes and my private note; optionally mark it held."""

        async def change(v: dict[str, str]) -> Any:
            entries = {
                key.removeprefix("entry-"): text for key, text in v.items() if key.startswith("entry-")
            }
            return await checkins.record(
                me,
                checkin_id,
                entries=entries,
                notes=v.get("notes"),
                private_note=v.get("private_note"),
                held=v.get("action") == "held",
            )

        return await self._change(request, me, checkins, checkin_id, "record", change, _("Saved."))

    @post("/checkins/{checkin_id:uuid}/status", name="checkins:status", status_code=303)
    async def status(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Mark a check-in held, missed or cancelled."""

        async def change(v: dict[str, str]) -> Any:
            status = next((s for s in CheckinStatus if s.value == v.get("status")), None)
            if status is None:
                raise CheckinInvalid({"status": _("Choose held, missed or cancelled.")})
            return await checkins.set_status(me, checkin_id, status)

        return await self._change(request, me, checkins, checkin_id, "status", change, _("Updated."))

    @post("/checkins/{checkin_id:uuid}/reschedule", name="checkins:reschedule", status_code=303)
    async def reschedule(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Move a check-in to a new time."""
        tz = await self._tz(me, checkins, checkin_id)

        async def change(v: dict[str, str]) -> Any:
            when = parse_when(v.get("when", ""), tz)
            if when is None:
                raise CheckinInvalid({"when": _("Choose the new date and time.")})
            return await checkins.reschedule(me, checkin_id, when)

        return await self._change(
            request, me, checkins, checkin_id, "reschedule", change, _("The check-in is moved.")
        )

    @post("/checkins/{checkin_id:uuid}/actions", name="checkins:actions", status_code=303)
    async def add_action(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Add an action item with an owner and a due date."""
        view = await checkins.view(me, checkin_id)
        relationship_id = view.checkin.relationship_id

        async def change(v: dict[str, str]) -> Any:
            try:
                owner = UUID(v["owner_id"]) if v.get("owner_id") else None
            except ValueError as exc:
                raise CheckinInvalid({"owner_id": _("Choose who will do it.")}) from exc
            due = parse_day(v.get("due_on", ""))
            return await checkins.add_action_item(
                me, relationship_id, v.get("text", ""), owner, due, checkin_id
            )

        return await self._change(
            request, me, checkins, checkin_id, "actions", change, _("Action item added.")
        )

    @post("/checkins/{checkin_id:uuid}/pulse", name="checkins:pulse", status_code=303)
    async def pulse(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Answer the private wellbeing pulse for this check-in."""

        async def change(v: dict[str, str]) -> Any:
            return await answer_pulse(
                checkins.session,
                me,
                checkin_id,
                energy=parse_score(v.get("energy", ""), "energy"),
                workload=parse_score(v.get("workload", ""), "workload"),
                stress=parse_score(v.get("stress", ""), "stress"),
                wants_support=bool(v.get("wants_support")),
            )

        return await self._change(
            request, me, checkins, checkin_id, "pulse", change, _("Thank you. Only you see your answers.")
        )
