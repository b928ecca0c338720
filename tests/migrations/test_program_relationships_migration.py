"""Upgrading to programs on relationships keeps a community's relationships, slots and rounds together."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC

from mentorship import migrate
from tests.conftest import make_settings
from tests.databases import in_thread
from tests.migrations.test_migrations import empty_database
from tests.migrations.test_programs_migration import add_community, run

__all__ = ["empty_database"]

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def audit() -> tuple[sa.ColumnClause[Any], ...]:
    """Fresh audit columns for one lightweight table (a column belongs to one table only)."""
    return (
        sa.column("created_at", DateTimeUTC(timezone=True)),
        sa.column("updated_at", DateTimeUTC(timezone=True)),
    )


ROUND = sa.table(
    "matching_round",
    sa.column("id", GUID()),
    sa.column("kind"),
    sa.column("status"),
    sa.column("options", sa.JSON()),
    sa.column("progress"),
    sa.column("stage"),
    sa.column("error"),
    sa.column("attempts"),
    sa.column("summary", sa.JSON()),
    *audit(),
)
PROPOSAL = sa.table(
    "proposal",
    sa.column("id", GUID()),
    sa.column("round_id", GUID()),
    sa.column("source"),
    sa.column("kind"),
    sa.column("status"),
    sa.column("score"),
    sa.column("reasons", sa.JSON()),
    sa.column("group_label"),
    sa.column("message"),
    *audit(),
)
RELATIONSHIP = sa.table(
    "relationship",
    sa.column("id", GUID()),
    sa.column("kind"),
    sa.column("status"),
    sa.column("proposal_id", GUID()),
    sa.column("started_at", DateTimeUTC(timezone=True)),
    sa.column("cadence_days"),
    *audit(),
)
SLOT = sa.table(
    "active_slot",
    sa.column("id", GUID()),
    sa.column("profile_id", GUID()),
    sa.column("kind"),
    sa.column("role"),
    sa.column("relationship_id", GUID()),
)


def add_relationship(url: str, mentee: UUID) -> dict[str, UUID]:
    """A published round's accepted proposal, its relationship and the mentee's slot, as 0014 knew them."""
    ids = {"round": uuid4(), "proposal": uuid4(), "relationship": uuid4()}

    async def work(connection: Any) -> None:
        stamps = {"created_at": NOW, "updated_at": NOW}
        await connection.execute(
            ROUND.insert().values(
                id=ids["round"],
                kind="peer",
                status="published",
                options={},
                progress=1.0,
                stage="",
                error="",
                attempts=1,
                summary={},
                **stamps,
            )
        )
        await connection.execute(
            PROPOSAL.insert().values(
                id=ids["proposal"],
                round_id=ids["round"],
                source="round",
                score=0.5,
                reasons=[],
                group_label="",
                message="",
                kind="peer",
                status="accepted",
                **stamps,
            )
        )
        await connection.execute(
            RELATIONSHIP.insert().values(
                id=ids["relationship"],
                kind="peer",
                status="active",
                proposal_id=ids["proposal"],
                started_at=NOW,
                cadence_days=14,
                **stamps,
            )
        )
        await connection.execute(
            SLOT.insert().values(
                id=uuid4(), profile_id=mentee, kind="peer", role="peer", relationship_id=ids["relationship"]
            )
        )

    run(url, work)
    return ids


def read(url: str, query: Any) -> list[Any]:
    async def work(connection: Any) -> list[Any]:
        return list((await connection.execute(query)).all())

    result: list[Any] = run(url, work)
    return result


def test_a_community_s_relationships_join_its_default_program_and_slots_become_per_program(
    empty_database: str, tmp_path: Path
) -> None:
    settings = make_settings(empty_database, tmp_path)
    in_thread(lambda: migrate.upgrade(settings, "0011"))
    people = add_community(empty_database)
    # Written before 0014: its copy of the rounds table must not cascade away their proposals (SQLite).
    in_thread(lambda: migrate.upgrade(settings, "0013"))
    ids = add_relationship(empty_database, people["mentee"])

    in_thread(lambda: migrate.upgrade(settings, "0015"))

    program = sa.table("program", sa.column("id", GUID()), sa.column("slug"))
    ((default_id,),) = read(
        empty_database, sa.select(program.c.id).where(program.c.slug == "community-mentoring")
    )
    for table, key in (
        ("matching_round", "round"),
        ("proposal", "proposal"),
        ("relationship", "relationship"),
    ):
        rows = sa.table(table, sa.column("id", GUID()), sa.column("program_id", GUID()))
        assert read(empty_database, sa.select(rows.c.program_id).where(rows.c.id == ids[key])) == [
            (default_id,)
        ]
    slots = sa.table("active_slot", sa.column("profile_id", GUID()), sa.column("scope"))
    assert read(empty_database, sa.select(slots.c.profile_id, slots.c.scope)) == [
        (people["mentee"], str(default_id))
    ]

    # The same person may now hold a peer slot in another program (here: the whole community) ...
    other = uuid4()

    async def second_slot(connection: Any) -> None:
        stamps = {"created_at": NOW, "updated_at": NOW}
        await connection.execute(
            RELATIONSHIP.insert().values(
                id=other, kind="peer", status="active", started_at=NOW, cadence_days=14, **stamps
            )
        )
        await connection.execute(
            SLOT.insert().values(
                id=uuid4(), profile_id=people["mentee"], kind="peer", role="peer", relationship_id=other
            )
        )

    run(empty_database, second_slot)
    # ... and going back keeps one slot of a kind per person, as the old rule wants.
    in_thread(lambda: migrate.downgrade(settings, "0014"))
    assert len(read(empty_database, sa.select(SLOT.c.id))) == 1


def test_a_new_database_keeps_rounds_and_relationships_community_wide(
    empty_database: str, tmp_path: Path
) -> None:
    settings = make_settings(empty_database, tmp_path)
    in_thread(lambda: migrate.upgrade(settings, "0014"))
    ids = add_relationship(empty_database, add_community(empty_database)["mentee"])
    programs = sa.table("program", sa.column("id", GUID()))
    assert read(empty_database, sa.select(programs.c.id)) == []

    in_thread(lambda: migrate.upgrade(settings, "0015"))

    rows = sa.table("relationship", sa.column("id", GUID()), sa.column("program_id", GUID()))
    assert read(empty_database, sa.select(rows.c.program_id).where(rows.c.id == ids["relationship"])) == [
        (None,)
    ]
