"""The landing page and the community summary API."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import PUBLIC
from mentorship.home.schemas import CommunitySummary
from mentorship.home.services import CommunityService


async def provide_community(db_session: NamedDependency[AsyncSession]) -> CommunityService:
    """The community service on the request's database session."""
    return CommunityService(db_session)


class HomeController(Controller):
    """The landing page."""

    include_in_schema = False
    dependencies = {"community": Provide(provide_community)}

    @get("/", name="home", opt=PUBLIC)
    async def home(self, request: HTMXRequest, community: NamedDependency[CommunityService]) -> Template:
        """Show the community at a glance."""
        return Template("home/index.html", context={"summary": await community.summary()})


class CommunityApiController(Controller):
    """Aggregate figures about the community, for dashboards and scripts."""

    path = "/api/v1/community"
    tags = ["community"]
    dependencies = {"community": Provide(provide_community)}

    @get("/", name="api:community", opt=PUBLIC)
    async def summary(self, community: NamedDependency[CommunityService]) -> CommunitySummary:
        """People by role, topics in demand, languages and regions (counts only)."""
        return await community.summary()
