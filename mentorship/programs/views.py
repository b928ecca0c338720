"""Pages more than one program controller renders."""

from __future__ import annotations

from typing import Any

from litestar.response import Template

from mentorship.programs.members import ProgramPage

Form = dict[str, Any]


def program_page(page: ProgramPage, errors: Form | None = None, values: Form | None = None) -> Template:
    """A program's page; with the invitation or coordinator form's mistakes when they are given."""
    context = {**vars(page), "errors": errors or {}, "values": values or {}}
    return Template("programs/detail.html", context=context, status_code=400 if errors else 200)
