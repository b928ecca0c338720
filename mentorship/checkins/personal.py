"""My wellbeing trend and my calendar link; the coordinators' aggregate view; the public feed URL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import COORDINATOR, PUBLIC, SIGNED_IN, coordinator, signed_in
from mentorship.checkins.ical import active_feed, feed_ics, feed_owner, regenerate_feed, revoke_feeds
from mentorship.checkins.pulse import MIN_GROUP, my_answers, pulse_aggregates, support_requests, trend_svg
from mentorship.config import Settings
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import User

AGGREGATE_WINDOW = timedelta(days=90)


class WellbeingController(Controller):
    """The pulse as each person sees their own, and as coordinators see the program."""

    include_in_schema = False

    @get("/me/wellbeing", name="wellbeing:mine", guards=[signed_in], opt=SIGNED_IN)
    async def mine(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
    ) -> Template:
        """My own answers over time: a chart and a table (nobody else sees these)."""
        answers = await my_answers(db_session, me)
        chart = Markup(trend_svg(answers)) if answers else ""  # noqa: S704  (numbers and escaped text only)
        return Template("checkins/wellbeing.html", context={"answers": answers, "chart": chart})

    @get("/wellbeing", name="wellbeing:program", guards=[coordinator], opt=COORDINATOR)
    async def program(self, db_session: NamedDependency[AsyncSession]) -> Template:
        """Aggregates over five or more people, and the people who asked for support."""
        since = datetime.now(UTC) - AGGREGATE_WINDOW
        context = {
            "aggregates": await pulse_aggregates(db_session, since),
            "requests": await support_requests(db_session),
            "min_group": MIN_GROUP,
            "days": AGGREGATE_WINDOW.days,
        }
        return Template("checkins/program_wellbeing.html", context=context)


class CalendarController(Controller):
    """My secret calendar link, and the feed behind it."""

    include_in_schema = False

    @get("/me/calendar", name="calendar:mine", guards=[signed_in], opt=SIGNED_IN)
    async def mine(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> Template:
        """Show my feed URL to copy, with buttons to make a new one or switch it off."""
        feed = await active_feed(db_session, me.id)
        base = settings.link_base(str(request.base_url))
        url = f"{base}/calendar/{feed.token}.ics" if feed else ""
        return Template("checkins/calendar.html", context={"feed": feed, "url": url})

    @post("/me/calendar", name="calendar:regenerate", guards=[signed_in], opt=SIGNED_IN, status_code=303)
    async def regenerate(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
    ) -> Redirect:
        """Make a new secret URL; the old one stops working."""
        await regenerate_feed(db_session, me.id)
        flash(request, _("Your calendar link is ready. Any earlier link no longer works."), "success")
        return Redirect("/me/calendar", status_code=303)

    @post("/me/calendar/revoke", name="calendar:revoke", guards=[signed_in], opt=SIGNED_IN, status_code=303)
    async def revoke(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
    ) -> Redirect:
        """Switch my calendar link off."""
        await revoke_feeds(db_session, me.id)
        await db_session.commit()
        flash(request, _("Your calendar link is switched off."), "success")
        return Redirect("/me/calendar", status_code=303)

    @get("/calendar/{token:str}", name="calendar:feed", opt=PUBLIC)
    async def feed(
        self,
        request: Request[Any, Any, Any],
        token: FromPath[str],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> Response[bytes]:
        """The iCalendar feed: public, but only an unguessable, unrevoked token finds it."""
        owner = await feed_owner(db_session, token.removesuffix(".ics")) if token.endswith(".ics") else None
        if owner is None:
            raise NotFoundException()
        body = await feed_ics(db_session, owner, settings.link_base(str(request.base_url)))
        return Response(
            body,
            media_type="text/calendar",
            headers={"cache-control": "private, max-age=300", "x-robots-tag": "noindex"},
        )
