"""Reading a participants file: every problem at once, with its line and column, before anything is written.

The format is the CSV contract of `mentorship match` plus `email`, which identifies a person in the app.
One row is one person in one role, as in the engine's table: someone who mentors and is mentored has
two rows with the same email, one `mentor` and one `mentee`, which must agree on everything but the role
and `capacity` (read from the mentor row). An empty cell or a missing optional column leaves that field
as it is for people already in the app.

A program's enrolment questions are more columns, each headed by the question exactly as the program
asks it (case and spaces around it aside): a choice as written among the question's choices, several
choices separated by ";", a whole number from 1 to 5 on a scale. When such a column is in the file,
a required question needs an answer from everyone in it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mentorship.lib.i18n import _
from mentorship.profiles.options import MAX_CAPACITY, is_timezone, resolve_language

MAX_BYTES = 10 * 1024 * 1024  # about 20,000 people with a paragraph of goals each
MAX_ROWS = 40_000  # 20,000 people in both roles
MAX_ERRORS = 1000  # a file wrong on every line is named by its first thousand problems
MAX_TEXT = 4000  # as the profile form
MAX_TAGS = 12
REQUIRED = ("email", "name", "role", "languages")
OPTIONAL = ("id", "kinds", "goals", "experience", "offers", "seeks", "timezone", "capacity")
KINDS = ("traditional", "group", "peer")
SHARED = ("name", "kinds", "goals", "experience", "offers", "seeks", "languages", "timezone")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what the export's apostrophe protects
EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: where (line as counted in the file, column) and what."""

    line: int | None
    column: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        """The problem as stored and sent by the API."""
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class AnswerColumn:
    """A program's question as a column of the file: its header is the question as asked."""

    id: str
    prompt: str
    kind: str  # single_choice, multiple_choice, short_text or scale
    choices: tuple[str, ...] = ()
    required: bool = False

    @property
    def header(self) -> str:
        """The column's name as the first line is compared (lower case, trimmed)."""
        return self.prompt.strip().lower()


@dataclass
class Reading:
    """What a file holds: people by email, the problems, the columns not imported."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    rows: int = 0
    more_problems: int = 0

    def problem(self, line: int | None, column: str | None, message: str) -> None:
        """Note a problem; past the limit only count it."""
        if len(self.problems) < MAX_ERRORS:
            self.problems.append(Problem(line, column, message))
        else:
            self.more_problems += 1

    @property
    def ok(self) -> bool:
        """Whether the whole file can be imported."""
        return not self.problems and not self.more_problems


def shown(value: str, limit: int = 40) -> str:
    """A cell's text quoted for a message, shortened so one bad cell cannot flood the page."""
    return "“" + (value if len(value) <= limit else value[: limit - 1] + "…") + "”"


def split(value: str) -> list[str]:
    """The items of a `;`-separated cell, trimmed, empty ones dropped, each once."""
    return list(dict.fromkeys(item.strip() for item in value.split(";") if item.strip()))


def read(data: bytes, questions: Sequence[AnswerColumn] = ()) -> Reading:
    """Check a whole uploaded file and return the people in it, or every problem found."""
    found = Reading()
    if len(data) > MAX_BYTES:
        found.problem(None, None, _("The file is larger than 10 MB. Split it into smaller files."))
        return found
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        found.problem(
            line, None, _("This is not UTF-8 text. Save the file as “CSV UTF-8” and upload it again.")
        )
        return found
    if "\x00" in text:
        found.problem(None, None, _("This is not a CSV file. Save it as “CSV UTF-8” and upload it again."))
        return found
    records = _records(text, found)
    if records is None:
        return found
    if not records:
        found.problem(
            1,
            None,
            _("The file is empty. The first line names the columns: {columns}.").format(
                columns=", ".join(REQUIRED)
            ),
        )
        return found
    (header_line, header), *rows = records
    names = _header(header, header_line, found, questions)
    if names is None:
        return found
    if not rows:
        found.problem(
            header_line + 1,
            None,
            _("The file names its columns but holds nobody: add one line per person and role."),
        )
        return found
    if len(rows) > MAX_ROWS:
        found.problem(
            None,
            None,
            _("The file has more than {limit} rows. Split it into smaller files.").format(limit=MAX_ROWS),
        )
        return found
    found.rows = len(rows)
    ids: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) > len(names):
            found.problem(
                line,
                None,
                _("This line has {cells} cells where the first line names {columns} columns.").format(
                    cells=len(cells), columns=len(names)
                ),
            )
            continue
        row = dict(zip(names, [_cell(c) for c in cells] + [""] * (len(names) - len(cells)), strict=True))
        _person(row, line, found, ids, [q for q in questions if q.header in names])
    _required(found, [q for q in questions if q.required and q.header in names])
    return found


