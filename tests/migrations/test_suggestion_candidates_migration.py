"""The stored suggestions' tables come with 0017 and go with its downgrade; existing rows stay."""

from __future__ import annotations

from pathlib import Path

from mentorship import migrate
from tests.conftest import make_settings
from tests.databases import in_thread
from tests.migrations.test_migrations import empty_database, table_names
from tests.migrations.test_programs_migration import add_community

__all__ = ["empty_database"]  # the fixture, shared with the other migration tests

TABLES = {"suggestion_scope", "suggestion_candidate"}


def test_upgrade_adds_the_suggestion_tables_and_downgrade_drops_them(
    empty_database: str, tmp_path: Path
) -> None:
    settings = make_settings(empty_database, tmp_path)
    in_thread(lambda: migrate.upgrade(settings, "0016"))
    assert not TABLES & table_names(empty_database)

    in_thread(lambda: migrate.upgrade(settings, "0017"))
    assert table_names(empty_database) >= TABLES

    in_thread(lambda: migrate.downgrade(settings, "0016"))
    names = table_names(empty_database)
    assert not TABLES & names
    assert {"profile", "program", "enrolment_answer"} <= names


def test_a_community_upgrades_with_no_list_built_yet(empty_database: str, tmp_path: Path) -> None:
    settings = make_settings(empty_database, tmp_path)
    in_thread(lambda: migrate.upgrade(settings, "0011"))
    people = add_community(empty_database)

    in_thread(lambda: migrate.upgrade(settings))

    assert len(people) == 4
    assert table_names(empty_database) >= TABLES
