"""Matching benchmark: `python -m bench.matching [--sizes 1000,5000,20000,100000] [--quick]`.

Per size it writes a seeded synthetic community to CSV, then runs the CSV-in, CSV-out
path of `mentorship match` in a fresh process (so peak memory is per run) and prints
wall time and peak memory per stage, total, bound and gap; fast mode beside it; at
1,000 and 5,000 mentees also the exact dense solver and greedy.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS = {20_000: (8.0, 1.0), 100_000: (60.0, 3.0)}
DENSE_SIZES = (1_000, 5_000)


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def run_engine(path: Path, out: Path, fast: bool) -> dict[str, Any]:
    """The command's path: read, vectorize, candidates, solve, certify, explain, write."""
    from matching import MentorMatcher
    from mentorship.match.csvio import read_participants, write_result

    started = time.perf_counter()
    table = read_participants(path)
    timings = {"read": time.perf_counter() - started}
    matcher = MentorMatcher(fast=fast).fit(table)
    timings.update(matcher.timings_)
    result = matcher.match()
    timings.update({k: v for k, v in result.timings.items() if k != "rescanned"})
    mark = time.perf_counter()
    write_result(out, result, "csv", timings)
    timings["write"] = time.perf_counter() - mark
    return {
        "seconds": time.perf_counter() - started,
        "stages": timings,
        "total": result.total,
        "bound": result.upper_bound,
        "gap": result.relative_gap,
        "rounds": result.rounds,
        "pairs_scored": result.pairs_scored,
        "pairs": len(matcher.mentees_) * len(matcher.mentors_),
        "peak_gb": _peak_gb(),
    }


def run_dense(path: Path) -> dict[str, Any]:
    """Exact reference (capacity-expanded `linear_sum_assignment`) and greedy, on every pair's score."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from matching import MentorMatcher
    from mentorship.match.csvio import read_participants

    matcher = MentorMatcher().fit(read_participants(path))
    started = time.perf_counter()
    scorer = matcher.scorer()
    scores = scorer.block(np.arange(len(matcher.mentees_)), np.arange(len(matcher.mentors_)))
    capacity = matcher.table_.capacity[matcher.mentors_]
    weights = np.where(np.isfinite(scores), scores, 0.0)[:, np.repeat(np.arange(len(capacity)), capacity)]
    rows, cols = linear_sum_assignment(weights, maximize=True)
    exact = float(weights[rows, cols].sum())
    dense_seconds = time.perf_counter() - started
    started = time.perf_counter()
    i, j = np.nonzero(np.isfinite(scores))
    order = np.lexsort((j, i, -scores[i, j]))
    left, taken, greedy = capacity.copy(), np.zeros(scores.shape[0], bool), 0.0
    for a, b in zip(i[order], j[order], strict=True):
        if not taken[a] and left[b] > 0:
            taken[a], left[b], greedy = True, left[b] - 1, greedy + scores[a, b]
    return {
        "seconds": dense_seconds,
        "total": exact,
        "greedy": float(greedy),
        "greedy_seconds": time.perf_counter() - started,
        "peak_gb": _peak_gb(),
    }


def _child(mode: str, path: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.matching", "--child", mode, str(path), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def bench_size(size: int, workdir: Path, seed: int) -> None:
    from matching.synthetic import synthetic_community

    path = workdir / f"community-{size}.csv"
    synthetic_community(size, seed=seed).to_csv(path, index=False)
    out = workdir / f"pairs-{size}.csv"
    exact = _child("certified", path, out)
    fast = _child("fast", path, out)
    scored = exact["pairs_scored"] / exact["pairs"]
    print(f"\n== {size:,} mentees + {size // 4:,} mentors ({exact['pairs']:,} pairs, {scored:.1%} scored)")
    print("  stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in exact["stages"].items()))
    print(
        f"  certified: {exact['seconds']:.2f} s CSV in -> CSV out, peak {exact['peak_gb']:.2f} GB, "
        f"total {exact['total']:.6f}, bound {exact['bound']:.6f}, gap {exact['gap']:.2e}, "
        f"rounds {exact['rounds']}"
    )
    ratio = fast["total"] / fast["bound"]
    print(
        f"  fast:      {fast['seconds']:.2f} s, peak {fast['peak_gb']:.2f} GB, total {fast['total']:.6f}, "
        f"bound {fast['bound']:.6f}, total/bound {ratio:.6f} "
        f"(target >= 0.9998: {_verdict(ratio >= 0.9998)}), vs certified {fast['total'] / exact['total']:.6f}"
    )
    if size in TARGETS:
        limit_s, limit_gb = TARGETS[size]
        ok = exact["gap"] <= 1e-6 and exact["seconds"] < limit_s and exact["peak_gb"] < limit_gb
        print(f"  target: proved optimal in < {limit_s:g} s and < {limit_gb:g} GB: {_verdict(ok)}")
    if size in DENSE_SIZES:
        _compare_dense(size, exact, _child("dense", path, out))


def _compare_dense(size: int, exact: dict[str, Any], dense: dict[str, Any]) -> None:
    same = abs(dense["total"] - exact["total"]) <= 1e-6 * max(1.0, dense["total"])
    engine = sum(exact["stages"][k] for k in ("candidates", "solve", "certify"))
    print(
        f"  exact dense (capacity-expanded linear_sum_assignment): scoring + solve {dense['seconds']:.2f} s, "
        f"peak {dense['peak_gb']:.2f} GB, total {dense['total']:.6f}"
    )
    print(
        f"  engine/dense: total {exact['total'] / dense['total']:.9f}; scoring + solve + certify "
        f"{engine:.2f} s ({dense['seconds'] / engine:.1f}x faster); "
        f"end to end {exact['seconds']:.2f} s ({dense['seconds'] / exact['seconds']:.1f}x)"
    )
    greedy = dense["greedy"] / dense["total"]
    print(
        f"  greedy floor: total {dense['greedy']:.6f} ({greedy:.4f} of optimum, "
        f"{dense['greedy_seconds']:.2f} s)"
    )
    if size == 5_000:
        ok = same and dense["seconds"] / engine >= 10
        print(f"  target: identical total and >= 10x faster than dense: {_verdict(ok)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.matching", description=__doc__)
    parser.add_argument("--sizes", default="1000,5000,20000,100000", help="mentee counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="only 1,000 and 5,000 mentees")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "CSV", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, csv_path, out = args.child
        if mode == "dense":
            figures = run_dense(Path(csv_path))
        else:
            figures = run_engine(Path(csv_path), Path(out), fast=mode == "fast")
        print(json.dumps(figures))
        return
    sizes = [1_000, 5_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    print("Matching benchmark: seeded synthetic communities, mentees:mentors 4:1, capacities 1-5.")
    print("Times: in-process wall time from reading the CSV to writing the pairs; peak: process max RSS.")
    with tempfile.TemporaryDirectory(prefix="bench-matching-") as tmp:
        for size in sizes:
            bench_size(size, Path(tmp), args.seed)


if __name__ == "__main__":
    main()
