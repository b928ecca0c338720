"""Action items after they are made: edit, tick off or reopen, delete; members only."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.checkins.access import (
    Access,
    CheckinForbidden,
    CheckinInvalid,
    CheckinNotFound,
    relationship_access,
)
from mentorship.events.describe import describe_as
from mentorship.events.services import record
from mentorship.lib.i18n import _
from mentorship.models import ActionItem, Event, User

MAX_TEXT = 5000
describe_as("action_item.edited", "{actor} edited an action item")
describe_as("action_item.deleted", "{actor} deleted an action item")


def action_text(value: str | None, name: str = "text") -> str:
    """An action item's text: required, at most MAX_TEXT characters."""
    text = (value or "").replace("\x00", "").strip()
    if not text:
        raise CheckinInvalid({name: _("Write something first.")})
    if len(text) > MAX_TEXT:
        raise CheckinInvalid({name: _("Keep it under {count} characters.").format(count=MAX_TEXT)})
    return text


class ActionItemActions:
    """Changing one action item; mixed into the check-in service."""

    session: AsyncSession

    async def action_item(
        self, user: User, action_item_id: UUID, write: bool = False
    ) -> tuple[ActionItem, Access]:
        """An action item and its relationship if this person may see it (write: only members)."""
        item = await self.session.get(ActionItem, action_item_id)
        if item is None:
            raise CheckinNotFound(action_item_id)
        return item, await relationship_access(self.session, user, item.relationship_id, write=write)

    async def action_creator(self, action_item_id: UUID) -> UUID | None:
        """The user who added an action item, from its history line."""
        query = select(Event.actor_id).where(
            Event.subject_type == "action_item",
            Event.subject_id == action_item_id,
            Event.type == "action_item.created",
        )
        return await self.session.scalar(query.limit(1))

    async def may_delete_action(self, user: User, item: ActionItem, access: Access) -> bool:
        """Only the one who added it or its owner deletes an action item."""
        if access.me is None:
            return False
        return item.deletable_by(access.me.id, added_it=await self.action_creator(item.id) == user.id)

    async def deletable_actions(self, user: User, access: Access, items: list[ActionItem]) -> set[UUID]:
        """Which of these action items this person may delete, in one query."""
        if access.me is None or not items:
            return set()
        query = select(Event.subject_id).where(
            Event.subject_type == "action_item",
            Event.subject_id.in_([item.id for item in items]),
            Event.type == "action_item.created",
            Event.actor_id == user.id,
        )
        added = {i for i in (await self.session.execute(query)).scalars() if i is not None}
        return {item.id for item in items if item.deletable_by(access.me.id, added_it=item.id in added)}

    async def edit_action_item(
        self, user: User, action_item_id: UUID, text: str, owner_id: UUID | None, due_on: date | None
    ) -> ActionItem:
        """A member changes what, who or by when."""
        item, access = await self.action_item(user, action_item_id, write=True)
        errors: dict[str, str] = {}
        if owner_id is not None and owner_id not in {p.id for _m, p in access.people}:
            errors["owner_id"] = _("The owner must be someone in this relationship.")
        try:
            item.text = action_text(text)
        except CheckinInvalid as exc:
            errors.update(exc.errors)
        if errors:
            raise CheckinInvalid(errors)
        item.owner_id, item.due_on = owner_id, due_on
        record(self.session, "action_item.edited", "action_item", item.id, user.id)
        await self.session.commit()
        return item

    async def set_action_done(self, user: User, action_item_id: UUID, done: bool = True) -> ActionItem:
        """Tick an action item off (or open it again); it leaves (or rejoins) the next agendas."""
        item, _access = await self.action_item(user, action_item_id, write=True)
        if done != (item.done_at is not None):
            item.done_at = datetime.now(UTC) if done else None
            kind = "action_item.done" if done else "action_item.reopened"
            record(self.session, kind, "action_item", item.id, user.id)
            await self.session.commit()
        return item

    async def delete_action_item(self, user: User, action_item_id: UUID) -> UUID:
        """The one who added it, or its owner, deletes an action item; returns its relationship."""
        item, access = await self.action_item(user, action_item_id, write=True)
        if not await self.may_delete_action(user, item, access):
            raise CheckinForbidden(action_item_id)
        relationship_id = item.relationship_id
        record(self.session, "action_item.deleted", "action_item", item.id, user.id, text=item.text[:200])
        await self.session.delete(item)
        await self.session.commit()
        return relationship_id
