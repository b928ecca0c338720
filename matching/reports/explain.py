"""Plain-word reasons: why a pair was proposed, and why someone was left unmatched."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.table.participants import ParticipantTable
from matching.table.text import join_words

IntArray = npt.NDArray[np.int64]


def _hours(value: float) -> str:
    if np.isnan(value):
        return ""
    if value < 0.5:
        return "same time zone"
    whole = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{whole} hour{'s' if whole != '1' else ''} apart"


def shared_languages(table: ParticipantTable, rows_a: IntArray, rows_b: IntArray) -> list[list[str]]:
    """Languages both people of each pair speak, in the first person's order."""
    return [
        [c for c in table.languages[a] if c in table.languages[b]]
        for a, b in zip(rows_a, rows_b, strict=True)
    ]


def explain_pairs(
    feature_names: npt.NDArray[np.object_],
    needs: sp.csr_matrix,
    offers: sp.csr_matrix,
    languages: list[list[str]],
    apart: npt.NDArray[np.float64],
    *,
    terms: int = 3,
) -> list[str]:
    """Explain each pair by its largest score contributions, in plain words.

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
    terms : int, default=3
        Most topics or words named per part.

    Returns
    -------
    list of str
        One sentence per pair, e.g. ``shared topics: python, pandas; goals meet experience
        in: dashboards; both speak en; 2 hours apart``.
    """
    product = needs.multiply(offers).tocsr()
    is_topic = np.char.startswith(feature_names.astype(str), "topic:")
    is_text = np.char.startswith(feature_names.astype(str), "text:")
    labels = np.array([name.split(":", 1)[1] for name in feature_names], dtype=object)
    reasons = []
    for k in range(product.shape[0]):
        cols = product.indices[product.indptr[k] : product.indptr[k + 1]]
        vals = product.data[product.indptr[k] : product.indptr[k + 1]]
        order = np.argsort(-vals, kind="stable")
        cols, vals = cols[order], vals[order]
        parts = []
        topics = [str(labels[c]) for c in cols[is_topic[cols]]]
        words = [str(labels[c]) for c in cols[is_text[cols]]]
        topic_share, text_share = vals[is_topic[cols]].sum(), vals[is_text[cols]].sum()
        for _share, text in sorted(
            [
                (topic_share, f"shared topics: {join_words(topics, terms)}" if topics else ""),
                (text_share, f"goals meet experience in: {join_words(words, terms)}" if words else ""),
            ],
            key=lambda item: -item[0],
        ):
            if text:
                parts.append(text)
        shared = languages[k]
        if shared:
            parts.append(f"both speak {join_words(shared, terms)}")
        if hours := _hours(float(apart[k])):
            parts.append(hours)
        reasons.append("; ".join(parts))
    return reasons


def explain_unmatched_mentees(
    has_candidates: npt.NDArray[np.bool_],
    any_language: npt.NDArray[np.bool_],
    any_in_hours: npt.NDArray[np.bool_],
    best_score: npt.NDArray[np.float64],
    min_score: float,
) -> list[str]:
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
    list of str
    """
    reasons = []
    for cand, lang, hours, best in zip(has_candidates, any_language, any_in_hours, best_score, strict=True):
        if not lang:
            reasons.append("no shared language with any mentor")
        elif not hours:
            reasons.append("no mentor with a shared language within the time-zone limit")
        elif not cand:
            reasons.append(f"no overlap above the minimum score ({min_score:g}) with any mentor")
        else:
            reasons.append(f"capacity exhausted: every mentor who fits is full (best fit {best:.2f})")
    return reasons


def explain_idle_mentor(listed: bool, any_language: bool) -> str:
    """Say why a mentor got no mentee."""
    if not any_language:
        return "no mentee shares a language"
    if not listed:
        return "no mentee's needs overlap enough with what they offer"
    return "the mentees who fit them fit other mentors better"
