"""Sign-in limits: atomic counters, per account and address, and no lock-out of the owner by strangers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from mentorship import cli
from mentorship.accounts.services import AccountError, AccountService
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import LoginAttempt
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form


async def test_forty_simultaneous_wrong_passwords_check_at_most_five(settings: Settings) -> None:
    await create_user(settings, "target@example.org")
    config = build_sqlalchemy_config(settings)

    async def guess(n: int) -> int:
        async with config.get_session() as session:
            try:
                await AccountService(session, settings).authenticate(
                    "target@example.org", f"guess {n}", "203.0.113.9"
                )
            except AccountError as exc:
                return exc.status_code
            return 200

    answers = await asyncio.gather(*(guess(n) for n in range(40)))
    await config.get_engine().dispose()

    assert answers.count(400) <= 5
    assert answers.count(429) >= 35


async def test_people_behind_one_address_signing_in_at_once_are_not_refused(settings: Settings) -> None:
    await create_user(settings, "pupil@example.org")
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        # Forty classmates behind the school's one address are being checked at this very moment.
        now = datetime.now(UTC)
        for n in range(40):
            session.add(
                LoginAttempt(
                    email=f"mate{n}@example.org", address="192.0.2.1", attempted_at=now, failed=False
                )
            )
        await session.commit()
        user = await AccountService(session, settings).authenticate(
            "pupil@example.org", PASSWORD, "192.0.2.1"
        )
    await config.get_engine().dispose()

    assert user.email == "pupil@example.org"


async def test_thirty_failures_from_one_address_stop_its_next_try(settings: Settings) -> None:
    await create_user(settings, "next@example.org")
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        service = AccountService(session, settings)
        for n in range(30):
            with pytest.raises(AccountError):
                await service.authenticate(f"nobody{n}@example.org", "a guess", "192.0.2.7")
        with pytest.raises(AccountError) as refused:
            await service.authenticate("next@example.org", PASSWORD, "192.0.2.7")
    await config.get_engine().dispose()

    assert refused.value.status_code == 429


async def test_a_rotating_forwarded_for_header_does_not_reset_the_limit(
    client: Client, settings: Settings
) -> None:
    await create_user(settings, "rotate@example.org")
    token = client.cookies.get("csrftoken") or (
        (await client.get("/login")) and client.cookies.get("csrftoken")
    )
    for n in range(6):
        answer = await client.post(
            "/login",
            data={"email": "rotate@example.org", "password": "wrong guess"},
            headers={"x-csrftoken": str(token), "x-forwarded-for": f"198.51.100.{n}", "accept": "text/html"},
        )

    assert answer.status_code == 429


async def test_a_strangers_guesses_do_not_lock_out_the_owners_known_device(
    client: Client, settings: Settings
) -> None:
    from litestar.testing import AsyncTestClient

    from mentorship.app import create_app

    await create_user(settings, "owner@example.org")
    await login(client, "owner@example.org", PASSWORD)  # the owner's browser becomes a known device
    await post_form(client, "/logout", {})
    async with AsyncTestClient(app=create_app(settings), base_url="http://testserver.local") as stranger:
        for _ in range(8):
            await post_form(stranger, "/login", {"email": "owner@example.org", "password": "a guess"})
        refused = await post_form(stranger, "/login", {"email": "owner@example.org", "password": PASSWORD})

    owner = await post_form(client, "/login", {"email": "owner@example.org", "password": PASSWORD})

    assert refused.status_code == 429
    assert owner.status_code == 303


def test_serve_trusts_forwarded_headers_only_from_configured_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    monkeypatch.setenv("MENTORSHIP_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("MENTORSHIP_IN_PROCESS_WORKER", "true")  # no job worker process for a fake server
    monkeypatch.delenv("MENTORSHIP_TRUSTED_PROXIES", raising=False)
    CliRunner().invoke(cli.cli, ["serve"])
    monkeypatch.setenv("MENTORSHIP_TRUSTED_PROXIES", "10.0.0.5, 10.0.0.6")
    CliRunner().invoke(cli.cli, ["serve"])

    assert calls[0]["proxy_headers"] is False
    assert (calls[1]["proxy_headers"], calls[1]["forwarded_allow_ips"]) == (True, "10.0.0.5,10.0.0.6")
