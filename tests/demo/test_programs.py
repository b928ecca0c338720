"""The demo's three programs, with participants enrolled where their kinds fit, loaded once."""

from __future__ import annotations

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.demo.programs import load_demo_programs
from mentorship.models import MembershipStatus, Program, ProgramCoordinator, ProgramMembership
from tests.factories import create_user


async def test_demo_programs_enrol_people_where_their_kinds_fit_and_load_once(settings: Settings) -> None:
    for i in range(12):
        kinds = [["traditional"], ["group", "traditional"], ["peer"]][i % 3]
        role = {"is_mentor": True, "capacity": 2} if i % 4 == 0 else {"is_mentee": True}
        await create_user(settings, f"p{i}@example.org", profile={**role, "kinds": kinds})
    config = build_sqlalchemy_config(settings)

    first = await load_demo_programs(config)
    again = await load_demo_programs(config)

    async with config.get_session() as session:
        programs = {p.slug: p for p in (await session.execute(select(Program))).scalars()}
        members = list((await session.execute(select(ProgramMembership))).scalars())
        coordinators = list((await session.execute(select(ProgramCoordinator))).scalars())
    await config.get_engine().dispose()
    assert set(first) == {"leadership-cohort-2027", "newcomers", "peer-learning-circle"} and again == {}
    cohort = programs["leadership-cohort-2027"]
    assert cohort.is_cohort and cohort.join_policy.value == "approval"
    assert not programs["newcomers"].is_cohort and "¿Nuevo" in programs["newcomers"].description
    assert programs["peer-learning-circle"].kinds == ["peer"]
    by_program = {slug: [m for m in members if m.program_id == p.id] for slug, p in programs.items()}
    assert len(by_program["newcomers"]) == 8  # everyone who chose one-to-one
    assert len(by_program["peer-learning-circle"]) == 4
    assert all(m.is_mentee and not m.is_mentor for m in by_program["peer-learning-circle"])
    assert all(m.status is MembershipStatus.ACTIVE for m in by_program["newcomers"])
    assert all(c.program_id == cohort.id for c in coordinators)
