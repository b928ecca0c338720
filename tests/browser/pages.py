"""Helpers for browser tests: sign in, and collect console errors and failed requests on a page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Request,
    Response,
    expect,
)

from tests.browser.conftest import DEMO_PASSWORD, PROJECT_ROOT, LiveServer


def sign_in(page: Page, url: str, email: str) -> None:
    """Sign a demo person in through the login form (``url``: the server's address)."""
    page.goto(url + "/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator('form[action="/logout"]')).to_have_count(1)


def in_menu(page: Page, role: Literal["link", "button"], name: str) -> Locator:
    """The main navigation's link or button of this name, its menu and group opened so it can be clicked."""
    target = page.get_by_role("navigation", name="Main").get_by_role(role, name=name, exact=True)
    if not target.is_visible():
        toggle = page.locator(".menu-toggle")
        if toggle.is_visible():
            toggle.click()
        # Roles ignore what a closed <details> hides: find the group by the element's text instead.
        tag = "a" if role == "link" else "button"
        text = re.compile(f"^{re.escape(name)}$")
        group = page.locator(".nav-group details", has=page.locator(tag, has_text=text))
        if group.count():
            group.locator("summary").click()
    return target


def nav_link(page: Page, name: str) -> Locator:
    """A main navigation link, made visible (menus opened) so that it can be clicked."""
    return in_menu(page, "link", name)


def sign_out(page: Page) -> None:
    """Sign out through the account menu."""
    in_menu(page, "button", "Sign out").click()


def signed_in(browser: Browser, live_server: LiveServer, email: str) -> tuple[BrowserContext, Page]:
    """A browser context of its own with a demo person signed in."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    sign_in(page, live_server.url, email)
    return context, page


@dataclass
class PageProblems:
    """Everything that went wrong while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> PageProblems:
        """Start recording problems on a page."""
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)
        return self

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            self.console_errors.append(f"{message.type}: {message.text}")

    def _on_request_failed(self, request: Request) -> None:
        # A page that navigates away (an htmx refresh, a redirect) cancels its pending requests:
        # that is the browser's choice, not a fault; real failures still show as 4xx/5xx responses.
        if request.failure == "net::ERR_ABORTED":
            return
        self.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.request.method} {response.url}: {response.status}")

    def assert_clean(self) -> None:
        """Fail with every recorded problem."""
        assert self.console_errors == [], self.console_errors
        assert self.failed_requests == [], self.failed_requests


AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def axe_violations(page: Page) -> list[str]:
    """Serious and critical axe-core violations on the open page, one readable line each."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, not a <script> tag: the app's CSP rightly refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']} ({rule['impact']}) at {', '.join(map(str, node['target']))}: {rule['help']}"
        for rule in results["violations"]
        if rule["impact"] in SERIOUS
        for node in rule["nodes"]
    ]


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page scrolls sideways (0 when it fits the viewport)."""
    overflow: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return max(overflow, 0)
