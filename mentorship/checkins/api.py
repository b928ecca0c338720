"""JSON API for check-ins, action items, agenda templates and my own pulse."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Request, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import FromPath, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import COORDINATOR, SIGNED_IN, coordinator, signed_in
from mentorship.checkins.agendas import (
    TemplateIn,
    TemplateInvalid,
    TemplateService,
)
from mentorship.checkins.deps import provide_checkins, provide_templates
from mentorship.checkins.pulse import answer_pulse, my_answers
from mentorship.checkins.schemas import check_in_range
from mentorship.checkins.services import CheckinInvalid, CheckinService, CheckinView
from mentorship.models import (
    ActionItem,
    AgendaItem,
    Checkin,
    CheckinStatus,
    CheckinTemplate,
    PulseAnswer,
    User,
)

Text = Annotated[str, msgspec.Meta(max_length=5000)]
Score = Annotated[int, msgspec.Meta(ge=1, le=5)]


class CheckinOut(msgspec.Struct):
    """A check-in's schedule and state."""

    id: UUID
    relationship_id: UUID
    template_id: UUID | None
    scheduled_at: datetime
    duration_minutes: int
    status: str
    held_at: datetime | None
    sequence: int


class AgendaItemOut(msgspec.Struct):
    """A point someone added to the agenda."""

    id: UUID
    section: str
    text: str
    author_id: UUID | None
    created_at: datetime


class ActionItemOut(msgspec.Struct):
    """An action item of a relationship."""

    id: UUID
    relationship_id: UUID
    checkin_id: UUID | None
    owner_id: UUID | None
    text: str
    due_on: date | None
    done_at: datetime | None


class EntryOut(msgspec.Struct):
    """What a member wrote under a section (shared in the relationship)."""

    section: str
    author_id: UUID | None
    text: str


class PulseOut(msgspec.Struct):
    """One of my own pulse answers."""

    id: UUID
    checkin_id: UUID | None
    energy: int | None
    workload: int | None
    stress: int | None
    wants_support: bool
    created_at: datetime


class CheckinDetailOut(msgspec.Struct):
    """A check-in with its agenda and shared records; private parts only the asker's own."""

    checkin: CheckinOut
    sections: list[dict[str, str]]
    agenda: list[AgendaItemOut]
    carried_forward: list[ActionItemOut]
    goals: list[str]
    entries: list[EntryOut]
    notes: str
    action_items: list[ActionItemOut]
    my_private_note: str | None = None
    my_pulse: PulseOut | None = None


class CheckinIn(msgspec.Struct, forbid_unknown_fields=True):
    """Plan a check-in at a time, or by cadence when `scheduled_at` is left out."""

    scheduled_at: datetime | None = None
    template_id: UUID | None = None
    duration_minutes: Annotated[int, msgspec.Meta(ge=10, le=480)] = 45


