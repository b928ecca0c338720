"""Dependencies and helpers the check-in handlers share: the services, the signed-in user, refusals."""

from __future__ import annotations

from typing import Any, TypeVar

from litestar import Request
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.agendas import TemplateService
from mentorship.checkins.services import CheckinService

T = TypeVar("T")


async def provide_checkins(db_session: NamedDependency[AsyncSession]) -> CheckinService:
    """The check-in service on the request's database session."""
    return CheckinService(db_session)


async def form_of(request: Request[Any, Any, Any]) -> dict[str, str]:
    """The submitted form as plain strings (NUL characters dropped)."""
    form = await request.form()
    return {key: str(value).replace("\x00", "") for key, value in form.items()}


async def provide_templates(db_session: NamedDependency[AsyncSession]) -> TemplateService:
    """The template service on the request's database session."""
    return TemplateService(db_session)
