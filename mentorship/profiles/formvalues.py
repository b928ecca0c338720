"""Values to pre-fill the profile form with: from the saved profile, or from a rejected submission."""

from __future__ import annotations

from typing import Any

from mentorship.profiles.options import FAIRNESS_FIELDS, SKILLS, language_names
from mentorship.profiles.views import ProfileView


def from_view(view: ProfileView | None) -> dict[str, Any]:
    """Form values from what is saved."""
    if view is None:
        return {"roles": [], "kinds": ["traditional"], "checkin_cadence_days": "14", "capacity": "2"}
    names = language_names()
    values: dict[str, Any] = {
        "roles": [role for role, flag in (("mentor", view.is_mentor), ("mentee", view.is_mentee)) if flag],
        "kinds": view.kinds,
        "goals": view.goals,
        "experience": view.experience,
        "offers": ", ".join(topic.label for topic in view.offers),
        "seeks": ", ".join(topic.label for topic in view.seeks),
        "languages": ", ".join(names.get(code, code) for code in view.languages),
        "timezone": view.timezone if view.timezone != "UTC" or view.languages else "",
        "checkin_cadence_days": str(view.checkin_cadence_days or 14),
        "capacity": str(view.capacity or 1),
        "away_from": view.away_from.isoformat() if view.away_from else "",
        "away_until": view.away_until.isoformat() if view.away_until else "",
        "away_note": view.away_note or "",
        "fairness_consent": "yes" if view.fairness_attributes else "",
    }
    for skill in SKILLS:
        values[f"skill_{skill}"] = str((view.self_assessment or {}).get(skill, ""))
    for name in FAIRNESS_FIELDS:
        values[f"fair_{name}"] = (view.fairness_attributes or {}).get(name, "")
    return values


def from_submission(data: dict[str, list[str]]) -> dict[str, Any]:
    """Form values from a submission, so nothing typed is lost when a field has an error."""
    values: dict[str, Any] = {key: items[-1] if items else "" for key, items in data.items()}
    values.update({key: data.get(key, []) for key in ("roles", "kinds")})  # the multi-valued fields
    return values
