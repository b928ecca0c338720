"""Whatever the file, the answer is a list of problems in words, never a server error."""

from __future__ import annotations

import pytest

from mentorship.imports.reading import MAX_BYTES, read
from tests.imports.conftest import HEADER, People, upload

ROW = ",ana@example.org,Ana,mentee,,,,,,en,,,\n"


def problems(data: bytes) -> list[tuple[int | None, str | None]]:
    return [(p.line, p.column) for p in read(data).problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [(1, None)]),
        (HEADER.encode(), [(2, None)]),
        (b"email,name\n", [(1, "role"), (1, "languages")]),
        (HEADER.encode() + b"\n\n" + ROW.replace("Ana", "An\xe9").encode("latin-1"), [(4, None)]),
        (b"PK\x03\x04\x00\x00binary", [(None, None)]),
        ((HEADER + ROW + ROW).encode(), [(3, "email")]),
        ((HEADER + ROW.replace("ana@", "ana at ")).encode(), [(2, "email")]),
        ((HEADER + ROW.replace(",en,", ",en;xx-nope,")).encode(), [(2, "languages")]),
        ((HEADER + ROW.replace(",en,,", ",en,+05:30,")).encode(), [(2, "timezone")]),
        ((HEADER + ROW.replace("mentee", "mentor").replace(",,,\n", ",,nan,\n")).encode(), [(2, "capacity")]),
        ((HEADER + ROW.replace(",,,\n", ",,11,\n")).encode(), [(2, "capacity")]),
        ((HEADER + ROW.replace("mentee", "boss")).encode(), [(2, "role")]),
        ((HEADER + '"unclosed,quote\n' + ROW).encode(), [(2, None)]),
        ((HEADER + ROW.rstrip("\n") + ",extra,cells\n").encode(), [(2, None)]),
        (b"Email,Email,name,role,languages\n", [(1, "email")]),
    ],
    ids=[
        "empty",
        "header-only",
        "missing-columns",
        "not-utf8",
        "not-csv",
        "duplicate-email",
        "bad-email",
        "unknown-language",
        "offset-not-zone",
        "nan-capacity",
        "capacity-too-large",
        "bad-role",
        "bad-quote",
        "too-many-cells",
        "column-twice",
    ],
)
def test_each_kind_of_bad_file_is_named_by_line_and_column(
    data: bytes, expected: list[tuple[int | None, str | None]]
) -> None:
    assert problems(data) == expected


def test_a_mentor_and_a_mentee_row_for_one_email_are_one_person_in_both_roles() -> None:
    text = HEADER + ROW.replace("mentee", "mentor").replace(",,,\n", ",,3,\n") + ROW
    found = read(text.encode())

    assert found.ok
    assert found.people["ana@example.org"]["roles"] == ["mentor", "mentee"]
    assert found.people["ana@example.org"]["capacity"] == 3


def test_two_rows_of_one_person_that_disagree_are_a_problem() -> None:
    text = HEADER + ROW.replace("mentee", "mentor") + ROW.replace("Ana,", "Anna,")

    assert problems(text.encode()) == [(3, "name")]


def test_a_file_over_the_limit_is_refused_in_words() -> None:
    found = read(b"x" * (MAX_BYTES + 1))

    assert "10 MB" in found.problems[0].message


async def test_bad_uploads_answer_400_with_problems_never_500(people: People) -> None:
    for data in (b"", b"\xff\xfe\x00garbage", HEADER.encode(), b"just some words"):
        response = await upload(people["admin"], data)
        assert response.status_code == 400, response.text
        assert response.json()["errors"]
    missing = await people["admin"].post(
        "/api/v1/programs/leadership/imports",
        headers={"x-csrftoken": people["admin"].cookies["csrftoken"]},
    )
    assert missing.status_code == 400


async def test_a_large_upload_reaches_the_check_and_one_over_the_limit_is_named_in_words(
    people: People,
) -> None:
    row = ROW.replace(",,,\n", ",,,") + "x" * 200 + "\n"
    over = (HEADER + row * (MAX_BYTES // len(row) + 10)).encode()

    response = await upload(people["admin"], over)

    assert response.status_code == 400
    assert "10 MB" in response.json()["errors"][0]["message"]
