"""The app's round and `mentorship match` on one pool: the same pairs, total, bound, proof and audit.

The community has past pairs, a decline, mentors full, load-gated and away, someone both mentor and
mentee, and people who did not share the audited attribute (blank cells).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine import run as engine
from mentorship.engine.pool import Pool
from mentorship.engine.rows import mentee_row, mentor_row
from mentorship.match.command import match_command
from mentorship.models import (
    ActionItem,
    ActiveSlot,
    Kind,
    MemberRole,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
    Round,
    User,
)
from mentorship.rounds.services import RoundOptions, RoundService, execute_round
from tests.factories import create_user, mentee, mentor

TOPICS = ["editathons", "bots", "translation", "wikidata", "glam"]


def _in(region: str, profile: dict[str, Any]) -> dict[str, Any]:
    return {**profile, "fairness_attributes": {"region": region}}


async def _people(settings: Settings) -> dict[str, UUID]:
    """Mentors free, full, overloaded and away; mentees of three regions or none; Sam mentors and seeks."""
    today = date.today()
    mentors = {
        "mia": mentor(2, ["editathons", "glam"], ["en", "es"]),
        "max": mentor(1, ["bots", "wikidata"], ["en"]),
        "gus": mentor(2, ["translation", "editathons"], ["en", "de"]),
        "ivy": mentor(2, ["wikidata", "glam"], ["es", "de"], tz="America/Mexico_City"),
        "fay": mentor(1, ["editathons"], ["en"]) | {"mentee_load": 1},
        "bea": mentor(2, ["bots"], ["en"]) | {"mentee_load": 1},
        "al": mentor(2, ["translation"], ["en"]) | {"away_from": today - timedelta(days=1)},
    }
    seekers = {
        "ana": _in("Europe", mentee(["editathons", "glam"], ["es", "en"])),
        "ben": _in("Europe", mentee(["bots"], ["en"])),
        "eli": _in("Europe", mentee(["translation"], ["de", "en"])),
        "fio": _in("Europe", mentee(["wikidata", "bots"], ["en"])),
        "gia": _in("Europe", mentee(["glam"], ["es"])),
        "cy": _in("Asia", mentee(["bots"], ["hi"], tz="Asia/Kolkata")),
        "hal": _in("Asia", mentee(["editathons"], ["en"], tz="Asia/Tokyo")),
        "ike": _in("Asia", mentee(["translation", "wikidata"], ["en"], tz="Asia/Seoul")),
        "jo": _in("Asia", mentee(["bots", "editathons"], ["en"], tz="Asia/Manila")),
        "kai": _in("Africa", mentee(["glam", "translation"], ["en"], tz="Africa/Lagos")),
        "dee": _in("Africa", mentee(["bots"], ["en"])),
        # Five who shared no region: the audit's "(blank)" group, large enough to be described.
        "lu": mentee(["editathons"], ["en"]),
        "mo": mentee(["glam", "wikidata"], ["es"]),
        "ned": mentee(["translation"], ["de"]),
        "ola": mentee(["bots", "glam"], ["en"], tz="Pacific/Auckland"),
        "pia": mentee(["wikidata"], ["fr"]),
    }
    sam = mentor(1, ["bots", "translation"], ["en"]) | mentee(["wikidata", "glam"], ["en", "de"])
    sam["experience"] = "I organise bots and translation"
    people = {**mentors, **seekers, "sam": _in("Asia", sam)}
    await create_user(settings, "coordinator@example.org", name="Coordinator", coordinator=True)
    ids = {}
    for name, profile in people.items():
        user = await create_user(settings, f"{name}@example.org", name=name.title(), profile=profile)
        ids[name] = user.profile.id
    return ids


async def _history(settings: Settings, ids: dict[str, UUID]) -> None:
    """Ana once had Mia; Ben declined Max; Bea mentors Dee now and is behind on ten action items."""
    now = datetime.now(UTC)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        ended = Relationship(
            kind=Kind.TRADITIONAL, status=RelationshipStatus.ENDED, started_at=now - timedelta(days=90)
        )
        ended.members = [
            RelationshipMember(profile_id=ids["mia"], role=MemberRole.MENTOR),
            RelationshipMember(profile_id=ids["ana"], role=MemberRole.MENTEE),
        ]
        declined = Proposal(
            source=ProposalSource.ROUND, kind=Kind.TRADITIONAL, status=ProposalStatus.DECLINED
        )
        declined.members = [
            ProposalMember(profile_id=ids["max"], role=MemberRole.MENTOR, response=Response.ACCEPTED),
            ProposalMember(profile_id=ids["ben"], role=MemberRole.MENTEE, response=Response.DECLINED),
        ]
        active = Relationship(kind=Kind.TRADITIONAL, status=RelationshipStatus.ACTIVE, started_at=now)
        active.members = [
            RelationshipMember(profile_id=ids["bea"], role=MemberRole.MENTOR),
            RelationshipMember(profile_id=ids["dee"], role=MemberRole.MENTEE),
        ]
        session.add_all([ended, declined, active])
        await session.flush()
        session.add(
            ActiveSlot(
                profile_id=ids["dee"],
                kind=Kind.TRADITIONAL,
                role=MemberRole.MENTEE,
                relationship_id=active.id,
            )
        )
        overdue = date.today() - timedelta(days=3)
        for i in range(10):
            session.add(
                ActionItem(relationship_id=active.id, owner_id=ids["bea"], text=f"Notes {i}", due_on=overdue)
            )
        await session.commit()
    await config.get_engine().dispose()


async def _app_round(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> tuple[Round, list[Proposal], Pool, dict[str, Any]]:
    """A traditional round through the service and its job, keeping the pool and options the engine got."""
    seen: dict[str, Any] = {}
    run = engine.run

    def spy(pool: Pool, options: dict[str, Any], progress: engine.Progress) -> engine.Outcome:
        seen.update(pool=pool, options=options)
        return run(pool, options, progress)

    monkeypatch.setattr(engine, "run", spy)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        coordinator = await session.scalar(select(User).where(User.email == "coordinator@example.org"))
        assert coordinator is not None
        started = await RoundService(session).create(RoundOptions(Kind.TRADITIONAL), coordinator)
    await execute_round(config, started.id)
    async with config.get_session() as session:
        done = await RoundService(session).get(started.id)
        proposals = await RoundService(session).proposals(started.id)
    await config.get_engine().dispose()
    return done, proposals, seen["pool"], seen["options"]


def _cli(pool: Pool, options: dict[str, Any], folder: Path, audit_by: list[str]) -> dict[str, Any]:
    """The pool as a participants CSV and its exclusions as a CSV, matched by `mentorship match`."""
    people, exclude, out = folder / "pool.csv", folder / "exclude.csv", folder / "out.json"
    pool.frame.to_csv(people, index=False)
    ids = set(pool.frame["id"])
    pairs = [(a, b) for a, b in [*pool.self_pairs, *map(tuple, options["exclude_rows"])] if {a, b} <= ids]
    pd.DataFrame(pairs, columns=["mentee_id", "mentor_id"]).to_csv(exclude, index=False)
    audit = [arg for column in audit_by for arg in ("--audit-by", column)]
    ran = CliRunner().invoke(
        match_command, [str(people), "--exclude", str(exclude), "--format", "json", "-o", str(out), *audit]
    )
    assert ran.exit_code == 0, ran.output
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _pairs_of(proposals: list[Proposal]) -> set[tuple[str, str]]:
    pairs = set()
    for proposal in proposals:
        roles = {m.role: m.profile_id for m in proposal.members}
        pairs.add((mentee_row(roles[MemberRole.MENTEE]), mentor_row(roles[MemberRole.MENTOR])))
    return pairs


async def test_app_round_and_command_line_give_the_same_pairs_total_proof_and_audit(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await _people(settings)
    await _history(settings, ids)

    done, proposals, pool, options = await _app_round(settings, monkeypatch)
    summary = done.summary
    audited = [a["attribute"] for a in summary["audit"]["attributes"]]
    cli = _cli(pool, options, tmp_path, audited)

    rows = set(pool.frame["id"])
    assert {mentor_row(ids[n]) for n in ("fay", "bea", "al")}.isdisjoint(rows)
    assert (mentee_row(ids["sam"]), mentor_row(ids["sam"])) in pool.self_pairs
    excluded = {tuple(p) for p in options["exclude_rows"]}
    assert (mentee_row(ids["ana"]), mentor_row(ids["mia"])) in excluded
    assert (mentee_row(ids["ben"]), mentor_row(ids["max"])) in excluded
    assert _pairs_of(proposals) == {(p["mentee_id"], p["mentor_id"]) for p in cli["pairs"]}
    assert summary["total"] == pytest.approx(cli["summary"]["total"], abs=1e-9)
    assert summary["upper_bound"] == pytest.approx(cli["summary"]["upper_bound"], abs=1e-9)
    assert summary["proved_optimal"] and cli["summary"]["proved_optimal"]
    assert len(summary["unmatched"]) == cli["summary"]["unmatched_mentees"] > 0
    # One audit: the stored report is the command line's, figure for figure, flags included.
    assert audited == ["region"]
    assert summary["audit"] == cli["audit"]
    groups = {g["value"]: g for g in summary["audit"]["attributes"][0]["groups"]}
    assert groups["(blank)"]["people"] == 5 and not groups["(blank)"]["suppressed"]
    assert groups["Africa"]["suppressed"] and groups["Europe"]["people"] == 5
