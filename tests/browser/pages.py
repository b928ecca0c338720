"""Helpers for browser tests: sign in, and collect console errors and failed requests on a page."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, expect

from tests.browser.conftest import DEMO_PASSWORD, LiveServer


def sign_in(page: Page, url: str, email: str) -> None:
    """Sign a demo person in through the login form (``url``: the server's address)."""
    page.goto(url + "/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


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
