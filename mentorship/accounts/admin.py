"""Account administration: who coordinates, changed from the roster or the command line."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from mentorship.accounts.schemas import email_error, normalise_email, password_error
from mentorship.accounts.services import AccountError, AccountService
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.lib.db import retrying
from mentorship.lib.i18n import _
from mentorship.models import User


class RoleRefused(Exception):
    """A role change that would leave no coordinator, or that no longer applies; the message says why."""


class CoordinatorRoles:
    """Who coordinates the program, on one database session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def coordinators(self) -> list[User]:
        """Every active coordinator, by name."""
        query = select(User).where(User.is_coordinator, User.is_active).order_by(User.name, User.id)
        return list((await self.session.execute(query)).scalars())

    async def demotion(self, user_id: UUID, by: User) -> tuple[User, str | None]:
        """The person whose role would be removed, and why it may not be (None when it may)."""
        target = await self.session.get(User, user_id)
        if target is None or not target.is_active:
            raise AccountError(_("There is no such participant."), status_code=404)
        coordinators = {user.id for user in await self.coordinators()}
        return target, self._refusal(coordinators, target, by)

    async def demote(self, user_id: UUID, by: User) -> User:
        """Take the coordinator role from someone (``by`` may be themselves), never from the last one."""
        return await retrying(self.session, lambda: self._demote(user_id, by))

    async def _demote(self, user_id: UUID, by: User) -> User:
        # Every demotion locks all coordinators, in id order: two coordinators removing each other at
        # once wait for each other, and the second counts what the first one left.
        locked = select(User.id).where(User.is_coordinator, User.is_active).order_by(User.id)
        coordinators = set((await self.session.execute(locked.with_for_update())).scalars())
        target = await self.session.get(User, user_id, populate_existing=True)
        if target is None or not target.is_active:
            await self.session.rollback()
            raise AccountError(_("There is no such participant."), status_code=404)
        if refusal := self._refusal(coordinators, target, by):
            await self.session.rollback()
            raise RoleRefused(refusal)
        # SQLite has no row locks: the write itself checks again that another coordinator remains.
        others = aliased(User)
        remaining = select(func.count(others.id)).where(others.is_coordinator, others.is_active)
        demoted = await self.session.execute(
            update(User)
            .where(User.id == user_id, User.is_coordinator, remaining.scalar_subquery() > 1)
            .values(is_coordinator=False)
            .execution_options(synchronize_session=False)
        )
        if demoted.rowcount != 1:  # type: ignore[attr-defined]
            await self.session.rollback()
            raise RoleRefused(_("The coordinators changed a moment ago. Reload the roster and try again."))
        await self.session.commit()
        await self.session.refresh(target)
        return target

    @staticmethod
    def _refusal(coordinators: set[UUID], target: User, by: User) -> str | None:
        """Why this demotion may not happen, in words for the coordinator; None when it may."""
        if by.id not in coordinators:
            return _("You are no longer a coordinator.")
        if target.id not in coordinators:
            return _("{name} is not a coordinator.").format(name=target.name)
        if len(coordinators) < 2:
            return _("{name} is the only coordinator: make someone else a coordinator first.").format(
                name=target.name
            )
        return None


async def create_user(settings: Settings, email: str, name: str, password: str, *, coordinator: bool) -> User:
    """Create an account (or promote an existing one when asked to make a coordinator)."""
    email = normalise_email(email)
    if error := email_error(email) or password_error(password):
        raise ValueError(error)
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            accounts = AccountService(session, settings)
            existing = await accounts.by_email(email)
            if existing is not None and coordinator:
                return await accounts.promote(existing.id)
            try:
                user = await accounts.create_account(name or email.split("@")[0].title(), email, password)
            except AccountError as exc:
                raise ValueError(exc.message) from exc
            if coordinator:
                user = await accounts.promote(user.id)
            return user
    finally:
        await config.get_engine().dispose()
