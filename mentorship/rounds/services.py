"""Create, run, edit, compare and publish matching rounds; every change is an event."""

from __future__ import annotations

import asyncio
import logging
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple
from uuid import UUID, uuid4

import anyio.to_thread
from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from litestar.stores.base import Store
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from mentorship.engine import run as engine
from mentorship.engine.outcome import Outcome, Unit, histogram
from mentorship.engine.parted import never_rows
from mentorship.engine.pool import Pool, build_pool, pending_mentor_places
from mentorship.engine.reasons import reason_counts
from mentorship.engine.rows import mentee_row, mentor_row, profile_id_of
from mentorship.engine.stale import suggestions_stale
from mentorship.events.services import record
from mentorship.lib.db import chunked, insert_rows
from mentorship.lib.errors import DomainError, Invalid, NotFound
from mentorship.lib.i18n import _
from mentorship.lib.keyset import Cursor
from mentorship.lib.reasons import as_json, read_reasons
from mentorship.lib.zones import stamp
from mentorship.models import (
    Kind,
    MemberRole,
    Profile,
    Program,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Round,
    RoundStatus,
    User,
)
from mentorship.notifications.services import notify
from mentorship.relationships.load import DEFAULT_THRESHOLD, overloaded
from mentorship.rounds.pages import ROUNDS_PER_PAGE, RoundListing, listing
from mentorship.rounds.regroup import member_fits, round_pool

logger = logging.getLogger("mentorship.rounds")
PROGRESS_EVERY = 0.5


class RoundError(DomainError):
    """A round cannot do what was asked; the message says why, in words for the coordinator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        # The API names the round's status as the field at fault, with the message as its summary.
        self.errors = {"status": message}
        self.summary = message


class Named(NamedTuple):
    """A person as a round names them, with their account and a mentor's load and capacity."""

    name: str
    mentee_load: int
    capacity: int
    user_id: UUID


class RoundNotFound(NotFound):
    """No round with that id."""


class RoundInvalid(Invalid):
    """The round's options have field errors."""

    summary = "Invalid round"


