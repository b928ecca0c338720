"""JSON API for participant files: upload for a preview, confirm it, follow it; export a program's people."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.response import Stream

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.imports.deps import BODY_LIMIT, import_job, preview_upload, provide_imports, start_import
from mentorship.imports.schemas import ImportOut
from mentorship.imports.services import ImportService
from mentorship.imports.views import csv_response, import_out, preview_out
from mentorship.lib.db import app_db_config
from mentorship.models import User


class ImportApiController(Controller):
    """Participant files of a program, for its coordinators and administrators."""

    path = "/api/v1/programs/{slug:str}"
    tags = ["imports"]
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"imports": Provide(provide_imports)}

    @post("/imports", name="api:imports:upload", request_max_body_size=BODY_LIMIT)
    async def upload(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        imports: NamedDependency[ImportService],
        me: NamedDependency[User],
    ) -> Response[ImportOut]:
        """Upload a CSV (multipart field `file`): 201 and the preview, or 400 and every problem."""
        preview = await preview_upload(request, imports, slug, me)
        return Response(preview_out(preview), status_code=201 if preview.upload else 400)

    @get("/imports/{import_id:uuid}", name="api:imports:detail")
    async def detail(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        import_id: FromPath[UUID],
        imports: NamedDependency[ImportService],
        me: NamedDependency[User],
    ) -> ImportOut:
        """An upload: its preview, or the progress and result of its import."""
        program, upload = await imports.upload(slug, import_id, me)
        return import_out(program, upload, await import_job(request, upload.id))

    @post("/imports/{import_id:uuid}/confirm", name="api:imports:confirm", status_code=202)
    async def confirm(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        import_id: FromPath[UUID],
        imports: NamedDependency[ImportService],
        me: NamedDependency[User],
    ) -> ImportOut:
        """Import a previewed file in the background, all or nothing; 409 once confirmed or expired."""
        claimed = await start_import(request, imports, slug, import_id, me)
        program, upload = await imports.upload(slug, claimed.id, me)
        return import_out(program, upload, None)

    @get("/export.csv", name="api:imports:export")
    async def export(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        imports: NamedDependency[ImportService],
        me: NamedDependency[User],
    ) -> Stream:
        """The program's active members as CSV, in the format the import reads (streamed)."""
        program, chunks = await imports.export(slug, me, app_db_config(request.app).get_session)
        return csv_response(program.slug, chunks)
