"""GET /healthz: is the app up and can it reach its database?"""

from __future__ import annotations

from typing import Any

from litestar import Controller, MediaType, Response, get
from litestar.di import NamedDependency
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship import __version__
from mentorship.accounts.auth import PUBLIC


class HealthController(Controller):
    """Health checks."""

    tags = ["health"]

    @get("/healthz", name="health", media_type=MediaType.JSON, cache=False, opt=PUBLIC)
    async def health(self, db_session: NamedDependency[AsyncSession]) -> Response[dict[str, Any]]:
        """Report the app's status and whether the database answers."""
        try:
            await db_session.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError) as exc:
            body = {"status": "unavailable", "database": "error", "detail": type(exc).__name__}
            return Response(content=body, status_code=503)
        dialect = db_session.bind.dialect.name if db_session.bind else "unknown"
        return Response(
            content={"status": "ok", "database": "ok", "dialect": dialect, "version": __version__}
        )
