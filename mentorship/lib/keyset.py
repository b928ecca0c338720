"""Keyset paging on (time, id), newest first: opaque cursors, checked as they come in."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, literal, tuple_

from mentorship.lib.errors import Invalid
from mentorship.lib.i18n import _

PAGE_SIZE = 50
MAX_LIMIT = 200


@dataclass(frozen=True)
class Cursor:
    """A position in a newest-first list: the (time, id) of the row it is next to."""

    at: datetime
    id: UUID

    def encode(self) -> str:
        """The cursor as a short URL-safe token."""
        raw = f"{self.at.astimezone(UTC).isoformat()}|{self.id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str, field: str) -> Cursor | None:
    """The cursor in a token ('' is none); a 400 naming the field when it is not one of ours."""
    token = token.strip()
    if not token:
        return None
    try:
        if len(token) > 200:
            raise ValueError(token)
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        at, _sep, row_id = raw.partition("|")
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:
            raise ValueError(at)
        return Cursor(when.astimezone(UTC), UUID(row_id))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        words = _("This is not a position in this list; start again from the first page.")
        raise Invalid({field: words}) from None


def checked_limit(limit: int, field: str = "limit") -> int:
    """A page size within bounds, or a 400 naming the field."""
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid({field: _("Choose between 1 and {n} rows a page.").format(n=MAX_LIMIT)})
    return limit


# Row values, not an OR of two comparisons: PostgreSQL then bounds the index range on both columns.
def older_than(at: Any, row_id: Any, cursor: Cursor) -> ColumnElement[bool]:
    """Rows after the cursor in newest-first order."""
    return tuple_(at, row_id) < tuple_(literal(cursor.at, at.type), literal(cursor.id, row_id.type))


def newer_than(at: Any, row_id: Any, cursor: Cursor) -> ColumnElement[bool]:
    """Rows before the cursor in newest-first order."""
    return tuple_(at, row_id) > tuple_(literal(cursor.at, at.type), literal(cursor.id, row_id.type))


@dataclass(frozen=True)
class Window:
    """Where a page sits: the cursors of the pages either side ('' when there is none)."""

    older: str = ""
    newer: str = ""
