"""Dependencies and helpers the check-in handlers share: the services, the signed-in user, refusals."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, TypeVar

from litestar import Request
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException, PermissionDeniedException
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import current_user
from mentorship.checkins.agendas import TemplateService
from mentorship.checkins.services import CheckinForbidden, CheckinNotFound, CheckinService
from mentorship.lib.i18n import _
from mentorship.models import User

T = TypeVar("T")


async def provide_checkins(db_session: NamedDependency[AsyncSession]) -> CheckinService:
    """The check-in service on the request's database session."""
    return CheckinService(db_session)


def me(request: Request[Any, Any, Any]) -> User:
    """The signed-in user (routes here are guarded)."""
    user = current_user(request)
    assert user is not None
    return user


async def guarded(call: Awaitable[T]) -> T:
    """Map the service's refusals to HTTP: unknown or not mine is 404, read-only is 403."""
    try:
        return await call
    except CheckinNotFound as exc:
        raise NotFoundException() from exc
    except CheckinForbidden as exc:
        raise PermissionDeniedException(_("Only the people in this relationship can change it.")) from exc


async def form_of(request: Request[Any, Any, Any]) -> dict[str, str]:
    """The submitted form as plain strings (NUL characters dropped)."""
    form = await request.form()
    return {key: str(value).replace("\x00", "") for key, value in form.items()}


async def provide_templates(db_session: NamedDependency[AsyncSession]) -> TemplateService:
    """The template service on the request's database session."""
    return TemplateService(db_session)
