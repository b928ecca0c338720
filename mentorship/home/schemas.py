"""View models for the landing page and its JSON twin."""

from __future__ import annotations

import msgspec


class Count(msgspec.Struct, frozen=True):
    """A labelled count (a topic, a language, a time-zone region)."""

    key: str
    label: str
    count: int


class TopicDemand(msgspec.Struct, frozen=True):
    """How many people offer and seek a topic."""

    slug: str
    label: str
    category: str
    offered_by: int
    sought_by: int


class CommunitySummary(msgspec.Struct, frozen=True):
    """The community at a glance: people by role, topics, languages and time zones."""

    participants: int
    mentors: int
    mentees: int
    both: int
    coordinators: int
    mentor_capacity: int
    mentors_away: int
    kinds: list[Count]
    topics: list[TopicDemand]
    languages: list[Count]
    regions: list[Count]
