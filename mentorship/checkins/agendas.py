"""Coordinators keep the agenda templates: create, edit (a new version each time) and retire."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any
from uuid import UUID

import msgspec
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.services import record
from mentorship.lib.errors import Invalid, NotFound
from mentorship.lib.i18n import _
from mentorship.models import CheckinTemplate, TemplateKind, User

MAX_SECTIONS = 20


class TemplateNotFound(NotFound):
    """No template with that id."""


class TemplateInvalid(Invalid):
    """The submitted template has field errors."""

    summary = "Invalid values"


@dataclass(frozen=True)
class TemplateForm:
    """A template as coordinators write it."""

    title: str
    kind: TemplateKind
    description: str
    sections: list[dict[str, str]]


def _clean(value: Any) -> str:
    return str(value or "").replace("\x00", "").strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "section"


KINDS = [k.value for k in TemplateKind]
KindName = Annotated[
    str,
    msgspec.Meta(description="What the template is for.", extra_json_schema={"extra": {"enum": KINDS}}),
]


class SectionIn(msgspec.Struct, forbid_unknown_fields=True):
    """A template section: its title (up to 200 characters) and prompt (up to 1000)."""

    title: str
    prompt: str = ""
    key: Annotated[str, msgspec.Meta(description="Kept across versions; made from the title if blank.")] = ""


def _sections(text: str) -> list[SectionIn]:
    """The form's textarea, one "Title: prompt" per line; lines without a title are skipped."""
    lines = (line.partition(":") for line in text.splitlines())
    return [SectionIn(title, prompt) for title, _sep, prompt in lines if title.strip()]


class TemplateIn(msgspec.Struct, forbid_unknown_fields=True):
    """A template as the API receives it and the form builds it; ``checked`` is its one rule."""

    title: Annotated[str, msgspec.Meta(description="Up to 200 characters.")]
    sections: Annotated[list[SectionIn], msgspec.Meta(description=f"1 to {MAX_SECTIONS} sections.")]
    kind: KindName = TemplateKind.TOPIC.value
    description: Annotated[str, msgspec.Meta(description="Up to 2000 characters.")] = ""

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> TemplateIn:
        """The form's fields as typed."""
        kind = str(form.get("kind") or TemplateKind.TOPIC.value)
        sections = _sections(str(form.get("sections") or ""))
        return cls(str(form.get("title") or ""), sections, kind, str(form.get("description") or ""))

    def checked(self) -> TemplateForm:
        """Cleaned and checked; TemplateInvalid says what is wrong, by field."""
        errors: dict[str, str] = {}
        title = _clean(self.title)
        if not title:
            errors["title"] = _("Give the template a title.")
        elif len(title) > 200:
            errors["title"] = _("Keep the title under 200 characters.")
        kind = next((k for k in TemplateKind if k.value == _clean(self.kind)), None)
        if kind is None:
            errors["kind"] = _("Choose what the template is for.")
        description = _clean(self.description)
        if len(description) > 2000:
            errors["description"] = _("Keep the description under 2000 characters.")
        sections = _checked_sections(self.sections)
        if not sections:
            errors["sections"] = _("Add at least one section: a title, then a colon and a prompt.")
        elif any(not s["title"] or len(s["title"]) > 200 or len(s["prompt"]) > 1000 for s in sections):
            errors["sections"] = _("Give each section a title under 200 characters and a prompt under 1000.")
        elif len(sections) > MAX_SECTIONS:
            errors["sections"] = _("At most {count} sections.").format(count=MAX_SECTIONS)
        if errors:
            raise TemplateInvalid(errors)
        assert kind is not None
        return TemplateForm(title=title, kind=kind, description=description, sections=sections)


def _checked_sections(items: list[SectionIn]) -> list[dict[str, str]]:
    """Sections cleaned, each with a unique key."""
    sections: list[dict[str, str]] = []
    keys: set[str] = set()
    for item in items:
        title = _clean(item.title)
        key = _slug(_clean(item.key) or title)
        while key in keys:
            key += "-2"
        keys.add(key)
        sections.append({"key": key, "title": title, "prompt": _clean(item.prompt)})
    return sections


