"""A round's options as the API receives them and the rounds form builds them, checked by one rule."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any

import msgspec

from mentorship.lib.i18n import _
from mentorship.models import Kind
from mentorship.rounds.services import RoundInvalid, RoundOptions

__all__ = ["RoundIn", "RoundInvalid"]

KINDS = [k.value for k in Kind]
RANGES = {"min_score": (0.0, 1.0), "max_hours_apart": (0.0, 26.0), "group_min": (2, 20), "group_max": (2, 20)}


KindName = Annotated[
    str, msgspec.Meta(description="How to match.", extra_json_schema={"extra": {"enum": KINDS}})
]


def _range(low: float, high: float) -> msgspec.Meta:
    return msgspec.Meta(description=f"From {low:g} to {high:g}.")


class RoundIn(msgspec.Struct, forbid_unknown_fields=True):
    """Options of a new round; ``checked`` is their one rule."""

    kind: Annotated[
        str, msgspec.Meta(description="How to match.", extra_json_schema={"extra": {"enum": KINDS}})
    ] = Kind.TRADITIONAL.value
    min_score: Annotated[float, _range(*RANGES["min_score"])] = 0.0
    max_hours_apart: Annotated[float, _range(*RANGES["max_hours_apart"])] | None = None
    group_min: Annotated[int, _range(*RANGES["group_min"])] = 3
    group_max: Annotated[int, _range(*RANGES["group_max"])] = 6
    exclude: Annotated[
        list[list[str]], msgspec.Meta(description="[mentee email, mentor email] pairs never to propose.")
    ] = []
    program: Annotated[
        str, msgspec.Meta(description="The program's short name (slug) to match within; empty for everyone.")
    ] = ""

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> RoundIn:
        """The form's fields as typed; RoundInvalid, with all findings, when a number is not one."""
        errors: dict[str, str] = {}
        numbers: dict[str, Any] = {}
        for name in RANGES:
            raw = str(form.get(name) or "").strip()
            if not raw:
                continue
            try:
                numbers[name] = float(raw)
            except ValueError:
                errors[name] = _("Enter a number.")
        for name in ("group_min", "group_max"):
            if name in numbers:  # a size that is no whole number is refused by the range rule
                numbers[name] = int(numbers[name]) if math.isfinite(numbers[name]) else 0
        lines = str(form.get("exclude") or "").replace("\x00", "").splitlines()
        exclude = [line.split(",") for line in lines]
        options = cls(
            kind=str(form.get("kind") or Kind.TRADITIONAL.value),
            exclude=exclude,
            program=str(form.get("program") or "").strip(),
            **numbers,
        )
        if errors:
            raise RoundInvalid({**options.problems(), **errors})
        return options

    def problems(self) -> dict[str, str]:
        """What the rule finds wrong, by field."""
        errors: dict[str, str] = {}
        if self.kind not in KINDS:
            errors["kind"] = _("Choose traditional, group or peer.")
        for name, (low, high) in RANGES.items():
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                errors[name] = _("Enter a number from {low:g} to {high:g}.").format(low=low, high=high)
        if "group_min" not in errors and "group_max" not in errors and self.group_min > self.group_max:
            errors["group_max"] = _("The largest group cannot be smaller than the smallest.")
        for number, pair in enumerate(self.exclude, start=1):
            parts = [p.strip() for p in pair if p.strip()]
            if parts and (len(parts) != 2 or not all("@" in p for p in parts)):
                errors["exclude"] = _('Line {number}: write "mentee email, mentor email".').format(
                    number=number
                )
                break
        return errors

    def checked(self) -> RoundOptions:
        """The options as a round stores them; RoundInvalid says what is wrong, by field."""
        if errors := self.problems():
            raise RoundInvalid(errors)
        pairs = ([p.strip().lower() for p in pair if p.strip()] for pair in self.exclude)
        exclude = tuple((pair[0], pair[1]) for pair in pairs if pair)
        return RoundOptions(
            Kind(self.kind),
            self.min_score,
            self.max_hours_apart,
            self.group_min,
            self.group_max,
            exclude,
            self.program.strip(),
        )
