"""Compile the engine's kernels into numba's on-disk cache: `python -m matching.warm` (run by `make install`).

The first compilation takes tens of seconds; afterwards every process loads the cached
machine code in under a second, so the first `mentorship match` on a large table is as
fast as the next.
"""

from __future__ import annotations

from matching.model import MentorMatcher
from matching.synthetic import synthetic_community


def main() -> None:
    """Solve a small community on the kernel path (the one large tables take)."""
    MentorMatcher(dense_limit=0, list_size=8, cluster_size=4).fit(synthetic_community(60, seed=0)).match()


if __name__ == "__main__":
    main()
