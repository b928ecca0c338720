"""Compile the engine's kernel into numba's on-disk cache: `python -m matching.warm` (run by `make install`).

The first compilation takes tens of seconds; afterwards a process loads the cached
machine code in under a second, so the first `mentorship match` on a large table is
as quick as the next.
"""

from __future__ import annotations

from matching.kernels import load

if __name__ == "__main__":
    load()
