"""An upload as the pages and the API show it, from its stored preview or from the reading of a bad file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from litestar.response import Stream

from mentorship.imports.schemas import ImportOut, ProblemOut, people_out
from mentorship.imports.services import Preview
from mentorship.models import ImportStatus, ParticipantImport, Program


def preview_out(preview: Preview) -> ImportOut:
    """The answer to an upload: its preview, or every problem in the file."""
    if preview.upload is not None:
        return import_out(preview.program, preview.upload, None)
    reading = preview.reading
    return ImportOut(
        id=None,
        program=preview.program.slug,
        status="invalid",
        file_name="",
        rows=reading.rows,
        people=len(reading.people),
        new=[],
        changed=[],
        unchanged=0,
        not_imported=reading.not_imported,
        errors=[ProblemOut(p.line, p.column, p.message) for p in reading.problems],
        more_errors=reading.more_problems,
        expires_at=None,
        progress=0.0,
        result=None,
    )


def import_out(program: Program, upload: ParticipantImport, job: Any) -> ImportOut:
    """A stored upload; `job` (the queue's job, if any) gives the progress of a running import."""
    report = upload.report
    progress = {ImportStatus.DONE: 1.0, ImportStatus.IMPORTING: float(getattr(job, "progress", 0) or 0)}
    result = dict(upload.result) if upload.result else None
    if result is not None:
        result["invited"] = len(result.get("invited", []))
    return ImportOut(
        id=upload.id,
        program=program.slug,
        status=upload.status.value,
        file_name=upload.file_name,
        rows=int(report.get("rows", 0)),
        people=int(report.get("people", 0)),
        new=people_out(report.get("new", [])),
        changed=people_out(report.get("changed", [])),
        unchanged=int(report.get("unchanged", 0)),
        not_imported=list(report.get("not_imported", [])),
        errors=[],
        more_errors=0,
        expires_at=upload.expires_at if upload.status is ImportStatus.PREVIEW else None,
        progress=progress.get(upload.status, 0.0),
        result=result,
    )


def csv_response(slug: str, chunks: AsyncIterator[str]) -> Stream:
    """A CSV download named after the program, streamed as it is written."""
    return Stream(
        chunks,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{slug}-participants.csv"'},
    )
