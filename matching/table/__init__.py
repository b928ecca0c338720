"""The participants table: the engine's one input contract, its columns and how cells are parsed.

:func:`parse_participants` turns a frame with the :data:`COLUMNS` into a validated
:class:`ParticipantTable` (roles, kinds, languages, time zones as UTC offsets,
capacities, normalised topic tags) or raises :class:`TableError` naming the first bad
cell, quoted with :func:`shown`. Everything else in the engine reads the parsed table,
never the raw frame.
"""

from matching.table.participants import (
    COLUMNS,
    KINDS,
    REQUIRED,
    ROLES,
    ParticipantTable,
    TableError,
    as_table,
    hours_apart,
    parse_participants,
    parse_timezone,
    shown,
)

__all__ = [
    "COLUMNS",
    "KINDS",
    "REQUIRED",
    "ROLES",
    "ParticipantTable",
    "TableError",
    "as_table",
    "hours_apart",
    "parse_participants",
    "parse_timezone",
    "shown",
]