@dataclass(frozen=True)
class RoundOptions:
    """What a coordinator chooses for a round."""

    kind: Kind
    min_score: float = 0.0
    max_hours_apart: float | None = None
    group_min: int = 3
    group_max: int = 6
    # (mentee email, mentor email) pairs never to propose.
    exclude: tuple[tuple[str, str], ...] = ()
    # The slug of the program whose members to match; empty for the whole community.
    program: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The options as stored on the round."""
        return {
            "min_score": self.min_score,
            "max_hours_apart": self.max_hours_apart,
            "group_min": self.group_min,
            "group_max": self.group_max,
            "exclude": [list(pair) for pair in self.exclude],
        }


# Parsed summaries by (round, version): the last few rounds a worker showed. Never edited in place
# (an edit assigns a new dict and bumps updated_at), so sharing one between requests is safe.
_SUMMARIES: OrderedDict[tuple[UUID, datetime], dict[str, Any]] = OrderedDict()
_SUMMARIES_LOCK = threading.Lock()
SUMMARIES_KEPT = 2


class RoundService:
    """Rounds on one database session."""

    def __init__(self, session: AsyncSession, figures: Store | None = None) -> None:
        self.session = session
        self.figures = figures  # where a round's summed figures are kept (lib/figures.py)

    async def all(self, before: Cursor | None = None, limit: int = ROUNDS_PER_PAGE) -> list[RoundListing]:
        """Rounds newest first, a page at a time, as the list shows them (no summaries)."""
        return await listing(self.session, before, limit)

    async def get(self, round_id: UUID) -> Round:
        """One round, or :class:`RoundNotFound`; its summary parsed once per version in this process.

        A round's summary holds every mentee's alternatives (0.8 MB at 1,000 people, megabytes at
        100,000) and only changes with the round (``updated_at``): reading and parsing it was a
        quarter of the round's page.
        """
        known = self.session.identity_map.get(self.session.identity_key(Round, round_id))
        if isinstance(known, Round) and "summary" in known.__dict__:
            return known  # already loaded here, perhaps with edits of its own
        found = await self.session.get(Round, round_id, options=[defer(Round.summary)])
        if found is None:
            raise RoundNotFound(round_id)
        key = (found.id, found.updated_at)
        with _SUMMARIES_LOCK:
            summary = _SUMMARIES.get(key)
        if summary is None:
            summary = await self.session.scalar(select(Round.summary).where(Round.id == round_id)) or {}
            with _SUMMARIES_LOCK:
                _SUMMARIES[key] = summary
                while len(_SUMMARIES) > SUMMARIES_KEPT:
                    _SUMMARIES.popitem(last=False)
        set_committed_value(found, "summary", summary)
        return found

    async def programs(self) -> list[Program]:
        """The programs a round may run in (archived ones run no more rounds)."""
        found = await self.session.execute(
            select(Program).where(Program.archived.is_(False)).order_by(Program.name)
        )
        return list(found.scalars())

    async def _program(self, options: RoundOptions) -> Program | None:
        """The round's program; RoundInvalid when it is unknown, archived or does not offer the kind."""
        if not options.program:
            return None
        found = await self.session.scalar(select(Program).where(Program.slug == options.program))
        if found is None or found.archived:
            raise RoundInvalid({"program": _("Choose one of the programs that are running.")})
        if found.kinds and options.kind.value not in found.kinds:
            raise RoundInvalid(
                {"kind": _("{program} does not offer this kind of mentoring.").format(program=found.name)}
            )
        return found

    async def create(self, options: RoundOptions, by: User) -> Round:
        """Queue a round; the caller enqueues the job after this commits."""
        program = await self._program(options)
        started = Round(
            kind=options.kind,
            options=options.as_dict(),
            created_by_id=by.id,
            stage="queued",
            program=program,
        )
        self.session.add(started)
        await self.session.flush()
        record(
            self.session,
            "round.queued",
            "round",
            started.id,
            by.id,
            kind=options.kind.value,
            program=program.slug if program is not None else "",
        )
        await self.session.commit()
        return started

    async def proposals(self, round_id: UUID, *, include_removed: bool = True) -> list[Proposal]:
        """A round's proposals, best score first, with their members."""
        query = select(Proposal).where(Proposal.round_id == round_id).options(selectinload(Proposal.members))
        if not include_removed:
            query = query.where(Proposal.status != ProposalStatus.REMOVED)
        return list(
            (await self.session.execute(query.order_by(Proposal.score.desc(), Proposal.id))).scalars()
        )

    async def named(self, profile_ids: set[UUID]) -> dict[UUID, Named]:
        """Names, accounts and a mentor's load and capacity, by profile id.

        Plain rows: a round names hundreds (publishing, tens of thousands) of people and reads
        nothing else of them; whole profiles would bring their topics and languages along.
        """
        found: dict[UUID, Named] = {}
        for chunk in chunked(profile_ids):
            rows = await self.session.execute(
                select(Profile.id, User.name, Profile.mentee_load, Profile.capacity, Profile.user_id)
                .join(User, User.id == Profile.user_id)
                .where(Profile.id.in_(chunk))
            )
            found.update(
                (UUID(str(pid)), Named(str(name), int(load or 0), int(capacity or 0), UUID(str(user_id))))
                for pid, name, load, capacity, user_id in rows.all()
            )
        return found

    async def _editable(self, round_id: UUID) -> Round:
        found = await self.get(round_id)
        if found.status is not RoundStatus.READY:
            raise RoundError(_("Only a finished, unpublished round can be changed."))
        return found

    async def remove(self, round_id: UUID, proposal_id: UUID, by: User) -> Proposal:
        """Take a proposal out of a round before publishing (it can be put back)."""
        await self._editable(round_id)
        proposal = await self._proposal(round_id, proposal_id)
        if proposal.status is not ProposalStatus.DRAFT:
            raise RoundError(_("That proposal is already removed."))
        proposal.status = ProposalStatus.REMOVED
        record(self.session, "round.proposal_removed", "proposal", proposal.id, by.id, round_id=round_id)
        await self.session.commit()
        return proposal

    async def restore(self, round_id: UUID, proposal_id: UUID, by: User) -> Proposal:
        """Put a removed proposal back, if its people are still free in this round."""
        await self._editable(round_id)
        proposal = await self._proposal(round_id, proposal_id)
        if proposal.status is not ProposalStatus.REMOVED:
            raise RoundError(_("That proposal is not removed."))
        await self._check_free(round_id, proposal, [m.profile_id for m in proposal.members])
        proposal.status = ProposalStatus.DRAFT
        record(self.session, "round.proposal_restored", "proposal", proposal.id, by.id, round_id=round_id)
        await self.session.commit()
        return proposal

    async def swap(self, round_id: UUID, proposal_id: UUID, mentor_id: UUID, by: User) -> Proposal:
        """Give a traditional proposal's mentee another mentor the engine found fitting."""
        found = await self._editable(round_id)
        proposal = await self._proposal(round_id, proposal_id)
        if proposal.kind is not Kind.TRADITIONAL or proposal.status is not ProposalStatus.DRAFT:
            raise RoundError(_("Only a traditional proposal in the round can get another mentor."))
        mentee = next(m for m in proposal.members if m.role is MemberRole.MENTEE)
        options = found.summary.get("alternatives", {}).get(mentee_row(mentee.profile_id), [])
        chosen = next((o for o in options if profile_id_of(o[0]) == mentor_id), None)
        if chosen is None:
            # Only mentors the engine scored for this mentee: they share a language and respect the limits.
            raise RoundError(_("That mentor is not one of the fitting alternatives for this mentee."))
        room = found.summary.get("capacity", {}).get(mentor_row(mentor_id), 0)
        used = await self._mentor_use(round_id, mentor_id)
        if used >= room:
            raise RoundError(_("That mentor has no free place left in this round."))
        mentor = next(m for m in proposal.members if m.role is MemberRole.MENTOR)
        before = mentor.profile_id
        mentor.profile_id = mentor_id
        proposal.score = float(chosen[1])
        proposal.reasons = as_json(read_reasons(chosen[2], private=True))
        record(
            self.session,
            "round.proposal_swapped",
            "proposal",
            proposal.id,
            by.id,
            round_id=round_id,
            old_mentor=before,
            new_mentor=mentor_id,
        )
        await self.session.commit()
        return proposal

    async def move(
        self, round_id: UUID, proposal_id: UUID, person_id: UUID, target_id: UUID, by: User
    ) -> Proposal:
        """Move one member of a group to another group of the round, keeping both within the sizes."""
        found = await self._editable(round_id)
        source = await self._proposal(round_id, proposal_id)
        target = await self._proposal(round_id, target_id)
        if found.kind is not Kind.GROUP or ProposalStatus.REMOVED in (source.status, target.status):
            raise RoundError(_("Only a person in a group of this round can move to another of its groups."))
        member = next(
            (m for m in source.members if m.profile_id == person_id and m.role is MemberRole.MENTEE), None
        )
        if member is None or source.id == target.id:
            raise RoundError(_("Choose a person of this group and another group."))
        smallest, largest = int(found.options.get("group_min", 3)), int(found.options.get("group_max", 6))
        sizes = [sum(m.role is MemberRole.MENTEE for m in p.members) for p in (source, target)]
        if sizes[0] - 1 < smallest:
            raise RoundError(_("That group would be smaller than {n} people.").format(n=smallest))
        mentor = next(m.profile_id for m in target.members if m.role is MemberRole.MENTOR)
        room = found.summary.get("capacity", {}).get(mentor_row(mentor), 0)
        if sizes[1] + 1 > min(largest, room):
            raise RoundError(_("That group is full."))
        # Both groups are scored again as they will be: the mover with the new mentor, the reasons anew.
        units = await self._score_groups(
            found,
            [
                (_mentor_of(source), [p for p in _mentees_of(source) if p != person_id]),
                (mentor, [*_mentees_of(target), person_id]),
            ],
        )
        source.members.remove(member)
        # The member's row belongs to the source proposal (unique per proposal): delete it, add a new one.
        await self.session.flush()
        target.members.append(ProposalMember(profile_id=person_id, role=MemberRole.MENTEE))
        for proposal, unit in zip((source, target), units, strict=True):
            proposal.score, proposal.reasons = unit.score, as_json(unit.reasons)
        fits = found.summary.get("member_fit", {}) | member_fits(units)
        found.summary = {**found.summary, "member_fit": fits}
        record(
            self.session,
            "round.member_moved",
            "proposal",
            target.id,
            by.id,
            round_id=round_id,
            person=person_id,
            from_proposal=source.id,
        )
        await self.session.commit()
        return target

    async def _score_groups(self, found: Round, groups: list[tuple[UUID, list[UUID]]]) -> list[Unit]:
        """Groups (mentor, mentees) scored by the engine over the round's people; refused if one cannot be."""
        pool = await round_pool(self.session, found)
        never = await never_rows(self.session, pool, found.options.get("exclude", []))
        rows = [(mentor_row(m), [mentee_row(p) for p in people]) for m, people in groups]
        units = await anyio.to_thread.run_sync(
            engine.score_groups, pool, {**found.options, "exclude_rows": never}, rows
        )
        for unit in units:
            for rid, score in zip(unit.members, unit.member_scores, strict=True):
                if not math.isfinite(score):
                    raise RoundError(
                        _(
                            "{name} cannot be in that group: its mentor shares no language with them, lives "
                            "too many hours away, fits under the round's minimum score, or the two were "
                            "matched or declined each other before."
                        ).format(name=pool.names.get(rid, "?"))
                    )
        return units

    async def _proposal(self, round_id: UUID, proposal_id: UUID) -> Proposal:
        proposal = (
            await self.session.execute(
                select(Proposal)
                .where(Proposal.id == proposal_id, Proposal.round_id == round_id)
                .options(selectinload(Proposal.members))
            )
        ).scalar_one_or_none()
        if proposal is None:
            raise RoundNotFound(proposal_id)
        return proposal

    async def _mentor_use(self, round_id: UUID, mentor_id: UUID) -> int:
        return int(
            await self.session.scalar(
                select(func.count())
                .select_from(ProposalMember)
                .join(Proposal, Proposal.id == ProposalMember.proposal_id)
                .where(
                    Proposal.round_id == round_id,
                    Proposal.status == ProposalStatus.DRAFT,
                    ProposalMember.profile_id == mentor_id,
                    ProposalMember.role == MemberRole.MENTOR,
                )
            )
            or 0
        )

    async def _check_free(self, round_id: UUID, proposal: Proposal, people: list[UUID]) -> None:
        busy = (
            await self.session.execute(
                select(ProposalMember.profile_id)
                .join(Proposal, Proposal.id == ProposalMember.proposal_id)
                .where(
                    Proposal.round_id == round_id,
                    Proposal.status == ProposalStatus.DRAFT,
                    Proposal.id != proposal.id,
                    ProposalMember.profile_id.in_(people),
                    ProposalMember.role != MemberRole.MENTOR,
                )
            )
        ).all()
        if busy:
            raise RoundError(_("Someone in it is already in another proposal of this round."))
        mentor = next((m for m in proposal.members if m.role is MemberRole.MENTOR), None)
        if mentor is not None and proposal.kind is Kind.TRADITIONAL:
            capacity = (await self.get(round_id)).summary.get("capacity", {})
            room = capacity.get(mentor_row(mentor.profile_id), 0)
            if await self._mentor_use(round_id, mentor.profile_id) >= room:
                raise RoundError(_("The mentor has no free place left in this round."))

    async def discard(self, round_id: UUID, by: User) -> Round:
        """Drop an unpublished round and its draft proposals."""
        found = await self.get(round_id)
        if found.status is RoundStatus.PUBLISHED:
            raise RoundError(_("A published round cannot be discarded."))
        await self.session.execute(delete(Proposal).where(Proposal.round_id == round_id))
        found.status = RoundStatus.DISCARDED
        record(self.session, "round.discarded", "round", found.id, by.id)
        await self.session.commit()
        return found

    async def publish(self, round_id: UUID, by: User, expiry_days: int) -> int:
        """Make a round's proposals visible and notify everyone in them; return how many were opened.

        Capacity and other rounds may have moved since the run: proposals whose people are no
        longer free are left out (and counted in the event), never over-booked.
        """
        found = await self._editable(round_id)
        # Claim the round first, so two coordinators publishing at once cannot both do it.
        claimed = await self.session.execute(
            update(Round)
            .where(Round.id == round_id, Round.status == RoundStatus.READY)
            .values(status=RoundStatus.PUBLISHED, published_at=datetime.now(UTC))
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise RoundError(_("This round was published or changed by someone else a moment ago."))
        now = datetime.now(UTC)
        expires = now + timedelta(days=expiry_days)
        proposals = await self.proposals(round_id, include_removed=False)
        held = await pending_mentor_places(self.session, found.kind)
        profiles = await self.named({m.profile_id for p in proposals for m in p.members})
        opened = skipped = 0
        for proposal in proposals:
            mentor = next((m for m in proposal.members if m.role is MemberRole.MENTOR), None)
            if mentor is not None and found.kind is Kind.TRADITIONAL:
                person = profiles[mentor.profile_id]
                if person.mentee_load + held.get(mentor.profile_id, 0) >= person.capacity:
                    proposal.status = ProposalStatus.WITHDRAWN
                    skipped += 1
                    continue
                held[mentor.profile_id] = held.get(mentor.profile_id, 0) + 1
            proposal.status = ProposalStatus.OPEN
            proposal.expires_at = expires
            opened += 1
            record(self.session, "proposal.opened", "proposal", proposal.id, by.id, round_id=round_id)
            for member in proposal.members:
                notify(
                    self.session,
                    profiles[member.profile_id].user_id,
                    "proposal",
                    _("You have a new {kind} mentoring proposal. Please answer by {day}.").format(
                        kind=_(found.kind.value), day=stamp(expires)
                    ),
                    f"/proposals/{proposal.id}",
                )
        record(self.session, "round.published", "round", found.id, by.id, opened=opened, skipped=skipped)
        await self.session.commit()
        await suggestions_stale(self.session, None, programs=[found.program_id])
        return opened

    async def compare(self, first: UUID, second: UUID) -> dict[str, Any]:
        """Two rounds side by side: their figures and which pairings differ."""
        if first == second:
            raise RoundError(_("Choose two different rounds to compare."))
        rounds = [await self.get(first), await self.get(second)]
        sets = []
        for found in rounds:
            pairs = set()
            for proposal in await self.proposals(found.id, include_removed=False):
                pairs.add(frozenset(m.profile_id for m in proposal.members))
            sets.append(pairs)
        people = await self.named({pid for pairs in sets for pair in pairs for pid in pair})
        names = {pid: person.name for pid, person in people.items()}

        def label(pair: frozenset[UUID]) -> str:
            return " · ".join(sorted(names.get(pid, "?") for pid in pair))

        return {
            "rounds": rounds,
            "common": len(sets[0] & sets[1]),
            "only_first": sorted(label(p) for p in sets[0] - sets[1]),
            "only_second": sorted(label(p) for p in sets[1] - sets[0]),
        }


async def execute_round(
    config: SQLAlchemyAsyncConfig,
    round_id: UUID,
    today: date | None = None,
    load_threshold: float = DEFAULT_THRESHOLD,
) -> None:
    """The background job: build the pool, run the engine off the event loop, store draft proposals."""
    async with config.get_session() as session:
        found = await session.get(Round, round_id)
        if found is None or found.status not in (RoundStatus.QUEUED, RoundStatus.RUNNING):
            return
        # A retry after a restart starts clean: drop drafts a cut-off attempt may have left.
        await session.execute(delete(Proposal).where(Proposal.round_id == round_id))
        found.status, found.attempts = RoundStatus.RUNNING, found.attempts + 1
        found.started_at, found.progress, found.stage, found.error = datetime.now(UTC), 0.02, "pool", ""
        await session.commit()
        options = dict(found.options)
        kind = found.kind
        # Burnout protection: mentors above the load threshold get no new proposals.
        busy = await overloaded(session, load_threshold, today or date.today())
        pool = await build_pool(
            session, kind, today or date.today(), overloaded=busy, program_id=found.program_id
        )
        options["exclude_rows"] = await never_rows(session, pool, options.get("exclude", []))
    latest: dict[str, Any] = {"stage": "pool", "fraction": 0.05}

    def progress(stage: str, fraction: float) -> None:
        latest.update(stage=stage, fraction=fraction)

    writer = asyncio.create_task(_write_progress(config, round_id, latest))
    try:
        outcome = await anyio.to_thread.run_sync(engine.run, pool, options, progress)
    except Exception as exc:
        logger.exception("round %s failed", round_id)
        writer.cancel()
        await _fail(config, round_id, exc)
        return
    finally:
        writer.cancel()
    await _store(config, round_id, pool, outcome)


async def _write_progress(config: SQLAlchemyAsyncConfig, round_id: UUID, latest: dict[str, Any]) -> None:
    """Copy the engine's progress into the database, where every web worker can read it."""
    written: tuple[str, float] | None = None
    while True:
        await asyncio.sleep(PROGRESS_EVERY)
        now = (str(latest["stage"]), float(latest["fraction"]))
        if now == written:
            continue
        async with config.get_session() as session:
            await session.execute(
                update(Round)
                .where(Round.id == round_id, Round.status == RoundStatus.RUNNING)
                .values(stage=now[0], progress=now[1])
            )
            await session.commit()
        written = now


async def _fail(config: SQLAlchemyAsyncConfig, round_id: UUID, exc: Exception) -> None:
    async with config.get_session() as session:
        found = await session.get(Round, round_id)
        if found is None:
            return
        found.status, found.error, found.finished_at = RoundStatus.FAILED, str(exc)[:500], datetime.now(UTC)
        record(session, "round.failed", "round", round_id, None, error=str(exc)[:200])
        if found.created_by_id:
            notify(
                session, found.created_by_id, "round", _("A matching round failed."), f"/rounds/{round_id}"
            )
        await session.commit()


async def _store(config: SQLAlchemyAsyncConfig, round_id: UUID, pool: Pool, outcome: Outcome) -> None:
    """Save the outcome as draft proposals with the round's summary."""
    async with config.get_session() as session:
        found = await session.get(Round, round_id)
        if found is None or found.status is not RoundStatus.RUNNING:
            return
        # Bulk rows, not ORM objects: 61,000 proposals and their members at 100,000 people took the
        # unit of work a minute; the inserts below take seconds (defaults such as times still apply).
        proposals: list[dict[str, Any]] = []
        members: list[dict[str, Any]] = []
        role = MemberRole.PEER if found.kind is Kind.PEER else MemberRole.MENTEE
        for number, unit in enumerate(outcome.units, start=1):
            proposal_id = uuid4()
            proposals.append(
                {
                    "id": proposal_id,
                    "round_id": round_id,
                    "program_id": found.program_id,
                    "source": ProposalSource.ROUND,
                    "kind": found.kind,
                    "status": ProposalStatus.DRAFT,
                    "score": unit.score,
                    "reasons": as_json(unit.reasons),
                    "group_label": (unit.group or f"G{number}") if found.kind is Kind.GROUP else "",
                }
            )
            if unit.mentor:
                members.append(
                    {
                        "id": uuid4(),
                        "proposal_id": proposal_id,
                        "profile_id": profile_id_of(unit.mentor),
                        "role": MemberRole.MENTOR,
                    }
                )
            members += [
                {"id": uuid4(), "proposal_id": proposal_id, "profile_id": profile_id_of(rid), "role": role}
                for rid in unit.members
            ]
        await insert_rows(session, Proposal, proposals)
        await insert_rows(session, ProposalMember, members)
        found.summary = summarise(pool, outcome)
        found.proposal_count = int(found.summary["proposals"])
        found.status, found.progress, found.stage = RoundStatus.READY, 1.0, "done"
        found.finished_at = datetime.now(UTC)
        record(
            session,
            "round.ready",
            "round",
            round_id,
            None,
            proposals=len(outcome.units),
            unmatched=len(outcome.unmatched),
        )
        if found.created_by_id:
            notify(
                session,
                found.created_by_id,
                "round",
                _("Your {kind} matching round is ready to preview.").format(kind=_(found.kind.value)),
                f"/rounds/{round_id}",
            )
        await session.commit()


def summarise(pool: Pool, outcome: Outcome) -> dict[str, Any]:
    """The figures a coordinator previews, as JSON-friendly data."""
    scores = [unit.score for unit in outcome.units]
    load: dict[str, int] = {}
    for unit in outcome.units:
        if unit.mentor:
            load[unit.mentor] = load.get(unit.mentor, 0) + len(unit.members)
    matched = {rid for unit in outcome.units for rid in unit.members}
    return {
        "pool": {"mentees": pool.mentees, "mentors": pool.mentors},
        "proposals": len(outcome.units),
        "matched": len(matched),
        "total": outcome.total,
        "upper_bound": outcome.upper_bound,
        "relative_gap": outcome.relative_gap,
        "proved_optimal": outcome.proved_optimal,
        "mean_score": sum(scores) / len(scores) if scores else 0.0,
        "histogram": histogram(scores),
        "unmatched": [
            {"profile_id": str(profile_id_of(rid)), "reasons": reasons} for rid, reasons in outcome.unmatched
        ],
        "unmatched_reasons": reason_counts(outcome.unmatched),
        "capacity": dict(pool.free_capacity),
        "mentor_load": {rid: load.get(rid, 0) for rid in pool.free_capacity},
        "alternatives": {rid: [list(a) for a in alts] for rid, alts in outcome.alternatives.items()},
        "member_fit": member_fits(outcome.units),
        # The library's own fairness report, the one `mentorship match --audit-by` writes.
        "audit": outcome.audit,
        "seconds": outcome.seconds,
    }


def _mentor_of(proposal: Proposal) -> UUID:
    return next(m.profile_id for m in proposal.members if m.role is MemberRole.MENTOR)


def _mentees_of(proposal: Proposal) -> list[UUID]:
    return [m.profile_id for m in proposal.members if m.role is MemberRole.MENTEE]
