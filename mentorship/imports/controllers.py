"""Import pages: upload a participants file into a program, read its preview, confirm, follow the import."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Stream, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.imports.deps import BODY_LIMIT, import_job, preview_upload, provide_imports, start_import
from mentorship.imports.reading import MAX_ROWS, REQUIRED
from mentorship.imports.schemas import field_label
from mentorship.imports.services import ImportService
from mentorship.imports.views import csv_response, import_out, preview_out
from mentorship.lib.db import app_db_config
from mentorship.models import User

CONTEXT = {"required": REQUIRED, "max_rows": MAX_ROWS, "field_label": field_label}


class ImportController(Controller):
    """A program's participant files, for its coordinators and administrators."""

    path = "/programs/{slug:str}"
    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"imports": Provide(provide_imports)}

    @get("/import", name="imports:new")
    async def new(
        self, slug: FromPath[str], imports: NamedDependency[ImportService], me: NamedDependency[User]
    ) -> Template:
        """The upload form, with the format and the program's last imports."""
        program = await imports.program(slug, me)
        context = {
            **CONTEXT,
            "program": program,
            "latest": await imports.latest(program),
            "questions": await imports.question_columns(program),
        }
        return Template("imports/upload.html", context=context)

    @post("/import", name="imports:upload", request_max_body_size=BODY_LIMIT)
    async def upload(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        imports: NamedDependency[ImportService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Check the file: every problem with its line and column, or the preview of what it would do."""
        preview = await preview_upload(request, imports, slug, me)
        if preview.upload is not None:
            return Redirect(f"/programs/{slug}/import/{preview.upload.id}", status_code=303)
        context = {
            **CONTEXT,
            "program": preview.program,
            "latest": [],
            "preview": preview_out(preview),
            "questions": await imports.question_columns(preview.program),
        }
        return Template("imports/upload.html", context=context, status_code=400)

    @get("/import/{import_id:uuid}", name="imports:detail")
    async def detail(
        self,
        request: HTMXRequest,
        slug: FromPath[str],
        import_id: FromPath[UUID],
        imports: NamedDependency[ImportService],
        me: NamedDependency[User],
    ) -> Template:
        """The preview to confirm, or the import's progress and result."""
        program, upload = await imports.upload(slug, import_id, me)
        view = import_out(program, upload, await import_job(request, upload.id))
        partial = bool(request.htmx) and request.query_params.get("part") == "progress"
        template = "imports/_progress.html" if partial else "imports/detail.html"
        return Template(
            template, context={**CONTEXT, "program": program, "view": view}, headers={"Vary": "HX-Request"}
        )

    @post("/import/{import_id:uuid}/confirm", name="imports:confirm", status_code=303)
    async def confirm(
        self,
        request: Request[Any, Any, Any],
        slug: FromPath[str],
        import_id: FromPath[UUID],
        imports: NamedDependency[ImportService],
        me: NamedDependency[User],
    ) -> Redirect:
        """Import the previewed file in the background, all or nothing; 409 for a second confirmation."""
        claimed = await start_import(request, imports, slug, import_id, me)
        return Redirect(f"/programs/{slug}/import/{claimed.id}", status_code=303)

    @get("/export.csv", name="imports:export")
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
