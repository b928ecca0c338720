"""One-time messages shown on the next page ("Your profile was saved."), kept in the session."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar.connection import ASGIConnection


def flash(connection: ASGIConnection[Any, Any, Any, Any], message: str, category: str = "info") -> None:
    """Queue a message for the next rendered page."""
    connection.session.setdefault("_messages", []).append({"message": message, "category": category})


def get_flashes(context: Mapping[str, Any]) -> list[dict[str, str]]:
    """Pop queued messages; pages rendered outside a session (a 404 for an unknown path) have none."""
    request = context.get("request")
    if request is None or "session" not in request.scope:
        return []
    messages: list[dict[str, str]] = request.session.pop("_messages", [])
    return messages
