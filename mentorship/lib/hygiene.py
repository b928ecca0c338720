"""Requests no handler can mean: a NUL in the address, JSON nested past any real document."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.enums import ScopeType
from litestar.exceptions import ClientException, NotFoundException
from litestar.types import ASGIApp, Receive, Scope, Send

from mentorship.lib.errors import http_exception_handler, internal_error_handler
from mentorship.lib.i18n import _

# Bodies above this are refused before they are read (forms, JSON, CSV uploads all fit well below).
MAX_BODY_BYTES = 1_000_000


def malformed_address_middleware(app: ASGIApp) -> ASGIApp:
    """A NUL byte names nothing: in the path it is a 404, in the query a 400 (PostgreSQL refuses NULs)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            query = scope.get("query_string", b"")
            malformed_path = "\x00" in scope["path"]
            if malformed_path or b"%00" in query.lower() or b"\x00" in query:
                # Answered as nobody: the error page must not run the session and user middleware
                # (and this one) again for an address that can never name anything.
                scope["user"] = None
                if malformed_path:
                    raise NotFoundException()
                raise ClientException(_("The address holds a character that is not allowed (NUL)."))
        await app(scope, receive, send)

    return middleware


def recursion_error_handler(request: Request[Any, Any, Any], exc: RecursionError) -> Response[Any]:
    """JSON nested too deep to decode is the client's error; any other recursion is ours."""
    if "deserializing" in str(exc):
        return http_exception_handler(request, ClientException(_("The JSON body is nested too deeply.")))
    return internal_error_handler(request, exc)
