"""Instant suggestions: the best mentors for one person against a fitted model, in milliseconds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp

from matching.kinds.peer import PeerMatcher
from matching.kinds.traditional import MentorMatcher
from matching.reports.answers import answer_reasons, with_answers
from matching.reports.explain import explain_pairs
from matching.reports.named import pair_words
from matching.reports.reason import Reasons
from matching.scoring.questions import rules_block
from matching.table.participants import ParticipantTable, hours_apart, parse_participants


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


def suggest_mentors_batch(
    matcher: MentorMatcher,
    people: pd.DataFrame,
    n: int = 5,
    *,
    block: int = 256,
    among: Sequence[str] | None = None,
    above: npt.ArrayLike | None = None,
) -> list[list[Suggestion]]:
    """Return the ``n`` best mentors for each of many people, as :func:`suggest_mentors` would one by one.

    The people are vectorized once and scored against the fitted mentors a block of rows at
    a time, so ranking a whole community costs one sparse product per block, not one model
    per person.

    Parameters
    ----------
    matcher : MentorMatcher
        A fitted matcher; its vectorizer, mentors and constraints are used.
    people : pandas.DataFrame
        The people in the participants-table contract; they need not be in the fitted table.
    n : int, default=5
        How many mentors per person.
    block : int, default=256
        People scored at once (memory: ``block`` x mentors scores).
    among : sequence of str, optional
        Only these mentor ids are scored (to merge a few changed mentors into kept lists: the
        cost is one column per mentor, not the whole table).
    above : array-like of float, shape (n_people,), optional
        Each person's floor: only mentors scoring strictly above it are returned (the last
        score of her kept list, so that only mentors who enter it are explained).

    Returns
    -------
    list of list of Suggestion
        One list per row of ``people``, in order, best first.
    """
    if people.empty:
        return []
    many = parse_participants(people.astype(str).reset_index(drop=True))
    needs = matcher.vectorizer_.transform_needs(many)
    answers = matcher.answers_
    mine, codes, preferences = answers.transform(many) if answers is not None else (None, None, None)
    table, mentors, offers = matcher.table_, matcher.mentors_, matcher.offers_
    if among is not None:
        chosen = np.flatnonzero(np.isin(table.ids[mentors], np.asarray(list(among), dtype=object)))
        mentors, offers = mentors[chosen], offers[chosen]
    floors = None if above is None else np.asarray(above, dtype=np.float64)
    # Each person's languages as columns of the fitted table's languages (unknown ones drop out).
    speaks = np.zeros((len(many.ids), len(table.language_codes)), dtype=np.float32)
    for column, code in enumerate(many.language_codes):
        if code in table.language_codes:
            speaks[:, table.language_codes.index(code)] = many.language_matrix[:, column]
    mentor_languages = table.language_matrix[mentors]
    found: list[list[Suggestion]] = []
    for start in range(0, len(many.ids), block):
        rows = np.arange(start, min(start + block, len(many.ids)))
        scores = np.asarray((needs[rows] @ offers.T).todense(), dtype=np.float64)
        if preferences is not None and answers is not None and answers.right_ is not None:
            scores += np.asarray((preferences[rows] @ answers.right_[mentors].T).todense(), dtype=np.float64)
        ok = (speaks[rows] @ mentor_languages.T) > 0
        ok &= (scores > 0) & (scores >= matcher.min_score)
        if floors is not None:
            ok &= scores > floors[rows][:, None]
        ok &= table.ids[mentors][None, :] != many.ids[rows][:, None]
        apart = hours_apart(many.tz_hours[rows][:, None], table.tz_hours[mentors][None, :])
        if matcher.max_hours_apart is not None:
            ok &= ~(apart > matcher.max_hours_apart)
        if answers is not None and answers.has_rules and codes is not None:
            modes = np.asarray(answers.rule_modes_, dtype=np.int64)
            ok &= rules_block(codes[rows], answers.codes_[mentors], modes)
        found.extend(
            _best_of_block(matcher, (mentors, offers), (many, needs, mine), rows, scores, ok, apart, n)
        )
    return found


def _best_of_block(
    matcher: MentorMatcher,
    mentors_of: tuple[npt.NDArray[np.int64], sp.csr_matrix],
    people_of: tuple[ParticipantTable, sp.csr_matrix, list[list[Any]] | None],
    rows: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float64],
    ok: npt.NDArray[np.bool_],
    apart: npt.NDArray[np.float64],
    n: int,
) -> list[list[Suggestion]]:
    """Each row's best ``n`` eligible mentors (ties by mentor position), explained in one pass."""
    table, (mentors, offers) = matcher.table_, mentors_of
    many, needs, mine = people_of
    # Each row's n-th best score, found in linear time: only those at or above it are sorted (ties
    # at the threshold all stay, so the order by position among them is as a full sort gives).
    masked = np.where(ok, scores, -np.inf)
    width = masked.shape[1]
    floor = (
        np.partition(masked, width - n, axis=1)[:, width - n]
        if 0 < n < width
        else np.full(len(rows), -np.inf)
    )
    picked = []
    for i in range(len(rows)):
        candidates = np.flatnonzero(ok[i] & (masked[i] >= floor[i]))
        picked.append(candidates[np.lexsort((candidates, -scores[i, candidates]))][:n])
    owner = np.repeat(np.arange(len(rows)), [len(p) for p in picked])
    best = np.concatenate(picked) if picked else np.zeros(0, dtype=np.int64)
    if len(best) == 0:
        return [[] for _ in rows]
    people = rows[owner]
    languages = [
        [c for c in many.languages[int(p)] if c in table.languages[mentors[j]]]
        for p, j in zip(people, best, strict=True)
    ]
    reasons = explain_pairs(
        matcher.vectorizer_.half_feature_names(),
        needs[people],
        offers[best],
        languages,
        apart[owner, best],
        words=pair_words(
            matcher.word_namer(),
            (many, people.astype(np.int64), "needs"),
            (table, mentors[best].astype(np.int64), "offers"),
        ),
    )
    answers = matcher.answers_
    if answers is not None and mine is not None:
        reasons = with_answers(
            reasons, answer_reasons(answers.questions, mine, answers.answers_, people, mentors[best])
        )
    out: list[list[Suggestion]] = [[] for _ in rows]
    for i, j, why in zip(owner.tolist(), best.tolist(), reasons, strict=True):
        mentor = int(mentors[j])
        out[i].append(
            Suggestion(mentor, str(table.ids[mentor]), str(table.names[mentor]), float(scores[i, j]), why)
        )
    return out


