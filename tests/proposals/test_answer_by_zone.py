"""The answer-by time of a proposal or request reads on the viewer's own clock, not in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import update
from sqlalchemy.ext.asyncio import create_async_engine

from mentorship.config import Settings
from mentorship.models import Proposal
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import Client, login, send_json


async def test_the_answer_by_time_reads_on_each_persons_clock(settings: Settings, client: Client) -> None:
    mia = await create_user(
        settings,
        "mia@example.org",
        name="Mia",
        profile=mentor(1, ["editathons"], ["es"], tz="Pacific/Auckland"),
    )
    await create_user(
        settings, "ana@example.org", name="Ana", profile=mentee(["editathons"], ["es"], tz="America/Lima")
    )
    await login(client, "ana@example.org", PASSWORD)
    assert mia.profile is not None
    sent = await send_json(client, "POST", "/api/v1/requests", {"mentor_profile_id": str(mia.profile.id)})
    assert sent.status_code == 201, sent.text
    request_id = sent.json()["id"]
    engine = create_async_engine(settings.database_url)
    async with engine.begin() as connection:
        await connection.execute(
            update(Proposal)
            .where(Proposal.id == UUID(request_id))
            .values(expires_at=datetime(2030, 3, 5, 20, 0, tzinfo=UTC))
        )
    await engine.dispose()
    await login(client, "mia@example.org", PASSWORD)

    detail = await client.get(f"/proposals/{request_id}")
    listing = await client.get("/proposals")

    # 20:00 UTC on 5 March is 09:00 the next morning in Auckland (UTC+13 in March).
    assert "Please answer by Wed 6 Mar 2030, 09:00." in detail.text
    assert "until Wed 6 Mar 2030, 09:00" in listing.text
    assert "2030-03-05" not in detail.text + listing.text
