"""Whatever bytes `mentorship match` is given, it answers with a result (0) or one error line (2)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorship.match.command import match_command

HEADER = "id,name,role,kinds,goals,experience,offers,seeks,languages,timezone,capacity,region"
ROWS = [
    "ana,Ana,mentee,traditional;group,learn pandas,,,python;pandas,en,+01:00,,north",
    "bo,Bo,mentee,peer;group,become a designer,,,design;figma,en;de,Europe/Berlin,,south",
    "cy,Cy,mentee,peer;group,data,,,python,en,UTC,,north",
    "dev,Dev,mentor,traditional;group,,data analysis in python,python;pandas,,en,UTC,2,north",
    "eve,Eve,mentor,group,,design agency,UX;figma,,de,Europe/Berlin,1,south",
]
VALID = "\n".join([HEADER, *ROWS]) + "\n"
CHANGES = (
    "id,name,role,offers,seeks,languages,capacity,action\nfay,Fay,mentee,,python,en,,add\nbo,,,,,,,remove\n"
)
# Cells people and tools get wrong: not numbers, not zones, formulas, quotes, line breaks, huge cells.
NASTY = ["", " ", "-1", "x" * 5_000, '"', '"a,b"', "a\nb", "\x00", "\ufeff", "=1+1", ";", "é", "\r"]
BY_COLUMN = {
    "id": ["ana", "dev", '=HYPERLINK("http://x")'],
    "role": ["mentor", "mentee", "boss"],
    "kinds": ["peer", "group", "group;peer;traditional", "solo"],
    "languages": ["en", "de", "xx"],
    "timezone": ["America", "Europe/", "+25:00", "UTC+99", "Mars/Base", "z" * 300],
    "capacity": ["nan", "inf", "-inf", "1e400", "0", "2.5", "10001", "3"],
    "action": ["add", "edit", "remove", "move"],
}


@st.composite
def mutated(draw: st.DrawFn, valid: str) -> bytes:
    """A valid file with cells or whole columns replaced, rows dropped, doubled or blanked, or cut short."""
    lines = [line.split(",") for line in valid.splitlines()]
    header = lines[0]
    for _ in range(draw(st.integers(1, 5))):
        how = draw(
            st.sampled_from(["cell", "cell", "column", "drop", "double", "blank", "extra", "only header"])
        )
        row = draw(st.integers(0, len(lines) - 1))
        col = draw(st.integers(0, len(header) - 1))
        value = draw(st.sampled_from(BY_COLUMN.get(header[col], []) + NASTY) | st.text(max_size=8))
        if how in ("cell", "column"):
            for line in lines[1:] if how == "column" else [lines[row]]:
                if col < len(line):
                    line[col] = value
        elif how == "drop" and row > 0:
            del lines[row]
        elif how == "double":
            lines.insert(row + 1, list(lines[row]))
        elif how == "blank":
            lines.insert(row + 1, [])
        elif how == "extra":
            lines[row].append(value)
        elif how == "only header":
            del lines[1:]
    data = ("\n".join(",".join(line) for line in lines) + "\n").encode()
    return data[: draw(st.integers(0, len(data)))] if draw(st.integers(0, 9)) == 0 else data


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def run(*args: str) -> int:
    result = CliRunner().invoke(match_command, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.exit_code


def assert_answered(folder: Path, data: bytes, *args: str) -> None:
    people = folder / "people.csv"
    people.write_bytes(data)
    out = folder / "pairs.csv"
    out.write_text("before\n", encoding="utf-8")

    code = run(str(people), "-o", str(out), *args)

    if code == 2:
        assert out.read_text(encoding="utf-8") == "before\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_exit_0_or_2(folder: Path, data: bytes) -> None:
    assert_answered(folder, data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated(VALID), kind=st.sampled_from(["traditional", "group", "peer"]))
def test_mutated_participants_exit_0_or_2(folder: Path, data: bytes, kind: str) -> None:
    assert_answered(folder, data, "--kind", kind, "--audit-by", "region")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutated(CHANGES), state_cut=st.one_of(st.none(), st.integers(0, 2_000)))
def test_mutated_changes_and_states_exit_0_or_2(folder: Path, changes: bytes, state_cut: int | None) -> None:
    people, saved = folder / "base.csv", folder / "saved.json"
    if not saved.exists():
        people.write_text(VALID, encoding="utf-8")
        assert run(str(people), "-o", str(folder / "base-pairs.csv"), "--state", str(saved)) == 0
    document = saved.read_text(encoding="utf-8")
    state = folder / "state.json"
    state.write_text(document if state_cut is None else document[:state_cut], encoding="utf-8")
    changed = folder / "changes.csv"
    changed.write_bytes(changes)

    run("--update", str(state), str(changed), "-o", str(folder / "update.json"), "--format", "json")

    json.loads(saved.read_text(encoding="utf-8"))
