"""Account administration from the command line."""

from __future__ import annotations

from mentorship.accounts.schemas import email_error, normalise_email, password_error
from mentorship.accounts.services import AccountError, AccountService
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import User


async def create_user(settings: Settings, email: str, name: str, password: str, *, coordinator: bool) -> User:
    """Create an account (or promote an existing one when asked to make a coordinator)."""
    email = normalise_email(email)
    if error := email_error(email) or password_error(password):
        raise ValueError(error)
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            accounts = AccountService(session, settings)
            existing = await accounts.by_email(email)
            if existing is not None and coordinator:
                return await accounts.promote(existing.id)
            try:
                user = await accounts.create_account(name or email.split("@")[0].title(), email, password)
            except AccountError as exc:
                raise ValueError(exc.message) from exc
            if coordinator:
                user = await accounts.promote(user.id)
            return user
    finally:
        await config.get_engine().dispose()
