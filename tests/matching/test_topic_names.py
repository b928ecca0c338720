"""Topics named in free text in any language the catalog names them in, and words named without elisions."""

from __future__ import annotations

import pandas as pd
from sklearn.base import clone

from matching import COLUMNS, MentorMatcher, TopicFinder
from matching.reports.named import _unelided

NAMES = {
    "article-writing": (
        "Article writing", "Redacción de artículos", "Rédaction d'articles", "Artikel schreiben",
        "كتابة المقالات", "लेख लेखन", "記事の執筆", "writing articles",
    ),
    "commons-media": ("Photos and media on Commons", "Photos et médias sur Commons", "commons"),
    "patrolling": ("Patrolling and countering vandalism", "vandalism", "recent changes patrol"),
}  # fmt: skip


def _finder() -> TopicFinder:
    return TopicFinder(NAMES).fit()


def test_a_topic_is_found_by_its_name_in_the_writers_language_in_any_inflection_and_order() -> None:
    finder = _finder()

    assert finder.topics("J'aimerais améliorer la rédaction de mes articles.", ["fr"]) == ["article-writing"]
    assert finder.topics("Quiero mejorar la redacción de artículos sobre ciencia", ["es"]) == [
        "article-writing"
    ]
    assert finder.topics("Ich möchte lernen, gute Artikel zu schreiben", ["de"]) == ["article-writing"]
    assert finder.topics("أريد تعلم كتابة المقالات", ["ar"]) == ["article-writing"]
    assert finder.topics("मैं लेख लेखन सीखना चाहता हूँ", ["hi"]) == ["article-writing"]
    # Written without spaces: the name is looked for as written.
    assert finder.topics("ウィキペディアで記事の執筆を学びたいです", ["ja"]) == ["article-writing"]
    assert finder.topics("I fight vandalism and upload to Commons", ["en"]) == ["commons-media", "patrolling"]


def test_a_name_needs_all_its_words_and_function_words_name_nothing() -> None:
    finder = _finder()

    assert finder.topics("J'écris des lettres à ma famille", ["fr"]) == []
    assert finder.topics("Photos of my cat", ["en"]) == []
    assert finder.topics("on and and on", ["en"]) == []
    assert finder.topics("", ["en"]) == []
    assert TopicFinder({}).fit().topics("vandalism everywhere", ["en"]) == []


def _row(pid: str, role: str, goals: str = "", experience: str = "", **cells: str) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    kinds, timezone, capacity = "traditional", "Europe/Paris", "1" if role == "mentor" else ""
    row.update(id=pid, name=pid, role=role, kinds=kinds, timezone=timezone, capacity=capacity)
    row.update(goals=goals, experience=experience, **cells)
    return row


def test_the_table_gains_the_named_topics_on_the_side_the_text_tells_and_keeps_its_own() -> None:
    frame = pd.DataFrame(
        [
            _row(
                "lea",
                "mentee",
                goals="Je veux progresser en rédaction d'articles",
                seeks="editathons",
                languages="fr",
            ),
            _row("eve", "mentor", experience="I patrol recent changes and fight vandalism", languages="en"),
        ]
    )

    found = _finder().transform(frame)

    assert found.loc[0, "seeks"] == "editathons;article-writing"
    assert found.loc[0, "offers"] == ""
    assert found.loc[1, "offers"] == "patrolling"
    assert frame.loc[0, "seeks"] == "editathons"  # the input is not changed
    assert _finder().transform(found).equals(found)  # a second pass adds nothing twice


def test_the_bridge_puts_a_french_goal_with_the_english_mentor_of_its_topic() -> None:
    frame = pd.DataFrame(
        [
            _row("lea", "mentee", goals="Je voudrais progresser en rédaction d'articles.", languages="fr"),
            _row("eve", "mentor", experience="Many new pages.", offers="article-writing", languages="fr;en",
                 timezone="America/New_York"),
            _row("zoe", "mentor", experience="Je photographie Lyon.", offers="commons-media", languages="fr"),
        ]
    )  # fmt: skip

    bridged = MentorMatcher().fit(_finder().transform(frame)).match()
    plain = MentorMatcher().fit(frame).match()

    assert {u.mentor_id: [m.id for m in u.members] for u in bridged.units}.get("eve") == ["lea"]
    assert {u.mentor_id: [m.id for m in u.members] for u in plain.units}.get("zoe") == ["lea"]


def test_the_finder_is_a_scikit_learn_estimator() -> None:
    finder = clone(TopicFinder(NAMES, language="first"))

    assert finder.get_params() == {"names": NAMES, "language": "first"}
    assert finder.fit().n_names_ == sum(map(len, NAMES.values()))


def test_a_named_word_drops_an_elided_article_but_not_a_name() -> None:
    assert _unelided("d'articles", ("fr",)) == "articles"
    assert _unelided("L'édition", ("fr",)) == "édition"
    assert _unelided("qu'elle", ("fr",)) == "elle"
    assert _unelided("O'Reilly", ("en", "fr")) == "O'Reilly"
    assert _unelided("don't", ("en",)) == "don't"


def test_a_name_that_loses_a_real_word_to_the_function_word_list_is_not_looked_for() -> None:
    # English lists take "copy" and "small": "Copy editing" would be found in every text about editing.
    finder = TopicFinder(
        {"copyediting": ("Copy editing", "proofreading"), "small-wikis": ("small wikis",)}
    ).fit()

    assert finder.topics("I enjoy editing wikis every day", ["en"]) == []
    assert finder.topics("I do proofreading", ["en"]) == ["copyediting"]