def suggest_peers_batch(
    matcher: PeerMatcher,
    n: int = 5,
    *,
    block: int = 128,
    people: Sequence[str] | None = None,
    among: Sequence[str] | None = None,
    above: Mapping[str, float] | None = None,
) -> dict[str, list[Suggestion]]:
    """Return the ``n`` best peers of every peer in a fitted peer table, as :func:`suggest_peers` would.

    Parameters
    ----------
    matcher : PeerMatcher
        A fitted peer matcher.
    n : int, default=5
    block : int, default=128
        People scored at once (memory: ``block`` x peers scores).
    people : sequence of str, optional
        Only these peers' lists (by ``id``; the others are not ranked).
    among : sequence of str, optional
        Only these peers as candidates (to merge a few changed peers into kept lists).
    above : mapping of str to float, optional
        A person's floor by ``id``: only peers scoring strictly above it are returned.

    Returns
    -------
    dict of str to list of Suggestion
        By each peer's ``id``, best first.
    """
    peers = matcher.peers_
    ids = matcher.table_.ids[peers]
    everyone = np.arange(len(peers))
    wanted = everyone if people is None else everyone[np.isin(ids, np.asarray(list(people), dtype=object))]
    columns = everyone if among is None else everyone[np.isin(ids, np.asarray(list(among), dtype=object))]
    if len(peers) < 2:
        return {str(ids[i]): [] for i in wanted}
    floors = np.zeros(len(peers))
    for position, pid in enumerate(ids.tolist()):
        if above is not None and pid in above:
            floors[position] = max(0.0, float(above[pid]))
    scorer = matcher.scorer()
    found: dict[str, list[Suggestion]] = {}
    for start in range(0, len(wanted), block):
        rows = wanted[start : start + block]
        # One dense product a block (not a sparse product per pair): linear in the peers, not quadratic
        # in its constant; nobody is her own peer.
        scores = scorer.block(rows, columns)
        scores[rows[:, None] == columns[None, :]] = -np.inf
        scores[~(scores > floors[rows][:, None])] = -np.inf
        width = scores.shape[1]
        nth = np.partition(scores, width - n, axis=1)[:, width - n] if 0 < n < width else None
        picked = []
        for i in range(len(rows)):
            ok = np.isfinite(scores[i])
            if nth is not None:
                ok &= scores[i] >= nth[i]
            candidates = np.flatnonzero(ok)
            picked.append(candidates[np.lexsort((columns[candidates], -scores[i, candidates]))][:n])
        owner = np.repeat(np.arange(len(rows)), [len(p) for p in picked])
        chosen = np.concatenate(picked).astype(np.int64) if picked else np.zeros(0, dtype=np.int64)
        best = columns[chosen]
        reasons = matcher.explain(rows[owner], best) if len(best) else []
        lists: list[list[Suggestion]] = [[] for _ in rows]
        for i, c, why in zip(owner.tolist(), chosen.tolist(), reasons, strict=True):
            j = int(columns[c])
            lists[i].append(
                Suggestion(
                    int(peers[j]), str(ids[j]), str(matcher.table_.names[peers[j]]), float(scores[i, c]), why
                )
            )
        found.update({str(ids[r]): lists[i] for i, r in enumerate(rows.tolist())})
    return found
