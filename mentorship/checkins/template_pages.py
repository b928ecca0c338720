"""Coordinators' template pages: the list, a form to add or edit (a new version), retire and restore."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.response import Redirect, Template

from mentorship.accounts.auth import COORDINATOR, coordinator
from mentorship.checkins.agendas import (
    TemplateIn,
    TemplateInvalid,
    TemplateService,
    template_form_values,
)
from mentorship.checkins.deps import form_of, provide_templates
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import CheckinTemplate, TemplateKind, User

KIND_LABELS = {
    TemplateKind.FIRST: "First meeting",
    TemplateKind.REGULAR: "Regular check-in",
    TemplateKind.CLOSING: "Closing meeting",
    TemplateKind.TOPIC: "Topic agenda",
}


class TemplateController(Controller):
    """Agenda templates for check-ins."""

    path = "/checkin-templates"
    include_in_schema = False
    guards = [coordinator]
    opt = COORDINATOR
    dependencies = {"templates": Provide(provide_templates)}

    @get("/", name="checkin-templates")
    async def index(self, templates: NamedDependency[TemplateService]) -> Template:
        """Every template's current version, retired ones last."""
        rows = await templates.current(include_retired=True)
        rows.sort(key=lambda t: t.retired)
        return Template("checkins/templates.html", context={"rows": rows, "kinds": KIND_LABELS})

    @get("/new", name="checkin-templates:new")
    async def new(self) -> Template:
        """An empty template form."""
        return self._form(None, template_form_values(None), {})

    @post("/", name="checkin-templates:create", status_code=303)
    async def create(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        templates: NamedDependency[TemplateService],
    ) -> Response[Any]:
        """Add a template."""
        values = await form_of(request)
        try:
            template = await templates.create(TemplateIn.from_form(values).checked(), me)
        except TemplateInvalid as exc:
            return self._form(None, values, exc.errors, status_code=400)
        flash(request, _("“{title}” is ready to use.").format(title=template.title), "success")
        return Redirect("/checkin-templates", status_code=303)

    @get("/{template_id:uuid}/edit", name="checkin-templates:edit")
    async def edit(
        self, template_id: FromPath[UUID], templates: NamedDependency[TemplateService]
    ) -> Template:
        """A template's form, with its earlier versions."""
        template = await templates.get(template_id)
        versions = await templates.versions(template.key)
        return self._form(template, template_form_values(template), {}, versions=versions)

    @post("/{template_id:uuid}", name="checkin-templates:update", status_code=303)
    async def update(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        template_id: FromPath[UUID],
        templates: NamedDependency[TemplateService],
    ) -> Response[Any]:
        """Save an edit as a new version."""
        template = await templates.get(template_id)
        values = await form_of(request)
        try:
            saved = await templates.update(template_id, TemplateIn.from_form(values).checked(), me)
        except TemplateInvalid as exc:
            return self._form(template, values, exc.errors, status_code=400)
        flash(request, _("Saved as version {n}.").format(n=saved.version), "success")
        return Redirect("/checkin-templates", status_code=303)

    @post("/{template_id:uuid}/retire", name="checkin-templates:retire", status_code=303)
    async def retire(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        template_id: FromPath[UUID],
        templates: NamedDependency[TemplateService],
    ) -> Response[Any]:
        """Stop offering a template; check-ins that used it keep it."""
        await templates.get(template_id)
        template = await templates.set_retired(template_id, True, me)
        flash(request, _("“{title}” is retired.").format(title=template.title), "success")
        return Redirect("/checkin-templates", status_code=303)

    @post("/{template_id:uuid}/restore", name="checkin-templates:restore", status_code=303)
    async def restore(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        template_id: FromPath[UUID],
        templates: NamedDependency[TemplateService],
    ) -> Response[Any]:
        """Offer a retired template again."""
        await templates.get(template_id)
        template = await templates.set_retired(template_id, False, me)
        flash(request, _("“{title}” is offered again.").format(title=template.title), "success")
        return Redirect("/checkin-templates", status_code=303)

    @staticmethod
    def _form(
        template: CheckinTemplate | None,
        values: dict[str, str],
        errors: dict[str, str],
        status_code: int = 200,
        versions: list[CheckinTemplate] | None = None,
    ) -> Template:
        context = {
            "template": template,
            "values": values,
            "errors": errors,
            "kinds": KIND_LABELS,
            "versions": versions or [],
        }
        return Template("checkins/template_form.html", status_code=status_code, context=context)
