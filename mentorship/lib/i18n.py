"""Translation hooks: every user-facing string goes through gettext so catalogs can be added later."""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from pathlib import Path

from babel import Locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"


@cache
def translations(locale: str = "en") -> _gettext.NullTranslations:
    """Compiled catalog for a locale, or identity translations when none exists yet."""
    return _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[locale], fallback=True)


def gettext(message: str) -> str:
    """Translate a message into the active locale."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on a count."""
    return translations().ngettext(singular, plural, n)


_ = gettext


def language_name(code: str, locale: str = "en") -> str:
    """A language's name for display, falling back to its code."""
    name = Locale.parse(locale).languages.get(code)
    return str(name) if name else code
