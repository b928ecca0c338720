"""JSON API for a program's enrolment questions (its coordinators) and one's own answers (its members)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.models import EnrolmentQuestion, User
from mentorship.programs.deps import provide_programs
from mentorship.programs.questions import QuestionIn, QuestionService


class QuestionOut(msgspec.Struct):
    """One question of a program's enrolment form."""

    id: UUID
    position: int
    prompt: str
    help_text: str
    kind: str  # single_choice, multiple_choice, short_text or scale (1 to 5)
    choices: list[str]
    required: bool
    visibility: str  # private (coordinators only) or shared (also the people matched)
    use_in_matching: str  # none, same, different or prefer
    weight: float


class AnswersOut(msgspec.Struct):
    """One's answers to a program's questions, by question id (a string, a list of strings or a number)."""

    program: str
    questions: list[QuestionOut]
    answers: dict[str, Any]


class AnswersIn(msgspec.Struct, forbid_unknown_fields=True):
    """Answers by question id; a question left out or null has no answer."""

    answers: dict[str, Any] = {}
    join: bool = False  # join the program with these answers (both, or neither)


def question_out(question: EnrolmentQuestion) -> QuestionOut:
    """A question as the API shows it."""
    return QuestionOut(
        question.id,
        question.position,
        question.prompt,
        question.help_text,
        question.kind.value,
        list(question.choices),
        question.required,
        question.visibility.value,
        question.use_in_matching.value,
        question.weight,
    )


class ProgramQuestionApiController(Controller):
    """``/api/v1/programs/{slug}/questions`` and ``/api/v1/programs/{slug}/answers``."""

    path = "/api/v1/programs"
    tags = ["programs"]
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"programs": Provide(provide_programs)}

    @get("/{slug:str}/questions", name="api:programs:questions")
    async def questions(
        self, slug: FromPath[str], programs: NamedDependency[QuestionService], me: NamedDependency[User]
    ) -> list[QuestionOut]:
        """The program's questions, in the order of its form (its coordinators)."""
        return [question_out(q) for q in await programs.questions(await programs.managed(slug, me))]

    @post("/{slug:str}/questions", name="api:programs:questions:add", status_code=201)
    async def add(
        self,
        slug: FromPath[str],
        data: JSONBody[QuestionIn],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> QuestionOut:
        """Add a question at the end of the form."""
        return question_out(await programs.add_question(slug, data, me))

    @put("/{slug:str}/questions/{question_id:uuid}", name="api:programs:questions:change")
    async def change(
        self,
        slug: FromPath[str],
        question_id: FromPath[UUID],
        data: JSONBody[QuestionIn],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> QuestionOut:
        """Change a question; answers that no longer fit it are dropped."""
        return question_out(await programs.change_question(slug, question_id, data, me))

    @delete("/{slug:str}/questions/{question_id:uuid}", name="api:programs:questions:remove", status_code=204)
    async def remove(
        self,
        slug: FromPath[str],
        question_id: FromPath[UUID],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> None:
        """Remove a question and its answers."""
        await programs.remove_question(slug, question_id, me)

    @get("/{slug:str}/answers", name="api:programs:answers")
    async def answers(
        self, slug: FromPath[str], programs: NamedDependency[QuestionService], me: NamedDependency[User]
    ) -> AnswersOut:
        """The program's questions and one's own answers."""
        return await _answers(slug, programs, me)

    @put("/{slug:str}/answers", name="api:programs:answers:save")
    async def save(
        self,
        slug: FromPath[str],
        data: JSONBody[AnswersIn],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> AnswersOut:
        """Replace one's answers (required ones answered); with ``join``, join the program too."""
        await programs.save_answers(slug, me, data.answers, join=data.join)
        return await _answers(slug, programs, me)


async def _answers(slug: str, programs: QuestionService, me: User) -> AnswersOut:
    page = await programs.answer_page(slug, me)
    return AnswersOut(
        slug, [question_out(q) for q in page.questions], {str(k): v for k, v in page.answers.items()}
    )
