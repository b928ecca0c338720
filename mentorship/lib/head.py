"""HEAD answers wherever GET does: the GET handler runs and only its headers are sent."""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send


def head_as_get(app: ASGIApp) -> ASGIApp:
    """Wrap the app so a HEAD request is routed as GET and its body is dropped."""

    async def handler(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] != "HEAD":
            await app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        # Routing happens before any Litestar middleware runs, so the method is changed out here.
        await app({**scope, "method": "GET"}, receive, send_headers_only)

    return handler
