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


def test_a_fit_names_its_band_and_draws_its_bar_to_scale_within_the_track() -> None:
    from mentorship.templating import fit

    bands = {score: str(fit(score)) for score in (0.62, 0.3, 0.2, 0.149, 1.4, -0.2)}

    assert 'class="fit fit-strong" title="Match score 0.62 of 1"' in bands[0.62]
    assert 'width="62.0"' in bands[0.62] and "Strong fit" in bands[0.62]
    assert "Good fit" in bands[0.3] and "Fair fit" in bands[0.2] and "Weak fit" in bands[0.149]
    assert 'class="fit-fill" width="100"' in bands[1.4] and 'class="fit-fill" width="0"' in bands[-0.2]
    assert "(score 0.15 of 1)" in bands[0.149]
