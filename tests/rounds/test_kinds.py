"""Peer and group rounds through the same pipeline as traditional ones."""

from __future__ import annotations

from uuid import uuid4

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Kind, User
from mentorship.proposals.services import group_minimum
from mentorship.rounds.services import RoundOptions, RoundService, execute_round
from tests.factories import create_user


async def run(settings: Settings, options: RoundOptions) -> dict:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        lead = await session.get(
            User, (await create_user(settings, f"lead-{uuid4().hex[:8]}@example.org", coordinator=True)).id
        )
        assert lead is not None
        created = await RoundService(session).create(options, lead)
    await execute_round(config, created.id)
    async with config.get_session() as session:
        service = RoundService(session)
        found = await service.get(created.id)
        proposals = await service.proposals(created.id)
        people = await service.named({m.profile_id for p in proposals for m in p.members})
        result = {
            "status": found.status.value,
            "summary": found.summary,
            "units": [
                sorted((people[m.profile_id].name, m.role.value) for m in p.members) for p in proposals
            ],
            "labels": [p.group_label for p in proposals],
            "minimums": [await group_minimum(session, p) for p in proposals],
        }
    await config.get_engine().dispose()
    return result


def peer(name: str, offers: list[str], seeks: list[str], languages: list[str]) -> dict:
    return {
        "is_mentee": True,
        "kinds": ["peer"],
        "offers": offers,
        "seeks": seeks,
        "languages": languages,
        "goals": "learn " + " ".join(seeks),
    }


async def test_peer_round_pairs_people_who_teach_each_other(settings: Settings) -> None:
    await create_user(
        settings, "a@example.org", name="A", profile=peer("A", ["bots"], ["editathons"], ["en"])
    )
    await create_user(
        settings, "b@example.org", name="B", profile=peer("B", ["editathons"], ["bots"], ["en"])
    )
    await create_user(
        settings, "c@example.org", name="C", profile=peer("C", ["workshops"], ["sourcing"], ["es"])
    )
    await create_user(
        settings, "d@example.org", name="D", profile=peer("D", ["sourcing"], ["workshops"], ["es"])
    )
    await create_user(settings, "e@example.org", name="E", profile=peer("E", ["sourcing"], ["bots"], ["hi"]))

    result = await run(settings, RoundOptions(Kind.PEER))

    assert result["status"] == "ready"
    assert sorted(result["units"]) == [[("A", "peer"), ("B", "peer")], [("C", "peer"), ("D", "peer")]]
    assert [u["profile_id"] for u in result["summary"]["unmatched"]] and result["summary"]["matched"] == 4


async def test_group_round_forms_groups_within_size_with_a_mentor(settings: Settings) -> None:
    for i in range(7):
        await create_user(
            settings,
            f"m{i}@example.org",
            name=f"M{i}",
            profile={
                "is_mentee": True,
                "kinds": ["group"],
                "seeks": ["editathons"],
                "languages": ["en"],
                "goals": "run editathons",
            },
        )
    await create_user(
        settings,
        "lead@example.org",
        name="Guide",
        profile={
            "is_mentor": True,
            "kinds": ["group"],
            "capacity": 4,
            "offers": ["editathons"],
            "languages": ["en"],
            "experience": "editathons",
        },
    )
    await create_user(
        settings,
        "lead2@example.org",
        name="Guide2",
        profile={
            "is_mentor": True,
            "kinds": ["group"],
            "capacity": 4,
            "offers": ["editathons"],
            "languages": ["en"],
            "experience": "editathons",
        },
    )

    result = await run(settings, RoundOptions(Kind.GROUP, group_min=3, group_max=4))

    assert result["status"] == "ready"
    sizes = sorted(sum(1 for _n, role in unit if role == "mentee") for unit in result["units"])
    assert all(3 <= size <= 4 for size in sizes) and sum(sizes) == 7
    assert all(sum(1 for _n, role in unit if role == "mentor") == 1 for unit in result["units"])
    assert all(result["labels"]) and len(set(result["labels"])) == len(result["labels"])
    assert result["minimums"] == [3] * len(result["units"])


async def test_people_who_were_together_or_declined_are_not_proposed_again(settings: Settings) -> None:

    first = await run_two(settings)
    assert first == [[("Ana", "mentee"), ("Mia", "mentor")]]


async def run_two(settings: Settings) -> list[list[tuple[str, str]]]:
    """Ana and Mia had a relationship; Ana and Max: Ana declined. Only Mia fits Ana: nobody is proposed."""
    from datetime import UTC, datetime

    from mentorship.models import (
        MemberRole,
        Proposal,
        ProposalMember,
        ProposalSource,
        ProposalStatus,
        Relationship,
        RelationshipMember,
        RelationshipStatus,
    )
    from tests.factories import mentee, mentor

    ana = await create_user(settings, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["es"]))
    mia = await create_user(
        settings, "mia@example.org", name="Mia", profile=mentor(2, ["editathons"], ["es"])
    )
    first = await run(settings, RoundOptions(Kind.TRADITIONAL))
    max_ = await create_user(
        settings, "max@example.org", name="Max", profile=mentor(2, ["editathons"], ["es"])
    )
    assert ana.profile and mia.profile and max_.profile
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        ended = Relationship(
            kind=Kind.TRADITIONAL, status=RelationshipStatus.ENDED, started_at=datetime.now(UTC)
        )
        ended.members = [
            RelationshipMember(profile_id=ana.profile.id, role=MemberRole.MENTEE),
            RelationshipMember(profile_id=mia.profile.id, role=MemberRole.MENTOR),
        ]
        refused = Proposal(source=ProposalSource.ROUND, kind=Kind.TRADITIONAL, status=ProposalStatus.DECLINED)
        refused.members = [
            ProposalMember(profile_id=ana.profile.id, role=MemberRole.MENTEE),
            ProposalMember(profile_id=max_.profile.id, role=MemberRole.MENTOR),
        ]
        session.add_all([ended, refused])
        await session.commit()
    await config.get_engine().dispose()
    second = await run(settings, RoundOptions(Kind.TRADITIONAL))
    assert second["units"] == []
    assert (
        second["summary"]["unmatched"]
        and second["summary"]["alternatives"]["mentee:" + str(ana.profile.id)] == []
    )
    return first["units"]
