"""A person's own data: export all of it, or delete the account in one transaction."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.db import Contended, lock_in_order, retrying
from mentorship.lib.i18n import _
from mentorship.models import Profile, ProposalMember, RelationshipMember, User
from mentorship.privacy.departure import ProposalDeparture, RelationshipDeparture
from mentorship.privacy.erasure import erase_account, erase_profile
from mentorship.privacy.export import Exporter
from mentorship.privacy.schemas import AccountExport
from mentorship.relationships.access import RelationshipConflict


class AccountDataService:
    """Download my data; delete my account."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def export(self, user: User) -> AccountExport:
        """Everything the person wrote or that is about them and that they may see."""
        return await Exporter(self.session, user).build()

    async def delete(self, user_id: UUID) -> None:
        """Leave every relationship and proposal, erase personal data, anonymise the rest: all or nothing."""
        try:
            await retrying(self.session, lambda: self._delete(user_id))
        except Contended as exc:
            raise RelationshipConflict(
                _("Others changed the same things at this moment. Please try again.")
            ) from exc

    async def _delete(self, user_id: UUID) -> None:
        user = await self.session.get_one(User, user_id, populate_existing=True)
        name, email = user.name, user.email
        profile_id = await self.session.scalar(select(Profile.id).where(Profile.user_id == user_id))
        # End the read: the deletion starts with a write, so SQLite waits for the lock instead of
        # failing on a stale snapshot, and a second deletion of the same account changes nothing.
        await self.session.commit()
        closed = await self.session.execute(
            update(User).where(User.id == user_id, User.is_active).values(is_active=False)
        )
        if closed.rowcount != 1:  # type: ignore[attr-defined]
            await self.session.rollback()
            return
        if profile_id is not None:
            await self._lock_everyone_near(profile_id)
            await RelationshipDeparture(self.session).leave_all(profile_id, user_id, name)
            await ProposalDeparture(self.session).leave_all(profile_id, name)
            await erase_profile(self.session, profile_id)
        await erase_account(self.session, user_id, email)
        await self.session.commit()

    async def _lock_everyone_near(self, profile_id: UUID) -> None:
        """Lock the people of every relationship and proposal of this profile, in the one shared order."""
        relationships = select(RelationshipMember.relationship_id).where(
            RelationshipMember.profile_id == profile_id
        )
        proposals = select(ProposalMember.proposal_id).where(ProposalMember.profile_id == profile_id)
        near = select(RelationshipMember.profile_id).where(
            RelationshipMember.relationship_id.in_(relationships)
        )
        near_too = select(ProposalMember.profile_id).where(ProposalMember.proposal_id.in_(proposals))
        people = {profile_id, *(await self.session.execute(near.union(near_too))).scalars()}
        await lock_in_order(self.session, Profile, people)
