"""Program pages: the list to join from, each program's page, and the administrators' program form."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.response import Redirect, Template

from mentorship.accounts.auth import COORDINATOR, SIGNED_IN, coordinator, signed_in
from mentorship.lib.confirm import Confirmation, confirmation_page
from mentorship.lib.errors import DomainError
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import Program, User
from mentorship.programs.deps import provide_programs
from mentorship.programs.forms import DATES, KINDS, POLICIES, JoinIn, PersonIn, ProgramIn, ProgramInvalid
from mentorship.programs.members import MembershipService
from mentorship.programs.services import ProgramNameTaken, ProgramRow, enrolment_days

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
        self, slug: FromPath[str], programs: NamedDependency[MembershipService], me: NamedDependency[User]
    ) -> Template:
        """A program: what it offers and its term; its coordinators also see who is in and who waits."""
        row = await programs.row(slug, me)
        members = await programs.members(slug, me) if row.manages else []
        context = {
            "row": row,
            "members": members,
            "coordinators": await programs.coordinators(row.program),
            "template": await programs.template_title(row.program),
            "errors": {},
            "values": {},
        }
        return Template("programs/detail.html", context=context)

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

    @post("/{slug:str}/join", name="programs:join", guards=[signed_in], opt=SIGNED_IN, status_code=303)
    async def join(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Join a program, or ask to."""
        joined = await _flash_refusal(
            request, programs.join(slug, me, JoinIn.from_form(await request.form()))
        )
        if joined is not None:
            name = joined.program.name
            message = (
                _("You are in “{name}”.")
                if joined.is_member
                else _("You asked to join “{name}”: a coordinator will answer.")
            )
            flash(request, message.format(name=name), "success")
        return Redirect(f"/programs/{slug}", status_code=303)

    @get("/{slug:str}/leave", name="programs:leave-confirm", guards=[signed_in], opt=SIGNED_IN)
    async def confirm_leave(
        self, slug: FromPath[str], programs: NamedDependency[MembershipService], me: NamedDependency[User]
    ) -> Template:
        """Say what leaving changes, with the form that leaves."""
        row = await programs.row(slug, me)
        return confirmation_page(leaving(row))

    @post("/{slug:str}/leave", name="programs:leave", guards=[signed_in], opt=SIGNED_IN, status_code=303)
    async def leave(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Leave a program, or withdraw a request to join."""
        left = await _flash_refusal(request, programs.leave(slug, me))
        if left is not None:
            flash(request, _("You left “{name}”.").format(name=left.program.name), "success")
        return Redirect("/programs", status_code=303)

    @post(
        "/{slug:str}/members/{membership_id:uuid}/approve",
        name="programs:approve",
        guards=[signed_in],
        opt=SIGNED_IN,
        status_code=303,
    )
    async def approve(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        membership_id: FromPath[UUID],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Let a person who asked into the program."""
        decided = await programs.decide(slug, membership_id, True, me)
        flash(request, _("{person} is in the program.").format(person=decided.profile.user.name), "success")
        return Redirect(f"/programs/{slug}", status_code=303)

    @post(
        "/{slug:str}/members/{membership_id:uuid}/decline",
        name="programs:decline",
        guards=[signed_in],
        opt=SIGNED_IN,
        status_code=303,
    )
    async def decline(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        membership_id: FromPath[UUID],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Decline a request to join."""
        decided = await programs.decide(slug, membership_id, False, me)
        name = decided.profile.user.name
        flash(request, _("You declined {person}'s request.").format(person=name), "success")
        return Redirect(f"/programs/{slug}", status_code=303)

    @post(
        "/{slug:str}/invitations", name="programs:invite", guards=[signed_in], opt=SIGNED_IN, status_code=303
    )
    async def invite(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Invite someone by the email of their account."""
        values = {"email": str((await request.form()).get("email", ""))}
        try:
            invited = await programs.invite(slug, PersonIn.from_form(values).checked(), me)
        except ProgramInvalid as exc:
            await programs.session.rollback()
            return await self._detail_with_errors(programs, slug, me, {"invite": values}, exc.errors)
        flash(request, _("{person} is invited.").format(person=invited.profile.user.name), "success")
        return Redirect(f"/programs/{slug}", status_code=303)

    @post(
        "/{slug:str}/coordinators",
        name="programs:coordinators:add",
        guards=[coordinator],
        opt=COORDINATOR,
        status_code=303,
    )
    async def add_coordinator(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Make someone a coordinator of this program."""
        values = {"email": str((await request.form()).get("email", ""))}
        try:
            user = await programs.add_coordinator(slug, PersonIn.from_form(values).checked(), me)
        except ProgramInvalid as exc:
            await programs.session.rollback()
            errors = {"coordinator": exc.errors.get("email", "")}
            return await self._detail_with_errors(programs, slug, me, {"coordinator": values}, errors)
        flash(request, _("{person} now coordinates this program.").format(person=user.name), "success")
        return Redirect(f"/programs/{slug}", status_code=303)

    @post(
        "/{slug:str}/coordinators/{user_id:uuid}/remove",
        name="programs:coordinators:remove",
        guards=[coordinator],
        opt=COORDINATOR,
        status_code=303,
    )
    async def remove_coordinator(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        user_id: FromPath[UUID],
        programs: NamedDependency[MembershipService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Take away someone's coordination of this program."""
        await programs.remove_coordinator(slug, user_id, me)
        flash(request, _("They no longer coordinate this program."), "success")
        return Redirect(f"/programs/{slug}", status_code=303)

    async def _detail_with_errors(
        self, programs: MembershipService, slug: str, me: User, values: Form, errors: dict[str, str]
    ) -> Template:
        row = await programs.row(slug, me)
        context = {
            "row": row,
            "members": await programs.members(slug, me),
            "coordinators": await programs.coordinators(row.program),
            "template": await programs.template_title(row.program),
            "errors": errors,
            "values": values,
        }
        return Template("programs/detail.html", context=context, status_code=400)

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


async def _flash_refusal(request: Request[Any, Any, Any], work: Any) -> Any:
    """Do it, or say on the next page why not (a refusal of one's own action is no error page)."""
    try:
        return await work
    except DomainError as exc:
        message = exc.detail() or next(iter(exc.errors.values()), "")
        flash(request, message, "error")
        return None


def leaving(row: ProgramRow) -> Confirmation:
    """What leaving a program changes."""
    name = row.program.name
    rejoin = {
        "open": _("You can join again at any time while it takes new members."),
        "approval": _("To come back you would ask again, and a coordinator would answer."),
        "invitation": _("To come back you would need a new invitation."),
    }[row.program.join_policy.value]
    return Confirmation(
        title=_("Leave “{name}”?").format(name=name),
        effects=(_("You are no longer a member of “{name}”.").format(name=name),),
        undo=rejoin,
        action=f"/programs/{row.program.slug}/leave",
        button=_("Leave “{name}”").format(name=name),
        cancel=f"/programs/{row.program.slug}",
    )
