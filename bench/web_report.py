"""The web benchmark's tables, growth and targets as Markdown (printed and written beside the JSON)."""

from __future__ import annotations

from typing import Any

P95_TARGET_MS = 50.0
TARGET_SIZE = 10_000
HELLO_SHARE = 0.10
CHEAP_PAGES = ("/api/v1/me", "/profile")
GROWTH_LIMIT = 1.5
ROUND_LIMIT = 2.0
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _cells(run: dict[str, Any] | None, hello: dict[str, Any]) -> list[str]:
    if not run:
        return ["–"] * 5
    if not run["requests"]:
        return ["no answer"] + ["–"] * 4
    share = run["rps"] / hello["rps"] if hello["rps"] else 0.0
    return [
        f"{run['p50']:.1f}",
        f"{run['p95']:.1f}",
        f"{run['p99']:.1f}",
        f"{run['rps']:.0f}",
        f"{share:.1%}",
    ]


def _status(page: dict[str, Any]) -> str:
    if page["ok"]:
        return "ok"
    if not page["runs"]:
        return f"**FAILED** (HTTP {page['probe_status']})"
    bad = [r for r in page["runs"].values() if not r["ok"]]
    parts = [
        f"{r['non2xx']} non-2xx (last HTTP {r['status']}), {r['socket_errors']} socket errors "
        f"at {r['connections']}"
        for r in bad
    ]
    return "**FAILED**: " + "; ".join(parts)


