"""Enumerations shared by several tables."""

from enum import StrEnum


class Kind(StrEnum):
    """The three kinds of mentorship a person can choose."""

    TRADITIONAL = "traditional"
    GROUP = "group"
    PEER = "peer"


class TopicDirection(StrEnum):
    """Whether a person offers a topic (can help with it) or seeks it (wants to grow in it)."""

    OFFERS = "offers"
    SEEKS = "seeks"
