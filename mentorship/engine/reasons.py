"""The engine's reasons as the app stores them: data (see :mod:`mentorship.lib.reasons`), never sentences."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mentorship.engine.rows import profile_id_of
from mentorship.lib.reasons import ReasonData, read_reasons

if TYPE_CHECKING:
    from matching import Reason

# Codes whose value is the person's own figure (their best fit): people left for them group without it.
PERSONAL_VALUE = frozenset({"capacity_full", "peer_odd_one_out", "peer_outbid", "group_full"})


def stored(reasons: Iterable[Reason]) -> list[ReasonData]:
    """The library's reasons as JSON data, the people they name by profile id (never by name)."""
    found: list[ReasonData] = []
    for reason in reasons:
        data: ReasonData = {"code": reason.code, "items": list(reason.items), "value": reason.value}
        if reason.counts:
            data["counts"] = list(reason.counts)
        if reason.who:
            data["who"] = [str(profile_id_of(w)) for w in reason.who]
        found.append(data)
    return found


def only(code: str) -> list[ReasonData]:
    """A reason the app gives itself (``no_peers``, ``no_mentors``)."""
    return [{"code": code, "items": [], "value": None}]


def reason_key(reason: ReasonData) -> tuple[str, tuple[str, ...], float | None]:
    """What people left for the same reason share: its code, items and value without their own best fit."""
    value = None if reason["code"] in PERSONAL_VALUE else reason["value"]
    return reason["code"], tuple(reason["items"]), value


def best_fit(reason: ReasonData) -> float | None:
    """The person's own best fit a reason carries, if any."""
    return reason["value"] if reason["code"] in PERSONAL_VALUE else None


def reason_counts(unmatched: list[tuple[str, list[ReasonData]]]) -> dict[str, int]:
    """How many people were left unmatched for each reason code, commonest first."""
    return dict(Counter(reason["code"] for _rid, why in unmatched for reason in why[:1]).most_common())


def first_reason(stored_reasons: Any) -> ReasonData | None:
    """The first of stored reasons in any form (a summary written before reasons were data, too)."""
    found = read_reasons(stored_reasons)
    return found[0] if found else None
