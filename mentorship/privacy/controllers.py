"""My data pages: download it, or delete my account."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.accounts.deps import provide_accounts
from mentorship.accounts.services import AccountService
from mentorship.lib.i18n import _
from mentorship.models import User
from mentorship.privacy.deps import delete_confirmed, provide_account_data
from mentorship.privacy.services import AccountDataService

EXPORT_HEADERS = {"content-disposition": 'attachment; filename="my-mentorship-data.json"'}


class AccountDataController(Controller):
    """Download my data, or delete my account."""

    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"account_data": Provide(provide_account_data), "accounts": Provide(provide_accounts)}

    @get("/account", name="account")
    async def account(self) -> Template:
        """The page with both choices."""
        return Template("accounts/data.html", context={"error": None})

    @get("/account/export", name="account:export")
    async def export(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        account_data: NamedDependency[AccountDataService],
    ) -> Response[Any]:
        """All my data as a JSON file."""
        return Response(content=await account_data.export(me), headers=EXPORT_HEADERS)

    @post("/account/delete", name="account:delete", status_code=303)
    async def delete(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        account_data: NamedDependency[AccountDataService],
        accounts: NamedDependency[AccountService],
    ) -> Response[Any]:
        """Delete my account after confirming the password."""
        form = await request.form()
        if not await accounts.password_matches(me.id, str(form.get("password", ""))):
            return Template(
                "accounts/data.html", context={"error": _("Your password is not correct.")}, status_code=400
            )
        await delete_confirmed(request, account_data)
        return Redirect("/?deleted=1", status_code=303)
