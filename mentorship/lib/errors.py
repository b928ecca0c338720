"""Friendly error pages for people, JSON errors for API clients; never a bare traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from litestar import MediaType, Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.exceptions.responses import create_exception_response
from litestar.response import Template
from litestar.response.base import ASGIResponse
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy.exc import OperationalError

from mentorship.lib.i18n import _


class DomainError(Exception):
    """A refusal the domain explains in words; the app factory maps each kind to one HTTP status."""

    status_code = 400
    summary = "Invalid request"
    errors: dict[str, str] = {}  # by field; when set, the API answers 400 naming each field

    def detail(self) -> str | None:
        """What the person reads; None leaves the status's own words."""
        return str(self) if self.args else None


class NotFound(DomainError, LookupError):
    """No such row that this person may see (someone else's looks missing): 404."""

    def __init__(self, *args: object, detail: str | None = None) -> None:
        super().__init__(*args)
        self._detail = detail

    def detail(self) -> str | None:
        """Ids in the arguments are for logs; only an explicit detail reaches the person."""
        return self._detail


class Forbidden(DomainError, PermissionError):
    """The person may see this but not do it; the message says why: 403."""


class Conflict(DomainError):
    """The change does not fit the current state; the message says why: 409."""

    status_code = 409


class Invalid(DomainError, ValueError):
    """Submitted values with mistakes, by field, in plain words: 400 naming each field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def as_http(exc: DomainError) -> HTTPException:
    """The HTTP answer for a domain refusal: the one mapping from the domain's words to statuses."""
    detail = exc.detail() or ""
    if exc.errors:
        extra = [{"key": key, "message": message} for key, message in exc.errors.items()]
        return ValidationException(exc.summary, extra=extra)
    if isinstance(exc, NotFound):
        return NotFoundException(detail=detail)
    if isinstance(exc, Forbidden):
        return PermissionDeniedException(detail=detail)
    return HTTPException(status_code=exc.status_code, detail=detail)


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


class _PageWithAppMiddleware(Template):
    """An error page rendered inside the app's middleware (session, signed-in user, security headers).

    Litestar runs app middleware only for matched routes: an unknown address (404) or method (405)
    would otherwise show a signed-out header to a signed-in person.
    """

    def to_asgi_response(self, app: Any, request: Request[Any, Any, Any], **kwargs: Any) -> ASGIResponse:
        """Wrap the rendering in the app's middleware so it sees the same scope as any page."""

        async def render(scope: Scope, receive: Receive, send: Send) -> None:
            await Template.to_asgi_response(self, app, request, **kwargs)(scope, receive, send)

        scope = cast(dict[str, Any], request.scope)
        if "route_handler" not in scope:
            # The session middleware saves through a route's serializer: the home page's stands in.
            home = request.app.get_handler_index_by_name("home")
            if home is not None:
                scope["route_handler"] = home["handler"]

        wrapped: ASGIApp = render
        for middleware in reversed(cast(list[Callable[[ASGIApp], ASGIApp]], request.app.middleware)):
            wrapped = middleware(wrapped)
        return cast(ASGIResponse, wrapped)


def _page(
    request: Request[Any, Any, Any],
    context: dict[str, Any],
    status: int,
    headers: dict[str, str] | None = None,
) -> Template:
    """The error page; outside a route (no middleware ran yet) it runs the app's middleware itself."""
    page = Template if "user" in request.scope else _PageWithAppMiddleware
    return page(
        template_name="errors/error.html",
        context=context,
        status_code=status,
        media_type=MediaType.HTML,
        headers=headers,
    )


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
    return _page(request, {"status_code": status, "title": title, "detail": detail}, status)


def domain_error_handler(request: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
    """Answer a domain refusal as its HTTP error, a page for browsers and JSON for the API."""
    return http_exception_handler(request, as_http(exc))


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Answer with a calm 500 that leaks nothing (the logging config records the traceback)."""
    if not wants_html(request):
        return Response(
            content={"status_code": 500, "detail": "Internal Server Error"},
            status_code=HTTP_500_INTERNAL_SERVER_ERROR,
            media_type=MediaType.JSON,
        )
    context = {"status_code": 500, "title": _("Something went wrong on our side"), "detail": ""}
    return _page(request, context, HTTP_500_INTERNAL_SERVER_ERROR)


BUSY_RETRY_SECONDS = 5


def busy_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Every database connection stayed taken (a burst of slow requests): 503 and when to retry."""
    headers = {"retry-after": str(BUSY_RETRY_SECONDS)}
    detail = _("We are busy right now. Please try again in a few seconds.")
    if not wants_html(request):
        return Response(
            content={"status_code": 503, "detail": detail},
            status_code=503,
            media_type=MediaType.JSON,
            headers=headers,
        )
    return _page(request, {"status_code": 503, "title": _("Too busy"), "detail": detail}, 503, headers)


# What a database says when it is down, full or locked, rather than when a statement is wrong.
_UNAVAILABLE = (
    "database is locked",
    "too many clients",
    "too many connections",
    "connection refused",
    "the database system is starting up",
    "the database system is shutting down",
    "terminating connection",
    "server closed the connection",
)


def database_unavailable(exc: OperationalError) -> bool:
    """Whether the database refused, dropped or locked us out (retrying helps), not a statement's fault."""
    if exc.connection_invalidated or exc.statement is None:  # no statement: the connect itself failed
        return True
    said = str(exc.orig).lower()
    return any(words in said for words in _UNAVAILABLE)


def operational_error_handler(request: Request[Any, Any, Any], exc: OperationalError) -> Response[Any]:
    """A database that is down, full of connections or locked answers 503 with a retry time; else 500."""
    if database_unavailable(exc):
        return busy_handler(request, exc)
    return internal_error_handler(request, exc)
