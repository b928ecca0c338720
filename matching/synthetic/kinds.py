"""Seeded synthetic communities for peer and group mentoring, built on :mod:`matching.synthetic`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from matching.synthetic import synthetic_community


def peer_community(n_peers: int, *, seed: int = 0) -> pd.DataFrame:
    """Mentees who chose peer mentoring, each seeking some topics and offering others.

    Parameters
    ----------
    n_peers : int
    seed : int, default=0

    Returns
    -------
    pandas.DataFrame
        The participants-table contract; ``field`` is kept as an attribute.
    """
    base = synthetic_community(n_peers, ratio=1, seed=seed)
    mentees = base[base["role"] == "mentee"].reset_index(drop=True)
    mentors = base[base["role"] == "mentor"].reset_index(drop=True).iloc[: len(mentees)]
    peers = mentees.copy()
    peers["kinds"] = "peer"
    peers["offers"] = mentors["offers"].to_numpy()
    peers["experience"] = mentors["experience"].to_numpy()
    return peers


def group_community(n_mentees: int, *, ratio: int = 4, seed: int = 0) -> pd.DataFrame:
    """Mentees and mentors who chose group mentoring; mentors lead groups of 3 to 6.

    Parameters
    ----------
    n_mentees : int
    ratio : int, default=4
        Mentees per mentor.
    seed : int, default=0

    Returns
    -------
    pandas.DataFrame
    """
    frame = synthetic_community(n_mentees, ratio=ratio, seed=seed)
    frame["kinds"] = "group"
    mentors = (frame["role"] == "mentor").to_numpy()
    rng = np.random.default_rng(seed + 1)
    frame.loc[mentors, "capacity"] = rng.integers(3, 7, size=int(mentors.sum())).astype(str)
    return frame
