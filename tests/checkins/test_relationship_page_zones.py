"""The relationship page names the next check-in on the reader's clock and on each other member's."""

from __future__ import annotations

from datetime import UTC, datetime

from mentorship.config import Settings
from tests.checkins.conftest import Pair
from tests.checkins.test_planning_zones import BERLIN, TOKYO, add_checkin, full, long, page_text, set_zones


async def test_relationship_page_shows_the_next_checkin_on_my_clock_and_the_others(
    pair: Pair, settings: Settings
) -> None:
    await set_zones(settings, pair, mentor="Europe/Berlin", mentee="Asia/Tokyo")
    at = datetime(2030, 3, 5, 8, 0, tzinfo=UTC)
    await add_checkin(settings, pair, at)

    mentor = page_text((await pair.clients["mentor"].get(f"/relationships/{pair.relationship_id}")).text)
    coordinator = page_text(
        (await pair.clients["coordinator"].get(f"/relationships/{pair.relationship_id}")).text
    )

    assert f"Next check-in: {long(at, BERLIN)} (Europe/Berlin)" in mentor
    assert f"{full(at, TOKYO)} for Mentee (Asia/Tokyo)" in mentor
    assert "08:00 UTC" not in mentor
    assert f"Next check-in: {long(at, UTC)} (UTC)" in coordinator
    assert "for Mentor (Europe/Berlin)" in coordinator and "for Mentee (Asia/Tokyo)" in coordinator
