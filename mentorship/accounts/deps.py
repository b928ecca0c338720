"""Dependency providers and request helpers the accounts pages and API share."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import SESSION_GENERATION_KEY, SESSION_USER_KEY
from mentorship.accounts.devices import device_cookie
from mentorship.accounts.services import AccountService
from mentorship.accounts.sessions import rotate_session
from mentorship.accounts.signups import SignupService
from mentorship.config import Settings
from mentorship.models import User


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


def client_address(request: Request[Any, Any, Any]) -> str:
    """The caller's address (uvicorn applies X-Forwarded-For from MENTORSHIP_TRUSTED_PROXIES only)."""
    return request.client.host if request.client else "unknown"


def device_cookies(settings: Settings, user: User, device: str | None) -> list[Cookie]:
    """A device cookie for a browser that signed in to this account for the first time."""
    return [] if device is not None else [device_cookie(settings, user.email)]


def sign_in(request: Request[Any, Any, Any], user: User, generation: int | None = None) -> None:
    """Start a signed-in session with a fresh id, valid until the user's next password change."""
    generation = user.session_generation if generation is None else generation
    request.session.clear()
    request.set_session({SESSION_USER_KEY: str(user.id), SESSION_GENERATION_KEY: generation})
    rotate_session(request)
