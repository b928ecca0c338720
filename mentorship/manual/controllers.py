"""The match page: search a program's members, see a pairing's fit, propose it or start it now."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.config import Settings
from mentorship.lib.errors import DomainError
from mentorship.lib.flash import flash
from mentorship.lib.htmx import is_fragment_request
from mentorship.lib.i18n import _
from mentorship.manual.deps import provide_matches
from mentorship.manual.forms import PickIn
from mentorship.manual.preview import Preview
from mentorship.manual.services import MatchService, search_both
from mentorship.models import Kind, User

KINDS = [kind.value for kind in Kind]


def typed(form: Any) -> dict[str, Any]:
    """What the match form sent, as the page shows it again."""
    keys = ("kind", "mentee_q", "mentor_q", "mentor", "reason", "action")
    values: dict[str, Any] = {key: str(form.get(key, "") or "") for key in keys}
    values["kind"] = values["kind"] if values["kind"] in KINDS else Kind.TRADITIONAL.value
    values["mentee"] = [str(v) for v in form.getall("mentee", []) if v]
    values["full_ok"] = bool(form.get("mentor_is_full_ok"))
    return values


def _ids(raw: list[str]) -> list[UUID]:
    found = []
    for value in raw:
        try:
            found.append(UUID(value))
        except ValueError:
            continue
    return found


class MatchController(Controller):
    """Manual matching for a program's coordinators and the community's administrators."""

    path = "/programs/{slug:str}/match"
    include_in_schema = False
    dependencies = {"matches": Provide(provide_matches)}

    @get("/", name="match", guards=[signed_in], opt=SIGNED_IN)
    async def page(
        self,
        request: HTMXRequest,
        slug: FromPath[str],
        matches: NamedDependency[MatchService],
        me: NamedDependency[User],
        settings: NamedDependency[Settings],
    ) -> Template:
        """Search both sides; with a mentee and a mentor (or two peers) chosen, the fit and warnings."""
        values = typed(request.query_params)
        context = await _context(matches, slug, me, values, settings)
        # The preview alone for htmx, unless the kind or the search changed the whole page.
        partial = is_fragment_request(request) and not request.query_params.get("whole")
        name = "manual/_preview.html" if partial else "manual/match.html"
        return Template(name, context=context, headers={"Vary": "HX-Request"})

    @get("/search", name="match:search", guards=[signed_in], opt=SIGNED_IN)
    async def search(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        matches: NamedDependency[MatchService],
        me: NamedDependency[User],
    ) -> Template:
        """One search box's results (htmx), the people chosen in it kept."""
        values = typed(request.query_params)
        box = "mentor" if request.query_params.get("box") == "mentor" else "mentee"
        found = await _search(matches, slug, me, values)
        people = found.mentors if box == "mentor" else found.mentees
        context = {"box": box, "people": people, "values": values, "slug": slug}
        return Template("manual/_results.html", context=context)

    @post("/", name="match:send", guards=[signed_in], opt=SIGNED_IN, status_code=303)
    async def send(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        matches: NamedDependency[MatchService],
        me: NamedDependency[User],
        settings: NamedDependency[Settings],
    ) -> Response[Any]:
        """Send the pairing as a proposal, or start it now with the reason given."""
        values = typed(await request.form())
        try:
            made = await matches.send(slug, me, values, settings)
        except DomainError as exc:
            return await _refused(matches, slug, me, values, settings, exc)
        if made.relationship_id is not None:
            flash(request, _("The relationship has started; the reason is in the history."), "success")
            return Redirect(f"/relationships/{made.relationship_id}", status_code=303)
        flash(request, _("The proposal is sent: everyone in it is notified and answers as usual."), "success")
        return Redirect(f"/programs/{slug}/match", status_code=303)


async def _refused(
    matches: MatchService, slug: str, me: User, values: dict[str, Any], settings: Settings, exc: DomainError
) -> Template:
    """The page again with what was typed and why it was not made; a refusal of access stays one."""
    await matches.session.rollback()
    if exc.status_code in (403, 404) or not (exc.errors or exc.detail()):
        raise exc
    context = await _context(matches, slug, me, values, settings)
    context["action_errors"] = exc.errors or {"action": exc.detail() or ""}
    return Template("manual/match.html", context=context, status_code=exc.status_code)


async def _search(matches: MatchService, slug: str, me: User, values: dict[str, Any]) -> Any:
    mentor = _ids([values["mentor"]]) if values["mentor"] else []
    return await search_both(matches, slug, me, values["kind"], values, (_ids(values["mentee"]), mentor))


async def _context(
    matches: MatchService, slug: str, me: User, values: dict[str, Any], settings: Settings
) -> dict[str, Any]:
    """The page's search results and, when the pairing is complete, its preview or why it cannot be."""
    program = await matches.program(slug, me)
    found = await _search(matches, slug, me, values)
    preview: Preview | None = None
    errors: dict[str, str] = {}
    if values["mentee"] and values["mentor"]:
        try:
            preview = await matches.preview(
                slug, me, PickIn.from_form(values, values["mentee"]).checked(), settings.load_threshold
            )
        except DomainError as exc:
            errors = exc.errors or {"pick": exc.detail() or ""}
    return {
        "program": program,
        "kinds": KINDS,
        "values": values,
        "found": found,
        "preview": preview,
        "errors": errors,
        "action_errors": {},
    }
