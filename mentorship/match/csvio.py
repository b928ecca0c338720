"""Reading the participants and exclusion CSVs and writing the pairings, all or nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from mentorship.engine.batch import (
    ACTIONS,
    AnyResult,
    ParticipantTable,
    SolvedCommunity,
    TableError,
    kind_notes,
    parse_participants,
    result_rows,
    sentence,
    shown,
)
from mentorship.lib.spreadsheet import safe_cell

OUTPUT_COLUMNS = ("kind", "group", "mentor_id", "mentee_id", "score", "reasons")


class InputError(ValueError):
    """Invalid input, located by file, line and column."""

    def __init__(
        self, path: Path, message: str, *, line: int | None = None, column: str | None = None
    ) -> None:
        where = (
            f"{path}"
            + (f", line {line}" if line is not None else "")
            + (f", column {shown(column)}" if column else "")
        )
        super().__init__(f"{where}: {message}")


def read_csv(path: Path) -> pd.DataFrame:
    """Read a UTF-8 CSV with a header row into string columns, indexed by each row's line in the file.

    Blank lines are skipped; a row with fewer cells than the header is padded with empty strings.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8 text ({exc.reason})", line=line) from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror})") from None
    header, rows, lines = _records(path, text)
    if header is None:
        raise InputError(path, "the file is empty (a header row is required)")
    return pd.DataFrame(rows, columns=header, index=lines, dtype=str)


def _records(path: Path, text: str) -> tuple[list[str] | None, list[list[str]], list[int]]:
    """The header, the data rows and the line each row starts on (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    line = 1
    try:
        for record in reader:
            if header is None and record:
                header = _header(path, record, line)
            elif record:
                if len(record) > len(header or ()):
                    raise InputError(
                        path, f"{len(record)} cells where the header names {len(header or ())}", line=line
                    )
                rows.append(record + [""] * (len(header or ()) - len(record)))
                lines.append(line)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV ({exc})", line=line) from None
    return header, rows, lines


def _header(path: Path, names: list[str], line: int) -> list[str]:
    named = [name or f"Unnamed: {k}" for k, name in enumerate(names)]
    for k, name in enumerate(named):
        if name in named[:k]:
            raise InputError(path, "this column appears twice in the header", line=line, column=name)
    return named


def read_participants(path: Path) -> ParticipantTable:
    """Read and validate a participants CSV.

    Raises
    ------
    InputError
        Naming the line and column of the first problem.
    """
    frame = read_csv(path)
    if frame.empty:
        raise InputError(path, "no participants: the file holds a header row and nothing else", line=2)
    try:
        return parse_participants(frame)
    except TableError as exc:
        raise _located(path, frame, exc) from None


def _located(path: Path, frame: pd.DataFrame, exc: TableError) -> InputError:
    line = int(frame.index[exc.row]) if exc.row is not None else None
    return InputError(path, exc.message, line=line, column=exc.column)


def read_exclusions(path: Path, table: ParticipantTable) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Read ``mentee_id,mentor_id`` pairs never to propose, as (mentee row, mentor row) positions."""
    frame = read_csv(path)
    for column in ("mentee_id", "mentor_id"):
        if column not in frame.columns:
            raise InputError(path, f"missing required column {column!r}", column=column)
    position = {str(v): k for k, v in enumerate(table.ids)}
    pairs = np.zeros((len(frame), 2), dtype=np.int64)
    for k, column in enumerate(("mentee_id", "mentor_id")):
        for row, (line, value) in enumerate(frame[column].str.strip().items()):
            if value not in position:
                raise InputError(path, f"unknown id {shown(value)}", line=int(line), column=column)
            pairs[row, k] = position[value]
    return pairs


def summary(result: AnyResult, timings: dict[str, float]) -> dict[str, Any]:
    """The run's figures as plain data."""
    reasons: dict[str, int] = {}
    for left in result.unmatched:
        key = sentence(left.reasons).split(" (")[0]
        reasons[key] = reasons.get(key, 0) + 1
    # A pair is a mentee with their mentor, or two peers.
    pairs = sum(len(unit.members) if unit.mentor_id else 1 for unit in result.units)
    return {
        "matched": pairs,
        "unmatched_mentees": len(result.unmatched),
        "unmatched_reasons": reasons,
        "idle_mentors": len(result.idle_mentors),
        "total": result.total,
        "upper_bound": result.upper_bound,
        "gap": result.gap,
        "relative_gap": result.relative_gap,
        "proved_optimal": result.is_optimal(),
        "rounds": result.rounds or 1,
        "pairs_scored": result.pairs_scored,
        "notes": kind_notes(result),
        "seconds": {k: round(v, 4) for k, v in timings.items()},
    }


