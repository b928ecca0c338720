"""Consequential actions are asked once more, on a page of their own that works without JavaScript.

The button of such an action is a link to the action's own address: GET shows what will happen
and whether it can be undone, with the real form; only that form's POST (CSRF-checked) does it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from litestar.response import Template


@dataclass(frozen=True)
class Confirmation:
    """What a confirmation page says, and the form that does the action."""

    title: str
    effects: tuple[str, ...]
    action: str
    button: str
    cancel: str
    # How to undo it; empty when it cannot be undone, and the page says so.
    undo: str = ""
    danger: bool = False
    fields: Mapping[str, str] = field(default_factory=dict)


def confirmation_page(
    confirmation: Confirmation, template: str = "confirm.html", status_code: int = 200, **context: Any
) -> Template:
    """The page asking for confirmation (a feature's own template may add fields to the form)."""
    return Template(template, context={"confirm": confirmation, **context}, status_code=status_code)
