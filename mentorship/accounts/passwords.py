"""argon2 password hashing, always off the event loop in request handlers."""

from __future__ import annotations

from functools import cache

import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


@cache
def hasher(cost: str = "default") -> PasswordHasher:
    """The argon2 hasher; "fast" is for tests and demo seeding only."""
    if cost == "fast":
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def hash_password(password: str, cost: str = "default") -> str:
    """Hash a password with argon2id."""
    return hasher(cost).hash(password)


def verify_password(password_hash: str, password: str, cost: str = "default") -> bool:
    """Whether the password matches the stored hash (never raises on a bad hash)."""
    if not password_hash:
        return False
    try:
        return hasher(cost).verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def hash_password_async(password: str, cost: str = "default") -> str:
    """Hash in a worker thread so a slow hash never blocks other requests."""
    return await anyio.to_thread.run_sync(hash_password, password, cost)


async def verify_password_async(password_hash: str, password: str, cost: str = "default") -> bool:
    """Verify in a worker thread."""
    return await anyio.to_thread.run_sync(verify_password, password_hash, password, cost)
