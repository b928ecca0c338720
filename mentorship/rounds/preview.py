"""What the round page shows: pairings with names, figures that follow the edits, loads, unmatched people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from mentorship.engine.audit import BLANK
from mentorship.engine.outcome import histogram
from mentorship.engine.reasons import best_fit, reason_key
from mentorship.engine.rows import mentee_row, mentor_row, profile_id_of
from mentorship.lib.confirm import Confirmation
from mentorship.lib.figures import kept as kept_figures
from mentorship.lib.i18n import ACTIVE, _, language_name, ngettext
from mentorship.lib.reasons import ReasonData, read_reasons
from mentorship.models import Kind, MemberRole, Proposal, ProposalStatus, Round, RoundStatus
from mentorship.rounds.pages import (
    PAIRINGS_PER_PAGE,
    Pairings,
    aggregates,
    mentor_use,
    pairings,
    removed_seekers,
)
from mentorship.rounds.services import Named, RoundService

# Below this relative gap a total is as good as the best possible, for a person reading it.
NEGLIGIBLE_GAP = 0.001
# How many people of each reason the round page names (the rest are counted).
NAMES_PER_REASON = 10


def _mentor(proposal: Proposal) -> UUID | None:
    return next((m.profile_id for m in proposal.members if m.role is MemberRole.MENTOR), None)


def _seekers(proposal: Proposal) -> list[UUID]:
    return [m.profile_id for m in proposal.members if m.role is not MemberRole.MENTOR]


def figures(found: Round, proposals: list[Proposal]) -> dict[str, Any]:
    """The round's figures as it stands now, from its proposals in memory (see :func:`summed_figures`)."""
    kept = [p for p in proposals if p.status is not ProposalStatus.REMOVED]
    scores = [p.score for p in kept]
    return summed_figures(
        found,
        {
            "every": len(proposals),
            "removed": len(proposals) - len(kept),
            "kept": len(kept),
            "matched": sum(len(_seekers(p)) for p in kept),
            "score_sum": sum(scores),
            # The engine's total counts a group's score once per member (each member's fit with the mentor).
            "total": sum(p.score * (len(_seekers(p)) if found.kind is Kind.GROUP else 1) for p in kept),
            "histogram": histogram(scores),
        },
    )


def summed_figures(found: Round, sums: dict[str, Any]) -> dict[str, Any]:
    """The round's figures after removals, swaps and moves (not as the run left them), from its sums."""
    summary = found.summary or {}
    total = float(sums["total"])
    run_total = float(summary.get("total", 0.0))
    bound = float(summary.get("upper_bound", 0.0))
    edited = sums["removed"] > 0 or abs(total - run_total) > 1e-9 * max(1.0, abs(run_total))
    gap = float(summary.get("relative_gap", 0.0))
    if edited:
        gap = max(0.0, (bound - total) / bound) if bound > 0 else 0.0
    kept = int(sums["kept"])
    return {
        "proposals": kept,
        "matched": int(sums["matched"]),
        "mentees": int(summary.get("pool", {}).get("mentees", 0)),
        "mean_score": float(sums["score_sum"]) / kept if kept else 0.0,
        "total": total,
        "upper_bound": bound,
        "relative_gap": gap,
        "proved_optimal": bool(summary.get("proved_optimal")) and not edited,
        "edited": edited,
        "histogram": list(sums["histogram"]),
    }


def quality_words(numbers: dict[str, Any]) -> str:
    """How close the pairings are to the best possible, in a coordinator's words."""
    gap = float(numbers["relative_gap"])
    if numbers["edited"]:
        if gap < NEGLIGIBLE_GAP:
            return _("After your changes: still within 0.1% of the best possible.")
        return _("After your changes: {percent} below the best possible.").format(percent=f"{gap:.1%}")
    if numbers["proved_optimal"]:
        return _("Best possible: no other set of pairings scores higher.")
    if gap < NEGLIGIBLE_GAP:
        return _("Within 0.1% of the best possible.")
    return _("Within {percent} of the best possible.").format(percent=f"{gap:.1%}")


