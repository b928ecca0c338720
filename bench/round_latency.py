"""Round latency benchmark: `python -m bench.round_latency [--size 2000] [--readers 4] [--idle 10]`.

Starts the app as deployed by default (uvicorn, 2 workers, SQLite, the in-process job worker) on a
fresh demo community, measures page loads of signed-in people while idle, then starts a matching
round over everyone through the API and keeps loading pages until the round is ready. Prints the
round's wall time (POST to ready) and p50/p95 page latency during the round vs idle.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-demo-password"  # noqa: S105
COORDINATOR = "coordinator@example.org"
PARTICIPANT_PAGES = ("/", "/profile", "/proposals")
COORDINATOR_PAGES = ("/", "/rounds")
Samples = dict[str, list[float]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "mentorship.cli", *args], env=env, cwd=ROOT, check=True)


@contextmanager
def serving(size: int, workers: int) -> Iterator[tuple[str, Path]]:
    """Migrate, load the demo community, serve it; yield the URL and the SQLite file."""
    with tempfile.TemporaryDirectory(prefix="round-latency-") as tmp:
        data = Path(tmp)
        database = data / "mentorship.db"
        env = {
            **os.environ,
            "MENTORSHIP_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
            "MENTORSHIP_DATA_DIR": str(data),
            "MENTORSHIP_DEMO_PASSWORD": PASSWORD,
            "MENTORSHIP_PASSWORD_HASH_COST": "fast",
            "MENTORSHIP_LOG_LEVEL": "WARNING",
        }
        _run(env, "db", "upgrade")
        started = time.perf_counter()
        _run(env, "demo", "load", "--size", str(size))
        print(f"demo community of {size} loaded in {time.perf_counter() - started:.1f} s", flush=True)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        with (data / "server.log").open("wb") as log:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mentorship.cli",
                    "serve",
                    "--port",
                    str(port),
                    "--workers",
                    str(workers),
                ],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_healthy(url, server)
            yield url, database
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_until_healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not become healthy")


def participants(database: Path, count: int) -> list[str]:
    """Emails of demo people with a profile, spread over the community."""
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT u.email FROM user_account u JOIN profile p ON p.user_id = u.id ORDER BY u.email"
        ).fetchall()
    step = max(1, len(rows) // max(count, 1))
    return [email for (email,) in rows[::step][:count]]


async def signed_in(url: str, email: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=url, timeout=60)
    await client.get("/login")
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    response.raise_for_status()
    client.headers["x-csrftoken"] = client.cookies["csrftoken"]
    return client


async def read_pages(
    client: httpx.AsyncClient, pages: tuple[str, ...], phase: list[str], samples: dict[str, Samples]
) -> None:
    """Load pages one after another, recording each latency under the current phase."""
    while phase[0] != "stop":
        for path in pages:
            started = time.perf_counter()
            response = await client.get(path)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"GET {path} answered {response.status_code}")
            if phase[0] in ("idle", "round"):
                samples[phase[0]][path].append(elapsed)


async def run_round(coordinator: httpx.AsyncClient) -> tuple[float, dict[str, object]]:
    """Start a traditional round over everyone; the wall time until it is ready, and its summary."""
    started = time.perf_counter()
    response = await coordinator.post("/api/v1/rounds", json={"kind": "traditional"})
    response.raise_for_status()
    round_id = response.json()["id"]
    while True:
        found = (await coordinator.get(f"/api/v1/rounds/{round_id}")).json()["round"]
        if found["status"] in ("ready", "failed"):
            break
        await asyncio.sleep(0.1)  # polling the round's status, as the page does
    elapsed = time.perf_counter() - started
    if found["status"] == "failed":
        raise RuntimeError(f"the round failed: {found['error']}")
    return elapsed, found["summary"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(
    samples: dict[str, Samples], wall: float, summary: dict[str, object], args: argparse.Namespace
) -> None:
    pool = summary.get("pool", {})
    setup = f"{args.workers} web workers, SQLite, in-process job worker"
    print(f"\nRound over the demo community of {args.size} ({setup})")
    print(f"  round wall time, POST to ready: {wall:.2f} s")
    print(f"  pool {pool}, proposals {summary.get('proposals')}, matched {summary.get('matched')}")
    print(f"\n  {'page loads':<16}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}")
    overall = {
        phase: [v for values in by_page.values() for v in values] for phase, by_page in samples.items()
    }
    for phase, label in (("idle", "idle"), ("round", "during round")):
        values = overall[phase]
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(f"  {label:<16}{len(values):>6}{p50:>10.1f}{p95:>10.1f}")
    ratio50 = percentile(overall["round"], 0.5) / percentile(overall["idle"], 0.5)
    ratio95 = percentile(overall["round"], 0.95) / percentile(overall["idle"], 0.95)
    print(f"  {'ratio round/idle':<22}{ratio50:>10.2f}{ratio95:>10.2f}")
    print(f"\n  {'per page p95 ms':<16}{'idle':>10}{'round':>10}{'ratio':>8}")
    for path in sorted(samples["idle"]):
        idle, busy = percentile(samples["idle"][path], 0.95), percentile(samples["round"][path], 0.95)
        print(f"  {path:<16}{idle * 1000:>10.1f}{busy * 1000:>10.1f}{busy / idle:>8.2f}")


async def measure(url: str, database: Path, args: argparse.Namespace) -> None:
    coordinator = await signed_in(url, COORDINATOR)
    people = [await signed_in(url, email) for email in participants(database, args.readers - 1)]
    samples: dict[str, Samples] = {"idle": defaultdict(list), "round": defaultdict(list)}
    phase = ["warm-up"]
    readers = [
        asyncio.create_task(read_pages(client, pages, phase, samples))
        for client, pages in [(coordinator, COORDINATOR_PAGES), *((p, PARTICIPANT_PAGES) for p in people)]
    ]
    await asyncio.sleep(2)  # warm-up: templates compiled, connections open
    phase[0] = "idle"
    await asyncio.sleep(args.idle)
    phase[0] = "round"
    wall, summary = await run_round(coordinator)
    phase[0] = "stop"
    await asyncio.gather(*readers)
    for client in (coordinator, *people):
        await client.aclose()
    report(samples, wall, summary, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--size", type=int, default=240, help="demo community size (e.g. 2000 for a longer round)"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--readers", type=int, default=4, help="signed-in people loading pages at once")
    parser.add_argument(
        "--idle", type=float, default=10.0, help="seconds of idle measurement before the round"
    )
    args = parser.parse_args()
    with serving(args.size, args.workers) as (url, database):
        asyncio.run(measure(url, database, args))


if __name__ == "__main__":
    main()
