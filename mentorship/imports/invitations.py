"""Invitation emails for people an import added: a link to choose their password, naming the program."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.mail import Mailer
from mentorship.config import Settings
from mentorship.lib.i18n import _
from mentorship.models import PasswordResetToken, Program, User

# Longer than a reset link's hour: an invitation may wait in an inbox over a weekend.
INVITATION_LIFETIME = timedelta(days=7)
BATCH = 50  # invitations per job, so a large import's emails spread over jobs and retries stay small


def token_hash(token: str) -> str:
    """The stored form of a token, as the password-reset page looks it up."""
    return hashlib.sha256(token.encode()).hexdigest()


async def invite(session: AsyncSession, settings: Settings, program_id: UUID, user_ids: list[UUID]) -> int:
    """Email each person a link to set their password (the reset page); returns how many were sent."""
    program = await session.get(Program, program_id)
    users = (await session.execute(select(User).where(User.id.in_(user_ids)))).scalars()
    mailer = Mailer(settings, session)
    sent = 0
    for user in users:
        # Someone who already chose a password (signed up meanwhile) needs no invitation.
        if user.password_hash or not user.is_active:
            continue
        token = secrets.token_urlsafe(32)
        session.add(
            PasswordResetToken(
                user_id=user.id,
                token_hash=token_hash(token),
                expires_at=datetime.now(UTC) + INVITATION_LIFETIME,
            )
        )
        body = _(
            "Hello {name},\n\nYou have been invited to the mentoring program “{program}” on Mentorship. "
            "Open this link within seven days to choose your password and sign in:\n\n{link}\n\n"
            "Your email address was given by the program's coordinators. If you do not want to take part, "
            "ignore this email."
        ).format(
            name=user.name,
            program=program.name if program else "",
            link=f"{settings.base_url}/password-reset/{token}",
        )
        await mailer.send(
            user.email,
            _("You are invited to “{program}”").format(program=program.name if program else ""),
            body,
        )
        sent += 1
    await session.commit()
    return sent