def _write_csv(handle: IO[str], result: AnyResult) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    for kind, group, mentor, mentee, score, why in result_rows(result):
        cells = (safe_cell(group), safe_cell(mentor), safe_cell(mentee), f"{score:.6f}", safe_cell(why))
        writer.writerow((kind, *cells))


def _write_json(
    handle: IO[str], result: AnyResult, timings: dict[str, float], extra: dict[str, Any] | None = None
) -> None:
    pairs = [
        dict(zip(OUTPUT_COLUMNS, (k, g, r, e, round(s, 6), w), strict=True))
        for k, g, r, e, s, w in result_rows(result)
    ]
    unmatched = [{"id": left.id, "reason": sentence(left.reasons)} for left in result.unmatched]
    document = {"pairs": pairs, "unmatched": unmatched, "summary": summary(result, timings)} | (extra or {})
    json.dump(document, handle, indent=1)
    handle.write("\n")


def check_writable(path: Path) -> None:
    """Fail before any work when ``path`` cannot be written: its folder is missing, or it is a folder."""
    if not path.parent.is_dir():
        raise InputError(path, f"cannot write here: the folder {str(path.parent)!r} does not exist")
    if path.is_dir():
        raise InputError(path, "cannot write here: this is a folder")


@contextmanager
def _atomic(path: Path | None) -> Iterator[IO[str]]:
    """Write to a temporary file next to ``path`` and rename it in place only on success."""
    if path is None:
        buffer = io.StringIO()
        yield buffer
        print(buffer.getvalue(), end="")
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(path, f"cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(path, f"cannot write here ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_result(
    path: Path | None,
    result: AnyResult,
    fmt: str,
    timings: dict[str, float],
    extra: dict[str, Any] | None = None,
) -> None:
    """Write the pairings as CSV or JSON to ``path`` (standard output when ``None``).

    ``extra`` (the fairness audit, the max-min figures) is added to the JSON document.
    """
    with _atomic(path) as handle:
        if fmt == "json":
            _write_json(handle, result, timings, extra)
        else:
            _write_csv(handle, result)


def read_state(path: Path) -> SolvedCommunity:
    """Read a solved community saved with ``--state`` (see :class:`matching.SolvedCommunity`)."""
    try:
        with path.open(encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not a saved matching state ({exc})") from None
    if not isinstance(document, dict):
        raise InputError(path, "not a saved matching state (expected a JSON object)")
    try:
        return SolvedCommunity.from_dict(document)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a saved matching state ({exc})") from None


def write_state(path: Path, community: SolvedCommunity) -> None:
    """Save a solved community as JSON, atomically."""
    with _atomic(path) as handle:
        json.dump(community.to_dict(), handle)
        handle.write("\n")


def read_changes(path: Path, community: SolvedCommunity) -> pd.DataFrame:
    """Read and validate a changes CSV: participants-table rows with an optional ``action`` column.

    ``action`` is ``add``, ``edit`` or ``remove`` (only ``id`` needed); empty means edit a
    known id, add a new one. Every problem is reported with its line and column.
    """
    frame = read_csv(path)
    if "id" not in frame.columns:
        raise InputError(path, "missing required column 'id'", column="id")
    frame = frame.assign(id=frame["id"].str.strip(), action=_actions(frame))
    known = set(community.records)
    resolved = []
    for line, pid, given in zip(frame.index, frame["id"], frame["action"], strict=True):
        action = given or ("edit" if pid in known else "add")
        problem = (
            f"unknown action {shown(action)} (expected {', '.join(ACTIONS)})"
            if action not in ACTIONS
            else f"unknown id {shown(pid)}"
            if action in ("remove", "edit") and pid not in known
            else f"id {shown(pid)} already exists"
            if action == "add" and pid in known
            else ""
        )
        if problem:
            column = "action" if action not in ACTIONS else "id"
            raise InputError(path, problem, line=int(line), column=column)
        known = known - {pid} if action == "remove" else known | {pid}
        resolved.append(action)
    frame["action"] = resolved
    people = frame[frame["action"] != "remove"]
    try:
        parse_participants(people.drop(columns="action"))
    except TableError as exc:
        raise _located(path, people, exc) from None
    return frame.reset_index(drop=True)


def _actions(frame: pd.DataFrame) -> pd.Series:
    if "action" not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=str)
    return frame["action"].str.strip().str.lower()