def publishing(found: Round, proposals: list[Proposal], expiry_days: int) -> Confirmation:
    """What publishing does, in the preview's own figures (and everyone it would tell)."""
    count = figures(found, proposals)["proposals"]
    # Mentors are told too, once however many proposals they are in.
    told = len({m.profile_id for p in proposals if p.status is not ProposalStatus.REMOVED for m in p.members})
    proposals_words = ngettext("{n} proposal", "{n} proposals", count).format(n=count)
    people = ngettext("{n} person", "{n} people", told).format(n=told)
    effects = [
        _("{proposals} will be sent to {people}: each of them is told and has {days} days to answer.").format(
            proposals=proposals_words, people=people, days=expiry_days
        )
    ]
    if found.kind is Kind.TRADITIONAL:
        effects.append(_("A proposal whose mentor has filled their places since the run is held back."))
    effects.append(_("Once published, the round can no longer be edited or discarded."))
    return Confirmation(
        title=_("Publish this round?"),
        effects=tuple(effects),
        action=f"/rounds/{found.id}/publish",
        button=_("Publish {proposals}").format(proposals=proposals_words),
        cancel=f"/rounds/{found.id}",
    )


def discarding(found: Round, proposals: int) -> Confirmation:
    """What discarding an unpublished round does."""
    return Confirmation(
        title=_("Discard this round?"),
        effects=(
            ngettext(
                "Its {n} draft proposal is deleted; nobody in it was told about it.",
                "Its {n} draft proposals are deleted; nobody in them was told about them.",
                proposals,
            ).format(n=proposals),
            _("You can still start a new round with the same options (“Re-run with other options”)."),
        ),
        action=f"/rounds/{found.id}/discard",
        button=_("Discard the round"),
        cancel=f"/rounds/{found.id}",
        danger=True,
    )


def histogram_labels(bins: int) -> list[str]:
    """Score ranges of the histogram's bins."""
    return [f"{i / bins:.1f}–{(i + 1) / bins:.1f}" for i in range(bins)]


def group_reasons(
    unmatched: list[tuple[UUID, list[ReasonData]]], shown: int = NAMES_PER_REASON
) -> list[dict[str, Any]]:
    """People left unmatched, grouped by reason code and items (commonest first), the first few named.

    ``reason`` is the group's reason without anyone's own figure (the view says it in words);
    ``people`` holds the first ``shown`` of the group as (id, own best fit), ``count`` how many in all.
    """
    groups: dict[Any, tuple[ReasonData, list[tuple[UUID, Any]]]] = {}
    for person, reasons in unmatched:
        reason: ReasonData = reasons[0] if reasons else {"code": "text", "items": [], "value": None}
        groups.setdefault(reason_key(reason), (reason, []))[1].append((person, best_fit(reason)))
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1][1]), repr(item[0])))
    return [
        {"reason": reason, "people": people[:shown], "count": len(people)}
        for _key, (reason, people) in ordered
    ]


def _named(groups: list[dict[str, Any]], name: Callable[[UUID], str]) -> list[dict[str, Any]]:
    """The groups with their shown people named, by name."""
    return [
        group
        | {
            "people": sorted(
                ({"name": name(pid), "best": best} for pid, best in group["people"]), key=lambda p: p["name"]
            ),
            "more": group["count"] - len(group["people"]),
        }
        for group in groups
    ]


