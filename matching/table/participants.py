"""The participants table: the one input contract of the engine, the CLI and bulk import."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt
import pandas as pd

from matching.table.text import normalize_tags, split_list

COLUMNS = (
    "id",
    "name",
    "role",
    "kinds",
    "goals",
    "experience",
    "offers",
    "seeks",
    "languages",
    "timezone",
    "capacity",
)
REQUIRED = ("id", "name", "role", "languages")
ROLES = ("mentor", "mentee")
KINDS = ("traditional", "group", "peer")
#: Offsets of IANA zones are taken at this instant, so results never depend on the day of the run.
REFERENCE_TIME = datetime(2025, 1, 15, 12, tzinfo=UTC)

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


class TableError(ValueError):
    """An invalid participants table, located by row position and column.

    Parameters
    ----------
    message : str
        What is wrong, in plain words.
    row : int or None
        Zero-based position of the data row (the CSV line is ``row + 2``), if known.
    column : str or None
        The offending column, if known.
    """

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row + 1}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@lru_cache(maxsize=4096)
def parse_timezone(value: str) -> float:
    """Return the UTC offset in hours of an IANA zone name or a ``+05:30`` style offset.

    Parameters
    ----------
    value : str
        ``Europe/Berlin``, ``UTC``, ``+05:30``, ``-3``, ``UTC+01:00``.

    Returns
    -------
    float
        Hours east of UTC at :data:`REFERENCE_TIME`.

    Raises
    ------
    ValueError
        If the zone is unknown or the offset is out of range.
    """
    text = value.strip()
    match = _OFFSET.match(text)
    if match:
        sign, hours, minutes = match.groups()
        offset = int(hours) + int(minutes or 0) / 60
        if int(minutes or 0) >= 60 or offset > 14:
            raise ValueError(f"offset out of range: {shown(value)}")
        return -offset if sign == "-" else offset
    if text.upper() in {"UTC", "GMT", "Z"}:
        return 0.0
    try:
        zone = ZoneInfo(text)
    # A folder of zones ('America'), an over-long or NUL-bearing name fail as OSError or ValueError.
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown time zone: {shown(value)}") from exc
    delta = zone.utcoffset(REFERENCE_TIME) or timedelta(0)
    return delta.total_seconds() / 3600


def shown(value: str, limit: int = 40) -> str:
    """``value`` quoted for an error message, shortened so one bad cell cannot flood it."""
    return repr(value if len(value) <= limit else value[: limit - 3] + "...")


def hours_apart(a: npt.ArrayLike, b: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Circular distance in hours between UTC offsets (``nan`` where either is unknown)."""
    diff = np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) % 24
    return np.asarray(np.minimum(diff, 24 - diff), dtype=np.float64)


@dataclass(frozen=True, eq=False)
class ParticipantTable:
    """A validated participants table with its list columns parsed.

    Attributes
    ----------
    frame : pandas.DataFrame
        The table as given (string columns), extra columns kept as attributes.
    ids, names : ndarray of str
    is_mentor : ndarray of bool
    kinds : list of frozenset of str
    goals, experience : list of str
    offers, seeks : list of tuple of str
        Normalised topic tags.
    languages : list of tuple of str
        Lower-case language codes.
    language_codes : tuple of str
        Every language code in the table, sorted; columns of ``language_matrix``.
    language_matrix : ndarray of shape (n_rows, n_languages), float32
        One where a person speaks a language.
    tz_hours : ndarray of float
        UTC offset in hours, ``nan`` if unknown.
    capacity : ndarray of int
    """

    frame: pd.DataFrame
    ids: npt.NDArray[np.object_]
    names: npt.NDArray[np.object_]
    is_mentor: npt.NDArray[np.bool_]
    kinds: list[frozenset[str]]
    goals: list[str]
    experience: list[str]
    offers: list[tuple[str, ...]]
    seeks: list[tuple[str, ...]]
    languages: list[tuple[str, ...]]
    language_codes: tuple[str, ...]
    language_matrix: npt.NDArray[np.float32] = field(repr=False)
    tz_hours: npt.NDArray[np.float64] = field(repr=False)
    capacity: npt.NDArray[np.int64] = field(repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def attributes(self) -> list[str]:
        """Names of the extra columns, kept for audits."""
        return [c for c in self.frame.columns if c not in COLUMNS]

    def positions(self, role: str, kind: str = "traditional") -> npt.NDArray[np.intp]:
        """Row positions of the people with ``role`` who chose ``kind``."""
        want = role == "mentor"
        chose = np.fromiter((kind in k for k in self.kinds), dtype=bool, count=len(self))
        return np.flatnonzero((self.is_mentor == want) & chose)


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    if name not in frame.columns:
        return [""] * len(frame)
    return ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in frame[name]]


def _first_bad(mask: npt.NDArray[np.bool_]) -> int | None:
    bad = np.flatnonzero(mask)
    return int(bad[0]) if len(bad) else None


