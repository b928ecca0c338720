"""JSON API for my own data: download it all, or delete my account."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import JSONBody

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.accounts.deps import provide_accounts
from mentorship.accounts.services import AccountService
from mentorship.lib.i18n import _
from mentorship.models import User
from mentorship.privacy.deps import delete_confirmed, provide_account_data
from mentorship.privacy.schemas import AccountExport, DeleteIn
from mentorship.privacy.services import AccountDataService


class AccountDataApiController(Controller):
    """My data as JSON, and deleting my account."""

    path = "/api/v1/account"
    tags = ["account"]
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"account_data": Provide(provide_account_data), "accounts": Provide(provide_accounts)}

    @get("/export", name="api:account:export")
    async def export(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        account_data: NamedDependency[AccountDataService],
    ) -> AccountExport:
        """Everything I wrote or that is about me and that I may see (format version 1, see the README)."""
        return await account_data.export(me)

    @post("/delete", name="api:account:delete", status_code=204)
    async def delete(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        data: JSONBody[DeleteIn],
        account_data: NamedDependency[AccountDataService],
        accounts: NamedDependency[AccountService],
    ) -> None:
        """Delete my account (confirm with my password): my relationships end, my requests are withdrawn."""
        if not await accounts.password_matches(me.id, data.password):
            message = _("Your password is not correct.")
            raise ValidationException(message, extra=[{"key": "password", "message": message}])
        await delete_confirmed(request, account_data)
