"""Notification pages: my list, opening one, marking all read, and which emails I get."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.lib.flash import flash
from mentorship.lib.htmx import is_fragment_request, page_or_fragment
from mentorship.lib.i18n import _
from mentorship.lib.keyset import decode
from mentorship.models import User
from mentorship.notifications.deps import provide_notifications
from mentorship.notifications.services import TYPES, NotificationService


def safe_link(link: str) -> str:
    """Only same-site paths are followed when a notification is opened."""
    return link if link.startswith("/") and not link.startswith("//") else "/notifications"


class NotificationController(Controller):
    """A person's own notifications; nobody sees anyone else's."""

    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"notifications": Provide(provide_notifications)}

    @get("/notifications", name="notifications")
    async def index(
        self,
        me: NamedDependency[User],
        request: HTMXRequest,
        notifications: NamedDependency[NotificationService],
        before: Annotated[str, QueryParameter(max_length=200)] = "",
        after: Annotated[str, QueryParameter(max_length=200)] = "",
    ) -> Template:
        """My notifications, newest first, a page at a time, or the list alone when htmx pages through it."""
        result = await notifications.page(me.id, decode(before, "before"), decode(after, "after"))
        return page_or_fragment(
            request, "notifications/index.html", "notifications/_list.html", result=result, types=TYPES
        )

    @get("/notifications/{notification_id:uuid}", name="notifications:open")
    async def open(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        notification_id: FromPath[UUID],
        notifications: NamedDependency[NotificationService],
    ) -> Redirect:
        """Mark a notification read and go to its object."""
        note = await notifications.open(me.id, notification_id)
        return Redirect(safe_link(note.link))

    @post("/notifications/read", name="notifications:read-all", status_code=303)
    async def read_all(
        self,
        me: NamedDependency[User],
        request: HTMXRequest,
        notifications: NamedDependency[NotificationService],
    ) -> Response[Any]:
        """Mark all my notifications read."""
        await notifications.mark_read(me.id)
        if is_fragment_request(request):
            result = await notifications.page(me.id)
            return Template("notifications/_list.html", context={"result": result, "oob_badge": True})
        flash(request, _("All notifications are marked read."), "success")
        return Redirect("/notifications", status_code=303)

    @get("/account/notifications", name="notifications:preferences")
    async def preferences(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        notifications: NamedDependency[NotificationService],
    ) -> Template:
        """Which emails I get, one checkbox per kind of notification."""
        choices = await notifications.email_choices(me.id)
        return Template("notifications/preferences.html", context={"choices": choices, "types": TYPES})

    @post("/account/notifications", name="notifications:preferences:save", status_code=303)
    async def save_preferences(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        notifications: NamedDependency[NotificationService],
    ) -> Redirect:
        """Save the checkboxes: a box left unticked switches that email off."""
        form = await request.form()
        chosen = set(form.getall("email")) if "email" in form else set()
        await notifications.set_email_choices(me.id, {t: t in chosen for t in TYPES})
        flash(request, _("Your email choices are saved."), "success")
        return Redirect("/account/notifications", status_code=303)
