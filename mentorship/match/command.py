"""`mentorship match INPUT.csv`: propose provably optimal pairings from a participants CSV."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from mentorship.match.kinds import fairness, parse_group_size
from mentorship.match.options import FiniteFloat

_STAGES = ("read", "vectorize", "candidates", "solve", "explain", "write")


class _Stages:
    """Times each stage and drives a progress bar on standard error for larger runs."""

    def __init__(self, show: bool) -> None:
        self.timings: dict[str, float] = {}
        self._bar: Any = (
            click.progressbar(length=len(_STAGES), label="matching", file=sys.stderr) if show else None
        )
        self._current: str | None = None
        self._started = time.perf_counter()

    def __call__(self, stage: str) -> None:
        if self._bar is not None and stage in _STAGES:
            self._bar.update(1)
        self._current = stage

    def close(self) -> None:
        if self._bar is not None:
            self._bar.render_finish()


def _print_summary(figures: dict[str, Any], err: bool) -> None:
    def say(text: str) -> None:
        click.echo(text, err=err)

    say(f"matched: {figures['matched']} pairs; unmatched mentees: {figures['unmatched_mentees']}")
    for reason, count in figures["unmatched_reasons"].items():
        say(f"  {count} x {reason}")
    if figures["idle_mentors"]:
        say(f"mentors without a mentee: {figures['idle_mentors']}")
    for note in figures.get("notes", []):
        say(note)
    state = "proved optimal" if figures["proved_optimal"] else "NOT proved optimal"
    say(
        f"total score: {figures['total']:.6f}; upper bound: {figures['upper_bound']:.6f}; "
        f"gap: {figures['gap']:.3g} ({figures['relative_gap']:.2e} relative): {state}"
    )
    say("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in figures["seconds"].items()))


@click.command(name="match")
@click.argument("input_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind", type=click.Choice(["traditional", "group", "peer"]), default="traditional", show_default=True
)
@click.option(
    "--group-size",
    callback=parse_group_size,
    metavar="MIN-MAX",
    help="Sizes of groups for --kind group.  [default: 3-6]",
)
@click.option(
    "--audit-by", multiple=True, metavar="COLUMN", help="Fairness report by this column (repeatable)."
)
@click.option(
    "--max-min",
    metavar="COLUMN",
    help="Raise the worst-off group of COLUMN's mean score (traditional); prints the cost to the total.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: standard output."
)
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option(
    "--min-score", type=FiniteFloat(), default=0.0, show_default=True, help="Never propose a pair below this."
)
@click.option(
    "--max-hours-apart", type=FiniteFloat(low=0), default=None, help="Largest time-zone difference of a pair."
)
@click.option(
    "--exclude",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of mentee_id,mentor_id.",
)
@click.option(
    "--fast",
    is_flag=True,
    help="Stop once the total is proved within 0.02% of the optimum instead of proving it optimal.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--update",
    "previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="PREVIOUS.json",
    help="Apply INPUT_CSV as changes (action add, edit or remove) to a state saved with --state.",
)
@click.option(
    "--state",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Save the solved community here for later --update runs (with --update: default PREVIOUS.json).",
)
def match_command(
    input_csv: Path,
    kind: str,
    output: Path | None,
    fmt: str,
    min_score: float,
    max_hours_apart: float | None,
    exclude: Path | None,
    fast: bool,
    seed: int,
    group_size: tuple[int, int] | None = None,
    audit_by: tuple[str, ...] = (),
    max_min: str | None = None,
    previous: Path | None = None,
    state: Path | None = None,
) -> None:
    """Match mentees with mentors from INPUT_CSV and prove the total optimal.

    Writes one row per pairing (kind, group, mentor_id, mentee_id, score, reasons) and a
    summary: matched and unmatched counts with reasons, total, upper bound, gap, time per stage.
    """
    # The engine pulls in scikit-learn (seconds to import): load it only when the command runs.
    from mentorship.match.csvio import InputError

    if previous is None and state is not None and (kind != "traditional" or max_min):
        click.echo("Error: --state keeps traditional matchings only (without --max-min)", err=True)
        sys.exit(2)
    options = {"min_score": min_score, "max_hours_apart": max_hours_apart, "fast": fast, "seed": seed}
    try:
        if previous is not None:
            _update(previous, input_csv, output, fmt, state)
        else:
            _match(
                input_csv,
                kind,
                output,
                fmt,
                exclude,
                options | {"group_size": group_size},
                audit_by,
                max_min,
                state,
            )
    except InputError as exc:
        # Every problem with a file, read or written, is one located line and exit 2; nothing is written.
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)


def _match(
    input_csv: Path,
    kind: str,
    output: Path | None,
    fmt: str,
    exclude: Path | None,
    options: dict[str, Any],
    audit_by: tuple[str, ...],
    max_min: str | None,
    state: Path | None,
) -> None:
    """Read, match, audit and write; an InputError stops it before anything is written."""
    from mentorship.engine.kinds import run_kind
    from mentorship.match.csvio import (
        InputError,
        check_writable,
        read_exclusions,
        read_participants,
        summary,
        write_result,
    )

    for path in (output, state):
        if path is not None:
            check_writable(path)
    stages = _Stages(show=input_csv.stat().st_size > 1_000_000)
    try:
        started = time.perf_counter()
        table = read_participants(input_csv)
        pairs = read_exclusions(exclude, table) if exclude is not None else None
        stages.timings["read"] = time.perf_counter() - started
        stages("read")
        for column in (*audit_by, *([max_min] if max_min else [])):
            if column not in table.frame.columns:
                raise InputError(input_csv, f"no column {column!r} to audit by")
        matcher, result = run_kind(kind, table, pairs, options=options, progress=stages)
        stages.timings.update(matcher.timings_)
        solved = result
        result, fairness_lines, extra = fairness(table, matcher, result, audit_by, max_min)
        stages.timings.update({k: v for k, v in result.timings.items() if k != "rescanned"})
        started = time.perf_counter()
        figures = summary(result, stages.timings)
        write_result(output, result, fmt, stages.timings, extra)
        if state is not None:
            _save_state(state, matcher, solved, pairs)
        stages.timings["write"] = time.perf_counter() - started
        stages("write")
    finally:
        stages.close()
    figures["seconds"] = {k: round(v, 4) for k, v in stages.timings.items()}
    _print_summary(figures, err=output is None)
    for line in fairness_lines:
        click.echo(line, err=output is None)


def _save_state(path: Path, matcher: Any, result: Any, pairs: Any) -> None:
    from mentorship.engine.batch import solved_community
    from mentorship.match.csvio import write_state

    write_state(path, solved_community(matcher, result, pairs))


def _update(previous: Path, changes_csv: Path, output: Path | None, fmt: str, state: Path | None) -> None:
    """Apply a changes CSV to a saved community, re-certify incrementally, write pairs and state."""
    from mentorship.match.csvio import (
        check_writable,
        read_changes,
        read_state,
        summary,
        write_result,
        write_state,
    )

    for path in (output, state or previous):
        if path is not None:
            check_writable(path)
    started = time.perf_counter()
    community = read_state(previous)
    changes = read_changes(changes_csv, community)
    timings = {"read": time.perf_counter() - started}
    update = community.apply(changes)
    timings["update"] = update.seconds
    started = time.perf_counter()
    result = community.result()
    timings["explain"] = time.perf_counter() - started
    started = time.perf_counter()
    write_result(output, result, fmt, timings, {"update": _update_figures(update)})
    write_state(state or previous, community)
    timings["write"] = time.perf_counter() - started
    figures = summary(result, timings)
    click.echo(
        f"changes: {update.added} added, {update.edited} edited, {update.removed} removed; "
        f"{len(update.moved)} mentees moved; {update.searches} searches, {update.scored} people scored",
        err=output is None,
    )
    _print_summary(figures, err=output is None)


def _update_figures(update: Any) -> dict[str, Any]:
    return {
        "added": update.added,
        "edited": update.edited,
        "removed": update.removed,
        "moved": update.moved,
        "searches": update.searches,
        "seconds": round(update.seconds, 4),
    }
