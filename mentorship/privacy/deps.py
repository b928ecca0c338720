"""Dependency providers and request helpers for the privacy feature."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency
from litestar.exceptions import ClientException
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import provide_me
from mentorship.privacy.services import AccountDataService


class Conflict(ClientException):
    """409: something changed while the account was being deleted; nothing was deleted."""

    status_code = 409


async def provide_account_data(db_session: NamedDependency[AsyncSession]) -> AccountDataService:
    """The account data service on the request's database session."""
    return AccountDataService(db_session)


async def delete_confirmed(request: Request[Any, Any, Any], account_data: AccountDataService) -> None:
    """Delete the signed-in account and sign this client out; a race is a 409 with nothing changed."""
    await account_data.delete(provide_me(request).id)
    request.clear_session()
