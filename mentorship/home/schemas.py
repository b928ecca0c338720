"""View models for the landing pages (the community, a personal home) and the JSON summary."""

from __future__ import annotations

from datetime import datetime

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


class Todo(msgspec.Struct, frozen=True):
    """One thing that needs me now; the page words it by ``kind`` and links to where it is done."""

    kind: str  # proposal, request, my-request, record, plan, action, pulse, profile
    href: str
    names: list[str] = []
    when: datetime | None = None
    overdue: bool = False
    text: str = ""  # an action item's own words


class Glance(msgspec.Struct, frozen=True):
    """One of my relationships at a glance."""

    href: str
    kind: str
    status: str
    role: str
    names: list[str]
    next_checkin: datetime | None = None
    program: str = ""  # the program's name; empty outside programs


class RoundLine(msgspec.Struct, frozen=True):
    """A matching round that is not published or discarded yet."""

    href: str
    kind: str
    status: str
    created_at: datetime


class ProgramFigures(msgspec.Struct, frozen=True):
    """What a coordinator looks at first."""

    rounds: list[RoundLine]
    waiting: int
    at_risk: int
    overloaded: int


class PersonalHome(msgspec.Struct, frozen=True):
    """A signed-in person's home: what needs them, their relationships, and the program for coordinators."""

    todos: list[Todo]
    action_count: int
    relationships: list[Glance]
    profile_step: Todo | None = None
    program: ProgramFigures | None = None
    takes_part: bool = False  # mentor or mentee, not only a coordinator
