import csv
import json
from pathlib import Path

from click.testing import CliRunner

from mentorship.match.command import match_command

HEADER = "id,name,role,kinds,goals,experience,offers,seeks,languages,timezone,capacity\n"
ROWS = [
    "ana,Ana,mentee,,learn sql,,,python;sql,en,+01:00,\n",
    "bo,Bo,mentee,,become a designer,,,design;figma,en;de,Europe/Berlin,\n",
    "dev,Dev,mentor,,,data analysis in python,python;pandas,,en,UTC,1\n",
    "eve,Eve,mentor,,,design agency,UX;figma,,de,Europe/Berlin,1\n",
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(match_command, list(args))
    return result.exit_code, result.stdout, result.stderr


def solved(tmp_path: Path) -> Path:
    people = tmp_path / "people.csv"
    people.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    state = tmp_path / "state.json"
    code, _, _ = run(str(people), "-o", str(tmp_path / "pairs.csv"), "--state", str(state))
    assert code == 0
    return state


def test_update_places_a_newcomer_and_rewrites_the_state(tmp_path: Path) -> None:
    state = solved(tmp_path)
    changes = tmp_path / "changes.csv"
    changes.write_text(
        "id,name,role,seeks,goals,languages,action\n"
        "cy,Cy,mentee,python;pandas,data analysis in python,en,add\n"
        "bo,,,,,,remove\n",
        encoding="utf-8",
    )
    out = tmp_path / "new-pairs.csv"

    code, stdout, _ = run("--update", str(state), str(changes), "-o", str(out))

    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(r["mentee_id"], r["mentor_id"]) for r in rows} == {("cy", "dev")}
    assert "1 added, 0 edited, 1 removed" in stdout
    assert "proved optimal" in stdout
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved["assignment"] == {"cy": "dev"}
    assert "bo" not in {p["id"] for p in saved["participants"]}


def test_update_writes_json_with_the_update_figures_and_a_separate_state(tmp_path: Path) -> None:
    state = solved(tmp_path)
    changes = tmp_path / "changes.csv"
    changes.write_text(
        "id,name,role,offers,languages,capacity\neve,Eve,mentor,UX;figma,de;en,2\n", encoding="utf-8"
    )
    out, new_state = tmp_path / "pairs.json", tmp_path / "next.json"

    code, _, _ = run(
        "--update", str(state), str(changes), "-o", str(out), "--format", "json", "--state", str(new_state)
    )

    assert code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["update"]["edited"] == 1
    assert document["summary"]["proved_optimal"]
    assert json.loads(new_state.read_text(encoding="utf-8"))["format"].startswith(
        "mentorship.solved-community"
    )


def test_bad_changes_exit_2_naming_line_and_column(tmp_path: Path) -> None:
    state = solved(tmp_path)
    changes = tmp_path / "changes.csv"
    changes.write_text("id,action\nana,remove\nzed,remove\n", encoding="utf-8")
    before = state.read_text(encoding="utf-8")

    code, _, stderr = run("--update", str(state), str(changes))

    assert code == 2
    assert "line 3" in stderr and "'id'" in stderr and "unknown id 'zed'" in stderr
    assert state.read_text(encoding="utf-8") == before


def test_a_file_that_is_not_a_state_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"pairs": []}', encoding="utf-8")
    changes = tmp_path / "changes.csv"
    changes.write_text("id,action\nana,remove\n", encoding="utf-8")

    code, _, stderr = run("--update", str(bogus), str(changes))

    assert code == 2
    assert "not a saved matching state" in stderr
