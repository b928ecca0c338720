"""reasons as data: a proposal's English reason sentences become {"code", "items", "value"} objects

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 14:30:00.000000

Sentences that do not parse are kept whole as ``{"code": "text", "items": [sentence]}`` and shown
verbatim. Downgrading writes the English sentences back. Self-contained: no application imports.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_LISTS = {
    "shared topics: ": "shared_topics",
    "goals meet experience in: ": "goal_terms",
    "both speak ": "languages",
    "both want to learn: ": "both_seek",
    "shared goals: ": "shared_goals",
    "common goals: ": "common_goals",
}
_COUNTED = {"members share: ": "members_share", "mentor offers them: ": "mentor_offers"}
_FIXED = {"same time zone": "same_time_zone", "grouped by overall fit": "overall_fit"}
_HOURS = re.compile(r"^(\d+(?:\.\d+)?) hours? apart$")
_OF = re.compile(r"^(.+) \((\d+) of (\d+)\)$")
_SEEK = re.compile(r"^(.+) \((\d+) seek it\)$")

proposal = sa.table("proposal", sa.column("id"), sa.column("reasons", sa.JSON()))


def _items(text: str) -> list[str]:
    head, _, last = text.rpartition(" and ")
    return [*head.split(", "), last] if head else [text]


def _counted(code: str, text: str) -> dict[str, Any] | None:
    items, counts, size = [], [], None
    for part in _items(text):
        found = (_OF if code == "members_share" else _SEEK).match(part)
        if found is None:
            return None
        items.append(found.group(1))
        counts.append(int(found.group(2)))
        size = float(found.group(3)) if code == "members_share" else None
    reason: dict[str, Any] = {"code": code, "items": items, "value": size, "counts": counts}
    return reason


def parse(sentence: str) -> dict[str, Any]:
    """One English reason as data, or the sentence kept whole."""
    text = sentence.strip()
    if text in _FIXED:
        return {"code": _FIXED[text], "items": [], "value": None}
    if hours := _HOURS.match(text):
        return {"code": "hours_apart", "items": [], "value": float(hours.group(1))}
    for prefix, code in _LISTS.items():
        if text.startswith(prefix) and len(text) > len(prefix):
            return {"code": code, "items": _items(text[len(prefix) :]), "value": None}
    for prefix, code in _COUNTED.items():
        if text.startswith(prefix) and (counted := _counted(code, text[len(prefix) :])):
            return counted
    return {"code": "text", "items": [sentence], "value": None}


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def words(reason: dict[str, Any]) -> str:
    """One reason back as its English sentence."""
    code, items, value = reason.get("code"), list(reason.get("items") or []), reason.get("value")
    counts = list(reason.get("counts") or [])
    for text, fixed in _FIXED.items():
        if code == fixed:
            return text
    for prefix, listed in _LISTS.items():
        if code == listed:
            return prefix + _join(items)
    if code == "hours_apart":
        whole = f"{float(value or 0):.1f}".rstrip("0").rstrip(".")
        return f"{whole} hour{'s' if whole != '1' else ''} apart"
    if code == "members_share":
        size = f"{float(value or 0):g}"
        return "members share: " + _join(
            [f"{t} ({c} of {size})" for t, c in zip(items, counts, strict=False)]
        )
    if code == "mentor_offers":
        return "mentor offers them: " + _join(
            [f"{t} ({c} seek it)" for t, c in zip(items, counts, strict=False)]
        )
    return "; ".join(items) or str(code)


def _rewrite(change: Any) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(proposal.c.id, proposal.c.reasons)).all()
    for row_id, stored in rows:
        reasons = json.loads(stored) if isinstance(stored, str) else stored
        new = [change(reason) for reason in reasons or []]
        if new != reasons:
            connection.execute(proposal.update().where(proposal.c.id == row_id).values(reasons=new))


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    _rewrite(lambda reason: parse(reason) if isinstance(reason, str) else reason)


def downgrade() -> None:
    _rewrite(lambda reason: words(reason) if isinstance(reason, dict) else reason)
