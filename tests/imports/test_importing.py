"""A coordinator imports a participants file: every problem first, then all or nothing; export round-trips."""

from __future__ import annotations

from mentorship.config import Settings
from mentorship.jobs import job_queue, job_status
from tests.helpers import post_form
from tests.imports.conftest import (
    HEADER,
    People,
    confirm,
    counts,
    program_id,
    run_job,
    send_invitations,
    upload,
)

GOOD = HEADER + (
    ",mia@example.org,Mia Mentor,mentor,traditional,,I run editathons,editathons,,en;es,Europe/Berlin,2,red\n"
    ",mia@example.org,Mia Mentor,mentee,traditional,Learn bots,,,bots,en;es,Europe/Berlin,,red\n"
    ",ben@example.org,Ben,mentee,,Write articles,,,article writing,en,America/Lima,,blue\n"
    ",ana@example.org,Ana,mentee,,,,,,en,,,\n"
)


def broken(text: str) -> str:
    """The good file with a bad email on line 3 and an unknown time zone on line 4."""
    lines = text.splitlines(keepends=True)
    lines[2] = lines[2].replace("mia@example.org", "mia-at-example.org")
    lines[3] = lines[3].replace("America/Lima", "Mars/Olympus")
    return "".join(lines)


async def test_one_bad_line_writes_nothing_and_names_its_line_and_column(
    people: People, quiet: Settings
) -> None:
    before = await counts(quiet)

    response = await upload(people["lead"], broken(GOOD))

    assert response.status_code == 400
    body = response.json()
    assert body["id"] is None and body["status"] == "invalid"
    found = {(e["line"], e["column"]) for e in body["errors"]}
    assert found == {(3, "email"), (4, "timezone")}
    assert "Mars/Olympus" in next(e["message"] for e in body["errors"] if e["column"] == "timezone")
    assert await counts(quiet) == before


async def test_the_fixed_file_previews_then_imports_and_invites_new_people_only(
    people: People, quiet: Settings
) -> None:
    assert (await upload(people["lead"], broken(GOOD))).status_code == 400

    preview = await upload(people["lead"], GOOD)

    assert preview.status_code == 201, preview.text
    body = preview.json()
    assert {p["email"] for p in body["new"]} == {"mia@example.org", "ben@example.org"}
    assert [p["email"] for p in body["changed"]] == ["ana@example.org"]
    assert body["changed"][0]["fields"] == ["program"]  # Ana's empty cells leave her profile alone
    assert body["not_imported"] == ["team"] and body["people"] == 3 and body["rows"] == 4
    assert await counts(quiet) == {"users": 4, "memberships": 0}  # nothing written before confirming

    confirmed = await confirm(people["lead"], body["id"])
    assert confirmed.status_code == 202 and confirmed.json()["status"] == "importing"
    queue = await job_queue(people["lead"].app)
    await run_job(quiet, body["id"], queue)
    done = (await people["lead"].get(f"/api/v1/programs/leadership/imports/{body['id']}")).json()

    assert done["status"] == "done" and done["result"]["invited"] == 2
    assert await counts(quiet) == {"users": 6, "memberships": 3}
    members = (await people["lead"].get("/api/v1/programs/leadership/members")).json()["items"]
    roles = {m["name"]: m["roles"] for m in members}
    assert roles == {"Mia Mentor": ["mentor", "mentee"], "Ben": ["mentee"], "Ana": ["mentee"]}
    invitations = await job_status(queue, f"import-invitations:{body['id']}:0")
    assert invitations is not None
    user_ids = invitations.kwargs["user_ids"]
    assert len(user_ids) == 2
    assert await send_invitations(quiet, str(await program_id(quiet)), user_ids) == 2
    outbox = (await people["admin"].get("/dev/outbox")).text
    assert "You are invited to “Leadership”" in outbox
    assert "mia@example.org" in outbox and "ben@example.org" in outbox and "ana@example.org" not in outbox


