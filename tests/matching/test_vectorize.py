import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks as checks
from sklearn.utils.estimator_checks import parametrize_with_checks

from matching.scoring.vectorize import ProfileVectorizer


@parametrize_with_checks([ProfileVectorizer()])
def test_sklearn_compatible(estimator: ProfileVectorizer, check: object) -> None:  # pragma: no cover
    check(estimator)  # type: ignore[operator]


@pytest.mark.parametrize(
    "check",
    [
        checks.check_estimator_cloneable,
        checks.check_estimator_repr,
        checks.check_estimator_tags_renamed,
        checks.check_valid_tag_types,
        checks.check_no_attributes_set_in_init,
        checks.check_parameters_default_constructible,
        checks.check_get_params_invariance,
        checks.check_set_params,
        checks.check_do_not_raise_errors_in_init_or_set_params,
        checks.check_mixin_order,
    ],
)
def test_api_checks_that_need_no_numeric_data(check: object) -> None:
    check("ProfileVectorizer", ProfileVectorizer())  # type: ignore[operator]


def test_input_tags_say_it_takes_a_table() -> None:
    tags = ProfileVectorizer().__sklearn_tags__()

    assert not tags.input_tags.two_d_array
    assert tags.input_tags.string


def test_fit_returns_self_and_transform_needs_fit(small_table: pd.DataFrame) -> None:
    vectorizer = ProfileVectorizer()
    with pytest.raises(NotFittedError):
        vectorizer.transform(small_table)

    assert vectorizer.fit(small_table) is vectorizer
    out = vectorizer.transform(small_table)
    assert out.shape == (5, len(vectorizer.get_feature_names_out()))
    assert out.shape[1] == 2 * vectorizer.n_half_


def test_score_is_directional_and_weighted(small_table: pd.DataFrame) -> None:
    vectorizer = ProfileVectorizer().fit(small_table)
    needs, offers = vectorizer.transform_needs(small_table), vectorizer.transform_offers(small_table)
    scores = (needs @ offers.T).toarray()

    assert scores[0, 3] > scores[0, 4]  # ana seeks python; dev offers it, eve offers design
    assert scores[1, 4] > scores[1, 3]
    assert scores[3, 0] < scores[0, 3]  # a mentor's needs are not their offers
    assert np.all(scores <= 1 + 1e-9)


def test_fit_is_deterministic_and_clone_is_unfitted(small_table: pd.DataFrame) -> None:
    a = ProfileVectorizer().fit(small_table).transform(small_table)
    b = ProfileVectorizer().fit(small_table).transform(small_table)

    assert (a != b).nnz == 0
    assert not hasattr(clone(ProfileVectorizer().fit(small_table)), "text_")


@pytest.mark.parametrize(
    ("goals", "experience"),
    [
        (["learn rust", "", "design docs"], ["rust compilers", "docs writing", ""]),
        (["", "", ""], ["", "", ""]),
        (["the and", "", "of"], ["", "a", ""]),
    ],
)
def test_fitting_and_transforming_in_one_pass_equals_fit_then_transform(
    goals: list[str], experience: list[str]
) -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "name": ["A", "B", "C"],
            "role": ["mentee", "mentor", "mentee"],
            "goals": goals,
            "experience": experience,
            "seeks": ["rust", "", "docs"],
            "offers": ["", "rust;docs", ""],
            "languages": ["en", "en", "de"],
            "timezone": ["UTC", "+02:00", ""],
            "capacity": ["", "2", ""],
        }
    )
    needs, offers = ProfileVectorizer().fit_transform_blocks(frame)
    fitted = ProfileVectorizer().fit(frame)
    assert np.allclose(needs.toarray(), fitted.transform_needs(frame).toarray(), atol=1e-15)
    assert np.allclose(offers.toarray(), fitted.transform_offers(frame).toarray(), atol=1e-15)
