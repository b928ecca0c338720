"""Incremental re-matching: add, remove or edit a few people in a solved community, staying optimal.

A solved community keeps its assignment with a certificate in integer score units
``w_ij = round(s_ij * COST_SCALE)``: mentor prices ``v_j >= 0`` and mentee utilities
``u_i >= 0`` with ``u_i + v_j >= w_ij`` for every eligible pair, equality on assigned pairs,
``u_i = 0`` for the unmatched and ``v_j = 0`` for mentors with a free seat. Then
``sum(u) + sum(capacity * v)`` equals the total and bounds every assignment (LP duality).

A change breaks these conditions for one person only. A newcomer who could gain
(``max_j w_ij - v_j > 0``) is placed by one shortest augmenting path on the reduced costs
``u_i + v_j - w_ij >= 0`` (the Hungarian method's step, Dijkstra); a freed seat with a
positive price is refilled, or its price dropped, by one shortest path searched backwards
from its mentor. Only the people on a search are scored (one row or column each), and the
prices are moved so that the conditions hold again over every pair: a re-certified
optimum, without a batch re-run. The scores use the vectorizer of the batch solve, frozen,
so that earlier scores never shift; :meth:`SolvedCommunity.resolve` re-solves in batch with
the same scores (new topics and words count from the next batch fit).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp

from matching.kinds.incremental_state import community_from_state, community_state
from matching.kinds.result import Matching
from matching.kinds.traditional import MentorMatcher
from matching.scoring.candidates import CandidateLists
from matching.scoring.vectorize import ProfileVectorizer
from matching.solvers.flow import COST_SCALE
from matching.solvers.traditional import Certified
from matching.table.participants import ParticipantTable, hours_apart, parse_participants

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
ACTIONS = ("add", "edit", "remove")
_INF = 1 << 62
_DENSE_CELLS = 120_000_000
_PARAMS = (
    "min_score",
    "max_hours_apart",
    "list_size",
    "top_k",
    "cluster_size",
    "dense_limit",
    "mentor_side_limit",
    "seed",
)


@dataclass
class Update(Certified):
    """What a batch of changes did.

    Attributes
    ----------
    added, removed, edited : int
        People per kind of change.
    moved : list of str
        Mentees whose mentor changed (including newcomers placed and people left out).
    searches : int
        Shortest-path searches run.
    scored : int
        Rows and columns scored (one each per person on a search).
    total, upper_bound : float
        The new total and its certificate's bound.
    seconds : float
    """

    added: int = 0
    removed: int = 0
    edited: int = 0
    moved: list[str] = field(default_factory=list)
    searches: int = 0
    scored: int = 0
    total: float = 0.0
    upper_bound: float = 0.0
    seconds: float = 0.0


class _Side:
    """One side of the market (mentees or mentors): ids, features, languages, zones, activity.

    Features are kept row by row and transposed (feature by person, dense when small), so
    that one person's scores against the whole other side gather only their non-zeros.
    """

    def __init__(
        self, ids: list[str], vectors: sp.csr_matrix, languages: IntArray, hours: FloatArray
    ) -> None:
        vectors = sp.csr_matrix(vectors)
        self.ids = list(ids)
        self.at = {pid: k for k, pid in enumerate(self.ids)}
        self.rows = [
            (vectors.indices[a:b].copy(), vectors.data[a:b].copy())
            for a, b in zip(vectors.indptr[:-1], vectors.indptr[1:], strict=True)
        ]
        self.width = vectors.shape[1]
        self.languages = np.asarray(languages, dtype=np.int64)
        self.hours = np.asarray(hours, dtype=np.float64)
        self.active = np.ones(len(self.ids), dtype=bool)
        self.dense = self.width * max(len(self.ids), 1) * 2 <= _DENSE_CELLS
        self._t: Any = None
        self._stored = 0
        self._rebuild(spare=len(self.ids) // 4 + 16)

    def __len__(self) -> int:
        return len(self.ids)

    def _rebuild(self, spare: int) -> None:
        n = len(self.ids)
        lengths = np.array([len(i) for i, _ in self.rows], dtype=np.int64)
        indices = np.concatenate([i for i, _ in self.rows]) if self.rows else np.zeros(0, np.int64)
        data = np.concatenate([d for _, d in self.rows]) if self.rows else np.zeros(0)
        owners = np.repeat(np.arange(n), lengths)
        if self.dense:
            self._t = np.zeros((self.width, n + spare))
            self._t[indices, owners] = data
        else:
            self._t = sp.csr_matrix((data, (indices, owners)), shape=(self.width, n))
        self._stored = n

    def append(self, pid: str, vector: sp.csr_matrix, languages: int, hours: float) -> int:
        vector = sp.csr_matrix(vector)
        self.ids.append(pid)
        k = len(self.ids) - 1
        self.at[pid] = k
        self.rows.append((vector.indices.copy(), vector.data.copy()))
        self.languages = np.append(self.languages, np.int64(languages))
        self.hours = np.append(self.hours, hours)
        self.active = np.append(self.active, True)
        if self.dense and k < self._t.shape[1]:
            self._t[vector.indices, k] = vector.data
            self._stored = k + 1
        else:
            self._rebuild(spare=len(self.ids) // 4 + 16)
        return k

    def retire(self, pid: str) -> int:
        k = self.at.pop(pid)
        self.active[k] = False
        return k

    def against(self, indices: IntArray, values: FloatArray) -> FloatArray:
        """``values . features`` of everyone on this side, for a vector given by its non-zeros."""
        n = len(self.ids)
        if self.dense:
            # einsum, not a matrix-vector product: BLAS is slow on this short, wide shape.
            return np.asarray(np.einsum("i,ij->j", values, self._t[indices, :n]), dtype=np.float64)
        return np.asarray(self._t[indices].T @ values, dtype=np.float64).ravel()[:n]


class SolvedCommunity(Certified):
    """A solved traditional community that takes changes and returns the new certified optimum.

    Build one with :meth:`solve` (a batch solve), :meth:`from_match` (from a fitted
    :class:`~matching.model.MentorMatcher` and its result) or :meth:`from_dict` (saved state);
    change it with :meth:`add`, :meth:`remove`, :meth:`edit` or :meth:`apply`; save it with
    :meth:`to_dict` (plain JSON-friendly data).

    Parameters
    ----------
    vectorizer : ProfileVectorizer
        Fitted; frozen from now on.
    params : dict
        The matcher's constraint and solver parameters (``min_score``, ``max_hours_apart``, ...).
    records : list of dict of str to str
        Every participant in the participants-table contract.
    assignment : mapping of str to str
        Mentor id of each matched mentee id.
    prices : mapping of str to int
        Certificate price of each mentor id, in units of ``1 / COST_SCALE``.
    excluded : iterable of (str, str), optional
        (mentee id, mentor id) pairs never to propose.
    slack : float, default=0.0
        Round-off allowance carried from the batch certificate into the bound.
    """

    def __init__(
        self,
        vectorizer: ProfileVectorizer,
        params: Mapping[str, Any],
        records: list[dict[str, str]],
        assignment: Mapping[str, str],
        prices: Mapping[str, int],
        excluded: Iterable[tuple[str, str]] = (),
        slack: float = 0.0,
    ) -> None:
        self.vectorizer = vectorizer
        self.params = {k: params[k] for k in _PARAMS if k in params}
        self.records = {str(r["id"]).strip(): dict(r) for r in records}
        self.excluded = {(str(a), str(b)) for a, b in excluded}
        self.slack = float(slack)
        self._bits: dict[str, int] = {}
        table = parse_participants(pd.DataFrame(records, dtype=str).fillna(""))
        self.mentees, self.mentors, capacity = self._sides(table)
        m, n = len(self.mentors), len(self.mentees)
        self.capacity = capacity
        self.prices = np.array([int(prices.get(pid, 0)) for pid in self.mentors.ids], dtype=np.int64)
        self.mentor_of = np.full(n, -1, dtype=np.int64)
        self.utility = np.zeros(n, dtype=np.int64)
        self.score = np.zeros(n)
        self.load = np.zeros(m, dtype=np.int64)
        self.members: list[set[int]] = [set() for _ in range(m)]
        rows = np.array([self.mentees.at[e] for e in assignment], dtype=np.int64)
        cols = np.array([self.mentors.at[r] for r in assignment.values()], dtype=np.int64)
        if len(rows):
            own = np.array(
                [_dot(self.mentees.rows[k], self.mentors.rows[j]) for k, j in zip(rows, cols, strict=True)]
            )
            for k, j, s in zip(rows.tolist(), cols.tolist(), own.tolist(), strict=True):
                self._assign(k, j, s)
            self.utility[rows] = np.rint(own * COST_SCALE).astype(np.int64) - self.prices[cols]
        self.searches = self.scored = 0

    # -- construction ---------------------------------------------------------------------

    def _sides(self, table: ParticipantTable) -> tuple[_Side, _Side, IntArray]:
        mentees = table.positions("mentee").astype(np.int64)
        mentors = table.positions("mentor").astype(np.int64)
        codes = self._language_bits(table)
        return (
            _Side(list(table.ids[mentees]), self.vectorizer.transform_needs(table)[mentees], codes[mentees],
                  table.tz_hours[mentees]),
            _Side(list(table.ids[mentors]), self.vectorizer.transform_offers(table)[mentors], codes[mentors],
                  table.tz_hours[mentors]),
            table.capacity[mentors].astype(np.int64),
        )  # fmt: skip

    def _language_bits(self, table: ParticipantTable) -> IntArray:
        for code in table.language_codes:
            if code not in self._bits:
                if len(self._bits) >= 62:
                    raise ValueError("incremental matching supports at most 62 languages")
                self._bits[code] = len(self._bits)
        weights = np.array([1 << self._bits[c] for c in table.language_codes], dtype=np.int64)
        return np.asarray((table.language_matrix > 0).astype(np.int64) @ weights, dtype=np.int64)

    @classmethod
    def from_match(
        cls, matcher: MentorMatcher, result: Matching, exclude: IntArray | None = None
    ) -> SolvedCommunity:
        """The community a batch :meth:`MentorMatcher.match` solved, with its certificate.

        Parameters
        ----------
        matcher : MentorMatcher
            Fitted.
        result : Matching
            Its (certified) result.
        exclude : ndarray of int, shape (n_pairs, 2), optional
            The (mentee row, mentor row) exclusions the result was computed with.
        """
        table = matcher.table_
        ids = table.ids
        prices = np.rint(np.asarray(result.details["prices"]) * COST_SCALE).astype(np.int64)
        community = cls(
            matcher.vectorizer_,
            matcher.get_params(),
            table.frame.fillna("").astype(str).to_dict("records"),
            {m.id: str(u.mentor_id) for u, m in result.members},
            dict(zip((str(x) for x in ids[matcher.mentors_]), prices.tolist(), strict=True)),
            [(str(ids[a]), str(ids[b])) for a, b in (exclude if exclude is not None else [])],
        )
        community.slack = max(0.0, result.upper_bound - community.upper_bound)
        return community

    @classmethod
    def solve(
        cls,
        participants: pd.DataFrame,
        exclude: Iterable[tuple[str, str]] = (),
        *,
        vectorizer: ProfileVectorizer | None = None,
        **params: Any,
    ) -> SolvedCommunity:
        """Solve a community in batch (see :class:`MentorMatcher` for ``params``) and keep it."""
        matcher = MentorMatcher(vectorizer=vectorizer, **params).fit(participants)
        position = {str(pid): k for k, pid in enumerate(matcher.table_.ids)}
        pairs = np.array([[position[a], position[b]] for a, b in exclude], dtype=np.int64).reshape(-1, 2)
        return cls.from_match(matcher, matcher.match(pairs), pairs)

    # -- state ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The whole state as JSON-friendly data; :meth:`from_dict` restores it exactly."""
        return community_state(self)

    @classmethod
    def from_dict(cls, state: Mapping[str, Any]) -> SolvedCommunity:
        """Restore a community saved with :meth:`to_dict`."""
        return community_from_state(cls, state)

    # -- results --------------------------------------------------------------------------

    @property
    def total(self) -> float:  # type: ignore[override]
        """Total score of the assignment."""
        return float(self.score[self.mentor_of >= 0].sum())

    @property
    def upper_bound(self) -> float:  # type: ignore[override]
        """``sum(u) + sum(capacity * v)`` (plus the carried round-off allowance): no assignment beats it."""
        units = int(self.utility[self.mentees.active].sum()) + int((self.capacity * self.prices).sum())
        return max(units / COST_SCALE + self.slack, self.total)

    def pairs(self) -> list[tuple[str, str, float]]:
        """``(mentee id, mentor id, score)`` of every proposed pair, in mentee order."""
        matched = np.flatnonzero(self.mentor_of >= 0)
        return [
            (self.mentees.ids[k], self.mentors.ids[self.mentor_of[k]], float(self.score[k])) for k in matched
        ]

    def mentor_of_id(self, mentee_id: str) -> str | None:
        """The mentor proposed for a mentee (``None`` if unmatched or unknown)."""
        k = self.mentees.at.get(mentee_id)
        return None if k is None or self.mentor_of[k] < 0 else self.mentors.ids[self.mentor_of[k]]

    def frame(self) -> pd.DataFrame:
        """The current participants table."""
        return pd.DataFrame(list(self.records.values()), dtype=str).fillna("")

    def matcher(self) -> MentorMatcher:
        """A :class:`MentorMatcher` fitted on the current table with the frozen vectorizer."""
        return MentorMatcher(vectorizer=self.vectorizer, **self.params).fit(self.frame())

    def resolve(self) -> SolvedCommunity:
        """Solve the current community again in batch, with the same scores (for checks and audits)."""
        return SolvedCommunity.solve(
            self.frame(), sorted(self.excluded), vectorizer=self.vectorizer, **self.params
        )

    def result(self) -> Matching:
        """The current assignment as a :class:`~matching.Matching`, with reasons, total and bound."""
        matcher = self.matcher()
        table = matcher.table_
        mentee_at = {str(pid): k for k, pid in enumerate(table.ids[matcher.mentees_])}
        mentor_at = {str(pid): k for k, pid in enumerate(table.ids[matcher.mentors_])}
        mentor_of = np.full(len(matcher.mentees_), -1, dtype=np.int64)
        scores = np.zeros(len(matcher.mentees_))
        for e, r, s in self.pairs():
            mentor_of[mentee_at[e]], scores[mentee_at[e]] = mentor_at[r], s
        position = {str(pid): k for k, pid in enumerate(table.ids)}
        pairs = np.array([[position[a], position[b]] for a, b in sorted(self.excluded)], dtype=np.int64)
        scorer = matcher.scorer(pairs.reshape(-1, 2))
        lists = _own_lists(mentor_of, scores)
        result = matcher._result(scorer, lists, mentor_of, scores)
        result.total, result.upper_bound = self.total, self.upper_bound
        return result

    def certificate_gap(self, block: int = 2048) -> float:
        """Score every pair and return the true bound from the current prices minus the total (tests).

        ``sum_i max(0, max_j w_ij - v_j) + sum_j c_j v_j`` is an LP bound for any prices, so a
        result within round-off of zero proves the prices certify the total.
        """
        reach = 0
        for start in range(0, len(self.mentees), block):
            for k in range(start, min(len(self.mentees), start + block)):
                if self.mentees.active[k]:
                    _, w = self._row(k)
                    reach += max(0, int((w - self.prices).max(initial=0)))
        return (reach + int((self.capacity * self.prices).sum())) / COST_SCALE - self.total

    # -- changes --------------------------------------------------------------------------

    def apply(self, changes: pd.DataFrame) -> Update:
        """Apply a table of changes: participants-table rows, with an optional ``action`` column.

        ``action`` is ``add``, ``edit`` or ``remove`` (only ``id`` is needed); when empty or
        absent, a known id is edited and a new one added. Changes apply in order.
        """
        started = time.perf_counter()
        before = self.mentor_of_ids()
        update = Update()
        searches, scored = self.searches, self.scored
        for record in changes.astype(str).fillna("").to_dict("records"):
            action = str(record.pop("action", "") or "").strip().lower()
            pid = str(record.get("id", "")).strip()
            action = action or ("edit" if pid in self.records else "add")
            if action == "remove":
                self.remove(pid)
                update.removed += 1
            elif action == "edit":
                self.edit(record)
                update.edited += 1
            elif action == "add":
                self.add(record)
                update.added += 1
            else:
                raise ValueError(f"unknown action {action!r} (expected {', '.join(ACTIONS)})")
        after = self.mentor_of_ids()
        update.moved = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        update.searches, update.scored = self.searches - searches, self.scored - scored
        update.total, update.upper_bound = self.total, self.upper_bound
        update.seconds = time.perf_counter() - started
        return update

    def mentor_of_ids(self) -> dict[str, str]:
        """Mentor id of every matched mentee id."""
        return {e: r for e, r, _ in self.pairs()}

    def add(self, record: Mapping[str, str]) -> None:
        """Add one participant (participants-table contract) and re-optimise."""
        person = {k: "" if v is None else str(v) for k, v in record.items()}
        one = parse_participants(pd.DataFrame([person], dtype=str).fillna(""))
        pid = str(one.ids[0])
        if pid in self.records:
            raise ValueError(f"duplicate id {pid!r}")
        self.records[pid] = person
        if "traditional" not in one.kinds[0]:
            return
        languages = int(self._language_bits(one)[0])
        if one.is_mentor[0]:
            self._add_mentor(pid, self.vectorizer.transform_offers(one), languages, one, int(one.capacity[0]))
        else:
            k = self.mentees.append(
                pid, self.vectorizer.transform_needs(one), languages, float(one.tz_hours[0])
            )
            self.mentor_of = np.append(self.mentor_of, -1)
            self.utility = np.append(self.utility, 0)
            self.score = np.append(self.score, 0.0)
            self._place(k)

    def _add_mentor(
        self, pid: str, offers: sp.csr_matrix, languages: int, one: ParticipantTable, cap: int
    ) -> None:
        j = self.mentors.append(pid, offers, languages, float(one.tz_hours[0]))
        self.capacity = np.append(self.capacity, cap)
        self.load = np.append(self.load, 0)
        self.members.append(set())
        self.prices = np.append(self.prices, 0)
        _, w = self._column(j)
        self.prices[j] = max(0, int((w - self.utility).max(initial=0)))
        self._refill(j)

    def remove(self, pid: str) -> None:
        """Remove one participant by id and re-optimise."""
        if self.records.pop(pid, None) is None:
            raise KeyError(f"unknown id {pid!r}")
        self.excluded = {p for p in self.excluded if pid not in p}
        if pid in self.mentees.at:
            k = self.mentees.retire(pid)
            j = int(self.mentor_of[k])
            self._unassign(k)
            self.utility[k] = 0
            if j >= 0:
                self._refill(j)
        elif pid in self.mentors.at:
            j = self.mentors.retire(pid)
            left = sorted(self.members[j])
            for k in left:
                self._unassign(k)
            self.capacity[j], self.prices[j] = 0, 0
            for k in left:
                self._place(k)

    def edit(self, record: Mapping[str, str]) -> None:
        """Replace one participant's record (same id) and re-optimise."""
        pid = str(record.get("id", "")).strip()
        excluded = {p for p in self.excluded if pid in p}
        self.remove(pid)
        self.add(record)
        self.excluded |= excluded

    # -- scoring --------------------------------------------------------------------------

    def _floor(self) -> float:
        return max(float(self.params.get("min_score", 0.0)), float(np.nextafter(0.0, 1.0)))

    def _row(self, k: int) -> tuple[FloatArray, IntArray]:
        """Scores of mentee ``k`` against every mentor and integer weights (``-2**62`` if forbidden)."""
        self.scored += 1
        scores = self.mentors.against(*self.mentees.rows[k])
        ok = (self.mentors.languages & self.mentees.languages[k]) != 0
        ok &= (scores >= self._floor()) & (self.capacity > 0) & self.mentors.active
        limit = self.params.get("max_hours_apart")
        if limit is not None:
            ok &= ~(hours_apart(self.mentees.hours[k], self.mentors.hours) > limit)
        if self.excluded:
            pid = self.mentees.ids[k]
            for a, b in self.excluded:
                if a == pid and b in self.mentors.at:
                    ok[self.mentors.at[b]] = False
        return scores, np.where(ok, np.rint(scores * COST_SCALE).astype(np.int64), -_INF)

    def _column(self, j: int) -> tuple[FloatArray, IntArray]:
        """Scores of every mentee against mentor ``j`` and integer weights (``-2**62`` if forbidden)."""
        self.scored += 1
        scores = self.mentees.against(*self.mentors.rows[j])
        ok = (self.mentees.languages & self.mentors.languages[j]) != 0
        ok &= (scores >= self._floor()) & self.mentees.active & bool(self.capacity[j] > 0)
        limit = self.params.get("max_hours_apart")
        if limit is not None:
            ok &= ~(hours_apart(self.mentees.hours, self.mentors.hours[j]) > limit)
        if self.excluded:
            pid = self.mentors.ids[j]
            for a, b in self.excluded:
                if b == pid and a in self.mentees.at:
                    ok[self.mentees.at[a]] = False
        return scores, np.where(ok, np.rint(scores * COST_SCALE).astype(np.int64), -_INF)

    # -- the two searches -----------------------------------------------------------------

    def _assign(self, k: int, j: int, score: float) -> None:
        self._unassign(k)
        self.mentor_of[k], self.score[k] = j, score
        self.members[j].add(k)
        self.load[j] += 1

    def _unassign(self, k: int) -> None:
        j = int(self.mentor_of[k])
        if j >= 0:
            self.members[j].discard(k)
            self.load[j] -= 1
        self.mentor_of[k], self.score[k] = -1, 0.0

    def _place(self, s: int) -> None:
        """Give an unmatched mentee its best place by one shortest augmenting path (or leave it out)."""
        u, v = self.utility, self.prices
        row_s = self._row(s)
        u[s] = max(0, int((row_s[1] - v).max(initial=0)))
        if u[s] == 0:
            return
        self.searches += 1
        rows = {s: row_s}
        dist = np.where(row_s[1] > -_INF, u[s] + v - row_s[1], _INF)
        pred = np.full(len(v), s, dtype=np.int64)
        done = np.zeros(len(v), dtype=bool)
        frontier = dist.copy()
        reached = {s: 0}
        best, end_k, end_j = int(u[s]), s, -1
        while len(frontier):
            j = int(np.argmin(frontier))
            d = int(frontier[j])
            if d >= best:
                break
            done[j], frontier[j] = True, _INF
            if self.load[j] < self.capacity[j]:
                best, end_k, end_j = d, -1, j
                break
            for k in sorted(self.members[j]):
                reached[k] = d
                if d + int(u[k]) < best:
                    best, end_k, end_j = d + int(u[k]), k, -1
                rows[k] = self._row(k)
                cand = np.where(rows[k][1] > -_INF, d + u[k] + v - rows[k][1], _INF)
                better = (cand < dist) & ~done
                dist[better], frontier[better], pred[better] = cand[better], cand[better], k
        for k, dk in reached.items():
            if dk < best:
                u[k] -= best - dk
        settled = np.flatnonzero(done & (dist < best))
        v[settled] += best - dist[settled]
        if end_j < 0:
            if end_k == s:
                return
            end_j = int(self.mentor_of[end_k])
            self._unassign(end_k)
        j = end_j
        while True:
            k = int(pred[j])
            old = int(self.mentor_of[k])
            self._assign(k, j, float(rows[k][0][j]))
            if k == s:
                return
            j = old

    def _refill(self, j0: int) -> None:
        """Fill the free seats of a mentor with a positive price, or lower the price to zero."""
        while self.load[j0] < self.capacity[j0] and self.prices[j0] > 0:
            self._refill_once(j0)

    def _refill_once(self, j0: int) -> None:
        self.searches += 1
        u, v = self.utility, self.prices
        cols = {j0: self._column(j0)}
        dist = np.where(cols[j0][1] > -_INF, u + v[j0] - cols[j0][1], _INF)
        pred = np.full(len(u), j0, dtype=np.int64)
        done = np.zeros(len(u), dtype=bool)
        frontier = dist.copy()
        reached = {j0: 0}
        via: dict[int, int] = {}
        best, end_k, end_j = int(v[j0]), -1, j0
        while len(frontier):
            k = int(np.argmin(frontier))
            d = int(frontier[k])
            if d >= best:
                break
            done[k], frontier[k] = True, _INF
            j2 = int(self.mentor_of[k])
            if j2 < 0:
                best, end_k, end_j = d, k, -1
                break
            if j2 in reached:
                continue
            reached[j2], via[j2] = d, k
            if d + int(v[j2]) < best:
                best, end_k, end_j = d + int(v[j2]), -1, j2
            cols[j2] = self._column(j2)
            cand = np.where(cols[j2][1] > -_INF, d + u + v[j2] - cols[j2][1], _INF)
            better = (cand < dist) & ~done
            dist[better], frontier[better], pred[better] = cand[better], cand[better], j2
        settled = np.flatnonzero(done & (dist < best))
        u[settled] += best - dist[settled]
        for j, dj in reached.items():
            if dj < best:
                v[j] -= best - dj
        if end_k < 0:
            if end_j == j0:
                return
            end_k = via[end_j]
        k = end_k
        while True:
            j = int(pred[k])
            self._assign(k, j, float(cols[j][0][k]))
            if j == j0:
                return
            k = via[j]


def _own_lists(mentor_of: IntArray, scores: FloatArray) -> CandidateLists:
    """Candidate lists holding each mentee's own pair (for the reasons of a result)."""
    matched = mentor_of >= 0
    indptr = np.concatenate([[0], np.cumsum(matched)]).astype(np.int64)
    tail = np.where(matched, np.inf, -np.inf)
    return CandidateLists(indptr, mentor_of[matched], scores[matched], tail, 0)


def _dot(a: tuple[IntArray, FloatArray], b: tuple[IntArray, FloatArray]) -> float:
    """Dot product of two sparse vectors given by sorted indices and values."""
    common, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(a[1][ia] @ b[1][ib]) if len(common) else 0.0
