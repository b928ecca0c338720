"""Translation hooks: every user-facing string goes through gettext in the reader's language.

The reader's language lives in a context variable that :func:`locale_middleware` sets for each
request from the browser's ``Accept-Language`` among the catalogs under ``mentorship/locale/``
(English, the source language, needs none). Catalogs are ``.po`` files compiled in memory on
first use, so adding a language is adding one file.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, cast

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
SOURCE_LOCALE = "en"
ACTIVE: ContextVar[str] = ContextVar("locale", default=SOURCE_LOCALE)


def _catalog_file(locale: str, directory: Path) -> Path:
    return directory / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def available() -> tuple[str, ...]:
    """The locales a reader may get: English and every locale with a catalog."""
    return _available(LOCALE_DIR)


@cache
def _available(directory: Path) -> tuple[str, ...]:
    found = sorted(p.parent.parent.name for p in directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LOCALE, *(code for code in found if code != SOURCE_LOCALE))


def translations(locale: str = SOURCE_LOCALE) -> _gettext.NullTranslations:
    """The catalog of a locale, compiled from its ``.po`` file; identity for English or none."""
    return _translations(locale, LOCALE_DIR)


@cache
def _translations(locale: str, directory: Path) -> _gettext.NullTranslations:
    path = _catalog_file(locale, directory)
    if locale == SOURCE_LOCALE or not path.is_file():
        return _gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=locale, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def active() -> _gettext.NullTranslations:
    """The catalog of the reader's language."""
    return translations(ACTIVE.get())


def gettext(message: str) -> str:
    """Translate a message into the reader's language."""
    return active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on a count."""
    return active().ngettext(singular, plural, n)


_ = gettext


@contextmanager
def reading(locale: str) -> Iterator[None]:
    """Translate into ``locale`` inside the block (an email for its recipient, a test)."""
    token = ACTIVE.set(locale)
    try:
        yield
    finally:
        ACTIVE.reset(token)


def negotiate(accept_language: str | None, locales: tuple[str, ...] | None = None) -> str:
    """The best of the available locales for an ``Accept-Language`` header, else English."""
    return _negotiate(accept_language, tuple(locales) if locales is not None else tuple(available()))


# Keyed on the offered locales too, so a catalog added or removed is never answered from the cache.
@lru_cache(maxsize=512)  # browsers send a handful of distinct headers; parsing one costs ~0.2 ms
def _negotiate(accept_language: str | None, offered: tuple[str, ...]) -> str:
    """``negotiate`` for one header and one set of offered locales."""
    wanted: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and tag != "*" and quality > 0:
            wanted.append((-quality, position, tag.strip()))
    preferred = [tag for _q, _p, tag in sorted(wanted)]
    try:
        chosen = Locale.negotiate(preferred, list(offered), sep="-")
    except (UnknownLocaleError, ValueError):
        chosen = None
    return str(chosen) if chosen is not None and str(chosen) in offered else SOURCE_LOCALE


def locale_middleware(app: ASGIApp) -> ASGIApp:
    """Read each request in the language its browser asks for, and say which one it got."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        header = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"accept-language"), None)
        locale = negotiate(header)
        cast(dict[str, Any], scope)["locale"] = locale  # <html lang> and emails read it

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                headers["content-language"] = locale
                headers.add("vary", "Accept-Language")
            await send(message)

        with reading(locale):
            await app(scope, receive, send_with_language)

    return middleware


@lru_cache(maxsize=64)  # a round's page formats ~300 lists: parsing the tag each time was a tenth of it
def babel_locale(locale: str) -> Locale:
    """Babel's locale for a tag, parsed once."""
    return Locale.parse(locale)


def language_name(code: str, locale: str = SOURCE_LOCALE) -> str:
    """A language's name for display, falling back to its code."""
    name = babel_locale(locale).languages.get(code)
    return str(name) if name else code
