"""JSON API for relationships: list, read, goals, pause, resume, cadence, completion, early end, re-match."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Request, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import (
    ClientException,
    NotFoundException,
    PermissionDeniedException,
)
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.config import Settings
from mentorship.events.scope import PROGRAM_COORDINATOR, program_scope
from mentorship.lib.figures import FIGURES_STORE
from mentorship.models import Goal, GoalNote, RelationshipStatus, User
from mentorship.relationships.dashboard import kept_dashboard
from mentorship.relationships.deps import provide_relationships
from mentorship.relationships.goals import GoalIn, NoteIn
from mentorship.relationships.lifecycle import EndIn, PauseIn, ReflectionIn, check_cadence
from mentorship.relationships.load import own_load
from mentorship.relationships.services import (
    RelationshipItem,
    RelationshipPage,
    RelationshipService,
)


class MemberOut(msgspec.Struct):
    """Someone in a relationship (public profile link)."""

    profile_id: UUID
    name: str
    role: str


class NoteOut(msgspec.Struct):
    """A progress note."""

    id: UUID
    text: str
    author_id: UUID | None
    created_at: datetime


class GoalOut(msgspec.Struct):
    """An agreed goal with its notes."""

    id: UUID
    title: str
    description: str
    status: str
    notes: list[NoteOut] = []


class ReflectionOut(msgspec.Struct):
    """My closing reflection with my before/after self-assessment (only ever sent to me)."""

    text: str
    self_assessment_before: dict[str, int] | None
    self_assessment_after: dict[str, int] | None


class RelationshipOut(msgspec.Struct):
    """A relationship as the asker may see it."""

    id: UUID
    kind: str
    status: str
    started_at: datetime
    ended_at: datetime | None
    cadence_days: int
    paused_until: date | None
    rematch_requested: bool
    members: list[MemberOut]
    goals: list[GoalOut] | None = None
    next_checkin_at: datetime | None = None
    reflections: list[str] | None = None
    my_reflection: ReflectionOut | None = None
    end_reason: str | None = None  # coordinators only
    changed_goal: GoalOut | None = None
    # The program it belongs to; empty for one over the whole community.
    program_slug: str = ""
    program_name: str = ""


class CadenceIn(msgspec.Struct, forbid_unknown_fields=True):
    """Days between check-ins."""

    days: int  # checked by lifecycle.check_cadence, the rule the form uses too


class Conflict(ClientException):
    """409: the change does not fit the relationship's state."""

    status_code = 409


def _members(item: RelationshipItem) -> list[MemberOut]:
    return [MemberOut(p.id, p.user.name, m.role.value) for m, p in item.people]


def _summary(item: RelationshipItem) -> RelationshipOut:
    r = item.relationship
    return RelationshipOut(
        r.id, r.kind.value, r.status.value, r.started_at, r.ended_at, r.cadence_days, r.paused_until,
        r.rematch_requested, _members(item),
        program_slug=item.program.slug if item.program else "",
        program_name=item.program.name if item.program else "",
    )  # fmt: skip


def _goal(goal: Goal, notes: list[GoalNote]) -> GoalOut:
    return GoalOut(
        goal.id,
        goal.title,
        goal.description,
        goal.status.value,
        [NoteOut(n.id, n.text, n.author_id, n.created_at) for n in notes],
    )


def _full(page: RelationshipPage) -> RelationshipOut:
    out = _summary(page.item)
    out.goals = [_goal(goal, notes) for goal, notes in page.goals]
    out.next_checkin_at = page.next_checkin.scheduled_at if page.next_checkin else None
    out.reflections = [text for _p, text in page.reflections]
    if page.mine is not None:
        out.my_reflection = ReflectionOut(
            page.mine.text, page.mine.self_assessment_before, page.mine.self_assessment_after
        )
    out.end_reason = page.end_reason
    return out


async def _run(
    relationships: RelationshipService, user: User, relationship_id: UUID, work: Any
) -> RelationshipOut:
    """Run a change and answer with the relationship as it is now (refusals map to HTTP in the app)."""
    done = await work
    out = _full(await relationships.page(user, relationship_id))
    if isinstance(done, (Goal, GoalNote)):
        goal_id = done.id if isinstance(done, Goal) else done.goal_id
        out.changed_goal = next((g for g in out.goals or [] if g.id == goal_id), None)
    return out


