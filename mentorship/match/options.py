"""Option types of `mentorship match` that refuse what click's own would let through."""

from __future__ import annotations

import math
from typing import Any

import click


class FiniteFloat(click.ParamType[float, Any]):
    """A finite number, at least ``low`` when given: click's FLOAT takes 'nan' and 'inf'."""

    name = "number"

    def __init__(self, low: float | None = None) -> None:
        self.low = low

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        """The number, or a usage error (exit 2) naming the option."""
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        if self.low is not None and number < self.low:
            self.fail(f"{value!r} is below {self.low:g}", param, ctx)
        return float(number)
