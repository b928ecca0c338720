"""One readable line per history event, from its type, subject and data, with the objects it names linked."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from mentorship.lib.i18n import _


@dataclass(frozen=True)
class Ref:
    """An object as a coordinator names it, with the page it lives on ('' when it has none)."""

    label: str
    link: str = ""


def N_(message: str) -> str:  # noqa: N802 (gettext's conventional name for "mark, translate later")
    """Mark a line for translation where it is defined; it is translated when shown."""
    return message


Part = tuple[str, str]  # a piece of a line: its text, and the link it goes to ('' for plain words)
Names = Mapping[tuple[str, str], Ref]  # (kind, id) -> how to name it

# Templates by event type: `{actor}` is who did it, `{subject}` the object it is about, other fields
# are the event's data keys. Features may add types with `describe_as`; these stay as written here.
TEMPLATES: dict[str, str] = {
    "round.queued": N_("{actor} started {subject}"),
    "round.started": N_("{actor} started a {kind} matching round"),
    "round.ready": N_("{subject} is ready to review: {proposals} proposals, {unmatched} people unmatched"),
    "round.finished": N_("A {kind} matching round finished with {proposals} proposals"),
    "round.failed": N_("{subject} failed: {error}"),
    "round.published": N_("{actor} published {subject} ({proposals} proposals)"),
    "round.discarded": N_("{actor} discarded {subject}"),
    "round.proposal_removed": N_("{actor} removed {subject} from {round_id}"),
    "round.proposal_restored": N_("{actor} put {subject} back into {round_id}"),
    "round.proposal_swapped": N_("{actor} gave {subject} the mentor {new_mentor} instead of {old_mentor}"),
    "round.member_moved": N_("{actor} moved {person} into {subject} in {round_id}"),
    "proposal.opened": N_("{subject} was proposed"),
    "proposal.accepted": N_("{actor} accepted {subject}"),
    "proposal.declined": N_("{actor} declined {subject}"),
    "proposal.withdrawn": N_("{actor} withdrew {subject}"),
    "proposal.expired": N_("{subject} expired unanswered"),
    "proposal.reminded": N_("A reminder was sent for {subject}"),
    "request.sent": N_("{actor} asked {mentor} to mentor them"),
    "request.accepted": N_("{actor} accepted a mentoring request"),
    "request.declined": N_("{actor} declined a mentoring request"),
    "request.withdrawn": N_("{actor} withdrew {subject}"),
    "relationship.started": N_("{subject} started"),
    "relationship.joined": N_("{actor} joined {subject}"),
    "relationship.left": N_("A participant left {subject} when deleting their account"),
    "relationship.paused": N_("{actor} paused {subject} until {until}"),
    "relationship.resumed": N_("{actor} resumed {subject}"),
    "relationship.cadence": N_("{actor} set check-ins every {days} days in {subject}"),
    "relationship.completed": N_("{actor} completed {subject}"),
    "relationship.reflected": N_("{actor} wrote a closing reflection on {subject}"),
    "relationship.ended": N_("{actor} ended {subject} early"),
    "relationship.rematch_requested": N_("{actor} asked for a re-match in {subject}"),
    "goal.added": N_("{actor} added a goal in {subject}"),
    "goal.updated": N_("{actor} updated a goal in {subject} ({status})"),
    "goal.deleted": N_("{actor} removed a goal in {subject}"),
    "goal.noted": N_("{actor} wrote a progress note on a goal in {subject}"),
    "checkin.scheduled": N_("{actor} planned {subject}"),
    "checkin.held": N_("{actor} marked {subject} held"),
    "checkin.missed": N_("{actor} marked {subject} missed"),
    "checkin.cancelled": N_("{actor} cancelled {subject}"),
    "checkin.planned": N_("{actor} set {subject} back to planned"),
    "checkin.rescheduled": N_("{actor} moved {subject} from {before} to {after}"),
    "checkin.reminded": N_("The members were reminded to record {subject}"),
    "checkin.escalated": N_("Coordinators were told that {subject} was missed"),
    "action_item.created": N_("{actor} added {subject}"),
    "action_item.done": N_("{actor} completed {subject}"),
    "action_item.reopened": N_("{actor} reopened {subject}"),
    "action_item.edited": N_("{actor} edited {subject}"),
    "action_item.deleted": N_("{actor} deleted the action item “{text}”"),
    "template.created": N_("{actor} added {subject}"),
    "template.updated": N_("{actor} saved version {version} of {subject}"),
    "template.retired": N_("{actor} retired {subject}"),
    "template.restored": N_("{actor} restored {subject}"),
    "pulse.support_requested": N_("{actor} asked a coordinator for support"),
}

# What to call a subject when it cannot be looked up (deleted, or outside the page's names).
SUBJECTS: dict[str, str] = {
    "round": N_("a matching round"),
    "proposal": N_("a proposal"),
    "relationship": N_("a relationship"),
    "checkin": N_("a check-in"),
    "action_item": N_("an action item"),
    "checkin_template": N_("a check-in template"),
    "profile": N_("a profile"),
}

# Data keys that hold an id, and the kind of object it names.
DATA_KINDS: dict[str, str] = {
    "mentor": "profile",
    "new_mentor": "profile",
    "old_mentor": "profile",
    "person": "profile",
    "relationship": "relationship",
    "relationship_id": "relationship",
    "round_id": "round",
    "proposal_id": "proposal",
    "from_proposal": "proposal",
}
WHEN_KEYS = {"at", "before", "after"}


def describe_as(type_: str, template: str) -> None:
    """Register the line of a type the history does not describe yet (`{actor}`, `{subject}`, data keys)."""
    TEMPLATES.setdefault(type_, template)


def type_label(type_: str) -> str:
    """An event type in words, for menus: `checkin.held` -> 'Check-in held'."""
    words = type_.replace("checkin", "check-in").replace(".", " ").replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) or _("Event")


def subject_label(subject_type: str) -> str:
    """A subject type in words, for menus: `checkin_template` -> 'Check-in template'."""
    return type_label(subject_type)


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


def _when(value: Any) -> str:
    try:
        return datetime.fromisoformat(str(value)).strftime("%d %b %Y %H:%M UTC")
    except ValueError:
        return str(value)


def _value(key: str, value: Any, names: Names) -> Ref:
    """A data value as a person reads it: a named, linked object, a time, or the value itself."""
    kind = DATA_KINDS.get(key)
    if kind is not None:
        fallback = _("someone") if kind == "profile" else _(SUBJECTS.get(kind, "something"))
        return names.get((kind, str(value))) or Ref(fallback)
    if key in WHEN_KEYS:
        return Ref(_when(value))
    return Ref(_scalar(value))


def parts(
    type_: str,
    subject_type: str,
    subject_id: UUID | None,
    data: Mapping[str, Any] | None,
    actor: Ref | None,
    names: Names,
) -> list[Part]:
    """The event as pieces of a sentence, the people and objects it names linked; ids stay out of it."""
    data = data or {}
    template = _(TEMPLATES[type_]) if type_ in TEMPLATES else None  # in the viewer's language, when shown
    fields = {
        "actor": actor or Ref(_("Someone")),
        "subject": names.get((subject_type, str(subject_id)))
        or Ref(_(SUBJECTS.get(subject_type, "something"))),
    }
    if template is not None:
        pieces: list[Part] = []
        try:
            for literal, field, _spec, _conv in string.Formatter().parse(template):
                if literal:
                    pieces.append((literal, ""))
                if field is not None:
                    ref = fields[field] if field in fields else _value(field, data[field], names)
                    pieces.append((ref.label, ref.link))
        except (KeyError, IndexError, ValueError):
            pass
        else:
            if pieces:  # a sentence starts with a capital, even when it starts with a linked name
                pieces[0] = (pieces[0][0][:1].upper() + pieces[0][0][1:], pieces[0][1])
            return pieces
    words = type_label(type_)
    shown = [
        f"{key.replace('_', ' ')}: {_value(key, value, names).label}"
        for key, value in data.items()
        if value not in ("", None, [], {}) and not _looks_like_id(value)
    ]
    return [(" · ".join([words, *shown])[:300], "")]


def _looks_like_id(value: Any) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


def describe(type_: str, subject_type: str, data: Mapping[str, Any] | None, actor: str | None) -> str:
    """The event in one line of plain words (the CSV's and the API's description)."""
    data = data or {}
    template = TEMPLATES.get(type_)
    if template is not None:
        fields = {
            **{key: _value(key, value, {}).label for key, value in data.items()},
            "actor": actor or "Someone",
            "subject": SUBJECTS.get(subject_type, "something"),
        }
        try:
            line = " ".join(template.format_map(fields).split())[:300]
        except (KeyError, IndexError, ValueError):
            return generic(type_, subject_type, data)
        return line[:1].upper() + line[1:]
    return generic(type_, subject_type, data)