class CheckinPatch(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Change a check-in: its status, its time (a reschedule), or what I recorded."""

    status: Literal["held", "missed", "cancelled", "planned"] | None = None
    scheduled_at: datetime | None = None
    notes: Text | None = None
    private_note: Text | None = None
    entries: dict[Annotated[str, msgspec.Meta(max_length=80)], Text] | None = None


class AgendaIn(msgspec.Struct, forbid_unknown_fields=True):
    """A point to add to the agenda."""

    text: Text = ""
    section: Annotated[str, msgspec.Meta(max_length=80)] = ""


class ActionItemIn(msgspec.Struct, forbid_unknown_fields=True):
    """An action item: what, who (a member's profile id) and by when."""

    text: Text = ""
    owner_id: UUID | None = None
    due_on: date | None = None
    checkin_id: UUID | None = None


class ActionItemPatch(msgspec.Struct, forbid_unknown_fields=True):
    """Changes to an action item; fields left out stay as they are (`null` clears owner or due date)."""

    text: Text | msgspec.UnsetType = msgspec.UNSET
    owner_id: UUID | msgspec.UnsetType | None = msgspec.UNSET
    due_on: date | msgspec.UnsetType | None = msgspec.UNSET
    done: bool | msgspec.UnsetType = msgspec.UNSET


class DoneIn(msgspec.Struct, forbid_unknown_fields=True):
    """Tick an action item off, or open it again."""

    done: bool = True


class TemplateOut(msgspec.Struct):
    """One version of a template."""

    id: UUID
    key: str
    version: int
    title: str
    kind: str
    description: str
    sections: list[dict[str, Any]]
    built_in: bool
    current: bool
    retired: bool


class PulseIn(msgspec.Struct, forbid_unknown_fields=True):
    """My answers (each optional) and whether I'd like support from a coordinator."""

    checkin_id: UUID | None = None
    energy: Score | None = None
    workload: Score | None = None
    stress: Score | None = None
    wants_support: bool = False


def checkin_out(c: Checkin) -> CheckinOut:
    """A check-in as JSON."""
    return CheckinOut(
        c.id,
        c.relationship_id,
        c.template_id,
        c.scheduled_at,
        c.duration_minutes,
        c.status.value,
        c.held_at,
        c.sequence,
    )


def action_out(a: ActionItem) -> ActionItemOut:
    """An action item as JSON."""
    return ActionItemOut(a.id, a.relationship_id, a.checkin_id, a.owner_id, a.text, a.due_on, a.done_at)


def pulse_out(p: PulseAnswer) -> PulseOut:
    """A pulse answer as JSON (only ever shown to its author)."""
    return PulseOut(p.id, p.checkin_id, p.energy, p.workload, p.stress, p.wants_support, p.created_at)


def template_out(t: CheckinTemplate) -> TemplateOut:
    """A template version as JSON."""
    return TemplateOut(
        t.id,
        t.key,
        t.version,
        t.title,
        t.kind.value,
        t.description,
        list(t.sections),
        t.built_in,
        t.current,
        t.retired,
    )


def _agenda_out(a: AgendaItem) -> AgendaItemOut:
    return AgendaItemOut(a.id, a.section, a.text, a.author_id, a.created_at)


def detail_out(view: CheckinView) -> CheckinDetailOut:
    """A check-in view as JSON; private fields are filled only for the member asking."""
    member = view.access.is_member
    return CheckinDetailOut(
        checkin=checkin_out(view.checkin),
        sections=[{k: str(v) for k, v in s.items()} for s in view.sections],
        agenda=[_agenda_out(a) for a in view.agenda],
        carried_forward=[action_out(a) for a in view.carried],
        goals=[g.title for g in view.goals],
        entries=[EntryOut(e.section, e.author_id, e.text) for items in view.entries.values() for e in items],
        notes=view.checkin.notes,
        action_items=[action_out(a) for a in view.actions],
        my_private_note=view.private_note if member else None,
        my_pulse=pulse_out(view.my_pulse) if view.my_pulse else None,
    )


def invalid(exc: CheckinInvalid | TemplateInvalid) -> ValidationException:
    """Per-field errors in the API's error shape."""
    return ValidationException(
        "Invalid values", extra=[{"key": k, "message": m} for k, m in exc.errors.items()]
    )


class CheckinApiController(Controller):
    """Check-ins and action items of the relationships I am in (coordinators read the shared parts)."""

    path = "/api/v1"
    tags = ["check-ins"]
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"checkins": Provide(provide_checkins)}

    @get("/relationships/{relationship_id:uuid}/checkins", name="api:checkins")
    async def list_checkins(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> list[CheckinOut]:
        """A relationship's check-ins, upcoming first (soonest first), then the rest (newest first)."""
        _access, upcoming, past = await checkins.list_for(me, relationship_id)
        return [checkin_out(c) for c in [*upcoming, *past]]

    @post("/relationships/{relationship_id:uuid}/checkins", name="api:checkins:create", status_code=201)
    async def create(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        data: JSONBody[CheckinIn],
        checkins: NamedDependency[CheckinService],
    ) -> CheckinOut:
        """Plan a check-in (members only)."""
        when = data.scheduled_at
        if when is not None and when.tzinfo is None:
            raise ValidationException("scheduled_at needs a time zone offset")
        check_in_range(when, "scheduled_at")
        call = checkins.schedule(me, relationship_id, when, data.template_id, data.duration_minutes)
        return checkin_out(await call)

    @get("/checkins/{checkin_id:uuid}", name="api:checkins:detail")
    async def detail(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> CheckinDetailOut:
        """A check-in with its agenda (carried-forward action items included) and records."""
        return detail_out(await checkins.view(me, checkin_id))

    @patch("/checkins/{checkin_id:uuid}", name="api:checkins:update")
    async def update(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        data: JSONBody[CheckinPatch],
        checkins: NamedDependency[CheckinService],
    ) -> CheckinDetailOut:
        """Record, reschedule (a new `scheduled_at`) or mark a check-in (members only)."""
        check_in_range(data.scheduled_at, "scheduled_at")
        if data.scheduled_at is not None:
            if data.scheduled_at.tzinfo is None:
                raise CheckinInvalid({"scheduled_at": "Give a time zone offset."})
            await checkins.reschedule(me, checkin_id, data.scheduled_at)
        if data.entries is not None or data.notes is not None or data.private_note is not None:
            call = checkins.record(
                me, checkin_id, entries=data.entries, notes=data.notes, private_note=data.private_note
            )
            await call
        if data.status is not None:
            await checkins.set_status(me, checkin_id, CheckinStatus(data.status))
        return detail_out(await checkins.view(me, checkin_id))

    @post("/checkins/{checkin_id:uuid}/agenda", name="api:checkins:agenda", status_code=201)
    async def add_agenda(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        checkin_id: FromPath[UUID],
        data: JSONBody[AgendaIn],
        checkins: NamedDependency[CheckinService],
    ) -> AgendaItemOut:
        """Add a point to a check-in's agenda (members only)."""
        return _agenda_out(await checkins.add_agenda_item(me, checkin_id, data.text, data.section))

    @get("/relationships/{relationship_id:uuid}/action-items", name="api:action-items")
    async def list_actions(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> list[ActionItemOut]:
        """A relationship's action items, open ones first."""
        return [action_out(a) for a in await checkins.action_items(me, relationship_id)]

    @post(
        "/relationships/{relationship_id:uuid}/action-items", name="api:action-items:create", status_code=201
    )
    async def create_action(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        data: JSONBody[ActionItemIn],
        checkins: NamedDependency[CheckinService],
    ) -> ActionItemOut:
        """Add an action item; the owner must be a member (members only)."""
        check_in_range(data.due_on, "due_on")
        call = checkins.add_action_item(
            me, relationship_id, data.text, data.owner_id, data.due_on, data.checkin_id
        )
        return action_out(await call)

    @post("/action-items/{action_item_id:uuid}/done", name="api:action-items:done", status_code=200)
    async def done(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        action_item_id: FromPath[UUID],
        data: JSONBody[DoneIn],
        checkins: NamedDependency[CheckinService],
    ) -> ActionItemOut:
        """Tick an action item off (or `{"done": false}` to open it again)."""
        return action_out(await checkins.set_action_done(me, action_item_id, data.done))

    @patch("/action-items/{action_item_id:uuid}", name="api:action-items:update")
    async def update_action(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        action_item_id: FromPath[UUID],
        data: JSONBody[ActionItemPatch],
        checkins: NamedDependency[CheckinService],
    ) -> ActionItemOut:
        """Change an action item's text, owner or due date, or tick it off (members only)."""
        item, _access = await checkins.action_item(me, action_item_id, write=True)
        text = item.text if data.text is msgspec.UNSET else data.text
        owner = item.owner_id if data.owner_id is msgspec.UNSET else data.owner_id
        due = item.due_on if data.due_on is msgspec.UNSET else data.due_on
        check_in_range(due, "due_on")
        item = await checkins.edit_action_item(me, action_item_id, text, owner, due)
        if data.done is not msgspec.UNSET:
            item = await checkins.set_action_done(me, action_item_id, data.done)
        return action_out(item)

    @delete("/action-items/{action_item_id:uuid}", name="api:action-items:delete", status_code=204)
    async def delete_action(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        action_item_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> None:
        """Delete an action item: only the one who added it or its owner."""
        await checkins.delete_action_item(me, action_item_id)


class TemplateApiController(Controller):
    """Agenda templates: everyone signed in reads them, coordinators keep them."""

    path = "/api/v1/checkin-templates"
    tags = ["check-in templates"]
    dependencies = {"templates": Provide(provide_templates)}

    @get("/", name="api:checkin-templates", guards=[signed_in], opt=SIGNED_IN)
    async def list_templates(self, templates: NamedDependency[TemplateService]) -> list[TemplateOut]:
        """The current version of every template that is offered."""
        return [template_out(t) for t in await templates.current()]

    @post("/", name="api:checkin-templates:create", guards=[coordinator], opt=COORDINATOR, status_code=201)
    async def create(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        data: JSONBody[TemplateIn],
        templates: NamedDependency[TemplateService],
    ) -> TemplateOut:
        """Add a template (coordinators)."""
        return template_out(await templates.create(data.checked(), me))

    @patch("/{template_id:uuid}", name="api:checkin-templates:update", guards=[coordinator], opt=COORDINATOR)
    async def update(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        template_id: FromPath[UUID],
        data: JSONBody[TemplateIn],
        templates: NamedDependency[TemplateService],
    ) -> TemplateOut:
        """Save a new version of a template (coordinators); check-ins keep the version they used."""
        form = data.checked()
        return template_out(await templates.update(template_id, form, me))

    @post(
        "/{template_id:uuid}/retire",
        name="api:checkin-templates:retire",
        guards=[coordinator],
        opt=COORDINATOR,
    )
    async def retire(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        template_id: FromPath[UUID],
        templates: NamedDependency[TemplateService],
    ) -> TemplateOut:
        """Stop offering a template (coordinators)."""
        return template_out(await templates.set_retired(template_id, True, me))


class PulseApiController(Controller):
    """My own wellbeing answers: nobody else can read them."""

    path = "/api/v1/me/pulse"
    tags = ["wellbeing"]
    guards = [signed_in]
    opt = SIGNED_IN

    @get("/", name="api:pulse")
    async def mine(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
    ) -> list[PulseOut]:
        """My answers, oldest first."""
        return [pulse_out(p) for p in await my_answers(db_session, me)]

    @post("/", name="api:pulse:answer", status_code=201)
    async def answer(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        data: JSONBody[PulseIn],
        db_session: NamedDependency[AsyncSession],
    ) -> PulseOut:
        """Answer the pulse (for one of my check-ins, or on its own)."""
        call = answer_pulse(
            db_session,
            me,
            data.checkin_id,
            energy=data.energy,
            workload=data.workload,
            stress=data.stress,
            wants_support=data.wants_support,
        )
        return pulse_out(await call)
