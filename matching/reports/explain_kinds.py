"""Peer and group reasons: what each peer offers the other, what a group shares, who is left out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.reports.explain import fit_reasons, shared_languages
from matching.reports.named import PairWords
from matching.reports.reason import Reason, Reasons
from matching.scoring.candidates import PairScorer
from matching.table.participants import ParticipantTable, hours_apart

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def _topics(tags: tuple[str, ...], wanted: tuple[str, ...], limit: int) -> tuple[str, ...]:
    return tuple(t for t in tags if t in wanted)[:limit]


def explain_peer_pairs(
    table: ParticipantTable,
    first: IntArray,
    second: IntArray,
    feature_names: npt.NDArray[np.object_],
    shared_needs: sp.csr_matrix,
    words: PairWords | None = None,
    terms: int = 3,
) -> list[Reasons]:
    """Reasons of each peer pair: what each offers the other, what both seek, shared goals.

    Parameters
    ----------
    table : ParticipantTable
    first, second : ndarray of int
        Table rows of the two peers of each pair.
    feature_names : ndarray of str
        Names of one feature block (``text:...`` ones are named as goals).
    shared_needs : scipy.sparse.csr_matrix
        The elementwise product of the two peers' needs, one row per pair.
    words : callable, optional
        ``words(k, text columns strongest first)``: the goal words both peers of pair ``k``
        wrote (:func:`~matching.reports.named.pair_words`); without it no word is named.
    terms : int, default=3
        Most topics or words named per reason.

    Returns
    -------
    list of tuple of Reason
        ``peer_offers`` (``who``: giver, taker), ``both_seek``, ``shared_goals``,
        ``languages``, ``same_time_zone`` or ``hours_apart``; ``language_and_time_only``
        when they share no topic and no word worth naming.
    """
    names = feature_names.astype(str)
    is_text = np.char.startswith(names, "text:")
    languages = shared_languages(table, first, second)
    apart = hours_apart(table.tz_hours[first], table.tz_hours[second])
    reasons: list[Reasons] = []
    for k, (i, j) in enumerate(zip(first.tolist(), second.tolist(), strict=True)):
        parts = []
        for giver, taker in ((i, j), (j, i)):
            if offered := _topics(table.offers[giver], table.seeks[taker], terms):
                parts.append(
                    Reason("peer_offers", offered, who=(str(table.ids[giver]), str(table.ids[taker])))
                )
        if both := _topics(table.seeks[i], table.seeks[j], terms):
            parts.append(Reason("both_seek", both))
        cols = shared_needs.indices[shared_needs.indptr[k] : shared_needs.indptr[k + 1]]
        vals = shared_needs.data[shared_needs.indptr[k] : shared_needs.indptr[k + 1]]
        text = cols[is_text[cols]][np.argsort(-vals[is_text[cols]], kind="stable")]
        if named := (words(k, text.tolist()) if words is not None else ()):
            parts.append(Reason("shared_goals", named[:terms]))
        reasons.append(tuple(parts) + fit_reasons(languages[k][:terms], float(apart[k]), bool(parts)))
    return reasons


def explain_unmatched_peers(
    scorer: PairScorer, lonely: IntArray, best: FloatArray, mate: IntArray, min_score: float
) -> list[Reasons]:
    """Why each unmatched peer (a peer position) has no partner (``best``: their best eligible score)."""
    limit = scorer.constraints.max_hours_apart
    reasons: list[Reasons] = []
    everyone = np.arange(len(mate))
    for i, top in zip(lonely.tolist(), best.tolist(), strict=True):
        others = everyone != i
        speaks = (scorer.mentor_languages[others] @ scorer.mentee_languages[i]) > 0
        in_hours = speaks.copy()
        if limit is not None:
            in_hours &= ~(hours_apart(scorer.mentee_hours[i], scorer.mentor_hours[others]) > limit)
        if not speaks.any():
            reason = Reason("peer_no_shared_language")
        elif not in_hours.any():
            reason = Reason("peer_none_in_hours")
        elif not np.isfinite(top):
            reason = Reason("peer_below_min_score", value=float(min_score))
        elif (mate[others][in_hours] >= 0).all():
            reason = Reason("peer_odd_one_out", value=round(float(top), 4))
        else:
            reason = Reason("peer_outbid", value=round(float(top), 4))
        reasons.append((reason,))
    return reasons


def explain_group(
    table: ParticipantTable,
    rows: IntArray,
    mentor_row: int,
    words: Callable[[Sequence[int]], tuple[str, ...]],
    text: sp.csr_matrix,
    terms: int = 3,
) -> Reasons:
    """What a group shares and what its mentor offers them.

    Parameters
    ----------
    table : ParticipantTable
    rows : ndarray of int
        Table rows of the members.
    mentor_row : int
    words : callable
        ``words(columns of text, most members first)``: the words the members wrote for them
        (:meth:`~matching.reports.named.WordNamer.common`).
    text : scipy.sparse.csr_matrix
        The members' goal-word features, one row per member.
    terms : int, default=3

    Returns
    -------
    tuple of Reason
        ``members_share`` (topics two or more seek, with counts; value: the group's size),
        ``common_goals``, ``mentor_offers`` (with counts), or ``overall_fit`` alone.
    """
    seeks = Counter(t for r in rows for t in table.seeks[r])
    shared = tuple(t for t, c in seeks.most_common() if c >= 2)[:terms]
    parts = []
    if shared:
        parts.append(Reason("members_share", shared, float(len(rows)), tuple(seeks[t] for t in shared)))
    # Over the members' own columns only: a vocabulary-wide count per group cost seconds at 20,000.
    used, counts = np.unique(text.indices, return_counts=True)
    common = np.flatnonzero(counts >= max(2, len(rows) // 2))
    if len(common):
        top = used[common[np.argsort(-counts[common], kind="stable")]]
        if named := words(top.tolist())[:terms]:
            parts.append(Reason("common_goals", named))
    offered = [t for t in table.offers[mentor_row] if seeks.get(t)]
    offered.sort(key=lambda t: -seeks[t])
    if offered:
        named = tuple(offered[:terms])
        parts.append(Reason("mentor_offers", named, counts=tuple(seeks[t] for t in named)))
    return tuple(parts) or (Reason("overall_fit"),)


def explain_unmatched_group(
    scorer: PairScorer,
    lonely: IntArray,
    capacity: IntArray,
    max_hours_apart: float | None,
    min_score: float,
    min_size: int,
) -> list[Reasons]:
    """Why each group mentee (a mentee position) is in no group (``capacity``: largest group per mentor)."""
    reasons: list[Reasons] = []
    everyone = np.arange(len(capacity), dtype=np.int64)
    for i in lonely.tolist():
        speaks = (scorer.mentor_languages @ scorer.mentee_languages[i]) > 0
        in_hours = speaks.copy()
        if max_hours_apart is not None:
            in_hours &= ~(hours_apart(scorer.mentee_hours[i], scorer.mentor_hours) > max_hours_apart)
        best = scorer.block(np.array([i]), everyone)[0] if len(everyone) else np.zeros(0)
        if not speaks.any():
            reason = Reason("group_no_shared_language")
        elif not in_hours.any():
            reason = Reason("group_none_in_hours")
        elif not np.isfinite(best).any():
            reason = Reason("group_below_min_score", value=float(min_score))
        elif not (capacity[np.isfinite(best)] > 0).any():
            reason = Reason("group_too_small", value=float(min_size))
        else:
            reason = Reason("group_full", value=round(float(best[np.isfinite(best)].max()), 4))
        reasons.append((reason,))
    return reasons
