"""The saved form of a :class:`~matching.kinds.incremental.SolvedCommunity`: plain JSON-friendly data.

A state holds the format tag, the matcher's parameters, the frozen vectorizer (its
topics, words and IDF), every participant's record, the exclusions, the assignment and
the certificate's prices (integers in units of ``1 / COST_SCALE``), so that a restored
community scores, prices and certifies exactly as the saved one did.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from matching.scoring.vectorize import vectorizer_from_state, vectorizer_state

if TYPE_CHECKING:
    from matching.kinds.incremental import SolvedCommunity

FORMAT = "mentorship.solved-community/1"


def community_state(community: SolvedCommunity) -> dict[str, Any]:
    """The whole state of ``community``; :func:`community_from_state` restores it exactly."""
    matched = np.flatnonzero(community.mentor_of >= 0)
    live = np.flatnonzero(community.mentors.active)
    mentees, mentors = community.mentees.ids, community.mentors.ids
    return {
        "format": FORMAT,
        "params": dict(community.params),
        "vectorizer": vectorizer_state(community.vectorizer),
        "participants": list(community.records.values()),
        "excluded": sorted([a, b] for a, b in community.excluded),
        "assignment": {mentees[k]: mentors[community.mentor_of[k]] for k in matched},
        "prices": {mentors[j]: int(community.prices[j]) for j in live},
        "slack": community.slack,
        "total": community.total,
        "upper_bound": community.upper_bound,
    }


def community_from_state(cls: type[SolvedCommunity], state: Mapping[str, Any]) -> SolvedCommunity:
    """Restore a community saved with :func:`community_state` (``cls``: the class to build)."""
    if state.get("format") != FORMAT:
        raise ValueError(f"not a solved community state (format {state.get('format')!r})")
    return cls(
        vectorizer_from_state(state["vectorizer"]),
        state["params"],
        state["participants"],
        state["assignment"],
        state["prices"],
        [tuple(p) for p in state["excluded"]],
        state.get("slack", 0.0),
    )
