"""Round times on the viewer's clock: the coordinator's pages name their zone, proposal notes are local."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Proposal, ProposalStatus
from tests.factories import PASSWORD
from tests.helpers import login, post_form
from tests.rounds.test_confirmations import Client, coordinator, ready_round

__all__ = ["coordinator"]  # the fixture, shared with the confirmation tests


async def test_round_pages_name_the_zone_and_the_proposal_note_reads_on_the_mentees_clock(
    quiet: Settings, coordinator: Client
) -> None:
    path = await ready_round(coordinator, quiet)
    await post_form(coordinator, f"{path}/publish", {})
    page = await coordinator.get(path)
    listing = await coordinator.get("/rounds/")
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        expires = await session.scalar(
            select(Proposal.expires_at).where(Proposal.status == ProposalStatus.OPEN).limit(1)
        )
    await config.get_engine().dispose()
    assert expires is not None
    await login(coordinator, "ana@example.org", PASSWORD)
    notes = await coordinator.get("/notifications")

    # The coordinator has no profile: times are UTC, and the page says so.
    now = datetime.now(UTC)
    assert re.search(r"Started \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)", page.text)
    assert f"{now:%Y-%m-%d}" in listing.text or f"{now - timedelta(minutes=1):%Y-%m-%d}" in listing.text
    # Ana lives in Madrid: the answer-by time is hers, with no UTC day in the text.
    there = expires.replace(tzinfo=expires.tzinfo or UTC).astimezone(ZoneInfo("Europe/Madrid"))
    assert f"Please answer by {there:%a} {there.day} {there:%b %Y, %H:%M}." in notes.text
    assert "Please answer by 20" not in notes.text
