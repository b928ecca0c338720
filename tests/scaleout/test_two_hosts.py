"""Scale-out: two app hosts behind one address, one PostgreSQL, a Redis broker and a job worker on each.

Each host is its own `mentorship serve` and `mentorship jobs worker` processes with its own data
folder; they share only the secret key, the database and the broker, as separate machines would.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from mentorship import migrate
from tests.conftest import make_settings, require_postgres
from tests.databases import create_postgres_database, drop_postgres_database, in_thread
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.jobs.conftest import REDIS_URL, require_redis

ROOT = Path(__file__).resolve().parents[2]
SECRET = "two-hosts-share-this-secret-key-0123456789abcdef"
CLI = [sys.executable, "-m", "mentorship.cli"]
# Every request opens its own connection, so the address in front spreads them over the hosts.
FRESH = httpx.Limits(max_keepalive_connections=0)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Host:
    """One app host: its web server and its job worker, each a process."""

    name: str
    port: int
    web: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """Pull the plug: no shutdown hooks run, nothing is handed back."""
        for process in (self.web, self.worker):
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)


@dataclass
class Balancer:
    """The one address: hands each new connection to the next host that accepts it (round robin)."""

    backends: list[int]
    port: int = 0
    served: dict[int, int] = field(default_factory=dict)
    _turn: Iterator[int] = field(default_factory=lambda: itertools.count())
    _server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        start = next(self._turn)
        for step in range(len(self.backends)):
            port = self.backends[(start + step) % len(self.backends)]
            try:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                continue  # a dead host: like a load balancer's health check, try the next one
            self.served[port] = self.served.get(port, 0) + 1
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
            return
        writer.close()


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        sink.close()


@dataclass
class Cluster:
    """Two hosts, the address in front of them, and who can sign in."""

    a: Host
    b: Host
    balancer: Balancer
    coordinator: str = "coordinator@example.org"


def _start_host(name: str, env: dict[str, str], data_dir: Path) -> Host:
    data_dir.mkdir(parents=True)
    port = _free_port()
    host_env = {**env, "MENTORSHIP_DATA_DIR": str(data_dir)}
    log = data_dir / "host.log"
    with log.open("wb") as out:
        web = subprocess.Popen(
            [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=host_env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        worker = subprocess.Popen(
            [*CLI, "jobs", "worker"], env=host_env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    return Host(name, port, web, worker, log)


def _wait_until_healthy(host: Host) -> None:
    deadline = time.monotonic() + 300  # a loaded CI machine starts processes slowly
    while time.monotonic() < deadline:
        for process in (host.web, host.worker):
            if process.poll() is not None:
                raise RuntimeError(f"host {host.name} exited early:\n{host.log.read_text()}")
        try:
            if httpx.get(f"{host.url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)  # polling for readiness, not waiting for an effect
    raise RuntimeError(f"host {host.name} did not become healthy:\n{host.log.read_text()}")


async def _community(database_url: str, data_dir: Path) -> None:
    settings = make_settings(database_url, data_dir)
    await create_user(settings, "coordinator@example.org", coordinator=True)
    topics = [["wikidata"], ["translation"], ["events"]]
    for i in range(3):
        await create_user(settings, f"mentor{i}@example.org", profile=mentor(2, topics[i], ["en"]))
    for i in range(6):
        await create_user(settings, f"mentee{i}@example.org", profile=mentee(topics[i % 3], ["en"]))


@pytest.fixture
async def cluster(tmp_path: Path) -> AsyncIterator[Cluster]:
    require_postgres()
    require_redis()
    database_url = create_postgres_database("hosts")
    hosts: list[Host] = []
    balancer: Balancer | None = None
    try:
        in_thread(lambda: migrate.upgrade(make_settings(database_url, tmp_path / "seed")))
        await _community(database_url, tmp_path / "seed")
        env = {
            **os.environ,
            "MENTORSHIP_DATABASE_URL": database_url,
            "MENTORSHIP_SECRET_KEY": SECRET,
            "MENTORSHIP_QUEUE_URL": REDIS_URL,
            # Our own queue on the shared Redis: other test runs (and CI) use the same server.
            "MENTORSHIP_QUEUE_NAME": f"two-hosts-{uuid.uuid4().hex[:12]}",
            "MENTORSHIP_PASSWORD_HASH_COST": "fast",
            "MENTORSHIP_IN_PROCESS_WORKER": "false",
        }
        hosts = [_start_host(name, env, tmp_path / name) for name in ("a", "b")]
        for host in hosts:
            await asyncio.to_thread(_wait_until_healthy, host)
        balancer = Balancer([host.port for host in hosts])
        await balancer.start()
        yield Cluster(hosts[0], hosts[1], balancer)
    finally:
        if balancer is not None:
            await balancer.stop()
        for host in hosts:
            host.kill()
        drop_postgres_database(database_url)


def _client(url: str, cookies: httpx.Cookies | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, cookies=cookies, limits=FRESH, timeout=60)


async def _sign_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    if "csrftoken" not in client.cookies:
        await client.get("/login")
    return await client.post(
        "/api/v1/auth/login",
        json={"email": email, "password": password},
        headers={"x-csrftoken": client.cookies["csrftoken"]},
    )


async def _round_when_done(client: httpx.AsyncClient, round_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        found: dict[str, Any] = (await client.get(f"/api/v1/rounds/{round_id}")).json()
        if found["round"]["status"] not in {"queued", "running"}:
            return found
        await asyncio.sleep(0.2)  # polling for the worker's result, not waiting for an effect
    raise AssertionError(f"round {round_id} was not run within 180 s")


async def test_a_session_started_on_one_host_works_on_the_other(cluster: Cluster) -> None:
    async with _client(cluster.a.url) as on_a:
        assert (await _sign_in(on_a, cluster.coordinator)).status_code == 200
        async with _client(cluster.b.url, on_a.cookies) as on_b:
            me = await on_b.get("/api/v1/me")
            assert me.status_code == 200 and me.json()["email"] == cluster.coordinator
            # An unsafe request too: the CSRF token one host issued is honoured by the other.
            created = await on_b.post(
                "/api/v1/topics",
                json={"label": "Commons photography"},
                headers={"x-csrftoken": on_a.cookies["csrftoken"]},
            )
            assert created.status_code in {200, 201}, created.text

    async with _client(cluster.balancer.url) as anywhere:
        assert (await _sign_in(anywhere, "mentee0@example.org")).status_code == 200
        answers = [await anywhere.get("/api/v1/me") for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 6
    assert sorted(cluster.balancer.served) == sorted([cluster.a.port, cluster.b.port])


async def test_login_limits_count_across_both_hosts(cluster: Cluster) -> None:
    async with _client(cluster.a.url) as on_a, _client(cluster.b.url) as on_b:
        tries = [
            await _sign_in(client, "mentee1@example.org", "wrong password") for client in (on_a, on_b) * 3
        ]
        right_password = await _sign_in(on_a, "mentee1@example.org")

    # Five failures are allowed per account and address in 15 minutes, wherever they land.
    assert [t.status_code for t in tries] == [400] * 5 + [429]
    assert right_password.status_code == 429


async def test_a_round_started_on_one_host_is_run_by_a_worker_and_seen_on_both(cluster: Cluster) -> None:
    async with _client(cluster.a.url) as on_a:
        await _sign_in(on_a, cluster.coordinator)
        started = await on_a.post(
            "/api/v1/rounds", json={"kind": "traditional"}, headers={"x-csrftoken": on_a.cookies["csrftoken"]}
        )
        assert started.status_code == 202, started.text
        round_id = started.json()["id"]
        async with _client(cluster.b.url, on_a.cookies) as on_b:
            seen_on_b = await _round_when_done(on_b, round_id)
        seen_on_a = (await on_a.get(f"/api/v1/rounds/{round_id}")).json()

    assert seen_on_b["round"]["status"] == seen_on_a["round"]["status"] == "ready"
    assert seen_on_b["total_proposals"] == seen_on_a["total_proposals"] == 6


async def test_killing_one_host_loses_nothing(cluster: Cluster) -> None:
    async with _client(cluster.a.url) as on_a:
        await _sign_in(on_a, cluster.coordinator)
        csrf = {"x-csrftoken": on_a.cookies["csrftoken"]}
        topic = await on_a.post("/api/v1/topics", json={"label": "Lexicography"}, headers=csrf)
        assert topic.status_code in {200, 201}, topic.text
        # Host a's worker goes first, so the round queued through host a can only be run by host b's.
        cluster.a.worker.send_signal(signal.SIGKILL)
        cluster.a.worker.wait(timeout=10)
        started = await on_a.post("/api/v1/rounds", json={"kind": "traditional"}, headers=csrf)
        assert started.status_code == 202, started.text
        cookies = on_a.cookies
    cluster.a.kill()

    async with _client(cluster.balancer.url, cookies) as anywhere:
        # The session, what host a wrote and the job it queued all outlive it.
        me = [await anywhere.get("/api/v1/me") for _ in range(4)]
        topics = (await anywhere.get("/api/v1/topics", params={"q": "Lexicography"})).json()
        finished = await _round_when_done(anywhere, started.json()["id"])

    assert [m.status_code for m in me] == [200] * 4
    assert "Lexicography" in str(topics)
    assert finished["round"]["status"] == "ready" and finished["total_proposals"] == 6
    assert cluster.balancer.served.get(cluster.a.port, 0) == 0
