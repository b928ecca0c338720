"""Sentence templates for demo goals and experience, one module per language."""

from mentorship.demo.templates._base import Templates
from mentorship.demo.templates.de import GERMAN
from mentorship.demo.templates.en import ENGLISH
from mentorship.demo.templates.es import SPANISH
from mentorship.demo.templates.fr import FRENCH
from mentorship.demo.templates.pt import PORTUGUESE

TEMPLATES: dict[str, Templates] = {"en": ENGLISH, "es": SPANISH, "fr": FRENCH, "de": GERMAN, "pt": PORTUGUESE}

__all__ = ["TEMPLATES", "Templates"]
