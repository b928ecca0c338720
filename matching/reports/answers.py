"""Reasons that name a program's own questions: the answers two people (or a group) share.

Codes (``items``: the question as people read it, then the answers named; a question whose
answers are private gets the same code with a ``private_`` prefix, which apps never show the
people matched):

==================  ===============================================  ===================
code                items                                            value
==================  ===============================================  ===================
shared_answer       question, the answers both gave                  similarity (0-1)
close_answers       question, the two answers on the scale           similarity (0-1)
different_answers   question (a ``different`` rule that held)
==================  ===============================================  ===================
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matching.reports.reason import Reason, Reasons
from matching.scoring.questions import Question, Value, similarity

IntArray = npt.NDArray[np.int64]
#: Scale answers this alike (one step apart) are named as close.
CLOSE = 0.75
#: Where answer reasons go among a pair's reasons: before languages and hours.
_AFTER = ("languages", "same_time_zone", "hours_apart", "language_and_time_only")


def _code(question: Question, code: str) -> str:
    return f"private_{code}" if question.private else code


def _answers(value: Value) -> tuple[str, ...]:
    if isinstance(value, frozenset):
        return tuple(sorted(value))
    return (str(value),)


def pair_reason(question: Question, a: Value, b: Value) -> Reason | None:
    """What one question says about a pair, or ``None`` when it says nothing worth naming."""
    if a is None or b is None:
        return None
    if question.use == "different":
        return Reason(_code(question, "different_answers"), (question.name,))
    alike = similarity(question, a, b)
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        shared = tuple(sorted(a & b))
        return (
            Reason(_code(question, "shared_answer"), (question.name, *shared), round(alike, 4))
            if shared
            else None
        )
    if a == b:
        return Reason(_code(question, "shared_answer"), (question.name, *_answers(a)), 1.0)
    if question.kind == "scale" and alike >= CLOSE:
        return Reason(_code(question, "close_answers"), (question.name, str(a), str(b)), round(alike, 4))
    return None


def answer_reasons(
    questions: Sequence[Question],
    first: Sequence[Sequence[Value]],
    second: Sequence[Sequence[Value]],
    rows_a: IntArray,
    rows_b: IntArray,
) -> list[Reasons]:
    """Per pair, the reasons its answers give: preferences by weighted similarity first, then rules.

    Parameters
    ----------
    questions : sequence of Question
    first, second : sequence of sequence
        Per question, the answers of the rows ``rows_a`` and ``rows_b`` index into.
    rows_a, rows_b : ndarray of int
        The two people of each pair.
    """
    found: list[Reasons] = []
    for i, j in zip(np.asarray(rows_a).tolist(), np.asarray(rows_b).tolist(), strict=True):
        ranked: list[tuple[float, int, Reason]] = []
        for q, (question, mine, theirs) in enumerate(zip(questions, first, second, strict=True)):
            reason = pair_reason(question, mine[i], theirs[j])
            if reason is not None:
                strength = question.weight * (reason.value or 0.0) if question.use == "prefer" else -1.0
                ranked.append((strength, q, reason))
        found.append(tuple(r for _s, _q, r in sorted(ranked, key=lambda item: (-item[0], item[1]))))
    return found


def group_answer_reasons(
    questions: Sequence[Question], answers: Sequence[Sequence[Value]], rows: IntArray
) -> Reasons:
    """Answers a whole group (its mentor and members) gives alike: ``shared_answer`` per question.

    An answer counts when at least two of the group gave it and nobody who answered gave another
    (for multiple choice: the choices every answer holds).
    """
    found = []
    for question, values in zip(questions, answers, strict=True):
        if question.use == "different":
            continue
        known = [values[r] for r in np.asarray(rows).tolist() if values[r] is not None]
        if len(known) < 2:
            continue
        if question.kind == "multiple_choice":
            common = frozenset.intersection(*(v for v in known if isinstance(v, frozenset)))
            if common:
                found.append(Reason(_code(question, "shared_answer"), (question.name, *sorted(common))))
        elif all(v == known[0] for v in known):
            found.append(Reason(_code(question, "shared_answer"), (question.name, *_answers(known[0]))))
    return tuple(found)


def with_answers(reasons: Sequence[Reasons], extra: Sequence[Reasons]) -> list[Reasons]:
    """Each pair's reasons with its answer reasons placed before languages and hours."""
    merged = []
    for own, more in zip(reasons, extra, strict=True):
        if not more:
            merged.append(own)
            continue
        at = next((k for k, r in enumerate(own) if r.code in _AFTER), len(own))
        merged.append((*own[:at], *more, *own[at:]))
    return merged
