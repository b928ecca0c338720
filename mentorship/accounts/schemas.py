"""Forms and view models for accounts; validation that names the failing field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import msgspec

from mentorship.lib.i18n import _

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


def normalise_email(value: str) -> str:
    """Trim and lowercase an email address so one person has one account."""
    return value.strip().lower()


def email_error(value: str) -> str | None:
    """Why an email address is not acceptable, or None."""
    if not value:
        return _("Enter your email address.")
    if len(value) > 320 or not EMAIL_PATTERN.match(value) or not value.isprintable():
        return _("Enter a valid email address, like name@example.org.")
    return None


def password_error(value: str) -> str | None:
    """Why a new password is not acceptable, or None."""
    if "\x00" in value:
        return _("The password contains a character that is not allowed.")
    if len(value) < MIN_PASSWORD_LENGTH:
        return _("Use at least 10 characters.")
    if len(value) > MAX_PASSWORD_LENGTH:
        return _("Use at most 256 characters.")
    return None


@dataclass
class FormResult:
    """Submitted values and per-field errors, to re-render a form inline."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether no field has an error."""
        return not self.errors


def signup_form(data: dict[str, str]) -> FormResult:
    """Validate the sign-up form."""
    result = FormResult(
        values={"name": data.get("name", "").strip(), "email": normalise_email(data.get("email", ""))}
    )
    if not result.values["name"]:
        result.errors["name"] = _("Enter the name you would like others to see.")
    elif len(result.values["name"]) > 200:
        result.errors["name"] = _("Use at most 200 characters.")
    if error := email_error(result.values["email"]):
        result.errors["email"] = error
    password = data.get("password", "")
    if error := password_error(password):
        result.errors["password"] = error
    elif data.get("password_confirm", password) != password:
        result.errors["password_confirm"] = _("The two passwords do not match.")
    return result


class UserView(msgspec.Struct):
    """The signed-in user as the API shows them."""

    id: str
    email: str
    name: str
    is_coordinator: bool
    has_profile: bool
