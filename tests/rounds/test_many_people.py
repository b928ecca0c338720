"""Queries naming every person of a pool hold at 100,000 people: no IN list outgrows a statement."""

from __future__ import annotations

from uuid import uuid4

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.parted import Parting, parted_pairs
from mentorship.lib.db import IN_CHUNK, chunked
from mentorship.rounds.services import RoundService
from tests.factories import create_user, mentee, mentor
from tests.relationships.conftest import add_relationship

# More than PostgreSQL's drivers bind in one statement (asyncpg 32,767, psycopg 65,535).
STRANGERS = 70_000


def test_values_come_in_lists_no_longer_than_an_in_list_holds() -> None:
    values = list(range(2 * IN_CHUNK + 3))
    batches = list(chunked(values))
    assert [len(b) for b in batches] == [IN_CHUNK, IN_CHUNK, 3]
    assert [v for b in batches for v in b] == values
    assert list(chunked([])) == []


async def test_parted_pairs_and_names_read_for_more_people_than_a_statement_binds(settings: Settings) -> None:
    guide = await create_user(settings, "guide@example.org", profile=mentor(2, ["editathons"], ["en"]))
    learner = await create_user(settings, "learner@example.org", profile=mentee(["editathons"], ["en"]))
    await add_relationship(settings, guide.profile.id, learner.profile.id)
    everyone = {guide.profile.id, learner.profile.id, *(uuid4() for _ in range(STRANGERS))}
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        parted = await parted_pairs(session, everyone)
        named = await RoundService(session).named(everyone)
    await config.get_engine().dispose()
    assert parted == {frozenset({guide.profile.id, learner.profile.id}): Parting.TOGETHER}
    assert {person.user_id for person in named.values()} == {guide.id, learner.id}
    assert {pid: person.name for pid, person in named.items()} == {
        guide.profile.id: guide.name,
        learner.profile.id: learner.name,
    }
    assert named[guide.profile.id].capacity == 2
