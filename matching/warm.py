"""Compile the engine's kernels into numba's on-disk cache: `python -m matching.warm` (run by `make install`).

The first compilation takes tens of seconds; afterwards a process loads the cached
machine code in under a second, so the first `mentorship match` on a large table is
as quick as the next. Numba keys its cache by source path, so a kernel that moves is
compiled again here.
"""

from __future__ import annotations

from matching.scoring import kernels
from matching.solvers import augment


def load() -> None:
    """Load (or compile) every compiled kernel: candidate search, price check and flow repair."""
    kernels.load()
    augment.load()


if __name__ == "__main__":
    load()
