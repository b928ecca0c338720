"""Every route × every kind of visitor gets the expected answer; a route without a rule fails here."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from tests.checkins.conftest import add_checkin_world
from tests.factories import PASSWORD, create_topic, create_user
from tests.helpers import csrf_token, login
from tests.notifications.conftest import add_notifications
from tests.programs.conftest import add_program_world
from tests.relationships.conftest import add_relationship
from tests.routes import UNSAFE, concrete, routes

# The coordinator administers the community; the program coordinator coordinates another program only.
PERSONAS = ["anonymous", "mentee", "other_mentee", "mentor", "coordinator", "program_coordinator"]
RELOGIN_AFTER = {"/logout", "/api/v1/auth/logout"}


@dataclass
class World:
    """The people and objects the matrix talks about."""

    clients: dict[str, AsyncTestClient[Litestar]]
    ids: dict[str, str]


def mentee_profile() -> dict[str, Any]:
    return {
        "is_mentee": True,
        "kinds": ["traditional"],
        "goals": "Learn to run events",
        "timezone": "Europe/Paris",
    }


@contextlib.asynccontextmanager
async def make_world(app: Litestar, settings: Settings) -> AsyncIterator[World]:
    """Signed-in clients for each persona and the ids routes need (opened in the test's own task)."""
    mentee = await create_user(settings, "mentee@example.org", profile=mentee_profile())
    other = await create_user(settings, "other@example.org", profile=mentee_profile())
    mentor = await create_user(
        settings, "mentor@example.org", profile={"is_mentor": True, "capacity": 2, "kinds": ["group"]}
    )
    await create_user(settings, "coordinator@example.org", coordinator=True)
    program_coordinator = await create_user(settings, "program.coordinator@example.org")
    bystander = await create_user(settings, "bystander@example.org")
    topic = await create_topic(settings, "Podcasts", curated=False)
    (notification_id,) = await add_notifications(settings, mentee.id, [("proposal", "For the mentee", "/")])
    assert mentee.profile is not None and mentor.profile is not None
    relationship_id, goal_id = await add_relationship(settings, mentor.profile.id, mentee.profile.id)
    checkin_ids = await add_checkin_world(settings, relationship_id)
    assert other.profile is not None
    program_ids = await add_program_world(
        settings, mentee.profile.id, other.profile.id, program_coordinator.id
    )
    async with contextlib.AsyncExitStack() as stack:
        clients: dict[str, AsyncTestClient[Litestar]] = {}
        for persona in PERSONAS:
            # One app per client: each test client runs the app on its own event loop, and asyncpg
            # connections cannot be shared across loops.
            persona_app = app if persona == "anonymous" else create_app(settings)
            client = await stack.enter_async_context(
                AsyncTestClient(app=persona_app, base_url="http://testserver.local")
            )
            clients[persona] = client
            if persona != "anonymous":
                await login(client, EMAILS[persona], PASSWORD)
        yield World(
            clients,
            {
                "profile_id": str(mentee.profile.id),
                "user_id": str(bystander.id),
                "topic_id": str(topic.id),
                "notification_id": str(notification_id),
                "relationship_id": relationship_id,
                "goal_id": goal_id,
                **checkin_ids,
                **program_ids,
            },
        )


EMAILS = {
    "mentee": "mentee@example.org",
    "other_mentee": "other@example.org",
    "mentor": "mentor@example.org",
    "coordinator": "coordinator@example.org",
    "program_coordinator": "program.coordinator@example.org",
}
OUTSIDERS = {"other_mentee", "program_coordinator"}  # in no relationship, and see nobody's profile
# A program's own coordinators (and administrators) see its members, answer its requests and match its
# people by hand; nobody else.
MANAGING = ("/members", "/approve", "/decline", "/invitations", "/match", "/match/search", "/match/preview")
# A program's outcome report and closing its cohort: its coordinators and administrators only.
MANAGING += ("/outcomes", "/outcomes.csv", "/close")
# Participant files in and out of a program: its coordinators and administrators only.
FILES = ("/import", "/export.csv")
# A program's enrolment questions (and so everyone's private answers): its coordinators and administrators.
QUESTIONS = "/questions"


def expected(access: str, persona: str, method: str, path: str) -> set[int] | str:
    """The statuses a persona may get; "allowed" means anything but 401, 403 and 5xx."""
    html = not path.startswith("/api/")
    denied_anonymous = {303} if html else {401}
    if persona == "anonymous" and access in {"signed-in", "coordinator"}:
        return denied_anonymous
    if access == "coordinator" and persona != "coordinator":
        return {403}
    if access == "program-coordinator":
        # The dashboard and the history: administrators, and programs' coordinators for their programs.
        if persona == "anonymous":
            return denied_anonymous
        return "allowed" if persona in {"coordinator", "program_coordinator"} else {403}
    return object_rule(path, method, persona) or "allowed"


# Views filtered to one program (?program=<slug>): the world's program is Leadership, which the
# program coordinator does not coordinate, so they get a 403 there; an unknown program is a 404.
PROGRAM_VIEWS = ("/dashboard", "/events", "/events.csv", "/api/v1/dashboard", "/api/v1/events/")


def program_view_rule(persona: str, path: str, known: bool) -> set[int]:
    """What each persona gets for one program's dashboard or history."""
    if persona == "anonymous":
        return {401} if path.startswith("/api/") else {303}
    if persona == "coordinator":
        return {200} if known else {404}
    return {403}


async def run_program_views(world: World) -> list[str]:
    """Every program-filtered view as every persona, for the world's program and an unknown one."""
    failures = []
    for path in PROGRAM_VIEWS:
        for slug, known in ((world.ids["slug"], True), ("no-such-program", False)):
            for persona in PERSONAS:
                headers = {"accept": "application/json" if path.startswith("/api/") else "text/html"}
                response = await world.clients[persona].get(
                    f"{path}?program={slug}", headers=headers, follow_redirects=False
                )
                want = program_view_rule(persona, path, known)
                if response.status_code not in want:
                    failures.append(f"GET {path}?program={slug} as {persona}: got {response.status_code}")
    return failures


def object_rule(path: str, method: str, persona: str) -> set[int] | None:
    """Rules that depend on whose object it is: the target profile and notification belong to the mentee."""
    if "{slug" in path and any(part in path for part in FILES) and persona != "coordinator":
        return {403}
    if "{slug" in path and QUESTIONS in path and persona != "coordinator":
        return {403, 404}  # 404 once the administrator's turn archived the program
    if "{slug" in path and path.endswith(MANAGING) and persona != "coordinator":
        # 404 once the administrator's turn archived the program; a JSON invitation's body is checked first.
        return {400, 403, 404} if path.startswith("/api/") and path.endswith("/invitations") else {403, 404}
    if "{notification_id" in path:
        return {302, 303} if persona == "mentee" else {404}
    if "{action_item_id" in path and persona in {"mentee", "mentor", "coordinator"}:
        # Only whoever added or owns an action item deletes it (this one has neither), or is asked to
        # confirm deleting it; only members edit.
        if method == "DELETE" or path.endswith("/delete"):
            return {403}
        if path.endswith("/edit") and method == "GET" and persona == "coordinator":
            return {403}
    if "{relationship_id" in path or "{checkin_id" in path or "{action_item_id" in path:
        return relationship_rule(method, persona)
    if "{profile_id" not in path:
        return None
    # The mentor is in a relationship with the mentee, so sees the public profile but cannot edit it.
    if method == "GET":
        return {200} if persona in {"mentee", "mentor", "coordinator"} else {404}
    return {200, 400} if persona == "mentee" else ({403} if persona in {"coordinator", "mentor"} else {404})


def relationship_rule(method: str, persona: str) -> set[int] | None:
    """The relationship is the mentee's and the mentor's: outsiders get 404; coordinators look, may end it."""
    if persona in OUTSIDERS:
        return {404} if method == "GET" else {400, 404}  # a JSON body is checked before the object
    if persona == "coordinator" and method != "GET":
        return {200, 201, 204, 303, 400, 403, 404, 409}
    return None


def test_every_route_declares_an_access_rule(app: Litestar) -> None:
    missing = [(method, path) for method, path, access in routes(app) if access is None]

    assert missing == [], f"routes without opt['access']: {missing}"


async def test_access_matrix(app: Litestar, settings: Settings) -> None:
    async with make_world(app, settings) as world:
        failures = await run_program_views(world)
        failures += await run_matrix(app, world)

    assert failures == [], "\n".join(failures)


async def run_matrix(app: Litestar, world: World) -> list[str]:
    """Send every route as every persona and list the answers that break the rules."""
    failures = []
    for method, template, access in routes(app):
        path = concrete(template, world.ids)
        for persona in PERSONAS:
            client = world.clients[persona]
            headers = {"accept": "application/json" if path.startswith("/api/") else "text/html"}
            if method in UNSAFE:
                headers["x-csrftoken"] = await csrf_token(client)
            response = await client.request(
                method,
                path,
                headers=headers,
                follow_redirects=False,
                **({"json": {}} if path.startswith("/api/") and method in UNSAFE else {}),
            )
            want = expected(access, persona, method, template)
            ok = (
                (response.status_code not in {401, 403} and response.status_code < 500)
                if want == "allowed"
                else response.status_code in want
            )
            if not ok:
                failures.append(f"{method} {path} as {persona}: got {response.status_code}, want {want}")
            if template in RELOGIN_AFTER and persona != "anonymous":
                await login(client, EMAILS[persona], PASSWORD)
    return failures
