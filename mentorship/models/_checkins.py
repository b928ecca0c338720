"""Keeping a relationship alive: goals, check-ins from versioned templates, action items, the pulse."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase, UUIDBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import JSON, ColumnElement, Enum, ForeignKey, Index, String, Text, UniqueConstraint, and_
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, mapped_column


def _enum(cls: type[StrEnum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class GoalStatus(StrEnum):
    """Where an agreed goal stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class TemplateKind(StrEnum):
    """What a check-in template is for."""

    FIRST = "first"
    REGULAR = "regular"
    CLOSING = "closing"
    TOPIC = "topic"


class CheckinStatus(StrEnum):
    """Where a check-in is."""

    PLANNED = "planned"
    HELD = "held"
    MISSED = "missed"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"


UPCOMING = (CheckinStatus.PLANNED, CheckinStatus.RESCHEDULED)  # a moved check-in is still to come


class Goal(UUIDAuditBase):
    """A goal the people in a relationship agreed on."""

    __tablename__ = "goal"

    relationship_id: Mapped[UUID] = mapped_column(
        ForeignKey("relationship.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[GoalStatus] = mapped_column(_enum(GoalStatus, "goal_status"), default=GoalStatus.OPEN)
    position: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("profile.id", ondelete="SET NULL"), index=True
    )


class GoalNote(UUIDBase):
    """A progress note on a goal, often written at a check-in."""

    __tablename__ = "goal_note"

    goal_id: Mapped[UUID] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    checkin_id: Mapped[UUID | None] = mapped_column(ForeignKey("checkin.id", ondelete="SET NULL"), index=True)
    author_id: Mapped[UUID | None] = mapped_column(ForeignKey("profile.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class CheckinTemplate(UUIDAuditBase):
    """One version of an agenda template; editing makes a new version, old check-ins keep theirs."""

    __tablename__ = "checkin_template"
    __table_args__ = (UniqueConstraint("key", "version"),)

    key: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[TemplateKind] = mapped_column(_enum(TemplateKind, "template_kind"))
    description: Mapped[str] = mapped_column(Text, default="")
    # [{"key": ..., "title": ..., "prompt": ...}, ...]: the agenda's sections in order.
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    built_in: Mapped[bool] = mapped_column(default=False)
    current: Mapped[bool] = mapped_column(default=True)
    retired: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )


class Checkin(UUIDAuditBase):
    """A meeting of a relationship: planned, then held, missed or rescheduled."""

    __tablename__ = "checkin"
    __table_args__ = (
        Index("ix_checkin_relationship_when", "relationship_id", "scheduled_at"),
        Index("ix_checkin_updated_at", "updated_at"),  # the coordinators' figures' fingerprint
    )

    relationship_id: Mapped[UUID] = mapped_column(ForeignKey("relationship.id", ondelete="CASCADE"))
    template_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("checkin_template.id", ondelete="SET NULL"), index=True
    )
    scheduled_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)
    duration_minutes: Mapped[int] = mapped_column(default=45)
    status: Mapped[CheckinStatus] = mapped_column(
        _enum(CheckinStatus, "checkin_status"), default=CheckinStatus.PLANNED, index=True
    )
    held_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # Shared within the relationship.
    notes: Mapped[str] = mapped_column(Text, default="")
    # iCalendar SEQUENCE: bumped on every reschedule so calendars update the event.
    sequence: Mapped[int] = mapped_column(default=0)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)

    @hybrid_property
    def is_upcoming(self) -> bool:
        """Planned or moved, not yet held, missed or cancelled (the same rule in Python and SQL)."""
        return self.status in UPCOMING

    @is_upcoming.inplace.expression
    @classmethod
    def _is_upcoming(cls) -> ColumnElement[bool]:
        return cls.status.in_(UPCOMING)

    @property
    def is_held(self) -> bool:
        """Held: the relationship's record rests on it, so it is no longer moved and few may undo it."""
        return self.status is CheckinStatus.HELD


class AgendaItem(UUIDBase):
    """A point on a check-in's agenda: from the template, added by someone, or carried forward."""

    __tablename__ = "agenda_item"

    checkin_id: Mapped[UUID] = mapped_column(ForeignKey("checkin.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[UUID | None] = mapped_column(ForeignKey("profile.id", ondelete="SET NULL"), index=True)
    section: Mapped[str] = mapped_column(String(80), default="")
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class CheckinEntry(UUIDBase):
    """What someone wrote under an agenda section when the check-in was held (shared in the relationship)."""

    __tablename__ = "checkin_entry"

    checkin_id: Mapped[UUID] = mapped_column(ForeignKey("checkin.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[UUID | None] = mapped_column(ForeignKey("profile.id", ondelete="SET NULL"), index=True)
    section: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class PrivateNote(UUIDBase):
    """A note only its author ever sees (not the other members, not coordinators)."""

    __tablename__ = "private_note"
    __table_args__ = (UniqueConstraint("checkin_id", "author_id"),)

    checkin_id: Mapped[UUID] = mapped_column(ForeignKey("checkin.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


def _actionitem_overdue(cls: type[ActionItem], today: date) -> ColumnElement[bool]:
    return and_(cls.done_at.is_(None), cls.due_on.is_not(None), cls.due_on < today)


class ActionItem(UUIDAuditBase):
    """Something someone will do by a date; it appears on every agenda until done."""

    __tablename__ = "action_item"
    __table_args__ = (Index("ix_action_item_updated_at", "updated_at"),)  # the figures' fingerprint

    relationship_id: Mapped[UUID] = mapped_column(
        ForeignKey("relationship.id", ondelete="CASCADE"), index=True
    )
    checkin_id: Mapped[UUID | None] = mapped_column(ForeignKey("checkin.id", ondelete="SET NULL"), index=True)
    # Indexed: a mentor's load counts her overdue items, looked up by owner.
    owner_id: Mapped[UUID | None] = mapped_column(ForeignKey("profile.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(default=None)
    done_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)

    def _is_overdue(self, today: date) -> bool:
        return self.done_at is None and self.due_on is not None and self.due_on < today

    # Not done and past its date: one rule for a row and for a query.
    is_overdue = hybrid_method(_is_overdue, _actionitem_overdue)

    def deletable_by(self, profile_id: UUID | None, *, added_it: bool) -> bool:
        """Only a member who added it or owns it deletes it."""
        return profile_id is not None and (added_it or self.owner_id == profile_id)


class PulseAnswer(UUIDBase):
    """A private wellbeing answer (1–5); only aggregates over five or more people leave the person."""

    __tablename__ = "pulse_answer"
    __table_args__ = (UniqueConstraint("checkin_id", "profile_id"),)

    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    checkin_id: Mapped[UUID | None] = mapped_column(ForeignKey("checkin.id", ondelete="SET NULL"))
    energy: Mapped[int | None] = mapped_column(default=None)
    workload: Mapped[int | None] = mapped_column(default=None)
    stress: Mapped[int | None] = mapped_column(default=None)
    # The one individual signal coordinators see, and only when the person asks for it.
    wants_support: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)


class Reflection(UUIDBase):
    """A member's closing reflection, with the self-assessment they gave at the end."""

    __tablename__ = "reflection"
    __table_args__ = (UniqueConstraint("relationship_id", "profile_id"),)

    relationship_id: Mapped[UUID] = mapped_column(
        ForeignKey("relationship.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    # Private to the person, like the profile's self-assessment it is compared with.
    self_assessment_before: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    self_assessment_after: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class CalendarFeed(UUIDBase):
    """A person's secret calendar URL; revoking it makes a new one."""

    __tablename__ = "calendar_feed"

    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
