import pandas as pd
import pytest
from sklearn.base import BaseEstimator, clone
from sklearn.utils import estimator_checks as checks

from matching import GroupMatcher, MentorMatcher, PeerMatcher
from matching.kinds.base import BaseMatcher

MATCHERS = [MentorMatcher, PeerMatcher, GroupMatcher]
SHARED = {"topic_weight", "text_weight", "timezone_weight", "min_score", "max_hours_apart", "seed"}


@pytest.mark.parametrize("matcher", MATCHERS)
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
    ],
)
def test_matchers_follow_the_estimator_api(matcher: type[BaseEstimator], check: object) -> None:
    check(matcher.__name__, matcher())  # type: ignore[operator]


@pytest.mark.parametrize("matcher", MATCHERS)
def test_every_matcher_shares_the_base_parameters(matcher: type[BaseMatcher]) -> None:
    estimator = matcher(min_score=0.2, max_hours_apart=3.0, seed=7)

    params = clone(estimator).get_params()

    assert issubclass(matcher, BaseMatcher)
    assert set(params) >= SHARED
    assert (params["min_score"], params["max_hours_apart"], params["seed"]) == (0.2, 3.0, 7)


@pytest.mark.parametrize("matcher", MATCHERS)
def test_set_params_reaches_the_scorer_constraints(
    matcher: type[BaseMatcher], small_table: pd.DataFrame
) -> None:
    estimator = matcher().set_params(min_score=0.25, max_hours_apart=2.0)

    constraints = estimator.fit(small_table).scorer().constraints

    assert (constraints.min_score, constraints.max_hours_apart) == (0.25, 2.0)
