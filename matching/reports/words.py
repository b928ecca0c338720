"""Reasons in plain English, for the command line's CSV and reports only (apps translate the codes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from matching.reports.reason import Reason
from matching.table.text import join_words

_FIXED = {
    "same_time_zone": "same time zone",
    "overall_fit": "grouped by overall fit",
    "no_shared_language": "no shared language with any mentor",
    "no_mentor_in_hours": "no mentor with a shared language within the time-zone limit",
    "peer_no_shared_language": "no other peer shares a language",
    "peer_none_in_hours": "no peer with a shared language within the time-zone limit",
    "group_no_shared_language": "no shared language with any group mentor",
    "group_none_in_hours": "no group mentor with a shared language within the time-zone limit",
    "idle_no_language": "no mentee shares a language",
    "idle_no_overlap": "no mentee's needs overlap enough with what they offer",
    "idle_outbid": "the mentees who fit them fit other mentors better",
}
_LISTS = {
    "shared_topics": "shared topics: {}",
    "goal_terms": "goals meet experience in: {}",
    "languages": "both speak {}",
    "both_seek": "both want to learn: {}",
    "shared_goals": "shared goals: {}",
    "common_goals": "common goals: {}",
}
_FIGURES: dict[str, Callable[[float], str]] = {
    "below_min_score": lambda v: f"no overlap above the minimum score ({v:g}) with any mentor",
    "capacity_full": lambda v: f"capacity exhausted: every mentor who fits is full (best fit {v:.2f})",
    "peer_below_min_score": lambda v: f"no overlap above the minimum score ({v:g}) with any peer",
    "peer_odd_one_out": lambda v: f"odd one out: every peer who fits them is paired (best fit {v:.2f})",
    "peer_outbid": lambda v: f"the peers who fit them fit others better (best fit {v:.2f})",
    "group_below_min_score": lambda v: f"no overlap above the minimum score ({v:g}) with any group mentor",
    "group_too_small": lambda v: f"no group mentor who fits them can lead a group of {v:g} or more",
    "group_full": lambda v: f"every group that fits them is full or too small to open (best fit {v:.2f})",
}


def hours(value: float) -> str:
    """``same time zone``, ``1 hour apart`` or ``2.5 hours apart``."""
    if value < 0.5:
        return "same time zone"
    whole = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{whole} hour{'s' if whole != '1' else ''} apart"


def only_language_and_time(reason: Reason) -> str:
    """A pair that shares a language and hours, and no topic or goal, said plainly."""
    shared = f"you share a language ({join_words(reason.items)})"
    if reason.value is not None:
        shared += f" and your hours overlap ({hours(reason.value)})"
    return shared + "; no topic or goal in common"


def phrase(reason: Reason, names: Mapping[str, str] | None = None) -> str:
    """One reason in plain English (``names``: display name by table id, for peer reasons)."""
    code, items = reason.code, reason.items
    if code in _FIXED:
        return _FIXED[code]
    if code in _LISTS:
        return _LISTS[code].format(join_words(items))
    if code in _FIGURES:
        return _FIGURES[code](reason.value or 0.0)
    if code == "hours_apart":
        return hours(reason.value or 0.0)
    if code == "language_and_time_only":
        return only_language_and_time(reason)
    if code == "peer_offers":
        giver, taker = ((names or {}).get(w, w) for w in reason.who)
        return f"{giver} offers {taker}: {join_words(items)}"
    if code == "members_share":
        size = f"{reason.value or 0:g}"
        return "members share: " + join_words(
            f"{t} ({c} of {size})" for t, c in zip(items, reason.counts, strict=False)
        )
    if code == "mentor_offers":
        return "mentor offers them: " + join_words(
            f"{t} ({c} seek it)" for t, c in zip(items, reason.counts, strict=False)
        )
    return "; ".join(items) or code


def sentence(reasons: Iterable[Reason], names: Mapping[str, str] | None = None) -> str:
    """Reasons as one line joined with ``"; "``, as the command line writes them."""
    return "; ".join(phrase(r, names) for r in reasons)


def short(reason: Reason) -> str:
    """A reason without its per-person figure in brackets: the key that groups people left for it."""
    return phrase(reason).split(" (")[0]
