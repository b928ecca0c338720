"""Coordinators' topic pages: the curated list, free tags people typed, retired topics."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from mentorship.accounts.auth import COORDINATOR, coordinator
from mentorship.lib.confirm import Confirmation, confirmation_page
from mentorship.lib.flash import flash
from mentorship.lib.htmx import page_or_fragment
from mentorship.lib.i18n import _, ngettext
from mentorship.models import Topic
from mentorship.topics.catalog import CATEGORY_LABELS
from mentorship.topics.curation import (
    STATUSES,
    TEXT_LIMIT,
    TopicCuration,
    TopicIn,
    TopicInvalid,
    TopicNotFound,
    TopicRow,
    topic_as_form_values,
)
from mentorship.topics.deps import provide_curation


def _form_dict(form: Any) -> dict[str, str]:
    return {key: str(form.get(key, "")) for key in ("label", "category", "aliases", "translations", "target")}


class TopicController(Controller):
    """Add, edit, retire, adopt and merge topics."""

    path = "/topics"
    include_in_schema = False
    guards = [coordinator]
    opt = COORDINATOR
    dependencies = {"curation": Provide(provide_curation)}

    @get("/", name="topics")
    async def index(
        self,
        request: HTMXRequest,
        curation: NamedDependency[TopicCuration],
        status: FromQuery[str] = "curated",
        q: FromQuery[str] = "",
    ) -> Template:
        """The topic list with usage counts, or its table alone for htmx."""
        status = status if status in STATUSES else "curated"
        q = q.replace("\x00", "").strip()[:100]
        rows = await curation.rows(status, q)
        targets = await curation.rows("curated") if status != "curated" else rows
        return page_or_fragment(
            request,
            "topics/index.html",
            "topics/_table.html",
            rows=rows,
            status=status,
            q=q,
            targets=[row.topic for row in targets],
        )

    @get("/new", name="topics:new")
    async def new(self) -> Template:
        """An empty topic form."""
        return self._form(None, topic_as_form_values(None), {})

    @post("/", name="topics:create", status_code=303)
    async def create(
        self, request: Request[Any, Any, Any], curation: NamedDependency[TopicCuration]
    ) -> Response[Any]:
        """Add a curated topic."""
        values = _form_dict(await request.form())
        try:
            topic = await curation.create(TopicIn.from_form(values).checked())
        except TopicInvalid as exc:
            return self._form(None, values, exc.errors, status_code=400)
        flash(request, _("“{label}” is on the list.").format(label=topic.label), "success")
        return Redirect("/topics", status_code=303)

    @get("/{topic_id:uuid}/edit", name="topics:edit")
    async def edit(self, topic_id: FromPath[UUID], curation: NamedDependency[TopicCuration]) -> Template:
        """A topic's edit form."""
        topic = await curation.get(topic_id)
        return self._form(topic, topic_as_form_values(topic), {})

    @post("/{topic_id:uuid}", name="topics:update", status_code=303)
    async def update(
        self,
        request: Request[Any, Any, Any],
        topic_id: FromPath[UUID],
        curation: NamedDependency[TopicCuration],
    ) -> Response[Any]:
        """Save a topic's names."""
        topic = await curation.get(topic_id)
        # The form is shown again after a rollback has expired the row: keep what it needs.
        shown = {"id": topic.id, "label": topic.label}
        values = _form_dict(await request.form())
        try:
            await curation.update(topic_id, TopicIn.from_form(values).checked())
        except TopicInvalid as exc:
            await curation.session.rollback()
            return self._form(shown, values, exc.errors, status_code=400)
        flash(request, _("Saved “{label}”.").format(label=values["label"].strip()), "success")
        return Redirect("/topics", status_code=303)

    @get("/{topic_id:uuid}/retire", name="topics:retire-confirm")
    async def confirm_retire(
        self, topic_id: FromPath[UUID], curation: NamedDependency[TopicCuration]
    ) -> Template:
        """Say what retiring a topic changes, with the form that retires it."""
        return confirmation_page(retirement(await curation.row(topic_id)))

    @post("/{topic_id:uuid}/retire", name="topics:retire", status_code=303)
    async def retire(
        self,
        request: Request[Any, Any, Any],
        topic_id: FromPath[UUID],
        curation: NamedDependency[TopicCuration],
    ) -> Response[Any]:
        """Stop suggesting a topic; people who chose it keep it."""
        topic = await curation.set_retired(topic_id, True)
        flash(request, _("“{label}” is retired.").format(label=topic.label), "success")
        return Redirect("/topics?status=retired", status_code=303)

    @post("/{topic_id:uuid}/restore", name="topics:restore", status_code=303)
    async def restore(
        self,
        request: Request[Any, Any, Any],
        topic_id: FromPath[UUID],
        curation: NamedDependency[TopicCuration],
    ) -> Response[Any]:
        """Suggest a retired topic again."""
        topic = await curation.set_retired(topic_id, False)
        flash(request, _("“{label}” is back on the list.").format(label=topic.label), "success")
        return Redirect("/topics", status_code=303)

    @post("/{topic_id:uuid}/adopt", name="topics:adopt", status_code=303)
    async def adopt(
        self,
        request: Request[Any, Any, Any],
        topic_id: FromPath[UUID],
        curation: NamedDependency[TopicCuration],
    ) -> Response[Any]:
        """Put a free tag on the curated list."""
        topic = await curation.adopt(topic_id)
        flash(request, _("“{label}” is now suggested to everyone.").format(label=topic.label), "success")
        return Redirect("/topics?status=free", status_code=303)

    @get("/{topic_id:uuid}/merge", name="topics:merge-confirm")
    async def confirm_merge(
        self,
        request: Request[Any, Any, Any],
        topic_id: FromPath[UUID],
        curation: NamedDependency[TopicCuration],
        target: FromQuery[str] = "",
    ) -> Response[Any]:
        """Say what merging into the chosen topic does, with the form that merges."""
        source = await curation.row(topic_id)
        try:
            into = await curation.get(UUID(target))
        except (ValueError, TopicNotFound):
            into = None
        if into is None or into.id == topic_id:
            label = source.topic.label
            flash(request, _("Choose the topic to merge “{label}” into.").format(label=label), "error")
            return Redirect("/topics?status=free", status_code=303)
        return confirmation_page(merging(source, into))

    @post("/{topic_id:uuid}/merge", name="topics:merge", status_code=303)
    async def merge(
        self,
        request: Request[Any, Any, Any],
        topic_id: FromPath[UUID],
        curation: NamedDependency[TopicCuration],
    ) -> Response[Any]:
        """Fold a duplicate or a free tag into a curated topic."""
        source = await curation.get(topic_id)
        label = source.label
        target = str((await request.form()).get("target", ""))
        try:
            merged = await curation.merge(topic_id, UUID(target))
        except (ValueError, TopicInvalid):
            flash(request, _("Choose the topic to merge “{label}” into.").format(label=label), "error")
            return Redirect("/topics?status=free", status_code=303)
        flash(
            request,
            _("“{source}” is merged into “{target}”.").format(source=label, target=merged.label),
            "success",
        )
        return Redirect("/topics", status_code=303)

    @staticmethod
    def _form(topic: Any, values: dict[str, str], errors: dict[str, str], status_code: int = 200) -> Template:
        return Template(
            "topics/form.html",
            status_code=status_code,
            context={
                "topic": topic,
                "values": values,
                "errors": errors,
                "categories": CATEGORY_LABELS,
                "text_limit": TEXT_LIMIT,
            },
        )


