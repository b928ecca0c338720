"""Instant suggestions: the best mentors for one person against a fitted model, in milliseconds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from matching.kinds.peer import PeerMatcher
from matching.kinds.traditional import MentorMatcher
from matching.reports.answers import answer_reasons, with_answers
from matching.reports.explain import explain_pairs
from matching.reports.named import pair_words
from matching.reports.reason import Reasons
from matching.scoring.questions import rules_block
from matching.table.participants import hours_apart, parse_participants


@dataclass(frozen=True)
class Suggestion:
    """One suggested mentor.

    Attributes
    ----------
    mentor_row : int
        Position of the mentor in the fitted table.
    mentor_id, name : str
    score : float
    reasons : tuple of Reason
        Why they fit (see :mod:`matching.reports.reason`); a peer's ``peer_offers`` name
        the two by table id.
    """

    mentor_row: int
    mentor_id: str
    name: str
    score: float
    reasons: Reasons


def suggest_mentors(
    matcher: MentorMatcher,
    person: Mapping[str, str] | pd.DataFrame,
    n: int = 5,
    *,
    load: npt.ArrayLike | None = None,
    among: Sequence[str] | None = None,
) -> list[Suggestion]:
    """Return the ``n`` best mentors for one person, honouring the hard constraints.

    Parameters
    ----------
    matcher : MentorMatcher
        A fitted matcher; its vectorizer, mentors and constraints are used.
    person : mapping or one-row pandas.DataFrame
        The person in the participants-table contract (``id``, ``name``, ``role``,
        ``languages`` at least); they need not be in the fitted table.
    n : int, default=5
        How many mentors.
    load : array-like of int, shape (n_mentors,), optional
        Current mentees of each fitted mentor; full mentors are skipped.
    among : sequence of str, optional
        Only these mentor ids are considered (to score and explain one known pair cheaply).

    Returns
    -------
    list of Suggestion
        Best first; fewer than ``n`` if fewer mentors are eligible.
    """
    frame = person if isinstance(person, pd.DataFrame) else pd.DataFrame([dict(person)])
    one = parse_participants(frame.astype(str).reset_index(drop=True).iloc[:1])
    table = matcher.table_
    needs = matcher.vectorizer_.transform_needs(one)
    scores = np.asarray((needs @ matcher.offers_.T).todense(), dtype=np.float64).ravel()
    mentors = matcher.mentors_
    answers = matcher.answers_
    if answers is not None:
        mine, codes, preferences = answers.transform(one)
        if preferences is not None and answers.right_ is not None:
            scores += np.asarray(
                (preferences @ answers.right_[mentors].T).todense(), dtype=np.float64
            ).ravel()
    speaks = [code for code in one.languages[0] if code in table.language_codes]
    columns = [table.language_codes.index(code) for code in speaks]
    ok = table.language_matrix[mentors][:, columns].sum(axis=1) > 0
    ok &= (scores > 0) & (scores >= matcher.min_score) & (table.ids[mentors] != one.ids[0])
    apart = hours_apart(np.full(len(mentors), one.tz_hours[0]), table.tz_hours[mentors])
    if matcher.max_hours_apart is not None:
        ok &= ~(apart > matcher.max_hours_apart)
    if load is not None:
        ok &= np.asarray(load) < table.capacity[mentors]
    if among is not None:
        ok &= np.isin(table.ids[mentors], np.asarray(list(among), dtype=object))
    if answers is not None and answers.has_rules:
        modes = np.asarray(answers.rule_modes_, dtype=np.int64)
        ok &= rules_block(codes, answers.codes_[mentors], modes)[0]
    candidates = np.flatnonzero(ok)
    best = candidates[np.lexsort((candidates, -scores[candidates]))][:n]
    languages = [[c for c in one.languages[0] if c in table.languages[mentors[j]]] for j in best]
    reasons = explain_pairs(
        matcher.vectorizer_.half_feature_names(),
        needs[np.zeros(len(best), dtype=np.intp)],
        matcher.offers_[best],
        languages,
        apart[best],
        words=pair_words(
            matcher.word_namer(),
            (one, np.zeros(len(best), dtype=np.int64), "needs"),
            (table, mentors[best].astype(np.int64), "offers"),
        ),
    )
    if answers is not None:
        found = answer_reasons(
            answers.questions, mine, answers.answers_, np.zeros(len(best), dtype=np.int64), mentors[best]
        )
        reasons = with_answers(reasons, found)
    return [
        Suggestion(
            int(mentors[j]), str(table.ids[mentors[j]]), str(table.names[mentors[j]]), float(scores[j]), why
        )
        for j, why in zip(best, reasons, strict=True)
    ]


def suggest_peers(matcher: PeerMatcher, person_id: str, n: int = 5) -> list[Suggestion]:
    """Return the ``n`` best peers for someone in a fitted peer table, honouring the hard constraints.

    Parameters
    ----------
    matcher : PeerMatcher
        A fitted peer matcher whose table includes the person.
    person_id : str
        The person's ``id``; they must have chosen peer mentoring.
    n : int, default=5

    Returns
    -------
    list of Suggestion
        Best first (``mentor_row`` and ``mentor_id`` name the peer); empty when the person is no peer.
    """
    peers = matcher.peers_
    ids = matcher.table_.ids[peers]
    found = np.flatnonzero(ids == person_id)
    if len(found) == 0 or len(peers) < 2:
        return []
    me = int(found[0])
    others = np.delete(np.arange(len(peers)), me)
    scores = matcher.scorer().pairs(np.full(len(others), me), others)
    ok = np.isfinite(scores) & (scores > 0)
    best = others[ok][np.lexsort((others[ok], -scores[ok]))][:n]
    order = {int(o): float(s) for o, s in zip(others[ok], scores[ok], strict=True)}
    reasons = matcher.explain(np.full(len(best), me), best)
    return [
        Suggestion(int(peers[j]), str(ids[j]), str(matcher.table_.names[peers[j]]), order[int(j)], why)
        for j, why in zip(best, reasons, strict=True)
    ]
