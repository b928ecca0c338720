"""One readable line per history event, from its type, subject and data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Templates by event type; `{actor}` and the event's data keys fill them. Features add their own
# with `describe_as`; a type without one (or a template whose keys are missing) gets the generic line.
TEMPLATES: dict[str, str] = {
    "round.started": "{actor} started a {kind} matching round",
    "round.finished": "A {kind} matching round finished with {proposals} proposals",
    "round.failed": "A matching round failed: {error}",
    "round.published": "{actor} published a matching round ({proposals} proposals)",
    "round.discarded": "{actor} discarded a matching round",
    "proposal.removed": "{actor} removed a pairing from a round",
    "proposal.accepted": "{actor} accepted a proposal",
    "proposal.declined": "{actor} declined a proposal",
    "proposal.expired": "A proposal expired unanswered",
    "proposal.reminded": "A reminder was sent for an open proposal",
    "request.sent": "{actor} asked {mentor} to mentor them",
    "request.accepted": "{actor} accepted a mentoring request",
    "request.declined": "{actor} declined a mentoring request",
    "request.withdrawn": "A mentoring request was withdrawn",
    "relationship.started": "A {kind} relationship started",
}


def describe_as(type_: str, template: str) -> None:
    """Register the one-line description of an event type (`{actor}` and data keys fill it)."""
    TEMPLATES[type_] = template


def _scalar(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_scalar(item) for item in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    return str(value)


def generic(type_: str, subject_type: str, data: Mapping[str, Any]) -> str:
    """`Proposal accepted (proposal) · reason: moved away`: the type in words, then the data."""
    words = type_.replace(".", " ").replace("_", " ").strip().capitalize() or "Event"
    line = f"{words} ({subject_type})" if subject_type and subject_type not in type_ else words
    details = [f"{key}: {_scalar(value)}" for key, value in data.items() if value not in ("", None, [], {})]
    return " · ".join([line, *details])[:300]


def describe(type_: str, subject_type: str, data: Mapping[str, Any] | None, actor: str | None) -> str:
    """The event in one line of plain words."""
    data = data or {}
    template = TEMPLATES.get(type_)
    if template is not None:
        try:
            return " ".join(template.format_map({**data, "actor": actor or "Someone"}).split())[:300]
        except (KeyError, IndexError, ValueError):
            pass
    return generic(type_, subject_type, data)
