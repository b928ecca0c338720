"""Notifications read on the reader's clock: the list, the times inside their texts, and their emails."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Checkin
from mentorship.notifications.delivery import deliver_emails
from mentorship.relationships.reminders import nudge_overdue
from tests.accounts.conftest import SmtpServer
from tests.checkins.conftest import add_relationship
from tests.factories import PASSWORD, create_user
from tests.helpers import login
from tests.notifications.conftest import add_notifications

Client = AsyncTestClient[Litestar]
TOKYO, KOLKATA = ZoneInfo("Asia/Tokyo"), ZoneInfo("Asia/Kolkata")


def words(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def long(moment: datetime, zone: ZoneInfo) -> str:
    there = moment.astimezone(zone)
    return f"{there:%a} {there.day} {there:%b %Y, %H:%M}"


async def test_the_list_shows_when_each_note_came_on_my_clock(client: Client, settings: Settings) -> None:
    priya = await create_user(settings, "priya@example.org", profile={"timezone": "Asia/Kolkata"})
    await add_notifications(settings, priya.id, [("accepted", "Ben accepted your request", "/r/1")])
    await login(client, "priya@example.org", PASSWORD)

    page = (await client.get("/notifications")).text

    came = datetime.fromisoformat(re.search(r'<time datetime="([^"]+)"', page).group(1))  # type: ignore[union-attr]
    assert f"{came.astimezone(KOLKATA):%Y-%m-%d %H:%M}" in words(page)
    assert "UTC" not in words(page)
    assert "Times are in Asia/Kolkata" in words(page)


async def test_a_reader_without_a_zone_reads_utc_and_is_told_so(client: Client, settings: Settings) -> None:
    cora = await create_user(settings, "cora@example.org", coordinator=True)
    at = datetime(2030, 3, 5, 23, 30, tzinfo=UTC)
    text = f"The check-in of Ana and Mia on {at:%Y-%m-%d %H:%M} UTC was missed or not recorded."
    await add_notifications(settings, cora.id, [("checkin", text, "/checkins/1")])
    await login(client, "cora@example.org", PASSWORD)

    page = words((await client.get("/notifications")).text)

    assert f"on {long(at, ZoneInfo('UTC'))} was missed" in page
    assert "Times are in UTC" in page


async def test_a_missed_checkin_reminder_names_the_time_on_each_members_clock(
    client: Client, settings: Settings
) -> None:
    mia = await create_user(
        settings, "mia@example.org", name="Mia", profile={"is_mentor": True, "timezone": "Europe/Berlin"}
    )
    ana = await create_user(
        settings, "ana@example.org", name="Ana", profile={"is_mentee": True, "timezone": "Asia/Tokyo"}
    )
    assert mia.profile is not None and ana.profile is not None
    relationship_id = await add_relationship(settings, mia.profile.id, ana.profile.id)
    now = datetime.now(UTC)
    at = (now - timedelta(days=3)).replace(hour=20, minute=0, second=0, microsecond=0)
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        session.add(Checkin(relationship_id=relationship_id, scheduled_at=at))
        await session.commit()
        await nudge_overdue(session, now)
    await config.get_engine().dispose()
    await login(client, "ana@example.org", PASSWORD)

    page = words((await client.get("/notifications")).text)

    # 20:00 in UTC is five in the morning of the next day in Tokyo.
    assert f"Your check-in with Mia on {long(at, TOKYO)} is not recorded yet." in page


async def test_a_notification_email_reads_on_the_recipients_clock(
    settings: Settings, smtp_server: SmtpServer
) -> None:
    ana = await create_user(settings, "ana@example.org", profile={"timezone": "Asia/Tokyo"})
    at = datetime(2030, 3, 5, 8, 0, tzinfo=UTC)
    ids = await add_notifications(
        settings, ana.id, [("checkin", f"Mia planned a check-in for {at:%Y-%m-%d %H:%M} UTC.", "/c/1")]
    )
    mailing = dataclasses.replace(settings, smtp_url=smtp_server.url)
    config = build_sqlalchemy_config(mailing)

    await deliver_emails(config.get_session, mailing, ids)
    await config.get_engine().dispose()

    (message,) = smtp_server.inbox.messages
    expected = f"Mia planned a check-in for {long(at, TOKYO)} (Asia/Tokyo)."
    assert " ".join(message["Subject"].split()) == f"Mentorship: {expected}"  # long subjects are folded
    assert expected in str(message.get_payload())
