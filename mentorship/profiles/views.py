"""What each viewer may see of a profile: the owner everything, coordinators all but the private
parts, matched participants only the public part."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

import msgspec

from mentorship.models import Profile, TopicDirection, User


class Audience(StrEnum):
    """Who is looking at a profile."""

    OWNER = "owner"
    COORDINATOR = "coordinator"
    MATCHED = "matched"


class TopicView(msgspec.Struct):
    """A topic as shown on a profile."""

    slug: str
    label: str


class ProfileView(msgspec.Struct, omit_defaults=True):
    """A profile as one audience may see it; private fields are absent, not empty, for others."""

    id: str
    user_id: str
    name: str
    is_mentor: bool
    is_mentee: bool
    kinds: list[str]
    goals: str
    experience: str
    offers: list[TopicView]
    seeks: list[TopicView]
    languages: list[str]
    timezone: str
    audience: str
    email: str | None = None
    capacity: int | None = None
    checkin_cadence_days: int | None = None
    away_from: date | None = None
    away_until: date | None = None
    away_note: str | None = None
    last_active: str | None = None
    self_assessment: dict[str, int] | None = None
    fairness_attributes: dict[str, str] | None = None


def _topics(profile: Profile, direction: TopicDirection) -> list[TopicView]:
    links = sorted(
        (link for link in profile.topics if link.direction is direction), key=lambda link: link.position
    )
    return [TopicView(slug=link.topic.slug, label=link.topic.label) for link in links]


def profile_view(profile: Profile, user: User, audience: Audience) -> ProfileView:
    """Build the view of a profile for one audience."""
    view: dict[str, Any] = {
        "id": str(profile.id),
        "user_id": str(user.id),
        "name": user.name,
        "is_mentor": profile.is_mentor,
        "is_mentee": profile.is_mentee,
        "kinds": list(profile.kinds),
        "goals": profile.goals,
        "experience": profile.experience,
        "offers": _topics(profile, TopicDirection.OFFERS),
        "seeks": _topics(profile, TopicDirection.SEEKS),
        "languages": profile.language_codes,
        "timezone": profile.timezone,
        "audience": audience.value,
    }
    if audience in (Audience.OWNER, Audience.COORDINATOR):
        view.update(
            email=user.email,
            capacity=profile.capacity,
            checkin_cadence_days=profile.checkin_cadence_days,
            away_from=profile.away_from,
            away_until=profile.away_until,
            away_note=profile.away_note,
            last_active=user.last_active_at.isoformat() if user.last_active_at else None,
        )
    if audience is Audience.OWNER:
        view.update(self_assessment=profile.self_assessment, fairness_attributes=profile.fairness_attributes)
    return ProfileView(**view)
