"""Rows for tests: users and profiles with sensible defaults."""

from __future__ import annotations

from typing import Any

from mentorship.accounts.passwords import hash_password
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import Profile, ProfileLanguage, ProfileTopic, Topic, TopicDirection, User
from mentorship.topics.catalog import normalise_tag
from mentorship.topics.services import topics_for

PASSWORD = "correct horse battery"


async def create_user(
    settings: Settings,
    email: str,
    *,
    name: str = "",
    coordinator: bool = False,
    profile: dict[str, Any] | None = None,
    password: str = PASSWORD,
) -> User:
    """Insert a user (and optionally a profile) and return it detached."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        user = User(
            email=email,
            name=name or email.split("@")[0].title(),
            password_hash=hash_password(password, "fast"),
            is_coordinator=coordinator,
        )
        if profile is not None:
            profile = dict(profile)
            languages = profile.pop("languages", ["en"])
            tags = {direction: profile.pop(direction.value, []) for direction in TopicDirection}
            user.profile = Profile(**profile)
            user.profile.languages = [
                ProfileLanguage(code=code, position=i) for i, code in enumerate(languages)
            ]
            links = []
            for direction, labels in tags.items():
                for i, topic in enumerate(await topics_for(session, labels)):
                    links.append(ProfileTopic(topic=topic, direction=direction, position=i))
            user.profile.topics = links
        session.add(user)
        await session.commit()
        await session.refresh(user)
        session.expunge_all()
    await config.get_engine().dispose()
    return user


async def create_topic(settings: Settings, label: str, *, curated: bool = True) -> Topic:
    """Insert a topic and return it detached."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        topic = Topic(slug=normalise_tag(label), label=label, category="", curated=curated)
        session.add(topic)
        await session.commit()
        await session.refresh(topic)
        session.expunge_all()
    await config.get_engine().dispose()
    return topic


# Profile payloads for create_user(profile=...): a traditional mentor or mentee with topics and languages.
def mentor(
    capacity: int, offers: list[str], languages: list[str], tz: str = "Europe/Berlin"
) -> dict[str, Any]:
    return {
        "is_mentor": True,
        "capacity": capacity,
        "kinds": ["traditional"],
        "experience": "I organise " + " and ".join(offers),
        "languages": languages,
        "timezone": tz,
        "offers": offers,
    }


def mentee(seeks: list[str], languages: list[str], tz: str = "Europe/Madrid", **extra: Any) -> dict[str, Any]:
    return {
        "is_mentee": True,
        "kinds": ["traditional"],
        "goals": "I want to learn " + " and ".join(seeks),
        "languages": languages,
        "timezone": tz,
        "seeks": seeks,
        **extra,
    }
