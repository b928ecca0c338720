"""Sign-up by emailed link: the account exists only once its address is confirmed."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.mail import Mailer
from mentorship.accounts.passwords import hash_password_async
from mentorship.accounts.services import AccountError
from mentorship.config import Settings
from mentorship.lib.i18n import _
from mentorship.models import SignupRequest, User

SIGNUP_LINK_LIFETIME = timedelta(hours=24)
# Sign-up emails one address receives per hour at most: the form must not be a way to flood an inbox.
MAX_SIGNUP_EMAILS_PER_HOUR = 3
log = logging.getLogger(__name__)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_invalid() -> AccountError:
    """The error for a link that expired, was used, or never existed."""
    return AccountError(
        _("This sign-up link has expired or was already used. Sign up again to get a new one."),
        field="token",
    )


def account_exists() -> AccountError:
    """The error for a link whose address got an account in the meantime."""
    return AccountError(
        _("This sign-up link is no longer valid: the address already has an account. Sign in instead."),
        field="email",
        status_code=409,
    )


class SignupService:
    """Sign-up requests: stored on submission, emailed by a job, turned into an account once."""

    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.session = session
        self.settings = settings

    async def request(self, name: str, email: str, password: str) -> UUID:
        """Store a sign-up request; the same work whether or not the address has an account."""
        password_hash = await hash_password_async(password, self.settings.password_hash_cost)
        signup = SignupRequest(
            name=name,
            email=email,
            password_hash=password_hash,
            expires_at=datetime.now(UTC) + SIGNUP_LINK_LIFETIME,
        )
        self.session.add(signup)
        await self.session.commit()
        return signup.id

    async def send_link(self, request_id: UUID, mailer: Mailer) -> None:
        """Email the confirmation link, or tell an existing account's owner that someone tried."""
        signup = await self.session.get(SignupRequest, request_id)
        if signup is None or signup.used_at is not None:
            return  # confirmed already, or handled by an earlier run of the job
        if await self._flooded(signup):
            # The answer on the page was the same; only the inbox is spared another email.
            log.info(
                "sign-up email not sent: %d requests for one address this hour", MAX_SIGNUP_EMAILS_PER_HOUR
            )
            signup.used_at = datetime.now(UTC)
            await self.session.commit()
            return
        owner = await self.session.scalar(select(User).where(User.email == signup.email))
        if owner is not None:
            await mailer.send(
                owner.email, _("Someone tried to sign up with your address"), self._tried(owner)
            )
            signup.used_at = datetime.now(UTC)  # spent, and still counted against flooding this hour
            await self.session.commit()  # after sending: a mail failure keeps the row for the retry
            return
        # The token is stored before the mail goes out, so the link works the moment it arrives; a
        # retry after a mail failure stores a new one, and only the emailed token ever matches.
        token = secrets.token_urlsafe(32)
        signup.token_hash = _token_hash(token)
        signup.expires_at = datetime.now(UTC) + SIGNUP_LINK_LIFETIME
        await self.session.commit()
        await mailer.send(
            signup.email, _("Finish creating your Mentorship account"), self._link(signup, token)
        )
        await self.session.commit()  # the development outbox's copy

    async def _flooded(self, signup: SignupRequest) -> bool:
        """Whether this address already got its hourly share of sign-up emails."""
        since = datetime.now(UTC) - timedelta(hours=1)
        earlier = await self.session.scalar(
            select(func.count())
            .select_from(SignupRequest)
            .where(
                SignupRequest.email == signup.email,
                SignupRequest.created_at > since,
                SignupRequest.created_at < signup.created_at,
            )
        )
        return int(earlier or 0) >= MAX_SIGNUP_EMAILS_PER_HOUR

    def _tried(self, owner: User) -> str:
        return _(
            "Hello {name},\n\nSomeone (hopefully you) tried to create a Mentorship account with this "
            "address. You already have one: sign in, or reset your password if you forgot it.\n\n"
            "Sign in: {base}/login\nReset your password: {base}/password-reset\n\n"
            "If it was not you, you can ignore this email."
        ).format(name=owner.name, base=self.settings.base_url)

    def _link(self, signup: SignupRequest, token: str) -> str:
        return _(
            "Hello {name},\n\nOpen this link within 24 hours to finish creating your Mentorship "
            "account:\n\n{link}\n\nIf you did not sign up, ignore this email; no account is created."
        ).format(name=signup.name, link=f"{self.settings.base_url}/signup/confirm/{token}")

    async def pending(self, token: str) -> SignupRequest | None:
        """The unused, unexpired request for a token, or None (reading it does not use it)."""
        return await self.session.scalar(
            select(SignupRequest).where(
                SignupRequest.token_hash == _token_hash(token),
                SignupRequest.used_at.is_(None),
                SignupRequest.expires_at > datetime.now(UTC),
            )
        )

    async def confirm(self, token: str) -> User:
        """Use the token once and create the account it asked for."""
        now = datetime.now(UTC)
        # One conditional UPDATE claims the request: of simultaneous confirmations, one transaction wins.
        claimed = (
            await self.session.execute(
                update(SignupRequest)
                .where(
                    SignupRequest.token_hash == _token_hash(token),
                    SignupRequest.used_at.is_(None),
                    SignupRequest.expires_at > now,
                )
                .values(used_at=now)
                .returning(SignupRequest.email, SignupRequest.name, SignupRequest.password_hash)
                .execution_options(synchronize_session=False)
            )
        ).one_or_none()
        if claimed is None:
            await self.session.rollback()
            raise link_invalid()
        if await self.session.scalar(select(User.id).where(User.email == claimed.email)) is not None:
            await self.session.commit()  # the link is spent either way
            raise account_exists()
        user = User(email=claimed.email, name=claimed.name, password_hash=claimed.password_hash)
        self.session.add(user)
        try:
            await self.session.commit()
        except IntegrityError as exc:  # the account was created at this very moment
            await self.session.rollback()
            raise account_exists() from exc
        return user
