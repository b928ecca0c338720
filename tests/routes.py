"""The app's HTTP routes as tests walk them: method, path template, declared access rule."""

from __future__ import annotations

import re

from litestar import Litestar

# Routes Litestar itself adds (API docs, static files) are public by construction.
FRAMEWORK_PREFIXES = ("/schema", "/static")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
NO_SUCH_ID = "00000000-0000-4000-8000-000000000000"


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
    values = {"step": "roles", "token": "not-a-real-token", "slug": "no-such-program", **ids}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        # An id nobody has: the route exists (so CSRF and guards run) and the object does not.
        return values.get(name, NO_SUCH_ID if name.endswith("_id") else "x")

    return re.sub(r"\{(\w+)(?::\w+)?\}", fill, path)
