"""The engine's reasons as the app keeps them: one per item, grouped without their per-person figures."""

from __future__ import annotations

import re
from collections import Counter

# A reason ends with the person's own best fit: without it, people left for the same reason group together.
BEST_FIT = re.compile(r"\s*\(best fit (\d+(?:\.\d+)?)\)\s*$")


def split(reasons: str) -> list[str]:
    """The engine's "; "-joined reasons as a list."""
    return [part.strip() for part in reasons.split(";") if part.strip()]


def reason_key(reason: str) -> tuple[str, float | None]:
    """A reason without its per-person best fit, and that fit (None when it has none)."""
    found = BEST_FIT.search(reason)
    if found is None:
        return reason, None
    return reason[: found.start()], float(found.group(1))


def reason_counts(unmatched: list[tuple[str, str]]) -> dict[str, int]:
    """How many people were left unmatched for each reason, commonest first."""
    return dict(Counter(reason_key(reason)[0] for _rid, reason in unmatched).most_common())
