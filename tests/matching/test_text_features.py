"""Text features for every script and language (issue 16): words, function words, stems, n-grams."""

from __future__ import annotations

import json
import unicodedata

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks as checks

from matching.scoring.text_features import TextVectorizer
from matching.scoring.vectorize import ProfileVectorizer, vectorizer_from_state, vectorizer_state
from matching.scoring.words import detect_language, function_words
from matching.synthetic.multilingual import LANGUAGES, multilingual_community
from matching.table.text import split_words


def pair(goals: str, experience: str, languages: tuple[str, str] = ("en", "en")) -> pd.DataFrame:
    """A mentee with ``goals`` and a mentor with ``experience``, no topics, no time zone."""
    return pd.DataFrame(
        {
            "id": ["a", "b"],
            "name": ["A", "B"],
            "role": ["mentee", "mentor"],
            "goals": [goals, ""],
            "experience": ["", experience],
            "languages": list(languages),
            "capacity": ["", "1"],
        }
    )


def text_score(frame: pd.DataFrame, **params: object) -> tuple[float, ProfileVectorizer]:
    """The mentee's needs against the mentor's offers, text part only (no topics, no time zone)."""
    vectorizer = ProfileVectorizer(timezone_weight=0.0, **params).fit(frame)  # type: ignore[arg-type]
    needs, offers = vectorizer.transform_needs(frame), vectorizer.transform_offers(frame)
    return float((needs[0] @ offers[1].T).toarray()[0, 0]), vectorizer


def shared_names(frame: pd.DataFrame, vectorizer: ProfileVectorizer) -> set[str]:
    product = vectorizer.transform_needs(frame)[0].multiply(vectorizer.transform_offers(frame)[1]).tocsr()
    return {str(vectorizer.half_feature_names()[c]) for c in product.indices}


@pytest.fixture(scope="module")
def community() -> pd.DataFrame:
    return multilingual_community(400, seed=5)


def test_words_of_every_script_are_whole(community: pd.DataFrame) -> None:
    for code in LANGUAGES:
        texts = community.loc[community["language"] == code, ["goals", "experience"]].to_numpy().ravel()
        words = [w for text in texts for w in split_words(text)]

        assert len(words) > 50 * len(texts) / 10, code
        # A word never starts with a combining mark: vowel signs stay inside their word.
        assert not any(unicodedata.category(w[0]).startswith("M") for w in words), code


def test_devanagari_vowel_signs_and_japanese_scripts_split_right() -> None:
    assert split_words("विकिपीडिया पर लेख।") == ["विकिपीडिया", "पर", "लेख"]
    assert split_words("記念物の写真をウィキメディア・コモンズに") == [
        "記念物", "の", "写真", "を", "ウィキメディア", "コモンズ", "に",
    ]  # fmt: skip
    assert split_words("J'aime les edit-a-thons de 2012.") == ["J'aime", "les", "edit-a-thons", "de", "2012"]


def test_every_language_of_the_community_gets_text_features(community: pd.DataFrame) -> None:
    vectorizer = ProfileVectorizer().fit(community)
    needs = vectorizer.transform_needs(community)
    mentees = (community["role"] == "mentee").to_numpy()

    for code in LANGUAGES:
        rows = needs[np.flatnonzero(mentees & (community["language"] == code).to_numpy())]
        assert (np.diff(rows.indptr) > 3).all(), code


@pytest.mark.parametrize(
    ("goals", "experience", "language"),
    [
        ("I would like to do that with them and for them", "We did this for them and with those", "en"),
        ("Yo y ellos, con esto, para mí", "Esto es para ellos y con mí desde que", "es"),
        ("Je et nous, avec les autres", "Nous avec les autres pour eux, que je", "fr"),
        ("Ich und wir mit ihnen, dass das", "Wir mit ihnen und für sie, das", "de"),
        ("Я и мы с ними, но не для них", "Мы с ними и для них, когда я", "ru"),
    ],
)
def test_texts_sharing_only_function_words_score_nothing(goals: str, experience: str, language: str) -> None:
    frame = pair(goals, experience, (language, language))
    score, vectorizer = text_score(frame)

    assert score == pytest.approx(0.0, abs=1e-12), shared_names(frame, vectorizer)


def test_a_word_most_texts_of_a_language_use_is_no_feature() -> None:
    # "quiero" (I want) is on no Spanish stop list, yet nearly every goal starts with it.
    themes = ["traducciones", "plantillas", "fotografías", "patrullaje"] * 6
    goals = [pair(f"Quiero aprender {t}", "", ("es", "es")).iloc[:1] for t in themes]
    frame = pd.concat([*goals, *(pair("", f"Hago {t} cada semana", ("es", "es")) for t in themes[:8])])
    frame["id"] = [f"p{k}" for k in range(len(frame))]
    names = set(ProfileVectorizer().fit(frame).half_feature_names())

    assert "text:quiero" not in names
    assert {"text:traducciones", "text:plantillas"} <= names


@pytest.mark.parametrize(
    ("goals", "experience", "language"),
    [
        ("Je veux faire des traductions", "Une traduction par semaine depuis dix ans", "fr"),
        ("Quiero revisar traducciones", "Hago una traducción cada semana", "es"),
        ("Ich möchte Vorlagen verstehen", "Ich pflege eine Vorlage seit Jahren", "de"),
        ("Хочу писать статьи", "Я написал много статей", "ru"),
    ],
)
def test_inflected_forms_meet(goals: str, experience: str, language: str) -> None:
    frame = pair(goals, experience, (language, language))
    score, vectorizer = text_score(frame)

    assert score > 0.05
    assert any(name.startswith("text:") for name in shared_names(frame, vectorizer))


