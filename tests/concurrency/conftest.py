"""A real server for concurrency tests: uvicorn with three worker processes on a fresh database."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from mentorship.config import Settings
from tests.browser.conftest import PROJECT_ROOT, _free_port, _wait_until_healthy
from tests.conftest import make_settings, require_postgres
from tests.databases import create_postgres_database, drop_postgres_database
from tests.factories import PASSWORD

WORKERS = 3
# uvicorn's own access log, with the worker's process id, so a test can see which workers answered.
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "access": {
            "()": "uvicorn.logging.AccessFormatter",
            "fmt": 'pid=%(process)d "%(request_line)s" %(status_code)s',
            "use_colors": False,
        },
        "default": {"()": "uvicorn.logging.DefaultFormatter", "fmt": "%(levelprefix)s %(message)s"},
    },
    "handlers": {
        "access": {"formatter": "access", "class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
        "default": {"formatter": "default", "class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}


@dataclass(frozen=True)
class Server:
    """A running multi-worker app: its URL, settings on its database, and its log."""

    url: str
    settings: Settings
    log: Path

    def log_size(self) -> int:
        """Where the log ends now, to read only what comes after."""
        return self.log.stat().st_size

    def pids_answering(self, pattern: str, since: int = 0) -> set[int]:
        """The worker processes that logged a request line matching the pattern after an offset."""
        with self.log.open("rb") as handle:
            handle.seek(since)
            text = handle.read().decode(errors="replace")
        return {int(pid) for pid in re.findall(rf'pid=(\d+) "{pattern}', text)}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`uvicorn --workers 3` on a free port against its own migrated, empty database."""
    data_dir = tmp_path_factory.mktemp(f"concurrency-{request.param}")
    if request.param == "sqlite":
        database_url = f"sqlite+aiosqlite:///{data_dir / 'app.db'}"
    else:
        require_postgres()
        database_url = create_postgres_database("concurrency")
    settings = make_settings(database_url, data_dir)
    env = {
        **os.environ,
        "MENTORSHIP_DATABASE_URL": database_url,
        "MENTORSHIP_DATA_DIR": str(data_dir),
        "MENTORSHIP_SECRET_KEY": settings.secret_key,
        "MENTORSHIP_PASSWORD_HASH_COST": "fast",
        "MENTORSHIP_DEBUG": "true",
        # The load index turns requests away early (a soft rule, checked before writing); lift it so
        # fifty requests reach the mentor and only the hard capacity guard decides.
        "MENTORSHIP_LOAD_THRESHOLD": "1000",
    }
    log = data_dir / "server.log"
    log_config = data_dir / "log.json"
    log_config.write_text(json.dumps(LOG_CONFIG))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run(
            [sys.executable, "-m", "mentorship.cli", "db", "upgrade"],
            env=env,
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "uvicorn", "--factory", "mentorship.app:create_app_from_env"),
                    *("--host", "127.0.0.1", "--port", str(port), "--workers", str(WORKERS)),
                    *("--log-config", str(log_config)),
                    # A client waits for all fifty of its peers between two requests; on a loaded
                    # machine that outlasts uvicorn's 5 s keep-alive, and a request sent on the
                    # connection as the server closes it is lost ("Server disconnected").
                    *("--timeout-keep-alive", "300"),
                ],
                env=env,
                cwd=PROJECT_ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_until_healthy(url, process, log)
        yield Server(url=url, settings=settings, log=log)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        if request.param == "postgresql":
            drop_postgres_database(database_url)


async def on_several_workers(
    server: Server, clients: list[httpx.AsyncClient], each: int = 1
) -> list[httpx.AsyncClient]:
    """The clients, with `each` kept-alive connections apiece that reach at least two workers between them.

    A worker's event loop accepts every connection waiting when it wakes, so a burst of new ones can all
    land on one worker while the others are busy (hashing a password, say); reconnect until they do not.
    """
    for _ in range(20):
        mark = server.log_size()
        await asyncio.gather(*(client.get("/healthz") for client in clients for _ in range(each)))
        if len(server.pids_answering("GET /healthz ", since=mark)) >= 2:
            return clients
        fresh = [
            httpx.AsyncClient(
                base_url=client.base_url,
                cookies=client.cookies,
                headers=client.headers,
                timeout=120,
                limits=httpx.Limits(max_connections=100),
            )
            for client in clients
        ]
        await asyncio.gather(*(client.aclose() for client in clients))
        clients = fresh
    raise AssertionError("twenty bursts of connections all reached one worker")


async def signed_in(url: str, email: str, password: str = PASSWORD) -> httpx.AsyncClient:
    """A client with a session cookie that echoes the CSRF cookie in its header, like the API expects."""
    client = httpx.AsyncClient(base_url=url, timeout=120, limits=httpx.Limits(max_connections=100))
    await client.get("/login")
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    # Sign-in may rotate the token; echo the current one.
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    return client
