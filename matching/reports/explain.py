"""Reasons as data (codes, see :mod:`~matching.reports.reason`): why a pair fits, why someone is left out."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.reports.named import PairWords
from matching.reports.reason import Reason, Reasons
from matching.table.participants import ParticipantTable

IntArray = npt.NDArray[np.int64]


def zone_reason(value: float) -> list[Reason]:
    """``same_time_zone`` or ``hours_apart`` with the hours, or nothing when a zone is unknown."""
    if np.isnan(value):
        return []
    return [Reason("same_time_zone" if value < 0.5 else "hours_apart", value=round(float(value), 2))]


def shared_languages(table: ParticipantTable, rows_a: IntArray, rows_b: IntArray) -> list[list[str]]:
    """Languages both people of each pair speak, in the first person's order."""
    spoken = table.languages
    return [
        [c for c in spoken[a] if c in spoken[b]]
        for a, b in zip(np.asarray(rows_a).tolist(), np.asarray(rows_b).tolist(), strict=True)
    ]


def explain_pairs(
    feature_names: npt.NDArray[np.object_],
    needs: sp.csr_matrix,
    offers: sp.csr_matrix,
    languages: list[list[str]],
    apart: npt.NDArray[np.float64],
    *,
    words: PairWords | None = None,
    terms: int = 3,
) -> list[Reasons]:
    """Explain each pair by its largest score contributions.

    Parameters
    ----------
    feature_names : ndarray of str
        Names of one feature block (``topic:...``, ``text:...``, ``tz:...``).
    needs, offers : scipy.sparse.csr_matrix
        Needs rows of the mentees and offers rows of the mentors, aligned pair by pair.
    languages : list of list of str
        Languages the two people of each pair share.
    apart : ndarray of float
        Hours between their time zones (``nan`` if unknown).
    words : callable, optional
        ``words(k, text columns strongest first)``: the words pair ``k`` wrote for them
        (:func:`~matching.reports.named.pair_words`); without it no word is named.
    terms : int, default=3
        Most topics or words named per part.

    Returns
    -------
    list of tuple of Reason
        Per pair, e.g. ``shared_topics (python, pandas)``, ``goal_terms (dashboards)``,
        ``languages (en)``, ``hours_apart 2.0``: topics and words, strongest share first;
        ``language_and_time_only`` (shared languages, hours apart) for a pair that shares
        no topic and no word worth naming.
    """
    product = needs.multiply(offers).tocsr()
    is_topic = np.char.startswith(feature_names.astype(str), "topic:")
    is_text = np.char.startswith(feature_names.astype(str), "text:")
    labels = [name.split(":", 1)[1] for name in feature_names]
    # Every pair's columns strongest first in one sort (rows first, then score; ties keep their order).
    n = product.shape[0]
    pair_of = np.repeat(np.arange(n), np.diff(product.indptr))
    order = np.lexsort((-product.data, pair_of))
    cols, vals = product.indices[order], product.data[order]
    topic_share = np.bincount(pair_of, weights=np.where(is_topic[cols], vals, 0.0), minlength=n).tolist()
    text_share = np.bincount(pair_of, weights=np.where(is_text[cols], vals, 0.0), minlength=n).tolist()
    topic_cols, text_cols = (
        _split_rows(cols, is_topic[cols], n, pair_of),
        _split_rows(cols, is_text[cols], n, pair_of),
    )
    reasons = []
    for k in range(n):
        topics = tuple(str(labels[c]) for c in topic_cols[k][:terms])
        named = words(k, text_cols[k]) if words is not None and text_cols[k] else ()
        parts = [
            reason
            for _share, reason in sorted(
                [
                    (topic_share[k], Reason("shared_topics", topics)),
                    (text_share[k], Reason("goal_terms", named)),
                ],
                key=lambda item: -item[0],
            )
            if reason.items
        ]
        reasons.append(tuple(parts) + fit_reasons(languages[k][:terms], float(apart[k]), bool(parts)))
    return reasons


def _split_rows(
    cols: npt.NDArray[np.int32], keep: npt.NDArray[np.bool_], n: int, pair_of: npt.NDArray[np.int64]
) -> list[list[int]]:
    """The kept columns of each pair, as lists, in their order."""
    kept, rows = cols[keep].tolist(), pair_of[keep]
    bounds = np.searchsorted(rows, np.arange(n + 1)).tolist()
    return [kept[bounds[k] : bounds[k + 1]] for k in range(n)]


def fit_reasons(languages: list[str], apart: float, named: bool) -> Reasons:
    """``languages`` and the hours, or, when nothing else is named, ``language_and_time_only``."""
    if not named and languages:
        hours = None if np.isnan(apart) else round(float(apart), 2)
        return (Reason("language_and_time_only", tuple(languages), hours),)
    return tuple([Reason("languages", tuple(languages))] if languages else []) + tuple(zone_reason(apart))


def explain_unmatched_mentees(
    has_candidates: npt.NDArray[np.bool_],
    any_language: npt.NDArray[np.bool_],
    any_in_hours: npt.NDArray[np.bool_],
    best_score: npt.NDArray[np.float64],
    min_score: float,
) -> list[Reasons]:
    """Say why each unmatched mentee has no mentor.

    Parameters
    ----------
    has_candidates : ndarray of bool
        The mentee has at least one eligible mentor.
    any_language : ndarray of bool
        Some mentor shares a language with the mentee.
    any_in_hours : ndarray of bool
        Some mentor sharing a language is within the time-zone limit.
    best_score : ndarray of float
        The best eligible score (``-inf`` if none).
    min_score : float

    Returns
    -------
    list of tuple of Reason
        One reason each: ``no_shared_language``, ``no_mentor_in_hours``, ``below_min_score``
        (the minimum) or ``capacity_full`` (their best fit).
    """
    reasons: list[Reasons] = []
    for cand, lang, hours, best in zip(has_candidates, any_language, any_in_hours, best_score, strict=True):
        if not lang:
            reasons.append((Reason("no_shared_language"),))
        elif not hours:
            reasons.append((Reason("no_mentor_in_hours"),))
        elif not cand:
            reasons.append((Reason("below_min_score", value=float(min_score)),))
        else:
            reasons.append((Reason("capacity_full", value=round(float(best), 4)),))
    return reasons


def explain_idle_mentor(listed: bool, any_language: bool) -> Reasons:
    """Say why a mentor got no mentee: ``idle_no_language``, ``idle_no_overlap`` or ``idle_outbid``."""
    if not any_language:
        return (Reason("idle_no_language"),)
    if not listed:
        return (Reason("idle_no_overlap"),)
    return (Reason("idle_outbid"),)
