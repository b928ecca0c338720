"""Sign-up by emailed link, sign-in, sign-out, password change and reset pages."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, QueryParameter, URLEncodedBody
from litestar.response import Redirect, Template
from saq.queue.base import Queue
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.accounts.auth import (
    DEBUG,
    PUBLIC,
    SIGNED_IN,
    current_user,
    debug_only,
    signed_in,
)
from mentorship.accounts.deps import (
    client_address,
    device_cookies,
    provide_accounts,
    provide_signups,
    sign_in,
)
from mentorship.accounts.devices import DEVICE_COOKIE, known_device
from mentorship.accounts.schemas import email_error, normalise_email, password_error, signup_form
from mentorship.accounts.services import AccountError, AccountService
from mentorship.accounts.signups import SignupService, link_invalid
from mentorship.jobs import enqueue
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import OutboxMessage

Form = URLEncodedBody[dict[str, str]]


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after sign-in."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


class AccountController(Controller):
    """HTML pages for accounts."""

    include_in_schema = False
    dependencies = {"accounts": Provide(provide_accounts), "signups": Provide(provide_signups)}

    @get("/signup", name="signup", opt=PUBLIC)
    async def signup_page(self) -> Template:
        """The sign-up form."""
        return Template("accounts/signup.html", context={"form": {}, "errors": {}})

    @post("/signup", name="signup:submit", opt=PUBLIC)
    async def signup(
        self, data: Form, signups: NamedDependency[SignupService], job_queue: NamedDependency[Queue]
    ) -> Template:
        """Store the request and queue its email; the answer never says whether the address has an account."""
        form = signup_form(data)
        if not form.ok:
            return Template(
                "accounts/signup.html", context={"form": form.values, "errors": form.errors}, status_code=400
            )
        request_id = await signups.request(form.values["name"], form.values["email"], data["password"])
        await enqueue(job_queue, "send_signup_link", request_id=str(request_id))
        return Template("accounts/signup_sent.html", context={"email": form.values["email"]})

    @get("/signup/confirm/{token:str}", name="signup:confirm", opt=PUBLIC)
    async def signup_confirm_page(
        self, token: FromPath[str], signups: NamedDependency[SignupService]
    ) -> Template:
        """Ask for a click: mail scanners follow links, so opening one creates nothing."""
        signup = await signups.pending(token)
        context = {"token": token, "signup": signup, "error": None if signup else link_invalid().message}
        return Template("accounts/signup_confirm.html", context=context, status_code=200 if signup else 400)

    @post("/signup/confirm/{token:str}", name="signup:confirm:submit", opt=PUBLIC, status_code=303)
    async def signup_confirm(
        self, request: Request[Any, Any, Any], token: FromPath[str], signups: NamedDependency[SignupService]
    ) -> Response[Any]:
        """Create the account, sign in, and continue to the profile."""
        try:
            user = await signups.confirm(token)
        except AccountError as exc:
            context = {"token": token, "signup": None, "error": exc.message, "exists": exc.status_code == 409}
            return Template("accounts/signup_confirm.html", context=context, status_code=exc.status_code)
        sign_in(request, user)
        flash(request, _("Welcome! Tell us about yourself so we can suggest good matches."), "success")
        return Redirect("/profile/edit", status_code=303)

    @get("/login", name="login", opt=PUBLIC)
    async def login_page(
        self, next_url: Annotated[str | None, QueryParameter(name="next")] = None
    ) -> Template:
        """The sign-in form."""
        return Template(
            "accounts/login.html", context={"form": {}, "error": None, "next": safe_next(next_url)}
        )

    @post("/login", name="login:submit", opt=PUBLIC, status_code=303)
    async def login(
        self, request: Request[Any, Any, Any], data: Form, accounts: NamedDependency[AccountService]
    ) -> Response[Any]:
        """Check credentials and start a session."""
        email, target = normalise_email(data.get("email", "")), safe_next(data.get("next"))
        device = known_device(accounts.settings, request.cookies.get(DEVICE_COOKIE), email)
        try:
            user = await accounts.authenticate(
                email, data.get("password", ""), client_address(request), device
            )
        except AccountError as exc:
            return Template(
                "accounts/login.html",
                context={"form": {"email": email}, "error": exc.message, "next": target},
                status_code=exc.status_code,
            )
        sign_in(request, user)
        return Redirect(target, status_code=303, cookies=device_cookies(accounts.settings, user, device))

    @post("/logout", name="logout", opt=SIGNED_IN, status_code=303)
    async def logout(self, request: Request[Any, Any, Any]) -> Redirect:
        """End the session."""
        request.clear_session()
        return Redirect("/", status_code=303)

    @get("/account/password", name="password", opt=SIGNED_IN, guards=[signed_in])
    async def password_page(self) -> Template:
        """The change-password form."""
        return Template("accounts/password.html", context={"errors": {}})

    @post("/account/password", name="password:submit", opt=SIGNED_IN, guards=[signed_in], status_code=303)
    async def change_password(
        self, request: Request[Any, Any, Any], data: Form, accounts: NamedDependency[AccountService]
    ) -> Response[Any]:
        """Change the password after checking the current one; other sessions are signed out."""
        user = current_user(request)
        assert user is not None  # the route is guarded
        if data.get("password", "") != data.get("password_confirm", ""):
            errors = {"password_confirm": _("The two passwords do not match.")}
            return Template("accounts/password.html", context={"errors": errors}, status_code=400)
        try:
            current, new = data.get("current_password", ""), data.get("password", "")
            generation = await accounts.change_password(user, current, new)
        except AccountError as exc:
            errors = {exc.field or "password": exc.message}
            return Template("accounts/password.html", context={"errors": errors}, status_code=400)
        # This session continues under a new id and generation; every other one is now signed out.
        sign_in(request, user, generation)
        flash(request, _("Your password was changed."), "success")
        return Redirect("/", status_code=303)

    @get("/password-reset", name="reset", opt=PUBLIC)
    async def reset_request_page(self) -> Template:
        """Ask for a reset link."""
        return Template("accounts/reset_request.html", context={"sent": False, "errors": {}, "form": {}})

    @post("/password-reset", name="reset:submit", opt=PUBLIC)
    async def reset_request(self, data: Form, job_queue: NamedDependency[Queue]) -> Template:
        """Queue the email; the answer never depends on the account or on the mail server."""
        email = normalise_email(data.get("email", ""))
        if error := email_error(email):
            return Template(
                "accounts/reset_request.html",
                context={"sent": False, "errors": {"email": error}, "form": {"email": email}},
                status_code=400,
            )
        await enqueue(job_queue, "send_password_reset", email=email)
        return Template("accounts/reset_request.html", context={"sent": True, "errors": {}, "form": {}})

    @get("/password-reset/{token:str}", name="reset:token", opt=PUBLIC)
    async def reset_page(self, token: FromPath[str], accounts: NamedDependency[AccountService]) -> Template:
        """Choose a new password with a token from an email."""
        valid = await accounts.valid_reset_token(token) is not None
        return Template(
            "accounts/reset.html",
            context={"token": token, "valid": valid, "errors": {}},
            status_code=200 if valid else 400,
        )

    @post("/password-reset/{token:str}", name="reset:token:submit", opt=PUBLIC, status_code=303)
    async def reset(
        self,
        request: Request[Any, Any, Any],
        token: FromPath[str],
        data: Form,
        accounts: NamedDependency[AccountService],
    ) -> Response[Any]:
        """Set the new password and sign in."""
        password = data.get("password", "")
        error = password_error(password)
        if error is None and data.get("password_confirm", "") != password:
            error = _("The two passwords do not match.")
        if error is None:
            try:
                user = await accounts.reset_password(token, password)
            except AccountError as exc:
                return Template(
                    "accounts/reset.html",
                    context={"token": token, "valid": False, "errors": {}},
                    status_code=exc.status_code,
                )
            sign_in(request, user)
            flash(request, _("Your new password is set and you are signed in."), "success")
            return Redirect("/", status_code=303)
        return Template(
            "accounts/reset.html",
            context={"token": token, "valid": True, "errors": {"password": error}},
            status_code=400,
        )

    @get("/dev/outbox", name="outbox", opt=DEBUG, guards=[debug_only])
    async def outbox(self, db_session: NamedDependency[AsyncSession]) -> Template:
        """Emails written instead of sent (debug mode only)."""
        rows = await db_session.execute(
            select(OutboxMessage).order_by(OutboxMessage.created_at.desc()).limit(50)
        )
        return Template("accounts/outbox.html", context={"messages": list(rows.scalars())})
