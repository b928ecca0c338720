"""Seeded synthetic communities for benchmarks and tests (never read by the engine itself).

:func:`synthetic_community` builds a traditional community (mentees and mentors, 4:1);
:func:`peer_community` and :func:`group_community` build ones for the other kinds.
"""

from matching.synthetic.community import synthetic_community
from matching.synthetic.kinds import group_community, peer_community

__all__ = ["group_community", "peer_community", "synthetic_community"]
