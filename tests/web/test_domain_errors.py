"""Domain refusals map to HTTP once, in the app factory; a bug stays a 500 (issue 15, item 4)."""

from __future__ import annotations

import dataclasses
import socket
from pathlib import Path
from uuid import uuid4

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.lib.errors import Conflict, Forbidden, Invalid, NotFound, as_http
from mentorship.relationships.services import RelationshipService
from tests.factories import PASSWORD, create_user
from tests.helpers import login

Client = AsyncTestClient[Litestar]
HTML = {"accept": "text/html"}


def test_each_kind_of_refusal_has_its_status() -> None:
    invalid = as_http(Invalid({"days": "Choose between 7 and 90 days."}))

    assert as_http(NotFound("an id for the log")).status_code == 404
    assert as_http(NotFound("an id for the log")).detail == "Not Found"  # ids never reach the person
    assert as_http(Forbidden("Only members can.")).status_code == 403
    assert as_http(Conflict("It changed.")).status_code == 409
    assert (invalid.status_code, invalid.extra) == (
        400,
        [{"key": "days", "message": "Choose between 7 and 90 days."}],
    )


def test_domain_refusals_are_still_the_built_in_kinds() -> None:
    assert issubclass(NotFound, LookupError)
    assert issubclass(Forbidden, PermissionError)
    assert issubclass(Invalid, ValueError)


async def _signed_in(client: Client, settings: Settings) -> None:
    await create_user(settings, "ana@example.org")
    await login(client, "ana@example.org", PASSWORD)


async def test_a_service_not_found_is_a_404_page_for_browsers(client: Client, settings: Settings) -> None:
    await _signed_in(client, settings)

    page = await client.get(f"/relationships/{uuid4()}", headers=HTML)

    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "We could not find that page" in page.text


async def test_a_service_not_found_is_a_json_404_for_the_api(client: Client, settings: Settings) -> None:
    await _signed_in(client, settings)

    response = await client.get(f"/api/v1/relationships/{uuid4()}")

    assert response.status_code == 404
    assert response.json() == {"status_code": 404, "detail": "Not Found"}


@pytest.mark.parametrize("path", ["/relationships/{id}", "/api/v1/relationships/{id}"])
async def test_a_bare_value_error_is_still_a_500(
    client: Client, settings: Settings, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    async def broken(*_args: object) -> None:
        raise ValueError("a bug, not a refusal")

    monkeypatch.setattr(RelationshipService, "page", broken)
    await _signed_in(client, settings)

    response = await client.get(path.format(id=uuid4()), headers=HTML)

    assert response.status_code == 500


@pytest.mark.parametrize("path", ["/relationships/{id}", "/api/v1/relationships/{id}"])
async def test_no_free_database_connection_is_a_503_with_a_time_to_retry(
    client: Client, settings: Settings, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    async def starved(*_args: object) -> None:
        raise PoolTimeout("QueuePool limit of size 5 overflow 10 reached, connection timed out")

    monkeypatch.setattr(RelationshipService, "page", starved)
    await _signed_in(client, settings)

    response = await client.get(path.format(id=uuid4()), headers=HTML)

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "try again in a few seconds" in response.text
    assert "QueuePool" not in response.text  # nothing about the server's insides


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
async def test_a_database_that_refuses_connections_is_a_503_not_a_500(
    settings: Settings, tmp_path: Path, accept: str
) -> None:
    with socket.socket() as sock:  # a port nobody listens on: the database is down
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = dataclasses.replace(
        settings,
        database_url=f"postgresql+psycopg://postgres@127.0.0.1:{port}/mentorship",
        in_process_worker=False,
        data_dir=tmp_path,
    )
    async with AsyncTestClient(app=create_app(down), base_url="http://testserver.local") as client:
        response = await client.get("/", headers={"accept": accept})

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "try again in a few seconds" in response.text
    assert "127.0.0.1" not in response.text and "psycopg" not in response.text


def test_only_an_unavailable_database_is_busy_a_wrong_statement_stays_a_fault() -> None:
    from sqlalchemy.exc import OperationalError

    from mentorship.lib.errors import database_unavailable

    class Said(Exception):
        pass

    locked = OperationalError("UPDATE session SET data = ?", {}, Said("database is locked"))
    full = OperationalError("SELECT 1", {}, Said("FATAL: sorry, too many clients already"))
    refused = OperationalError(None, None, Said("connection failed"))
    wrong = OperationalError("SELECT nope FROM profile", {}, Said("no such column: nope"))

    assert database_unavailable(locked) and database_unavailable(full) and database_unavailable(refused)
    assert not database_unavailable(wrong)
