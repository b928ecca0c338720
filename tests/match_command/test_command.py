import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorship.match.command import match_command

HEADER = "id,name,role,kinds,goals,experience,offers,seeks,languages,timezone,capacity\n"
ROWS = [
    "ana,Ana,mentee,traditional,learn pandas,,,python;pandas,en,+01:00,\n",
    "bo,Bo,mentee,,become a designer,,,design;figma,en;de,Europe/Berlin,\n",
    "dev,Dev,mentor,,,data analysis in python,python;pandas,,en,UTC,2\n",
    "eve,Eve,mentor,,,design agency,UX;figma,,de,Europe/Berlin,1\n",
]


@pytest.fixture
def participants(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(match_command, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_writes_one_row_per_pairing_and_a_summary(participants: Path, tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"

    code, stdout, _ = run(str(participants), "-o", str(out))

    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["kind", "group", "mentor_id", "mentee_id", "score", "reasons"]
    assert {(r["mentee_id"], r["mentor_id"]) for r in rows} == {("ana", "dev"), ("bo", "eve")}
    assert all(r["kind"] == "traditional" and r["reasons"] for r in rows)
    assert "matched: 2 pairs" in stdout
    assert "proved optimal" in stdout
    assert "upper bound" in stdout
    assert "candidates" in stdout


def test_json_format_includes_unmatched_and_summary(participants: Path, tmp_path: Path) -> None:
    out = tmp_path / "pairs.json"

    code, _, _ = run(str(participants), "-o", str(out), "--format", "json", "--min-score", "0.99")

    assert code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["pairs"] == []
    assert {u["id"] for u in document["unmatched"]} == {"ana", "bo"}
    assert document["summary"]["proved_optimal"] is True


def test_exclusions_file_is_honoured(participants: Path, tmp_path: Path) -> None:
    exclude = tmp_path / "exclude.csv"
    exclude.write_text("mentee_id,mentor_id\nana,dev\n", encoding="utf-8")

    code, stdout, _ = run(str(participants), "--exclude", str(exclude))

    assert code == 0
    assert "dev,ana" not in stdout


def test_same_input_and_seed_give_identical_output(participants: Path) -> None:
    assert run(str(participants), "--seed", "7")[1] == run(str(participants), "--seed", "7")[1]


def test_fast_mode_still_reports_a_bound(participants: Path) -> None:
    code, _, stderr = run(str(participants), "--fast")

    assert code == 0
    assert "upper bound" in stderr


@pytest.mark.parametrize(
    ("line", "bad", "where"),
    [
        (3, "bo,Bo,boss,,,,,design,en,,\n", "line 3, column 'role'"),
        (4, "ana,Dup,mentor,,,,python,,en,,1\n", "line 4, column 'id'"),
        (4, "dev,Dev,mentor,,,,python,,en,Mars/Base,1\n", "line 4, column 'timezone'"),
        (4, "dev,Dev,mentor,,,,python,,en,,lots\n", "line 4, column 'capacity'"),
        (5, "eve,Eve,mentor,,,,ux,,,,1\n", "line 5, column 'languages'"),
    ],
)
def test_invalid_input_exits_2_naming_line_and_column_and_writes_nothing(
    tmp_path: Path, line: int, bad: str, where: str
) -> None:
    rows = list(ROWS)
    rows[line - 2] = bad
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    out = tmp_path / "pairs.csv"

    code, _, stderr = run(str(path), "-o", str(out))

    assert code == 2
    assert where in stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]


def test_missing_column_and_unknown_exclusion_id_exit_2(participants: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text("id,name,role\nx,X,mentee\n", encoding="utf-8")
    assert run(str(broken))[0] == 2
    exclude = tmp_path / "exclude.csv"
    exclude.write_text("mentee_id,mentor_id\nana,nobody\n", encoding="utf-8")

    code, _, stderr = run(str(participants), "--exclude", str(exclude))

    assert code == 2
    assert "line 2, column 'mentor_id'" in stderr


def test_not_utf8_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "ana,Añá,mentee,,,,,python,en,,\n").encode("latin-1"))

    code, _, stderr = run(str(path))

    assert code == 2
    assert "UTF-8" in stderr
