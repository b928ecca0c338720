"""A coordinator imports people: sees both bad lines, uploads the fixed file, confirms, sees them in."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, axe_violations, horizontal_overflow, signed_in

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@example.org"
PROGRAM = "peer-learning-circle"
HEADER = "email,name,role,kinds,goals,offers,seeks,languages,timezone,capacity,team\n"


def people_file(run: str, *, broken: bool) -> bytes:
    """Ten new people (two mentors); when broken, line 3 has a bad email and line 6 an unknown language."""
    lines = [HEADER]
    for n in range(10):
        role = "mentor" if n < 2 else "mentee"
        email = f"import-{run}-{n}@example.org"
        language = "en;es"
        if broken and n == 1:
            email = f"import-{run}-{n} at example.org"
        if broken and n == 4:
            language = "en;xyz1"
        capacity = "2" if role == "mentor" else ""
        lines.append(
            f"{email},Imported {run} {n},{role},peer,Learn together,,article writing,{language},"
            f"Europe/Madrid,{capacity},blue\n"
        )
    return "".join(lines).encode()


def screenshots(page: Page, name: str) -> None:
    """Full-page screenshots at desktop and phone widths, when SHOTS_DIR asks for them."""
    folder = os.environ.get("SHOTS_DIR")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert horizontal_overflow(page) == 0, f"{name} scrolls sideways at {width} px"
        if folder:
            page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})


def upload(page: Page, data: bytes) -> None:
    page.set_input_files("#f-file", files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": data}])
    page.get_by_role("button", name="Check the file").click()


def test_a_coordinator_fixes_two_bad_lines_then_imports_people_into_a_program(
    browser: Browser, live_server: LiveServer
) -> None:
    run = live_server.database_url.rsplit("/", 1)[-1][-6:].replace(".", "")
    context, page = signed_in(browser, live_server, COORDINATOR)
    problems = PageProblems().watch(page)
    page.goto(f"/programs/{PROGRAM}")
    page.get_by_role("link", name="Import or export people").click()
    expect(page.get_by_role("heading", name="Import participants")).to_be_visible()
    assert axe_violations(page) == []
    screenshots(page, "import-upload")

    upload(page, people_file(run, broken=True))

    errors = page.locator("#import-problems")
    expect(errors.get_by_role("heading")).to_have_text("2 problems in the file: nothing was imported")
    rows = errors.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("3")
    expect(rows.nth(1)).to_contain_text("email")
    expect(rows.nth(2)).to_contain_text("6")
    expect(rows.nth(2)).to_contain_text("Unknown language code “xyz1”")
    assert axe_violations(page) == []
    screenshots(page, "import-errors")

    upload(page, people_file(run, broken=False))

    expect(page.locator('[data-figure="new"]')).to_have_text("10")
    expect(page.locator('[data-figure="changed"]')).to_have_text("0")
    expect(page.get_by_text("Columns not imported: team")).to_be_visible()
    assert axe_violations(page) == []
    screenshots(page, "import-preview")
    page.get_by_role("button", name="Import 10 people").click()

    expect(page.get_by_role("heading", name="Imported")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("10 invitation emails are on their way.")).to_be_visible()
    assert axe_violations(page) == []
    screenshots(page, "import-result")
    page.get_by_role("link", name="See the program's members").click()
    expect(page.get_by_text(f"Imported {run} 0").first).to_be_visible()
    # The bad upload answers 400 on purpose, with the problems on the page.
    problems.failed_requests = [r for r in problems.failed_requests if not r.endswith("/import: 400")]
    problems.console_errors = [e for e in problems.console_errors if "status of 400" not in e]
    problems.assert_clean()
    context.close()
