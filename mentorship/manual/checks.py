"""What a coordinator should know before pairing people by hand, each warning as a code and words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import combinations
from typing import Any
from uuid import UUID

from mentorship.engine.parted import Parting
from mentorship.lib.i18n import _
from mentorship.lib.zones import zone
from mentorship.models import Kind, MembershipStatus, Profile, Program, ProgramMembership
from mentorship.relationships.load import Load

# Beyond this many hours between two people's clocks, a shared meeting hour is hard to find.
HOURS_APART = 8.0


@dataclass(frozen=True)
class Warning:
    """Something the coordinator should know; it does not stop them."""

    code: str
    message: str


@dataclass(frozen=True)
class Rule:
    """A program question that is a hard rule, and the picked people's answers to it."""

    prompt: str
    same: bool  # True: only people with the same answer; False: never people with the same answer
    answers: dict[UUID, Any]

    def meet(self, a: UUID, b: UUID) -> bool | None:
        """Whether the two answers agree (overlap, for several choices); None when either is blank."""
        first, second = _choices(self.answers.get(a)), _choices(self.answers.get(b))
        if not first or not second:
            return None
        return bool(first & second)


def _choices(value: Any) -> set[str]:
    if value is None or value == "" or value == []:
        return set()
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def _shown(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)


@dataclass(frozen=True)
class Facts:
    """What the checks read about the people picked, gathered by the service."""

    program: Program
    kind: Kind
    mentor: Profile | None
    mentees: list[Profile]
    memberships: dict[UUID, ProgramMembership]
    parted: dict[frozenset[UUID], Parting]
    load: Load | None
    load_threshold: float
    has_relationship: set[UUID]  # people already in an active relationship of this kind (not as mentor)
    today: date
    rules: list[Rule] = field(default_factory=list)


def warnings(facts: Facts) -> list[Warning]:
    """Every warning for the pairing, the mentor's first."""
    found = [*_mentor_warnings(facts)]
    if facts.program.kinds and facts.kind.value not in facts.program.kinds:
        found.append(
            Warning(
                "program_kind",
                _("This program does not offer {kind} mentoring.").format(kind=_(facts.kind.value)),
            )
        )
    for person in _people(facts):
        found.extend(_person_warnings(facts, person))
    for a, b in _pairs(facts):
        found.extend(_pair_warnings(facts, a, b))
    return found


def _people(facts: Facts) -> list[Profile]:
    return [*([facts.mentor] if facts.mentor else []), *facts.mentees]


def _pairs(facts: Facts) -> list[tuple[Profile, Profile]]:
    """The pairs who must get on: the mentor with each mentee, or the two peers."""
    if facts.mentor is None:
        return list(combinations(facts.mentees, 2))
    return [(mentee, facts.mentor) for mentee in facts.mentees]


def name(person: Profile) -> str:
    """The person's name as the coordinator knows it."""
    return person.user.name


def _mentor_warnings(facts: Facts) -> list[Warning]:
    mentor = facts.mentor
    if mentor is None:
        return []
    found = []
    if facts.kind is Kind.TRADITIONAL and mentor.mentee_load >= mentor.capacity:
        found.append(
            Warning(
                "capacity_full",
                _(
                    "{name} is at or over capacity: {load} of {capacity} places taken, across all programs."
                ).format(name=name(mentor), load=mentor.mentee_load, capacity=mentor.capacity),
            )
        )
    if facts.kind is Kind.GROUP and len(facts.mentees) > mentor.capacity:
        found.append(
            Warning(
                "group_too_big",
                _("{name} leads groups of at most {capacity}; this one has {size}.").format(
                    name=name(mentor), capacity=mentor.capacity, size=len(facts.mentees)
                ),
            )
        )
    if facts.load is not None and facts.load.over(facts.load_threshold):
        found.append(
            Warning(
                "high_load",
                _(
                    "{name} has a high load index ({value}): rounds and requests leave them out for now."
                ).format(name=name(mentor), value=f"{facts.load.value:.2f}"),
            )
        )
    return found


