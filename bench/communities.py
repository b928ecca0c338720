"""Demo communities for the web benchmark, built once per size and loader version and kept under var/."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "var" / "bench-web"
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432")


def demo_password() -> str:
    """The demo accounts' password, as the loader reads it."""
    return os.environ.get("MENTORSHIP_DEMO_PASSWORD", "mentorship-demo")


def loader_hash() -> str:
    """A short hash of what shapes a built community's data: the demo loader and the password.

    Not the migrations: a cached build is upgraded to the latest schema before each run, as a real
    community's database would be, so a new index does not cost an hour of rebuilding at 100,000.
    """
    digest = hashlib.sha256(demo_password().encode())
    for path in sorted((ROOT / "mentorship" / "demo").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


@dataclass(frozen=True)
class Community:
    """A served copy of a built community: the environment the app, the worker and the loader share."""

    database: str
    size: int
    env: dict[str, str]
    load_seconds: float | None  # None when it came from the cache


def _env(data_dir: Path, database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "MENTORSHIP_DATA_DIR": str(data_dir),
        "MENTORSHIP_DATABASE_URL": database_url,
        "MENTORSHIP_DEMO_PASSWORD": demo_password(),
        "MENTORSHIP_LOG_LEVEL": "WARNING",
    }


def _cli(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "mentorship.cli", *args], env=env, cwd=ROOT, check=True)


def _load(env: dict[str, str], size: int) -> float:
    _cli(env, "db", "upgrade")
    started = time.perf_counter()
    _cli(env, "demo", "load", "--size", str(size))
    seconds = time.perf_counter() - started
    # Suggestions are read from stored lists: build them now, as the app's job would after the load,
    # so /suggestions is measured reading real lists (not answering "preparing").
    _cli(env, "suggestions", "refresh")
    return seconds


def prepare(database: str, size: int) -> Community:
    """A fresh copy of the community of this size, loading it only when no cached build matches."""
    key = f"{size}-{loader_hash()}"
    run_dir = CACHE / "runs" / f"{database}-{size}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    if database == "sqlite":
        return _prepare_sqlite(key, size, run_dir)
    if database == "postgresql":
        return _prepare_postgresql(key, size, run_dir)
    raise SystemExit(f"unknown database {database!r} (sqlite or postgresql)")


def _prepare_sqlite(key: str, size: int, run_dir: Path) -> Community:
    built = CACHE / f"sqlite-{key}"
    built_env = _env(built, f"sqlite+aiosqlite:///{built / 'mentorship.db'}")
    seconds = None
    if not (built / "done").exists():
        shutil.rmtree(built, ignore_errors=True)
        built.mkdir(parents=True)
        seconds = _load(built_env, size)
        (built / "done").write_text(f"{seconds:.1f}\n")
    else:
        _cli(built_env, "db", "upgrade")
    # Serving writes sessions: the run works on a copy, so the cached build stays as built.
    for name in ("mentorship.db", "secret_key"):
        if (built / name).exists():
            shutil.copy2(built / name, run_dir / name)
    env = _env(run_dir, f"sqlite+aiosqlite:///{run_dir / 'mentorship.db'}")
    return Community("sqlite", size, env, seconds)


def _pg(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def _pg_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def _prepare_postgresql(key: str, size: int, run_dir: Path) -> Community:
    built = f"bench_web_{key.replace('-', '_')}"
    marker = CACHE / f"postgresql-{key}.done"
    seconds = None
    url = PG_SERVER.replace("postgresql://", "postgresql+asyncpg://", 1)
    if not (marker.exists() and _pg_exists(built)):
        _pg(f'DROP DATABASE IF EXISTS "{built}" WITH (FORCE)')
        _pg(f'CREATE DATABASE "{built}"')
        seconds = _load(_env(run_dir, f"{url}/{built}"), size)
        marker.write_text(f"{seconds:.1f}\n")
    else:
        _cli(_env(run_dir, f"{url}/{built}"), "db", "upgrade")
    # A run works on a copy made from the build as a template, so the cached build stays as loaded.
    copy = f"bench_web_run_{size}"
    _pg(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
    _pg(f'CREATE DATABASE "{copy}" TEMPLATE "{built}"')
    return Community("postgresql", size, _env(run_dir, f"{url}/{copy}"), seconds)


def drop_copy(community: Community) -> None:
    """Drop a run's PostgreSQL copy (the SQLite copy is replaced by the next run)."""
    if community.database == "postgresql":
        _pg(f'DROP DATABASE IF EXISTS "bench_web_run_{community.size}" WITH (FORCE)')
