"""Uploading a participants file into a program: the checked preview, confirming it once, and the export."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, defer

from mentorship.imports.export import csv_chunks
from mentorship.imports.people import (
    TopicNames,
    answer_columns,
    changes,
    memberships,
    stored_answers,
    users_by_email,
)
from mentorship.imports.reading import Reading, read
from mentorship.lib.db import retrying
from mentorship.lib.errors import Conflict, NotFound
from mentorship.lib.i18n import _
from mentorship.models import EnrolmentQuestion, ImportStatus, ParticipantImport, Program, User
from mentorship.programs.services import ProgramService

PREVIEW_LIFETIME = timedelta(hours=24)


class ImportNotFound(NotFound):
    """No such upload in this program."""


class ImportConflict(Conflict):
    """The preview can no longer be confirmed: already imported, being imported, or expired."""


@dataclass(frozen=True)
class Preview:
    """What an upload would do: the reading of the file and, when it is valid, its stored preview."""

    program: Program
    reading: Reading
    upload: ParticipantImport | None


class ImportService:
    """Previews and confirmations of participant files; every method checks who asks."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.programs = ProgramService(session)

    async def program(self, slug: str, user: User) -> Program:
        """The program, when this person administers the community or coordinates it."""
        return await self.programs.managed(slug, user)

    async def preview(self, slug: str, user: User, file_name: str, data: bytes) -> Preview:
        """Check the whole file; when valid, store what it would do (nothing else is written)."""
        program = await self.program(slug, user)
        reading = read(data, await answer_columns(self.session, program.id))
        if not reading.ok:
            return Preview(program, reading, None)
        report = await self._report(program, reading)
        upload = ParticipantImport(
            program_id=program.id,
            uploaded_by_id=user.id,
            file_name=file_name[:255],
            file_hash=hashlib.sha256(data).hexdigest(),
            expires_at=datetime.now(UTC) + PREVIEW_LIFETIME,
            people=list(reading.people.values()),
            report=report,
        )
        self.session.add(upload)
        await self.session.commit()
        return Preview(program, reading, upload)

    async def _report(self, program: Program, reading: Reading) -> dict[str, object]:
        users = await users_by_email(self.session, reading.people)
        places = await memberships(self.session, program.id, users.values())
        names = await TopicNames.load(self.session)
        columns = await answer_columns(self.session, program.id)
        given = await stored_answers(
            self.session, columns, (u.profile.id for u in users.values() if u.profile)
        )
        new, changed, unchanged = [], [], 0
        for email, person in reading.people.items():
            user = users.get(email)
            if user is None:
                new.append({"email": email, "name": person["name"], "roles": person["roles"]})
                continue
            place = places.get(user.profile.id) if user.profile else None
            fields = changes(person, user, place, names, given.get(user.profile.id) if user.profile else None)
            if fields:
                changed.append(
                    {"email": email, "name": user.name, "roles": person["roles"], "fields": fields}
                )
            else:
                unchanged += 1
        return {
            "program": program.name,
            "rows": reading.rows,
            "people": len(reading.people),
            "new": new,
            "changed": changed,
            "unchanged": unchanged,
            "not_imported": reading.not_imported,
        }

    async def upload(self, slug: str, import_id: UUID, user: User) -> tuple[Program, ParticipantImport]:
        """An upload of this program, for its coordinators."""
        program = await self.program(slug, user)
        # The checked people are only read by the import itself: polling the progress skips them.
        query = select(ParticipantImport).where(ParticipantImport.id == import_id)
        found = await self.session.scalar(
            query.options(defer(ParticipantImport.people)).execution_options(populate_existing=True)
        )
        if found is None or found.program_id != program.id:
            raise ImportNotFound(import_id)
        return program, found

    async def confirm(self, slug: str, import_id: UUID, user: User) -> ParticipantImport:
        """Claim a preview for importing: of two confirming at once, one wins, the other gets 409."""
        program, found = await self.upload(slug, import_id, user)
        upload_id, now = found.id, datetime.now(UTC)
        same_file = aliased(ParticipantImport)
        imported_since = exists().where(
            same_file.program_id == program.id,
            same_file.file_hash == ParticipantImport.file_hash,
            same_file.id != ParticipantImport.id,
            same_file.status.in_([ImportStatus.IMPORTING, ImportStatus.DONE]),
            same_file.confirmed_at >= ParticipantImport.created_at,
        )
        claim = (
            update(ParticipantImport)
            .where(
                ParticipantImport.id == upload_id,
                ParticipantImport.status == ImportStatus.PREVIEW,
                ParticipantImport.expires_at > now,
                ~imported_since,
            )
            .values(status=ImportStatus.IMPORTING, confirmed_at=now)
            .execution_options(synchronize_session=False)
        )
        # The claim runs in a transaction of its own: on SQLite a read transaction cannot turn into a write
        # once another confirmation has committed, so the lookups above end first.
        await self.session.commit()

        async def claimed() -> int:
            rows = int((await self.session.execute(claim)).rowcount)  # type: ignore[attr-defined]
            await self.session.commit()
            return rows

        if await retrying(self.session, claimed) != 1:
            current = await self.session.get_one(ParticipantImport, upload_id, populate_existing=True)
            raise ImportConflict(self._refusal(current, now))
        return await self.session.get_one(ParticipantImport, upload_id, populate_existing=True)

    @staticmethod
    def _refusal(found: ParticipantImport, now: datetime) -> str:
        if found.status is ImportStatus.PREVIEW and found.expires_at <= now:
            return _("This preview has expired. Upload the file again to see what it would do now.")
        if found.status is ImportStatus.PREVIEW:
            return _("This file was already imported into the program after this preview was made.")
        return _(
            "This file was already imported (or is being imported). "
            "Upload it again to see what it would do now."
        )

    async def question_columns(self, program: Program) -> list[str]:
        """The program's questions as asked: each heads the column of its answers in a file."""
        query = (
            select(EnrolmentQuestion.prompt)
            .where(EnrolmentQuestion.program_id == program.id)
            .order_by(EnrolmentQuestion.position, EnrolmentQuestion.created_at)
        )
        return [str(prompt) for prompt in (await self.session.execute(query)).scalars()]

    async def latest(self, program: Program) -> list[ParticipantImport]:
        """The program's last imports, newest first."""
        query = (
            select(ParticipantImport)
            .where(
                ParticipantImport.program_id == program.id, ParticipantImport.status != ImportStatus.PREVIEW
            )
            .options(defer(ParticipantImport.people))
            .order_by(ParticipantImport.created_at.desc())
            .limit(5)
        )
        return list((await self.session.execute(query)).scalars())

    async def export(
        self, slug: str, user: User, sessions: Callable[[], AbstractAsyncContextManager[AsyncSession]]
    ) -> tuple[Program, AsyncIterator[str]]:
        """The program's active members as CSV in the format the import reads, streamed in batches.

        The text is read on a session from ``sessions``: the request's own closes before the stream ends.
        """
        program = await self.program(slug, user)
        columns = await answer_columns(self.session, program.id)
        return program, csv_chunks(sessions, program.id, columns)
