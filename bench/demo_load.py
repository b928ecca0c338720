"""Demo load timing: `python -m bench.demo_load --size 10000 [--database sqlite|postgresql]`.

Loads the demo community into a fresh SQLite file or a fresh PostgreSQL database (created and
dropped here) and prints the wall time, this process's CPU time and the CPU time of each stage.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from bench.communities import PG_SERVER, _pg
from mentorship import migrate
from mentorship.config import Settings
from mentorship.demo.loader import load_demo


def _settings(database: str, data: Path, name: str) -> Settings:
    url = f"sqlite+aiosqlite:///{data / 'mentorship.db'}"
    if database == "postgresql":
        url = PG_SERVER.replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{name}"
    env = {**os.environ, "MENTORSHIP_DATA_DIR": str(data), "MENTORSHIP_DATABASE_URL": url}
    return Settings.from_env(env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--database", default="sqlite", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    name = f"bench_demo_load_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="demo-load-") as tmp:
        if args.database == "postgresql":
            _pg(f'CREATE DATABASE "{name}"')
        try:
            settings = _settings(args.database, Path(tmp), name)
            migrate.upgrade(settings)
            wall, cpu = time.perf_counter(), time.process_time()
            result = asyncio.run(load_demo(settings, size=args.size))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        finally:
            if args.database == "postgresql":
                _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    stages = ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in result.seconds.items())
    print(
        f"demo load {args.size:,} on {args.database}: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"(stages, CPU s: {stages}); {result.matches}"
    )


if __name__ == "__main__":
    main()
