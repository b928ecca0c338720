"""Each person chooses which emails they get; in-app notifications always show."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import cast

import anyio.to_thread
from litestar import Litestar
from litestar.testing import AsyncTestClient
from saq.job import Job, Status
from saq.types import Context

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.notifications.delivery import deliver_emails
from mentorship.notifications.services import TYPES
from mentorship.notifications.tasks import queue_emails, send_notification_emails
from tests.accounts.conftest import SmtpServer
from tests.factories import PASSWORD, create_user
from tests.helpers import login, post_form, send_json
from tests.notifications.conftest import add_notifications

Client = AsyncTestClient[Litestar]
ALL_ON = dict.fromkeys(TYPES, True)


async def test_every_email_is_on_by_default(client: Client, settings: Settings) -> None:
    await create_user(settings, "ana@example.org")
    await login(client, "ana@example.org", PASSWORD)

    page = (await client.get("/account/notifications")).text
    api = (await client.get("/api/v1/me/notification-preferences")).json()

    assert page.count("checked") == len(TYPES)
    assert api == {"email": ALL_ON, "types": TYPES}


async def test_unticked_boxes_switch_emails_off(client: Client, settings: Settings) -> None:
    await create_user(settings, "ana@example.org")
    await login(client, "ana@example.org", PASSWORD)

    response = await post_form(client, "/account/notifications", {"email": ["request", "accepted"]})

    assert response.status_code == 303
    api = (await client.get("/api/v1/me/notification-preferences")).json()
    assert api["email"] == {**dict.fromkeys(TYPES, False), "request": True, "accepted": True}
    assert (await client.get("/account/notifications")).text.count("checked") == 2


async def test_api_replaces_choices_and_rejects_unknown_types(client: Client, settings: Settings) -> None:
    await create_user(settings, "ana@example.org")
    await login(client, "ana@example.org", PASSWORD)

    saved = await send_json(
        client, "PUT", "/api/v1/me/notification-preferences", {"email": {"proposal": False}}
    )
    bad = await send_json(client, "PUT", "/api/v1/me/notification-preferences", {"email": {"spam": False}})

    assert saved.status_code == 200
    assert saved.json()["email"] == {**ALL_ON, "proposal": False}
    assert bad.status_code == 400
    assert (await client.get("/api/v1/me/notification-preferences")).json()["email"]["proposal"] is False


async def test_switched_off_type_sends_no_email_but_shows_in_app(
    client: Client, settings: Settings, smtp_server: SmtpServer
) -> None:
    ana = await create_user(settings, "ana@example.org")
    ben = await create_user(settings, "ben@example.org")
    await login(client, "ana@example.org", PASSWORD)
    await send_json(client, "PUT", "/api/v1/me/notification-preferences", {"email": {"proposal": False}})
    ids = await add_notifications(
        settings,
        ana.id,
        [("proposal", "Ana, meet your mentor", "/p/1"), ("request", "Carla asks you", "/r/2")],
    )
    ids += await add_notifications(settings, ben.id, [("proposal", "Ben, meet your mentor", "/p/3")])
    mailing = dataclasses.replace(settings, smtp_url=smtp_server.url)
    config = build_sqlalchemy_config(mailing)

    delivery = await deliver_emails(config.get_session, mailing, ids)
    again = await deliver_emails(config.get_session, mailing, ids)
    await config.get_engine().dispose()

    assert (delivery.sent, delivery.off, delivery.failed) == (2, 1, 0)
    assert again.sent == again.off == 0
    sent = sorted((m["To"], m["Subject"]) for m in smtp_server.inbox.messages)
    assert sent == [
        ("ana@example.org", "Mentorship: Carla asks you"),
        ("ben@example.org", "Mentorship: Ben, meet your mentor"),
    ]
    body = smtp_server.inbox.messages[0].get_payload()
    assert f"{settings.base_url}/account/notifications" in str(body)
    items = (await client.get("/api/v1/notifications")).json()["items"]
    assert {item["text"]: item["emailed_at"] is not None for item in items} == {
        "Carla asks you": True,
        "Ana, meet your mentor": False,
    }


async def test_sweep_without_ids_sends_every_pending_email_once(
    settings: Settings, smtp_server: SmtpServer
) -> None:
    ana = await create_user(settings, "ana@example.org")
    await add_notifications(settings, ana.id, [("round", "Your round finished", "/rounds/1")])
    mailing = dataclasses.replace(settings, smtp_url=smtp_server.url)
    config = build_sqlalchemy_config(mailing)

    first = await deliver_emails(config.get_session, mailing)
    second = await deliver_emails(config.get_session, mailing)
    await config.get_engine().dispose()

    assert (first.sent, second.sent) == (1, 0)
    assert len(smtp_server.inbox.messages) == 1


async def test_unreachable_smtp_fails_the_attempt_and_waits_before_the_next(settings: Settings) -> None:
    ana = await create_user(settings, "ana@example.org")
    ids = await add_notifications(settings, ana.id, [("request", "Carla asks you", "/r/2")])
    mailing = dataclasses.replace(settings, smtp_url="smtp://127.0.0.1:1")
    config = build_sqlalchemy_config(mailing)

    delivery = await deliver_emails(config.get_session, mailing, ids)
    retry = await deliver_emails(config.get_session, mailing, ids)
    await config.get_engine().dispose()

    assert (delivery.sent, delivery.failed, retry.failed) == (0, 1, 0)


async def test_email_job_delivers_through_the_app_worker(settings: Settings, smtp_server: SmtpServer) -> None:
    ana = await create_user(settings, "ana@example.org")
    ids = await add_notifications(settings, ana.id, [("request", "Carla asks you", "/r/2")])
    app = create_app(dataclasses.replace(settings, smtp_url=smtp_server.url, in_process_worker=True))
    async with AsyncTestClient(app=app) as client:
        # The app (and its queue) lives on the client's own event loop: enqueue and poll there.
        portal = client.blocking_portal
        job = await anyio.to_thread.run_sync(portal.call, queue_emails, app, ids)
        assert job is not None
        await anyio.to_thread.run_sync(portal.call, wait_for, job)

    assert job.status == Status.COMPLETE, job.error
    assert job.result == {"sent": 1, "off": 0, "failed": 0}
    assert [m["To"] for m in smtp_server.inbox.messages] == ["ana@example.org"]


async def wait_for(job: Job) -> None:
    """Poll a job until it finishes (the app's in-process worker runs it)."""
    for _ in range(100):
        await job.refresh()
        if job.status in {Status.COMPLETE, Status.FAILED, Status.ABORTED}:
            break
        await asyncio.sleep(0.1)


async def test_email_task_reads_settings_and_database_from_the_job_context(
    settings: Settings, smtp_server: SmtpServer
) -> None:
    ana = await create_user(settings, "ana@example.org")
    ids = await add_notifications(settings, ana.id, [("accepted", "Ben accepted", "/r/1")])
    mailing = dataclasses.replace(settings, smtp_url=smtp_server.url)
    config = build_sqlalchemy_config(mailing)

    ctx = cast(Context, {"settings": mailing, "db_config": config})

    result = await send_notification_emails(ctx, notification_ids=[str(note_id) for note_id in ids])
    await config.get_engine().dispose()

    assert result == {"sent": 1, "off": 0, "failed": 0}
