"""JSON API for accounts: sign in and out, and who am I."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ClientException, NotAuthorizedException, TooManyRequestsException
from litestar.params import JSONBody

from mentorship.accounts.auth import PUBLIC, SIGNED_IN, current_user, has_profile, signed_in
from mentorship.accounts.deps import client_address, device_cookies, provide_accounts, sign_in
from mentorship.accounts.devices import DEVICE_COOKIE, known_device
from mentorship.accounts.schemas import UserView, normalise_email
from mentorship.accounts.services import AccountError, AccountService
from mentorship.models import User

Email = Annotated[str, msgspec.Meta(min_length=3, max_length=320, examples=["coordinator@example.org"])]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]


class Credentials(msgspec.Struct, forbid_unknown_fields=True):
    """Email and password."""

    email: Email
    password: Password


def user_view(user: User, profiled: bool | None = None) -> UserView:
    """The API's view of a user (``profiled`` when already known, else read from the loaded profile)."""
    return UserView(
        id=str(user.id),
        email=user.email,
        name=user.name,
        is_coordinator=user.is_coordinator,
        has_profile=user.profile is not None if profiled is None else profiled,
    )


class AuthApiController(Controller):
    """Session sign-in for API clients (the session cookie then authenticates every call)."""

    path = "/api/v1"
    tags = ["auth"]
    dependencies = {"accounts": Provide(provide_accounts)}

    @post("/auth/login", name="api:login", opt=PUBLIC, status_code=200)
    async def login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[Credentials],
        accounts: NamedDependency[AccountService],
    ) -> Response[UserView]:
        """Sign in; sets the session cookie."""
        email = normalise_email(data.email)
        device = known_device(accounts.settings, request.cookies.get(DEVICE_COOKIE), email)
        try:
            user = await accounts.authenticate(email, data.password, client_address(request), device)
        except AccountError as exc:
            if exc.status_code == 429:
                raise TooManyRequestsException(exc.message) from exc
            raise ClientException(exc.message, extra=[{"key": "password", "message": exc.message}]) from exc
        sign_in(request, user)
        view = user_view(await accounts.get(user.id) or user)
        return Response(view, cookies=device_cookies(accounts.settings, user, device))

    @post("/auth/logout", name="api:logout", opt=SIGNED_IN, status_code=204, guards=[signed_in])
    async def logout(self, request: Request[Any, Any, Any]) -> None:
        """End the session."""
        request.clear_session()

    @get("/me", name="api:me", opt=SIGNED_IN, guards=[signed_in])
    async def me(self, request: Request[Any, Any, Any]) -> UserView:
        """The signed-in user (as loaded for every request: no query of its own)."""
        user = current_user(request)
        if user is None:
            raise NotAuthorizedException()
        return user_view(user, has_profile(request))
