"""Run the stored suggestions' refresh in a test, where a participant would wait for the job queue."""

from __future__ import annotations

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.proposals.refresh import refresh_mentor_lists, refresh_peer_lists


async def refresh_suggestions(settings: Settings) -> None:
    """Rebuild every scope's lists now, as the refresh job does after a change (tests add rows directly)."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        await refresh_mentor_lists(session, settings.load_threshold, every=True)
        await refresh_peer_lists(session, every=True)
    await config.get_engine().dispose()
