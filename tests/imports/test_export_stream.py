"""The participants export streams in batches: the same bytes, however small the batch."""

from __future__ import annotations

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.imports.export import as_csv, csv_chunks, members
from mentorship.imports.people import answer_columns, stored_answers
from tests.imports.conftest import HEADER, People, confirm, program_id, run_job, upload

SEVEN = HEADER + "".join(
    f",p{i}@example.org,{name},mentee,,Learn,,,bots,en,Europe/Berlin,,red\n"
    for i, name in enumerate(["zoe", "Ana", "ana", "Émile", "bob", "Bob", "=Cy"])
)


async def test_the_export_in_batches_of_two_is_the_whole_export(people: People, quiet: Settings) -> None:
    first = (await upload(people["lead"], SEVEN)).json()
    await confirm(people["lead"], first["id"])
    await run_job(quiet, first["id"])
    program = await program_id(quiet)
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        columns = await answer_columns(session, program)
        places = await members(session, program)
        whole = as_csv(
            places, columns, await stored_answers(session, columns, (p.profile_id for p in places))
        )
    chunks = [chunk async for chunk in csv_chunks(config.get_session, program, columns, size=2)]
    await config.get_engine().dispose()
    served = (await people["lead"].get("/programs/leadership/export.csv")).text

    assert len(chunks) >= 4  # a chunk per batch of two of the seven (and the lead, if a member)
    assert "".join(chunks) == whole == served
    assert whole.count("\n") == 1 + len(places) >= 8
