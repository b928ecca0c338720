"""A round in a program keeps its questions' hard rules in every pairing; its reasons name the preference."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    EnrolmentAnswer,
    EnrolmentQuestion,
    MatchingUse,
    MembershipStatus,
    Profile,
    Program,
    ProgramMembership,
    QuestionKind,
    QuestionVisibility,
    User,
)
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login, post_form, send_json
from tests.rounds.conftest import run_round

Client = AsyncTestClient[Litestar]
TEAM = "Which team are you in?"
PROJECT = "Which project do you edit most?"
# name -> (role, team, project); everyone seeks or offers the same topic, so only the answers decide.
PEOPLE = {
    "Mia": ("mentor", "Outreach", "Wikidata"),
    "Max": ("mentor", "Tech", "Wikipedia"),
    "Mo": ("mentor", "Outreach", "Wikipedia"),
    "Ana": ("mentee", "Outreach", "Wikipedia"),
    "Ben": ("mentee", "Tech", "Wikidata"),
    "Cy": ("mentee", "Outreach", "Wikidata"),
    "Di": ("mentee", "Tech", "Wikipedia"),
    "Ed": ("mentee", "", "Wikipedia"),  # left the team question blank: unknown, every rule passes
}


@pytest.fixture
async def admin(quiet: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as client:
        yield client


async def _program_with_questions(settings: Settings, team_visibility: QuestionVisibility) -> None:
    await create_user(settings, "coordinator@example.org", name="Coordinator", coordinator=True)
    for name, (role, _team, _project) in PEOPLE.items():
        profile = mentor(2, ["editathons"], ["en"]) if role == "mentor" else mentee(["editathons"], ["en"])
        await create_user(settings, f"{name.lower()}@example.org", name=name, profile=profile)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        program = Program(name="Leadership", slug="leadership", kinds=["traditional"])
        session.add(program)
        await session.flush()
        team = EnrolmentQuestion(
            program_id=program.id,
            position=0,
            prompt=TEAM,
            kind=QuestionKind.SINGLE_CHOICE,
            choices=["Outreach", "Tech"],
            visibility=team_visibility,
            use_in_matching=MatchingUse.DIFFERENT,
        )
        project = EnrolmentQuestion(
            program_id=program.id,
            position=1,
            prompt=PROJECT,
            kind=QuestionKind.SINGLE_CHOICE,
            choices=["Wikipedia", "Wikidata"],
            visibility=QuestionVisibility.SHARED,
            use_in_matching=MatchingUse.PREFER,
            weight=2.0,
        )
        session.add_all([team, project])
        await session.flush()
        for name, (role, team_answer, project_answer) in PEOPLE.items():
            profile = await session.scalar(
                select(Profile).join(User).where(User.email == f"{name.lower()}@example.org")
            )
            assert profile is not None
            session.add(
                ProgramMembership(
                    program_id=program.id,
                    profile_id=profile.id,
                    is_mentor=role == "mentor",
                    is_mentee=role == "mentee",
                    status=MembershipStatus.ACTIVE,
                    joined_at=datetime.now(UTC),
                )
            )
            if team_answer:
                session.add(EnrolmentAnswer(question_id=team.id, profile_id=profile.id, value=team_answer))
            session.add(EnrolmentAnswer(question_id=project.id, profile_id=profile.id, value=project_answer))
        await session.commit()
    await config.get_engine().dispose()


async def _round(client: Client, settings: Settings) -> dict[str, Any]:
    response = await post_form(
        client, "/rounds/", {"min_score": "0", "kind": "traditional", "program": "leadership"}
    )
    assert response.status_code == 303, response.text
    path = response.headers["location"]
    await run_round(settings, path.rsplit("/", 1)[1])
    detail: dict[str, Any] = (await client.get("/api/v1" + path)).json()
    return detail


def _pairs(detail: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for proposal in detail["proposals"]:
        names = {m["role"]: m["name"] for m in proposal["members"]}
        found.append((names["mentee"], names["mentor"]))
    return found


async def test_a_round_in_a_program_keeps_its_hard_rule_in_every_pairing(
    quiet: Settings, admin: Client
) -> None:
    await _program_with_questions(quiet, QuestionVisibility.SHARED)
    await login(admin, "coordinator@example.org", PASSWORD)

    detail = await _round(admin, quiet)

    pairs = _pairs(detail)
    assert len(pairs) == 5  # three mentors with two places: everyone has a mentor
    for seeker, helper in pairs:
        team, other = PEOPLE[seeker][1], PEOPLE[helper][1]
        assert not team or team != other, (seeker, helper)


async def test_the_reasons_name_the_preference(quiet: Settings, admin: Client) -> None:
    await _program_with_questions(quiet, QuestionVisibility.SHARED)
    await login(admin, "coordinator@example.org", PASSWORD)

    detail = await _round(admin, quiet)

    ana = next(p for p in detail["proposals"] if any(m["name"] == "Ana" for m in p["members"]))
    # Ana (Outreach, Wikipedia) may not have an Outreach mentor: Max (Tech) edits Wikipedia too.
    assert {m["name"] for m in ana["members"]} == {"Ana", "Max"}
    assert f"both answered Wikipedia to “{PROJECT}”" in ana["reasons"]
    assert f"different answers to “{TEAM}”" in ana["reasons"]
    codes = [r for r in ana["reason_codes"] if r["code"] == "shared_answer"]
    assert codes == [{"code": "shared_answer", "items": [PROJECT, "Wikipedia"], "value": 1.0}]


async def test_a_private_question_shows_to_coordinators_and_never_to_the_people_matched(
    quiet: Settings, admin: Client
) -> None:
    await _program_with_questions(quiet, QuestionVisibility.PRIVATE)
    await login(admin, "coordinator@example.org", PASSWORD)
    detail = await _round(admin, quiet)
    preview = (await admin.get(f"/rounds/{detail['round']['id']}")).text
    published = await send_json(admin, "POST", f"/api/v1/rounds/{detail['round']['id']}/publish", {})
    assert published.status_code in (200, 201), published.text

    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as ana:
        await login(ana, "ana@example.org", PASSWORD)
        mine = (await ana.get("/api/v1/proposals")).json()
        proposal = mine["proposals"][0] if isinstance(mine, dict) else mine[0]
        page = (await ana.get(f"/proposals/{proposal['id']}")).text

    assert f"different answers to “{TEAM}” (private answer)" in preview
    assert TEAM not in str(proposal) and TEAM not in page
    assert PROJECT in page  # the shared question's reason is theirs to read
