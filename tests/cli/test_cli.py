"""The `mentorship` command: migrations, demo data and the first coordinator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mentorship.cli import cli
from tests.conftest import require_postgres
from tests.databases import create_postgres_database, drop_postgres_database, in_thread


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private, empty database for the command."""
    values = {"MENTORSHIP_DATA_DIR": str(tmp_path), "MENTORSHIP_PASSWORD_HASH_COST": "fast"}
    if request.param == "sqlite":
        yield values
        return
    require_postgres()
    url = create_postgres_database("cli")
    try:
        yield {**values, "MENTORSHIP_DATABASE_URL": url}
    finally:
        drop_postgres_database(url)


def run(args: list[str], env: dict[str, str]) -> Result:
    """Invoke the command in a thread: it starts its own event loop, and pytest's thread may hold one."""
    return in_thread(lambda: CliRunner().invoke(cli, args, env=env))


def test_upgrade_demo_load_and_first_coordinator(env: dict[str, str]) -> None:
    upgraded = run(["db", "upgrade"], env)
    upgraded_again = run(["db", "upgrade"], env)
    loaded = run(["demo", "load", "--if-empty", "--size", "40"], env)
    again = run(["demo", "load", "--if-empty"], env)
    created = run(
        ["user", "create", "--coordinator", "Lead@Example.org", "--password", "a long password"], env
    )
    bad = run(["user", "create", "not-an-email", "--password", "a long password"], env)

    assert upgraded.exit_code == 0, upgraded.output
    assert "Added 55 curated topics." in upgraded.output
    assert "curated topics" not in upgraded_again.output
    assert "loaded 40 participants" in loaded.output
    assert "left as it is" in again.output
    assert created.exit_code == 0, created.output
    assert "Created coordinator lead@example.org." in created.output
    assert bad.exit_code == 2
    assert "valid email" in bad.output


def test_check_passes_on_a_migrated_database(env: dict[str, str]) -> None:
    run(["db", "upgrade"], env)

    result = run(["db", "check"], env)

    assert result.exit_code == 0
    assert "Models and migrations agree." in result.output


def test_suggestions_refresh_builds_every_list_at_once(env: dict[str, str]) -> None:
    run(["db", "upgrade"], env)
    run(["demo", "load", "--size", "40"], env)

    refreshed = run(["suggestions", "refresh"], env)

    assert refreshed.exit_code == 0, refreshed.output
    built = int(refreshed.output.split("Suggestions: ", 1)[1].split(" lists", 1)[0])
    assert built > 0  # every mentee and peer of the demo has a list to read, none is 'preparing'
