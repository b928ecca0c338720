"""Accounts: creation, sign-in with rate limits, password change and reset by emailed token."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.mail import Mailer
from mentorship.accounts.passwords import hash_password_async, verify_password_async
from mentorship.accounts.schemas import email_error, normalise_email, password_error
from mentorship.config import Settings
from mentorship.lib.i18n import _
from mentorship.models import LoginAttempt, PasswordResetToken, User

LOGIN_WINDOW = timedelta(minutes=15)
# Failed sign-ins allowed per window: per account from one address (or from one known device), per
# address across accounts, and per account from every unknown device together (distributed guessing).
MAX_FAILURES_PER_SOURCE = 5
MAX_FAILURES_PER_ADDRESS = 30
MAX_FAILURES_PER_ACCOUNT = 20
RESET_TOKEN_LIFETIME = timedelta(hours=1)
# A real hash to verify against when the email is unknown, so both cases take the same time.
_DUMMY_HASH: dict[str, str] = {}


class AccountError(Exception):
    """A problem with the request that the person can fix; `field` names the form field."""

    def __init__(self, message: str, field: str | None = None, status_code: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status_code = status_code


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountService:
    """Everything about accounts that touches the database."""

    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.session = session
        self.settings = settings

    async def get(self, user_id: UUID) -> User | None:
        """An active user by id."""
        return await self.session.scalar(select(User).where(User.id == user_id, User.is_active))

    async def by_email(self, email: str) -> User | None:
        """A user by email, whatever its case."""
        return await self.session.scalar(select(User).where(User.email == normalise_email(email)))

    async def create_account(self, name: str, email: str, password: str) -> User:
        """Create a participant account at once (the command line; people sign up by emailed link)."""
        if await self.by_email(email) is not None:
            raise AccountError(
                _("An account with this email already exists. Sign in or reset your password."),
                field="email",
                status_code=409,
            )
        user = User(
            name=name,
            email=normalise_email(email),
            password_hash=await hash_password_async(password, self.settings.password_hash_cost),
        )
        self.session.add(user)
        try:
            await self.session.commit()
        except IntegrityError as exc:  # two sign-ups with one email at the same moment
            raise AccountError(
                _("An account with this email already exists."), field="email", status_code=409
            ) from exc
        return user

    async def authenticate(self, email: str, password: str, address: str, device: str | None = None) -> User:
        """The user for these credentials; a failure never says whether the email exists.

        `device` is the id of a browser that proved it signed in to this account before: its tries
        are counted on their own, so nobody else's guesses can lock it out.
        """
        email = normalise_email(email)
        if email_error(email) or "\x00" in password:
            raise AccountError(_("That email and password do not match an account."), status_code=400)
        # The try is recorded and committed before it is counted: of simultaneous tries, each counts
        # every one committed before it, so no more than the limit ever reach the password check.
        attempt_id = uuid4()
        self.session.add(
            LoginAttempt(
                id=attempt_id,
                email=email,
                address=address[:64],
                device=device,
                attempted_at=datetime.now(UTC),
                failed=False,
            )
        )
        await self.session.commit()
        await self._check_rate_limit(email, address[:64], device)
        user = await self.by_email(email)
        stored = user.password_hash if user is not None and user.is_active else await self._dummy_hash()
        if (
            not await verify_password_async(stored, password, self.settings.password_hash_cost)
            or user is None
        ):
            await self.session.execute(
                update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(failed=True)
            )
            await self.session.commit()
            raise AccountError(_("That email and password do not match an account."), status_code=400)
        # The owner is in: their account's failed tries stop counting.
        await self.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
        await self.session.commit()
        return user

    async def _dummy_hash(self) -> str:
        cost = self.settings.password_hash_cost
        if cost not in _DUMMY_HASH:
            _DUMMY_HASH[cost] = await hash_password_async(secrets.token_urlsafe(16), cost)
        return _DUMMY_HASH[cost]

    async def _check_rate_limit(self, email: str, address: str, device: str | None) -> None:
        recent = LoginAttempt.attempted_at > datetime.now(UTC) - LOGIN_WINDOW
        if device is not None:
            limits = [(MAX_FAILURES_PER_SOURCE, [LoginAttempt.email == email, LoginAttempt.device == device])]
        else:
            unknown = LoginAttempt.device.is_(None)
            limits = [
                (
                    MAX_FAILURES_PER_SOURCE,
                    [LoginAttempt.email == email, LoginAttempt.address == address, unknown],
                ),
                # Only settled failures (this try is not one yet, hence the limit less one): tries still
                # being checked may be a classroom behind one address signing in at once.
                (
                    MAX_FAILURES_PER_ADDRESS - 1,
                    [LoginAttempt.address == address, unknown, LoginAttempt.failed.is_(True)],
                ),
                (MAX_FAILURES_PER_ACCOUNT, [LoginAttempt.email == email, unknown]),
            ]
        for limit, conditions in limits:
            count = await self.session.scalar(
                select(func.count()).select_from(LoginAttempt).where(recent, *conditions)
            )
            if (count or 0) > limit:  # the count includes this try
                raise AccountError(
                    _("Too many failed sign-ins. Wait 15 minutes, or reset your password."), status_code=429
                )

    async def change_password(self, user: User, current: str, new: str) -> int:
        """Change a password after checking the current one; returns the new session generation."""
        stored = await self.session.scalar(select(User.password_hash).where(User.id == user.id))
        if not await verify_password_async(stored or "", current, self.settings.password_hash_cost):
            raise AccountError(_("Your current password is not correct."), field="current_password")
        generation = await self._store_password(user.id, await self._new_hash(new))
        await self.session.commit()
        return generation

    async def password_matches(self, user_id: UUID, password: str) -> bool:
        """Whether the password is the user's current one (to confirm a destructive action)."""
        stored = await self.session.scalar(select(User.password_hash).where(User.id == user_id))
        return await verify_password_async(stored or "", password, self.settings.password_hash_cost)

    async def _new_hash(self, new: str) -> str:
        """The hash of an acceptable new password (hashed before any write, so no lock waits on it)."""
        if error := password_error(new):
            raise AccountError(error, field="password")
        return await hash_password_async(new, self.settings.password_hash_cost)

    async def _store_password(self, user_id: UUID, password_hash: str) -> int:
        """Save a password hash and end every session started before it; returns the new generation."""
        generation = await self.session.scalar(
            update(User)
            .where(User.id == user_id)
            .values(password_hash=password_hash, session_generation=User.session_generation + 1)
            .returning(User.session_generation)
            .execution_options(synchronize_session=False)
        )
        return int(generation or 0)

    async def request_reset(self, email: str, mailer: Mailer) -> None:
        """Email a reset link if the account exists; say nothing either way."""
        user = await self.by_email(email)
        if user is None or not user.is_active:
            return
        token = secrets.token_urlsafe(32)
        self.session.add(
            PasswordResetToken(
                user_id=user.id,
                token_hash=_token_hash(token),
                expires_at=datetime.now(UTC) + RESET_TOKEN_LIFETIME,
            )
        )
        link = f"{self.settings.base_url}/password-reset/{token}"
        body = _(
            "Hello {name},\n\nSomeone (hopefully you) asked to reset your Mentorship password. "
            "Open this link within an hour to choose a new one:\n\n{link}\n\n"
            "If you did not ask for this, ignore this email; your password stays as it is."
        ).format(name=user.name, link=link)
        await mailer.send(user.email, _("Reset your Mentorship password"), body)
        await self.session.commit()

    async def valid_reset_token(self, token: str) -> PasswordResetToken | None:
        """The unused, unexpired token row for a token, or None."""
        return await self.session.scalar(
            select(PasswordResetToken).where(
                PasswordResetToken.token_hash == _token_hash(token),
                PasswordResetToken.used_at.is_(None),
                PasswordResetToken.expires_at > datetime.now(UTC),
            )
        )

    async def reset_password(self, token: str, new: str) -> User:
        """Set a new password with a reset token; the token and its siblings stop working."""
        password_hash = await self._new_hash(new)
        now = datetime.now(UTC)
        # One conditional UPDATE claims the token: of simultaneous uses, only one transaction wins.
        user_id = await self.session.scalar(
            update(PasswordResetToken)
            .where(
                PasswordResetToken.token_hash == _token_hash(token),
                PasswordResetToken.used_at.is_(None),
                PasswordResetToken.expires_at > now,
            )
            .values(used_at=now)
            .returning(PasswordResetToken.user_id)
            .execution_options(synchronize_session=False)
        )
        if user_id is None:
            await self.session.rollback()
            raise AccountError(
                _("This reset link has expired or was already used. Ask for a new one."), status_code=400
            )
        await self.session.execute(
            update(PasswordResetToken)
            .where(PasswordResetToken.user_id == user_id, PasswordResetToken.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        await self._store_password(user_id, password_hash)
        user = await self.session.get_one(User, user_id, populate_existing=True)
        await self.session.execute(delete(LoginAttempt).where(LoginAttempt.email == user.email))
        await self.session.commit()
        return user

    async def promote(self, user_id: UUID) -> User:
        """Make a user a coordinator."""
        user = await self.get(user_id)
        if user is None:
            raise AccountError(_("There is no such participant."), status_code=404)
        user.is_coordinator = True
        await self.session.commit()
        return user
