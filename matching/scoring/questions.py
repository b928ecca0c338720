"""Answers to a program's own questions: hard rules as codes per person, preferences as features.

A :class:`Question` names a column of the participants table and how its answers take part:
``same`` or ``different`` (hard rules: a pair whose known answers differ, or are the same, is
never proposed) or ``prefer`` (a preference: ``weight * PREFERENCE_SCALE`` times the answers'
similarity is added to the pair's score). Similarity is 1 for the same single choice, the Jaccard
overlap of two multiple-choice answers, and ``1 - |a - b| / 4`` on the 1-5 scale.

Both reach the engine without a new search: a hard rule is one more constraint checked wherever
a language is (candidate search, the price check, peers' tiles), and a preference is one more
block of features whose dot product is the similarity, so cluster bounds and certificates hold
as they are. A person who left a question blank is *unknown* to it: every rule passes and no
preference counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.table.participants import ParticipantTable, TableError, shown

UIntArray = npt.NDArray[np.uint64]
IntArray = npt.NDArray[np.int64]

QUESTION_KINDS = ("single_choice", "multiple_choice", "scale")
USES = ("same", "different", "prefer")
#: A preference of weight 1 adds at most this to a pair's score (topics and words add up to 0.9).
PREFERENCE_SCALE = 0.1
MIN_WEIGHT, MAX_WEIGHT = 0.1, 3.0
SCALE = (1, 5)
#: Rule modes: single answers equal / unequal; multiple answers overlap / disjoint.
EQUAL, UNEQUAL, OVERLAP, DISJOINT = 0, 1, 2, 3
#: Multiple-choice hard rules hold answers as bit masks: 63 choices, the last bit for unseen ones.
MAX_RULE_CHOICES = 63
#: Up to this many distinct multiple-choice answers, preferences are the exact Jaccard overlap.
MAX_ANSWER_SETS = 512

Value = str | frozenset[str] | int | None


@dataclass(frozen=True)
class Question:
    """One question whose answers take part in matching.

    Parameters
    ----------
    column : str
        The participants-table column holding the answers (cells as strings; multiple choice
        ``;``-separated; the scale a whole number from 1 to 5; empty: not answered).
    kind : {"single_choice", "multiple_choice", "scale"}
    use : {"same", "different", "prefer"}
        A hard rule (same or different answer) or a weighted preference.
    weight : float, default=1.0
        A preference's weight, from 0.1 to 3 (ignored by hard rules).
    label : str, default=""
        The question as people read it, named by reasons (the column when empty).
    private : bool, default=False
        Only coordinators may read the answers: reasons that name them get a ``private_`` code,
        which an app never shows the people matched.
    """

    column: str
    kind: str = "single_choice"
    use: str = "prefer"
    weight: float = 1.0
    label: str = ""
    private: bool = False

    def __post_init__(self) -> None:
        if self.kind not in QUESTION_KINDS:
            raise ValueError(f"question kind must be one of {', '.join(QUESTION_KINDS)}, got {self.kind!r}")
        if self.use not in USES:
            raise ValueError(f"question use must be one of {', '.join(USES)}, got {self.use!r}")
        if self.use == "prefer" and not MIN_WEIGHT <= self.weight <= MAX_WEIGHT:
            raise ValueError(
                f"a preference's weight must be from {MIN_WEIGHT} to {MAX_WEIGHT}, got {self.weight}"
            )

    @property
    def name(self) -> str:
        """What reasons call the question."""
        return self.label or self.column

    @property
    def is_rule(self) -> bool:
        """Whether the question is a hard rule."""
        return self.use in ("same", "different")

    def mode(self) -> int:
        """The rule's mode (:data:`EQUAL`, :data:`UNEQUAL`, :data:`OVERLAP` or :data:`DISJOINT`)."""
        multiple = self.kind == "multiple_choice"
        if self.use == "same":
            return OVERLAP if multiple else EQUAL
        return DISJOINT if multiple else UNEQUAL


def read_answers(table: ParticipantTable, question: Question) -> list[Value]:
    """Each row's answer to a question: a string, a frozenset, a number, or ``None`` if blank.

    Raises
    ------
    TableError
        On a scale answer that is not a whole number from 1 to 5 (naming the row and column).
    """
    frame = table.frame
    if question.column not in frame.columns:
        return [None] * len(table)
    cells = [
        "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in frame[question.column]
    ]
    return [_parse(cell, question, row) for row, cell in enumerate(cells)]


def _parse(cell: str, question: Question, row: int) -> Value:
    text = cell.strip()
    if not text:
        return None
    if question.kind == "multiple_choice":
        picked = frozenset(p.strip() for p in text.split(";") if p.strip())
        return picked or None
    if question.kind == "scale":
        try:
            number = int(text)
        except ValueError:
            number = 0
        if not SCALE[0] <= number <= SCALE[1]:
            raise TableError(
                f"answers on a scale are whole numbers from 1 to 5, got {shown(cell)}",
                row=row,
                column=question.column,
            )
        return number
    return text


