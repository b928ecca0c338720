"""A seeded, deterministic community of mentors and mentees to show the product and to test it."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mentorship.demo.places import LOCALES, Locale
from mentorship.demo.text import WRITTEN_LANGUAGES, Composer, Writer
from mentorship.topics.catalog import CATEGORIES, SEED_TOPICS, normalise_tag

COORDINATOR_EMAIL = "coordinator@example.org"
COORDINATOR_NAME = "Amara Okoye"
REFERENCE_DATE = date(2026, 6, 1)

KINDS = ("traditional", "group", "peer")
SKILLS = (
    "delegation",
    "giving_feedback",
    "managing_stress",
    "inclusive_facilitation",
    "conflict",
    "sharing_knowledge",
)
CADENCES = (7, 14, 28)

# Growing a small wiki, or translating the interface, only makes sense for some first languages.
_SMALL_LANGUAGES = frozenset(
    [
        "af",
        "am",
        "ay",
        "bm",
        "cy",
        "ee",
        "eu",
        "ga",
        "gl",
        "ha",
        "ig",
        "jv",
        "ku",
        "lg",
        "mi",
        "or",
        "qu",
        "rw",
        "si",
        "st",
        "su",
        "sw",
        "ts",
        "tw",
        "wo",
        "xh",
        "yo",
        "zu",
    ]
)
_WELL_LOCALISED = frozenset(["de", "en", "es", "fr", "it", "ja", "nl", "pl", "pt", "ru", "sv", "zh"])
_SKILL_TOPICS = {
    "delegation": {"delegation", "handover"},
    "giving_feedback": {"giving-feedback"},
    "managing_stress": {"burnout-wellbeing", "time-management"},
    "inclusive_facilitation": {"facilitation", "diversity-equity-inclusion"},
    "conflict": {"conflict-resolution", "consensus-building"},
    "sharing_knowledge": {"mentoring", "workshops", "technical-documentation"},
}
_AWAY_NOTES = (
    "Resting after a busy campaign season.",
    "Travelling for work; replies will be slow.",
    "University exams this month.",
    "Family commitments, back soon.",
    "Parental leave.",
    "Taking some time away from screens.",
)
_EMAIL_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "'": ""})
# Share of people who could write in Spanish, French, German or Portuguese and do so despite speaking English.
_NATIVE_SHARE = 0.3


@dataclass(frozen=True)
class DemoPerson:
    """One demo participant, as they would fill in the registration form."""

    name: str
    email: str
    is_mentor: bool
    is_mentee: bool
    kinds: tuple[str, ...]
    goals: str
    experience: str
    offers: tuple[str, ...]
    seeks: tuple[str, ...]
    languages: tuple[str, ...]
    timezone: str
    capacity: int
    checkin_cadence_days: int
    away_from: date | None
    away_until: date | None
    away_note: str
    region: str | None
    gender: str | None
    first_language: str | None
    self_assessment: dict[str, int] | None
    city: str
    text_language: str


def _quota(rng: random.Random, weights: Sequence[float], size: int) -> list[int]:
    """Indices in proportion to the weights (largest remainder), shuffled."""
    total = sum(weights)
    exact = [w * size / total for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: size - sum(counts)]:
        counts[i] += 1
    picks = [i for i, count in enumerate(counts) for _ in range(count)]
    rng.shuffle(picks)
    return picks


def _sample(rng: random.Random, weights: dict[str, float], k: int) -> list[str]:
    """Draw k distinct keys, each with probability proportional to its weight."""
    pool, chosen = dict(weights), []
    for _ in range(min(k, len(pool))):
        key = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(key)
        del pool[key]
    return chosen


def _email_part(text: str) -> str:
    """An ASCII, lowercase, unpunctuated form of a name for an email address."""
    folded = normalise_tag(text.translate(_EMAIL_FOLD)).replace("-", "")
    return "".join(char for char in folded if char.isascii())


def _languages(rng: random.Random, locale: Locale, first: str) -> list[str]:
    """The person's first language and up to two more, always including one they can write a profile in."""
    spoken = [first]
    for code, chance in locale.second_languages:
        if code not in spoken and len(spoken) < 3 and rng.random() < chance:
            spoken.append(code)
    if not set(spoken) & set(WRITTEN_LANGUAGES):
        spoken = [*spoken[:2], "en"]
    return spoken


def _text_language(rng: random.Random, locale: Locale, first: str, spoken: list[str]) -> str:
    """English, or the Spanish, French, German or Portuguese the person grew up with or lives in."""
    official = {code for code, chance in locale.second_languages if chance >= 1.0}
    own = [code for code in spoken if code in WRITTEN_LANGUAGES[1:] and (code == first or code in official)]
    if own and ("en" not in spoken or rng.random() < _NATIVE_SHARE):
        return own[0]
    return "en" if "en" in spoken else next(code for code in spoken if code in WRITTEN_LANGUAGES)


def _topics(rng: random.Random, first: str, role: str) -> tuple[list[str], list[str]]:
    """Offers and seeks around one or two focus categories; mentors mostly offer, mentees mostly seek."""
    focus = set(rng.sample(CATEGORIES, 2 if rng.random() < 0.4 else 1))
    weights = {
        t.slug: (4.0 if t.category in focus else 1.0) * (1.5 if t.category == "leadership" else 1.0)
        for t in SEED_TOPICS
        if (t.slug != "minority-languages" or first in _SMALL_LANGUAGES)
        and (t.slug != "localisation" or first not in _WELL_LOCALISED)
    }
    n_offers, n_seeks = {"mentor": ((2, 5), (1, 2)), "both": ((2, 4), (2, 4)), "mentee": ((1, 2), (2, 5))}[
        role
    ]
    offers = _sample(rng, weights, rng.randint(*n_offers))
    seeks = _sample(rng, {k: w for k, w in weights.items() if k not in offers}, rng.randint(*n_seeks))
    return offers, seeks


