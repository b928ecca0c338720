"""Reasons name whole content words as people wrote them, none twice (issue 16, item 3)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from bench.text_model import build, function_word_share, named_words
from matching import COLUMNS, Matching, MentorMatcher, PeerMatcher, Reason, sentence
from matching.reports.named import is_content_word
from matching.table.text import split_words
from mentorship.lib.reasons import reason_text

from .conftest import person
from .demo_table import demo_table

TARGET = 0.02


def _match(frame: pd.DataFrame) -> tuple[pd.DataFrame, Matching]:
    frame = frame[list(COLUMNS)].copy()
    frame["kinds"] = "traditional"
    return frame, MentorMatcher().fit(frame).match()


@pytest.fixture(scope="module")
def multilingual() -> tuple[pd.DataFrame, Matching]:
    return _match(build(800, seed=1).frame)


@pytest.fixture(scope="module")
def demo() -> tuple[pd.DataFrame, Matching]:
    return _match(demo_table())


def _function_share(frame: pd.DataFrame, result: Matching) -> float:
    languages = frame["languages"].to_numpy()
    named = stop = 0
    for unit in result.units:
        codes = {*languages[unit.members[0].row].split(";"), *languages[unit.mentor_row].split(";")}
        words = named_words(sentence(unit.reasons))
        named += len(words)
        stop += round(function_word_share(words, codes) * len(words))
    return stop / named if named else 0.0


@pytest.mark.parametrize("community", ["multilingual", "demo"])
def test_few_words_reasons_name_are_function_words(community: str, request: pytest.FixtureRequest) -> None:
    frame, result = request.getfixturevalue(community)

    assert _function_share(frame, result) < TARGET


@pytest.mark.parametrize("community", ["multilingual", "demo"])
def test_goal_words_are_written_words_of_the_pair_and_never_twice(
    community: str, request: pytest.FixtureRequest
) -> None:
    frame, result = request.getfixturevalue(community)
    goals, experience = frame["goals"].to_numpy(), frame["experience"].to_numpy()

    named = 0
    for unit in result.units:
        words = [*split_words(goals[unit.members[0].row]), *split_words(experience[unit.mentor_row])]
        # A word after an elided article is named without it: "habite" for "j'habite".
        written = {*words, *(re.split("['’]", w, maxsplit=1)[-1] for w in words)}
        for reason in unit.reasons:
            if reason.code == "goal_terms":
                named += len(reason.items)
                assert set(reason.items) <= written, (reason.items, unit.mentor_id)
                assert len({w.casefold() for w in reason.items}) == len(reason.items)
    assert named > len(result.units)


def test_a_function_word_or_a_short_word_is_never_content() -> None:
    assert not is_content_word("les", ["fr"])
    assert not is_content_word("the", ["fr", "en"])
    assert not is_content_word("ab", ["en"])
    assert not is_content_word("2024", ["en"])
    assert is_content_word("monuments", ["fr"])
    assert is_content_word("記念物", ["ja"])
    assert is_content_word("स्मारकों", ["hi"])  # vowel signs are marks, part of the word


def test_a_pair_sharing_only_language_and_hours_is_told_so_plainly() -> None:
    frame = pd.DataFrame(
        [
            person("ana", "mentee", goals="photograph castles", timezone="+01:00"),
            person("bo", "mentor", experience="maintain databases", timezone="+03:00"),
        ]
    )

    result = MentorMatcher().fit(frame).match()

    reasons = result.units[0].reasons
    assert reasons == (Reason("language_and_time_only", ("en",), 2.0),)
    assert sentence(reasons) == (
        "you share a language (en) and your hours overlap (2 hours apart); no topic or goal in common"
    )
    assert reason_text(reasons[0].to_dict()) == (  # type: ignore[arg-type]
        "you share a language (English) and your hours overlap (2 hours apart); no topic or goal in common"
    )


def test_peers_are_told_what_each_offers_the_other() -> None:
    frame = pd.DataFrame(
        [
            person("ana", "mentee", kinds="peer", offers="design", seeks="python", goals="museum wikidata"),
            person("bo", "mentee", kinds="peer", offers="python", seeks="design", goals="museums Wikidata"),
        ]
    )

    unit = PeerMatcher().fit(frame).match().units[0]

    offers = [r for r in unit.reasons if r.code == "peer_offers"]
    assert {r.who for r in offers} == {("ana", "bo"), ("bo", "ana")}
    assert {r.items for r in offers} == {("design",), ("python",)}
    shared = [r.items for r in unit.reasons if r.code == "shared_goals"]
    assert all(set(items) <= {"museum", "wikidata"} for items in shared)
    assert np.all([len({w.casefold() for w in items}) == len(items) for items in shared])