def test_japanese_without_spaces_meets_on_ngrams_and_names_whole_words() -> None:
    # 記念物 (monument) and 記念碑 (memorial) share 記念 inside words that no space separates.
    frame = pair(
        "記念物の写真をコモンズにアップロードしたいです。", "記念碑を撮影して共有しています。", ("ja", "ja")
    )
    score, vectorizer = text_score(frame)
    without, _ = text_score(frame, ngrams="none")
    product = vectorizer.transform_needs(frame)[0].multiply(vectorizer.transform_offers(frame)[1]).tocsr()
    features = [int(c) for c in product.indices]

    assert score > 0.02
    assert without == 0.0
    assert vectorizer.surface_words(frame, 0, "needs", features) == {f: ["記念物"] for f in features}
    assert vectorizer.surface_words(frame, 1, "offers", features) == {f: ["記念碑"] for f in features}


def test_surface_words_are_whole_words_as_written() -> None:
    frame = pair(
        "I help with Edit-a-thons and SPARQL Queries.", "I ran edit-a-thons and wrote a SPARQL query."
    )
    _, vectorizer = text_score(frame)
    product = vectorizer.transform_needs(frame)[0].multiply(vectorizer.transform_offers(frame)[1]).tocsr()
    features = [int(c) for c in product.indices]

    mentee = vectorizer.surface_words(frame, 0, "needs", features)
    mentor = vectorizer.surface_words(frame, 1, "offers", features)

    assert {w for ws in mentee.values() for w in ws} == {"Edit-a-thons", "SPARQL", "Queries"}
    assert {w for ws in mentor.values() for w in ws} == {"edit-a-thons", "SPARQL", "query"}
    assert "text:queries" in shared_names(frame, vectorizer) or "text:query" in shared_names(
        frame, vectorizer
    )
    with pytest.raises(ValueError, match="side"):
        vectorizer.surface_words(frame, 0, "goals", features)


def test_language_is_detected_by_function_words_else_the_first_listed() -> None:
    assert detect_language(["i", "want", "to", "learn", "sparql"], ["fr"]) == "en"
    assert detect_language(split_words("je veux apprendre à écrire des requêtes"), ["en", "fr"]) == "fr"
    assert detect_language(["sparql", "wikidata"], ["de", "en"]) == "de"
    assert detect_language([], []) == ""
    assert "the" in function_words("en")
    assert "les" in function_words("fr-CA")


def test_an_english_text_by_someone_listing_french_first_is_stemmed_as_english() -> None:
    frame = pair("I want to learn writing queries", "I have written many query services", ("fr", "en"))

    detected, _ = text_score(frame)
    first, _ = text_score(frame, language="first")

    assert detected > first


def test_vectorizer_parameters_follow_scikit_learn() -> None:
    vectorizer = ProfileVectorizer(ngrams="none", max_df=0.3)
    params = vectorizer.get_params()

    assert params["ngrams"] == "none" and params["max_df"] == 0.3 and params["language"] == "detect"
    assert clone(vectorizer).get_params() == params
    assert vectorizer.set_params(stem=False).stem is False
    with pytest.raises(ValueError, match="unknown"):
        ProfileVectorizer(language="guess").fit(pair("a", "b"))


@pytest.mark.parametrize(
    "check",
    [
        checks.check_estimator_cloneable,
        checks.check_estimator_repr,
        checks.check_no_attributes_set_in_init,
        checks.check_parameters_default_constructible,
        checks.check_get_params_invariance,
        checks.check_set_params,
        checks.check_do_not_raise_errors_in_init_or_set_params,
        checks.check_mixin_order,
    ],
)
def test_text_vectorizer_api_checks(check: object) -> None:
    check("TextVectorizer", TextVectorizer())  # type: ignore[operator]


def test_saved_state_transforms_exactly_as_before(community: pd.DataFrame) -> None:
    vectorizer = ProfileVectorizer().fit(community)
    again = vectorizer_from_state(json.loads(json.dumps(vectorizer_state(vectorizer))))

    assert (vectorizer.transform(community) != again.transform(community)).nnz == 0
    assert list(again.half_feature_names()) == list(vectorizer.half_feature_names())
    assert again.get_params() == vectorizer.get_params()


def test_feature_names_are_readable_words(community: pd.DataFrame) -> None:
    names = ProfileVectorizer().fit(community).half_feature_names()
    text = [n for n in names if n.startswith("text:")]

    assert "text:wikidata" in text
    assert not any(" " in n for n in names)


def test_threads_never_share_a_stemmer() -> None:
    """Snowball stemmers keep the word they work on: the app scores in several threads at once."""
    import threading

    from matching.scoring.words import WordTerms

    terms = WordTerms((2, 3), "none", stop=True, stem=True)
    seen: list[object] = []
    thread = threading.Thread(target=lambda: seen.append(terms._stemmer("en")))
    thread.start()
    thread.join()

    assert seen[0] is not None and seen[0] is not terms._stemmer("en")
    assert terms.word_terms("editing", "en") == ("edit",)


def test_texts_that_all_say_the_same_give_no_feature_instead_of_failing() -> None:
    # Fifty people imported with one goal for all: every word is too common to be a feature.
    texts = [("Write better articles", ["en"])] * 50
    vectorizer = TextVectorizer()

    rows = vectorizer.fit_transform(texts)

    assert rows.shape == (50, 0)
    assert vectorizer.transform(texts[:2]).shape == (2, 0)
