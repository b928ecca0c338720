"""A program's enrolment questions: coordinators write and order them, members answer them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

import msgspec
from sqlalchemy import delete, func, select

from mentorship.engine.stale import suggestions_stale
from mentorship.events.describe import N_, describe_as
from mentorship.events.services import record
from mentorship.lib.i18n import _
from mentorship.models import (
    AnswerError,
    EnrolmentAnswer,
    EnrolmentQuestion,
    MatchingUse,
    MembershipStatus,
    Program,
    ProgramMembership,
    QuestionKind,
    QuestionVisibility,
    User,
)
from mentorship.models._questions import MAX_WEIGHT, MIN_WEIGHT
from mentorship.programs.forms import JoinIn, ProgramInvalid
from mentorship.programs.members import MembershipService, ProgramPage
from mentorship.programs.services import ProgramNotFound

PROMPT_LIMIT, HELP_LIMIT, CHOICE_LIMIT, CHOICES_MOST, TEXT_LIMIT = 300, 1000, 80, 40, 500
KINDS = [k.value for k in QuestionKind]
USES = [u.value for u in MatchingUse]

for _type, _line in {
    "program.question_added": N_("{actor} added the question “{prompt}” to “{name}”"),
    "program.question_changed": N_("{actor} changed the question “{prompt}” of “{name}”"),
    "program.question_removed": N_("{actor} removed the question “{prompt}” from “{name}”"),
    "program.answers_saved": N_("{actor} answered the questions of “{name}”"),
}.items():
    describe_as(_type, _line)

Answers = dict[UUID, Any]


class QuestionIn(msgspec.Struct, forbid_unknown_fields=True):
    """A question as the form and the API send it; ``checked`` is its one rule."""

    prompt: str = ""
    help_text: str = ""
    kind: str = "single_choice"
    choices: list[str] = []
    required: bool = False
    visibility: str = "shared"
    use_in_matching: str = "none"
    weight: float = 1.0

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> QuestionIn:
        """The form's fields: choices one a line, ticks as "on", the weight as typed (checked later)."""
        raw_weight = str(form.get("weight", "") or "1").strip().replace(",", ".")
        try:
            weight = float(raw_weight)
        except ValueError:
            weight = -1.0
        return cls(
            prompt=str(form.get("prompt", "")),
            help_text=str(form.get("help_text", "")),
            kind=str(form.get("kind", "single_choice")),
            choices=str(form.get("choices", "")).splitlines(),
            required=form.get("required") in ("on", "true", "1"),
            visibility=str(form.get("visibility", "shared")),
            use_in_matching=str(form.get("use_in_matching", "none")),
            weight=weight,
        )

    def checked(self) -> QuestionIn:
        """The question cleaned, or ProgramInvalid naming each field at fault."""
        errors: dict[str, str] = {}
        prompt, help_text = self.prompt.strip(), self.help_text.strip()
        choices = list(dict.fromkeys(c.strip() for c in self.choices if c.strip()))
        if not prompt:
            errors["prompt"] = _("Write the question.")
        elif len(prompt) > PROMPT_LIMIT:
            errors["prompt"] = _("Keep the question under {n} characters.").format(n=PROMPT_LIMIT)
        if len(help_text) > HELP_LIMIT:
            errors["help_text"] = _("Keep the help under {n} characters.").format(n=HELP_LIMIT)
        if self.kind not in KINDS:
            errors["kind"] = _("Choose how the question is answered.")
        elif self.kind in ("single_choice", "multiple_choice"):
            if len(choices) < 2:
                errors["choices"] = _("A choice question needs at least two choices, one a line.")
            elif len(choices) > CHOICES_MOST:
                errors["choices"] = _("Offer at most {n} choices.").format(n=CHOICES_MOST)
            elif any(";" in c or len(c) > CHOICE_LIMIT for c in choices):
                errors["choices"] = _("A choice has no “;” and fewer than {n} characters.").format(
                    n=CHOICE_LIMIT
                )
        if self.visibility not in ("private", "shared"):
            errors["visibility"] = _("Choose who may read the answers.")
        if self.use_in_matching not in USES:
            errors["use_in_matching"] = _("Choose how the answers take part in matching.")
        elif self.kind == "short_text" and self.use_in_matching != "none":
            errors["use_in_matching"] = _(
                "Written answers cannot take part in matching; choose “Not at all”."
            )
        if self.use_in_matching == "prefer" and not MIN_WEIGHT <= self.weight <= MAX_WEIGHT:
            errors["weight"] = _("A weight is a number from {low} to {high}.").format(
                low=MIN_WEIGHT, high=MAX_WEIGHT
            )
        if errors:
            raise ProgramInvalid(errors)
        keep = self.kind in ("single_choice", "multiple_choice")
        weight = round(self.weight, 2) if self.use_in_matching == "prefer" else 1.0
        return QuestionIn(
            prompt,
            help_text,
            self.kind,
            choices if keep else [],
            self.required,
            self.visibility,
            self.use_in_matching,
            weight,
        )


@dataclass(frozen=True)
class AnswerPage:
    """One person's answers to a program's questions, for the form."""

    program: Program
    questions: list[EnrolmentQuestion]
    answers: Answers
    joining: bool


