"""Browser tests: Debian's Chromium driven by Playwright against a live uvicorn server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from mentorship import migrate
from tests.conftest import make_settings, require_postgres
from tests.databases import create_postgres_database, drop_postgres_database, in_thread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "browser-demo-password"


@dataclass(frozen=True)
class LiveServer:
    """A running app: its URL and the database it uses."""

    url: str
    database_url: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180  # a loaded CI machine starts workers slowly
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the live server exited early:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)  # polling for readiness, not waiting for an effect
    raise RuntimeError(f"the live server did not become healthy:\n{log.read_text()}")


def _start_job_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`mentorship jobs worker` once the CLI has it, else litestar-saq's own worker command."""
    from mentorship.cli import cli

    if "jobs" in cli.commands:
        command = [sys.executable, "-m", "mentorship.cli", "jobs", "worker"]
    else:
        command = [
            *(sys.executable, "-m", "litestar", "--app", "mentorship.app:create_app_from_env"),
            *("workers", "run"),
        ]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium; never a browser Playwright downloads."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """uvicorn with two workers on a free port, its own migrated database holding the demo data."""
    data_dir = tmp_path_factory.mktemp(f"live-{request.param}")
    if request.param == "sqlite":
        database_url = f"sqlite+aiosqlite:///{data_dir / 'live.db'}"
    else:
        require_postgres()
        database_url = create_postgres_database("live")
    env = {
        **os.environ,
        "MENTORSHIP_DATABASE_URL": database_url,
        "MENTORSHIP_DATA_DIR": str(data_dir),
        "MENTORSHIP_DEMO_PASSWORD": DEMO_PASSWORD,
        "MENTORSHIP_PASSWORD_HASH_COST": "fast",
        "MENTORSHIP_DEBUG": "true",
    }
    in_thread(lambda: migrate.upgrade(make_settings(database_url, data_dir)))
    cli = [sys.executable, "-m", "mentorship.cli"]
    subprocess.run([*cli, "demo", "load"], env=env, check=True, cwd=PROJECT_ROOT, capture_output=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = data_dir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*cli, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    # On SQLite serve starts its own job worker; on PostgreSQL a separate one runs, as deployed.
    worker = None if request.param == "sqlite" else _start_job_worker(env, data_dir / "worker.log")
    try:
        _wait_until_healthy(url, process, log)
        if worker is not None and worker.poll() is not None:
            raise RuntimeError(f"the job worker exited:\n{(data_dir / 'worker.log').read_text()}")
        yield LiveServer(url=url, database_url=database_url)
    finally:
        for started in (process, worker):
            if started is not None:
                started.terminate()
                started.wait(timeout=20)
        if request.param == "postgresql":
            drop_postgres_database(database_url)
