"""Name the people and objects a page of history mentions: one query per kind of object, not per row."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.describe import DATA_KINDS, Ref
from mentorship.lib.i18n import _
from mentorship.models import (
    ActionItem,
    Checkin,
    CheckinTemplate,
    Event,
    Profile,
    ProposalMember,
    RelationshipMember,
    Round,
    User,
)

Key = tuple[str, str]


def _ids(values: Iterable[Any]) -> set[UUID]:
    found = set()
    for value in values:
        try:
            found.add(value if isinstance(value, UUID) else UUID(str(value)))
        except ValueError:
            continue
    return found


def _wanted(events: list[Event]) -> dict[str, set[UUID]]:
    """The ids the events mention, by kind."""
    wanted: dict[str, list[Any]] = {}
    for event in events:
        if event.subject_id is not None:
            wanted.setdefault(event.subject_type, []).append(event.subject_id)
        for key, value in (event.data or {}).items():
            if key in DATA_KINDS:
                wanted.setdefault(DATA_KINDS[key], []).append(value)
    return {kind: _ids(values) for kind, values in wanted.items()}


def _pair(names: list[str]) -> str:
    names = sorted(names)
    if len(names) < 2:
        return "".join(names) or _("nobody")
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def _day(when: datetime) -> str:
    return when.strftime("%d %b %Y")


async def _members(session: AsyncSession, member: Any, column: Any, ids: set[UUID]) -> dict[UUID, str]:
    """The people in each relationship or proposal, as 'Ana and Mia'."""
    if not ids:
        return {}
    rows = await session.execute(
        select(column, User.name)
        .join(Profile, Profile.id == member.profile_id)
        .join(User, User.id == Profile.user_id)
        .where(column.in_(ids))
    )
    people: dict[UUID, list[str]] = {}
    for owner, name in rows.all():
        people.setdefault(UUID(str(owner)), []).append(str(name))
    return {owner: _pair(found) for owner, found in people.items()}


async def page_names(session: AsyncSession, events: list[Event]) -> dict[Key, Ref]:
    """How to name and link every person and object the events mention."""
    wanted = _wanted(events)
    names: dict[Key, Ref] = {}
    checkins = wanted.get("checkin", set())
    items: dict[UUID, tuple[str, UUID, UUID | None]] = {}
    if wanted.get("action_item"):
        rows = await session.execute(
            select(ActionItem.id, ActionItem.text, ActionItem.relationship_id, ActionItem.checkin_id).where(
                ActionItem.id.in_(wanted["action_item"])
            )
        )
        items = {row.id: (row.text, row.relationship_id, row.checkin_id) for row in rows.all()}
    found_checkins: dict[UUID, tuple[UUID, datetime]] = {}
    if checkins:
        rows = await session.execute(
            select(Checkin.id, Checkin.relationship_id, Checkin.scheduled_at).where(Checkin.id.in_(checkins))
        )
        found_checkins = {row.id: (row.relationship_id, row.scheduled_at) for row in rows.all()}
    relationship_ids = (
        wanted.get("relationship", set())
        | {rid for rid, _when in found_checkins.values()}
        | {rid for _text, rid, _checkin in items.values()}
    )
    pairs = await _members(session, RelationshipMember, RelationshipMember.relationship_id, relationship_ids)
    for rid, people in pairs.items():
        names["relationship", str(rid)] = Ref(
            _("the relationship of {people}").format(people=people), f"/relationships/{rid}"
        )
    for cid, (rid, when) in found_checkins.items():
        label = _("the check-in of {people} on {day}").format(
            people=pairs.get(rid, _("nobody")), day=_day(when)
        )
        names["checkin", str(cid)] = Ref(label, f"/checkins/{cid}")
    for item_id, (text, rid, checkin_id) in items.items():
        short = text if len(text) <= 60 else text[:59] + "…"
        link = f"/checkins/{checkin_id}" if checkin_id else f"/relationships/{rid}"
        names["action_item", str(item_id)] = Ref(_("the action item “{text}”").format(text=short), link)
    proposals = await _members(
        session, ProposalMember, ProposalMember.proposal_id, wanted.get("proposal", set())
    )
    for pid, people in proposals.items():
        names["proposal", str(pid)] = Ref(
            _("the proposal of {people}").format(people=people), f"/proposals/{pid}"
        )
    names |= await _rounds(session, wanted.get("round", set()))
    names |= await _templates(session, wanted.get("checkin_template", set()))
    names |= await _profiles(
        session, wanted.get("profile", set()), {e.actor_id for e in events if e.actor_id}
    )
    return names


async def _rounds(session: AsyncSession, ids: set[UUID]) -> dict[Key, Ref]:
    if not ids:
        return {}
    rows = await session.execute(select(Round.id, Round.kind, Round.created_at).where(Round.id.in_(ids)))
    return {
        ("round", str(row.id)): Ref(
            _("the {kind} matching round of {day}").format(kind=row.kind.value, day=_day(row.created_at)),
            f"/rounds/{row.id}",
        )
        for row in rows.all()
    }


async def _templates(session: AsyncSession, ids: set[UUID]) -> dict[Key, Ref]:
    if not ids:
        return {}
    rows = await session.execute(
        select(CheckinTemplate.id, CheckinTemplate.title).where(CheckinTemplate.id.in_(ids))
    )
    return {
        ("checkin_template", str(row.id)): Ref(
            _("the check-in template “{title}”").format(title=row.title), f"/checkin-templates/{row.id}/edit"
        )
        for row in rows.all()
    }


async def _profiles(session: AsyncSession, ids: set[UUID], users: set[UUID]) -> dict[Key, Ref]:
    """Profiles by id, and actors (users) by their profile, both linked to the profile page."""
    if not ids and not users:
        return {}
    rows = await session.execute(
        select(Profile.id, Profile.user_id, User.name)
        .join(User, User.id == Profile.user_id)
        .where(Profile.id.in_(ids) | Profile.user_id.in_(users))
    )
    names: dict[Key, Ref] = {}
    for row in rows.all():
        ref = Ref(row.name, f"/profiles/{row.id}")
        names["profile", str(row.id)] = ref
        names["user", str(row.user_id)] = ref
    return names