def form_answers(
    questions: list[EnrolmentQuestion], form: Mapping[str, Any], many: Mapping[str, list[str]]
) -> dict[str, Any]:
    """The answers a form sent, by question id: ticked boxes as lists, everything else as typed."""
    found: dict[str, Any] = {}
    for question in questions:
        key = f"q-{question.id}"
        found[str(question.id)] = (
            many.get(key, []) if question.kind is QuestionKind.MULTIPLE_CHOICE else form.get(key, "")
        )
    return found


def answer_message(question: EnrolmentQuestion, error: AnswerError) -> str:
    """Why an answer cannot be taken, in the reader's words."""
    if error.reason == "choice":
        return _("“{value}” is not one of the choices.").format(value=error.value)
    return _("Choose a number from 1 to 5.")


class QuestionService(MembershipService):
    """Writing, ordering and answering a program's enrolment questions."""

    async def page(self, slug: str, user: User, page: int = 1) -> ProgramPage:
        """A program's page with its questions, the reader's answers, and members' answers to managers."""
        found = await super().page(slug, user, page)
        program = found.row.program
        questions = await self.questions(program)
        if not questions:
            return found
        profile_id = found.row.mine.profile_id if found.row.mine is not None else None
        mine = await self.answers_of(program, profile_id) if profile_id is not None else {}
        answers = (
            await self.member_answers(program, user, found.members.profile_ids) if found.row.manages else {}
        )
        return replace(found, questions=questions, my_answers=mine, answers=answers)

    async def join(
        self, slug: str, user: User, roles: JoinIn, *, answered: bool = False
    ) -> ProgramMembership:
        """Join as :class:`MembershipService` does; a program with required questions wants them answered."""
        if not answered:
            questions = await self.questions(await self.program(slug))
            if any(q.required for q in questions):
                raise ProgramInvalid(
                    {"answers": _("This program asks some questions first: answer them to join.")}
                )
        return await super().join(slug, user, roles)

    async def questions(self, program: Program) -> list[EnrolmentQuestion]:
        """The program's questions in the order of its form."""
        found = await self.session.execute(
            select(EnrolmentQuestion)
            .where(EnrolmentQuestion.program_id == program.id)
            .order_by(EnrolmentQuestion.position, EnrolmentQuestion.created_at)
        )
        return list(found.scalars())

    async def add_question(self, slug: str, form: QuestionIn, by: User) -> EnrolmentQuestion:
        """Add a question at the end of the form (the program's coordinators)."""
        program = await self.managed(slug, by)
        checked = form.checked()
        last = await self.session.scalar(
            select(func.max(EnrolmentQuestion.position)).where(EnrolmentQuestion.program_id == program.id)
        )
        question = EnrolmentQuestion(program_id=program.id, position=(last or 0) + 1)
        _apply(question, checked)
        self.session.add(question)
        await self._done(question, program, "program.question_added", by)
        return question

    async def change_question(
        self, slug: str, question_id: UUID, form: QuestionIn, by: User
    ) -> EnrolmentQuestion:
        """Change a question; answers that no longer fit it (a choice taken away) are dropped."""
        program, question = await self._question(slug, question_id, by)
        _apply(question, form.checked())
        answers = await self.session.execute(
            select(EnrolmentAnswer).where(EnrolmentAnswer.question_id == question.id)
        )
        for answer in answers.scalars():
            try:
                answer.value = question.clean(answer.value)
            except AnswerError:
                answer.value = None
            if answer.value is None:
                await self.session.delete(answer)
        await self._done(question, program, "program.question_changed", by)
        return question

    async def remove_question(self, slug: str, question_id: UUID, by: User) -> EnrolmentQuestion:
        """Remove a question and its answers."""
        program, question = await self._question(slug, question_id, by)
        await self.session.execute(delete(EnrolmentAnswer).where(EnrolmentAnswer.question_id == question.id))
        await self.session.delete(question)
        await self._done(question, program, "program.question_removed", by)
        return question

    async def move_question(self, slug: str, question_id: UUID, step: int, by: User) -> EnrolmentQuestion:
        """Move a question one place up (``-1``) or down (``1``) in the form."""
        program, question = await self._question(slug, question_id, by)
        ordered = await self.questions(program)
        at = next(k for k, q in enumerate(ordered) if q.id == question.id)
        other = at + (1 if step > 0 else -1)
        if 0 <= other < len(ordered):
            ordered[at], ordered[other] = ordered[other], ordered[at]
        for position, item in enumerate(ordered, start=1):
            item.position = position
        await self.session.commit()
        return question

    async def answers_of(self, program: Program, profile_id: UUID) -> Answers:
        """One person's answers to a program's questions, by question id."""
        found = await self.session.execute(
            select(EnrolmentAnswer.question_id, EnrolmentAnswer.value)
            .join(EnrolmentQuestion, EnrolmentQuestion.id == EnrolmentAnswer.question_id)
            .where(EnrolmentQuestion.program_id == program.id, EnrolmentAnswer.profile_id == profile_id)
        )
        return {UUID(str(question_id)): value for question_id, value in found.all()}

    async def member_answers(
        self, program: Program, by: User, profile_ids: list[UUID] | None = None
    ) -> dict[UUID, Answers]:
        """Members' answers by profile and question: all, or those listed (coordinators, administrators)."""
        await self.managed(program.slug, by)
        query = (
            select(EnrolmentAnswer.profile_id, EnrolmentAnswer.question_id, EnrolmentAnswer.value)
            .join(EnrolmentQuestion, EnrolmentQuestion.id == EnrolmentAnswer.question_id)
            .where(EnrolmentQuestion.program_id == program.id)
        )
        if profile_ids is not None:
            if not profile_ids:
                return {}
            query = query.where(EnrolmentAnswer.profile_id.in_(profile_ids))
        found = await self.session.execute(query)
        answers: dict[UUID, Answers] = {}
        for profile_id, question_id, value in found.all():
            answers.setdefault(UUID(str(profile_id)), {})[UUID(str(question_id))] = value
        return answers

    async def answer_page(self, slug: str, user: User, *, joining: bool = False) -> AnswerPage:
        """The program's questions with the person's answers so far."""
        row = await self.row(slug, user)
        profile = await self._profile(user)
        return AnswerPage(
            row.program,
            await self.questions(row.program),
            await self.answers_of(row.program, profile.id),
            joining,
        )

    async def save_answers(
        self, slug: str, user: User, given: Mapping[str, Any], *, join: bool = False
    ) -> Program:
        """Check every answer (required ones included) and save them all, joining first when asked.

        Members (and people joining) answer; ProgramInvalid names each question at fault, nothing saved.
        """
        row = await self.row(slug, user)
        program = row.program
        member = row.mine is not None and row.mine.status is not MembershipStatus.LEFT
        if not member and not join:
            raise ProgramNotFound(slug, detail=_("Join the program to answer its questions."))
        questions = await self.questions(program)
        cleaned, errors = _cleaned(questions, given)
        if errors:
            raise ProgramInvalid(errors)
        profile = await self._profile(user)
        await self._store_answers(questions, profile.id, cleaned)
        record(self.session, "program.answers_saved", "program", program.id, user.id, name=program.name)
        if join and not (row.mine is not None and row.mine.is_member):
            # Joining commits the answers with the place: both, or neither.
            await self.join(slug, user, JoinIn(), answered=True)
        else:
            await self.session.commit()
        await suggestions_stale(self.session, None, programs=[program.id])
        return program

    async def _store_answers(
        self, questions: list[EnrolmentQuestion], profile_id: UUID, cleaned: Answers
    ) -> None:
        existing = await self.session.execute(
            select(EnrolmentAnswer).where(
                EnrolmentAnswer.profile_id == profile_id,
                EnrolmentAnswer.question_id.in_([q.id for q in questions]),
            )
        )
        stored = {a.question_id: a for a in existing.scalars()}
        for question in questions:
            value, answer = cleaned.get(question.id), stored.get(question.id)
            if value is None and answer is not None:
                await self.session.delete(answer)
            elif value is not None and answer is None:
                self.session.add(EnrolmentAnswer(question_id=question.id, profile_id=profile_id, value=value))
            elif answer is not None:
                answer.value = value

    async def _question(self, slug: str, question_id: UUID, by: User) -> tuple[Program, EnrolmentQuestion]:
        program = await self.managed(slug, by)
        question = await self.session.get(EnrolmentQuestion, question_id)
        if question is None or question.program_id != program.id:
            raise ProgramNotFound(question_id)
        return program, question

    async def _done(self, question: EnrolmentQuestion, program: Program, event: str, by: User) -> None:
        await self.session.flush()
        record(self.session, event, "program", program.id, by.id, name=program.name, prompt=question.prompt)
        await self.session.commit()


