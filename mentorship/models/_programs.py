"""Mentoring programs in one community: who may join, who is in, and who coordinates each."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase, UUIDBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

if TYPE_CHECKING:
    from mentorship.models._accounts import User
    from mentorship.models._profiles import Profile

# The same bounds as a relationship's check-in cadence: weekly to quarterly.
MIN_CADENCE_DAYS, MAX_CADENCE_DAYS = 7, 90


def _enum(cls: type[StrEnum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class JoinPolicy(StrEnum):
    """Who may join a program."""

    OPEN = "open"
    INVITATION = "invitation"
    APPROVAL = "approval"


class MembershipStatus(StrEnum):
    """Where a person's place in a program stands."""

    ACTIVE = "active"
    INVITED = "invited"
    PENDING = "pending"  # asked to join a program that needs approval
    LEFT = "left"


class Program(UUIDAuditBase):
    """A mentoring program: open-ended, or a cohort with a term; one community runs several."""

    __tablename__ = "program"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    opens_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    closes_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    starts_on: Mapped[date | None] = mapped_column(default=None)
    ends_on: Mapped[date | None] = mapped_column(default=None)
    join_policy: Mapped[JoinPolicy] = mapped_column(_enum(JoinPolicy, "join_policy"), default=JoinPolicy.OPEN)
    checkin_cadence_days: Mapped[int] = mapped_column(default=14)
    agenda_template_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("checkin_template.id", ondelete="SET NULL"), default=None, index=True
    )
    archived: Mapped[bool] = mapped_column(default=False)

    @property
    def is_cohort(self) -> bool:
        """Whether the program runs for a term with dates, rather than open-ended."""
        return self.starts_on is not None or self.ends_on is not None

    @property
    def term_over(self) -> bool:
        """Whether a cohort's last day is behind us (in UTC): its relationships are asked to complete."""
        return self.ends_on is not None and self.ends_on < datetime.now(UTC).date()

    def enrolment_open(self, now: datetime) -> bool:
        """Whether people may ask to join at this moment."""
        if self.archived:
            return False
        after_opening = self.opens_at is None or self.opens_at <= now
        before_closing = self.closes_at is None or now < self.closes_at
        return after_opening and before_closing


class ProgramMembership(UUIDAuditBase):
    """A person's place in a program, with the roles they take there; one row per program and person."""

    __tablename__ = "program_membership"
    __table_args__ = (
        UniqueConstraint("program_id", "profile_id"),
        Index("ix_program_membership_updated_at", "updated_at"),  # the coordinators' figures' fingerprint
    )

    program_id: Mapped[UUID] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    is_mentor: Mapped[bool] = mapped_column(default=False)
    is_mentee: Mapped[bool] = mapped_column(default=False)
    status: Mapped[MembershipStatus] = mapped_column(
        _enum(MembershipStatus, "membership_status"), default=MembershipStatus.ACTIVE
    )
    joined_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)

    program: Mapped[Program] = relationship(lazy="joined")
    profile: Mapped[Profile] = relationship(lazy="joined")

    @property
    def is_member(self) -> bool:
        """Whether the person takes part now (not invited, waiting or gone)."""
        return self.status is MembershipStatus.ACTIVE


class ProgramCoordinator(UUIDBase):
    """A coordinator of one program; community-wide administrators are `User.is_coordinator`."""

    __tablename__ = "program_coordinator"
    __table_args__ = (UniqueConstraint("program_id", "user_id"),)

    program_id: Mapped[UUID] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)

    user: Mapped[User] = relationship(lazy="joined")
