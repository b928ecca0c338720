"""The pages each role reaches: one list for the accessibility, phone and screenshot checks."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass

from playwright.sync_api import Page
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from mentorship.demo.community import COORDINATOR_EMAIL
from mentorship.models import (
    Checkin,
    MemberRole,
    Profile,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    User,
)
from tests.databases import in_thread

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
RELATIONSHIP = rf"^/relationships/{UUID}$"
CHECKIN = rf"^/checkins/{UUID}$"
PROFILE = rf"^/profiles/{UUID}$"


@dataclass(frozen=True)
class Step:
    """Open ``path``, then for each pattern in ``follow`` the first link on the page whose address matches."""

    name: str
    path: str
    follow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Journey:
    """A demo person and the pages they visit, in order."""

    role: str
    email: str
    steps: tuple[Step, ...]


PROFILE_STEPS = ("roles", "goals", "topics", "practical", "mentoring", "private")

PARTICIPANT = (
    Step("home", "/"),
    Step("proposals", "/proposals"),
    Step("proposal", "/proposals", (rf"^/proposals/{UUID}$",)),
    Step("suggestions", "/suggestions"),
    Step("relationships", "/relationships"),
    Step("relationship", "/relationships", (RELATIONSHIP,)),
    Step("checkin", "/relationships", (RELATIONSHIP, CHECKIN)),
    Step("checkins", "/relationships", (RELATIONSHIP, CHECKIN, rf"^/relationships/{UUID}/checkins$")),
    Step("plan-checkin", "/relationships", (RELATIONSHIP, rf"^/relationships/{UUID}/checkins/new$")),
    Step("partner-profile", "/relationships", (RELATIONSHIP, PROFILE)),
    Step("end-relationship", "/relationships", (RELATIONSHIP, rf"^/relationships/{UUID}/end$")),
    Step("profile", "/profile"),
    *(Step(f"profile-{slug}", f"/profile/edit/{slug}") for slug in PROFILE_STEPS),
    Step("notifications", "/notifications"),
    Step("wellbeing", "/me/wellbeing"),
    Step("calendar", "/me/calendar"),
    Step("account", "/account"),
    Step("password", "/account/password"),
    Step("email-settings", "/account/notifications"),
    Step("not-found", "/no-such-page"),
)

COORDINATOR = (
    Step("home", "/"),
    Step("dashboard", "/dashboard"),
    Step("roster", "/roster"),
    Step("rounds", "/rounds"),
    Step("round", "/rounds", (rf"^/rounds/{UUID}$",)),
    Step("person", "/roster", (PROFILE,)),
    Step("make-coordinator", "/roster", (rf"^/roster/{UUID}/promote$",)),
    Step("topics", "/topics"),
    Step("topic-new", "/topics/new"),
    Step("topic-edit", "/topics", (rf"^/topics/{UUID}/edit$",)),
    Step("agendas", "/checkin-templates"),
    Step("agenda-new", "/checkin-templates/new"),
    Step("agenda-edit", "/checkin-templates", (rf"^/checkin-templates/{UUID}/edit$",)),
    Step("events", "/events"),
    Step("wellbeing", "/wellbeing"),
    Step("proposals", "/proposals"),
    Step("relationship", "/dashboard", (RELATIONSHIP,)),
    Step("checkin", "/dashboard", (RELATIONSHIP, CHECKIN)),
    Step("relationships", "/relationships"),
    Step("profile", "/profile"),
    Step("notifications", "/notifications"),
    Step("account", "/account"),
    Step("password", "/account/password"),
    Step("not-found", "/no-such-page"),
)


def _with_open(steps: tuple[Step, ...], extra: tuple[Step, ...]) -> tuple[Step, ...]:
    return steps[:-1] + extra + steps[-1:]


def journeys(database_url: str) -> list[Journey]:
    """A mentee and a mentor of an active demo relationship that has check-ins, and the coordinator."""
    mentee, mentor = in_thread(lambda: asyncio.run(_active_pair(database_url)))
    mentor_steps = _with_open(PARTICIPANT, (Step("load", "/me/load"),))
    return [
        Journey("mentee", mentee, PARTICIPANT),
        Journey("mentor", mentor, mentor_steps),
        Journey("coordinator", COORDINATOR_EMAIL, COORDINATOR),
    ]


async def _active_pair(database_url: str) -> tuple[str, str]:
    """Emails of the mentee and mentor of the active relationship with the most check-ins."""
    engine = create_async_engine(database_url)
    checkins = (
        select(Checkin.relationship_id, func.count().label("n")).group_by(Checkin.relationship_id).subquery()
    )
    query = (
        select(Relationship.id, RelationshipMember.role, User.email)
        .join(checkins, checkins.c.relationship_id == Relationship.id)
        .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
        .join(Profile, Profile.id == RelationshipMember.profile_id)
        .join(User, User.id == Profile.user_id)
        .where(Relationship.status == RelationshipStatus.ACTIVE)
        .order_by(checkins.c.n.desc(), Relationship.id)
    )
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(query)).all()
    finally:
        await engine.dispose()
    members: dict[object, dict[MemberRole, str]] = {}
    for relationship_id, role, email in rows:
        members.setdefault(relationship_id, {})[role] = email
    pair = next(m for m in members.values() if MemberRole.MENTEE in m and MemberRole.MENTOR in m)
    return pair[MemberRole.MENTEE], pair[MemberRole.MENTOR]


def visit(page: Page, step: Step) -> str:
    """Open a step's page and return its address (path); fail readably when the link is missing."""
    response = page.goto(step.path)
    for follow in step.follow:
        pattern = re.compile(follow)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        target = next((h for h in hrefs if pattern.match(h.split("?")[0])), None)
        if target is None:
            raise AssertionError(f"{step.name}: no link matching {follow} on {page.url}")
        response = page.goto(target)
    page.wait_for_load_state("load")
    if step.name != "not-found":
        status = response.status if response is not None else 0
        assert status < 400, f"{step.name}: {page.url} answered {status}"
    return page.url


def walk(page: Page, journey: Journey) -> Iterator[tuple[Step, str]]:
    """Visit every step of a journey in turn (the page is signed in already)."""
    for step in journey.steps:
        yield step, visit(page, step)