def _kinds(rng: random.Random, role: str) -> tuple[str, ...]:
    """The kinds of mentorship a person is open to; peer mentoring is between mentees."""
    chances = {"traditional": 0.8, "group": 0.4, "peer": 0.0 if role == "mentor" else 0.4}
    kinds = tuple(kind for kind in KINDS if rng.random() < chances[kind])
    return kinds or ("traditional",)


def _self_assessment(rng: random.Random, base: int, offers: list[str], seeks: list[str]) -> dict[str, int]:
    """Ratings from 1 to 5, higher for skills behind topics offered and lower for those sought."""
    ratings = {}
    for skill in SKILLS:
        shift = (
            rng.choice((-1, 0, 0, 1))
            + bool(_SKILL_TOPICS[skill] & set(offers))
            - bool(_SKILL_TOPICS[skill] & set(seeks))
        )
        ratings[skill] = min(5, max(1, base + shift))
    return ratings


def _away(rng: random.Random, today: date) -> tuple[date, date, str]:
    """An away period that has started or starts soon, around the reference date."""
    start = today + timedelta(days=rng.randint(-12, 10))
    return start, start + timedelta(days=rng.randint(14, 45)), rng.choice(_AWAY_NOTES)


def _person(
    rng: random.Random, role: str, locale: Locale, today: date, away: bool, names: set[str]
) -> DemoPerson:
    """One person from a community, with a role already decided."""
    gender = rng.choices(("woman", "man", "non-binary"), weights=(48, 48, 4))[0]
    pool = {"woman": locale.women, "man": locale.men}.get(gender, locale.women + locale.men)
    for _ in range(4):
        given, family = rng.choice(pool), rng.choice(locale.surnames)
        name = f"{family} {given}" if locale.family_first else f"{given} {family}"
        if name not in names:
            break
    names.add(name)
    city = rng.choice(locale.cities)
    first = rng.choice(city.languages)
    spoken = _languages(rng, locale, first)
    writes = _text_language(rng, locale, first, spoken)
    is_mentor = role != "mentee"
    years = (
        rng.randint(4, 16)
        if role == "mentor"
        else rng.randint(3, 10)
        if role == "both"
        else rng.randint(0, 5)
    )
    offers, seeks = _topics(rng, first, role)
    kinds = _kinds(rng, role)
    capacity = rng.choices((1, 2, 3, 4, 5), weights=(15, 35, 30, 12, 8))[0] if is_mentor else 0
    if "group" in kinds and is_mentor:
        capacity = max(capacity, 2)
    place = city.local_name if writes != "en" and city.local_name else city.name
    writer = Writer(writes, gender, first, place, today.year - years, years, years >= 4, is_mentor, kinds)
    composer = Composer(rng, writer)
    away_from, away_until, away_note = _away(rng, today) if away else (None, None, "")
    opted_in = rng.random() < 0.6
    assessed = rng.random() < 0.5
    return DemoPerson(
        name=name,
        email=f"{_email_part(given)}.{_email_part(family)}@example.org",
        is_mentor=is_mentor,
        is_mentee=role != "mentor",
        kinds=kinds,
        goals=composer.goals(seeks),
        experience=composer.experience(offers),
        offers=tuple(offers),
        seeks=tuple(seeks),
        languages=tuple(spoken),
        timezone=city.timezone,
        capacity=capacity,
        checkin_cadence_days=rng.choices(CADENCES, weights=(2, 5, 3))[0],
        away_from=away_from,
        away_until=away_until,
        away_note=away_note,
        region=locale.region if opted_in and rng.random() < 0.9 else None,
        gender=gender if opted_in and rng.random() < 0.9 else None,
        first_language=first if opted_in and rng.random() < 0.9 else None,
        self_assessment=_self_assessment(rng, 3 if is_mentor else 2, offers, seeks) if assessed else None,
        city=city.name,
        text_language=writes,
    )


def _unique_emails(people: list[DemoPerson]) -> list[DemoPerson]:
    """Append a number to the second and later uses of an email address."""
    used: set[str] = set()
    unique = []
    for person in people:
        email, number = person.email, 1
        while email in used:
            number += 1
            local, domain = person.email.split("@")
            email = f"{local}{number}@{domain}"
        used.add(email)
        unique.append(dataclasses.replace(person, email=email))
    return unique


def generate_community(
    seed: int = 2026, size: int = 240, *, today: date = REFERENCE_DATE
) -> list[DemoPerson]:
    """About 30% mentors, 60% mentees and 10% both, from many regions; the same seed gives the same people."""
    rng = random.Random(seed)
    roles = [("mentor", "mentee", "both")[i] for i in _quota(rng, (30, 60, 10), size)]
    locales = [LOCALES[i] for i in _quota(rng, [locale.weight for locale in LOCALES], size)]
    mentors = [i for i, role in enumerate(roles) if role != "mentee"]
    away = set(rng.sample(mentors, max(1, round(0.05 * len(mentors))))) if mentors else set()
    names: set[str] = set()
    people = [
        _person(rng, role, locale, today, i in away, names)
        for i, (role, locale) in enumerate(zip(roles, locales, strict=True))
    ]
    return _unique_emails(people)