def _person_warnings(facts: Facts, person: Profile) -> list[Warning]:
    found = []
    mentor = person is facts.mentor
    membership = facts.memberships.get(person.id)
    if person.is_away(facts.today):
        until = person.away_until.isoformat() if person.away_until else ""
        words = (
            _("{name} is away now, until {day}.").format(name=name(person), day=until)
            if until
            else _("{name} is away now.").format(name=name(person))
        )
        found.append(Warning("away", words))
    if membership is not None and membership.status is not MembershipStatus.ACTIVE:
        found.append(
            Warning(
                "not_active_member",
                _("{name} is not an active member of this program yet ({status}).").format(
                    name=name(person), status=_(membership.status.value)
                ),
            )
        )
    role_ok = membership is not None and (membership.is_mentor if mentor else membership.is_mentee)
    if not role_ok:
        role = _("a mentor") if mentor else _("a mentee")
        found.append(
            Warning(
                "not_in_role",
                _("{name} is not {role} in this program.").format(name=name(person), role=role),
            )
        )
    if facts.kind.value not in person.kinds:
        found.append(
            Warning(
                "kind_not_chosen",
                _("{name} did not choose {kind} mentoring.").format(
                    name=name(person), kind=_(facts.kind.value)
                ),
            )
        )
    if person.id in facts.has_relationship:
        found.append(
            Warning(
                "has_relationship",
                _("{name} is already in an active {kind} relationship.").format(
                    name=name(person), kind=_(facts.kind.value)
                ),
            )
        )
    return found


def _pair_warnings(facts: Facts, a: Profile, b: Profile) -> list[Warning]:
    found = []
    names = {"a": name(a), "b": name(b)}
    if not set(a.language_codes) & set(b.language_codes):
        found.append(Warning("no_shared_language", _("{a} and {b} share no language.").format(**names)))
    hours = hours_apart(a.timezone, b.timezone)
    if hours > HOURS_APART:
        found.append(
            Warning(
                "hours_apart",
                _("{a} and {b} live {hours} hours apart.").format(hours=f"{hours:g}", **names),
            )
        )
    parted = facts.parted.get(frozenset((a.id, b.id)))
    if parted is Parting.TOGETHER:
        found.append(Warning("together_now", _("{a} and {b} are in a relationship now.").format(**names)))
    elif parted is Parting.BEFORE:
        found.append(
            Warning("together_before", _("{a} and {b} were in a relationship before.").format(**names))
        )
    elif parted is Parting.DECLINED:
        found.append(Warning("declined", _("A pairing of {a} and {b} was declined before.").format(**names)))
    for rule in facts.rules:
        found.extend(_rule_warnings(rule, a, b))
    return found


def _rule_warnings(rule: Rule, a: Profile, b: Profile) -> list[Warning]:
    """A pairing a round would never make because of one of the program's rules."""
    meet = rule.meet(a.id, b.id)
    if meet is None or meet is rule.same:
        return []
    names = {"a": name(a), "b": name(b), "question": rule.prompt}
    if rule.same:
        message = _(
            "{a} answered {first} and {b} answered {second} to “{question}”: "
            "this program pairs only people with the same answer."
        ).format(first=_shown(rule.answers[a.id]), second=_shown(rule.answers[b.id]), **names)
        return [Warning("rule_same", message)]
    message = _(
        "{a} and {b} both answered {answer} to “{question}”: "
        "this program never pairs people with the same answer."
    ).format(answer=_shown(sorted(_choices(rule.answers[a.id]) & _choices(rule.answers[b.id]))), **names)
    return [Warning("rule_different", message)]


def hours_apart(first: str, second: str, now: datetime | None = None) -> float:
    """How many hours apart two time zones' clocks are at this moment."""
    now = now or datetime.now(UTC)
    a, b = now.astimezone(zone(first)).utcoffset(), now.astimezone(zone(second)).utcoffset()
    if a is None or b is None:
        return 0.0
    return abs((a - b).total_seconds()) / 3600
