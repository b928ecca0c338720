"""Bad input, options and output paths end in one located error line and exit 2, writing nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorship.match.command import match_command

HEADER = "id,name,role,kinds,goals,experience,offers,seeks,languages,timezone,capacity\n"
MENTEE = "ana,Ana,mentee,,learn pandas,,,python;pandas,en,+01:00,\n"
MENTOR = "dev,Dev,mentor,,,data analysis in python,python;pandas,,en,UTC,2\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(match_command, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def located_error(stderr: str) -> str:
    """The one line of standard error, checked to start like an error."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    return lines[0]


@pytest.fixture
def old_output(tmp_path: Path) -> Path:
    out = tmp_path / "pairs.csv"
    out.write_text("what an earlier run wrote\n", encoding="utf-8")
    return out


def assert_refused(code: int, stderr: str, out: Path, *where: str) -> None:
    assert code == 2
    line = located_error(stderr)
    for part in where:
        assert part in line
    assert out.read_text(encoding="utf-8") == "what an earlier run wrote\n"
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_header_only_file_is_an_error_naming_the_file(tmp_path: Path, old_output: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(HEADER, encoding="utf-8")

    code, stderr = run(str(people), "-o", str(old_output))

    assert_refused(code, stderr, old_output, str(people), "no participants")


@pytest.mark.parametrize("capacity", ["nan", "inf", "-inf", "1e400", "NaN"])
def test_capacity_that_is_not_a_finite_number_is_located(
    tmp_path: Path, old_output: Path, capacity: str
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(HEADER + MENTEE + MENTOR.replace(",2\n", f",{capacity}\n"), encoding="utf-8")

    code, stderr = run(str(people), "-o", str(old_output))

    assert_refused(code, stderr, old_output, str(people), "line 3, column 'capacity'")


@pytest.mark.parametrize(
    "zone",
    ["America", pytest.param("A" * 10_000, id="10000-characters"), "Europe/", "Europe/Berlin\x00"],
)
def test_time_zone_that_names_no_zone_is_located(tmp_path: Path, old_output: Path, zone: str) -> None:
    people = tmp_path / "people.csv"
    people.write_text(HEADER + MENTEE + MENTOR.replace("UTC", zone), encoding="utf-8")

    code, stderr = run(str(people), "-o", str(old_output))

    assert_refused(code, stderr, old_output, str(people), "line 3, column 'timezone'")
    assert len(stderr) < 300


def test_blank_lines_before_a_bad_row_do_not_shift_the_reported_line(
    tmp_path: Path, old_output: Path
) -> None:
    people = tmp_path / "people.csv"
    bad = "bo,Bo,boss,,,,,design,en,,\n"
    people.write_text(HEADER + MENTEE + "\n\n" + MENTOR + "\n\n\n\n" + bad, encoding="utf-8")

    code, stderr = run(str(people), "-o", str(old_output))

    assert_refused(code, stderr, old_output, "line 10, column 'role'")


@pytest.mark.parametrize("option", ["-o", "--state"])
def test_output_into_a_missing_folder_is_an_error_before_any_work(tmp_path: Path, option: str) -> None:
    people = tmp_path / "people.csv"
    people.write_text(HEADER + MENTEE + MENTOR, encoding="utf-8")
    out = tmp_path / "no" / "such" / "pairs.csv"

    code, stderr = run(str(people), option, str(out))

    assert code == 2
    assert str(out.parent) in located_error(stderr)
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--min-score", "nan"),
        ("--min-score", "inf"),
        ("--max-hours-apart", "-1"),
        ("--max-hours-apart", "nan"),
    ],
)
def test_option_that_is_not_a_sensible_number_is_refused(
    tmp_path: Path, old_output: Path, option: str, value: str
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(HEADER + MENTEE + MENTOR, encoding="utf-8")

    code, stderr = run(str(people), "-o", str(old_output), option, value)

    assert code == 2
    assert f"Invalid value for '{option}'" in stderr
    assert old_output.read_text(encoding="utf-8") == "what an earlier run wrote\n"


def test_formula_like_ids_and_reasons_are_neutralised_in_the_csv(tmp_path: Path) -> None:
    mentee_id, mentor_id = '=HYPERLINK("http://evil.example/?x")', "@SUM(1+1)"
    people = tmp_path / "people.csv"
    people.write_text(
        HEADER
        + MENTEE.replace("ana", f'"{mentee_id.replace(chr(34), 2 * chr(34))}"', 1)
        + MENTOR.replace("dev", mentor_id, 1).replace("data analysis", "+cmd data analysis"),
        encoding="utf-8",
    )
    out = tmp_path / "pairs.csv"

    code, _ = run(str(people), "-o", str(out))

    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["mentee_id"], r["mentor_id"]) for r in rows] == [("'" + mentee_id, "'" + mentor_id)]
    assert all(r["reasons"][:1] not in ("=", "+", "-", "@") for r in rows)


def test_json_output_keeps_ids_as_given(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(HEADER + MENTEE.replace("ana", "=1+1", 1) + MENTOR, encoding="utf-8")
    out = tmp_path / "pairs.json"

    code, _ = run(str(people), "-o", str(out), "--format", "json")

    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["pairs"][0]["mentee_id"] == "=1+1"


def solved(tmp_path: Path) -> Path:
    people = tmp_path / "people.csv"
    people.write_text(HEADER + MENTEE + MENTOR, encoding="utf-8")
    state = tmp_path / "state.json"
    code, _ = run(str(people), "-o", str(tmp_path / "first.csv"), "--state", str(state))
    assert code == 0
    return state


@pytest.mark.parametrize("document", ["[]", "null", '"x"', "1e999", '{"format": []}'])
def test_update_from_a_state_that_is_not_an_object_is_an_error(
    tmp_path: Path, old_output: Path, document: str
) -> None:
    state = tmp_path / "state.json"
    state.write_text(document, encoding="utf-8")
    changes = tmp_path / "changes.csv"
    changes.write_text("id,action\nana,remove\n", encoding="utf-8")

    code, stderr = run("--update", str(state), str(changes), "-o", str(old_output))

    assert_refused(code, stderr, old_output, str(state), "not a saved matching state")
    assert state.read_text(encoding="utf-8") == document


def test_update_with_capacity_nan_is_located_and_keeps_the_state(tmp_path: Path, old_output: Path) -> None:
    state = solved(tmp_path)
    before = state.read_text(encoding="utf-8")
    changes = tmp_path / "changes.csv"
    changes.write_text(
        "id,name,role,offers,languages,capacity\ndev,Dev,mentor,python,en,nan\n", encoding="utf-8"
    )

    code, stderr = run("--update", str(state), str(changes), "-o", str(old_output))

    assert_refused(code, stderr, old_output, str(changes), "line 2, column 'capacity'")
    assert state.read_text(encoding="utf-8") == before
