"""What the round page shows: pairings with names, the score chart, loads, unmatched people, the audit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from mentorship.models import MemberRole, Profile, Proposal, ProposalStatus, Round, RoundStatus
from mentorship.rounds.pool import profile_id_of
from mentorship.rounds.services import RoundService

CHART_WIDTH, CHART_HEIGHT = 420, 160


@dataclass(frozen=True)
class Bar:
    """One histogram bar, laid out for an inline SVG (no script needed)."""

    x: float
    y: float
    width: float
    height: float
    count: int
    label: str


def chart(histogram: list[int]) -> list[Bar]:
    """Lay out the score histogram as SVG bars."""
    if not histogram:
        return []
    top = max(histogram) or 1
    width = CHART_WIDTH / len(histogram)
    bars = []
    for i, count in enumerate(histogram):
        height = (CHART_HEIGHT - 20) * count / top
        low, high = i / len(histogram), (i + 1) / len(histogram)
        bars.append(
            Bar(i * width + 2, CHART_HEIGHT - 20 - height, width - 4, height, count, f"{low:.1f}–{high:.1f}")
        )
    return bars


async def preview_context(rounds: RoundService, found: Round) -> dict[str, Any]:
    """Everything the round page renders."""
    summary = found.summary or {}
    proposals: list[Proposal] = []
    if found.status not in (RoundStatus.QUEUED, RoundStatus.RUNNING):
        proposals = await rounds.proposals(found.id)
    ids: set[UUID] = {m.profile_id for p in proposals for m in p.members}
    ids |= {UUID(u["profile_id"]) for u in summary.get("unmatched", [])}
    ids |= {profile_id_of(rid) for rid in summary.get("capacity", {})}
    for options in summary.get("alternatives", {}).values():
        ids |= {profile_id_of(o[0]) for o in options}
    people: dict[UUID, Profile] = await rounds.people(ids)

    def name(profile_id: UUID) -> str:
        profile = people.get(profile_id)
        return profile.user.name if profile else "—"

    rows: list[dict[str, Any]] = []
    for proposal in proposals:
        mentor = next((m for m in proposal.members if m.role is MemberRole.MENTOR), None)
        seekers = [m for m in proposal.members if m.role is not MemberRole.MENTOR]
        alternatives = []
        if mentor is not None and len(seekers) == 1:
            for rid, score, _reasons in summary.get("alternatives", {}).get(
                f"mentee:{seekers[0].profile_id}", []
            ):
                candidate = profile_id_of(rid)
                if candidate != mentor.profile_id:
                    alternatives.append({"id": candidate, "name": name(candidate), "score": score})
        rows.append(
            {
                "proposal": proposal,
                "mentor": (mentor.profile_id, name(mentor.profile_id)) if mentor else None,
                "members": [(m.profile_id, name(m.profile_id), m.response.value) for m in seekers],
                "removed": proposal.status is ProposalStatus.REMOVED,
                "alternatives": alternatives,
            }
        )
    loads: list[dict[str, Any]] = []
    kept = [r for r in rows if not r["removed"]]
    for rid, room in summary.get("capacity", {}).items():
        profile_id = profile_id_of(rid)
        added = sum(len(r["members"]) for r in kept if r["mentor"] and r["mentor"][0] == profile_id)
        person = people.get(profile_id)
        loads.append(
            {
                "name": name(profile_id),
                "current": person.mentee_load if person else 0,
                "added": added,
                "capacity": person.capacity if person else room,
            }
        )
    loads.sort(key=lambda row: (-(row["current"] + row["added"]) / max(row["capacity"], 1), row["name"]))
    unmatched = [
        {"name": name(UUID(u["profile_id"])), "reason": u["reason"]} for u in summary.get("unmatched", [])
    ]
    others = [
        r
        for r in await rounds.all()
        if r.id != found.id and r.status in (RoundStatus.READY, RoundStatus.PUBLISHED)
    ]
    return {
        "round": found,
        "summary": summary,
        "rows": rows,
        "loads": loads,
        "unmatched": unmatched,
        "bars": chart(summary.get("histogram", [])),
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT},
        "others": others,
    }