async def test_export_then_import_of_the_same_file_changes_nothing(people: People, quiet: Settings) -> None:
    first = (await upload(people["lead"], GOOD)).json()
    await confirm(people["lead"], first["id"])
    await run_job(quiet, first["id"])
    exported = await people["lead"].get("/programs/leadership/export.csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    before = await counts(quiet)

    again = (await upload(people["lead"], exported.content)).json()
    await confirm(people["lead"], again["id"])
    await run_job(quiet, again["id"])
    exported_again = await people["lead"].get("/api/v1/programs/leadership/export.csv")

    assert again["new"] == [] and again["changed"] == [] and again["unchanged"] == 3
    assert await counts(quiet) == before
    assert exported_again.text == exported.text
    assert "mentor:" in exported.text and "editathons" in exported.text


async def test_export_cells_that_look_like_formulas_are_neutralised_and_read_back(
    people: People, quiet: Settings
) -> None:
    text = HEADER + ",eve@example.org,=HYPERLINK(1),mentee,,-1 goals,,,,en,,,\n"
    first = (await upload(people["lead"], text)).json()
    await confirm(people["lead"], first["id"])
    await run_job(quiet, first["id"])

    exported = (await people["lead"].get("/programs/leadership/export.csv")).text
    again = (await upload(people["lead"], exported)).json()

    assert "'=HYPERLINK(1)" in exported and "'-1 goals" in exported
    assert again["unchanged"] == 1 and again["changed"] == []


async def test_confirming_twice_or_after_the_same_file_was_imported_is_refused(
    people: People, quiet: Settings
) -> None:
    first = (await upload(people["lead"], GOOD)).json()
    second = (await upload(people["admin"], GOOD)).json()

    assert (await confirm(people["lead"], first["id"])).status_code == 202
    again = await confirm(people["admin"], first["id"])
    stale = await confirm(people["admin"], second["id"])

    assert again.status_code == 409 and "already imported" in again.json()["detail"]
    assert stale.status_code == 409


async def test_a_coordinator_of_another_program_or_a_participant_is_refused(people: People) -> None:
    preview = (await upload(people["lead"], GOOD)).json()

    for who in ("cleo", "ana"):
        assert (await upload(people[who], GOOD)).status_code == 403
        assert (await confirm(people[who], preview["id"])).status_code == 403
        assert (await people[who].get("/programs/leadership/export.csv")).status_code == 403
        assert (await people[who].get("/programs/leadership/import")).status_code == 403
    assert (await people["admin"].get("/programs/leadership/import")).status_code == 200
    link = 'href="/programs/leadership/import"'
    assert link in (await people["lead"].get("/programs/leadership")).text
    assert link not in (await people["ana"].get("/programs/leadership")).text


async def test_the_pages_show_every_problem_then_the_preview_then_the_result(
    people: People, quiet: Settings
) -> None:
    client = people["lead"]
    page = await client.get("/programs/leadership/import")
    token = client.cookies["csrftoken"]

    bad = await client.post(
        "/programs/leadership/import",
        files={"file": ("people.csv", broken(GOOD).encode(), "text/csv")},
        data={"_csrf_token": token},
        headers={"x-csrftoken": token},
        follow_redirects=False,
    )
    good = await client.post(
        "/programs/leadership/import",
        files={"file": ("people.csv", GOOD.encode(), "text/csv")},
        headers={"x-csrftoken": token},
        follow_redirects=False,
    )
    preview = await client.get(good.headers["location"])
    confirmed = await post_form(client, good.headers["location"] + "/confirm", {})
    await run_job(quiet, good.headers["location"].rsplit("/", 1)[1])
    result = await client.get(confirmed.headers["location"])

    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    assert bad.status_code == 400 and "2 problems in the file" in bad.text
    assert "is not an email address" in bad.text and "Unknown time zone" in bad.text
    assert good.status_code == 303 and preview.status_code == 200
    assert 'data-figure="new">2<' in preview.text and 'data-figure="changed">1<' in preview.text
    assert "Columns not imported: team" in preview.text
    assert confirmed.status_code == 303
    assert "Imported" in result.text and "3 people are now members" in result.text
