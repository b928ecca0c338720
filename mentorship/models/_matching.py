"""Matching rounds, the proposals and requests they produce, and the relationships that follow."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase, UUIDBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import (
    JSON,
    ColumnElement,
    Enum,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
    false,
    or_,
)
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentorship.models._enums import Kind

if TYPE_CHECKING:
    from mentorship.models._programs import Program


def _enum(cls: type[StrEnum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class RoundStatus(StrEnum):
    """Where a matching round is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"  # computed; the coordinator previews and edits it
    FAILED = "failed"
    PUBLISHED = "published"
    DISCARDED = "discarded"


class ProposalStatus(StrEnum):
    """Where a proposal (from a round) or a request (from a mentee) is."""

    DRAFT = "draft"  # in an unpublished round: invisible to participants
    REMOVED = "removed"  # taken out of a round by the coordinator before publishing
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class ProposalSource(StrEnum):
    """Who started a proposal."""

    ROUND = "round"
    REQUEST = "request"


class MemberRole(StrEnum):
    """A person's part in a proposal or relationship."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    PEER = "peer"


class Response(StrEnum):
    """A member's answer to a proposal."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class RelationshipStatus(StrEnum):
    """Where a relationship is."""

    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    ENDED = "ended"


LIVE = (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED)


class Round(UUIDAuditBase):
    """A coordinator's matching run: options, progress, the engine's summary, then publication."""

    __tablename__ = "matching_round"

    kind: Mapped[Kind] = mapped_column(_enum(Kind, "kind"))
    status: Mapped[RoundStatus] = mapped_column(
        _enum(RoundStatus, "round_status"), default=RoundStatus.QUEUED
    )
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # The program whose members the round matched; none for a round over the whole community.
    program_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), index=True, default=None
    )
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    stage: Mapped[str] = mapped_column(String(80), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    finished_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    published_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # Totals, bound and gap, unmatched reasons, score histogram, loads and the fairness audit.
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The run's count of proposals (the summary's "proposals"), for the list: None until it has run.
    proposal_count: Mapped[int | None] = mapped_column(default=None)

    proposals: Mapped[list[Proposal]] = relationship(back_populates="round", lazy="raise")
    program: Mapped[Program | None] = relationship(lazy="joined")


def _proposal_overdue(cls: type[Proposal], now: datetime) -> ColumnElement[bool]:
    return and_(cls.status == ProposalStatus.OPEN, cls.expires_at.is_not(None), cls.expires_at <= now)


class Proposal(UUIDAuditBase):
    """A suggested pairing or group (from a round) or a mentee's request to a mentor."""

    __tablename__ = "proposal"
    __table_args__ = (
        Index("ix_proposal_round_status", "round_id", "status"),
        # A round's pairings best first, a page at a time.
        Index("ix_proposal_round_score", "round_id", "score", "id"),
        Index("ix_proposal_updated_at", "updated_at"),  # the coordinators' figures' fingerprint
    )

    round_id: Mapped[UUID | None] = mapped_column(ForeignKey("matching_round.id", ondelete="CASCADE"))
    # The program it was made in; none for one over the whole community.
    program_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), index=True, default=None
    )
    source: Mapped[ProposalSource] = mapped_column(_enum(ProposalSource, "proposal_source"))
    kind: Mapped[Kind] = mapped_column(_enum(Kind, "kind"))
    status: Mapped[ProposalStatus] = mapped_column(
        _enum(ProposalStatus, "proposal_status"), default=ProposalStatus.DRAFT, index=True
    )
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    group_label: Mapped[str] = mapped_column(String(40), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    expires_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)

    round: Mapped[Round | None] = relationship(back_populates="proposals", lazy="raise")
    members: Mapped[list[ProposalMember]] = relationship(
        back_populates="proposal", lazy="selectin", cascade="all, delete-orphan"
    )

    def member_of(self, profile_id: UUID | None) -> ProposalMember | None:
        """This person's place in the proposal, if they are in it."""
        return next((m for m in self.members if profile_id is not None and m.profile_id == profile_id), None)

    def mentor(self) -> ProposalMember | None:
        """The mentor in it (none in a peer proposal)."""
        return next((m for m in self.members if m.role is MemberRole.MENTOR), None)

    def asked_by(self, profile_id: UUID | None) -> bool:
        """Whether this person sent it: a request's mentee (her "accepted" is the asking, not an answer)."""
        mine = self.member_of(profile_id)
        return self.source is ProposalSource.REQUEST and mine is not None and mine.role is MemberRole.MENTEE

    @hybrid_property
    def takes_answers(self) -> bool:
        """Open, or a started group still taking its members (the same rule in Python and SQL)."""
        return self.status is ProposalStatus.OPEN or (
            self.status is ProposalStatus.ACCEPTED and self.kind is Kind.GROUP
        )

    @takes_answers.inplace.expression
    @classmethod
    def _takes_answers(cls) -> ColumnElement[bool]:
        return or_(
            cls.status == ProposalStatus.OPEN,
            and_(cls.status == ProposalStatus.ACCEPTED, cls.kind == Kind.GROUP),
        )

    def can_answer(self, profile_id: UUID | None) -> bool:
        """Whether this person still owes an answer to a proposal that takes answers."""
        mine = self.member_of(profile_id)
        return mine is not None and mine.response is Response.PENDING and self.takes_answers

    def can_withdraw(self, profile_id: UUID | None) -> bool:
        """Whether this person may take it back: only the mentee who sent a request, while it is open."""
        return self.asked_by(profile_id) and self.status is ProposalStatus.OPEN

    def _is_overdue(self, now: datetime) -> bool:
        return self.status is ProposalStatus.OPEN and self.expires_at is not None and self.expires_at <= now

    # Open past its answer-by time, so the expiry job closes it: one rule for a row and for a query.
    is_overdue = hybrid_method(_is_overdue, _proposal_overdue)


