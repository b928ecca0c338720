"""A password change or reset ends the other sessions; a reset link works once, even when raced."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from uuid import UUID

from litestar.testing import AsyncTestClient

from mentorship.accounts.services import AccountError, AccountService
from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import PasswordResetToken
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form

NEW_PASSWORD = "a brand new password"


@asynccontextmanager
async def other_device(settings: Settings) -> AsyncIterator[Client]:
    """A second browser on a second worker (one app per client: asyncpg engines stay on one loop)."""
    async with AsyncTestClient(app=create_app(settings), base_url="http://testserver.local") as other:
        yield other


async def reset_token(settings: Settings, user_id: UUID) -> str:
    """A valid reset token for the user, as the emailed link carries it."""
    token = secrets.token_urlsafe(32)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        session.add(
            PasswordResetToken(
                user_id=user_id,
                token_hash=hashlib.sha256(token.encode()).hexdigest(),
                expires_at=datetime.now(UTC) + timedelta(hours=1),
            )
        )
        await session.commit()
    await config.get_engine().dispose()
    return token


async def test_changing_the_password_signs_out_every_other_session(
    client: Client, settings: Settings
) -> None:
    await create_user(settings, "careful@example.org")
    await login(client, "careful@example.org", PASSWORD)
    async with other_device(settings) as laptop:
        await login(laptop, "careful@example.org", PASSWORD)

        changed = await post_form(
            client,
            "/account/password",
            {"current_password": PASSWORD, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
        )

        assert changed.status_code == 303
        assert (await client.get("/api/v1/me")).status_code == 200
        assert (await laptop.get("/api/v1/me")).status_code == 401


async def test_a_password_reset_signs_in_only_the_new_session(client: Client, settings: Settings) -> None:
    user = await create_user(settings, "stolen@example.org")
    token = await reset_token(settings, user.id)
    await login(client, "stolen@example.org", PASSWORD)
    async with other_device(settings) as thief, other_device(settings) as owner:
        await login(thief, "stolen@example.org", PASSWORD)

        reset = await post_form(
            owner, f"/password-reset/{token}", {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
        )

        assert reset.status_code == 303
        assert (await owner.get("/api/v1/me")).status_code == 200
        assert (await thief.get("/api/v1/me")).status_code == 401
        assert (await client.get("/api/v1/me")).status_code == 401


async def test_a_reset_token_works_once_under_ten_simultaneous_uses(settings: Settings) -> None:
    user = await create_user(settings, "raced@example.org")
    token = await reset_token(settings, user.id)
    config = build_sqlalchemy_config(settings)

    async def use(n: int) -> bool:
        async with config.get_session() as session:
            try:
                await AccountService(session, settings).reset_password(token, f"{NEW_PASSWORD} {n}")
            except AccountError:
                return False
            return True

    outcomes = await asyncio.gather(*(use(n) for n in range(10)))
    await config.get_engine().dispose()

    assert outcomes.count(True) == 1
