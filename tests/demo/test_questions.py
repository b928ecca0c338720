"""The demo programs ask questions, and their members have answered them."""

from __future__ import annotations

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.demo.programs import load_demo_programs
from mentorship.models import EnrolmentAnswer, EnrolmentQuestion, MatchingUse, Program
from tests.factories import create_user


async def test_each_demo_program_asks_questions_its_members_answered(settings: Settings) -> None:
    for i in range(12):
        kinds = [["traditional"], ["group", "traditional"], ["peer"]][i % 3]
        role = {"is_mentor": True, "capacity": 2} if i % 4 == 0 else {"is_mentee": True}
        await create_user(settings, f"p{i}@example.org", profile={**role, "kinds": kinds})
    config = build_sqlalchemy_config(settings)

    await load_demo_programs(config)

    async with config.get_session() as session:
        slugs = dict((await session.execute(select(Program.id, Program.slug))).all())
        questions = list((await session.execute(select(EnrolmentQuestion))).scalars())
        answers = list((await session.execute(select(EnrolmentAnswer))).scalars())
    await config.get_engine().dispose()
    by_program: dict[str, list[EnrolmentQuestion]] = {}
    for question in questions:
        by_program.setdefault(slugs[question.program_id], []).append(question)
    assert {slug: len(found) for slug, found in by_program.items()} == {
        "leadership-cohort-2027": 3,
        "newcomers": 2,
        "peer-learning-circle": 2,
    }
    team = next(q for q in by_program["leadership-cohort-2027"] if q.prompt == "Which team are you in?")
    assert team.use_in_matching is MatchingUse.DIFFERENT and team.is_private
    answered = {a.question_id for a in answers}
    assert all(q.id in answered for q in by_program["newcomers"] + by_program["peer-learning-circle"])
    assert all(q.clean(a.value) == a.value for q in questions for a in answers if a.question_id == q.id)
