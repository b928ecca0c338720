"""Matching by hand warns when a pairing breaks one of the program's hard rules, naming the answers."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import EnrolmentAnswer, EnrolmentQuestion, MatchingUse, Program, QuestionKind
from tests.helpers import send_json
from tests.manual.conftest import SLUG, World
from tests.manual.test_preview import PREVIEW, pick


async def ask(
    settings: Settings, prompt: str, use: MatchingUse, kind: QuestionKind, answers: dict[UUID, Any]
) -> None:
    """A question of the program, with these answers."""
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            program_id = (await session.execute(select(Program.id).where(Program.slug == SLUG))).scalar_one()
            question = EnrolmentQuestion(
                program_id=program_id,
                prompt=prompt,
                kind=kind,
                choices=["Red", "Blue", "Green"],
                use_in_matching=use,
            )
            session.add(question)
            await session.flush()
            for profile_id, value in answers.items():
                session.add(EnrolmentAnswer(question_id=question.id, profile_id=profile_id, value=value))
            await session.commit()
    finally:
        await config.get_engine().dispose()


async def warnings_for(world: World, mentor: str, mentee: str) -> list[dict[str, str]]:
    response = await send_json(world.clients["pia"], "POST", PREVIEW, pick(world, mentor, mentee))
    assert response.status_code == 200, response.text
    return [w for w in response.json()["warnings"] if w["code"].startswith("rule_")]


async def test_the_same_team_is_named_when_the_program_never_pairs_one_team(
    world: World, quiet: Settings
) -> None:
    ids = world.ids
    single, several = QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE
    await ask(
        quiet, "Which team are you in?", MatchingUse.DIFFERENT, single, {ids["ben"]: "Red", ids["ana"]: "Red"}
    )
    await ask(
        quiet,
        "Which tracks?",
        MatchingUse.SAME,
        several,
        {ids["ben"]: ["Red", "Blue"], ids["ana"]: ["Green"]},
    )

    found = await warnings_for(world, "ben", "ana")

    assert found == [
        {
            "code": "rule_different",
            "message": "Ana Lima and Ben Mentor both answered Red to “Which team are you in?”: "
            "this program never pairs people with the same answer.",
        },
        {
            "code": "rule_same",
            "message": "Ana Lima answered Green and Ben Mentor answered Red, Blue to “Which tracks?”: "
            "this program pairs only people with the same answer.",
        },
    ]


async def test_a_blank_answer_or_answers_that_keep_the_rule_warn_of_nothing(
    world: World, quiet: Settings
) -> None:
    ids = world.ids
    single = QuestionKind.SINGLE_CHOICE
    await ask(
        quiet,
        "Which team are you in?",
        MatchingUse.DIFFERENT,
        single,
        {ids["ben"]: "Red", ids["ana"]: "Blue"},
    )
    await ask(quiet, "Which track?", MatchingUse.SAME, single, {ids["ben"]: "Red"})

    assert await warnings_for(world, "ben", "ana") == []
