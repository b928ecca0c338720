"""Coordinators curate the topic list: add, edit, retire, adopt free tags and merge duplicates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any
from uuid import UUID

import msgspec
from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.stale import every_list_stale
from mentorship.lib.errors import Invalid, NotFound
from mentorship.lib.i18n import _
from mentorship.models import ProfileTopic, Topic, TopicDirection
from mentorship.topics.catalog import CATEGORY_LABELS, LANGUAGES, normalise_tag, resolve_topic
from mentorship.topics.labels import forget_labels

STATUSES = ("curated", "free", "retired", "all")
MAX_ALIASES = 30
MAX_TRANSLATIONS = 50
TEXT_LIMIT = 4000  # the other names or translations as typed in the form, one field each


class TopicNotFound(NotFound):
    """No topic with that id."""


class TopicInvalid(Invalid):
    """The submitted topic has field errors."""

    summary = "Invalid topic"


@dataclass(frozen=True)
class TopicForm:
    """A topic as coordinators edit it: plain values, checked by :meth:`TopicIn.checked`."""

    label: str = ""
    category: str = ""
    aliases: tuple[str, ...] = ()
    translations: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TopicRow:
    """A topic with how many people offer and seek it."""

    topic: Topic
    offers: int
    seeks: int

    @property
    def people(self) -> int:
        """People who name it either way."""
        return self.offers + self.seeks


def _lines(raw: str) -> list[str]:
    """Split on newlines and commas, dropping blanks."""
    return [
        part.strip()
        for line in raw.replace("\x00", "").splitlines()
        for part in line.split(",")
        if part.strip()
    ]


def _clean(value: str) -> str:
    return value.replace("\x00", "").strip()


def _translation_lines(text: str) -> tuple[dict[str, str], str | None]:
    """The form's "code: name" lines, or why a line cannot be read."""
    if len(text) > TEXT_LIMIT:
        return {}, _("Keep the translations under {limit} characters.").format(limit=TEXT_LIMIT)
    translations: dict[str, str] = {}
    for number, line in enumerate(text.replace("\x00", "").splitlines(), start=1):
        code, sep, name = line.partition(":")
        if line.strip() and (not sep or not name.strip()):
            return {}, _('Line {number}: write "code: name", e.g. "es: Edición".').format(number=number)
        if line.strip():
            translations[code.strip()] = name.strip()
    return translations, None


def _translations_problem(translations: Mapping[str, str]) -> str | None:
    """Why these translations cannot be saved, or None."""
    if len(translations) > MAX_TRANSLATIONS:
        return _("At most {count} translations.").format(count=MAX_TRANSLATIONS)
    for code, text in translations.items():
        if not (2 <= len(code) <= 8 and code.replace("-", "").isalpha()):
            return _("{code!r} is not a language code.").format(code=code)
        if len(text) > 120:
            return _("Keep each translation under 120 characters.")
    return None


Name = Annotated[str, msgspec.Meta(description="Up to 120 characters.")]


class TopicIn(msgspec.Struct, forbid_unknown_fields=True):
    """A topic as the API receives it and the form builds it; ``checked`` is its one rule."""

    label: Name
    category: Annotated[str, msgspec.Meta(description="Up to 80 characters.")] = ""
    aliases: Annotated[list[Name], msgspec.Meta(description=f"At most {MAX_ALIASES} other names.")] = []
    translations: Annotated[
        dict[str, Name],
        msgspec.Meta(description=f"Name by language code (2 to 8 letters), at most {MAX_TRANSLATIONS}."),
    ] = {}

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> TopicIn:
        """The form's fields as typed; TopicInvalid, with all findings, when a text is unreadable."""
        errors: dict[str, str] = {}
        aliases_text = str(form.get("aliases") or "")
        if len(aliases_text) > TEXT_LIMIT:
            errors["aliases"] = _("Keep the other names under {limit} characters.").format(limit=TEXT_LIMIT)
        translations, problem = _translation_lines(str(form.get("translations") or ""))
        if problem:
            errors["translations"] = problem
        aliases = [] if errors.get("aliases") else _lines(aliases_text)
        topic = cls(str(form.get("label") or ""), str(form.get("category") or ""), aliases, translations)
        if errors:
            raise TopicInvalid({**topic.problems(), **errors})
        return topic

    def problems(self) -> dict[str, str]:
        """What the rule finds wrong, by field."""
        errors: dict[str, str] = {}
        label = _clean(self.label)
        if not label:
            errors["label"] = _("Give the topic a name.")
        elif len(label) > 120:
            errors["label"] = _("Keep the name under 120 characters.")
        elif not normalise_tag(label):
            errors["label"] = _("The name needs at least one letter or digit.")
        if len(_clean(self.category)) > 80:
            errors["category"] = _("Keep the category under 80 characters.")
        aliases = self._aliases()
        if len(aliases) > MAX_ALIASES:
            errors["aliases"] = _("At most {count} other names.").format(count=MAX_ALIASES)
        elif any(len(alias) > 120 for alias in aliases):
            errors["aliases"] = _("Keep each other name under 120 characters.")
        if problem := _translations_problem(self._translations()):
            errors["translations"] = problem
        return errors

    def checked(self) -> TopicForm:
        """Cleaned and checked; TopicInvalid says what is wrong, by field."""
        if errors := self.problems():
            raise TopicInvalid(errors)
        return TopicForm(
            label=_clean(self.label),
            category=_clean(self.category),
            aliases=tuple(self._aliases()),
            translations=self._translations(),
        )

    def _aliases(self) -> list[str]:
        return list(dict.fromkeys(a for a in (_clean(a) for a in self.aliases) if a))

    def _translations(self) -> dict[str, str]:
        cleaned = {_clean(k).lower(): _clean(v) for k, v in self.translations.items()}
        return {k: v for k, v in cleaned.items() if v}


