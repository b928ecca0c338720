"""A pairing a coordinator picked by hand, as the API receives it and the match form builds it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import msgspec

from mentorship.lib.errors import Invalid
from mentorship.lib.i18n import _
from mentorship.models import Kind

REASON_LIMIT = 1000
GROUP_LIMIT = 20


class MatchInvalid(Invalid):
    """The picked pairing has field errors, or cannot be made at all."""

    summary = "Invalid pairing"


@dataclass(frozen=True)
class Pick:
    """Who is to be paired: a mentor with one mentee (or several, a group), or two peers."""

    kind: Kind
    mentor_id: UUID | None
    mentee_ids: tuple[UUID, ...]

    @property
    def ids(self) -> list[UUID]:
        """Everyone in it, the mentor first."""
        return [*([self.mentor_id] if self.mentor_id else []), *self.mentee_ids]


class PickIn(msgspec.Struct, forbid_unknown_fields=True):
    """The people of a pairing; for peers, ``mentee_ids`` holds both and ``mentor_id`` stays empty."""

    kind: str = "traditional"
    mentor_id: UUID | None = None
    mentee_ids: list[UUID] = []

    def checked(self) -> Pick:
        """The pick, or MatchInvalid naming the field; the same person twice is refused here."""
        try:
            kind = Kind(self.kind)
        except ValueError:
            raise MatchInvalid({"kind": _("Choose traditional, group or peer mentoring.")}) from None
        mentees = tuple(self.mentee_ids)
        errors: dict[str, str] = {}
        if kind is Kind.PEER:
            if len(mentees) != 2:
                errors["mentee_ids"] = _("Choose two people for a peer pair.")
            elif mentees[0] == mentees[1]:
                errors["mentee_ids"] = _("Choose two different people.")
            _raise(errors)
            return Pick(kind, None, mentees)
        if self.mentor_id is None:
            errors["mentor_id"] = _("Choose a mentor.")
        if kind is Kind.TRADITIONAL and len(mentees) != 1:
            errors["mentee_ids"] = _("Choose one mentee.")
        if kind is Kind.GROUP and not 2 <= len(mentees) <= GROUP_LIMIT:
            errors["mentee_ids"] = _("Choose from 2 to {limit} mentees for a group.").format(
                limit=GROUP_LIMIT
            )
        if len(set(mentees)) != len(mentees) or (self.mentor_id is not None and self.mentor_id in mentees):
            errors["mentee_ids"] = _("Choose different people: someone is picked twice.")
        _raise(errors)
        return Pick(kind, self.mentor_id, mentees)

    @classmethod
    def from_form(cls, form: Mapping[str, Any], mentees: list[str]) -> PickIn:
        """The pick from the match form: ``mentee`` fields and one ``mentor`` (a peer's partner for peers)."""
        kind = str(form.get("kind", "traditional"))
        chosen = [_uuid(value) for value in mentees if value]
        mentor = _uuid(str(form.get("mentor", "") or ""))
        if kind == Kind.PEER.value:
            people = [*chosen, *([mentor] if mentor else [])]
            return cls(kind=kind, mentee_ids=[p for p in people if p is not None])
        return cls(kind=kind, mentor_id=mentor, mentee_ids=[p for p in chosen if p is not None])


class MatchIn(PickIn, forbid_unknown_fields=True):
    """Send a pairing as a proposal, or start it now with a reason for the history."""

    action: str = "propose"  # or "start"
    reason: str = ""
    mentor_is_full_ok: bool = False

    def checked_action(self) -> tuple[str, str]:
        """The action and the cleaned reason; a start needs a reason."""
        if self.action not in ("propose", "start"):
            raise MatchInvalid({"action": _("Choose to send a proposal or to start now.")})
        return self.action, check_reason(self.reason) if self.action == "start" else ""


def check_reason(raw: str) -> str:
    """Why a coordinator starts a relationship directly: required, kept for the history."""
    reason = raw.replace("\x00", "").strip()
    if not reason:
        raise MatchInvalid({"reason": _("Say why you start this relationship directly.")})
    if len(reason) > REASON_LIMIT:
        raise MatchInvalid(
            {"reason": _("Keep the reason under {limit} characters.").format(limit=REASON_LIMIT)}
        )
    return reason


def _uuid(raw: str) -> UUID | None:
    try:
        return UUID(raw)
    except ValueError:
        return None


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise MatchInvalid(errors)