def retirement(row: TopicRow) -> Confirmation:
    """What retiring a topic changes, and for how many people."""
    label = row.topic.label
    kept = (
        ngettext(
            "The {n} person who chose it keeps it on their profile.",
            "The {n} people who chose it keep it on their profiles.",
            row.people,
        ).format(n=row.people)
        if row.people
        else _("Nobody has chosen it yet.")
    )
    return Confirmation(
        title=_("Retire “{label}”?").format(label=label),
        effects=(
            _("“{label}” is no longer suggested when people name what they offer and seek.").format(
                label=label
            ),
            kept,
        ),
        undo=_("You can restore it from the retired topics."),
        action=f"/topics/{row.topic.id}/retire",
        button=_("Retire “{label}”").format(label=label),
        cancel="/topics",
    )


def merging(row: TopicRow, into: Topic) -> Confirmation:
    """What merging a topic into another does, for how many people."""
    source, target = row.topic.label, into.label
    return Confirmation(
        title=_("Merge “{source}” into “{target}”?").format(source=source, target=target),
        effects=(
            ngettext(
                "The {n} person who chose “{source}” gets “{target}” instead.",
                "The {n} people who chose “{source}” get “{target}” instead.",
                row.people,
            ).format(n=row.people, source=source, target=target),
            _("“{source}” becomes another name for “{target}”, and is deleted as a topic of its own.").format(
                source=source, target=target
            ),
        ),
        action=f"/topics/{row.topic.id}/merge",
        button=_("Merge into “{target}”").format(target=target),
        cancel="/topics?status=free",
        danger=True,
        fields={"target": str(into.id)},
    )