def topic_as_form_values(topic: Topic | None) -> dict[str, str]:
    """A topic's values in the shape the edit form shows them."""
    if topic is None:
        return {"label": "", "category": "", "aliases": "", "translations": ""}
    return {
        "label": topic.label,
        "category": topic.category,
        "aliases": "\n".join(topic.aliases or []),
        "translations": "\n".join(f"{code}: {text}" for code, text in (topic.translations or {}).items()),
    }


class TopicCuration:
    """Queries and changes behind the coordinators' topic pages and API."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def row(self, topic_id: UUID) -> TopicRow:
        """One topic with its usage, or :class:`TopicNotFound`."""
        found = await self.rows("all", topic_id=topic_id)
        if not found:
            raise TopicNotFound(topic_id)
        return found[0]

    async def rows(
        self, status: str = "curated", q: str = "", topic_id: UUID | None = None
    ) -> list[TopicRow]:
        """Topics with their usage, filtered by status and a search over names (or one topic)."""
        offers = func.sum(case((ProfileTopic.direction == TopicDirection.OFFERS, 1), else_=0))
        seeks = func.sum(case((ProfileTopic.direction == TopicDirection.SEEKS, 1), else_=0))
        usage = (
            select(ProfileTopic.topic_id, offers.label("offers"), seeks.label("seeks"))
            .group_by(ProfileTopic.topic_id)
            .subquery()
        )
        query = select(Topic, func.coalesce(usage.c.offers, 0), func.coalesce(usage.c.seeks, 0)).outerjoin(
            usage, usage.c.topic_id == Topic.id
        )
        if status == "curated":
            query = query.where(Topic.curated, ~Topic.retired)
        elif status == "free":
            query = query.where(~Topic.curated, ~Topic.retired)
        elif status == "retired":
            query = query.where(Topic.retired)
        if topic_id is not None:
            query = query.where(Topic.id == topic_id)
        if q:
            needle = f"%{q.lower()}%"
            query = query.where(
                func.lower(Topic.label).like(needle) | Topic.slug.like(f"%{normalise_tag(q)}%")
            )
        query = query.order_by(Topic.category, func.lower(Topic.label))
        return [TopicRow(t, int(o), int(s)) for t, o, s in (await self.session.execute(query)).all()]

    async def get(self, topic_id: UUID) -> Topic:
        """One topic, or :class:`TopicNotFound`."""
        topic = await self.session.get(Topic, topic_id)
        if topic is None:
            raise TopicNotFound(topic_id)
        return topic

    async def create(self, form: TopicForm) -> Topic:
        """Add a curated topic; its name must not already name another topic."""
        existing = await self._by_name(form.label)
        if existing is not None and existing.curated and not existing.retired:
            raise TopicInvalid({"label": _("“{label}” already exists.").format(label=existing.label)})
        await self._check_aliases(existing, form)
        if existing is None:
            existing = Topic(slug=normalise_tag(form.label), label=form.label, category="")
            self.session.add(existing)
        # Someone may have typed it before it was curated, or it was retired: that topic is adopted.
        existing.curated, existing.retired = True, False
        return await self._apply(existing, form)

    async def update(self, topic_id: UUID, form: TopicForm) -> Topic:
        """Change a topic's name, category, other names and translations; its slug stays stable."""
        topic = await self.get(topic_id)
        clash = await self._by_name(form.label)
        if clash is not None and clash.id != topic.id:
            raise TopicInvalid(
                {"label": _("“{label}” already names another topic.").format(label=clash.label)}
            )
        await self._check_aliases(topic, form)
        return await self._apply(topic, form)

    async def _check_aliases(self, topic: Topic | None, form: TopicForm) -> None:
        """Every other name must be free or already this topic's (checked before anything is written)."""
        for alias in form.aliases:
            clash = await self._by_name(alias)
            if clash is not None and (topic is None or clash.id != topic.id):
                raise TopicInvalid(
                    {
                        "aliases": _("“{alias}” already names “{label}”.").format(
                            alias=alias, label=clash.label
                        )
                    }
                )

    async def _apply(self, topic: Topic, form: TopicForm) -> Topic:
        topic.label = form.label
        topic.category = CATEGORY_LABELS.get(form.category, form.category)
        topic.aliases = list(form.aliases)
        topic.translations = dict(form.translations)
        try:
            await self.session.commit()
            forget_labels()
            await every_list_stale(self.session, None)
        except IntegrityError as exc:
            # Another coordinator saved the same name a moment ago: the same answer as if it came first.
            await self.session.rollback()
            raise TopicInvalid(
                {"label": _("“{label}” already names another topic.").format(label=form.label)}
            ) from exc
        return topic

    async def set_retired(self, topic_id: UUID, retired: bool) -> Topic:
        """Retire a topic (no longer suggested; people who named it keep it) or bring it back."""
        topic = await self.get(topic_id)
        topic.retired = retired
        await self.session.commit()
        await every_list_stale(self.session, None)
        return topic

    async def adopt(self, topic_id: UUID) -> Topic:
        """Make a free tag that people typed part of the curated list."""
        topic = await self.get(topic_id)
        topic.curated, topic.retired = True, False
        await self.session.commit()
        forget_labels()  # an adopted free tag reads by its own name, no longer the catalog's
        await every_list_stale(self.session, None)
        return topic

    async def merge(self, source_id: UUID, target_id: UUID) -> Topic:
        """Fold a duplicate into another topic: people keep their choice, the name becomes an alias."""
        if source_id == target_id:
            raise TopicInvalid({"target": _("Choose a different topic to merge into.")})
        source = await self.get(source_id)
        try:
            target = await self.get(target_id)
        except TopicNotFound as exc:
            raise TopicInvalid({"target": _("Choose the topic to merge into.")}) from exc
        # A person who named both would get the target twice: drop those links of the source.
        target_links = select(ProfileTopic.profile_id, ProfileTopic.direction).where(
            ProfileTopic.topic_id == target.id
        )
        taken = {(p, d) for p, d in (await self.session.execute(target_links)).all()}
        source_links = (
            await self.session.execute(
                select(ProfileTopic.id, ProfileTopic.profile_id, ProfileTopic.direction).where(
                    ProfileTopic.topic_id == source.id
                )
            )
        ).all()
        drop = [link_id for link_id, p, d in source_links if (p, d) in taken]
        if drop:
            await self.session.execute(delete(ProfileTopic).where(ProfileTopic.id.in_(drop)))
        await self.session.execute(
            update(ProfileTopic).where(ProfileTopic.topic_id == source.id).values(topic_id=target.id)
        )
        names = [source.label, *(source.aliases or []), *(source.translations or {}).values()]
        known = {normalise_tag(n) for n in (target.label, *(target.aliases or []))}
        target.aliases = [
            *(target.aliases or []),
            *(n for n in dict.fromkeys(names) if normalise_tag(n) not in known),
        ]
        await self.session.delete(source)
        await self.session.commit()
        forget_labels()
        await every_list_stale(self.session, None)
        return target

    async def _by_name(self, name: str) -> Topic | None:
        """The topic that a name (label, alias, translation or slug) already stands for."""
        index = await name_index(self.session)
        slug = index.get(normalise_tag(name)) or resolve_topic(name)
        return (await self.session.execute(select(Topic).where(Topic.slug == slug))).scalar_one_or_none()


async def name_index(session: AsyncSession) -> dict[str, str]:
    """Every stored topic's normalised names mapped to its slug (coordinators' aliases included)."""
    index: dict[str, str] = {}
    for topic in (await session.execute(select(Topic))).scalars():
        names = (topic.slug, topic.label, *(topic.aliases or []), *(topic.translations or {}).values())
        for name in names:
            index.setdefault(normalise_tag(name), topic.slug)
    return index


__all__ = [
    "LANGUAGES",
    "STATUSES",
    "TopicCuration",
    "TopicForm",
    "TopicIn",
    "TopicInvalid",
    "TopicNotFound",
    "TopicRow",
    "name_index",
    "topic_as_form_values",
]
