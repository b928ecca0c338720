"""Demo programs: a leadership cohort with dates, a multilingual newcomers' program and a peer circle."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from sqlalchemy import select

from mentorship.demo.bulk import Row, fast_sqlite, insert_rows
from mentorship.demo.questions import add_demo_questions
from mentorship.models import (
    JoinPolicy,
    Kind,
    MembershipStatus,
    Profile,
    Program,
    ProgramCoordinator,
    ProgramMembership,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
)

NEWCOMERS = """New to the movement? This program pairs you with an experienced volunteer who shows you around.
¿Nuevo en el movimiento? Te acompañamos con una persona con experiencia.
Nouveau dans le mouvement ? Une personne expérimentée vous accompagne.
Neu in der Bewegung? Eine erfahrene Person begleitet dich.
आंदोलन में नए हैं? एक अनुभवी स्वयंसेवक आपका साथ देगा।
جديد في الحركة؟ سيرافقك متطوع ذو خبرة."""


@dataclass(frozen=True)
class DemoProgram:
    """A demo program's settings."""

    name: str
    slug: str
    description: str
    kinds: tuple[Kind, ...]
    join_policy: JoinPolicy
    starts_on: date | None = None
    ends_on: date | None = None
    closes_on: date | None = None
    cadence: int = 14


PROGRAMS = (
    DemoProgram(
        "Leadership cohort 2027",
        "leadership-cohort-2027",
        "Ten months of growing as an organiser: running a team, giving feedback, planning events and "
        "handing work over. Mentors meet their group every three weeks; the cohort closes with a reflection.",
        (Kind.TRADITIONAL, Kind.GROUP),
        JoinPolicy.APPROVAL,
        starts_on=date(2027, 2, 1),
        ends_on=date(2027, 11, 30),
        closes_on=date(2027, 1, 31),
        cadence=21,
    ),
    DemoProgram("Newcomers", "newcomers", NEWCOMERS, (Kind.TRADITIONAL,), JoinPolicy.OPEN),
    DemoProgram(
        "Peer learning circle",
        "peer-learning-circle",
        "Learn side by side with someone at your level: pick a skill, meet every two weeks, swap notes.",
        (Kind.PEER,),
        JoinPolicy.OPEN,
    ),
)


def _members(program: DemoProgram, profiles: Sequence[Any], rng: random.Random) -> list[Row]:
    """Who is in a demo program: people whose kinds fit it, a few still waiting where approval is needed."""
    wanted = {kind.value for kind in program.kinds}
    fitting = [p for p in profiles if wanted & set(p.kinds or [])]
    if program.slug == "leadership-cohort-2027":
        fitting = [p for p in fitting if rng.random() < 0.3]
    rows = []
    for index, profile in enumerate(fitting):
        waiting = program.join_policy is JoinPolicy.APPROVAL and index % 6 == 5
        is_mentor = profile.is_mentor and program.kinds != (Kind.PEER,)
        rows.append(
            {
                "id": uuid4(),
                "profile_id": profile.id,
                "is_mentor": is_mentor,
                "is_mentee": profile.is_mentee or not is_mentor,
                "status": MembershipStatus.PENDING if waiting else MembershipStatus.ACTIVE,
                "joined_at": None if waiting else profile.created_at,
            }
        )
    return rows


async def load_demo_programs(config: SQLAlchemyAsyncConfig, seed: int = 2026) -> dict[str, int]:
    """Add the demo programs that are missing, with the demo participants enrolled where they fit."""
    rng = random.Random(seed)
    added: dict[str, int] = {}
    async with config.get_session() as session:
        await fast_sqlite(session)
        existing = set((await session.execute(select(Program.slug))).scalars())
        profiles = (
            await session.execute(
                select(
                    Profile.id,
                    Profile.user_id,
                    Profile.kinds,
                    Profile.is_mentor,
                    Profile.is_mentee,
                    Profile.created_at,
                ).order_by(Profile.created_at, Profile.id)
            )
        ).all()
        for demo in PROGRAMS:
            if demo.slug in existing:
                continue
            program = Program(
                name=demo.name,
                slug=demo.slug,
                description=demo.description,
                kinds=[kind.value for kind in demo.kinds],
                join_policy=demo.join_policy,
                starts_on=demo.starts_on,
                ends_on=demo.ends_on,
                closes_at=(
                    datetime.combine(demo.closes_on + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
                    if demo.closes_on
                    else None
                ),
                checkin_cadence_days=demo.cadence,
            )
            session.add(program)
            await session.flush()
            members = _members(demo, profiles, rng)
            for member in members:
                member["program_id"] = program.id
            await insert_rows(session, ProgramMembership, members)
            await add_demo_questions(session, demo.slug, program.id, members, random.Random(demo.slug))
            if demo.join_policy is JoinPolicy.APPROVAL and members:
                # One of the cohort's mentors coordinates it: a program coordinator, not an administrator.
                lead = next(
                    (m for m in members if m["is_mentor"] and m["status"] is MembershipStatus.ACTIVE), None
                )
                if lead is not None:
                    owner = next(p for p in profiles if p.id == lead["profile_id"])
                    session.add(ProgramCoordinator(program_id=program.id, user_id=owner.user_id))
            added[demo.slug] = len(members)
        await session.commit()
    return added


PILOT = DemoProgram(
    "Leadership pilot cohort",
    "leadership-pilot",
    "The first leadership cohort, which has ended: its outcome report shows how the relationships went.",
    (Kind.TRADITIONAL,),
    JoinPolicy.APPROVAL,
)


async def load_demo_cohort_outcomes(config: SQLAlchemyAsyncConfig) -> dict[str, int]:
    """An ended pilot cohort holding the demo's closed relationships, so its outcome report has figures.

    Run after the demo relationships: only completed and ended ones move (they hold no active slot).
    """
    async with config.get_session() as session:
        if await session.scalar(select(Program.id).where(Program.slug == PILOT.slug)):
            return {}
        today = datetime.now(UTC).date()
        pilot = Program(
            name=PILOT.name,
            slug=PILOT.slug,
            description=PILOT.description,
            kinds=[kind.value for kind in PILOT.kinds],
            join_policy=PILOT.join_policy,
            starts_on=today - timedelta(days=300),
            ends_on=today - timedelta(days=5),
        )
        session.add(pilot)
        await session.flush()
        closed = list(
            (
                await session.execute(
                    select(Relationship).where(
                        Relationship.program_id.is_(None),
                        Relationship.status.in_([RelationshipStatus.COMPLETED, RelationshipStatus.ENDED]),
                    )
                )
            ).scalars()
        )
        members: dict[UUID, RelationshipMember] = {}
        for relationship in closed:
            relationship.program_id = pilot.id
            members.update({m.profile_id: m for m in relationship.members})
        session.add_all(
            ProgramMembership(
                program_id=pilot.id,
                profile_id=profile_id,
                is_mentor=member.role.value == "mentor",
                is_mentee=member.role.value != "mentor",
                joined_at=datetime.combine(pilot.starts_on, datetime.min.time(), tzinfo=UTC)
                if pilot.starts_on
                else None,
            )
            for profile_id, member in members.items()
        )
        await session.commit()
        return {"relationships": len(closed), "members": len(members)}
