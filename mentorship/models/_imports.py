"""A participants file uploaded into a program: its checked rows, the preview, and how the import went."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import JSON, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column


class ImportStatus(StrEnum):
    """Where an uploaded file stands."""

    PREVIEW = "preview"  # checked and shown; nothing written yet
    IMPORTING = "importing"  # confirmed; the rows are being written
    DONE = "done"
    FAILED = "failed"  # nothing was written


class ParticipantImport(UUIDAuditBase):
    """One upload: kept in the database so any worker can confirm it, and confirmed at most once."""

    __tablename__ = "participant_import"

    program_id: Mapped[UUID] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    uploaded_by_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None, index=True
    )
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_hash: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[ImportStatus] = mapped_column(
        Enum(
            ImportStatus,
            name="import_status",
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=ImportStatus.PREVIEW,
    )
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # The checked people, one entry per email, exactly as they will be written.
    people: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Counts, who is new or changed and which fields, columns not imported.
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Filled when the import finishes: counts, and the new accounts to invite.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    error: Mapped[str] = mapped_column(Text, default="")
