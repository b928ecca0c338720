"""A participants file carries a program's answers in columns named by its questions; export round-trips."""

from __future__ import annotations

from mentorship.config import Settings
from tests.helpers import send_json
from tests.imports.conftest import People, confirm, counts, run_job, upload

HEADER = (
    "id,email,name,role,kinds,goals,experience,offers,seeks,languages,timezone,capacity,"
    "Which team are you in?,What do you edit?,How confident are you with templates?\n"
)
GOOD = HEADER + (
    ",mia@example.org,Mia Mentor,mentor,traditional,,I run editathons,editathons,,en,Europe/Berlin,2,Tech,"
    "Data;Articles,5\n"
    ",mia@example.org,Mia Mentor,mentee,traditional,Learn bots,,,bots,en,Europe/Berlin,,Tech,"
    "Articles;Data,5\n"
    ",ben@example.org,Ben,mentee,,Write articles,,,article writing,en,America/Lima,,Outreach,Images,\n"
)


async def _questions(people: People) -> dict[str, str]:
    """Three questions of Leadership: a required team, several choices, a scale."""
    ids: dict[str, str] = {}
    for body in (
        {
            "prompt": "Which team are you in?",
            "kind": "single_choice",
            "choices": ["Outreach", "Tech"],
            "required": True,
        },
        {"prompt": "What do you edit?", "kind": "multiple_choice", "choices": ["Articles", "Images", "Data"]},
        {"prompt": "How confident are you with templates?", "kind": "scale"},
    ):
        response = await send_json(people["admin"], "POST", "/api/v1/programs/leadership/questions", body)
        assert response.status_code == 201, response.text
        ids[str(body["prompt"])] = str(response.json()["id"])
    return ids


async def test_bad_answers_are_named_by_line_and_column_and_nothing_is_written(
    people: People, quiet: Settings
) -> None:
    await _questions(people)
    before = await counts(quiet)
    lines = GOOD.splitlines(keepends=True)
    lines[1] = lines[1].replace(",Tech,", ",Design,")  # not a choice
    lines[2] = lines[2].replace(",5\n", ",9\n")  # off the scale
    lines[3] = lines[3].replace(",Outreach,", ",,")  # the required team left empty

    response = await upload(people["lead"], "".join(lines))

    assert response.status_code == 400
    found = {(e["line"], e["column"]) for e in response.json()["errors"]}
    assert found == {
        (2, "Which team are you in?"),
        (3, "How confident are you with templates?"),
        (4, "Which team are you in?"),
    }
    assert await counts(quiet) == before


async def test_answers_are_imported_and_export_then_import_changes_nothing(
    people: People, quiet: Settings
) -> None:
    ids = await _questions(people)
    first = (await upload(people["lead"], GOOD)).json()
    await confirm(people["lead"], first["id"])
    await run_job(quiet, first["id"])
    exported = await people["lead"].get("/programs/leadership/export.csv")

    again = (await upload(people["lead"], exported.content)).json()
    await confirm(people["lead"], again["id"])
    await run_job(quiet, again["id"])
    exported_again = await people["lead"].get("/programs/leadership/export.csv")
    members = (await people["admin"].get("/programs/leadership")).text

    assert exported.text.splitlines()[0].endswith(
        "Which team are you in?,What do you edit?,How confident are you with templates?"
    )
    assert ",Tech,Articles;Data,5" in exported.text  # the form's order of choices
    assert again["new"] == [] and again["changed"] == [] and again["unchanged"] == 2
    assert exported_again.text == exported.text
    assert "<td>Articles, Data</td>" in members and "<td>Images</td>" in members
    assert ids


async def test_the_upload_page_names_the_question_columns(people: People) -> None:
    await _questions(people)

    page = await people["lead"].get("/programs/leadership/import")

    assert page.status_code == 200
    assert "holds the answers" in page.text
    assert "<code>Which team are you in?</code>, <code>What do you edit?</code>" in page.text
