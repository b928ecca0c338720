"""Check-ins of a relationship: schedule, prepare, record, mark, and the action items that carry forward."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any, NamedTuple, TypeVar
from uuid import UUID

from sqlalchemy import BindParameter, Select, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.access import (
    Access,
    CheckinForbidden,
    CheckinInvalid,
    CheckinNotFound,
    relationship_access,
)
from mentorship.checkins.actions import ActionItemActions
from mentorship.checkins.pulse import pulse_aggregates, support_requests
from mentorship.checkins.slots import Person, Slot, find_slot
from mentorship.events.describe import describe_as
from mentorship.events.services import record
from mentorship.lib.dates import date_range, out_of_range
from mentorship.lib.i18n import _
from mentorship.lib.zones import stamp, zone_name
from mentorship.models import (
    ActionItem,
    AgendaItem,
    Checkin,
    CheckinEntry,
    CheckinStatus,
    CheckinTemplate,
    Event,
    Goal,
    GoalStatus,
    MemberRole,
    PrivateNote,
    Program,
    PulseAnswer,
    Relationship,
    RelationshipStatus,
    TemplateKind,
    User,
)
from mentorship.notifications.services import notify

__all__ = [
    "CheckinForbidden",
    "CheckinInvalid",
    "CheckinNotFound",
    "CheckinService",
    "CheckinView",
    "next_by_cadence",
    "open_action_items",
    "planning_people",
    "pulse_aggregates",
    "support_requests",
    "upcoming_and_past",
]

T = TypeVar("T")
for _type, _line in {
    "checkin.scheduled": "{actor} planned a check-in",
    "checkin.held": "{actor} marked a check-in held",
    "checkin.missed": "{actor} marked a check-in missed",
    "checkin.cancelled": "{actor} cancelled a check-in",
    "checkin.planned": "{actor} set a check-in back to planned",
    "checkin.rescheduled": "{actor} moved a check-in",
    "action_item.created": "{actor} added an action item",
    "action_item.done": "{actor} completed an action item",
    "action_item.reopened": "{actor} reopened an action item",
    "template.created": "{actor} added the check-in template {title}",
    "template.updated": "{actor} saved version {version} of the check-in template {title}",
    "template.retired": "{actor} retired the check-in template {title}",
    "template.restored": "{actor} restored the check-in template {title}",
    "pulse.support_requested": "{actor} asked a coordinator for support",
}.items():
    describe_as(_type, _line)
MAX_TEXT = 5000
LEAD = timedelta(hours=12)  # the default time leaves everyone half a day's notice


async def upcoming_and_past(
    session: AsyncSession, relationship_id: UUID
) -> tuple[Checkin | None, list[Checkin]]:
    """The next planned check-in (earliest, even if overdue) and the others that happened, newest first."""
    rows = list(
        (
            await session.execute(
                select(Checkin)
                .where(Checkin.relationship_id == relationship_id)
                .order_by(Checkin.scheduled_at)
            )
        ).scalars()
    )
    upcoming = [c for c in rows if c.is_upcoming]
    past = [c for c in reversed(rows) if not c.is_upcoming]
    return (upcoming[0] if upcoming else None), past


async def open_action_items(session: AsyncSession, relationship_id: UUID) -> list[ActionItem]:
    """Action items not done yet, soonest due first (no due date last)."""
    query = select(ActionItem).where(
        ActionItem.relationship_id == relationship_id, ActionItem.done_at.is_(None)
    )
    items = list((await session.execute(query.order_by(ActionItem.created_at))).scalars())
    return sorted(items, key=lambda a: (a.due_on is None, a.due_on or date.max))


def next_by_cadence(relationship: Relationship, last: datetime | None, now: datetime) -> datetime:
    """When the next check-in falls: one cadence after the last, never in the past, never while paused."""
    if relationship.status in (RelationshipStatus.COMPLETED, RelationshipStatus.ENDED):
        raise CheckinInvalid({"when": _("This relationship has ended; there is nothing to schedule.")})
    start = now.replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    if last is not None and out_of_range(last, now.date()):
        last = None  # stored before dates were bounded: a cadence after it could overflow the calendar
    when = last + timedelta(days=relationship.cadence_days) if last else start + timedelta(days=1)
    when = max(when, start)
    paused_until = _paused_until(relationship)
    if paused_until and when.date() < paused_until:
        when = datetime.combine(paused_until, when.timetz())
    return when


def planning_people(access: Access) -> list[Person]:
    """The members as the planner reads them: mentors first (their day and midday anchor the search)."""
    first = sorted(access.people, key=lambda mp: mp[0].role is not MemberRole.MENTOR)
    return [Person(profile.user.name, zone_name(profile.timezone)) for _m, profile in first]


def _paused_until(relationship: Relationship) -> date | None:
    if relationship.status is RelationshipStatus.PAUSED and relationship.paused_until is None:
        raise CheckinInvalid({"when": _("This relationship is paused; resume it before scheduling.")})
    if relationship.status is RelationshipStatus.PAUSED or relationship.paused_until:
        return relationship.paused_until
    return None


def _text(value: str | None, name: str, required: bool = False) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise CheckinInvalid({name: _("Write something first.")})
    if len(text) > MAX_TEXT:
        raise CheckinInvalid({name: _("Keep it under {count} characters.").format(count=MAX_TEXT)})
    return text


@dataclass
class CheckinView:
    """A check-in as one person sees it: shared parts always, private parts only their own."""

    checkin: Checkin
    access: Access
    template: CheckinTemplate | None
    agenda: list[AgendaItem]
    carried: list[ActionItem]
    goals: list[Goal]
    entries: dict[str, list[CheckinEntry]]
    actions: list[ActionItem]
    private_note: str = ""
    my_pulse: PulseAnswer | None = None
    sections: list[dict[str, str]] = field(default_factory=list)
    may_change_status: bool = False
    deletable: set[UUID] = field(default_factory=set)

    @property
    def can_write(self) -> bool:
        """Members write; coordinators only read."""
        return self.access.is_member

    @property
    def is_upcoming(self) -> bool:
        """Planned or moved, not yet held, missed or cancelled."""
        return self.checkin.is_upcoming


class CheckinService(ActionItemActions):
    """Check-ins and action items for the person asking."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def access(self, user: User, relationship_id: UUID, write: bool = False) -> Access:
        """The relationship if this person may see it (write: only members)."""
        return await relationship_access(self.session, user, relationship_id, write=write)

    async def _checkin(self, user: User, checkin_id: UUID, write: bool = False) -> tuple[Checkin, Access]:
        checkin = await self.session.get(Checkin, checkin_id)
        if checkin is None:
            raise CheckinNotFound(checkin_id)
        return checkin, await self.access(user, checkin.relationship_id, write)

    async def list_for(
        self, user: User, relationship_id: UUID
    ) -> tuple[Access, list[Checkin], list[Checkin]]:
        """A relationship's upcoming check-ins (soonest first) and the rest (newest first)."""
        access = await self.access(user, relationship_id)
        query = (
            select(Checkin).where(Checkin.relationship_id == relationship_id).order_by(Checkin.scheduled_at)
        )
        rows = list((await self.session.execute(query)).scalars())
        return (
            access,
            [c for c in rows if c.is_upcoming],
            [c for c in reversed(rows) if not c.is_upcoming],
        )

    async def suggested_template(self, relationship_id: UUID) -> CheckinTemplate | None:
        """The first-meeting template before any check-in, then the program's agenda or the regular one.

        A program's agenda is suggested in its current version; before the first check-in only
        if it is itself a first-meeting agenda (people still choose any template in the form).
        """
        has_any = await self.session.scalar(
            select(Checkin.id).where(Checkin.relationship_id == relationship_id).limit(1)
        )
        kind = TemplateKind.REGULAR if has_any else TemplateKind.FIRST
        programs = (
            select(CheckinTemplate.key)
            .join(Program, Program.agenda_template_id == CheckinTemplate.id)
            .join(Relationship, Relationship.program_id == Program.id)
            .where(Relationship.id == relationship_id)
            .scalar_subquery()
        )
        chosen = await self.session.scalar(
            select(CheckinTemplate).where(
                CheckinTemplate.key == programs, CheckinTemplate.current, ~CheckinTemplate.retired
            )
        )
        if chosen is not None and (chosen.kind is TemplateKind.FIRST) is (kind is TemplateKind.FIRST):
            return chosen
        query = select(CheckinTemplate).where(
            CheckinTemplate.kind == kind, CheckinTemplate.current, ~CheckinTemplate.retired
        )
        return (await self.session.execute(query.order_by(CheckinTemplate.built_in.desc()).limit(1))).scalar()

    async def next_time(self, relationship: Relationship) -> datetime:
        """When the next check-in falls by the relationship's cadence."""
        now = datetime.now(UTC)
        latest = datetime.combine(date_range(now.date())[1], time.max, tzinfo=UTC)
        query = (
            select(Checkin.scheduled_at)
            .where(Checkin.relationship_id == relationship.id, Checkin.status != CheckinStatus.CANCELLED)
            .where(Checkin.scheduled_at <= latest)  # a row stored before dates were bounded is no guide
            .order_by(Checkin.scheduled_at.desc())
            .limit(1)
        )
        return next_by_cadence(relationship, await self.session.scalar(query), now)

    async def default_slot(self, access: Access) -> Slot:
        """The next check-in's default: on its cadence date or after, inside everyone's working hours."""
        due = await self.next_time(access.relationship)
        people = planning_people(access)
        if not people:  # everyone left: the cadence alone decides
            return Slot(due)
        not_before = datetime.now(UTC) + LEAD
        if paused_until := _paused_until(access.relationship):
            not_before = max(not_before, datetime.combine(paused_until, time(0), tzinfo=UTC))
        return find_slot(people, people[0].local(due).date(), not_before=not_before)

    async def schedule(
        self,
        user: User,
        relationship_id: UUID,
        when: datetime | None,
        template_id: UUID | None,
        duration_minutes: int = 45,
    ) -> Checkin:
        """Plan a check-in at a time, or at the next one by cadence when no time is given."""
        access = await self.access(user, relationship_id, write=True)
        relationship = access.relationship
        if when is None:
            when = (await self.default_slot(access)).start
        else:
            if relationship.status in (RelationshipStatus.COMPLETED, RelationshipStatus.ENDED):
                raise CheckinInvalid(
                    {"when": _("This relationship has ended; there is nothing to schedule.")}
                )
            paused_until = _paused_until(relationship)
            if paused_until and when.date() < paused_until:
                raise CheckinInvalid(
                    {
                        "when": _("This relationship is paused until {day}.").format(
                            day=paused_until.isoformat()
                        )
                    }
                )
        if not 10 <= duration_minutes <= 480:
            raise CheckinInvalid({"duration_minutes": _("Choose between 10 and 480 minutes.")})
        template = None
        if template_id is not None:
            template = await self.session.get(CheckinTemplate, template_id)
            if template is None or template.retired or not template.current:
                raise CheckinInvalid({"template_id": _("Choose one of the offered templates.")})
        checkin = Checkin(
            relationship_id=relationship.id,
            template_id=template.id if template else None,
            scheduled_at=when.astimezone(UTC),
            duration_minutes=duration_minutes,
            status=CheckinStatus.PLANNED,
        )
        self.session.add(checkin)
        await self.session.flush()
        record(
            self.session,
            "checkin.scheduled",
            "checkin",
            checkin.id,
            user.id,
            at=checkin.scheduled_at.isoformat(),
        )
        for other in access.others():
            notify(
                self.session,
                other.user_id,
                "checkin",
                _("{name} planned a check-in for {day}.").format(
                    name=user.name, day=stamp(checkin.scheduled_at)
                ),
                f"/checkins/{checkin.id}",
            )
        await self.session.commit()
        return checkin

    async def view(self, user: User, checkin_id: UUID) -> CheckinView:
        """A check-in with its agenda, records and, for a member, their own private parts."""
        checkin, access = await self._checkin(user, checkin_id)
        template = (
            await self.session.get(CheckinTemplate, checkin.template_id) if checkin.template_id else None
        )
        at = checkin.held_at or checkin.scheduled_at
        queries = _view_queries()
        ids = {"checkin": checkin.id, "relationship": checkin.relationship_id, "at": at}
        agenda = await self._all(queries.agenda, ids)
        carried = await self._all(queries.carried, ids)
        goals = await self._all(queries.goals, ids)
        entries: dict[str, list[CheckinEntry]] = {}
        for entry in await self._all(queries.entries, ids):
            entries.setdefault(entry.section, []).append(entry)
        actions = await self._all(queries.actions, ids)
        view = CheckinView(checkin, access, template, agenda, carried, goals, entries, actions)
        view.sections = (
            list(template.sections) if template else [{"key": "notes", "title": _("Notes"), "prompt": ""}]
        )
        if access.me is not None:
            # Private parts: only ever the asking member's own, looked up by their profile id.
            mine = {"checkin": checkin.id, "me": access.me.id}
            view.private_note = await self.session.scalar(queries.note, mine) or ""
            view.my_pulse = await self.session.scalar(queries.pulse, mine)
            view.may_change_status = await self.may_change_status(user, checkin, access)
            view.deletable = await self.deletable_actions(user, access, [*carried, *actions])
        return view

    async def _all(self, query: Select[T], params: dict[str, Any] | None = None) -> list[T]:
        return list((await self.session.execute(query, params)).scalars())

    async def add_agenda_item(self, user: User, checkin_id: UUID, text: str, section: str = "") -> AgendaItem:
        """A member adds a point to prepare the check-in."""
        checkin, access = await self._checkin(user, checkin_id, write=True)
        assert access.me is not None
        item = AgendaItem(
            checkin_id=checkin.id,
            author_id=access.me.id,
            section=(section or "").strip()[:80],
            text=_text(text, "text", required=True),
            created_at=datetime.now(UTC),
        )
        self.session.add(item)
        await self.session.commit()
        return item

    async def record(
        self,
        user: User,
        checkin_id: UUID,
        *,
        entries: dict[str, str] | None = None,
        notes: str | None = None,
        private_note: str | None = None,
        held: bool = False,
    ) -> Checkin:
        """Save what a member wrote: their entry per section, the shared notes, their private note."""
        checkin, access = await self._checkin(user, checkin_id, write=True)
        assert access.me is not None
        now = datetime.now(UTC)
        template = (
            await self.session.get(CheckinTemplate, checkin.template_id) if checkin.template_id else None
        )
        known = {s["key"] for s in template.sections} if template else {"notes"}
        for section, raw in (entries or {}).items():
            if section not in known:
                raise CheckinInvalid({f"entry-{section}": _("That section is not on this agenda.")})
            text = _text(raw, f"entry-{section}")
            mine = await self.session.scalar(
                select(CheckinEntry).where(
                    CheckinEntry.checkin_id == checkin.id,
                    CheckinEntry.author_id == access.me.id,
                    CheckinEntry.section == section,
                )
            )
            if mine is not None and not text:
                await self.session.delete(mine)
            elif mine is not None:
                mine.text = text
            elif text:
                self.session.add(
                    CheckinEntry(
                        checkin_id=checkin.id,
                        author_id=access.me.id,
                        section=section,
                        text=text,
                        created_at=now,
                    )
                )
        if notes is not None:
            checkin.notes = _text(notes, "notes")
        if private_note is not None:
            await self._save_private_note(checkin.id, access.me.id, _text(private_note, "private_note"), now)
        if held and checkin.status is not CheckinStatus.HELD:
            checkin.status = CheckinStatus.HELD
            checkin.held_at = now
            record(self.session, "checkin.held", "checkin", checkin.id, user.id)
        await self.session.commit()
        return checkin

    async def _save_private_note(self, checkin_id: UUID, author_id: UUID, text: str, now: datetime) -> None:
        note = await self.session.scalar(
            select(PrivateNote).where(
                PrivateNote.checkin_id == checkin_id, PrivateNote.author_id == author_id
            )
        )
        if note is None and text:
            self.session.add(
                PrivateNote(checkin_id=checkin_id, author_id=author_id, text=text, updated_at=now)
            )
        elif note is not None and text:
            note.text, note.updated_at = text, now
        elif note is not None:
            await self.session.delete(note)

    async def set_status(self, user: User, checkin_id: UUID, status: CheckinStatus) -> Checkin:
        """Mark a check-in held, missed or cancelled; the other members hear of it."""
        checkin, access = await self._checkin(user, checkin_id, write=True)
        if status not in (
            CheckinStatus.HELD,
            CheckinStatus.MISSED,
            CheckinStatus.CANCELLED,
            CheckinStatus.PLANNED,
        ):
            raise CheckinInvalid({"status": _("Reschedule by choosing a new date.")})
        if status is checkin.status:
            return checkin
        if not await self.may_change_status(user, checkin, access):
            raise CheckinInvalid(
                {"status": _("Only a mentor or the person who marked it held can change a held check-in.")}
            )
        checkin.status = status
        checkin.held_at = datetime.now(UTC) if status is CheckinStatus.HELD else None
        if status is CheckinStatus.CANCELLED:
            checkin.sequence += 1  # calendars drop a cancelled event only when its sequence grows
        record(self.session, f"checkin.{status.value}", "checkin", checkin.id, user.id)
        for other in access.others():
            notify(
                self.session,
                other.user_id,
                "checkin",
                _("{name} marked the check-in of {day} as {status}.").format(
                    name=user.name,
                    day=checkin.scheduled_at.strftime("%Y-%m-%d %H:%M UTC"),
                    status=_(status.value),
                ),
                f"/checkins/{checkin.id}",
            )
        await self.session.commit()
        return checkin

    async def may_change_status(self, user: User, checkin: Checkin, access: Access) -> bool:
        """Members change a check-in's status; once held, only a mentor or whoever marked it held."""
        if access.me is None:
            return False
        if not checkin.is_held or access.relationship.is_mentor(access.me.id):
            return True
        # The relationship's record rests on held check-ins: a mentee may not quietly undo a mentor's.
        marked_by = await self.session.scalar(
            select(Event.actor_id)
            .where(
                Event.subject_type == "checkin", Event.subject_id == checkin.id, Event.type == "checkin.held"
            )
            .order_by(Event.at.desc())
            .limit(1)
        )
        return marked_by == user.id

    async def reschedule(self, user: User, checkin_id: UUID, when: datetime) -> Checkin:
        """Move a check-in: a new date, a bumped iCalendar sequence, and a note to the others."""
        checkin, access = await self._checkin(user, checkin_id, write=True)
        if checkin.is_held:
            raise CheckinInvalid({"when": _("This check-in was held; plan a new one instead.")})
        paused_until = _paused_until(access.relationship)
        if paused_until and when.date() < paused_until:
            raise CheckinInvalid(
                {"when": _("This relationship is paused until {day}.").format(day=paused_until.isoformat())}
            )
        before = checkin.scheduled_at
        checkin.scheduled_at = when.astimezone(UTC)
        checkin.status = CheckinStatus.RESCHEDULED
        checkin.held_at = None
        checkin.sequence += 1
        record(
            self.session,
            "checkin.rescheduled",
            "checkin",
            checkin.id,
            user.id,
            before=before.isoformat(),
            after=checkin.scheduled_at.isoformat(),
        )
        for other in access.others():
            notify(
                self.session,
                other.user_id,
                "checkin",
                _("{name} moved a check-in to {day}.").format(
                    name=user.name, day=checkin.scheduled_at.strftime("%Y-%m-%d %H:%M UTC")
                ),
                f"/checkins/{checkin.id}",
            )
        await self.session.commit()
        return checkin

    async def action_items(
        self, user: User, relationship_id: UUID, include_done: bool = True, *, access: Access | None = None
    ) -> list[ActionItem]:
        """A relationship's action items, open ones first (``access``: already checked for this person)."""
        if access is None or access.relationship.id != relationship_id:
            await self.access(user, relationship_id)
        query = select(ActionItem).where(ActionItem.relationship_id == relationship_id)
        if not include_done:
            query = query.where(ActionItem.done_at.is_(None))
        items = await self._all(query.order_by(ActionItem.created_at))
        return sorted(items, key=lambda a: (a.done_at is not None, a.due_on or date.max))

    async def add_action_item(
        self,
        user: User,
        relationship_id: UUID,
        text: str,
        owner_id: UUID | None,
        due_on: date | None,
        checkin_id: UUID | None = None,
    ) -> ActionItem:
        """A member adds an action item with an owner from the relationship and an optional due date."""
        access = await self.access(user, relationship_id, write=True)
        errors: dict[str, str] = {}
        if owner_id is not None and owner_id not in {p.id for _m, p in access.people}:
            errors["owner_id"] = _("The owner must be someone in this relationship.")
        if checkin_id is not None:
            checkin = await self.session.get(Checkin, checkin_id)
            if checkin is None or checkin.relationship_id != relationship_id:
                errors["checkin_id"] = _("That check-in is not part of this relationship.")
        try:
            body = _text(text, "text", required=True)
        except CheckinInvalid as exc:
            errors.update(exc.errors)
        if errors:
            raise CheckinInvalid(errors)
        item = ActionItem(
            relationship_id=relationship_id,
            checkin_id=checkin_id,
            owner_id=owner_id,
            text=body,
            due_on=due_on,
        )
        self.session.add(item)
        await self.session.flush()
        record(
            self.session,
            "action_item.created",
            "action_item",
            item.id,
            user.id,
            relationship_id=relationship_id,
        )
        await self.session.commit()
        return item


