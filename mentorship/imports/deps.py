"""Dependency providers and the request helpers the import pages and API share."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Request
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.imports.reading import MAX_BYTES
from mentorship.imports.services import ImportService, Preview
from mentorship.jobs import Job, enqueue, job_status
from mentorship.models import ParticipantImport, User

# A file a little over the limit still arrives, so the person reads the limit in words.
BODY_LIMIT = MAX_BYTES + 1024 * 1024


async def provide_imports(db_session: NamedDependency[AsyncSession]) -> ImportService:
    """The import service on the request's database session."""
    return ImportService(db_session)


async def preview_upload(
    request: Request[Any, Any, Any], imports: ImportService, slug: str, me: User
) -> Preview:
    """Check who asks before reading the body, then check the uploaded file."""
    await imports.program(slug, me)
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return await imports.preview(slug, me, "", b"")
    data = await upload.read(MAX_BYTES + 1)
    await upload.close()
    return await imports.preview(slug, me, upload.filename or "", data)


def job_key(import_id: UUID) -> str:
    """The key of an upload's import job."""
    return f"import:{import_id}"


async def start_import(
    request: Request[Any, Any, Any], imports: ImportService, slug: str, import_id: UUID, me: User
) -> ParticipantImport:
    """Claim the preview (409 for a second claim), then queue the job that writes it."""
    claimed = await imports.confirm(slug, import_id, me)
    await enqueue(request.app, "run_import", key=job_key(claimed.id), import_id=str(claimed.id))
    return claimed


async def import_job(request: Request[Any, Any, Any], import_id: UUID) -> Job | None:
    """The upload's import job, for its progress (None before it is queued or after its ttl)."""
    return await job_status(request.app, job_key(import_id))