def fairness_audit(summary: dict[str, Any]) -> dict[str, Any] | None:
    """The run's fairness report with each flagged gap in words; None for rounds run before it was kept.

    Values are named for the reader (a first language by its name in the reader's language) and the
    groups too small to describe are folded into one line, so a long tail of them hides nothing else.
    """
    report = summary.get("audit")
    if not isinstance(report, dict):
        return None
    attributes = []
    for attribute in report.get("attributes", []):
        label = _value_label(attribute["attribute"])
        worst = {d["worst"] for d in attribute["disparities"]}
        groups = [
            g | {"label": label(g["value"]), "flagged": g["value"] in worst} for g in attribute["groups"]
        ]
        small = [g for g in groups if g.get("suppressed")]
        attributes.append(
            {
                "name": attribute["attribute"].replace("_", " ").capitalize(),
                "groups": [g for g in groups if not g.get("suppressed")],
                "small": [g["label"] for g in small],
                "flags": [_flag(d, label) for d in attribute["disparities"]],
            }
        )
    return {
        "attributes": attributes,
        "min_group_size": report["min_group_size"],
        "rate_points": round(report["max_rate_gap"] * 100),
        "score_percent": f"{report['max_score_gap']:.0%}",
    }


def _value_label(attribute: str) -> Callable[[str], str]:
    """How an attribute's values read: languages by name in the reader's language, others as shared."""
    if attribute == "first_language":
        return lambda code: language_name(code, ACTIVE.get()) if code and code != BLANK else _blank(code)
    return _blank


def _blank(value: str) -> str:
    return _("(blank)") if value == BLANK else value


def _flag(disparity: dict[str, Any], label: Callable[[str], str]) -> str:
    worst, best = label(disparity["worst"]), label(disparity["best"])
    if disparity["metric"] == "match_rate":
        return _("“{worst}” is matched {points} points less often than “{best}”.").format(
            worst=worst, best=best, points=round(disparity["gap"] * 100)
        )
    return _("“{worst}” gets pairings scoring {percent} lower than “{best}”.").format(
        worst=worst, best=best, percent=f"{disparity['gap']:.0%}"
    )


async def round_sums(rounds: RoundService, found: Round) -> dict[str, Any]:
    """The round's pairings summed (see :func:`aggregates`), kept until a proposal or event changes.

    Summing 61,000 pairings was most of the round's page at 100,000 people.
    """
    return await kept_figures(
        rounds.figures,
        rounds.session,
        f"round-figures:{found.id}",
        dict[str, Any],
        lambda: aggregates(rounds.session, found),
    )


async def preview_context(rounds: RoundService, found: Round, page: int = 1) -> dict[str, Any]:
    """Everything the round page renders: its figures summed in SQL, one page of its pairings."""
    summary = found.summary or {}
    session = rounds.session
    capacity: dict[str, int] = summary.get("capacity", {})
    ran = found.status not in (RoundStatus.QUEUED, RoundStatus.RUNNING)
    sums = await round_sums(rounds, found) if ran else None
    shown = (
        await pairings(session, found.id, page, PAIRINGS_PER_PAGE, int(sums["every"]))
        if sums is not None
        else Pairings([], 1, 1, 0, PAIRINGS_PER_PAGE)
    )
    proposals = shown.items
    numbers = summed_figures(found, sums) if sums is not None else figures(found, [])
    unmatched: list[tuple[UUID, list[ReasonData]]] = [
        (UUID(u["profile_id"]), read_reasons(u.get("reasons", u.get("reason"))))
        for u in summary.get("unmatched", [])
    ]
    if ran and numbers["edited"]:
        removed: list[ReasonData] = [{"code": "removed", "items": [], "value": None}]
        unmatched += [(pid, removed) for pid in await removed_seekers(session, found.id)]
    groups = group_reasons(unmatched)
    alternatives = summary.get("alternatives", {})
    on_page = {m.profile_id for p in proposals for m in p.members}
    candidates = {
        profile_id_of(option[0])
        for p in proposals
        for seeker in _seekers(p)
        for option in alternatives.get(mentee_row(seeker), [])
    }
    mentors = {m for m in (_mentor(p) for p in proposals) if m is not None}
    used = await mentor_use(session, found.id, mentors | candidates)
    people = await rounds.named(
        on_page | candidates | {pid for group in groups for pid, _best in group["people"]}
    )

    def name(profile_id: UUID) -> str:
        person = people.get(profile_id)
        return person.name if person else "—"

    def room(mentor_id: UUID) -> int:
        return int(capacity.get(mentor_row(mentor_id), 0)) - used.get(mentor_id, 0)

    kept = [p for p in proposals if p.status is not ProposalStatus.REMOVED]
    rows = [_row(found, p, kept, name, room) for p in proposals]
    others = [
        r
        for r in await rounds.all()
        if r.id != found.id and r.status in (RoundStatus.READY, RoundStatus.PUBLISHED)
    ]
    return {
        "round": found,
        "summary": summary,
        "figures": numbers,
        "quality": quality_words(numbers),
        "rows": rows,
        "pairings": shown,
        "loads": _loads(found, capacity, {m: people[m] for m in mentors if m in people}, used, name),
        "unmatched_count": len(unmatched),
        "reason_groups": _named(groups, name),
        "audit": fairness_audit(summary),
        "histogram": {"labels": histogram_labels(len(numbers["histogram"])), "values": numbers["histogram"]},
        "others": others,
    }


