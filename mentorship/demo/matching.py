"""Demo history: a published traditional round with open, accepted and declined proposals."""

from __future__ import annotations

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from sqlalchemy import select

from mentorship.demo.community import COORDINATOR_EMAIL
from mentorship.models import Kind, Profile, Round, User
from mentorship.proposals.services import ProposalConflict, ProposalService
from mentorship.rounds.services import RoundOptions, RoundService, execute_round

# Of the published proposals, in score order: these shares are settled, the rest stay open.
ACCEPTED_SHARE = 0.4
DECLINED_SHARE = 0.1


async def load_demo_matches(config: SQLAlchemyAsyncConfig, expiry_days: int = 7) -> dict[str, int]:
    """Run, publish and partly answer one round through the same services people use."""
    async with config.get_session() as session:
        if await session.scalar(select(Round.id).limit(1)) is not None:
            return {"skipped": 1}
        coordinator = (
            await session.execute(select(User).where(User.email == COORDINATOR_EMAIL))
        ).scalar_one()
        started = await RoundService(session).create(
            RoundOptions(Kind.TRADITIONAL, min_score=0.05), coordinator
        )
    await execute_round(config, started.id)
    async with config.get_session() as session:
        rounds = RoundService(session)
        coordinator = (
            await session.execute(select(User).where(User.email == COORDINATOR_EMAIL))
        ).scalar_one()
        await rounds.publish(started.id, coordinator, expiry_days)
        proposals = await rounds.proposals(started.id, include_removed=False)
        users = {
            profile.id: profile.user
            for profile in (
                await session.execute(
                    select(Profile).where(
                        Profile.id.in_({m.profile_id for p in proposals for m in p.members})
                    )
                )
            ).scalars()
        }
        service = ProposalService(session)
        accepted = declined = 0
        settle = int(len(proposals) * ACCEPTED_SHARE)
        refuse = int(len(proposals) * DECLINED_SHARE)
        for index, proposal in enumerate(proposals[: settle + refuse]):
            members = list(proposal.members)
            try:
                if index < settle:
                    for member in members:
                        await service.respond(users[member.profile_id], proposal.id, True)
                    accepted += 1
                else:
                    mentee = next(m for m in members if m.role.value != "mentor")
                    await service.respond(
                        users[mentee.profile_id], proposal.id, False, "Not the right time for me"
                    )
                    declined += 1
            except ProposalConflict:
                continue
    return {"proposals": len(proposals), "accepted": accepted, "declined": declined}
