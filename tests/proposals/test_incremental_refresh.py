"""The suggestions refresh redoes only what changed: a newcomer's list, a mentor's place in others' lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import select, update

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.stale import COMMUNITY, every_list_stale, suggestions_stale
from mentorship.jobs.tasks import PERIODIC
from mentorship.models import PEER_SCOPE, Profile, SuggestionCandidate, SuggestionScope, User
from mentorship.proposals.digests import FULL_EVERY, Built, diff, pack, unpack
from mentorship.proposals.refresh import refresh_mentor_lists, refresh_peer_lists
from mentorship.proposals.tasks import rebuild_suggestions
from tests.factories import create_user, mentee, mentor
from tests.stored_suggestions import refresh_suggestions

Rows = dict[tuple[str, UUID, UUID], UUID]  # (scope, mentee, candidate) -> the stored row's id


async def stored(settings: Settings) -> Rows:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        found = await session.execute(
            select(
                SuggestionCandidate.scope,
                SuggestionCandidate.mentee_id,
                SuggestionCandidate.candidate_id,
                SuggestionCandidate.id,
            )
        )
        rows = {(scope, m, c): row for scope, m, c, row in found.all()}
    await config.get_engine().dispose()
    return rows


async def changed(settings: Settings, *people: UUID, every: bool = False) -> None:
    """What the app does on a change: mark the person's scopes stale, then the queued jobs' refresh."""
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        if every:
            await every_list_stale(session, None)
        else:
            await suggestions_stale(session, None, people=people)
        await refresh_mentor_lists(session, settings.load_threshold)
        await refresh_peer_lists(session)
    await config.get_engine().dispose()


async def edit(settings: Settings, profile_id: UUID, **values: object) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        await session.execute(update(Profile).where(Profile.id == profile_id).values(**values))
        await session.commit()
    await config.get_engine().dispose()


def list_of(rows: Rows, scope: str, person: UUID) -> set[UUID]:
    return {c for (s, m, c) in rows if s == scope and m == person}


def profile_of(user: User) -> UUID:
    assert user.profile is not None
    return user.profile.id


async def people(settings: Settings, role: str, languages: list[str], count: int) -> list[UUID]:
    """Background people: enough that one change is a small part of the scope (else it is rebuilt whole)."""
    found = []
    for i in range(count):
        profile = mentee(["translation"], languages) if role == "mentee" else peer(["translation"], languages)
        found.append(
            profile_of(await create_user(settings, f"{role}{languages[0]}{i}@example.org", profile=profile))
        )
    return found


def peer(seeks: list[str], languages: list[str]) -> dict[str, object]:
    return {
        **mentee(seeks, languages),
        "kinds": ["peer"],
        "offers": seeks,
        "experience": "I know " + " and ".join(seeks),
    }


async def as_rebuilt(settings: Settings, rows: Rows) -> None:
    """The merged lists hold what a whole rebuild gives."""
    await refresh_suggestions(settings)
    assert set(await stored(settings)) == set(rows)


async def test_a_newcomer_gets_her_list_and_nobody_else_s_is_rewritten(quiet: Settings) -> None:
    mia = profile_of(await create_user(quiet, "mia@example.org", profile=mentor(9, ["translation"], ["en"])))
    await create_user(quiet, "max@example.org", profile=mentor(9, ["translation"], ["de"]))
    others = await people(quiet, "mentee", ["en"], 4) + await people(quiet, "mentee", ["de"], 4)
    await refresh_suggestions(quiet)
    before = await stored(quiet)

    cy = profile_of(await create_user(quiet, "cy@example.org", profile=mentee(["translation"], ["en"])))
    await changed(quiet, cy)
    after = await stored(quiet)

    assert list_of(after, COMMUNITY, cy) == {mia}
    untouched = {key: row for key, row in before.items() if key[1] in others}
    assert len(untouched) == 8 and all(after.get(key) == row for key, row in untouched.items())
    await as_rebuilt(quiet, after)


async def test_a_mentor_with_room_again_enters_the_lists_she_fits_and_leaves_them_when_full(
    quiet: Settings,
) -> None:
    mia = profile_of(await create_user(quiet, "mia@example.org", profile=mentor(0, ["translation"], ["en"])))
    await create_user(quiet, "max@example.org", profile=mentor(9, ["translation"], ["de"]))
    english = await people(quiet, "mentee", ["en"], 3)
    german = await people(quiet, "mentee", ["de"], 6)
    await refresh_suggestions(quiet)
    before = await stored(quiet)

    await edit(quiet, mia, capacity=2)
    await changed(quiet, mia)
    joined = await stored(quiet)
    await edit(quiet, mia, capacity=0)
    await changed(quiet, mia)
    left = await stored(quiet)

    assert all(list_of(before, COMMUNITY, en) == set() for en in english)
    assert all(list_of(joined, COMMUNITY, en) == {mia} for en in english)
    assert all(list_of(left, COMMUNITY, en) == set() for en in english)
    kept = {key: row for key, row in before.items() if key[1] in german}
    assert kept and all(joined.get(key) == row for key, row in kept.items())
    await edit(quiet, mia, capacity=2)
    await changed(quiet, mia)
    await as_rebuilt(quiet, await stored(quiet))


async def test_a_new_peer_gets_a_list_and_enters_the_others(quiet: Settings) -> None:
    english = await people(quiet, "peer", ["en"], 2)
    german = await people(quiet, "peer", ["de"], 6)
    await refresh_suggestions(quiet)
    before = await stored(quiet)

    cy = profile_of(await create_user(quiet, "cy@example.org", profile=peer(["translation"], ["en"])))
    await changed(quiet, cy)
    after = await stored(quiet)

    assert list_of(after, PEER_SCOPE, cy) == set(english)
    assert all(cy in list_of(after, PEER_SCOPE, en) for en in english)
    kept = {key: row for key, row in before.items() if key[1] in german}
    assert kept and all(after.get(key) == row for key, row in kept.items())
    await as_rebuilt(quiet, after)


async def test_a_catalog_change_rebuilds_every_list(quiet: Settings) -> None:
    await create_user(quiet, "mia@example.org", profile=mentor(2, ["editathons"], ["en"]))
    await create_user(quiet, "ana@example.org", profile=mentee(["editathons"], ["en"]))
    await refresh_suggestions(quiet)
    before = await stored(quiet)

    await changed(quiet, every=True)
    after = await stored(quiet)

    assert set(after) == set(before) and not set(after.values()) & set(before.values())
    config = build_sqlalchemy_config(quiet)
    async with config.get_session() as session:
        kept = await session.scalar(select(SuggestionScope.digests).where(SuggestionScope.scope == COMMUNITY))
    await config.get_engine().dispose()
    assert unpack(kept) is not None


async def test_the_weekly_job_rebuilds_every_list_whole(quiet: Settings) -> None:
    await create_user(quiet, "mia@example.org", profile=mentor(2, ["editathons"], ["en"]))
    await create_user(quiet, "ana@example.org", profile=mentee(["editathons"], ["en"]))
    await refresh_suggestions(quiet)
    config = build_sqlalchemy_config(quiet)

    done = await rebuild_suggestions({"db_config": config, "queue": None})
    async with config.get_session() as session:
        found = await session.execute(select(SuggestionScope.stale_since, SuggestionScope.digests))
        scopes = found.all()
    await config.get_engine().dispose()

    assert done == {"scopes": len(scopes)} and scopes
    assert all(stale is not None and digests is None for stale, digests in scopes)
    assert PERIODIC["mentorship.proposals.tasks.rebuild_suggestions"].split()[2:] == ["*", "*", "0"]


def test_a_stale_fit_or_too_much_change_means_a_whole_rebuild() -> None:
    now = datetime.now(UTC)
    seekers = {f"mentee:{i}": i for i in range(50)}
    kept = Built(now - timedelta(days=1), seekers, {"mentor:a": 1})

    one = diff(kept, Built(now, {**seekers, "mentee:new": 7}, {"mentor:a": 2}))
    old = diff(Built(now - FULL_EVERY - timedelta(hours=1), seekers, {}), Built(now, seekers, {}))
    most = diff(kept, Built(now, dict.fromkeys(seekers, -1), {"mentor:a": 1}))

    assert one is not None and one.seekers == {"mentee:new"} and one.candidates == {"mentor:a"}
    assert one.full_at == kept.full_at  # merged lists keep the date of the last whole rebuild
    assert old is None and most is None and diff(None, kept) is None
    assert unpack(pack(kept)) == kept and unpack(b"not zlib") is None
