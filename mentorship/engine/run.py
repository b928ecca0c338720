"""Run a round's kind over its pool and turn the library's answer into an :class:`Outcome`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mentorship.engine.audit import audit_data, shared_columns
from mentorship.engine.kinds import matcher, positions, run_kind
from mentorship.engine.outcome import Outcome, Unit
from mentorship.engine.pool import Pool
from mentorship.engine.reasons import only, stored
from mentorship.engine.rows import MENTEE, same_person
from mentorship.engine.table import with_topics
from mentorship.lib.reasons import ReasonData
from mentorship.models import Kind

if TYPE_CHECKING:
    from matching import Matching
    from matching import Unit as Found

Progress = Callable[[str, float], None]
Alternative = tuple[str, float, list[ReasonData]]
ALTERNATIVES = 4
# Offering alternatives costs one suggestion query per mentee: worth it for rounds people edit by hand.
ALTERNATIVES_UP_TO = 5_000
# How far along each stage the library reports is, per kind (other stages count as halfway).
FRACTIONS = {
    Kind.TRADITIONAL: {"vectorize": 0.1, "candidates": 0.3, "solve": 0.55, "certify": 0.75, "explain": 0.9},
    Kind.PEER: {
        "vectorize": 0.1,
        "candidates": 0.3,
        "relax": 0.5,
        "blossom": 0.6,
        "round": 0.7,
        "improve": 0.8,
        "explain": 0.9,
    },
    Kind.GROUP: {"vectorize": 0.1},
}


def engine_options(options: dict[str, Any], pool: Pool | None = None) -> dict[str, Any]:
    """A round's stored options as the kind dispatcher takes them, with the pool's questions."""
    return {
        "min_score": options.get("min_score"),
        "max_hours_apart": options.get("max_hours_apart"),
        "group_size": (int(options.get("group_min") or 3), int(options.get("group_max") or 6)),
        "questions": engine_questions(pool) if pool is not None else (),
    }


def engine_questions(pool: Pool) -> tuple[Any, ...]:
    """The pool's program questions as the library's :class:`matching.Question`s."""
    if not pool.questions:
        return ()
    from matching import Question

    return tuple(
        Question(q.column, kind=q.kind, use=q.use, weight=q.weight, label=q.label, private=q.private)
        for q in pool.questions
    )


def run(pool: Pool, options: dict[str, Any], progress: Progress) -> Outcome:
    """Match a pool with the round's options (CPU-bound: call it from a worker thread).

    ``options["exclude_rows"]`` holds the (seeker row, mentor or peer row) pairs never to propose.
    """
    from matching import parse_participants

    if pool.mentees == 0 or (pool.kind is not Kind.PEER and pool.mentors == 0):
        who = [(rid, _nobody_reason(pool)) for rid in pool.frame.loc[pool.frame["role"] == MENTEE, "id"]]
        return Outcome([], who, 0.0, 0.0, True, {})
    progress("vectorize", 0.05)
    fractions = FRACTIONS[pool.kind]
    table = parse_participants(with_topics(pool.frame, pool.topic_names))
    never = positions(table, [*pool.self_pairs, *(tuple(p) for p in options.get("exclude_rows", []))])
    fitted, result = run_kind(
        pool.kind.value,
        table,
        never,
        options=engine_options(options, pool),
        progress=lambda stage: progress(stage, fractions.get(stage, 0.5)),
    )
    outcome = Outcome(
        _units(pool.kind, result),
        [(left.id, stored(left.reasons)) for left in result.unmatched],
        float(result.total),
        float(result.upper_bound),
        bool(result.proved_optimal),
        {k: float(v) for k, v in result.timings.items() if isinstance(v, int | float)},
        audit=audit_data(table, result, shared_columns(pool.frame)),
    )
    if pool.kind is Kind.TRADITIONAL and pool.mentees <= ALTERNATIVES_UP_TO:
        progress("alternatives", 0.95)
        outcome.alternatives = _alternatives(pool, fitted, options)
    return outcome


def _nobody_reason(pool: Pool) -> list[ReasonData]:
    return only("no_peers" if pool.kind is Kind.PEER else "no_mentors")


def _units(kind: Kind, result: Matching) -> list[Unit]:
    return [_unit(unit, grouped=kind is Kind.GROUP) for unit in result.units]


def _alternatives(pool: Pool, fitted: Any, options: dict[str, Any]) -> dict[str, list[Alternative]]:
    """For each mentee, the mentors that fit best after their own match: the preview's swaps."""
    from matching import suggest_mentors

    rows = pool.frame.set_index("id")
    banned: dict[str, set[str]] = {}
    for mentee, mentor in options.get("exclude_rows", []):
        banned.setdefault(mentee, set()).add(mentor)
    found: dict[str, list[Alternative]] = {}
    for rid in pool.frame.loc[pool.frame["role"] == MENTEE, "id"]:
        person = rows.loc[rid].to_dict() | {"id": rid}
        never = banned.get(rid, set())
        found[rid] = [
            (s.mentor_id, float(s.score), stored(s.reasons))
            for s in suggest_mentors(fitted, person, ALTERNATIVES + 1 + len(never))
            if not same_person(s.mentor_id, rid) and s.mentor_id not in never
        ][:ALTERNATIVES]
    return found


def _unit(unit: Found, *, grouped: bool) -> Unit:
    """A unit of the library's result as the app keeps it (a group's members keep their own fits)."""
    return Unit(
        unit.mentor_id,
        [member.id for member in unit.members],
        float(unit.score),
        stored(unit.reasons),
        unit.group_id if grouped else "",
        [float(member.score) for member in unit.members] if grouped else [],
    )


def score_groups(pool: Pool, options: dict[str, Any], groups: list[tuple[str, list[str]]]) -> list[Unit]:
    """Groups changed by hand, each scored and explained as the round's run would (CPU-bound).

    A member whom a hard constraint keeps from the mentor (language, time zone, minimum score, an
    earlier relationship or decline) gets ``-inf`` in ``member_scores``.
    """
    from matching import parse_participants

    table = parse_participants(with_topics(pool.frame, pool.topic_names))
    fitted = matcher(Kind.GROUP.value, engine_options(options, pool)).fit(table)
    never = positions(table, [*pool.self_pairs, *(tuple(p) for p in options.get("exclude_rows", []))])
    return [_unit(fitted.describe_group(members, mentor, never), grouped=True) for mentor, members in groups]
