"""`mentorship match --kind group|peer`, `--group-size`, `--audit-by` and `--max-min`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorship.match.command import match_command

HEADER = "id,name,role,kinds,goals,experience,offers,seeks,languages,timezone,capacity,region\n"


def people() -> list[str]:
    rows = []
    for k in range(8):
        region = "north" if k < 5 else "south"
        rows.append(f"g{k},G{k},mentee,group,learn data,,sql,python;pandas,en,UTC,,{region}\n")
    rows.append("r1,R1,mentor,group,,data analysis,python;pandas,,en,UTC,4,north\n")
    rows.append("r2,R2,mentor,group,,data analysis,python,,en,UTC,4,south\n")
    for k in range(5):
        rows.append(f"p{k},P{k},mentee,peer,build apps,web apps,react,python,en,UTC,,north\n")
    return rows


@pytest.fixture
def participants(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "".join(people()), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(match_command, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_group_kind_writes_group_rows_within_sizes(participants: Path, tmp_path: Path) -> None:
    out = tmp_path / "groups.csv"

    code, stdout, _ = run(str(participants), "--kind", "group", "--group-size", "3-4", "-o", str(out))

    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["kind"] for r in rows} == {"group"}
    sizes: dict[str, int] = {}
    for r in rows:
        sizes[r["group"]] = sizes.get(r["group"], 0) + 1
        assert r["mentor_id"] in {"r1", "r2"} and r["mentee_id"].startswith("g")
    assert all(3 <= s <= 4 for s in sizes.values())
    assert len({r["mentee_id"] for r in rows}) == len(rows) == 8
    assert "cohesion" in stdout and "of the traditional optimum" in stdout


def test_peer_kind_pairs_peers_with_empty_mentor(participants: Path) -> None:
    code, stdout, stderr = run(str(participants), "--kind", "peer")

    assert code == 0
    rows = list(csv.DictReader(stdout.splitlines()))
    assert {r["kind"] for r in rows} == {"peer"} and {r["mentor_id"] for r in rows} == {""}
    assert len(rows) == 4 and len({r["mentee_id"] for r in rows}) == 4
    assert "1 x odd one out" in stderr
    assert "proved optimal" in stderr


def test_audit_by_reports_groups_suppresses_small_ones_and_goes_into_json(
    participants: Path, tmp_path: Path
) -> None:
    out = tmp_path / "groups.json"

    code, stdout, _ = run(
        str(participants),
        "--kind",
        "group",
        "--audit-by",
        "region",
        "--audit-by",
        "role",
        "-o",
        str(out),
        "--format",
        "json",
    )

    assert code == 0
    assert "fairness by region:" in stdout
    assert "south: 3 people (under 5: suppressed)" in stdout
    document = json.loads(out.read_text(encoding="utf-8"))
    north = document["audit"]["attributes"][0]["groups"][0]
    assert north["value"] == "north" and north["people"] == 5 and north["match_rate"] is not None


def test_max_min_prints_cost_and_gain(tmp_path: Path) -> None:
    path = tmp_path / "traditional.csv"
    path.write_text(HEADER + "".join(r.replace(",group,", ",traditional;group,") for r in people()), "utf-8")

    code, _, stderr = run(str(path), "--max-min", "region")

    assert code == 0
    assert "max-min by region" in stderr and "cost" in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "group", "--group-size", "6-3"], "1 <= MIN <= MAX"),
        (["--kind", "group", "--group-size", "three"], "expected MIN-MAX"),
        (["--kind", "group", "--group-size", "0-2"], "1 <= MIN <= MAX"),
        (["--kind", "buddy"], "Invalid value for '--kind'"),
        (["--audit-by", "nope"], "no column 'nope'"),
        (["--kind", "peer", "--max-min", "region"], "--max-min works with --kind traditional"),
    ],
)
def test_bad_options_exit_2_with_a_message(participants: Path, args: list[str], message: str) -> None:
    code, stdout, stderr = run(str(participants), *args)

    assert code == 2
    assert message in stderr
    assert "kind,group" not in stdout
