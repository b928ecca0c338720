"""The seeded demo community and the topic catalogue it draws on."""

from __future__ import annotations

import dataclasses
import re
import zoneinfo
from collections import Counter
from datetime import date

import pytest

from mentorship.demo.community import KINDS, SKILLS, DemoPerson, generate_community
from mentorship.topics.catalog import CATEGORIES, SEED_TOPICS, TOPICS_BY_SLUG, normalise_tag, resolve_topic

TODAY = date(2026, 6, 1)
MAJOR_LANGUAGES = ("en", "es", "fr", "pt", "de", "ar", "hi")


@pytest.fixture(scope="module")
def people() -> list[DemoPerson]:
    return generate_community(today=TODAY)


def test_same_seed_gives_the_same_people(people: list[DemoPerson]) -> None:
    assert generate_community(2026, 240, today=TODAY) == people


def test_another_seed_gives_other_people(people: list[DemoPerson]) -> None:
    assert generate_community(7, 240, today=TODAY) != people


def test_size_is_respected_and_large_enough(people: list[DemoPerson]) -> None:
    assert len(people) == 240
    assert len(generate_community(3, size=25, today=TODAY)) == 25


def test_emails_are_unique_lowercase_ascii(people: list[DemoPerson]) -> None:
    emails = [person.email for person in people]

    assert len(set(emails)) == len(emails)
    for email in emails:
        local, domain = email.split("@")
        assert domain == "example.org"
        assert email.isascii()
        assert email == email.lower()
        assert "." in local
        assert " " not in local


def test_roles_are_about_thirty_sixty_ten(people: list[DemoPerson]) -> None:
    roles = Counter((person.is_mentor, person.is_mentee) for person in people)

    assert roles[(True, False)] == pytest.approx(0.3 * len(people), abs=3)
    assert roles[(False, True)] == pytest.approx(0.6 * len(people), abs=3)
    assert roles[(True, True)] == pytest.approx(0.1 * len(people), abs=3)
    assert roles[(False, False)] == 0


def test_mentors_have_capacity_one_to_five_and_pure_mentees_none(people: list[DemoPerson]) -> None:
    for person in people:
        if person.is_mentor:
            assert 1 <= person.capacity <= 5
        else:
            assert person.capacity == 0


def test_time_zones_are_valid_iana_names(people: list[DemoPerson]) -> None:
    for person in people:
        assert zoneinfo.ZoneInfo(person.timezone).key == person.timezone


def test_topics_are_known_slugs_one_to_five_each_and_never_both(people: list[DemoPerson]) -> None:
    for person in people:
        assert 1 <= len(person.offers) <= 5
        assert 1 <= len(person.seeks) <= 5
        assert set(person.offers) <= TOPICS_BY_SLUG.keys()
        assert set(person.seeks) <= TOPICS_BY_SLUG.keys()
        assert not set(person.offers) & set(person.seeks)


def test_mentors_mostly_offer_and_mentees_mostly_seek(people: list[DemoPerson]) -> None:
    mentors = [p for p in people if p.is_mentor and not p.is_mentee]
    mentees = [p for p in people if p.is_mentee and not p.is_mentor]

    assert sum(len(p.offers) for p in mentors) > 1.5 * sum(len(p.seeks) for p in mentors)
    assert sum(len(p.seeks) for p in mentees) > 1.5 * sum(len(p.offers) for p in mentees)


def test_languages_are_one_to_three_two_letter_codes(people: list[DemoPerson]) -> None:
    for person in people:
        assert 1 <= len(person.languages) <= 3
        assert len(set(person.languages)) == len(person.languages)
        for code in person.languages:
            assert len(code) == 2
            assert code.isalpha()
            assert code.islower()


@pytest.mark.parametrize("language", MAJOR_LANGUAGES)
def test_every_major_language_has_mentors_and_mentees(people: list[DemoPerson], language: str) -> None:
    speakers = [person for person in people if language in person.languages]

    assert any(person.is_mentor for person in speakers)
    assert any(person.is_mentee for person in speakers)


def test_mentor_to_mentee_ratio_is_sane(people: list[DemoPerson]) -> None:
    mentors = sum(person.is_mentor for person in people)
    mentees = sum(person.is_mentee for person in people)

    assert 0.4 <= mentors / mentees <= 0.8


def test_people_write_in_a_language_they_speak_and_some_not_in_english(people: list[DemoPerson]) -> None:
    own_language = [person for person in people if person.text_language != "en"]

    assert all(person.text_language in person.languages for person in people)
    assert 0.12 <= len(own_language) / len(people) <= 0.3
    assert {person.text_language for person in own_language} == {"es", "fr", "de", "pt"}


