"""People who can sign in: participants and coordinators."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase, UUIDBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import JSON, ForeignKey, Index, String, Text, func, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

if TYPE_CHECKING:
    from mentorship.models._profiles import Profile


class User(UUIDAuditBase):
    """An account; a participant has a profile, an administrator (`is_coordinator`) runs the community.

    `is_coordinator` makes a community-wide administrator: every program, the roster, topics and
    templates. Coordinators of single programs are `ProgramCoordinator` rows instead.
    """

    __tablename__ = "user_account"
    # Lists are ordered by name as people read it (case-folded): the roster pages through this index.
    __table_args__ = (
        Index("ix_user_account_name_lower", func.lower(text("name")), "id"),
        # Kept figures' fingerprint reads its latest value (lib/figures.py): a rename or deactivation.
        Index("ix_user_account_updated_at", "updated_at"),
        # The coordinators (the roster's role buttons, who is told of an escalation) are a handful:
        # without it every such read scanned every account (27 ms at 100,000 people).
        Index(
            "ix_user_account_coordinators",
            "id",
            sqlite_where=text("is_coordinator = 1"),
            postgresql_where=text("is_coordinator"),
        ),
    )

    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    is_coordinator: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    last_active_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # Which emails the person wants, by notification type; an absent type means on. On the account,
    # not the profile: coordinators without a profile get notifications too.
    email_preferences: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # Sessions carry the generation they started in; a password change or reset bumps it, which
    # signs out every older session on every worker without finding their rows.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    profile: Mapped[Profile | None] = relationship(
        back_populates="user", uselist=False, lazy="selectin", cascade="all, delete-orphan"
    )


class PasswordResetToken(UUIDAuditBase):
    """A single-use, expiring token emailed to reset a password; only its hash is stored."""

    __tablename__ = "password_reset_token"

    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


class LoginAttempt(UUIDBase):
    """A failed sign-in, counted per account, address and known device to slow down guessing."""

    __tablename__ = "login_attempt"

    email: Mapped[str] = mapped_column(String(320), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    # The browser's device id when it proved it signed in to this account before, else None.
    device: Mapped[str | None] = mapped_column(String(64), default=None)
    attempted_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)
    # False while the password is being checked; a successful sign-in deletes the row instead.
    failed: Mapped[bool] = mapped_column(default=False, server_default=true())


class SignupRequest(UUIDAuditBase):
    """A sign-up waiting for its address to be confirmed; the account is created on confirmation."""

    __tablename__ = "signup_request"

    email: Mapped[str] = mapped_column(String(320), index=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    # Set by the job that emails the link (only the hash is stored); None until then.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


class OutboxMessage(UUIDAuditBase):
    """An email written instead of sent, for the development outbox (debug mode only)."""

    __tablename__ = "outbox_message"

    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