def _parse_capacity(values: list[str], is_mentor: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    capacity = np.ones(len(values), dtype=np.int64)
    for row, raw in enumerate(values):
        text = raw.strip()
        if not text:
            continue
        try:
            number = float(text)
        except ValueError:
            raise TableError(
                f"capacity must be a whole number, got {shown(raw)}", row=row, column="capacity"
            ) from None
        # float() accepts 'nan', 'inf' and '1e400' (infinite): none of them is a number of places.
        if not math.isfinite(number) or number != int(number) or not 0 <= number <= 10_000:
            raise TableError(
                f"capacity must be a whole number from 0 to 10000, got {shown(raw)}",
                row=row,
                column="capacity",
            )
        capacity[row] = int(number)
    capacity[~is_mentor] = 0
    return capacity


def _parse_timezones(values: list[str]) -> npt.NDArray[np.float64]:
    hours = np.full(len(values), np.nan)
    for row, raw in enumerate(values):
        if raw.strip():
            try:
                hours[row] = parse_timezone(raw)
            except ValueError as exc:
                raise TableError(str(exc), row=row, column="timezone") from None
    return hours


def _parse_kinds(values: list[str]) -> list[frozenset[str]]:
    cache: dict[str, frozenset[str]] = {}
    kinds = []
    for row, raw in enumerate(values):
        if raw not in cache:
            chosen = frozenset(k.lower() for k in split_list(raw)) or frozenset({"traditional"})
            unknown = chosen.difference(KINDS)
            if unknown:
                raise TableError(
                    f"unknown kind {shown(sorted(unknown)[0])} (expected {', '.join(KINDS)})",
                    row=row,
                    column="kinds",
                )
            cache[raw] = chosen
        kinds.append(cache[raw])
    return kinds


def _parse_languages(
    values: list[str],
) -> tuple[list[tuple[str, ...]], tuple[str, ...], npt.NDArray[np.float32]]:
    languages = [tuple(dict.fromkeys(code.lower() for code in split_list(raw))) for raw in values]
    missing = _first_bad(np.fromiter((not langs for langs in languages), dtype=bool, count=len(values)))
    if missing is not None:
        raise TableError("at least one language is required", row=missing, column="languages")
    codes = tuple(sorted({code for langs in languages for code in langs}))
    index = {code: k for k, code in enumerate(codes)}
    matrix = np.zeros((len(values), len(codes)), dtype=np.float32)
    for row, langs in enumerate(languages):
        matrix[row, [index[c] for c in langs]] = 1
    return languages, codes, matrix


def parse_participants(frame: pd.DataFrame) -> ParticipantTable:
    """Validate a participants table and parse its list columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per person with the columns of :data:`COLUMNS` (optional ones may be
        absent); cells are strings, empty for missing.

    Returns
    -------
    ParticipantTable

    Raises
    ------
    TableError
        On a missing column, empty or duplicate id, unknown role or kind, bad capacity,
        missing language or unknown time zone; the error names the row and column.
    """
    for name in REQUIRED:
        if name not in frame.columns:
            raise TableError(f"missing required column {name!r}", column=name)
    frame = frame.reset_index(drop=True)
    ids = np.array([s.strip() for s in _column(frame, "id")], dtype=object)
    empty = _first_bad(ids == "")
    if empty is not None:
        raise TableError("id must not be empty", row=empty, column="id")
    duplicated = _first_bad(pd.Series(ids).duplicated().to_numpy())
    if duplicated is not None:
        raise TableError(f"duplicate id {shown(ids[duplicated])}", row=duplicated, column="id")
    roles = np.array([s.strip().lower() for s in _column(frame, "role")], dtype=object)
    bad_role = _first_bad(~np.isin(roles, ROLES))
    if bad_role is not None:
        raise TableError(
            f"role must be mentor or mentee, got {shown(roles[bad_role])}", row=bad_role, column="role"
        )
    is_mentor = roles == "mentor"
    kinds = _parse_kinds(_column(frame, "kinds"))
    languages, codes, matrix = _parse_languages(_column(frame, "languages"))
    return ParticipantTable(
        frame=frame,
        ids=ids,
        names=np.array(_column(frame, "name"), dtype=object),
        is_mentor=is_mentor,
        kinds=kinds,
        goals=_column(frame, "goals"),
        experience=_column(frame, "experience"),
        offers=[normalize_tags(v) for v in _column(frame, "offers")],
        seeks=[normalize_tags(v) for v in _column(frame, "seeks")],
        languages=languages,
        language_codes=codes,
        language_matrix=matrix,
        tz_hours=_parse_timezones(_column(frame, "timezone")),
        capacity=_parse_capacity(_column(frame, "capacity"), is_mentor),
    )


def as_table(data: pd.DataFrame | ParticipantTable) -> ParticipantTable:
    """Parse ``data`` unless it is already a :class:`ParticipantTable`."""
    return data if isinstance(data, ParticipantTable) else parse_participants(data)
