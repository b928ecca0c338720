"""Known devices: a signed cookie a browser gets at sign-in, so strangers' guesses never lock it out."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from litestar.datastructures import Cookie

from mentorship.config import Settings

DEVICE_COOKIE = "device"
DEVICE_MAX_AGE = 365 * 24 * 3600


def _mac(settings: Settings, email: str, device_id: str) -> str:
    message = f"device|{email}|{device_id}".encode()
    return hmac.new(settings.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def known_device(settings: Settings, cookie: str | None, email: str) -> str | None:
    """The device id when the cookie proves this browser signed in to this account before, else None."""
    device_id, _, mac = (cookie or "").partition(".")
    if len(device_id) != 32 or not hmac.compare_digest(mac, _mac(settings, email, device_id)):
        return None
    return device_id


def device_cookie(settings: Settings, email: str) -> Cookie:
    """A fresh device cookie for a browser that just signed in to this account."""
    device_id = secrets.token_hex(16)
    return Cookie(
        key=DEVICE_COOKIE,
        value=f"{device_id}.{_mac(settings, email, device_id)}",
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
    )