class _ViewQueries(NamedTuple):
    """A check-in page's statements, with the check-in, its relationship, its time and me bound."""

    agenda: Select[AgendaItem]
    carried: Select[ActionItem]
    goals: Select[Goal]
    entries: Select[CheckinEntry]
    actions: Select[ActionItem]
    note: Select[str]
    pulse: Select[PulseAnswer]


@cache
def _view_queries() -> _ViewQueries:
    """Built once: a check-in's page runs seven, and building them cost more than SQLite ran them."""
    checkin: BindParameter[UUID] = bindparam("checkin")
    relationship: BindParameter[UUID] = bindparam("relationship")
    at: BindParameter[datetime] = bindparam("at")
    me: BindParameter[UUID] = bindparam("me")
    return _ViewQueries(
        agenda=select(AgendaItem).where(AgendaItem.checkin_id == checkin).order_by(AgendaItem.created_at),
        # Carried over: open then, from before this check-in, not its own.
        carried=select(ActionItem)
        .where(
            ActionItem.relationship_id == relationship,
            or_(ActionItem.checkin_id.is_(None), ActionItem.checkin_id != checkin),
            ActionItem.created_at < at,
            or_(ActionItem.done_at.is_(None), ActionItem.done_at >= at),
        )
        .order_by(ActionItem.created_at),
        goals=select(Goal)
        .where(
            Goal.relationship_id == relationship,
            Goal.status.in_([GoalStatus.OPEN, GoalStatus.IN_PROGRESS]),
        )
        .order_by(Goal.position, Goal.created_at),
        entries=select(CheckinEntry)
        .where(CheckinEntry.checkin_id == checkin)
        .order_by(CheckinEntry.created_at),
        actions=select(ActionItem).where(ActionItem.checkin_id == checkin).order_by(ActionItem.created_at),
        note=select(PrivateNote.text).where(PrivateNote.checkin_id == checkin, PrivateNote.author_id == me),
        pulse=select(PulseAnswer).where(PulseAnswer.checkin_id == checkin, PulseAnswer.profile_id == me),
    )
