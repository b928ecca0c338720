"""What a scope's lists were built from: one digest per engine row, so a refresh redoes only what changed.

A row's digest covers everything the engine reads of that person (topics, goals, languages, time
zone, room), so any edit, a place filled or freed, an away period or leaving the scope changes it,
whatever caused it. Kept on the scope's row, compressed.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd

#: Past this share of changed rows (or this many), one full rebuild costs less than merging.
MOST_CHANGED_SHARE, MOST_CHANGED = 0.2, 5000
#: A whole rebuild at least this often, should the weekly job (proposals/tasks.py) not have run:
#: incremental updates score against the fit of their day, and kept scores drift as words change.
FULL_EVERY = timedelta(days=8)


@dataclass(frozen=True)
class Built:
    """The rows a scope's lists stand on: seekers' and candidates' digests, and the last full build."""

    full_at: datetime
    seekers: dict[str, int]
    candidates: dict[str, int]


def row_digests(frame: pd.DataFrame) -> dict[str, int]:
    """Each row's digest by its table id (stable across processes: pandas' hash, not Python's)."""
    if frame.empty:
        return {}
    hashed = pd.util.hash_pandas_object(frame.astype(str), index=False)
    return dict(zip(frame["id"].astype(str), (int(h) for h in hashed), strict=True))


def pack(built: Built) -> bytes:
    """A scope's digests as stored."""
    data = {"full_at": built.full_at.isoformat(), "seekers": built.seekers, "candidates": built.candidates}
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode())


def unpack(stored: bytes | None) -> Built | None:
    """Stored digests back (None when there are none or they cannot be read: the next build is full)."""
    if not stored:
        return None
    try:
        data = json.loads(zlib.decompress(stored))
        return Built(datetime.fromisoformat(data["full_at"]), data["seekers"], data["candidates"])
    except (zlib.error, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class Diff:
    """Rows new or changed, and rows gone, on each side, since the lists last rebuilt whole at ``full_at``."""

    seekers: set[str]
    candidates: set[str]
    gone_seekers: set[str]
    gone_candidates: set[str]
    full_at: datetime

    @property
    def size(self) -> int:
        """How many rows changed in all."""
        return len(self.seekers) + len(self.candidates) + len(self.gone_seekers) + len(self.gone_candidates)


def _side(before: dict[str, int], now: dict[str, int]) -> tuple[set[str], set[str]]:
    return {row for row, digest in now.items() if before.get(row) != digest}, set(before) - set(now)


def diff(before: Built | None, now: Built, at: datetime | None = None) -> Diff | None:
    """What changed since ``before``; None when the scope should be rebuilt whole.

    Whole: never built with digests, last rebuilt whole over a week ago, or so much changed that
    merging would cost more than ranking everyone again.
    """
    if before is None or (at or datetime.now(UTC)) - before.full_at > FULL_EVERY:
        return None
    seekers, gone_seekers = _side(before.seekers, now.seekers)
    candidates, gone_candidates = _side(before.candidates, now.candidates)
    found = Diff(seekers, candidates, gone_seekers, gone_candidates, before.full_at)
    rows = max(1, len(now.seekers) + len(now.candidates))
    if found.size > min(MOST_CHANGED, MOST_CHANGED_SHARE * rows):
        return None
    return found
