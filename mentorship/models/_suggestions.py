"""Instant suggestions kept ready: each mentee's best candidates per scope, and when each scope was built."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from advanced_alchemy.base import UUIDBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

#: The scope of peer suggestions (community-wide); a program's scope is its id, the community's "".
PEER_SCOPE = "peer"


class SuggestionScope(UUIDBase):
    """One scope's candidate lists: when they were built, from how many people, and whether they are stale.

    ``stale_since`` is set when something that changes who fits or who has room happens, and
    cleared by a refresh that started after it; a scope without a row was never built.
    """

    __tablename__ = "suggestion_scope"

    scope: Mapped[str] = mapped_column(String(36), unique=True)
    built_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    stale_since: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    mentees: Mapped[int] = mapped_column(default=0)
    candidates: Mapped[int] = mapped_column(default=0)
    seconds: Mapped[float] = mapped_column(default=0.0)
    # The engine rows the lists were built from, by digest (see proposals/digests.py): a refresh
    # redoes only the rows that changed. None: the next refresh rebuilds the whole scope.
    digests: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)


class SuggestionCandidate(UUIDBase):
    """A candidate (mentor or peer) kept for a mentee in a scope, with the engine's score and reasons."""

    __tablename__ = "suggestion_candidate"
    __table_args__ = (Index("ix_suggestion_candidate_mentee_scope", "mentee_id", "scope"),)

    scope: Mapped[str] = mapped_column(String(36), index=True)
    mentee_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    candidate_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(default=0)
    score: Mapped[float] = mapped_column(default=0.0)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
