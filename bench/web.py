"""Web benchmark: `python -m bench.web [--sizes 1000,10000,100000] [--databases sqlite,postgresql] [--quick]`.

For each database and size it builds the demo community (cached under var/bench-web/ by size and
loader version), serves it with `mentorship serve --workers 2` (plus `mentorship jobs worker` on
PostgreSQL) beside a hello-world Litestar app on the same uvicorn, signs in as the coordinator, a
mentor and a mentee, and loads every main page with wrk at 8 and 32 connections. It then runs a
matching round over everyone while participants load pages. Prints the tables, the growth between
sizes and the issue's targets, and writes results.json and results.md under var/bench-web/.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import background_round, wrk
from bench.communities import CACHE, Community, drop_copy, prepare
from bench.pages import EXPORTS, PAGES, cast, cookie_header, download, probe, sign_in
from bench.servers import serving, settle
from bench.web_report import render

CONNECTIONS = (8, 32)
MAX_SECONDS = 20.0  # a page slower than this is measured for this long; wrk gives up on an answer at 30 s


def _page_runs(
    binary: str, script: Path, url: str, path: str, headers: dict[str, str], duration: float, pid: int
) -> dict[str, Any]:
    settle(pid)
    status, first_ms = probe(url, path, headers)
    if not 200 <= status < 300:
        return {"probe_status": status, "probe_ms": first_ms, "runs": {}, "ok": False}
    # A slow page gets time for a few answers per connection, up to a bound.
    seconds = min(MAX_SECONDS, max(duration, 3 * first_ms / 1000))
    runs = {}
    for c in CONNECTIONS:
        settle(pid)  # the last run's unanswered requests are not this run's cost
        runs[str(c)] = wrk.run(binary, script, url + path, c, seconds, headers)
    return {
        "probe_status": status,
        "probe_ms": first_ms,
        "seconds": seconds,
        "runs": {c: run.as_dict() for c, run in runs.items()},
        "ok": all(run.ok for run in runs.values()),
    }


def measure(community: Community, args: argparse.Namespace, binary: str, script: Path) -> dict[str, Any]:
    """Every page of every role, and hello-world, on one served community; then the round check."""
    logs = CACHE / "runs" / f"{community.database}-{community.size}"
    people = cast(community)
    result: dict[str, Any] = {
        "database": community.database,
        "size": community.size,
        "load_seconds": community.load_seconds,
        "pages": [],
    }
    with serving(community, logs) as (url, hello_url, pid):
        result["hello"] = {
            str(c): wrk.run(binary, script, hello_url + "/", c, args.duration, {}).as_dict()
            for c in CONNECTIONS
        }
        cookies = {role: sign_in(url, email) for role, email in people.emails.items()}
        for role in PAGES:
            headers = cookie_header(cookies[role])
            for template, path in zip(PAGES[role], people.paths(role), strict=True):
                measured = _page_runs(binary, script, url, path, headers, args.duration, pid)
                result["pages"].append({"role": role, "page": template, "path": path, **measured})
                _progress(community, role, template, measured)
        result["exports"] = [download(url, path, cookie_header(cookies["coordinator"])) for path in EXPORTS]
        for export in result["exports"]:
            print(
                f"  {community.database} {community.size:>6} coordinator {export['path']:<32} "
                f"first byte {export['first_byte_ms']:.0f} ms, whole {export['total_ms']:.0f} ms, "
                f"{export['bytes'] / 1e6:.1f} MB (HTTP {export['status']})",
                flush=True,
            )
        if not args.no_round:
            try:
                result["round"] = background_round.measure(
                    url, cookies["coordinator"], [cookies["mentor"], cookies["mentee"]], args.idle
                )
            except Exception as exc:  # reported as the check's failure, not a crash
                result["round"] = {"error": repr(exc)}
    return result


def _progress(community: Community, role: str, page: str, measured: dict[str, Any]) -> None:
    eight = measured["runs"].get("8")
    figure = (
        f"p95 {eight['p95']:.1f} ms, {eight['rps']:.0f}/s" if eight else f"HTTP {measured['probe_status']}"
    )
    flag = "" if measured["ok"] else "  FAILED"
    print(f"  {community.database} {community.size:>6} {role:<11} {page:<32} {figure}{flag}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000,100000", help="community sizes, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql or both")
    parser.add_argument("--quick", action="store_true", help="1,000 participants only")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds of wrk per page and level")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle page loads before the round")
    parser.add_argument("--no-round", action="store_true", help="skip the round-in-the-background check")
    args = parser.parse_args()
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    binary = wrk.ensure_wrk()
    script = wrk.write_script(CACHE)
    started = datetime.now(UTC)
    runs: list[dict[str, Any]] = []
    markdown = ""
    for database in databases:
        for size in sizes:
            began = time.perf_counter()
            community = prepare(database, size)
            try:
                runs.append(measure(community, args, binary, script))
            finally:
                drop_copy(community)
            print(f"{database} {size}: measured in {time.perf_counter() - began:.0f} s", flush=True)
            markdown = _write(started, args, runs)  # after each community: a cut-off run keeps the rest
    print("\n" + markdown)
    print(f"Written to {CACHE / 'results.json'} and {CACHE / 'results.md'}")


def _write(started: datetime, args: argparse.Namespace, runs: list[dict[str, Any]]) -> str:
    results = {
        "started": started.isoformat(),
        "duration": args.duration,
        "connections": list(CONNECTIONS),
        "runs": runs,
    }
    markdown = render(results)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    for name in (f"results-{stamp}", "results"):
        (CACHE / f"{name}.json").write_text(json.dumps(results, indent=2))
        (CACHE / f"{name}.md").write_text(markdown)
    return markdown


if __name__ == "__main__":
    main()
