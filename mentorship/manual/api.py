"""JSON API for manual matching: preview a pairing, then send it as a proposal or start it now."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from litestar import Controller, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.config import Settings
from mentorship.lib.reasons import read_reasons, reasons_text
from mentorship.manual.deps import provide_matches
from mentorship.manual.forms import MatchIn, PickIn
from mentorship.manual.preview import Preview
from mentorship.manual.services import MatchService
from mentorship.models import User


class WarningOut(msgspec.Struct):
    """Something to know before pairing, as a code and in the request's language."""

    code: str
    message: str


class PairOut(msgspec.Struct):
    """How well one person's offer meets another's needs."""

    seeker_id: UUID
    helper_id: UUID
    score: float
    reasons: list[str]
    reason_codes: list[dict[str, Any]]


class PreviewOut(msgspec.Struct):
    """A pairing's fit and warnings before it is sent."""

    kind: str
    mentor_id: UUID | None
    mentee_ids: list[UUID]
    score: float
    # In the request's language; ``reason_codes`` holds the same reasons as data.
    reasons: list[str]
    reason_codes: list[dict[str, Any]]
    pairs: list[PairOut]
    warnings: list[WarningOut]
    mentor_is_full: bool


class MatchOut(msgspec.Struct):
    """What was made: a proposal waiting for answers, or a relationship started now."""

    action: str
    proposal_id: UUID | None = None
    relationship_id: UUID | None = None


def preview_out(seen: Preview) -> PreviewOut:
    names = seen.names
    pairs = [
        PairOut(
            fit.seeker.id,
            fit.helper.id,
            fit.score,
            reasons_text(fit.reasons, names),
            [dict(r) for r in read_reasons(fit.reasons)],
        )
        for fit in seen.fits
    ]
    return PreviewOut(
        kind=seen.pick.kind.value,
        mentor_id=seen.pick.mentor_id,
        mentee_ids=list(seen.pick.mentee_ids),
        score=seen.score,
        reasons=[text for pair in pairs for text in pair.reasons],
        reason_codes=[code for pair in pairs for code in pair.reason_codes],
        pairs=pairs,
        warnings=[WarningOut(w.code, w.message) for w in seen.warnings],
        mentor_is_full=seen.mentor_full,
    )


class MatchApiController(Controller):
    """Manual matching as JSON, for a program's coordinators and administrators."""

    path = "/api/v1/programs/{slug:str}/match"
    tags = ["manual matching"]
    dependencies = {"matches": Provide(provide_matches)}

    @post("/preview", name="api:match:preview", guards=[signed_in], opt=SIGNED_IN, status_code=200)
    async def preview(
        self,
        slug: FromPath[str],
        data: JSONBody[PickIn],
        matches: NamedDependency[MatchService],
        me: NamedDependency[User],
        settings: NamedDependency[Settings],
    ) -> PreviewOut:
        """The engine's fit and every warning for a pairing (400 naming the field when it is impossible)."""
        await matches.program(slug, me)  # who asks is checked before what they sent
        seen = await matches.preview(slug, me, data.checked(), settings.load_threshold)
        return preview_out(seen)

    @post("/", name="api:match", guards=[signed_in], opt=SIGNED_IN, status_code=201)
    async def match(
        self,
        slug: FromPath[str],
        data: JSONBody[MatchIn],
        matches: NamedDependency[MatchService],
        me: NamedDependency[User],
        settings: NamedDependency[Settings],
    ) -> MatchOut:
        """Send as a proposal, or start now with a reason (409 when it cannot be made as things stand)."""
        await matches.program(slug, me)
        pick, (action, reason) = data.checked(), data.checked_action()
        if action == "start":
            started = await matches.start(
                slug, me, pick, reason, data.mentor_is_full_ok, settings.load_threshold
            )
            return MatchOut(action, relationship_id=started.relationship_id)
        proposal = await matches.propose(
            slug, me, pick, settings.proposal_expiry_days, settings.load_threshold
        )
        return MatchOut(action, proposal_id=proposal.id)
