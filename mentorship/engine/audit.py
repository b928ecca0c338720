"""The fairness audit, the library's one report for the app's rounds and the command line alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from mentorship.engine.rows import MENTEE
from mentorship.engine.table import AUDIT_COLUMNS

if TYPE_CHECKING:
    from matching import AuditReport, Matching, ParticipantTable

# The report's group for people who did not share a value: the library's BLANK, written here so that
# pages reading stored reports need not load the library (tests/engine/test_audit.py keeps them equal).
BLANK = "(blank)"


def shared_columns(frame: pd.DataFrame) -> list[str]:
    """The opt-in attributes at least one person seeking a match chose to share."""
    seekers = frame[frame["role"] == MENTEE] if len(frame) else frame
    return [c for c in AUDIT_COLUMNS if c in seekers and bool((seekers[c] != "").any())]


def audit(table: ParticipantTable, result: Matching, by: Sequence[str]) -> AuditReport:
    """`matching.audit` with its own limits: groups under five suppressed, gaps over ten points flagged."""
    from matching import audit as report

    return report(table, result, list(by))


def audit_data(table: ParticipantTable, result: Matching, by: Sequence[str]) -> dict[str, Any]:
    """The report as JSON data, as the command line writes it and a round stores it."""
    data: dict[str, Any] = audit(table, result, by).to_dict()
    return data
