"""Pages read in the language the browser asks for, among the catalogs there are; English otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.lib import i18n

Client = AsyncTestClient[Litestar]
TEST_CATALOGS = Path(__file__).resolve().parent.parent / "locale"


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test-only French catalog stands in for the app's catalogs."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", TEST_CATALOGS)


def test_the_browsers_order_and_weights_choose_among_the_catalogs_there_are() -> None:
    offered = ("en", "fr")

    assert i18n.negotiate("fr-CH, fr;q=0.9, en;q=0.8", offered) == "fr"
    assert i18n.negotiate("de, fr;q=0.5", offered) == "fr"
    assert i18n.negotiate("de, en;q=0.9, fr;q=0.5", offered) == "en"
    assert i18n.negotiate("de", offered) == "en"
    assert i18n.negotiate("fr;q=0", offered) == "en"
    assert i18n.negotiate("fr;q=nonsense, *", offered) == "en"
    assert i18n.negotiate(None, offered) == "en"


async def test_a_french_browser_reads_the_sign_in_page_in_french(client: Client, french: None) -> None:
    asks = {"accept": "text/html", "accept-language": "fr-FR,fr;q=0.9"}
    response = await client.get("/login", headers=asks)

    assert response.status_code == 200
    assert "Se connecter" in response.text
    assert "Adresse électronique" in response.text
    assert '<html lang="fr">' in response.text
    assert response.headers["content-language"] == "fr"
    assert "accept-language" in response.headers["vary"].lower()


async def test_each_request_keeps_its_own_language(client: Client, french: None) -> None:
    french_page = await client.get("/login", headers={"accept": "text/html", "accept-language": "fr"})
    english_page = await client.get("/login", headers={"accept": "text/html", "accept-language": "en-GB"})
    unknown = await client.get("/login", headers={"accept": "text/html", "accept-language": "ja"})

    assert "Se connecter" in french_page.text
    assert "Se connecter" not in english_page.text and "Sign in" in english_page.text
    assert '<html lang="en">' in english_page.text
    assert "Sign in" in unknown.text and unknown.headers["content-language"] == "en"


async def test_error_pages_are_translated_too(client: Client, french: None) -> None:
    response = await client.get("/no-such-page", headers={"accept": "text/html", "accept-language": "fr"})

    assert response.status_code == 404
    assert "La page a peut-être été déplacée" in response.text


async def test_without_catalogs_every_browser_reads_english(client: Client) -> None:
    response = await client.get("/login", headers={"accept": "text/html", "accept-language": "fr"})

    assert "Sign in" in response.text
    assert response.headers["content-language"] == "en"
