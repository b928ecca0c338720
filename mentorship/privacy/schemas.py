"""The shape of "Download my data" (format version 1): plain JSON, documented by these structs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec

from mentorship.profiles.views import ProfileView

FORMAT_VERSION = 1


class ExportAccount(msgspec.Struct):
    """The account itself."""

    id: UUID
    email: str
    name: str
    is_coordinator: bool
    created_at: datetime
    last_active_at: datetime | None
    email_preferences: dict[str, Any] | None


class ExportMember(msgspec.Struct):
    """Someone in a relationship or proposal, as its members see them."""

    name: str
    role: str
    is_me: bool


class ExportNote(msgspec.Struct):
    """A progress note on a goal."""

    text: str
    author: str | None
    created_at: datetime


class ExportGoal(msgspec.Struct):
    """A goal the relationship agreed on, with its progress notes."""

    title: str
    description: str
    status: str
    notes: list[ExportNote]


class ExportAgendaPoint(msgspec.Struct):
    """A point on a check-in's agenda, or what someone wrote under a section."""

    section: str
    text: str
    author: str | None


class ExportCheckin(msgspec.Struct):
    """A check-in: its agenda, what was written, and my own private note (only mine)."""

    id: UUID
    scheduled_at: datetime
    duration_minutes: int
    status: str
    held_at: datetime | None
    notes: str
    agenda: list[ExportAgendaPoint]
    entries: list[ExportAgendaPoint]
    my_private_note: str | None


class ExportActionItem(msgspec.Struct):
    """Something someone in the relationship will do."""

    text: str
    owner: str | None
    due_on: date | None
    done_at: datetime | None


class ExportReflection(msgspec.Struct):
    """A closing reflection; self-assessments only on my own."""

    author: str
    text: str
    created_at: datetime


class ExportMyReflection(msgspec.Struct):
    """My closing reflection with my self-assessment before and after."""

    text: str
    self_assessment_before: dict[str, Any] | None
    self_assessment_after: dict[str, Any] | None
    created_at: datetime


class ExportRelationship(msgspec.Struct):
    """A relationship I am in, with everything its members share."""

    id: UUID
    kind: str
    status: str
    my_role: str
    started_at: datetime
    ended_at: datetime | None
    paused_until: date | None
    cadence_days: int
    members: list[ExportMember]
    goals: list[ExportGoal]
    checkins: list[ExportCheckin]
    action_items: list[ExportActionItem]
    reflections: list[ExportReflection]
    my_reflection: ExportMyReflection | None


class ExportPulse(msgspec.Struct):
    """One of my own wellbeing answers."""

    checkin_id: UUID | None
    energy: int | None
    workload: int | None
    stress: int | None
    wants_support: bool
    created_at: datetime


class ExportProposal(msgspec.Struct):
    """A proposal or request I am in; my own decline reason, never anyone else's."""

    id: UUID
    kind: str
    source: str
    status: str
    score: float
    reasons: list[str]
    message: str
    created_at: datetime
    expires_at: datetime | None
    decided_at: datetime | None
    my_role: str
    my_response: str
    my_reason: str
    members: list[ExportMember]


class ExportNotification(msgspec.Struct):
    """An in-app notification I received."""

    type: str
    text: str
    link: str
    created_at: datetime
    read_at: datetime | None


class ExportSelfAssessment(msgspec.Struct):
    """One closing self-assessment next to the one before it."""

    relationship_id: UUID
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    at: datetime


class ExportSelfAssessments(msgspec.Struct):
    """My current self-assessment and the ones I gave when relationships closed."""

    current: dict[str, Any] | None
    history: list[ExportSelfAssessment]


class ExportEvent(msgspec.Struct):
    """A line of the program's history in which I acted."""

    at: datetime
    type: str
    subject_type: str
    subject_id: UUID | None


class ExportAnswer(msgspec.Struct):
    """My answer to one of a program's enrolment questions."""

    question: str
    answer: Any


class ExportProgram(msgspec.Struct):
    """A program I am in (or asked to join, or left), with my roles and answers there."""

    slug: str
    name: str
    status: str
    as_mentor: bool
    as_mentee: bool
    joined_at: datetime | None
    coordinator: bool
    answers: list[ExportAnswer]


class AccountExport(msgspec.Struct):
    """Everything I wrote or that is about me and that I may see, in one document."""

    format_version: int
    exported_at: datetime
    account: ExportAccount
    profile: ProfileView | None
    relationships: list[ExportRelationship]
    pulse_answers: list[ExportPulse]
    proposals: list[ExportProposal]
    notifications: list[ExportNotification]
    self_assessments: ExportSelfAssessments
    history: list[ExportEvent]
    programs: list[ExportProgram] = msgspec.field(default_factory=list)


class DeleteIn(msgspec.Struct, forbid_unknown_fields=True):
    """Confirm deleting my account with my password."""

    password: Annotated[str, msgspec.Meta(max_length=1024)] = ""