class ProposalMember(UUIDBase):
    """One person in a proposal and their answer."""

    __tablename__ = "proposal_member"
    __table_args__ = (UniqueConstraint("proposal_id", "profile_id"),)

    proposal_id: Mapped[UUID] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"), index=True)
    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    role: Mapped[MemberRole] = mapped_column(_enum(MemberRole, "member_role"))
    response: Mapped[Response] = mapped_column(_enum(Response, "member_response"), default=Response.PENDING)
    responded_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # A decline reason is shared with coordinators only.
    reason: Mapped[str] = mapped_column(Text, default="")

    proposal: Mapped[Proposal] = relationship(back_populates="members", lazy="raise")


class Relationship(UUIDAuditBase):
    """A mentoring relationship that started when everyone in a proposal accepted."""

    __tablename__ = "relationship"
    __table_args__ = (Index("ix_relationship_updated_at", "updated_at"),)  # the figures' fingerprint

    kind: Mapped[Kind] = mapped_column(_enum(Kind, "kind"))
    status: Mapped[RelationshipStatus] = mapped_column(
        _enum(RelationshipStatus, "relationship_status"), default=RelationshipStatus.ACTIVE, index=True
    )
    proposal_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("proposal.id", ondelete="SET NULL"), index=True
    )
    # The program it belongs to; none for one over the whole community.
    program_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), index=True, default=None
    )
    cadence_days: Mapped[int] = mapped_column(default=14)
    started_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    paused_until: Mapped[date | None] = mapped_column(default=None)
    # Why it ended early: confidential to coordinators.
    end_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    rematch_requested: Mapped[bool] = mapped_column(default=False, server_default=false())

    members: Mapped[list[RelationshipMember]] = relationship(
        back_populates="relationship", lazy="selectin", cascade="all, delete-orphan"
    )

    @hybrid_property
    def is_live(self) -> bool:
        """Active or paused: goals, plans and check-ins can still change (the same rule in Python and SQL)."""
        return self.status in LIVE

    @is_live.inplace.expression
    @classmethod
    def _is_live(cls) -> ColumnElement[bool]:
        return cls.status.in_(LIVE)

    def member_of(self, profile_id: UUID | None) -> RelationshipMember | None:
        """This person's place in the relationship, if they are in it."""
        return next((m for m in self.members if profile_id is not None and m.profile_id == profile_id), None)

    def is_mentor(self, profile_id: UUID | None) -> bool:
        """Whether this person is a mentor in the relationship."""
        mine = self.member_of(profile_id)
        return mine is not None and mine.role is MemberRole.MENTOR


class RelationshipMember(UUIDBase):
    """One person in a relationship."""

    __tablename__ = "relationship_member"
    __table_args__ = (UniqueConstraint("relationship_id", "profile_id"),)

    relationship_id: Mapped[UUID] = mapped_column(
        ForeignKey("relationship.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    role: Mapped[MemberRole] = mapped_column(_enum(MemberRole, "member_role"))

    relationship: Mapped[Relationship] = relationship(back_populates="members", lazy="raise")


class ActiveSlot(UUIDBase):
    """A person's one active relationship of a kind in a program (as mentee or peer, or a group's mentor).

    The unique constraint is the guard: two workers accepting at once cannot both insert it.
    ``scope`` is the program's id as text, or "" for the whole community: a NULL would not be
    unique, so a person could hold two slots of a kind outside any program.
    """

    __tablename__ = "active_slot"
    __table_args__ = (UniqueConstraint("profile_id", "kind", "role", "scope"),)

    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    kind: Mapped[Kind] = mapped_column(_enum(Kind, "kind"))
    role: Mapped[MemberRole] = mapped_column(_enum(MemberRole, "member_role"))
    relationship_id: Mapped[UUID] = mapped_column(
        ForeignKey("relationship.id", ondelete="CASCADE"), index=True
    )
    scope: Mapped[str] = mapped_column(String(36), default="", server_default="")


def slot_scope(program_id: UUID | None) -> str:
    """An active slot's scope for a program (or the whole community)."""
    return "" if program_id is None else str(program_id)


class Event(UUIDBase):
    """One line of the append-only history: who did what to which object, when."""

    __tablename__ = "event"
    # (at, id): the history pages newest first by keyset, one index range per page.
    __table_args__ = (
        Index("ix_event_subject", "subject_type", "subject_id"),
        Index("ix_event_at_id", "at", "id"),
    )

    at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)
    actor_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(String(60), index=True)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[UUID | None] = mapped_column(default=None)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Notification(UUIDBase):
    """An in-app notification for one person."""

    __tablename__ = "notification"
    __table_args__ = (
        Index("ix_notification_user_read", "user_id", "read_at"),
        # One person's notifications newest first, paged by keyset.
        Index("ix_notification_user_created", "user_id", "created_at", "id"),
        UniqueConstraint("user_id", "key"),
    )

    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    read_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # pending -> sending -> sent, or retry (until email_retry_at) -> sending again, up to a bound, then
    # failed; off when the person switched this type's email off.
    email_status: Mapped[str] = mapped_column(String(10), default="pending", server_default="pending")
    emailed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    email_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    email_retry_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # One key per event (e.g. "checkin.missed:<id>"): the database refuses a second note for it.
    key: Mapped[str | None] = mapped_column(String(200), default=None)
    # A grouped note's entries, each {"text": ..., "link": ...}.
    items: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, default=None)
