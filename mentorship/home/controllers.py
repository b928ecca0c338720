"""The landing pages (a personal home when signed in, the community for visitors) and the community API."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import PUBLIC, current_user
from mentorship.config import Settings
from mentorship.home.personal import PersonalHomeService
from mentorship.home.schemas import CommunitySummary
from mentorship.home.services import FIGURES_STORE, CommunityService
from mentorship.lib.figures import FIGURES_STORE as COORDINATOR_FIGURES


async def provide_community(
    db_session: NamedDependency[AsyncSession], request: Request[Any, Any, Any]
) -> CommunityService:
    """The community service on the request's database session, its figures kept in the shared store."""
    return CommunityService(db_session, request.app.stores.get(FIGURES_STORE))


async def provide_personal(
    db_session: NamedDependency[AsyncSession], request: Request[Any, Any, Any]
) -> PersonalHomeService:
    """The personal home's service on the request's database session, a coordinator's counts kept."""
    return PersonalHomeService(db_session, request.app.stores.get(COORDINATOR_FIGURES))


async def community_page(community: CommunityService) -> Template:
    """The community at a glance, for visitors and members alike."""
    return Template("home/index.html", context={"summary": await community.summary()})


class HomeController(Controller):
    """The landing pages."""

    include_in_schema = False
    dependencies = {"community": Provide(provide_community), "personal": Provide(provide_personal)}

    @get("/", name="home", opt=PUBLIC)
    async def home(
        self,
        request: HTMXRequest,
        community: NamedDependency[CommunityService],
        personal: NamedDependency[PersonalHomeService],
        settings: NamedDependency[Settings],
    ) -> Template:
        """What needs me now when I am signed in; the community at a glance for visitors."""
        user = current_user(request)
        if user is None:
            return await community_page(community)
        home = await personal.home(user, settings.load_threshold)
        return Template("home/personal.html", context={"home": home, "user": user})

    @get("/community", name="community", opt=PUBLIC)
    async def community(self, community: NamedDependency[CommunityService]) -> Template:
        """The community at a glance."""
        return await community_page(community)


class CommunityApiController(Controller):
    """Aggregate figures about the community, for dashboards and scripts."""

    path = "/api/v1/community"
    tags = ["community"]
    dependencies = {"community": Provide(provide_community)}

    @get("/", name="api:community", opt=PUBLIC)
    async def summary(self, community: NamedDependency[CommunityService]) -> CommunitySummary:
        """People by role, topics in demand, languages and regions (counts only)."""
        return await community.summary()
