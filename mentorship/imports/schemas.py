"""What the import pages and API show: a preview, a problem in the file, an import's state."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec

from mentorship.events.describe import N_
from mentorship.lib.i18n import _

# The fields a change names, in words a coordinator reads.
FIELD_LABELS = {
    "name": N_("name"),
    "role": N_("roles on the profile"),
    "kinds": N_("kinds of mentoring"),
    "goals": N_("goals"),
    "experience": N_("experience"),
    "offers": N_("topics offered"),
    "seeks": N_("topics sought"),
    "languages": N_("languages"),
    "timezone": N_("time zone"),
    "capacity": N_("capacity"),
    "profile": N_("new profile"),
    "program": N_("place in this program"),
}


def field_label(name: str) -> str:
    """A changed field in the reader's language."""
    return _(FIELD_LABELS.get(name, name))


class ProblemOut(msgspec.Struct):
    """Something wrong in the file: the line as counted in the file, the column, what is wrong."""

    line: int | None
    column: str | None
    message: str


class PersonOut(msgspec.Struct):
    """A person the import adds or changes."""

    email: str
    name: str
    roles: list[str]
    fields: list[str] = []


class ImportOut(msgspec.Struct):
    """An upload: its preview (counts, who is new or changed, problems) and, once confirmed, how it went."""

    id: UUID | None
    program: str
    status: str  # invalid, preview, importing, done, failed
    file_name: str
    rows: int
    people: int
    new: list[PersonOut]
    changed: list[PersonOut]
    unchanged: int
    not_imported: list[str]
    errors: list[ProblemOut]
    more_errors: int
    expires_at: datetime | None
    progress: float
    result: dict[str, Any] | None
    detail: str = ""


def people_out(entries: list[dict[str, Any]]) -> list[PersonOut]:
    """Stored preview entries as API values."""
    return [
        PersonOut(e["email"], e.get("name") or "", list(e["roles"]), list(e.get("fields", [])))
        for e in entries
    ]
