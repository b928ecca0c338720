"""The multilingual synthetic community keeps its promises; the function-word measure counts right."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from bench.text_model import function_word_share, named_words
from matching import COLUMNS, parse_participants
from matching.synthetic.multilingual import LANGUAGES, THEMES, agree, multilingual_community

SCRIPT_LETTERS = {
    "Cyrillic": re.compile(r"[\u0400-\u04FF]"),
    "Arabic": re.compile(r"[\u0600-\u06FF]"),
    "Devanagari": re.compile(r"[\u0900-\u097F]"),
    "Japanese": re.compile(r"[\u3040-\u30FF\u4E00-\u9FFF]"),
}


@pytest.fixture(scope="module")
def community() -> pd.DataFrame:
    return multilingual_community(1_600, seed=3)


def _text(row: pd.Series) -> str:
    return str(row["experience"] if row["role"] == "mentor" else row["goals"])


def test_same_seed_gives_the_same_community_and_another_seed_another() -> None:
    first = multilingual_community(200, seed=7)

    assert first.equals(multilingual_community(200, seed=7))
    assert not first["goals"].equals(multilingual_community(200, seed=8)["goals"])


def test_every_language_and_script_is_present(community: pd.DataFrame) -> None:
    assert set(community["language"]) == set(LANGUAGES) and len(LANGUAGES) >= 8
    assert set(community["script"]) == {"Latin", "Cyrillic", "Arabic", "Devanagari", "Japanese"}


def test_people_write_in_their_own_script(community: pd.DataFrame) -> None:
    for _, row in community.iterrows():
        text = _text(row)
        for script, letters in SCRIPT_LETTERS.items():
            assert bool(letters.search(text)) == (row["script"] == script), (row["id"], script)


def test_japanese_is_written_without_spaces(community: pd.DataFrame) -> None:
    japanese = community[community["language"] == "ja"]

    assert not any(" " in _text(row) for _, row in japanese.iterrows())


def test_every_theme_is_planted_in_every_language_for_both_roles(community: pd.DataFrame) -> None:
    mentees = community[community["role"] == "mentee"]
    mentors = community[community["role"] == "mentor"]
    first_theme = mentors["themes"].str.split(";").str[0]

    assert (pd.crosstab(mentees["language"], mentees["themes"]).reindex(columns=THEMES) > 0).all().all()
    assert (pd.crosstab(mentors["language"], first_theme).reindex(columns=THEMES) > 0).all().all()


def test_each_text_carries_at_least_two_sentences_of_its_first_theme(community: pd.DataFrame) -> None:
    for _, row in community.iterrows():
        side = int(row["role"] == "mentor")
        pool = LANGUAGES[row["language"]].themes[row["themes"].split(";")[0]][side]
        sentences = {agree(s, feminine) for s in pool for feminine in (False, True)}
        assert sum(s in _text(row) for s in sentences) >= 2, row["id"]


def test_the_table_parses_and_carries_no_topic_tags(community: pd.DataFrame) -> None:
    table = parse_participants(community[list(COLUMNS)])
    mentors = community["role"] == "mentor"

    assert (community["offers"] == "").all() and (community["seeks"] == "").all()
    assert mentors.sum() == 400
    assert set(table.capacity[mentors.to_numpy()]) <= {1, 2, 3, 4, 5}
    assert all(row[0] == code for row, code in zip(table.languages, community["language"], strict=True))
    assert (
        not community[["name", "goals", "experience"]].apply(lambda c: c.str.contains(r"[{|}]")).any().any()
    )


def test_function_word_share_counts_whole_words_case_insensitively() -> None:
    assert function_word_share(["les", "requêtes", "Et", "Wikidata"], "fr") == 0.5
    assert function_word_share(["the", "requêtes"], ["fr", "en"]) == 0.5
    assert function_word_share([], "ja") == 0.0


def test_named_words_reads_the_word_parts_of_a_reason() -> None:
    reason = "shared topics: lua; goals meet experience in: les, je and et; both speak fr; 2 hours apart"

    assert named_words(reason) == ["lua", "les", "je", "et"]
    assert named_words("both speak ru; same time zone") == []