def test_goals_and_experience_are_filled_in_without_placeholders(people: list[DemoPerson]) -> None:
    for person in people:
        for text in (person.goals, person.experience):
            assert text.count(".") >= 2
            assert not any(mark in text for mark in "{}[]|")
            assert text[0].isupper()
    assert len({person.goals for person in people}) == len(people)


def test_english_goals_name_what_the_person_seeks(people: list[DemoPerson]) -> None:
    english = [person for person in people if person.text_language == "en"]
    keywords = {"editathons": "edit-a-thon", "bots": "bot", "wikidata-queries": "quer", "mentoring": "mentor"}

    for person in english:
        for slug, keyword in keywords.items():
            if person.seeks[0] == slug:
                assert keyword in person.goals.lower()


def test_kinds_cadence_and_self_assessment_are_valid(people: list[DemoPerson]) -> None:
    for person in people:
        assert person.kinds
        assert set(person.kinds) <= set(KINDS)
        assert person.checkin_cadence_days in (7, 14, 28)
        if person.self_assessment is not None:
            assert set(person.self_assessment) == set(SKILLS)
            assert all(1 <= rating <= 5 for rating in person.self_assessment.values())
    assessed = sum(person.self_assessment is not None for person in people)
    assert 0.35 <= assessed / len(people) <= 0.65


def test_a_few_mentors_are_away_around_today(people: list[DemoPerson]) -> None:
    away = [person for person in people if person.away_from is not None]

    assert 1 <= len(away) <= 0.1 * sum(person.is_mentor for person in people)
    for person in away:
        assert person.is_mentor
        assert person.away_from is not None
        assert person.away_until is not None
        assert person.away_note
        assert person.away_from <= person.away_until
        assert abs((person.away_from - TODAY).days) <= 30


def test_fairness_attributes_are_opt_in(people: list[DemoPerson]) -> None:
    declined = [p for p in people if p.region is None and p.gender is None and p.first_language is None]

    assert 0.3 <= len(declined) / len(people) <= 0.5
    for person in people:
        if person.first_language is not None:
            assert person.first_language in person.languages


def test_demo_person_is_immutable(people: list[DemoPerson]) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        people[0].name = "Someone Else"  # type: ignore[misc]


def test_catalogue_has_unique_slugs_in_known_categories_with_all_translations() -> None:
    slugs = [topic.slug for topic in SEED_TOPICS]

    assert 45 <= len(slugs) <= 60
    assert len(set(slugs)) == len(slugs)
    for topic in SEED_TOPICS:
        assert topic.category in CATEGORIES
        assert set(topic.translations) == {"es", "fr", "de", "pt", "ar", "hi"}
        assert normalise_tag(topic.slug) == topic.slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Mediation & Conflicts!  ", "mediation-conflicts"),
        ("Mediación", "mediacion"),
        ("Édit-a-thon", "edit-a-thon"),
        ("Straße", "strasse"),
        ("under_score   tags", "under-score-tags"),
        ("विविधता, समता", "विविधता-समता"),
    ],
)
def test_normalise_tag_lowercases_folds_accents_and_hyphenates(text: str, expected: str) -> None:
    assert normalise_tag(text) == expected


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Mediación", "conflict-resolution"),
        ("mediation", "conflict-resolution"),
        ("Edit-a-thon", "editathons"),
        ("editathon", "editathons"),
        ("Editatones", "editathons"),
        ("SPARQL", "wikidata-queries"),
        ("Délégation", "delegation"),
        ("Förderanträge und Fundraising", "grants-fundraising"),
        ("التفويض", "delegation"),
        ("सार्वजनिक भाषण", "public-speaking"),
        ("burnout-wellbeing", "burnout-wellbeing"),
        ("Bots", "bots"),
    ],
)
def test_resolve_topic_maps_labels_aliases_and_slugs_in_any_language(text: str, slug: str) -> None:
    assert resolve_topic(text) == slug


def test_resolve_topic_keeps_unknown_entries_as_normalised_free_tags() -> None:
    assert resolve_topic("  Beekeeping Résumés ") == "beekeeping-resumes"


def test_people_who_share_a_name_get_numbered_emails() -> None:
    crowd = generate_community(5, size=1500, today=TODAY)
    emails = [person.email for person in crowd]

    assert len(set(emails)) == len(emails)
    assert any(re.search(r"\d@", email) for email in emails)
