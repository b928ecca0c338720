"""Deleting an account takes the person out of every program, its answers and its coordinators."""

from __future__ import annotations

from datetime import UTC, datetime

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import (
    EnrolmentAnswer,
    EnrolmentQuestion,
    Program,
    ProgramCoordinator,
    ProgramMembership,
    QuestionKind,
    User,
)
from tests.factories import PASSWORD
from tests.helpers import post_form
from tests.privacy.conftest import profile_ids, scalars


async def enrol(settings: Settings) -> None:
    """Ana mentors in two programs and coordinates one; Ben is a mentee in one."""
    ids = await profile_ids(settings)
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            ana = (await session.execute(select(User.id).where(User.email == "ana@example.org"))).scalar_one()
            for slug in ("wiki-leaders", "newcomers"):
                program = Program(name=slug.title(), slug=slug, kinds=["traditional"])
                session.add(program)
                await session.flush()
                session.add(
                    ProgramMembership(
                        program_id=program.id,
                        profile_id=ids["ana"],
                        is_mentor=True,
                        joined_at=datetime.now(UTC),
                    )
                )
                question = EnrolmentQuestion(
                    program_id=program.id, position=1, prompt="Which team?", kind=QuestionKind.SHORT_TEXT
                )
                session.add(question)
                await session.flush()
                session.add(
                    EnrolmentAnswer(question_id=question.id, profile_id=ids["ana"], value="Ana's team")
                )
                if slug == "newcomers":
                    session.add(ProgramCoordinator(program_id=program.id, user_id=ana))
                    session.add(
                        ProgramMembership(
                            program_id=program.id,
                            profile_id=ids["ben"],
                            is_mentee=True,
                            joined_at=datetime.now(UTC),
                        )
                    )
            await session.commit()
    finally:
        await config.get_engine().dispose()


async def test_my_data_lists_my_programs_roles_and_answers(
    quiet: Settings, clients: dict[str, AsyncTestClient[Litestar]]
) -> None:
    await enrol(quiet)

    response = await clients["ana"].get("/api/v1/account/export")
    data = response.json()
    assert response.status_code == 200, response.text

    assert [(p["slug"], p["as_mentor"], p["coordinator"]) for p in data["programs"]] == [
        ("newcomers", True, True),
        ("wiki-leaders", True, False),
    ]
    assert all(
        p["answers"] == [{"question": "Which team?", "answer": "Ana's team"}] for p in data["programs"]
    )
    assert "Ben" not in str(data["programs"])


async def test_a_deleted_account_is_in_no_program_and_coordinates_none(
    quiet: Settings, clients: dict[str, AsyncTestClient[Litestar]]
) -> None:
    await enrol(quiet)
    ids = await profile_ids(quiet)

    response = await post_form(clients["ana"], "/account/delete", {"password": PASSWORD})

    assert response.status_code == 303, response.text
    assert await scalars(quiet, select(ProgramMembership.profile_id)) == [ids["ben"]]
    assert await scalars(quiet, select(ProgramCoordinator.id)) == []
    assert await scalars(quiet, select(EnrolmentAnswer.id)) == []
    # The programs themselves stay, for the others in them.
    assert sorted(await scalars(quiet, select(Program.slug))) == ["newcomers", "wiki-leaders"]
