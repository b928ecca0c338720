"""Program pages: the list to join from, each program's page, and the administrators' program form."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from mentorship.accounts.auth import COORDINATOR, SIGNED_IN, coordinator, signed_in
from mentorship.lib.confirm import Confirmation, confirmation_page
from mentorship.lib.errors import DomainError
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import Program, User
from mentorship.programs.deps import provide_programs
from mentorship.programs.forms import DATES, KINDS, POLICIES, ProgramIn, ProgramInvalid
from mentorship.programs.members import MembershipService
from mentorship.programs.services import ProgramNameTaken, enrolment_days
from mentorship.programs.views import program_page

Form = dict[str, Any]
FIELDS = ("name", "description", "join_policy", "checkin_cadence_days", "agenda_template_id", *DATES)


def form_values(form: Any) -> Form:
    """What was typed, as the form shows it again."""
    values: Form = {key: str(form.get(key, "")) for key in FIELDS}
    values["kinds"] = [str(kind) for kind in form.getall("kinds", [])]
    return values


def program_values(program: Program | None) -> Form:
    """A program's settings as the form shows them; defaults for a new one."""
    if program is None:
        return {"kinds": list(KINDS), "join_policy": "open", "checkin_cadence_days": "14"}
    opens_on, closes_on = enrolment_days(program)
    days = {
        "opens_on": opens_on,
        "closes_on": closes_on,
        "starts_on": program.starts_on,
        "ends_on": program.ends_on,
    }
    return {
        "name": program.name,
        "description": program.description,
        "kinds": list(program.kinds),
        "join_policy": program.join_policy.value,
        "checkin_cadence_days": str(program.checkin_cadence_days),
        "agenda_template_id": str(program.agenda_template_id or ""),
        **{key: value.isoformat() if value else "" for key, value in days.items()},
    }


class ProgramController(Controller):
    """Programs for participants, their coordinators and administrators."""

    path = "/programs"
    include_in_schema = False
    dependencies = {"programs": Provide(provide_programs)}

    @get("/", name="programs", guards=[signed_in], opt=SIGNED_IN)
    async def index(
        self, programs: NamedDependency[MembershipService], me: NamedDependency[User]
    ) -> Template:
        """The programs one is in, and those one may join."""
        rows = await programs.rows(me, include_archived=True)
        return Template("programs/index.html", context={"rows": rows})

    @get("/new", name="programs:new", guards=[coordinator], opt=COORDINATOR)
    async def new(self, programs: NamedDependency[MembershipService]) -> Template:
        """An empty program form."""
        return await self._form(programs, None, program_values(None), {})

    @post("/", name="programs:create", guards=[coordinator], opt=COORDINATOR, status_code=303)
    async def create(
        self,
        request: Request[Any, Any, Any],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Add a program."""
        values = form_values(await request.form())
        try:
            program = await programs.create(ProgramIn.from_form(values, values["kinds"]).checked(), me)
        except (ProgramInvalid, ProgramNameTaken) as exc:
            return await self._form(programs, None, values, _field_errors(exc), _status(exc))
        flash(request, _("“{name}” is ready for people to join.").format(name=program.name), "success")
        return Redirect(f"/programs/{program.slug}", status_code=303)

    @get("/{slug:str}", name="programs:detail", guards=[signed_in], opt=SIGNED_IN)
    async def detail(
        self,
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
        page: FromQuery[int] = 1,
    ) -> Template:
        """A program: what it offers and its term; its coordinators also see who is in and who waits."""
        return program_page(await programs.page(slug, me, page))

    @get("/{slug:str}/edit", name="programs:edit", guards=[coordinator], opt=COORDINATOR)
    async def edit(self, slug: FromPath[str], programs: NamedDependency[MembershipService]) -> Template:
        """A program's edit form."""
        program = await programs.program(slug)
        return await self._form(programs, program, program_values(program), {})

    @post("/{slug:str}", name="programs:update", guards=[coordinator], opt=COORDINATOR, status_code=303)
    async def update(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Save a program's settings."""
        program = await programs.program(slug)
        values = form_values(await request.form())
        try:
            await programs.update(slug, ProgramIn.from_form(values, values["kinds"]).checked(), me)
        except (ProgramInvalid, ProgramNameTaken) as exc:
            await programs.session.rollback()
            program = await programs.program(slug)
            return await self._form(programs, program, values, _field_errors(exc), _status(exc))
        flash(request, _("Saved “{name}”.").format(name=values["name"].strip()), "success")
        return Redirect(f"/programs/{slug}", status_code=303)

    @get("/{slug:str}/archive", name="programs:archive-confirm", guards=[coordinator], opt=COORDINATOR)
    async def confirm_archive(
        self, slug: FromPath[str], programs: NamedDependency[MembershipService]
    ) -> Template:
        """Say what archiving a program changes, with the form that archives it."""
        program = await programs.program(slug)
        return confirmation_page(
            Confirmation(
                title=_("Archive “{name}”?").format(name=program.name),
                effects=(
                    _("Participants no longer see the program, and nobody can join it."),
                    _("Its members and coordinators are kept."),
                ),
                undo=_("You can bring it back from the programs page."),
                action=f"/programs/{slug}/archive",
                button=_("Archive “{name}”").format(name=program.name),
                cancel=f"/programs/{slug}",
            )
        )

    @post(
        "/{slug:str}/archive", name="programs:archive", guards=[coordinator], opt=COORDINATOR, status_code=303
    )
    async def archive(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Archive a program."""
        program = await programs.set_archived(slug, True, me)
        flash(request, _("“{name}” is archived.").format(name=program.name), "success")
        return Redirect("/programs", status_code=303)

    @post(
        "/{slug:str}/restore", name="programs:restore", guards=[coordinator], opt=COORDINATOR, status_code=303
    )
    async def restore(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Bring an archived program back."""
        program = await programs.set_archived(slug, False, me)
        flash(request, _("“{name}” is back.").format(name=program.name), "success")
        return Redirect(f"/programs/{slug}", status_code=303)

    @staticmethod
    async def _form(
        programs: MembershipService,
        program: Program | None,
        values: Form,
        errors: dict[str, str],
        status_code: int = 200,
    ) -> Template:
        context = {
            "program": program,
            "values": values,
            "errors": errors,
            "kinds": KINDS,
            "policies": POLICIES,
            "templates": await programs.templates(),
        }
        return Template("programs/form.html", status_code=status_code, context=context)


def _field_errors(exc: DomainError) -> dict[str, str]:
    return exc.errors if exc.errors else {"name": exc.detail() or ""}


def _status(exc: DomainError) -> int:
    return 409 if isinstance(exc, ProgramNameTaken) else 400