def _cell(text: str) -> str:
    """A cell as typed: trimmed, without the apostrophe an export puts before formula-like text."""
    text = text.strip()
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text


def _records(text: str, found: Reading) -> list[tuple[int, list[str]]] | None:
    """Each non-blank record with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((line, record))
            line = reader.line_num + 1
    except csv.Error:
        found.problem(
            line,
            None,
            _(
                "This line is not valid CSV (a quote may be missing). "
                "Save the file as “CSV UTF-8” from a spreadsheet."
            ),
        )
        return None
    return records


def _header(
    header: list[str], line: int, found: Reading, questions: Sequence[AnswerColumn] = ()
) -> list[str] | None:
    names = [name.strip().lower() for name in header]
    for position, name in enumerate(names):
        if name and name in names[:position]:
            found.problem(line, name, _("This column appears twice in the first line."))
    for name in REQUIRED:
        if name not in names:
            found.problem(
                line, name, _("The column “{column}” is missing from the first line.").format(column=name)
            )
    known = set(REQUIRED) | set(OPTIONAL) | {q.header for q in questions}
    found.not_imported = [n for n in dict.fromkeys(names) if n and n not in known]
    return None if found.problems else names


def _person(
    row: dict[str, str],
    line: int,
    found: Reading,
    ids: dict[str, int],
    questions: Sequence[AnswerColumn] = (),
) -> None:
    """Check one row and merge it into its person; problems are noted, not raised."""
    before = len(found.problems) + found.more_problems
    email = row["email"].lower()
    if not email:
        found.problem(line, "email", _("The email is empty: every person needs one."))
    elif len(email) > 320 or not EMAIL.match(email):
        found.problem(line, "email", _("{value} is not an email address.").format(value=shown(row["email"])))
    if not row["name"]:
        found.problem(line, "name", _("The name is empty."))
    elif len(row["name"]) > 200:
        found.problem(line, "name", _("The name is longer than 200 characters."))
    role = row["role"].lower()
    if role not in ("mentor", "mentee"):
        found.problem(
            line,
            "role",
            _("The role must be “mentor” or “mentee”, not {value}.").format(value=shown(row["role"])),
        )
    if row.get("id"):
        if row["id"] in ids:
            found.problem(
                line,
                "id",
                _("The id {value} is already on line {other}.").format(
                    value=shown(row["id"]), other=ids[row["id"]]
                ),
            )
        ids.setdefault(row["id"], line)
    values = {
        "name": row["name"] or None,
        "kinds": _kinds(row.get("kinds", ""), line, found),
        "goals": _text(row, "goals", line, found),
        "experience": _text(row, "experience", line, found),
        "offers": _tags(row, "offers", line, found),
        "seeks": _tags(row, "seeks", line, found),
        "languages": _languages(row["languages"], line, found),
        "timezone": _timezone(row.get("timezone", ""), line, found),
    }
    capacity = _capacity(row.get("capacity", ""), line, found)
    answers = {
        q.id: value for q in questions if (value := _answer(q, row[q.header], line, found)) is not None
    }
    if len(found.problems) + found.more_problems > before or not email:
        return
    _merge(email, role, values, capacity, line, found)
    _merge_answers(found.people.get(email), answers, line, found, questions)


def _answer(question: AnswerColumn, cell: str, line: int, found: Reading) -> Any:
    """One answer as stored (``None``: left empty), or a problem naming the question's column."""
    if not cell:
        return None
    if question.kind == "scale":
        if not cell.isdigit() or not 1 <= int(cell) <= 5:
            found.problem(
                line,
                question.prompt,
                _("Answer with a whole number from 1 to 5, not {value}.").format(value=shown(cell)),
            )
            return None
        return int(cell)
    if question.kind == "short_text":
        if len(cell) > 500:
            found.problem(line, question.prompt, _("This answer is longer than 500 characters."))
        return cell
    picked = split(cell) if question.kind == "multiple_choice" else [cell]
    for choice in picked:
        if choice not in question.choices:
            found.problem(
                line,
                question.prompt,
                _("{value} is not one of the choices: {choices}.").format(
                    value=shown(choice), choices="; ".join(question.choices)
                ),
            )
            return None
    if question.kind == "multiple_choice":
        return [c for c in question.choices if c in picked]
    return cell


