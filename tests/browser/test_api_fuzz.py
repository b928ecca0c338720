"""schemathesis over the whole /api/v1 against a live server: no 5xx, responses match the schema."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)

from tests.browser.conftest import DEMO_PASSWORD, LiveServer


@dataclass(frozen=True)
class ApiSession:
    """A signed-in coordinator's cookies and CSRF header."""

    cookies: dict[str, str]
    headers: dict[str, str]


@pytest.fixture
def api_schema(live_server: LiveServer) -> schemathesis.schemas.BaseSchema:
    """The JSON API part of the schema; sign-out is left out as it would end the session under test."""
    schema = schemathesis.openapi.from_url(f"{live_server.url}/schema/openapi.json")
    return schema.include(path_regex="^/api/v1/").exclude(path_regex="/auth/logout$")


@pytest.fixture
def api_session(live_server: LiveServer) -> Iterator[ApiSession]:
    """Sign in as the demo coordinator, the role that may call every operation."""
    with httpx.Client(base_url=live_server.url) as client:
        client.get("/login")
        token = client.cookies["csrftoken"]
        response = client.post(
            "/api/v1/auth/login",
            headers={"x-csrftoken": token},
            json={"email": "coordinator@example.org", "password": DEMO_PASSWORD},
        )
        assert response.status_code == 200, response.text
        yield ApiSession(cookies=dict(client.cookies), headers={"x-csrftoken": token})


def test_api_never_fails_and_matches_its_schema(
    api_schema: schemathesis.schemas.BaseSchema, api_session: ApiSession
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 5

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=60,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(
                headers={**(case.headers or {}), **api_session.headers},
                cookies=api_session.cookies,
                checks=[
                    not_a_server_error,
                    response_schema_conformance,
                    content_type_conformance,
                    response_headers_conformance,
                ],
            )

        call()
