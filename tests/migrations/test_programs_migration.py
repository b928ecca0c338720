"""Upgrading a one-program community keeps everyone: they are all in the default program, roles intact."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from mentorship import migrate
from mentorship.models.base import metadata
from tests.conftest import make_settings
from tests.databases import in_thread
from tests.migrations.test_migrations import empty_database, table_names

__all__ = ["empty_database"]  # the fixture, shared with the other migration tests

PEOPLE = {"mentor": (True, False), "mentee": (False, True), "both": (True, True), "unsure": (False, False)}


def run(url: str, work: Any) -> Any:
    """Run a coroutine function on a connection of its own, in a thread (Alembic runs its own loops)."""

    async def main() -> Any:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            result = await work(connection)
        await engine.dispose()
        return result

    return in_thread(lambda: asyncio.run(main()))


def add_community(url: str) -> dict[str, UUID]:
    """A coordinator and four participants with every mix of roles, written as 0011 knew them."""
    users, profiles = metadata.tables["user_account"], metadata.tables["profile"]

    async def work(connection: Any) -> dict[str, UUID]:
        await connection.execute(users.insert().values(id=uuid4(), email="coord@example.org", name="Co"))
        ids = {}
        for name, (is_mentor, is_mentee) in PEOPLE.items():
            user_id, profile_id = uuid4(), uuid4()
            await connection.execute(
                users.insert().values(id=user_id, email=f"{name}@example.org", name=name)
            )
            await connection.execute(
                profiles.insert().values(
                    id=profile_id, user_id=user_id, is_mentor=is_mentor, is_mentee=is_mentee, kinds=["peer"]
                )
            )
            ids[name] = profile_id
        return ids

    result: dict[str, UUID] = run(url, work)
    return result


def programs_and_members(url: str) -> tuple[list[Any], dict[UUID, tuple[bool, bool, str]]]:
    programs, members = metadata.tables["program"], metadata.tables["program_membership"]

    async def work(connection: Any) -> tuple[list[Any], dict[UUID, tuple[bool, bool, str]]]:
        found = (await connection.execute(select(programs))).all()
        rows = await connection.execute(
            select(members.c.profile_id, members.c.is_mentor, members.c.is_mentee, members.c.status)
        )
        return list(found), {row[0]: (row[1], row[2], row[3]) for row in rows}

    result: tuple[list[Any], dict[UUID, tuple[bool, bool, str]]] = run(url, work)
    return result


def test_an_existing_community_becomes_the_default_program_with_everyone_in_it(
    empty_database: str, tmp_path: Path
) -> None:
    settings = make_settings(empty_database, tmp_path)
    in_thread(lambda: migrate.upgrade(settings, "0011"))
    ids = add_community(empty_database)

    in_thread(lambda: migrate.upgrade(settings))

    programs, members = programs_and_members(empty_database)
    assert len(programs) == 1
    (program,) = programs
    assert program.name == "Community mentoring"
    assert program.join_policy == "open"
    assert sorted(program.kinds) == ["group", "peer", "traditional"]
    assert program.starts_on is None and program.ends_on is None and not program.archived
    assert members == {ids[name]: (*roles, "active") for name, roles in PEOPLE.items()}


def test_a_new_database_starts_without_programs_and_downgrade_removes_them(
    empty_database: str, tmp_path: Path
) -> None:
    settings = make_settings(empty_database, tmp_path)
    in_thread(lambda: migrate.upgrade(settings))
    programs, _members = programs_and_members(empty_database)

    in_thread(lambda: migrate.downgrade(settings, "0011"))

    assert programs == []
    assert not {"program", "program_membership", "program_coordinator"} & table_names(empty_database)