class RelationshipApiController(Controller):
    """Relationships as JSON: members act, coordinators read (and may end one)."""

    path = "/api/v1/relationships"
    tags = ["relationships"]
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"relationships": Provide(provide_relationships)}

    @get("/", name="api:relationships")
    async def list_relationships(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationships: NamedDependency[RelationshipService],
        listing: Annotated[Literal["mine", "all"], QueryParameter(name="scope")] = "mine",
        status: FromQuery[Literal["active", "paused", "completed", "ended"] | None] = None,
        program: Annotated[str, QueryParameter(max_length=80)] = "",
    ) -> list[RelationshipOut]:
        """My relationships; coordinators may ask for all of them with scope=all.

        ``program=<slug>``: in that program only. With scope=all, a program's coordinators see
        their programs' relationships (their first program unless they name one).
        """
        if listing == "all":
            seen = await program_scope(relationships.session, me, program)
            if not me.is_coordinator and seen.chosen is None:
                raise PermissionDeniedException("Only coordinators can list every relationship.")
            items = await relationships.all(
                RelationshipStatus(status) if status else None, program_id=seen.program_id
            )
        else:
            items = [
                i
                for i in await relationships.mine(me, program)
                if status is None or i.relationship.status.value == status
            ]
        return [_summary(item) for item in items]

    @get("/{relationship_id:uuid}", name="api:relationships:detail")
    async def detail(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> RelationshipOut:
        """One relationship with goals, the next check-in and reflections."""
        return await _run(relationships, me, relationship_id, _noop())

    @post("/{relationship_id:uuid}/goals", name="api:relationships:goal_add", status_code=201)
    async def add_goal(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        data: JSONBody[GoalIn],
        relationships: NamedDependency[RelationshipService],
    ) -> GoalOut:
        """Agree a new goal."""
        form = data.checked()
        out = await _run(
            relationships, me, relationship_id, relationships.add_goal(me, relationship_id, form)
        )
        assert out.changed_goal is not None
        return out.changed_goal

    @patch("/{relationship_id:uuid}/goals/{goal_id:uuid}", name="api:relationships:goal_update")
    async def update_goal(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        goal_id: FromPath[UUID],
        data: JSONBody[GoalIn],
        relationships: NamedDependency[RelationshipService],
    ) -> GoalOut:
        """Change a goal's title, description or status."""
        form = data.checked()
        work = relationships.update_goal(me, relationship_id, goal_id, form)
        out = await _run(relationships, me, relationship_id, work)
        assert out.changed_goal is not None
        return out.changed_goal

    @delete(
        "/{relationship_id:uuid}/goals/{goal_id:uuid}", name="api:relationships:goal_delete", status_code=204
    )
    async def delete_goal(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        goal_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> None:
        """Remove a goal agreed by mistake."""
        await _run(
            relationships, me, relationship_id, relationships.delete_goal(me, relationship_id, goal_id)
        )

    @post(
        "/{relationship_id:uuid}/goals/{goal_id:uuid}/notes",
        name="api:relationships:goal_note",
        status_code=201,
    )
    async def add_note(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        goal_id: FromPath[UUID],
        data: JSONBody[NoteIn],
        relationships: NamedDependency[RelationshipService],
    ) -> GoalOut:
        """Write a progress note on a goal."""
        text = data.checked()
        work = relationships.add_note(me, relationship_id, goal_id, text)
        out = await _run(relationships, me, relationship_id, work)
        assert out.changed_goal is not None
        return out.changed_goal

    @post("/{relationship_id:uuid}/pause", name="api:relationships:pause", status_code=200)
    async def pause(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        data: JSONBody[PauseIn],
        relationships: NamedDependency[RelationshipService],
    ) -> RelationshipOut:
        """Pause until a day (no reminders meanwhile; it resumes by itself)."""
        until = data.checked(datetime.now(UTC).date())
        return await _run(relationships, me, relationship_id, relationships.pause(me, relationship_id, until))

    @post("/{relationship_id:uuid}/resume", name="api:relationships:resume", status_code=200)
    async def resume(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> RelationshipOut:
        """Resume now."""
        return await _run(relationships, me, relationship_id, relationships.resume(me, relationship_id))

    @post("/{relationship_id:uuid}/cadence", name="api:relationships:cadence", status_code=200)
    async def cadence(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        data: JSONBody[CadenceIn],
        relationships: NamedDependency[RelationshipService],
    ) -> RelationshipOut:
        """Set the days between check-ins (7 to 90)."""
        days = check_cadence(data.days)
        return await _run(
            relationships, me, relationship_id, relationships.set_cadence(me, relationship_id, days)
        )

    @post("/{relationship_id:uuid}/complete", name="api:relationships:complete", status_code=200)
    async def complete(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        data: JSONBody[ReflectionIn],
        relationships: NamedDependency[RelationshipService],
    ) -> RelationshipOut:
        """Complete with my reflection (or add mine after the other side completed)."""
        text, after = data.checked()
        work = relationships.complete(me, relationship_id, text, after)
        return await _run(relationships, me, relationship_id, work)

    @post("/{relationship_id:uuid}/end", name="api:relationships:end", status_code=200)
    async def end(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        data: JSONBody[EndIn],
        relationships: NamedDependency[RelationshipService],
    ) -> RelationshipOut:
        """End early with a reason for the coordinators (members and coordinators)."""
        reason = data.checked()
        return await _run(relationships, me, relationship_id, relationships.end(me, relationship_id, reason))

    @post("/{relationship_id:uuid}/rematch", name="api:relationships:rematch", status_code=200)
    async def rematch(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        relationship_id: FromPath[UUID],
        relationships: NamedDependency[RelationshipService],
    ) -> RelationshipOut:
        """Ask the coordinators for a different match."""
        return await _run(relationships, me, relationship_id, relationships.rematch(me, relationship_id))


class LoadOut(msgspec.Struct):
    """A mentor's load index and its terms (my own only).

    `value` is the shared index (what gates new mentees and what coordinators see); `personal` adds
    the strain of my own latest pulse, which nobody else sees; `rest_advised` is true when it is over.
    """

    value: float
    threshold: float
    over: bool
    active_mentees: int
    capacity: int
    pending: int
    checkins_per_30_days: float
    overdue_items: int
    terms: dict[str, float]
    personal: float
    rest_advised: bool


class DashboardApiController(Controller):
    """The program's figures and my own load as JSON."""

    tags = ["dashboard"]

    @get("/api/v1/dashboard", name="api:dashboard", guards=[signed_in], opt=PROGRAM_COORDINATOR)
    async def dashboard(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        program: Annotated[str, QueryParameter(max_length=80)] = "",
    ) -> dict[str, Any]:
        """Relationships, check-ins held vs planned, overdue, at risk, load distribution, completions.

        ``program=<slug>``: one program's figures (a program's coordinators always see one program).
        Counted again after any change, and at least every minute.
        """
        scope = await program_scope(db_session, me, program)
        store = request.app.stores.get(FIGURES_STORE)
        figures = (
            await kept_dashboard(db_session, store, settings.load_threshold, scope.program_id)
        ).as_dict()
        figures["program"] = scope.slug
        for row in figures["at_risk"]:
            row.pop("relationship", None)
        return figures

    @get("/api/v1/me/load", name="api:me:load", guards=[signed_in], opt=SIGNED_IN)
    async def my_load(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> LoadOut:
        """My mentor load with its terms; 404 when I do not mentor."""
        service = RelationshipService(db_session)
        profile = await service.profile_of(me)
        load = await own_load(db_session, profile)
        if load is None:
            raise NotFoundException("You do not mentor anyone.")
        terms = {
            "occupancy": load.occupancy,
            "requests": load.requests,
            "meetings": load.meetings,
            "overdue": load.overdue,
            "strain": load.strain,
        }
        return LoadOut(
            load.value,
            settings.load_threshold,
            load.over(settings.load_threshold),
            load.active_mentees,
            load.capacity,
            load.pending,
            load.checkins_per_30_days,
            load.overdue_items,
            {k: round(v, 3) for k, v in terms.items()},
            load.personal,
            load.personally_over(settings.load_threshold),
        )


async def _noop() -> None:
    return None


__all__ = ["DashboardApiController", "RelationshipApiController"]
