"""Choices offered by the profile form: languages, time zones, cadences, self-assessment skills."""

from __future__ import annotations

import zoneinfo
from functools import cache

from babel import Locale

from mentorship.lib.i18n import _

CADENCES = {7: "Every week", 14: "Every two weeks", 21: "Every three weeks", 28: "Every four weeks"}
KIND_LABELS = {
    "traditional": "One-to-one: one mentor, one mentee",
    "group": "Group: one mentor with a small group of mentees",
    "peer": "Peer: two people who each teach the other",
}
SKILLS = {
    "delegation": "Delegating work",
    "giving_feedback": "Giving feedback",
    "managing_stress": "Managing stress",
    "inclusive_facilitation": "Facilitating inclusively",
    "conflict": "Handling conflict",
    "sharing_knowledge": "Sharing knowledge",
}
FAIRNESS_FIELDS = {
    "region": "Region you live in",
    "gender": "Gender",
    "first_language": "First language",
}
MAX_CAPACITY = 10


@cache
def language_names() -> dict[str, str]:
    """ISO 639 codes (two or three letters) to English names."""
    languages = Locale.parse("en").languages
    return {code: str(name) for code, name in languages.items() if code.isalpha() and len(code) in (2, 3)}


@cache
def filter_languages() -> tuple[tuple[str, str], ...]:
    """Two-letter languages by English name, for filters (sorted once, not per page: 600 names)."""
    return tuple(
        sorted(((c, n) for c, n in language_names().items() if len(c) == 2), key=lambda pair: pair[1].lower())
    )


@cache
def _language_lookup() -> dict[str, str]:
    lookup = {name.lower(): code for code, name in language_names().items()}
    lookup.update({code.lower(): code for code in language_names()})
    return lookup


def resolve_language(text: str) -> str | None:
    """A language code from a code or an English name ("es", "Spanish"), or None."""
    return _language_lookup().get(text.strip().lower())


@cache
def timezones() -> list[str]:
    """Every IANA time zone name people live in, sorted."""
    return sorted(
        zone for zone in zoneinfo.available_timezones() if "/" in zone and not zone.startswith("Etc/")
    )


def is_timezone(name: str) -> bool:
    """Whether a name is a known IANA time zone."""
    return name == "UTC" or name in set(timezones())


def cadence_label(days: int) -> str:
    """A cadence in words."""
    return _(CADENCES.get(days, "Every {days} days")).format(days=days)
