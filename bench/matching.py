"""Matching benchmark: `python -m bench.matching [--sizes 1000,5000,20000,100000] [--quick]`.

Per size it writes a seeded synthetic community to CSV, then runs the CSV-in, CSV-out
path of `mentorship match` in a fresh process (so peak memory is per run) and prints
wall time and peak memory per stage, total, bound and gap; fast mode beside it; at
1,000 and 5,000 mentees also the exact dense solver and greedy. Then the incremental
section (`--incremental 20000`, 0 to skip): one change and 100 changes to a solved
community, re-certified, checked against a batch re-solve with the same scores.
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
INCREMENTAL_TARGETS = {1: 1.0, 100: 10.0}
DENSE_SIZES = (1_000, 5_000)
DENSE_RUNS = 3


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def run_engine(path: Path, out: Path, fast: bool) -> dict[str, Any]:
    """The command's path: read, vectorize, candidates, solve, certify, explain, write."""
    from matching import MentorMatcher, warm
    from mentorship.match.csvio import read_participants, write_result

    # Loading the compiled kernel is a once-per-process cost, like an import: reported apart.
    started = time.perf_counter()
    warm.load()
    load = time.perf_counter() - started
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
        "kernel_load": load,
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


def _changes(community: Any, pool: Any, count: int, seed: int) -> Any:
    """``count`` changes in turn: a newcomer mentee, a departure, an edit, a new mentor."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    mentees, mentors = pool[pool["role"] == "mentee"], pool[pool["role"] == "mentor"]
    known, rows = sorted(community.records), []
    for k in range(count):
        if k % 4 == 0:
            rows.append({**mentees.iloc[k // 4].to_dict(), "action": "add"})
        elif k % 4 == 3:
            rows.append({**mentors.iloc[k // 4].to_dict(), "action": "add"})
        else:
            pid = known.pop(int(rng.integers(len(known))))
            record = dict(community.records[pid])
            record["goals"] = (record.get("goals") or "") + " python dashboards"
            rows.append({**record, "action": "edit"} if k % 4 == 2 else {"id": pid, "action": "remove"})
    return pd.DataFrame(rows).fillna("")


def run_incremental(size: int, seed: int) -> dict[str, Any]:
    """Solve a community in batch, then time one change and a hundred, each re-certified."""
    import pandas as pd

    from matching.kinds.incremental import SolvedCommunity
    from matching.synthetic import synthetic_community

    frame = synthetic_community(size + 400, seed=seed)
    mentees, mentors = frame[frame["role"] == "mentee"], frame[frame["role"] == "mentor"]
    base = pd.concat([mentees.iloc[:size], mentors.iloc[: size // 4]])
    pool = pd.concat([mentees.iloc[size:], mentors.iloc[size // 4 :]])
    started = time.perf_counter()
    community = SolvedCommunity.solve(base)
    figures: dict[str, Any] = {"batch_seconds": time.perf_counter() - started}
    started = time.perf_counter()
    state = json.dumps(community.to_dict())
    community = SolvedCommunity.from_dict(json.loads(state))
    figures |= {"state_mb": len(state) / 1e6, "state_seconds": time.perf_counter() - started}
    for count, changes in ((1, _changes(community, pool.iloc[:1], 1, seed)), (100, None)):
        if changes is None:
            changes = _changes(community, pool.iloc[1:], count, seed)
        update = community.apply(changes)
        figures[f"changes_{count}"] = {
            "seconds": update.seconds,
            "moved": len(update.moved),
            "searches": update.searches,
            "scored": update.scored,
            "gap": update.relative_gap,
        }
    started = time.perf_counter()
    figures["resolve_total"] = community.resolve().total
    figures["resolve_seconds"] = time.perf_counter() - started
    figures["total"], figures["peak_gb"] = community.total, _peak_gb()
    return figures


def bench_incremental(size: int, seed: int) -> None:
    figures = _child("incremental", Path(str(size)), Path(str(seed)))
    print(f"\n== incremental: changes to a solved community of {size:,} mentees + {size // 4:,} mentors")
    print(
        f"  batch solve {figures['batch_seconds']:.2f} s; state {figures['state_mb']:.1f} MB of JSON, "
        f"saved and restored in {figures['state_seconds']:.2f} s"
    )
    for count, limit in INCREMENTAL_TARGETS.items():
        run = figures[f"changes_{count}"]
        ok = run["seconds"] < limit and run["gap"] <= 1e-6
        print(
            f"  {count:>3} change{'s' if count > 1 else ''}: {run['seconds']:.3f} s, re-certified "
            f"(gap {run['gap']:.1e}), {run['moved']} mentees moved, {run['searches']} path searches, "
            f"{run['scored']} rows/columns scored; target < {limit:g} s: {_verdict(ok)}"
        )
    same = abs(figures["total"] - figures["resolve_total"]) <= 1e-6 * max(1.0, figures["resolve_total"])
    print(
        f"  after them: total {figures['total']:.6f}; batch re-solve with the same scores "
        f"{figures['resolve_total']:.6f} in {figures['resolve_seconds']:.2f} s: "
        + ("equal" if same else "DIFFERENT")
    )


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
    # Where the engine is timed against the dense solver, each side's best of a few runs
    # (fresh processes) is compared, so that a noisy moment on either side does not decide.
    runs = DENSE_RUNS if size in DENSE_SIZES else 1
    exact = min((_child("certified", path, out) for _ in range(runs)), key=_engine_seconds)
    fast = _child("fast", path, out)
    scored = exact["pairs_scored"] / exact["pairs"]
    print(f"\n== {size:,} mentees + {size // 4:,} mentors ({exact['pairs']:,} pairs, {scored:.1%} scored)")
    print(
        "  stages (s): "
        + ", ".join(f"{k} {v:.2f}" for k, v in exact["stages"].items())
        + f" (and {exact['kernel_load']:.2f} s to load the compiled kernel, once per process)"
    )
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
        dense = min((_child("dense", path, out) for _ in range(DENSE_RUNS)), key=lambda run: run["seconds"])
        _compare_dense(size, exact, dense)


def _engine_seconds(run: dict[str, Any]) -> float:
    """The engine's share of a run that the dense solver also does: scoring, solving, proving."""
    return float(sum(run["stages"][k] for k in ("candidates", "solve", "certify")))


def _compare_dense(size: int, exact: dict[str, Any], dense: dict[str, Any]) -> None:
    same = abs(dense["total"] - exact["total"]) <= 1e-6 * max(1.0, dense["total"])
    engine = _engine_seconds(exact)
    print(f"  (engine and dense solver: the best of {DENSE_RUNS} runs each, one process per run)")
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
    parser.add_argument("--incremental", type=int, default=20_000, help="community size; 0 skips it")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "CSV", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, csv_path, out = args.child
        if mode == "dense":
            figures = run_dense(Path(csv_path))
        elif mode == "incremental":
            figures = run_incremental(int(csv_path), int(out))
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
    if args.incremental and not args.quick:
        bench_incremental(args.incremental, args.seed)


if __name__ == "__main__":
    main()
