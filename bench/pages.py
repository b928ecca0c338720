"""Who the benchmark signs in as, and which pages each of them loads."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx

from bench.communities import Community, demo_password

COORDINATOR = "coordinator@example.org"
PAGES = {
    "coordinator": (
        "/",
        "/dashboard",
        "/api/v1/dashboard",
        "/events",
        "/roster",
        "/api/v1/profiles",
        "/rounds",
        "/rounds/{round}",
        "/programs",
        "/programs/{program}",
        "/relationships/{relationship}",
        "/api/v1/me",
        "/notifications",
    ),
    "mentor": (
        "/",
        "/proposals",
        "/relationships",
        "/relationships/{relationship}",
        "/checkins/{checkin}",
        "/profile",
        "/api/v1/me",
        "/programs",
        "/notifications",
    ),
    "mentee": (
        "/",
        "/suggestions",
        "/api/v1/suggestions",
        "/proposals",
        "/relationships",
        "/relationships/{relationship}",
        "/checkins/{checkin}",
        "/profile",
        "/api/v1/me",
        "/programs",
        "/programs/{program}",
        "/notifications",
    ),
}


# Downloads, not pages: measured one at a time for the first byte and the whole file, not with wrk.
EXPORTS = ("/events.csv",)


@dataclass(frozen=True)
class Cast:
    """The demo people signed in, and the ids their pages need."""

    emails: dict[str, str]
    ids: dict[str, str]

    def paths(self, role: str) -> list[str]:
        """The role's pages with the ids filled in."""
        return [page.format(**self.ids) for page in PAGES[role]]


def _uuid(value: Any) -> str:
    if isinstance(value, bytes | memoryview):
        return str(UUID(bytes=bytes(value)))
    return str(UUID(str(value)))


QUERIES = {
    "pair": """SELECT r.id, u.email, m.role FROM relationship r
        JOIN relationship_member m ON m.relationship_id = r.id
        JOIN profile p ON p.id = m.profile_id JOIN user_account u ON u.id = p.user_id
        WHERE r.status = 'active' AND r.kind = 'traditional' AND r.program_id IS NULL
        ORDER BY r.started_at, u.email""",
    "round": "SELECT id FROM matching_round ORDER BY created_at LIMIT 1",
}


def cast(community: Community) -> Cast:
    """A mentor and a mentee of one live relationship, the coordinator, and a check-in, round and program."""
    rows, round_id = _query(community)
    by_relationship: dict[str, dict[str, str]] = {}
    for relationship, email, role in rows:
        by_relationship.setdefault(_uuid(relationship), {})[str(role)] = email
    relationship, people = next(
        (rid, p) for rid, p in by_relationship.items() if {"mentor", "mentee"} <= set(p)
    )
    checkin = _checkin(community, relationship)
    return Cast(
        emails={"coordinator": COORDINATOR, "mentor": people["mentor"], "mentee": people["mentee"]},
        ids={"relationship": relationship, "checkin": checkin, "round": round_id, "program": "newcomers"},
    )


def _connect(community: Community) -> Any:
    url = community.env["MENTORSHIP_DATABASE_URL"]
    if community.database == "sqlite":
        return sqlite3.connect(url.split(":///", 1)[1])
    import psycopg

    return psycopg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))


def _query(community: Community) -> tuple[list[Any], str]:
    with _connect(community) as db:
        rows = list(db.execute(QUERIES["pair"]).fetchall())
        round_id = _uuid(db.execute(QUERIES["round"]).fetchone()[0])
    return rows, round_id


def _checkin(community: Community, relationship: str) -> str:
    key: Any = UUID(relationship).bytes if community.database == "sqlite" else relationship
    mark = "?" if community.database == "sqlite" else "%s"
    with _connect(community) as db:
        found = db.execute(
            f"SELECT id FROM checkin WHERE relationship_id = {mark} ORDER BY scheduled_at DESC",  # noqa: S608
            (key,),
        ).fetchone()
    return _uuid(found[0])


def sign_in(url: str, email: str) -> dict[str, str]:
    """Sign in through the API; the cookies a client sends (fails loudly when sign-in fails)."""
    with httpx.Client(base_url=url, timeout=120) as client:
        client.get("/login")
        client.headers["x-csrftoken"] = client.cookies["csrftoken"]
        response = client.post("/api/v1/auth/login", json={"email": email, "password": demo_password()})
        if response.status_code >= 300:
            raise SystemExit(f"signing in as {email} failed: {response.status_code} {response.text[:200]}")
        return dict(client.cookies.items())


def cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    """The Cookie header wrk sends for a signed-in person."""
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}


def probe(url: str, path: str, headers: dict[str, str]) -> tuple[int, float]:
    """One warm-up request: its status and time in ms; a redirect to sign-in stops the benchmark."""
    with httpx.Client(base_url=url, timeout=300, headers=headers) as client:
        started = time.perf_counter()
        try:
            response = client.get(path)
        except httpx.TransportError:  # the worker died or hung up: the page failed, the run goes on
            return 0, (time.perf_counter() - started) * 1000
        if response.is_redirect and "login" in response.headers.get("location", ""):
            raise SystemExit(f"GET {path} redirected to sign-in: the session cookie was not accepted")
        return response.status_code, response.elapsed.total_seconds() * 1000


def download(url: str, path: str, headers: dict[str, str], times: int = 3) -> dict[str, Any]:
    """An export fetched ``times`` times: the median first byte and whole download in ms, and its size."""
    firsts, totals, size, status = [], [], 0, 0
    with httpx.Client(base_url=url, timeout=600, headers=headers) as client:
        for _ in range(times):
            started = time.perf_counter()
            with client.stream("GET", path) as response:
                status, size, first = response.status_code, 0, None
                for chunk in response.iter_bytes():
                    first = first if first is not None else time.perf_counter()
                    size += len(chunk)
            ended = time.perf_counter()
            firsts.append(((first or ended) - started) * 1000)
            totals.append((ended - started) * 1000)
    middle = times // 2
    return {
        "path": path,
        "status": status,
        "bytes": size,
        "first_byte_ms": sorted(firsts)[middle],
        "total_ms": sorted(totals)[middle],
    }
