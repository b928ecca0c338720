"""Action item pages: tick off, edit and delete one from wherever it is shown, then go back there."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import PermissionDeniedException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.checkins.deps import form_of, provide_checkins
from mentorship.checkins.schemas import parse_day
from mentorship.checkins.services import CheckinInvalid, CheckinService
from mentorship.lib.confirm import Confirmation, confirmation_page
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import ActionItem, User

# Only our own pages that show action items: never an outside address (no open redirect).
BACK = re.compile(r"^/(checkins|relationships)/[0-9a-f-]{36}(/checkins)?$")


def back_to(value: str | None, item: ActionItem) -> str:
    """Where to return after a change: the page the person came from, else where the item was made."""
    back = (value or "").split("?")[0].split("#")[0]
    if BACK.match(back):
        return back
    if item.checkin_id:
        return f"/checkins/{item.checkin_id}"
    return f"/relationships/{item.relationship_id}/checkins"


def _owner(value: str) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError as exc:
        raise CheckinInvalid({"owner_id": _("Choose who will do it.")}) from exc


class ActionItemController(Controller):
    """Tick off, edit and delete action items (members only)."""

    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"checkins": Provide(provide_checkins)}

    @post("/action-items/{action_item_id:uuid}/done", name="action-items:done", status_code=303)
    async def done(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        action_item_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Tick an action item off, or open it again, and go back to the page it was shown on."""
        values = await form_of(request)
        done = values.get("done", "1") != "0"
        item = await checkins.set_action_done(me, action_item_id, done)
        flash(request, _("Marked done.") if done else _("Open again."), "success")
        return Redirect(back_to(values.get("back"), item), status_code=303)

    @get("/action-items/{action_item_id:uuid}/done", name="action-items:form-addresses")
    async def form_address(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        action_item_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Redirect:
        """A form's address opened or reloaded: to the action item's page (never a 405)."""
        item, _access = await checkins.action_item(me, action_item_id)
        return Redirect(back_to(None, item), status_code=303)

    @get("/action-items/{action_item_id:uuid}/edit", name="action-items:edit-form")
    async def edit_form(
        self,
        me: NamedDependency[User],
        action_item_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
        back: FromQuery[str] = "",
    ) -> Template:
        """The form to change an action item's text, owner or due date, or to delete it."""
        return await self._page(me, checkins, action_item_id, {"back": back}, {})

    async def _page(
        self,
        me: User,
        checkins: CheckinService,
        action_item_id: UUID,
        values: dict[str, str],
        errors: dict[str, str],
    ) -> Template:
        item, access = await checkins.action_item(me, action_item_id, write=True)
        context = {
            "item": item,
            "access": access,
            "back": back_to(values.get("back"), item),
            "values": values,
            "errors": errors,
            "may_delete": await checkins.may_delete_action(me, item, access),
        }
        return Template("checkins/action_item.html", context=context, status_code=400 if errors else 200)

    @post("/action-items/{action_item_id:uuid}/edit", name="action-items:edit", status_code=303)
    async def edit(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        action_item_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Save the changed action item and go back to the page it was shown on."""
        values = await form_of(request)
        try:
            owner, due = _owner(values.get("owner_id", "")), parse_day(values.get("due_on", ""))
            item = await checkins.edit_action_item(me, action_item_id, values.get("text", ""), owner, due)
        except CheckinInvalid as exc:
            await checkins.session.rollback()
            return await self._page(me, checkins, action_item_id, values, exc.errors)
        flash(request, _("The action item is saved."), "success")
        return Redirect(back_to(values.get("back"), item), status_code=303)

    @get("/action-items/{action_item_id:uuid}/delete", name="action-items:delete-confirm")
    async def confirm_delete(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        action_item_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
        back: FromQuery[str] = "",
    ) -> Template:
        """Say that deleting cannot be undone, with the form that deletes (for who may delete only)."""
        item, access = await checkins.action_item(me, action_item_id, write=True)
        if not await checkins.may_delete_action(me, item, access):
            raise PermissionDeniedException(
                _("Only whoever added an action item, or owns it, can delete it.")
            )
        return confirmation_page(deletion(item, back_to(back, item)))

    @post("/action-items/{action_item_id:uuid}/delete", name="action-items:delete", status_code=303)
    async def delete(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        action_item_id: FromPath[UUID],
        checkins: NamedDependency[CheckinService],
    ) -> Response[Any]:
        """Delete an action item I added or own, and go back to the page it was shown on."""
        values = await form_of(request)
        item, _access = await checkins.action_item(me, action_item_id, write=True)
        back = back_to(values.get("back"), item)
        await checkins.delete_action_item(me, action_item_id)
        flash(request, _("The action item is deleted."), "success")
        return Redirect(back, status_code=303)


def deletion(item: ActionItem, back: str) -> Confirmation:
    """What deleting an action item does."""
    text = item.text if len(item.text) <= 80 else item.text[:79] + "…"
    return Confirmation(
        title=_("Delete the action item “{text}”?").format(text=text),
        effects=(
            _("It disappears from the relationship and from every check-in agenda."),
            _("The history keeps a line saying that it was deleted."),
        ),
        action=f"/action-items/{item.id}/delete",
        button=_("Delete the action item"),
        cancel=back,
        danger=True,
        fields={"back": back},
    )