@dataclass
class AnswerEncoder:
    """Hard-rule codes and preference features of a table's answers, with the vocabularies fitted.

    Parameters
    ----------
    questions : sequence of Question

    Attributes
    ----------
    answers_ : list of list
        Per question, each fitted row's answer (see :func:`read_answers`).
    vocabularies_ : list of tuple
        Per question, its distinct answers in the fitted table (answer sets for multiple choice).
    rule_modes_ : tuple of int
        The mode of each hard rule, in the order of the questions.
    codes_ : ndarray of uint64, shape (n_rows, n_rules)
        Each row's code per hard rule (``0``: unknown).
    left_, right_ : scipy.sparse.csr_matrix or None
        Preference features whose product is the weighted similarity; ``None`` without preferences.
    """

    questions: tuple[Question, ...]
    answers_: list[list[Value]] = field(default_factory=list)
    vocabularies_: list[tuple[Any, ...]] = field(default_factory=list)
    rule_modes_: tuple[int, ...] = ()
    codes_: UIntArray = field(default_factory=lambda: np.zeros((0, 0), np.uint64))
    left_: sp.csr_matrix | None = None
    right_: sp.csr_matrix | None = None

    def fit(self, table: ParticipantTable) -> AnswerEncoder:
        """Read every question's answers and fit the vocabularies, codes and features."""
        self.answers_ = [read_answers(table, q) for q in self.questions]
        self.vocabularies_ = [
            _vocabulary(q, found) for q, found in zip(self.questions, self.answers_, strict=True)
        ]
        self.rule_modes_ = tuple(q.mode() for q in self.questions if q.is_rule)
        self.codes_ = self._codes(self.answers_, len(table))
        self.left_, self.right_ = self._features(self.answers_, len(table))
        return self

    def transform(self, table: ParticipantTable) -> tuple[list[list[Value]], UIntArray, sp.csr_matrix | None]:
        """Another table's answers, rule codes and left features, in the fitted vocabularies."""
        answers = [read_answers(table, q) for q in self.questions]
        left, _ = self._features(answers, len(table))
        return answers, self._codes(answers, len(table)), left

    @property
    def has_rules(self) -> bool:
        """Whether any question is a hard rule."""
        return bool(self.rule_modes_)

    def _codes(self, answers: list[list[Value]], n: int) -> UIntArray:
        rules = [
            (q, found, vocab)
            for q, found, vocab in zip(self.questions, answers, self.vocabularies_, strict=True)
        ]
        rules = [r for r in rules if r[0].is_rule]
        codes = np.zeros((n, len(rules)), dtype=np.uint64)
        for r, (question, found, vocab) in enumerate(rules):
            codes[:, r] = _rule_codes(question, found, vocab)
        return codes

    def _features(
        self, answers: list[list[Value]], n: int
    ) -> tuple[sp.csr_matrix | None, sp.csr_matrix | None]:
        lefts, rights = [], []
        for question, found, vocab in zip(self.questions, answers, self.vocabularies_, strict=True):
            if question.use == "prefer":
                left, right = _preference(question, found, vocab)
                lefts.append(left)
                rights.append(right)
        if not lefts:
            return None, None
        return sp.hstack(lefts, format="csr"), sp.hstack(rights, format="csr")


def _vocabulary(question: Question, found: list[Value]) -> tuple[Any, ...]:
    known = [v for v in found if v is not None]
    if question.kind == "scale":
        return tuple(range(SCALE[0], SCALE[1] + 1))
    if question.kind == "multiple_choice":
        if question.is_rule:
            choices = sorted({c for v in known for c in v})  # type: ignore[union-attr]
            if len(choices) > MAX_RULE_CHOICES:
                most = MAX_RULE_CHOICES
                raise ValueError(
                    f"a hard rule on {question.name!r} takes at most {most} choices, got {len(choices)}"
                )
            return tuple(choices)
        return tuple(sorted(set(known), key=lambda s: sorted(s) if isinstance(s, frozenset) else [str(s)]))
    return tuple(sorted(set(known), key=str))


def _rule_codes(question: Question, found: list[Value], vocab: tuple[Any, ...]) -> UIntArray:
    """Codes of one hard rule: category numbers from 1, or bit masks; answers not fitted never agree."""
    codes = np.zeros(len(found), dtype=np.uint64)
    if question.kind == "multiple_choice":
        bit = {c: np.uint64(1) << np.uint64(k) for k, c in enumerate(vocab)}
        unseen = np.uint64(1) << np.uint64(MAX_RULE_CHOICES)
        for row, value in enumerate(found):
            if value is not None:
                mask = np.uint64(0)
                for choice in value:  # type: ignore[union-attr]
                    mask |= bit.get(choice, unseen)
                codes[row] = mask
        return codes
    number = {v: k + 1 for k, v in enumerate(vocab)}
    extra: dict[Any, int] = {}
    for row, value in enumerate(found):
        if value is not None:
            code = number.get(value) or extra.setdefault(value, len(vocab) + 1 + len(extra))
            codes[row] = code
    return codes


