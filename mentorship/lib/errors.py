"""Friendly error pages for people, JSON errors for API clients; never a bare traceback."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, PermissionDeniedException
from litestar.exceptions.responses import create_exception_response
from litestar.response import Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from mentorship.lib.i18n import _

TITLES = {
    400: "That request could not be understood",
    401: "Please sign in",
    403: "You do not have access to this",
    404: "We could not find that page",
    405: "That action is not allowed here",
    409: "That conflicts with the current state",
    429: "Too many attempts",
}


def wants_html(request: Request[Any, Any, Any]) -> bool:
    """Whether the client is a browser asking for a page rather than an API client."""
    if request.url.path.startswith(("/api/", "/schema", "/healthz")):
        return False
    return "text/html" in request.headers.get("accept", "")


def http_exception_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """Render 4xx errors as a page for browsers and as JSON for everyone else."""
    if isinstance(exc, NotAuthorizedException) and wants_html(request):
        return Response(
            content=None, status_code=303, headers={"location": f"/login?next={request.url.path}"}
        )
    if not wants_html(request):
        return create_exception_response(request, exc)
    status = exc.status_code
    title = _(TITLES.get(status, "Something went wrong"))
    detail = exc.detail if isinstance(exc, PermissionDeniedException | HTTPException) and status < 500 else ""
    return Template(
        template_name="errors/error.html",
        context={"status_code": status, "title": title, "detail": detail},
        status_code=status,
        media_type=MediaType.HTML,
    )


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Answer with a calm 500 that leaks nothing (the logging config records the traceback)."""
    if not wants_html(request):
        return Response(
            content={"status_code": 500, "detail": "Internal Server Error"},
            status_code=HTTP_500_INTERNAL_SERVER_ERROR,
            media_type=MediaType.JSON,
        )
    return Template(
        template_name="errors/error.html",
        context={"status_code": 500, "title": _("Something went wrong on our side"), "detail": ""},
        status_code=HTTP_500_INTERNAL_SERVER_ERROR,
        media_type=MediaType.HTML,
    )