def _apply(question: EnrolmentQuestion, form: QuestionIn) -> None:
    question.prompt, question.help_text = form.prompt, form.help_text
    question.kind = QuestionKind(form.kind)
    question.choices = list(form.choices)
    question.required = form.required
    question.visibility = QuestionVisibility(form.visibility)
    question.use_in_matching = MatchingUse(form.use_in_matching)
    question.weight = form.weight


def _cleaned(questions: list[EnrolmentQuestion], given: Mapping[str, Any]) -> tuple[Answers, dict[str, str]]:
    """Each answer as stored, and the words for every question at fault (keyed ``q-<id>``)."""
    cleaned: Answers = {}
    errors: dict[str, str] = {}
    for question in questions:
        raw = given.get(str(question.id))
        if question.kind is QuestionKind.SHORT_TEXT and len(str(raw or "")) > TEXT_LIMIT:
            errors[f"q-{question.id}"] = _("Keep the answer under {n} characters.").format(n=TEXT_LIMIT)
            continue
        try:
            value = question.clean(raw)
        except AnswerError as exc:
            errors[f"q-{question.id}"] = answer_message(question, exc)
            continue
        if value is None and question.required:
            errors[f"q-{question.id}"] = _("This question needs an answer.")
        cleaned[question.id] = value
    return cleaned, errors
