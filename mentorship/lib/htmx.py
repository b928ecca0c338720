"""One URL serves a whole page or just the fragment htmx asked for."""

from __future__ import annotations

from typing import Any

from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template


def is_fragment_request(request: HTMXRequest) -> bool:
    """Whether htmx is swapping part of the page (not a boosted navigation)."""
    return bool(request.htmx) and not request.htmx.boosted


def page_or_fragment(request: HTMXRequest, page: str, fragment: str, **context: Any) -> Template:
    """Render the whole page, or only the fragment when htmx swaps part of the page."""
    name = fragment if is_fragment_request(request) else page
    return Template(template_name=name, context=context, headers={"Vary": "HX-Request"})
