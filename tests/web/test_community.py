"""The community at a glance counts people correctly and respects away periods."""

from __future__ import annotations

from datetime import date, timedelta

from mentorship.config import Settings
from tests.factories import create_user
from tests.helpers import Client


async def test_summary_counts_roles_capacity_and_away_mentors(client: Client, settings: Settings) -> None:
    today = date.today()
    await create_user(
        settings,
        "a@example.org",
        profile={"is_mentor": True, "capacity": 3, "kinds": ["group"], "timezone": "Europe/Oslo"},
    )
    await create_user(
        settings,
        "b@example.org",
        profile={
            "is_mentor": True,
            "capacity": 5,
            "kinds": ["traditional"],
            "timezone": "Africa/Accra",
            "away_from": today - timedelta(days=1),
            "away_until": today + timedelta(days=7),
        },
    )
    await create_user(
        settings,
        "c@example.org",
        profile={
            "is_mentor": True,
            "is_mentee": True,
            "capacity": 2,
            "kinds": ["peer", "group"],
            "timezone": "Asia/Tokyo",
            "languages": ["ja", "en"],
        },
    )
    await create_user(
        settings,
        "d@example.org",
        profile={"is_mentee": True, "kinds": ["peer"], "timezone": "America/Lima", "languages": ["es"]},
    )
    await create_user(settings, "coord@example.org", coordinator=True)

    summary = (await client.get("/api/v1/community")).json()

    assert (summary["participants"], summary["mentors"], summary["mentees"], summary["both"]) == (4, 2, 1, 1)
    assert summary["coordinators"] == 1
    assert summary["mentor_capacity"] == 5  # 3 + 2: the away mentor's places are not offered
    assert summary["mentors_away"] == 1
    assert {k["key"]: k["count"] for k in summary["kinds"]} == {"traditional": 1, "group": 2, "peer": 2}
    assert {r["key"]: r["count"] for r in summary["regions"]} == {
        "Europe": 1,
        "Africa": 1,
        "Asia": 1,
        "Americas": 1,
    }
    assert {lang["key"]: lang["count"] for lang in summary["languages"]} == {"en": 3, "ja": 1, "es": 1}
