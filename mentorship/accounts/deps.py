"""Dependency providers for the accounts feature."""

from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.services import AccountService
from mentorship.accounts.signups import SignupService
from mentorship.config import Settings


async def provide_accounts(
    db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings]
) -> AccountService:
    """The account service on the request's database session."""
    return AccountService(db_session, settings)


async def provide_signups(
    db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings]
) -> SignupService:
    """The sign-up service on the request's database session."""
    return SignupService(db_session, settings)