def _row(found: Round, proposal: Proposal, kept: list[Proposal], name: Any, room: Any) -> dict[str, Any]:
    """One pairing with the edits it allows: another mentor with a free place, or another group."""
    mentor = _mentor(proposal)
    seekers = [m for m in proposal.members if m.role is not MemberRole.MENTOR]
    removed = proposal.status is ProposalStatus.REMOVED
    alternatives = []
    if found.kind is Kind.TRADITIONAL and mentor is not None and not removed and len(seekers) == 1:
        for rid, score, _reasons in found.summary.get("alternatives", {}).get(
            mentee_row(seekers[0].profile_id), []
        ):
            candidate = profile_id_of(rid)
            # Only mentors with a free place in this round: anyone else would be refused.
            if candidate != mentor and room(candidate) > 0:
                alternatives.append({"id": candidate, "name": name(candidate), "score": score})
    targets = []
    options = found.options or {}
    if found.kind is Kind.GROUP and not removed and len(seekers) > int(options.get("group_min", 3)):
        for other in kept:
            other_mentor = _mentor(other)
            if other.id == proposal.id or other_mentor is None:
                continue
            # A group may grow to the largest size, and no further than its mentor has places for.
            if room(other_mentor) > 0 and len(_seekers(other)) < int(options.get("group_max", 6)):
                targets.append({"id": other.id, "label": f"{other.group_label} · {name(other_mentor)}"})
    fits = (found.summary or {}).get("member_fit", {})
    return {
        "proposal": proposal,
        "mentor": (mentor, name(mentor)) if mentor else None,
        # (profile id, name, answer, own fit with the mentor: groups only, None for older rounds)
        "members": [
            (m.profile_id, name(m.profile_id), m.response.value, fits.get(str(m.profile_id))) for m in seekers
        ],
        "removed": removed,
        "alternatives": alternatives,
        "targets": targets,
    }


def _loads(
    found: Round, capacity: dict[str, int], people: dict[UUID, Named], used: dict[UUID, int], name: Any
) -> list[dict[str, Any]]:
    """Each mentor's (of the page's pairings) mentees now, added by this round (as edited) and capacity."""
    if found.kind is Kind.PEER:
        return []
    loads = []
    for profile_id in people:
        free = int(capacity.get(mentor_row(profile_id), 0))
        person = people.get(profile_id)
        loads.append(
            {
                "name": name(profile_id),
                "current": person.mentee_load if person else 0,
                "added": used.get(profile_id, 0),
                "capacity": person.capacity if person else free,
            }
        )
    loads.sort(key=lambda row: (-(row["current"] + row["added"]) / max(row["capacity"], 1), row["name"]))
    return loads