def _merge_answers(
    person: dict[str, Any] | None,
    answers: dict[str, Any],
    line: int,
    found: Reading,
    questions: Sequence[AnswerColumn],
) -> None:
    """A person's answers from each of their lines: both lines must agree where both answer."""
    if person is None:
        return
    kept: dict[str, Any] = person.setdefault("answers", {})
    prompts = {q.id: q.prompt for q in questions}
    for key, value in answers.items():
        if key in kept and kept[key] != value:
            found.problem(
                line,
                prompts[key],
                _("This differs from line {other} for the same email.").format(other=person["lines"][0]),
            )
            continue
        kept[key] = value


def _required(found: Reading, questions: Sequence[AnswerColumn]) -> None:
    """Everyone in the file answers the required questions whose columns it has."""
    for person in found.people.values():
        for question in questions:
            if question.id not in person.get("answers", {}):
                found.problem(person["lines"][0], question.prompt, _("This question needs an answer."))


def _merge(
    email: str, role: str, values: dict[str, Any], capacity: int | None, line: int, found: Reading
) -> None:
    person = found.people.get(email)
    if person is None:
        found.people[email] = {
            "email": email,
            "roles": [role],
            "lines": [line],
            "capacity": capacity if role == "mentor" else None,
            **values,
        }
        return
    if role in person["roles"]:
        found.problem(
            line,
            "email",
            _("{email} already has a {role} line (line {other}). One line per person and role.").format(
                email=email, role=role, other=person["lines"][0]
            ),
        )
        return
    for column in SHARED:
        mine, theirs = values[column], person[column]
        if mine is not None and theirs is not None and mine != theirs:
            found.problem(
                line,
                column,
                _(
                    "This differs from line {other} for the same email. "
                    "A person's two lines must agree on everything but the role and capacity."
                ).format(other=person["lines"][0]),
            )
            return
    for column in SHARED:
        if person[column] is None:
            person[column] = values[column]
    person["roles"].append(role)
    person["lines"].append(line)
    if role == "mentor":
        person["capacity"] = capacity


def _kinds(value: str, line: int, found: Reading) -> list[str] | None:
    kinds = [kind.lower() for kind in split(value)]
    for kind in kinds:
        if kind not in KINDS:
            found.problem(
                line,
                "kinds",
                _("Unknown kind {value}: use traditional, group or peer, separated by “;”.").format(
                    value=shown(kind)
                ),
            )
            return None
    return kinds or None


def _text(row: dict[str, str], column: str, line: int, found: Reading) -> str | None:
    value = row.get(column, "")
    if len(value) > MAX_TEXT:
        found.problem(line, column, _("This text is longer than {limit} characters.").format(limit=MAX_TEXT))
    return value or None


def _tags(row: dict[str, str], column: str, line: int, found: Reading) -> list[str] | None:
    tags = split(row.get(column, ""))
    if len(tags) > MAX_TAGS:
        found.problem(line, column, _("At most {limit} topics, separated by “;”.").format(limit=MAX_TAGS))
    elif any(len(tag) > 80 for tag in tags):
        found.problem(line, column, _("A topic is longer than 80 characters."))
    return tags or None


def _languages(value: str, line: int, found: Reading) -> list[str] | None:
    codes: list[str] = []
    if not split(value):
        found.problem(
            line,
            "languages",
            _("At least one language is needed, as a code like “en”; separate several with “;”."),
        )
    for item in split(value):
        code = resolve_language(item)
        if code is None:
            found.problem(
                line,
                "languages",
                _("Unknown language code {value}: use ISO codes like “en” or “es”.").format(
                    value=shown(item)
                ),
            )
            return None
        codes.append(code)
    return list(dict.fromkeys(codes)) or None


def _timezone(value: str, line: int, found: Reading) -> str | None:
    if value and not is_timezone(value):
        found.problem(
            line,
            "timezone",
            _("Unknown time zone {value}: use a name like “Europe/Berlin” or “America/Lima”.").format(
                value=shown(value)
            ),
        )
        return None
    return value or None


def _capacity(value: str, line: int, found: Reading) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) > MAX_CAPACITY:
        found.problem(
            line,
            "capacity",
            _("The capacity must be a whole number of mentees from 0 to {limit}, not {value}.").format(
                limit=MAX_CAPACITY, value=shown(value)
            ),
        )
        return None
    return int(value)
