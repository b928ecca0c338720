"""The history as CSV: a header row, then one row per event, written in batches."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager

from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.services import EventFilters, EventRow, EventService
from mentorship.lib.spreadsheet import safe_cell

HEADER = ["at", "type", "actor", "actor_id", "subject_type", "subject_id", "description", "data"]


def csv_row(row: EventRow) -> list[str]:
    """One event as CSV cells; the time is UTC in ISO 8601."""
    event = row.event
    return [
        event.at.isoformat(),
        event.type,
        safe_cell(row.actor_name),
        str(event.actor_id or ""),
        event.subject_type,
        str(event.subject_id or ""),
        safe_cell(row.description),
        json.dumps(event.data or {}, sort_keys=True, ensure_ascii=False),
    ]


async def csv_chunks(
    session_factory: Callable[[], AbstractAsyncContextManager[AsyncSession]], filters: EventFilters
) -> AsyncIterator[str]:
    """The filtered history as CSV text, one chunk per batch, on a session of its own."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    async with session_factory() as session:
        async for rows in EventService(session).batches(filters):
            writer.writerows(csv_row(row) for row in rows)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()
