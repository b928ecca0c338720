"""A program's dashboard shows the wellbeing pulse given at its own check-ins, never under five people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    Checkin,
    Kind,
    MemberRole,
    Program,
    PulseAnswer,
    Relationship,
    RelationshipMember,
)
from mentorship.relationships.dashboard import dashboard
from tests.factories import create_user, mentee

NOW = datetime.now(UTC)
ANSWERED = NOW - timedelta(days=10)  # in a closed week


async def plant(settings: Settings) -> dict[str, UUID]:
    """Leaders: five people answer at its check-ins (energy 4); Newcomers: five answer (energy 1)."""
    profiles = []
    for n in range(10):
        user = await create_user(
            settings, f"p{n}@example.org", name=f"P{n}", profile=mentee(["bots"], ["en"])
        )
        assert user.profile is not None
        profiles.append(user.profile.id)
    config = build_sqlalchemy_config(settings)
    ids: dict[str, UUID] = {}
    try:
        async with config.get_session() as session:
            for slug, people, energy in (("leaders", profiles[:5], 4), ("newcomers", profiles[5:], 1)):
                program = Program(name=slug.title(), slug=slug, kinds=["peer"])
                session.add(program)
                await session.flush()
                ids[slug] = program.id
                for person in people:
                    relationship = Relationship(kind=Kind.PEER, started_at=NOW - timedelta(days=60))
                    relationship.program_id = program.id
                    relationship.members = [RelationshipMember(profile_id=person, role=MemberRole.PEER)]
                    session.add(relationship)
                    await session.flush()
                    checkin = Checkin(relationship_id=relationship.id, scheduled_at=ANSWERED)
                    session.add(checkin)
                    await session.flush()
                    session.add(
                        PulseAnswer(
                            profile_id=person,
                            checkin_id=checkin.id,
                            energy=energy,
                            wants_support=energy == 1,
                            created_at=ANSWERED,
                        )
                    )
            await session.commit()
    finally:
        await config.get_engine().dispose()
    return ids


async def figures(settings: Settings, program_id: UUID | None) -> tuple[object, int]:
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            found = await dashboard(session, 1.0, NOW, program_id)
            return found.pulse, found.support_requests
    finally:
        await config.get_engine().dispose()


async def test_each_program_sees_the_pulse_of_its_own_check_ins(settings: Settings) -> None:
    ids = await plant(settings)

    leaders, leaders_asking = await figures(settings, ids["leaders"])
    newcomers, newcomers_asking = await figures(settings, ids["newcomers"])
    everyone, everyone_asking = await figures(settings, None)

    assert isinstance(leaders, dict) and isinstance(newcomers, dict) and isinstance(everyone, dict)
    assert (leaders["people"], leaders["means"]["energy"], leaders_asking) == (5, 4.0, 0)
    assert (newcomers["people"], newcomers["means"]["energy"], newcomers_asking) == (5, 1.0, 5)
    assert newcomers["low"] and not leaders["low"]
    assert (everyone["people"], everyone["means"]["energy"], everyone_asking) == (10, 2.5, 5)


async def test_a_program_with_fewer_than_five_answering_shows_no_pulse(settings: Settings) -> None:
    ids = await plant(settings)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        other = Program(name="Tiny", slug="tiny", kinds=["peer"])
        session.add(other)
        await session.commit()
        tiny = other.id
    await config.get_engine().dispose()

    pulse, _asking = await figures(settings, tiny)

    assert pulse is None and ids
