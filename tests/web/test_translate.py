"""`_()` in templates: values escaped on pages and kept as typed in plain text, "%%" read as one percent."""

from __future__ import annotations

from pathlib import Path

from jinja2 import DictLoader

from mentorship.lib.i18n import ACTIVE
from mentorship.templating import build_environment
from tests.conftest import make_settings


def render(template: str, source: str, **values: object) -> str:
    env = build_environment(make_settings("sqlite+aiosqlite://", Path("/nonexistent")))
    env.loader = DictLoader({template: source})
    token = ACTIVE.set("en")
    try:
        return env.get_template(template).render(**values)
    finally:
        ACTIVE.reset(token)


def test_a_page_escapes_the_values_it_puts_in_a_message_but_not_the_message() -> None:
    html = render(
        "page.html",
        '{{ _("Only the people in this relationship can do this.") }} '
        '{{ _("Remove the pairing of %(who)s", who=name) }}',
        name="<b>Ana</b> & Ben",
    )

    assert html == (
        "Only the people in this relationship can do this. "
        "Remove the pairing of &lt;b&gt;Ana&lt;/b&gt; &amp; Ben"
    )


def test_plain_text_keeps_values_as_typed_and_reads_a_double_percent_as_one() -> None:
    text = render("mail.txt", '{{ _("%(name)s is 100%% ready", name=name) }}', name="<Ana>")

    assert text == "<Ana> is 100% ready"
