"""The profile form, step by step: parsing, validation with per-field errors, and view models."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mentorship.lib.dates import out_of_range
from mentorship.lib.i18n import _
from mentorship.profiles.options import (
    CADENCES,
    FAIRNESS_FIELDS,
    KIND_LABELS,
    MAX_CAPACITY,
    SKILLS,
    is_timezone,
    resolve_language,
)

FormData = Mapping[str, list[str]]
MAX_TEXT = 4000
MAX_TAGS = 12


@dataclass(frozen=True)
class Step:
    """One page of the profile form."""

    slug: str
    title: str
    intro: str


STEPS = (
    Step(
        "roles", "How you want to take part", "Mentor, mentee or both, and the kinds of mentorship you want."
    ),
    Step("goals", "Goals and experience", "In your own words, in any language."),
    Step("topics", "Topics", "What you can help with, and what you want to grow in."),
    Step("practical", "Languages, time zone and rhythm", "So we only suggest people you can meet."),
    Step("mentoring", "Your capacity as a mentor", "How many mentees at once, and any time away."),
    Step("private", "Private reflection (optional)", "Only you can see these answers."),
)
STEP_SLUGS = tuple(step.slug for step in STEPS)


@dataclass
class StepResult:
    """Cleaned values for one step, and errors keyed by field name."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _one(data: FormData, name: str) -> str:
    values = data.get(name) or [""]
    return values[-1].replace("\x00", "").strip()


def split_tags(raw: str) -> list[str]:
    """Split a comma-separated tag entry, dropping blanks and repeats."""
    seen: list[str] = []
    for part in raw.replace(";", ",").split(","):
        tag = part.strip()
        if tag and tag.lower() not in {s.lower() for s in seen}:
            seen.append(tag)
    return seen


def _date(value: str, name: str, result: StepResult) -> date | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        result.errors[name] = _("Enter a date like 2026-12-31.")
        return None
    if problem := out_of_range(day):
        result.errors[name] = problem
        return None
    return day


def parse_roles(data: FormData) -> StepResult:
    """Roles and kinds."""
    roles = set(data.get("roles", []))
    kinds = [kind for kind in KIND_LABELS if kind in set(data.get("kinds", []))]
    result = StepResult(
        values={"is_mentor": "mentor" in roles, "is_mentee": "mentee" in roles, "kinds": kinds}
    )
    if not roles & {"mentor", "mentee"}:
        result.errors["roles"] = _("Choose at least one: mentor, mentee, or both.")
    if unknown := set(data.get("kinds", [])) - set(KIND_LABELS):
        result.errors["kinds"] = _("Unknown kind: {kind}.").format(kind=sorted(unknown)[0])
    elif not kinds:
        result.errors["kinds"] = _("Choose at least one kind of mentorship.")
    return result


def parse_goals(data: FormData) -> StepResult:
    """Goals and experience."""
    result = StepResult(values={"goals": _one(data, "goals"), "experience": _one(data, "experience")})
    for name in ("goals", "experience"):
        if len(result.values[name]) > MAX_TEXT:
            result.errors[name] = _("Keep it under 4,000 characters.")
    if not result.values["goals"]:
        result.errors["goals"] = _("Tell us what you want to achieve, in a sentence or two.")
    return result


def parse_topics(data: FormData) -> StepResult:
    """Offered and sought topics, as typed (resolved to topics by the service)."""
    result = StepResult(
        values={"offers": split_tags(_one(data, "offers")), "seeks": split_tags(_one(data, "seeks"))}
    )
    for name in ("offers", "seeks"):
        if len(result.values[name]) > MAX_TAGS:
            result.errors[name] = _("Choose at most 12 topics.")
        if any(len(tag) > 80 for tag in result.values[name]):
            result.errors[name] = _("Each topic must be under 80 characters.")
    if not result.values["offers"] and not result.values["seeks"]:
        result.errors["seeks"] = _("Add at least one topic you offer or seek.")
    return result


def parse_practical(data: FormData) -> StepResult:
    """Languages, time zone and check-in cadence."""
    result = StepResult()
    codes: list[str] = []
    for entry in split_tags(_one(data, "languages")):
        code = resolve_language(entry)
        if code is None:
            result.errors["languages"] = _(
                "We do not know the language “{entry}”. Use a name or a code like es."
            ).format(entry=entry)
        elif code not in codes:
            codes.append(code)
    if not codes and "languages" not in result.errors:
        result.errors["languages"] = _("Add at least one language you can hold a conversation in.")
    timezone = _one(data, "timezone")
    if not is_timezone(timezone):
        result.errors["timezone"] = _("Choose your time zone from the list.")
    cadence = _one(data, "checkin_cadence_days")
    if not cadence.isdigit() or int(cadence) not in CADENCES:
        result.errors["checkin_cadence_days"] = _("Choose how often you would like to check in.")
    result.values = {
        "languages": codes,
        "timezone": timezone,
        "checkin_cadence_days": int(cadence) if cadence.isdigit() else 14,
    }
    return result


def parse_mentoring(data: FormData) -> StepResult:
    """Capacity and away period."""
    result = StepResult()
    capacity = _one(data, "capacity")
    if not capacity.isdigit() or not 1 <= int(capacity) <= MAX_CAPACITY:
        result.errors["capacity"] = _("Enter a number of mentees from 1 to 10.")
    away_from = _date(_one(data, "away_from"), "away_from", result)
    away_until = _date(_one(data, "away_until"), "away_until", result)
    if away_from and away_until and away_until < away_from:
        result.errors["away_until"] = _("The end of the away period must be after its start.")
    note = _one(data, "away_note")
    if len(note) > 500:
        result.errors["away_note"] = _("Keep the note under 500 characters.")
    result.values = {
        "capacity": int(capacity) if capacity.isdigit() else 1,
        "away_from": away_from,
        "away_until": away_until,
        "away_note": note,
    }
    return result


def parse_private(data: FormData) -> StepResult:
    """The optional self-assessment and fairness attributes."""
    result = StepResult()
    ratings: dict[str, int] = {}
    for skill in SKILLS:
        raw = _one(data, f"skill_{skill}")
        if not raw:
            continue
        if raw not in {"1", "2", "3", "4", "5"}:
            result.errors[f"skill_{skill}"] = _("Rate from 1 to 5.")
        else:
            ratings[skill] = int(raw)
    attributes = {
        name: _one(data, f"fair_{name}")[:100] for name in FAIRNESS_FIELDS if _one(data, f"fair_{name}")
    }
    consent = _one(data, "fairness_consent") == "yes"
    result.values = {
        "self_assessment": ratings or None,
        "fairness_attributes": attributes if consent and attributes else None,
    }
    if attributes and not consent:
        result.errors["fairness_consent"] = _(
            "Tick the box to agree to the aggregate use, or leave these fields empty."
        )
    return result


PARSERS = {
    "roles": parse_roles,
    "goals": parse_goals,
    "topics": parse_topics,
    "practical": parse_practical,
    "mentoring": parse_mentoring,
    "private": parse_private,
}
