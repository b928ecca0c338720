"""Account jobs: emails that must not slow or fail the answer, and the clean-up of expired rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from saq.types import Context
from sqlalchemy import delete, or_

from mentorship.accounts.mail import Mailer
from mentorship.accounts.services import LOGIN_WINDOW, RESET_TOKEN_LIFETIME, AccountService
from mentorship.accounts.signups import SIGNUP_LINK_LIFETIME, SignupService
from mentorship.config import Settings
from mentorship.jobs.tasks import task
from mentorship.lib.db import refresh_statistics
from mentorship.models import LoginAttempt, PasswordResetToken, SignupRequest, StoreItem


@task(timeout=120, retries=5)
async def send_password_reset(ctx: Context, *, email: str) -> None:
    """Email a reset link if the account exists; a mail failure fails the job, which is retried."""
    db_config: Any = ctx.get("db_config")
    settings: Any = ctx.get("settings")
    assert isinstance(db_config, SQLAlchemyAsyncConfig) and isinstance(settings, Settings)
    async with db_config.get_session() as session:
        await AccountService(session, settings).request_reset(email, Mailer(settings, session))


@task(timeout=120, retries=5)
async def send_signup_link(ctx: Context, *, request_id: str) -> None:
    """Email a sign-up's confirmation link, or its owner if the address has an account; retried on failure."""
    db_config: Any = ctx.get("db_config")
    settings: Any = ctx.get("settings")
    assert isinstance(db_config, SQLAlchemyAsyncConfig) and isinstance(settings, Settings)
    async with db_config.get_session() as session:
        await SignupService(session, settings).send_link(UUID(request_id), Mailer(settings, session))


@task(timeout=300, retries=1)
async def purge_expired(ctx: Context) -> dict[str, int]:
    """Delete expired sessions and counters, old failed sign-ins, dead reset tokens and sign-up requests."""
    db_config: Any = ctx.get("db_config")
    assert isinstance(db_config, SQLAlchemyAsyncConfig)
    now = datetime.now(UTC)
    statements = {
        "sessions": delete(StoreItem).where(StoreItem.expires_at < now),
        "login_attempts": delete(LoginAttempt).where(LoginAttempt.attempted_at < now - LOGIN_WINDOW),
        "reset_tokens": delete(PasswordResetToken).where(
            or_(
                PasswordResetToken.expires_at < now - RESET_TOKEN_LIFETIME,
                PasswordResetToken.used_at < now - RESET_TOKEN_LIFETIME,
            )
        ),
        "signup_requests": delete(SignupRequest).where(
            or_(
                SignupRequest.expires_at < now,
                SignupRequest.used_at < now - SIGNUP_LINK_LIFETIME,
            )
        ),
    }
    counts: dict[str, int] = {}
    async with db_config.get_session() as session:
        for name, statement in statements.items():
            result = await session.execute(statement.execution_options(synchronize_session=False))
            counts[name] = int(getattr(result, "rowcount", 0) or 0)
        await session.commit()
        await refresh_statistics(session)  # daily, so SQLite's planner follows the community's growth
    return counts
