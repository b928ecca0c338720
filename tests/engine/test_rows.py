"""Row ids: made and read in one place, one person's two roles told apart and matched up."""

from __future__ import annotations

from uuid import uuid4

from mentorship.engine.rows import mentee_row, mentor_row, profile_id_of, same_person


def test_a_row_gives_back_its_profile_and_two_roles_of_one_person_differ_but_match() -> None:
    person, other = uuid4(), uuid4()

    assert profile_id_of(mentee_row(person)) == person == profile_id_of(mentor_row(person))
    assert mentee_row(person) != mentor_row(person)
    assert same_person(mentee_row(person), mentor_row(person))
    assert not same_person(mentee_row(person), mentor_row(other))