def _run_section(run: dict[str, Any]) -> list[str]:
    hello = run["hello"]
    loaded = f"loaded in {run['load_seconds']:.0f} s" if run["load_seconds"] is not None else "from the cache"
    lines = [f"## {NAMES[run['database']]}, {run['size']:,} participants ({loaded})", ""]
    for c, h in hello.items():
        lines.append(
            f"- hello-world at {c} connections: p50 {h['p50']:.2f} / p95 {h['p95']:.2f} / "
            f"p99 {h['p99']:.2f} ms, {h['rps']:,.0f} requests/s"
        )
    lines += [
        "",
        "| Role | Page | p50 | p95 | p99 | req/s | × hello "
        "| p50 @32 | p95 @32 | p99 @32 | req/s @32 | × hello @32 | |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in run["pages"]:
        cells = _cells(page["runs"].get("8"), hello["8"]) + _cells(page["runs"].get("32"), hello["32"])
        lines.append(f"| {page['role']} | `{page['page']}` | " + " | ".join(cells) + f" | {_status(page)} |")
    for export in run.get("exports", []):
        lines.append(
            f"\nExport `{export['path']}` (coordinator, one at a time, median of 3): first byte "
            f"{export['first_byte_ms']:.0f} ms, whole file {export['total_ms']:.0f} ms, "
            f"{export['bytes'] / 1e6:.1f} MB, HTTP {export['status']}"
        )
    round_ = run.get("round")
    if round_:
        lines.append("")
        if "error" in round_:
            lines.append(f"Round in the background: **FAILED**: {round_['error']}")
        else:
            lines.append(
                f"Round in the background ({round_['round_seconds']:.1f} s): participants' pages "
                f"{', '.join(round_['pages'])} p95 {round_['idle_p95']:.1f} ms idle, "
                f"{round_['round_p95']:.1f} ms during the round ({round_['ratio']:.2f}×)"
            )
    return [*lines, ""]


def _p95(page: dict[str, Any]) -> float | None:
    run = page["runs"].get("8")
    return run["p95"] if run and page["ok"] else None


def _growth(runs: list[dict[str, Any]]) -> list[str]:
    lines = ["## Growth: p95 at 8 connections, smallest to largest size", ""]
    for database in dict.fromkeys(r["database"] for r in runs):
        mine = sorted((r for r in runs if r["database"] == database), key=lambda r: r["size"])
        if len(mine) < 2:
            lines.append(f"- {NAMES[database]}: one size only ({mine[0]['size']:,}), no growth to show")
            continue
        small, large = mine[0], mine[-1]
        lines += [
            f"### {NAMES[database]}: {small['size']:,} → {large['size']:,}",
            "",
            "| Role | Page | p95 small | p95 large | ratio |",
            "|---|---|---:|---:|---:|",
        ]
        before = {(p["role"], p["page"]): _p95(p) for p in small["pages"]}
        for page in large["pages"]:
            a, b = before.get((page["role"], page["page"])), _p95(page)
            ratio = f"{b / a:.2f}×" if a and b else "–"
            shown = [f"{v:.1f}" if v is not None else "failed" for v in (a, b)]
            lines.append(f"| {page['role']} | `{page['page']}` | {shown[0]} | {shown[1]} | {ratio} |")
        lines.append("")
    return [*lines, ""]


def _mark(met: bool) -> str:
    return "met" if met else "**NOT met**"


def _targets(runs: list[dict[str, Any]]) -> list[str]:
    lines = ["## Targets", ""]
    databases = list(dict.fromkeys(r["database"] for r in runs))
    for database in databases:
        name = NAMES[database]
        at_target = next((r for r in runs if r["database"] == database and r["size"] == TARGET_SIZE), None)
        if at_target is None:
            lines.append(
                f"- {name}: every page's p95 ≤ 50 ms at 8 connections at 10k: not measured (no 10k run)"
            )
        else:
            slow = [(p, _p95(p)) for p in at_target["pages"]]
            over = [(p, v) for p, v in slow if v is None or v > P95_TARGET_MS]
            worst = max((v for _p, v in slow if v is not None), default=0.0)
            names = ", ".join(
                f"{p['role']} {p['page']} ({'failed' if v is None else f'{v:.0f} ms'})" for p, v in over
            )
            lines.append(
                f"- {name}: every page's p95 ≤ 50 ms at 8 connections at 10k: {_mark(not over)} "
                f"(worst {worst:.1f} ms; {len(over)} of {len(slow)} pages over"
                f"{': ' + names if names else ''})"
            )
        for run in (r for r in runs if r["database"] == database):
            hello = run["hello"]["8"]["rps"]
            for path in CHEAP_PAGES:
                found = [p for p in run["pages"] if p["page"] == path and p["runs"].get("8")]
                if not found:
                    continue
                share = min(p["runs"]["8"]["rps"] for p in found) / hello if hello else 0.0
                lines.append(
                    f"- {name} {run['size']:,}: `{path}` ≥ 10% of hello-world's rate: "
                    f"{_mark(share >= HELLO_SHARE)} ({share:.1%} of {hello:,.0f}/s, slowest role)"
                )
        sizes = {r["size"]: r for r in runs if r["database"] == database}
        if 1000 in sizes and 100_000 in sizes:
            before = {(p["role"], p["page"]): _p95(p) for p in sizes[1000]["pages"]}
            ratios = [
                (p, (_p95(p) or float("inf")) / (before.get((p["role"], p["page"])) or float("nan")))
                for p in sizes[100_000]["pages"]
            ]
            over = [(p, r) for p, r in ratios if not r <= GROWTH_LIMIT]
            worst = max((r for _p, r in ratios), default=0.0)
            lines.append(
                f"- {name}: no page more than 1.5× slower (p95) at 100k than at 1k: {_mark(not over)} "
                f"(worst {worst:.2f}×, {len(over)} pages over)"
            )
        else:
            lines.append(f"- {name}: 100k against 1k growth ≤ 1.5×: not measured (sizes {sorted(sizes)})")
        round_ = at_target.get("round") if at_target else None
        if round_ and "ratio" in round_:
            lines.append(
                f"- {name}: a round over all 10k moves participants' p95 by < 2×: "
                f"{_mark(round_['ratio'] < ROUND_LIMIT)} ({round_['ratio']:.2f}×: "
                f"{round_['idle_p95']:.0f} → {round_['round_p95']:.0f} ms, "
                f"round {round_['round_seconds']:.0f} s)"
            )
        else:
            lines.append(f"- {name}: round at 10k moves participants' p95 by < 2×: not measured")
        failed = [
            (r["size"], p) for r in runs if r["database"] == database for p in r["pages"] if not p["ok"]
        ]
        lines.append(
            f"- {name}: every answer 2xx: {_mark(not failed)}"
            + (": " + ", ".join(f"{s:,} {p['role']} {p['page']}" for s, p in failed) if failed else "")
        )
    return lines


def render(results: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    runs = results["runs"]
    head = [
        "# Web benchmark",
        "",
        f"Started {results['started']}; wrk for {results['duration']:g} s per page and level (longer for "
        "pages slower than a third of that), 2 uvicorn workers; latencies in ms at 8 connections, "
        "then at 32.",
        "",
    ]
    body = [line for run in runs for line in _run_section(run)]
    return "\n".join([*head, *body, *_growth(runs), *_targets(runs), ""])
