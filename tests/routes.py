"""The app's HTTP routes as tests walk them: method, path template, declared access rule."""

from __future__ import annotations

import re

from litestar import Litestar

# Routes Litestar itself adds (API docs, static files) are public by construction.
FRAMEWORK_PREFIXES = ("/schema", "/static")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def routes(app: Litestar) -> list[tuple[str, str, str | None]]:
    """(method, path template, access rule) for every HTTP route."""
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            for method in sorted(handler.http_methods - {"OPTIONS", "HEAD"}):
                access = "public" if route.path.startswith(FRAMEWORK_PREFIXES) else handler.opt.get("access")
                found.append((method, route.path, access))
    return found


def concrete(path: str, ids: dict[str, str]) -> str:
    """Fill path parameters with real values (uuids from `ids`, a step name, a token)."""
    values = {"step": "roles", "token": "not-a-real-token", **ids}
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values.get(m.group(1), "x"), path)
