"""Agreed goals: add and edit them, change their status, write progress notes (members only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import msgspec
from sqlalchemy import delete, func, select

from mentorship.events.services import record
from mentorship.lib.i18n import _
from mentorship.models import Goal, GoalNote, GoalStatus, User
from mentorship.relationships.access import (
    Access,
    RelationshipConflict,
    RelationshipInvalid,
    RelationshipNotFound,
    clean,
)


@dataclass(frozen=True)
class GoalForm:
    """A goal as checked: title, description and status."""

    title: str
    description: str = ""
    status: GoalStatus = GoalStatus.OPEN


class GoalIn(msgspec.Struct, forbid_unknown_fields=True):
    """A goal as the API receives it and the form builds it; ``checked`` is its one rule."""

    title: str
    description: str = ""
    status: str = GoalStatus.OPEN.value  # one of open, in_progress, done, dropped

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> GoalIn:
        """The form's fields as typed."""
        status = str(form.get("status") or GoalStatus.OPEN.value)
        return cls(str(form.get("title") or ""), str(form.get("description") or ""), status)

    def checked(self) -> GoalForm:
        """Cleaned and checked; RelationshipInvalid says what is wrong, by field."""
        errors: dict[str, str] = {}
        title = clean(self.title, 1000)
        description = clean(self.description, 5000)
        if not title:
            errors["title"] = _("Give the goal a short title.")
        elif len(title) > 200:
            errors["title"] = _("Keep the title under 200 characters.")
        if len(description) >= 5000:
            errors["description"] = _("Keep the description under 5000 characters.")
        if self.status not in {s.value for s in GoalStatus}:
            errors["status"] = _("Choose one of the listed statuses.")
        if errors:
            raise RelationshipInvalid(errors)
        return GoalForm(title, description, GoalStatus(self.status))


class NoteIn(msgspec.Struct, forbid_unknown_fields=True):
    """A progress note on a goal, from the API or the form."""

    text: str

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> NoteIn:
        """The form's field as typed."""
        return cls(str(form.get("text") or ""))

    def checked(self) -> str:
        """The note as stored; RelationshipInvalid when empty or too long."""
        text = clean(self.text, 5001)
        if not text:
            raise RelationshipInvalid({"text": _("Write a few words about the progress.")})
        if len(text) > 5000:
            raise RelationshipInvalid({"text": _("Keep the note under 5000 characters.")})
        return text


class GoalActions(Access):
    """Goals of relationships I am in."""

    async def goals(self, relationship_id: UUID) -> list[tuple[Goal, list[GoalNote]]]:
        """The goals in order, each with its notes, oldest first."""
        goals = list(
            (
                await self.session.execute(
                    select(Goal)
                    .where(Goal.relationship_id == relationship_id)
                    .order_by(Goal.position, Goal.created_at)
                )
            ).scalars()
        )
        notes: dict[UUID, list[GoalNote]] = {goal.id: [] for goal in goals}
        if goals:
            found = await self.session.execute(
                select(GoalNote).where(GoalNote.goal_id.in_(notes)).order_by(GoalNote.created_at)
            )
            for note in found.scalars():
                notes[note.goal_id].append(note)
        return [(goal, notes[goal.id]) for goal in goals]

    async def _writable(self, user: User, relationship_id: UUID) -> tuple[Any, Any]:
        relationship, me = await self.member(user, relationship_id)
        if not relationship.is_live:
            raise RelationshipConflict(_("This relationship has closed; its goals are kept as they were."))
        return relationship, me

    async def _goal(self, relationship_id: UUID, goal_id: UUID) -> Goal:
        goal = await self.session.get(Goal, goal_id)
        if goal is None or goal.relationship_id != relationship_id:
            raise RelationshipNotFound(goal_id)
        return goal

    async def add_goal(self, user: User, relationship_id: UUID, form: GoalForm) -> Goal:
        """Agree a new goal."""
        relationship, me = await self._writable(user, relationship_id)
        position = await self.session.scalar(
            select(func.coalesce(func.max(Goal.position), 0)).where(Goal.relationship_id == relationship_id)
        )
        goal = Goal(
            relationship_id=relationship_id,
            title=form.title,
            description=form.description,
            status=form.status,
            position=int(position or 0) + 1,
            created_by_id=me.profile_id,
        )
        self.session.add(goal)
        await self.session.flush()
        record(self.session, "goal.added", "relationship", relationship_id, user.id, goal=goal.id)
        await self.tell(
            relationship, user, _("{name} added a goal: {title}").format(name=user.name, title=form.title)
        )
        await self.session.commit()
        return goal

    async def update_goal(self, user: User, relationship_id: UUID, goal_id: UUID, form: GoalForm) -> Goal:
        """Change a goal's title, description or status."""
        relationship, _me = await self._writable(user, relationship_id)
        goal = await self._goal(relationship_id, goal_id)
        changed_status = goal.status is not form.status
        goal.title, goal.description, goal.status = form.title, form.description, form.status
        record(
            self.session,
            "goal.updated",
            "relationship",
            relationship_id,
            user.id,
            goal=goal.id,
            status=form.status.value,
        )
        if changed_status:
            await self.tell(
                relationship,
                user,
                _("{name} marked the goal “{title}” as {status}.").format(
                    name=user.name, title=form.title, status=_(form.status.value.replace("_", " "))
                ),
            )
        await self.session.commit()
        return goal

    async def delete_goal(self, user: User, relationship_id: UUID, goal_id: UUID) -> None:
        """Remove a goal agreed by mistake (with its notes)."""
        await self._writable(user, relationship_id)
        goal = await self._goal(relationship_id, goal_id)
        await self.session.execute(delete(GoalNote).where(GoalNote.goal_id == goal.id))
        await self.session.delete(goal)
        record(self.session, "goal.deleted", "relationship", relationship_id, user.id, goal=goal_id)
        await self.session.commit()

    async def add_note(self, user: User, relationship_id: UUID, goal_id: UUID, text: str) -> GoalNote:
        """Write a progress note on a goal."""
        relationship, me = await self._writable(user, relationship_id)
        goal = await self._goal(relationship_id, goal_id)
        note = GoalNote(goal_id=goal.id, author_id=me.profile_id, text=text, created_at=datetime.now(UTC))
        self.session.add(note)
        await self.session.flush()
        record(self.session, "goal.noted", "relationship", relationship_id, user.id, goal=goal.id)
        await self.tell(
            relationship,
            user,
            _("{name} wrote about progress on “{title}”.").format(name=user.name, title=goal.title),
        )
        await self.session.commit()
        return note
