"""Start the app (2 uvicorn workers), a job worker on PostgreSQL (serve runs its own on SQLite), hello."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from bench.communities import ROOT, Community

WORKERS = 2


def free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 900  # a loaded machine takes minutes to import and start 2 workers
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited during start-up; see {log}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not answer; see {log}")


@contextmanager
def _process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and all its descendants (0 for one that has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = (int(fields[11]) + int(fields[12])) / TICKS
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _cpu_seconds(int(child))
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return total


def settle(pid: int, seconds: float = 120) -> None:
    """Wait until the server (``pid`` and its workers) is idle: at most one clock tick of CPU in 100 ms.

    When wrk stops, up to 32 requests are still being answered; a page measured straight after a
    slow page would pay for that tail (the coordinator's /api/v1/me once did, after a round's page).
    """
    deadline = time.monotonic() + seconds
    before = _cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = _cpu_seconds(pid)
        if now - before <= 1 / TICKS:
            return
        before = now


@contextmanager
def serving(community: Community, logs: Path) -> Iterator[tuple[str, str, int]]:
    """The app and hello-world, both on uvicorn with 2 workers; yields their URLs and the app's pid."""
    app_port, hello_port = free_port(), free_port()
    env = community.env
    with ExitStack() as stack:
        app_log, hello_log = logs / "app.log", logs / "hello.log"
        cli = [sys.executable, "-m", "mentorship.cli"]
        app = stack.enter_context(
            _process([*cli, "serve", "--port", str(app_port), "--workers", str(WORKERS)], env, app_log)
        )
        if community.database == "postgresql":
            stack.enter_context(_process([*cli, "jobs", "worker"], env, logs / "worker.log"))
        hello = stack.enter_context(
            _process(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "bench.hello:app",
                    "--port",
                    str(hello_port),
                    "--workers",
                    str(WORKERS),
                    "--log-level",
                    "warning",
                ],
                env,
                hello_log,
            )
        )
        app_url, hello_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{hello_port}"
        _wait(f"{app_url}/healthz", app, app_log)
        _wait(f"{hello_url}/", hello, hello_log)
        yield app_url, hello_url, app.pid
