"""The shape of a language's sentence templates."""

from __future__ import annotations

from dataclasses import dataclass

# Placeholders: {a}, {b} (topic phrases), {city}, {project}, {year}, {years}, {job}.
# "[his|hers]" marks words that agree with the writer's gender; neutral writers skip such templates.


@dataclass(frozen=True)
class Templates:
    """Every kind of sentence the generator composes, in one language."""

    openers_new: tuple[str, ...]
    openers_experienced: tuple[str, ...]
    want_one: tuple[str, ...]
    want_two: tuple[str, ...]
    want_also: tuple[str, ...]
    why: tuple[str, ...]
    kind_wish: dict[str, tuple[str, ...]]
    background_new: tuple[str, ...]
    background_experienced: tuple[str, ...]
    done_one: tuple[str, ...]
    done_two: tuple[str, ...]
    mentor_style: tuple[str, ...]
    jobs: tuple[str, ...]
