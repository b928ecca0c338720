"""The `mentorship` command: migrations, demo data and the first coordinator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorship.cli import cli
from tests.conftest import require_postgres
from tests.databases import create_postgres_database, drop_postgres_database


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


def test_upgrade_demo_load_and_first_coordinator(env: dict[str, str]) -> None:
    runner = CliRunner()

    assert runner.invoke(cli, ["db", "upgrade"], env=env).exit_code == 0
    loaded = runner.invoke(cli, ["demo", "load", "--if-empty", "--size", "40"], env=env)
    again = runner.invoke(cli, ["demo", "load", "--if-empty"], env=env)
    created = runner.invoke(
        cli, ["user", "create", "--coordinator", "Lead@Example.org", "--password", "a long password"], env=env
    )
    bad = runner.invoke(cli, ["user", "create", "not-an-email", "--password", "a long password"], env=env)

    assert "loaded 40 participants" in loaded.output
    assert "left as it is" in again.output
    assert created.exit_code == 0, created.output
    assert "Created coordinator lead@example.org." in created.output
    assert bad.exit_code == 2
    assert "valid email" in bad.output


def test_check_passes_on_a_migrated_database(env: dict[str, str]) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["db", "upgrade"], env=env)

    result = runner.invoke(cli, ["db", "check"], env=env)

    assert result.exit_code == 0
    assert "Models and migrations agree." in result.output
