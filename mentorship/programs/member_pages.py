"""Places in programs: joining and leaving, answering requests, invitations and program coordinators."""

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
from mentorship.models import User
from mentorship.programs.deps import provide_programs
from mentorship.programs.forms import JoinIn, PersonIn, ProgramInvalid
from mentorship.programs.members import MembershipService
from mentorship.programs.services import ProgramRow
from mentorship.programs.views import program_page


class ProgramMemberController(Controller):
    """What participants do for their own place, and what a program's coordinators decide."""

    path = "/programs"
    include_in_schema = False
    dependencies = {"programs": Provide(provide_programs)}

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
        await programs.managed(slug, me)  # only the program's coordinators learn what was wrong with the form
        values = {"email": str((await request.form()).get("email", ""))}
        try:
            invited = await programs.invite(slug, PersonIn.from_form(values).checked(), me)
        except ProgramInvalid as exc:
            await programs.session.rollback()
            return program_page(await programs.page(slug, me), exc.errors, {"invite": values})
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
            return program_page(await programs.page(slug, me), errors, {"coordinator": values})
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
