"""Pages for a program's enrolment questions: coordinators write and order them, members answer."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import MembershipStatus, User
from mentorship.programs.deps import provide_programs
from mentorship.programs.forms import ProgramInvalid
from mentorship.programs.questions import AnswerPage, QuestionIn, QuestionService, form_answers
from mentorship.programs.views import program_page

Form = dict[str, Any]


def question_values(form: Any) -> Form:
    """What was typed into a question form, to show it again beside its mistakes."""
    return {
        key: str(form.get(key, ""))
        for key in ("prompt", "help_text", "kind", "choices", "visibility", "use_in_matching", "weight")
    } | {"required": form.get("required") == "on"}


def answers_page(page: AnswerPage, errors: Form | None = None, values: Form | None = None) -> Template:
    """The answer form; with each question's mistake and what was chosen when they are given."""
    context = {"page": page, "errors": errors or {}, "values": values}
    return Template("programs/answers.html", context=context, status_code=400 if errors else 200)


def _joined_message(joining: bool, status: MembershipStatus | None) -> str:
    """What saving the answers did: joined, asked to join, or saved them."""
    if joining and status is MembershipStatus.ACTIVE:
        return _("You are in “{name}”.")
    if joining and status is MembershipStatus.PENDING:
        return _("You asked to join “{name}”: a coordinator will answer.")
    return _("Your answers to “{name}” are saved.")


class ProgramQuestionController(Controller):
    """A program's enrolment questions and the answers to them."""

    path = "/programs"
    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"programs": Provide(provide_programs)}

    @post("/{slug:str}/questions", name="programs:questions:add", status_code=303)
    async def add(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Add a question to the program's form."""
        return await self._write(request, slug, programs, me, None)

    @post("/{slug:str}/questions/{question_id:uuid}", name="programs:questions:change", status_code=303)
    async def change(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        question_id: FromPath[UUID],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Change a question."""
        return await self._write(request, slug, programs, me, question_id)

    @post(
        "/{slug:str}/questions/{question_id:uuid}/remove", name="programs:questions:remove", status_code=303
    )
    async def remove(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        question_id: FromPath[UUID],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Remove a question and its answers."""
        removed = await programs.remove_question(slug, question_id, me)
        flash(request, _("The question “{prompt}” is removed.").format(prompt=removed.prompt), "success")
        return Redirect(f"/programs/{slug}#questions", status_code=303)

    @post("/{slug:str}/questions/{question_id:uuid}/move", name="programs:questions:move", status_code=303)
    async def move(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        question_id: FromPath[UUID],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Move a question one place up or down."""
        step = -1 if (await request.form()).get("direction") == "up" else 1
        await programs.move_question(slug, question_id, step, me)
        return Redirect(f"/programs/{slug}#questions", status_code=303)

    @get("/{slug:str}/answers", name="programs:answers")
    async def answers(
        self,
        slug: FromPath[str],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
        join: FromQuery[bool] = False,
    ) -> Template:
        """The program's questions with one's answers so far (before joining, with ``join``)."""
        return answers_page(await programs.answer_page(slug, me, joining=join))

    @post("/{slug:str}/answers", name="programs:answers:save", status_code=303)
    async def save(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[QuestionService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Save one's answers (every required one answered), joining the program when asked to."""
        form = await request.form()
        joining = form.get("join") == "1"
        page = await programs.answer_page(slug, me, joining=joining)
        given = form_answers(page.questions, form, {k: form.getall(k) for k in form})
        try:
            program = await programs.save_answers(slug, me, given, join=joining)
        except ProgramInvalid as exc:
            await programs.session.rollback()
            page = await programs.answer_page(slug, me, joining=joining)
            return answers_page(page, exc.errors, given)
        flash(
            request,
            _joined_message(joining, (await programs.row(slug, me)).status).format(name=program.name),
            "success",
        )
        return Redirect(f"/programs/{slug}", status_code=303)

    async def _write(
        self,
        request: Request[Any, Any, Any],
        slug: str,
        programs: QuestionService,
        me: User,
        question_id: UUID | None,
    ) -> Response[Any]:
        form = await request.form()
        await programs.managed(slug, me)  # only the program's coordinators learn what was wrong with the form
        values = QuestionIn.from_form(form)
        try:
            if question_id is None:
                written = await programs.add_question(slug, values, me)
            else:
                written = await programs.change_question(slug, question_id, values, me)
        except ProgramInvalid as exc:
            await programs.session.rollback()
            which = str(question_id) if question_id else "new"
            errors = {"question": {"form": which, **exc.errors}}
            return program_page(await programs.page(slug, me), errors, {"question": question_values(form)})
        flash(request, _("The question “{prompt}” is saved.").format(prompt=written.prompt), "success")
        return Redirect(f"/programs/{slug}#questions", status_code=303)