def similarity(question: Question, a: Value, b: Value) -> float:
    """How alike two answers are, from 0 to 1 (0 when either is blank)."""
    if a is None or b is None:
        return 0.0
    if isinstance(a, int) and isinstance(b, int):
        return 1.0 - abs(a - b) / (SCALE[1] - SCALE[0])
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        return len(a & b) / len(a | b)
    return 1.0 if a == b else 0.0


def _preference(
    question: Question, found: list[Value], vocab: tuple[Any, ...]
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """``left`` (the weight on the row's own answer) and ``right`` (its similarity to every answer).

    ``left[a] . right[b]`` is ``weight * PREFERENCE_SCALE * similarity(a, b)``: the left side picks
    the column of its answer, the right side holds its similarity to each fitted answer there. An
    answer no fitted row gave (a new person's) has no column: it counts for no preference.
    """
    n, width = len(found), len(vocab)
    if question.kind == "multiple_choice" and width > MAX_ANSWER_SETS:
        return _cosine_preference(found, question.weight * PREFERENCE_SCALE)
    index = {v: k for k, v in enumerate(vocab)}
    at = np.array([index.get(v, -1) if v is not None else -1 for v in found], dtype=np.int64)
    rows = np.flatnonzero(at >= 0)
    gain = question.weight * PREFERENCE_SCALE
    left = sp.csr_matrix((np.full(len(rows), gain), (rows, at[rows])), shape=(n, width))
    if question.kind == "single_choice":
        return left, sp.csr_matrix((np.ones(len(rows)), (rows, at[rows])), shape=(n, width))
    # Each fitted answer against every fitted answer, then each person's row of it.
    table = sp.csr_matrix(
        np.array([[similarity(question, u, v) for u in vocab] for v in vocab]).reshape(width, width)
    )
    right = sp.csr_matrix(sp.diags((at >= 0).astype(np.float64)) @ table[np.maximum(at, 0)])
    right.eliminate_zeros()
    return left, right


def _cosine_preference(found: list[Value], gain: float) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Over :data:`MAX_ANSWER_SETS` distinct answer sets, the cosine overlap stands in for Jaccard."""
    choices = sorted({c for v in found if v is not None for c in v})  # type: ignore[union-attr]
    index = {c: k for k, c in enumerate(choices)}
    rows, cols, values = [], [], []
    for r, value in enumerate(found):
        if value is not None:
            for c in value:  # type: ignore[union-attr]
                rows.append(r)
                cols.append(index[c])
                values.append(1.0 / np.sqrt(len(value)))  # type: ignore[arg-type]
    unit = sp.csr_matrix((values, (rows, cols)), shape=(len(found), len(choices)))
    return (gain * unit).tocsr(), unit


def rules_block(left: UIntArray, right: UIntArray, modes: IntArray) -> npt.NDArray[np.bool_]:
    """``(len(left), len(right))``: whether every hard rule allows each pair (unknown codes pass)."""
    ok = np.ones((len(left), len(right)), dtype=bool)
    for r, mode in enumerate(np.asarray(modes).tolist()):
        ok &= _holds(left[:, r][:, None], right[:, r][None, :], mode)
    return ok


def rules_pairs(left: UIntArray, right: UIntArray, modes: IntArray) -> npt.NDArray[np.bool_]:
    """Whether every hard rule allows the pairs ``(left[k], right[k])``."""
    ok = np.ones(len(left), dtype=bool)
    for r, mode in enumerate(np.asarray(modes).tolist()):
        ok &= _holds(left[:, r], right[:, r], mode)
    return ok


def _holds(a: UIntArray, b: UIntArray, mode: int) -> npt.NDArray[np.bool_]:
    known = (a != 0) & (b != 0)
    if mode == EQUAL:
        bad = a != b
    elif mode == UNEQUAL:
        bad = a == b
    elif mode == OVERLAP:
        bad = (a & b) == 0
    else:
        bad = (a & b) != 0
    return np.asarray(~(known & bad))


__all__ = [
    "MAX_WEIGHT",
    "MIN_WEIGHT",
    "PREFERENCE_SCALE",
    "QUESTION_KINDS",
    "USES",
    "AnswerEncoder",
    "Question",
    "read_answers",
    "rules_block",
    "rules_pairs",
    "similarity",
]
