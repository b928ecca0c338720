"""Instant peer suggestions: people who can each teach the other, sharing a language."""

from __future__ import annotations

import pandas as pd

from matching import PeerMatcher, suggest_peers


def row(pid: str, offers: str, seeks: str, languages: str) -> dict[str, str]:
    return {
        "id": pid,
        "name": pid.upper(),
        "role": "mentee",
        "kinds": "peer",
        "offers": offers,
        "seeks": seeks,
        "languages": languages,
        "goals": f"learn {seeks}",
    }


def test_best_peer_first_languages_respected_and_never_oneself() -> None:
    frame = pd.DataFrame(
        [
            row("a", "bots", "editathons", "en"),
            row("b", "editathons", "bots", "en"),
            row("c", "editathons", "sourcing", "en"),
            row("d", "editathons", "bots", "es"),
            row("e", "workshops", "photo-walks", "en"),
        ]
    )
    matcher = PeerMatcher().fit(frame)

    found = suggest_peers(matcher, "a", 3)

    ids = [s.mentor_id for s in found]
    assert ids[0] == "b"  # each teaches the other
    assert "a" not in ids and "d" not in ids  # never oneself; d speaks only Spanish
    assert found[0].reasons and found[0].score >= found[-1].score
    assert suggest_peers(matcher, "nobody") == []
