from matching.table.text import join_words, normalize_tag, normalize_tags, split_list


def test_tags_fold_case_spacing_and_punctuation() -> None:
    assert normalize_tag("  Machine   Learning ") == "machine learning"
    assert normalize_tag("CI/CD") == "ci cd" or normalize_tag("CI/CD") == "continuous integration"
    assert normalize_tag("C++") == "c++"
    assert normalize_tag("C#") == "c#"


def test_synonyms_map_to_one_topic() -> None:
    assert normalize_tag("JS") == normalize_tag("JavaScript") == "javascript"
    assert normalize_tag("k8s") == "kubernetes"


def test_lists_split_on_semicolons_and_drop_duplicates() -> None:
    assert split_list(" a ; ;b;") == ["a", "b"]
    assert normalize_tags("Python; python ;PY") == ("python",)
    assert normalize_tags(None) == ()


def test_words_join_as_plain_english() -> None:
    assert join_words(["a", "b", "c", "d"]) == "a, b and c"
    assert join_words(["a"]) == "a"
