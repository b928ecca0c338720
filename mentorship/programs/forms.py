"""A program as the API receives it and the program form builds it, checked by one rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec

from mentorship.lib.dates import out_of_range
from mentorship.lib.errors import Invalid
from mentorship.lib.i18n import _
from mentorship.models import MAX_CADENCE_DAYS, MIN_CADENCE_DAYS, JoinPolicy, Kind

KINDS = [kind.value for kind in Kind]
POLICIES = [policy.value for policy in JoinPolicy]
NAME_LIMIT, DESCRIPTION_LIMIT = 120, 4000
DATES = ("opens_on", "closes_on", "starts_on", "ends_on")


class ProgramInvalid(Invalid):
    """The submitted program has field errors."""

    summary = "Invalid program"


@dataclass(frozen=True)
class ProgramForm:
    """A checked program: what the service stores."""

    name: str
    description: str
    kinds: tuple[Kind, ...]
    join_policy: JoinPolicy
    opens_on: date | None = None
    closes_on: date | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    checkin_cadence_days: int = 14
    agenda_template_id: UUID | None = None


def _date(raw: str) -> date | str | None:
    """A typed date, None when empty, or the words saying it is not one."""
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return _("Enter a date like 2027-03-01.")


def _whole(raw: str) -> int:
    return int(raw) if raw.isdecimal() and len(raw) < 10 else 0


class ProgramIn(msgspec.Struct, forbid_unknown_fields=True):
    """A program's settings; ``checked`` is their one rule, for the form and the API alike."""

    name: Annotated[str, msgspec.Meta(description=f"Up to {NAME_LIMIT} characters, unique.")]
    description: Annotated[str, msgspec.Meta(description=f"Up to {DESCRIPTION_LIMIT} characters.")] = ""
    kinds: Annotated[
        list[str], msgspec.Meta(description="What it offers.", extra_json_schema={"items": {"enum": KINDS}})
    ] = msgspec.field(default_factory=lambda: list(KINDS))
    join_policy: Annotated[
        str, msgspec.Meta(description="Who may join.", extra_json_schema={"enum": POLICIES})
    ] = JoinPolicy.OPEN.value
    opens_on: Annotated[date | None, msgspec.Meta(description="First day people may join.")] = None
    closes_on: Annotated[date | None, msgspec.Meta(description="Last day people may join.")] = None
    starts_on: Annotated[
        date | None, msgspec.Meta(description="A cohort's first day; empty: open-ended.")
    ] = None
    ends_on: Annotated[date | None, msgspec.Meta(description="A cohort's last day; empty: open-ended.")] = (
        None
    )
    checkin_cadence_days: Annotated[
        int, msgspec.Meta(description=f"Days between check-ins, {MIN_CADENCE_DAYS} to {MAX_CADENCE_DAYS}.")
    ] = 14
    agenda_template_id: Annotated[
        UUID | None, msgspec.Meta(description="The check-in template new relationships start from.")
    ] = None

    @classmethod
    def from_form(cls, form: Mapping[str, Any], kinds: list[str]) -> ProgramIn:
        """The form's fields as typed; ProgramInvalid, with all findings, when a value is unreadable."""
        errors: dict[str, str] = {}
        dates: dict[str, date | None] = {}
        for name in DATES:
            value = _date(str(form.get(name) or "").strip())
            if isinstance(value, str):
                errors[name] = value
            else:
                dates[name] = value
        template = str(form.get("agenda_template_id") or "").strip()
        try:
            template_id = UUID(template) if template else None
        except ValueError:
            template_id, errors["agenda_template_id"] = None, _("Choose one of the templates.")
        program = cls(
            name=str(form.get("name") or ""),
            description=str(form.get("description") or ""),
            kinds=kinds,
            join_policy=str(form.get("join_policy") or ""),
            checkin_cadence_days=_whole(str(form.get("checkin_cadence_days") or "").strip()),
            agenda_template_id=template_id,
            **dates,
        )
        if errors:
            raise ProgramInvalid({**program.problems(), **errors})
        return program

    def problems(self) -> dict[str, str]:
        """What the rule finds wrong, by field."""
        errors: dict[str, str] = {}
        name = self.name.replace("\x00", "").strip()
        if not name:
            errors["name"] = _("Give the program a name.")
        elif len(name) > NAME_LIMIT:
            errors["name"] = _("Keep the name under {limit} characters.").format(limit=NAME_LIMIT)
        if len(self.description) > DESCRIPTION_LIMIT:
            errors["description"] = _("Keep the description under {limit} characters.").format(
                limit=DESCRIPTION_LIMIT
            )
        if not self.kinds or any(kind not in KINDS for kind in self.kinds):
            errors["kinds"] = _("Choose at least one of traditional, group or peer.")
        if self.join_policy not in POLICIES:
            errors["join_policy"] = _("Choose who may join.")
        if not MIN_CADENCE_DAYS <= self.checkin_cadence_days <= MAX_CADENCE_DAYS:
            errors["checkin_cadence_days"] = _("Enter a number of days from {low} to {high}.").format(
                low=MIN_CADENCE_DAYS, high=MAX_CADENCE_DAYS
            )
        for name in DATES:
            value = getattr(self, name)
            if value is not None and (problem := out_of_range(value)):
                errors[name] = problem
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on and "closes_on" not in errors:
            errors["closes_on"] = _("Enrolment cannot close before it opens.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on and "ends_on" not in errors:
            errors["ends_on"] = _("The term cannot end before it starts.")
        return errors

    def checked(self) -> ProgramForm:
        """Cleaned and checked; ProgramInvalid says what is wrong, by field."""
        if errors := self.problems():
            raise ProgramInvalid(errors)
        return ProgramForm(
            name=" ".join(self.name.replace("\x00", "").split()),
            description=self.description.replace("\x00", "").strip(),
            kinds=tuple(Kind(kind) for kind in KINDS if kind in self.kinds),
            join_policy=JoinPolicy(self.join_policy),
            opens_on=self.opens_on,
            closes_on=self.closes_on,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            checkin_cadence_days=self.checkin_cadence_days,
            agenda_template_id=self.agenda_template_id,
        )


class JoinIn(msgspec.Struct, forbid_unknown_fields=True):
    """The roles a person takes in a program: some of those on their profile."""

    as_mentor: bool = False
    as_mentee: bool = False

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> JoinIn:
        """The join form's checkboxes."""
        return cls(as_mentor=bool(form.get("as_mentor")), as_mentee=bool(form.get("as_mentee")))


class PersonIn(msgspec.Struct, forbid_unknown_fields=True):
    """Someone named by the email of their account."""

    email: Annotated[str, msgspec.Meta(description="The email of their account.")]

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> PersonIn:
        """The form's email field."""
        return cls(email=str(form.get("email") or ""))

    def checked(self) -> str:
        """The address, trimmed and lower-cased; ProgramInvalid when it cannot be one."""
        email = self.email.replace("\x00", "").strip().lower()
        if "@" not in email or len(email) > 320:
            raise ProgramInvalid({"email": _("Enter the email address of their account.")})
        return email
