"""Compose a person's goals and experience from topic phrases and sentence templates."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from mentorship.demo.phrases import TOPIC_TEXT
from mentorship.demo.phrases_intl import NOUN_PHRASES
from mentorship.demo.places import LANGUAGE_NAMES
from mentorship.demo.templates import TEMPLATES, Templates

WRITTEN_LANGUAGES = ("en", "es", "fr", "de", "pt")
_INTL_COLUMN = {"es": 0, "fr": 1, "de": 2, "pt": 3}
_GENDERED = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")

# How a home wiki is named inside a sentence of each written language.
_WIKI_IN = {
    "es": ("la Wikipedia en {}", {"es": "español", "ca": "catalán", "eu": "euskera", "gl": "gallego",
                                  "qu": "quechua", "ay": "aimara", "pt": "portugués"}),
    "fr": ("Wikipédia en {}", {"fr": "français", "wo": "wolof", "bm": "bambara", "ee": "éwé", "ar": "arabe",
                               "yo": "yoruba"}),
    "de": ("die {} Wikipedia", {"de": "deutschsprachige"}),
    "pt": ("a Wikipédia em {}", {"pt": "português", "ts": "tsonga"}),
}  # fmt: skip
_OTHER_PROJECTS = {
    "en": ("Wikidata", "Wikimedia Commons", "the English Wikipedia"),
    "es": ("Wikidata", "Wikimedia Commons"),
    "fr": ("Wikidata", "Wikimedia Commons"),
    "de": ("die englischsprachige Wikipedia",),
    "pt": ("o Wikidata", "o Wikimedia Commons"),
}


@dataclass(frozen=True)
class Writer:
    """Who is writing: the language they write in and the facts their sentences may mention."""

    language: str
    gender: str
    first_language: str
    city: str
    year: int
    years: int
    experienced: bool
    is_mentor: bool
    kinds: tuple[str, ...]


def _pick(rng: random.Random, options: Sequence[str], gender: str) -> str:
    """Choose a template and make its gendered words agree with the writer."""
    if gender not in ("man", "woman"):
        options = [option for option in options if "[" not in option] or list(options)
    chosen = rng.choice(options)
    return _GENDERED.sub(lambda m: m.group(1) if gender == "man" else m.group(2), chosen)


def home_wiki(writer: Writer) -> str:
    """The Wikipedia in the person's first language, named the way their written language names it."""
    if writer.language == "en":
        return f"the {LANGUAGE_NAMES[writer.first_language]} Wikipedia"
    pattern, names = _WIKI_IN[writer.language]
    return pattern.format(names.get(writer.first_language, names[writer.language]))


def topic_phrase(rng: random.Random, writer: Writer, slug: str, *, offered: bool = False) -> str:
    """A phrase naming the work behind a topic, fit to follow the templates' prepositions."""
    if writer.language == "en":
        text = TOPIC_TEXT[slug]
        return rng.choice(text.helping if offered and text.helping else text.doing)
    return NOUN_PHRASES[slug][_INTL_COLUMN[writer.language]]


class Composer:
    """Writes the goals and experience of one person, sentence by sentence."""

    def __init__(self, rng: random.Random, writer: Writer) -> None:
        self.rng = rng
        self.writer = writer
        self.tpl: Templates = TEMPLATES[writer.language]
        self.mentioned: set[str] = set()
        wiki = home_wiki(writer)
        self.facts = {
            "city": writer.city,
            "wiki": wiki,
            "project": rng.choice(_OTHER_PROJECTS[writer.language]) if rng.random() < 0.3 else wiki,
            "year": str(writer.year),
            "years": str(writer.years),
            "job": _pick(rng, self.tpl.jobs, writer.gender),
            "language": LANGUAGE_NAMES[writer.first_language],
        }

    def _say(self, options: Sequence[str], *slugs: str, offered: bool = False) -> str:
        """Fill one template with the person's facts and phrases for the given topics."""
        phrases = [
            topic_phrase(self.rng, self.writer, s, offered=offered).format(**self.facts) for s in slugs
        ]
        # A fact such as the start year or the job is mentioned once across goals and experience.
        fresh = [o for o in options if not any(f"{{{fact}}}" in o for fact in self.mentioned)]
        template = _pick(self.rng, fresh or options, self.writer.gender)
        self.mentioned.update(fact for fact in ("year", "years", "job") if f"{{{fact}}}" in template)
        text = template.format(
            **self.facts, a=phrases[0] if phrases else "", b=phrases[1] if len(phrases) > 1 else ""
        )
        return text[0].upper() + text[1:]

    def _detail(self, slug: str, side: str) -> str:
        """The topic's own English sentence about what the person seeks or has done."""
        topic = TOPIC_TEXT[slug]
        text = (topic.seek if side == "seek" else topic.offer).format(**self.facts)
        return text[0].upper() + text[1:]

    def _wish(self) -> str:
        """A closing sentence about the kind of mentorship wanted, or why it matters."""
        kind = self.rng.choice(self.writer.kinds)
        if self.rng.random() < 0.6:
            return self._say(self.tpl.kind_wish[kind])
        return self._say(self.tpl.why)

    def goals(self, seeks: Sequence[str]) -> str:
        """Two or three sentences about what the person wants to learn, led by their first topics."""
        tpl, first, rest = self.tpl, seeks[0], list(seeks[1:3])
        opener = tpl.openers_experienced if self.writer.experienced else tpl.openers_new
        style = self.rng.randrange(3) if self.writer.language == "en" else 0
        if style == 1:
            follow = self._say(tpl.want_also, rest[0]) if rest else self._wish()
            return " ".join((self._detail(first, "seek"), follow))
        if style == 2:
            sentences = [self._say(opener), self._detail(first, "seek")]
            sentences.append(self._say(tpl.want_also, rest[0]) if rest else self._wish())
            return " ".join(sentences)
        want = self._say(tpl.want_two, first, rest[0]) if rest else self._say(tpl.want_one, first)
        sentences = [self._say(opener), want]
        if len(rest) > 1 and self.rng.random() < 0.4:
            sentences.append(self._say(tpl.want_also, rest[1]))
        elif self.rng.random() < 0.7:
            sentences.append(self._wish())
        return " ".join(sentences)

    def experience(self, offers: Sequence[str]) -> str:
        """Two or three sentences about what the person has done, led by their first topics."""
        tpl, first, rest = self.tpl, offers[0], list(offers[1:2])
        background = tpl.background_experienced if self.writer.experienced else tpl.background_new
        sentences = [self._say(background)]
        if self.writer.language == "en" and self.writer.experienced and self.rng.random() < 0.65:
            sentences.append(self._detail(first, "offer"))
            if rest:
                sentences.append(self._say(tpl.done_one, rest[0], offered=True))
        elif rest:
            sentences.append(self._say(tpl.done_two, first, rest[0], offered=True))
        else:
            sentences.append(self._say(tpl.done_one, first, offered=True))
        if self.writer.is_mentor and len(sentences) < 3 and self.rng.random() < 0.7:
            sentences.append(self._say(tpl.mentor_style))
        return " ".join(sentences)
