"""Peer, group and fairness benchmark: `python -m bench.peer_group [--quick]`.

Each figure comes from a fresh process on a seeded synthetic community: time from the
parsed table to the result (fit, candidates, solve, explain), peak memory, and the
ratios each target asks for. Peer totals are compared with the certified fractional
(LP) bound, which is at least the exact optimum, so a ratio to it is a floor on the ratio
to the exact optimum.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from typing import Any

PEER_TARGETS = {5_000: (0.9995, 7.0), 20_000: (0.997, 30.0)}
GROUP_TARGET = (20_000, 3.0, 0.995, 15.0)


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def _cpu() -> float:
    """CPU seconds of this process (all threads): a check on wall times when the machine is busy."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_peer(size: int, seed: int) -> dict[str, Any]:
    from matching import PeerMatcher, parse_participants
    from matching.synthetic.kinds import peer_community

    table = parse_participants(peer_community(size, seed=seed))
    started, cpu = time.perf_counter(), _cpu()
    matcher = PeerMatcher(seed=seed).fit(table)
    result = matcher.match()
    return {
        "seconds": time.perf_counter() - started,
        "cpu": _cpu() - cpu,
        "stages": matcher.timings_ | result.timings,
        "total": result.total,
        "bound": result.upper_bound,
        "exact": result.details["exact"],
        "pairs": len(result.units),
        "unmatched": len(result.unmatched_ids),
        "peak_gb": _peak_gb(),
    }


def run_group(size: int, seed: int) -> dict[str, Any]:
    from matching import GroupMatcher, parse_participants
    from matching.synthetic.kinds import group_community

    table = parse_participants(group_community(size, seed=seed))
    started, cpu = time.perf_counter(), _cpu()
    matcher = GroupMatcher(seed=seed).fit(table)
    result = matcher.match()
    sizes = [len(g.members) for g in result.units]
    return {
        "seconds": time.perf_counter() - started,
        "cpu": _cpu() - cpu,
        "stages": matcher.timings_ | result.timings,
        "groups": len(sizes),
        "sizes": [min(sizes, default=0), max(sizes, default=0)],
        "grouped": sum(sizes),
        "unmatched": len(result.unmatched_ids),
        "cohesion": result.details["cohesion"],
        "random": result.details["random_cohesion"],
        "fit": result.total,
        "traditional": result.details["traditional_total"],
        "bound": result.upper_bound,
        "peak_gb": _peak_gb(),
    }


def run_fairness(size: int, seed: int) -> dict[str, Any]:
    from matching import MentorMatcher, audit, max_min_fair, parse_participants
    from matching.synthetic import synthetic_community

    table = parse_participants(synthetic_community(size, seed=seed))
    matcher = MentorMatcher(seed=seed).fit(table)
    base = matcher.match()
    report = audit(table, base, ["field"])
    started = time.perf_counter()
    trade = max_min_fair(matcher, "field", base=base)
    return {
        "seconds": time.perf_counter() - started,
        "flags": [d.message for d in report.disparities],
        "figures": trade.to_dict(),
        "peak_gb": _peak_gb(),
    }


def _child(mode: str, size: int, seed: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.peer_group", "--child", mode, str(size), "--seed", str(seed)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _stages(figures: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in figures["stages"].items() if isinstance(v, float))


def bench_peer(size: int, seed: int) -> None:
    f = _child("peer", size, seed)
    ratio = f["total"] / f["bound"]
    print(f"\n== peer, {size:,} participants")
    print(f"  stages (s): {_stages(f)}")
    what = "exact (blossom over every eligible pair)" if f["exact"] else "certified fractional-matching bound"
    print(
        f"  {f['seconds']:.2f} s ({f['cpu']:.2f} CPU s), peak {f['peak_gb']:.2f} GB; {f['pairs']:,} pairs, "
        f"{f['unmatched']} unmatched; total {f['total']:.6f}, bound {f['bound']:.6f} ({what}), "
        f"total/bound {ratio:.6f}"
    )
    if size in PEER_TARGETS:
        want, limit = PEER_TARGETS[size]
        ok = ratio >= want and f["seconds"] < limit
        print(f"  target: >= {want} of the bound in < {limit:g} s: {_verdict(ok)}")


def bench_group(size: int, seed: int) -> None:
    f = _child("group", size, seed)
    cohesion, fit = f["cohesion"] / f["random"], f["fit"] / f["traditional"]
    print(f"\n== group, {size:,} mentees + {size // 4:,} group mentors (capacities 3-6), sizes 3-6")
    print(f"  stages (s): {_stages(f)}")
    print(
        f"  {f['seconds']:.2f} s ({f['cpu']:.2f} CPU s), peak {f['peak_gb']:.2f} GB; {f['groups']:,} groups "
        f"of {f['sizes'][0]}-{f['sizes'][1]}, {f['grouped']:,} grouped, {f['unmatched']} unmatched"
    )
    print(
        f"  cohesion {f['cohesion']:.4f} vs random groups {f['random']:.4f}: {cohesion:.2f}x; mentor fit "
        f"{f['fit']:.4f} vs traditional optimum {f['traditional']:.4f} (bound {f['bound']:.4f}): {fit:.5f}"
    )
    if size == GROUP_TARGET[0]:
        _, want_c, want_f, limit = GROUP_TARGET
        ok = cohesion >= want_c and fit >= want_f and f["seconds"] < limit
        print(f"  target: cohesion >= {want_c:g}x, fit >= {want_f}, < {limit:g} s: {_verdict(ok)}")


def bench_fairness(size: int, seed: int) -> None:
    f = _child("fairness", size, seed)
    g = f["figures"]
    print(f"\n== fairness, max-min by field, {size:,} mentees (traditional)")
    for flag in f["flags"]:
        print(f"  audit flag: {flag}")
    print(
        f"  worst-off group {g['worst_before']!r}: mean score per person {g['worst_mean_before']:.4f} -> "
        f"{g['worst_mean_after']:.4f} (gain {g['gain']:+.4f}; worst now {g['worst_after']!r})"
    )
    print(
        f"  total {g['total_before']:.4f} -> {g['total_after']:.4f}: cost {g['cost']:.4f} "
        f"({g['cost'] / g['total_before']:.3%}); max-min rounds {f['seconds']:.2f} s, "
        f"peak {f['peak_gb']:.2f} GB"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.peer_group", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, size = args.child[0], int(args.child[1])
        run = {"peer": run_peer, "group": run_group, "fairness": run_fairness}[mode]
        print(json.dumps(run(size, args.seed)))
        return
    print("Peer, group and fairness benchmark: seeded synthetic communities, one process per figure.")
    print("Times: wall from the parsed table to the explained result (CPU seconds of all threads beside);")
    print(
        f"peak: process max RSS. Load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores."
    )
    peer_sizes, group_size, fair_size = (
        ((1_000, 2_000), 2_000, 2_000) if args.quick else ((5_000, 20_000), 20_000, 20_000)
    )
    for size in peer_sizes:
        bench_peer(size, args.seed)
    bench_group(group_size, args.seed)
    bench_fairness(fair_size, args.seed)


if __name__ == "__main__":
    main()
