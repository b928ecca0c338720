"""The one kind dispatcher: a matcher of a kind, fitted and run, for rounds and `mentorship match` alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from matching import Matching, ParticipantTable

KINDS = ("traditional", "group", "peer")
DEFAULT_GROUP_SIZE = (3, 6)


def matcher(kind: str, options: Mapping[str, Any]) -> Any:
    """An unfitted matcher of ``kind`` with the options rounds and the command line both give."""
    from matching import GroupMatcher, MentorMatcher, PeerMatcher

    common: dict[str, Any] = {
        "min_score": float(options.get("min_score") or 0.0),
        "max_hours_apart": options.get("max_hours_apart"),
        "seed": int(options.get("seed") or 0),
    }
    if options.get("questions"):
        # A program's questions: hard rules and preferences over the answer columns (none: no extra work).
        common["questions"] = tuple(options["questions"])
    if kind == "peer":
        return PeerMatcher(**common)
    if kind == "group":
        low, high = options.get("group_size") or DEFAULT_GROUP_SIZE
        return GroupMatcher(min_size=int(low), max_size=int(high), **common)
    return MentorMatcher(fast=bool(options.get("fast")), **common)


def run_kind(
    kind: str,
    table: ParticipantTable | pd.DataFrame,
    pairs: np.ndarray[Any, Any] | None,
    *,
    options: Mapping[str, Any],
    progress: Callable[[str], None],
) -> tuple[Any, Matching]:
    """Fit the matcher of ``kind`` and match without ``pairs``; the fitted matcher and its result."""
    fitted = matcher(kind, options).fit(table)
    progress("vectorize")
    return fitted, fitted.match(pairs, progress=progress)


def positions(table: ParticipantTable, pairs: Iterable[tuple[str, str]]) -> np.ndarray[Any, Any] | None:
    """Pairs of table ids as (row, row) positions; pairs naming someone not in the table are left out."""
    index = {str(rid): i for i, rid in enumerate(table.ids)}
    rows = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
    return np.asarray(rows, dtype=np.int64).reshape(-1, 2) if rows else None
