"""The Jinja environment: autoescaping, gettext, and the helpers every page uses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo
from functools import lru_cache
from gettext import NullTranslations
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, pass_eval_context, select_autoescape
from jinja2.nodes import EvalContext
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig
from markupsafe import Markup

from mentorship import __version__
from mentorship.config import PROJECT_ROOT, Settings
from mentorship.lib.flash import get_flashes
from mentorship.lib.i18n import ACTIVE, active, gettext, ngettext
from mentorship.lib.reasons import reason_text, reasons_text
from mentorship.lib.zones import shown, stamps_shown, zone, zone_name

TEMPLATES_DIR = PROJECT_ROOT / "templates"


def build_environment(settings: Settings) -> Environment:
    """A Jinja environment with the i18n extension installed."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Callables, not one catalog: each page is translated into its own reader's language.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    # `_` straight to the catalog: the extension's alias looked `gettext` up and called it through the
    # context once more, a fifth of a page's time on pages that translate a label per row.
    env.globals["_"] = _translate
    env.globals["page_language"] = ACTIVE.get
    env.globals["debug"] = settings.debug
    env.globals["static"] = static_url
    env.filters["thousands"] = _thousands
    env.filters["local"] = _local
    env.filters["local_stamps"] = _local_stamps
    # Stored reasons (data) in the reader's language: `p.reasons | reasons` gives one string each.
    env.filters["reasons"] = reasons_text
    env.filters["reason"] = reason_text
    env.globals["viewer_zone"] = _viewer_zone
    env.globals["zone_name"] = zone_name
    env.globals["fit"] = fit
    return env


@pass_eval_context
def _translate(eval_context: EvalContext, message: str, /, **variables: Any) -> str:
    """`_()` in a template: as Jinja's new-style gettext does it, escaping the values given."""
    if not eval_context.autoescape:
        return gettext(message) % variables  # always, as Jinja does: "%%" in a message becomes "%"
    translated = _markup(active(), message)
    # A message with no "%" is its own format: the same text without building it twice.
    return translated % variables if variables or "%" in translated else translated


@lru_cache(maxsize=8192)
def _markup(catalog: NullTranslations, message: str) -> Markup:
    """A message translated for a page: our own catalog, trusted as Jinja trusts it (values are escaped)."""
    return Markup(catalog.gettext(message))  # noqa: S704


def fit(score: float) -> Markup:
    """A match score (0 to 1) as a fit a person can read: a bar and a word, the number on hover and spoken.

    Python, not a Jinja macro: a round's page shows a hundred, and the macro took a sixth of its time.
    Messages are our own catalog's, trusted as Jinja's `_()` trusts them.
    """
    if score >= 0.5:
        level, word = "strong", gettext("Strong fit")
    elif score >= 0.3:
        level, word = "good", gettext("Good fit")
    elif score >= 0.15:
        level, word = "fair", gettext("Fair fit")
    else:
        level, word = "weak", gettext("Weak fit")
    number = {"score": f"{score:.2f}"}
    return Markup(
        '<span class="fit fit-{level}" title="{title}"><svg class="fit-bar" viewBox="0 0 100 8"'
        ' aria-hidden="true" focusable="false"><rect class="fit-track" width="100" height="8" rx="4">'
        '</rect><rect class="fit-fill" width="{width}" height="8" rx="4"></rect></svg> {word}'
        '<span class="visually-hidden"> ({spoken})</span></span>'
    ).format(
        level=level,
        title=Markup(gettext("Match score %(score)s of 1")) % number,  # noqa: S704
        width=round(min(max(score, 0), 1) * 100, 1),
        word=Markup(word),  # noqa: S704
        spoken=Markup(gettext("score %(score)s of 1")) % number,  # noqa: S704
    )


def static_url(path: str) -> str:
    """URL of a file under static/, versioned so browsers refetch it after an upgrade."""
    return f"/static/{path}?v={__version__}"


def _thousands(value: Any) -> str:
    return f"{int(value):,}"


def _reader_zone(context: Mapping[str, Any]) -> tzinfo:
    """The reader's zone: their profile's, else UTC (a coordinator without a profile, a visitor)."""
    request = context.get("request")
    return zone(request.scope.get("timezone") if request is not None else None)


@pass_context
def _viewer_zone(context: Mapping[str, Any]) -> str:
    """The name of the zone every time on the page is shown in."""
    return str(_reader_zone(context))


@pass_context
def _local(
    context: Mapping[str, Any], moment: date | None, style: str = "long", tz: str | None = None
) -> str:
    """A stored time on the reader's clock (or on the clock of the zone named), in a style of lib.zones."""
    return shown(moment, zone(tz) if tz else _reader_zone(context), style)


@pass_context
def _local_stamps(context: Mapping[str, Any], text: str) -> str:
    """A stored text (a notification) with its UTC stamps on the reader's clock."""
    return stamps_shown(text or "", _reader_zone(context))


def _current_user(context: Mapping[str, Any]) -> Any:
    request = context.get("request")
    return request.scope.get("user") if request is not None else None


def _unread_notifications(context: Mapping[str, Any]) -> int:
    request = context.get("request")
    return int(request.scope.get("unread_notifications") or 0) if request is not None else 0


def _is_current(context: Mapping[str, Any], *prefixes: str) -> bool:
    """Whether the page is one of these addresses or below one (``/profile`` is not ``/profiles/…``)."""
    request = context.get("request")
    path = request.url.path if request is not None else ""
    return any(path == p or (p != "/" and path.startswith(p + "/")) for p in prefixes)


def build_template_config(settings: Settings) -> TemplateConfig[JinjaTemplateEngine]:
    """The Litestar template config over our environment."""
    engine = JinjaTemplateEngine.from_environment(build_environment(settings))
    engine.register_template_callable("get_flashes", get_flashes)
    engine.register_template_callable("current_user", _current_user)
    engine.register_template_callable("unread_notifications", _unread_notifications)
    engine.register_template_callable("is_current", _is_current)
    return TemplateConfig(instance=engine)