def template_form_values(template: CheckinTemplate | None) -> dict[str, str]:
    """A template's values as the edit form shows them."""
    if template is None:
        return {"title": "", "kind": "topic", "description": "", "sections": ""}
    lines = [f"{s.get('title', '')}: {s.get('prompt', '')}".rstrip(": ") for s in template.sections]
    return {
        "title": template.title,
        "kind": template.kind.value,
        "description": template.description,
        "sections": "\n".join(lines),
    }


class TemplateService:
    """Queries and changes behind the template pages and API."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def current(self, include_retired: bool = False) -> list[CheckinTemplate]:
        """The current version of every template, first meetings and regular ones first."""
        query = select(CheckinTemplate).where(CheckinTemplate.current)
        if not include_retired:
            query = query.where(~CheckinTemplate.retired)
        order = {
            TemplateKind.FIRST: 0,
            TemplateKind.REGULAR: 1,
            TemplateKind.CLOSING: 2,
            TemplateKind.TOPIC: 3,
        }
        found = list((await self.session.execute(query)).scalars())
        return sorted(found, key=lambda t: (order[t.kind], t.title.lower()))

    async def get(self, template_id: UUID) -> CheckinTemplate:
        """One template version."""
        template = await self.session.get(CheckinTemplate, template_id)
        if template is None:
            raise TemplateNotFound(template_id)
        return template

    async def versions(self, key: str) -> list[CheckinTemplate]:
        """Every version of a template, newest first."""
        query = select(CheckinTemplate).where(CheckinTemplate.key == key)
        return list((await self.session.execute(query.order_by(CheckinTemplate.version.desc()))).scalars())

    async def create(self, form: TemplateForm, by: User) -> CheckinTemplate:
        """Add a template (version 1)."""
        base = _slug(form.title)
        taken = set((await self.session.execute(select(CheckinTemplate.key))).scalars())
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        template = CheckinTemplate(
            key=key,
            version=1,
            title=form.title,
            kind=form.kind,
            description=form.description,
            sections=form.sections,
            built_in=False,
            current=True,
            retired=False,
            created_by_id=by.id,
        )
        self.session.add(template)
        await self.session.flush()
        record(self.session, "template.created", "checkin_template", template.id, by.id, title=form.title)
        await self.session.commit()
        return template

    async def update(self, template_id: UUID, form: TemplateForm, by: User) -> CheckinTemplate:
        """Save an edit as a new version; check-ins made from older versions keep theirs."""
        old = await self.get(template_id)
        latest = (await self.versions(old.key))[0]
        await self.session.execute(
            update(CheckinTemplate).where(CheckinTemplate.key == old.key).values(current=False)
        )
        template = CheckinTemplate(
            key=old.key,
            version=latest.version + 1,
            title=form.title,
            kind=form.kind,
            description=form.description,
            sections=form.sections,
            built_in=old.built_in,
            current=True,
            retired=latest.retired,
            created_by_id=by.id,
        )
        self.session.add(template)
        await self.session.flush()
        record(
            self.session,
            "template.updated",
            "checkin_template",
            template.id,
            by.id,
            title=form.title,
            version=template.version,
        )
        await self.session.commit()
        return template

    async def set_retired(self, template_id: UUID, retired: bool, by: User) -> CheckinTemplate:
        """Stop (or start again) offering a template for new check-ins."""
        template = await self.get(template_id)
        await self.session.execute(
            update(CheckinTemplate).where(CheckinTemplate.key == template.key).values(retired=retired)
        )
        record(
            self.session,
            "template.retired" if retired else "template.restored",
            "checkin_template",
            template.id,
            by.id,
            title=template.title,
        )
        await self.session.commit()
        await self.session.refresh(template)
        return template
