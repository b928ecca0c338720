"""Screenshot tour: every page of the mentee's, mentor's and coordinator's journeys at 1280 and 390 px.

Runs the app on the demo data in a temporary SQLite database (never var/'s), drives Debian's Chromium,
and writes var/screenshots/<role>/<nn>-<page>-<width>.png with an index.html to browse them.
"""

from __future__ import annotations

import argparse
import html
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.journeys import Journey, journeys, walk

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "screenshot-tour-password"  # noqa: S105 (the throwaway demo database's, never a real one)
WIDTHS = (1280, 390)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(data_dir: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    """Migrate, load the demo and serve it; returns the server, its URL and the database URL."""
    database_url = f"sqlite+aiosqlite:///{data_dir / 'tour.db'}"
    env = {
        **os.environ,
        "MENTORSHIP_DATABASE_URL": database_url,
        "MENTORSHIP_DATA_DIR": str(data_dir),
        "MENTORSHIP_DEMO_PASSWORD": PASSWORD,
        "MENTORSHIP_PASSWORD_HASH_COST": "fast",
    }
    cli = [sys.executable, "-m", "mentorship.cli"]
    for command in (["db", "upgrade"], ["demo", "load"]):
        subprocess.run([*cli, *command], env=env, check=True, cwd=ROOT, capture_output=True)  # noqa: S603
    port = _free_port()
    log = (data_dir / "server.log").open("wb")
    server = subprocess.Popen(  # noqa: S603 (our own CLI with fixed arguments)
        [*cli, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return server, url, database_url
        except httpx.TransportError:
            time.sleep(0.2)  # polling for readiness
    server.terminate()
    raise SystemExit(f"the app did not start; see {data_dir / 'server.log'}")


def _sign_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('form[action="/logout"]', state="attached")


def _tour(page: Page, journey: Journey, width: int, out: Path) -> list[Path]:
    """Every page of one journey, then the open menu: full-page shots."""
    shots = []
    for number, (step, _url) in enumerate(walk(page, journey), start=1):
        shots.append(out / f"{number:02d}-{step.name}-{width}.png")
        page.screenshot(path=shots[-1], full_page=True)
    page.goto("/relationships")
    if page.locator(".menu-toggle").is_visible():
        page.locator(".menu-toggle").click()
    for group in page.locator(".nav-group summary").all():
        group.click()
        shots.append(out / f"{len(shots) + 1:02d}-menu-{group.inner_text().strip().lower()}-{width}.png")
        page.screenshot(path=shots[-1])
    return shots


def _index(folder: Path, shots: dict[str, list[Path]]) -> Path:
    rows = []
    for role, files in shots.items():
        rows.append(f"<h2>{html.escape(role)}</h2><div class='shots'>")
        for shot in files:
            name = html.escape(str(shot.relative_to(folder)))
            rows.append(f"<figure><a href='{name}'><img src='{name}' loading='lazy' alt=''></a>")
            rows.append(f"<figcaption>{html.escape(shot.stem)}</figcaption></figure>")
        rows.append("</div>")
    style = (
        "body{font-family:system-ui;margin:1rem}.shots{display:flex;flex-wrap:wrap;gap:1rem}"
        "figure{margin:0;width:16rem}img{width:100%;height:12rem;object-fit:cover;object-position:top;"
        "border:1px solid #ccc}figcaption{font-size:.8rem}"
    )
    index = folder / "index.html"
    body = "".join(rows)
    head = f"<!doctype html><meta charset=utf-8><title>Screenshot tour</title><style>{style}</style>"
    index.write_text(f"{head}<h1>Screenshot tour</h1>{body}", encoding="utf-8")
    return index


def main() -> None:
    """Run the tour and print where the index is."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "screenshots")
    parser.add_argument("--role", action="append", help="only these roles (mentee, mentor, coordinator)")
    args = parser.parse_args()
    shots: dict[str, list[Path]] = {}
    with tempfile.TemporaryDirectory(prefix="mentorship-tour-") as tmp:
        server, url, database_url = _start(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for journey in journeys(database_url):
                    if args.role and journey.role not in args.role:
                        continue
                    out = args.out / journey.role
                    out.mkdir(parents=True, exist_ok=True)
                    for width in WIDTHS:
                        context = browser.new_context(base_url=url, viewport={"width": width, "height": 900})
                        page = context.new_page()
                        _sign_in(page, journey.email)
                        shots.setdefault(journey.role, []).extend(_tour(page, journey, width, out))
                        context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"{sum(map(len, shots.values()))} screenshots: {_index(args.out, shots)}")


if __name__ == "__main__":
    main()
