import pandas as pd
import pytest

from matching.table.participants import TableError, hours_apart, parse_participants, parse_timezone


def test_valid_table_parses_lists_and_capacities(small_table: pd.DataFrame) -> None:
    table = parse_participants(small_table)

    assert list(table.ids) == ["ana", "bo", "chi", "dev", "eve"]
    assert table.seeks[0] == ("python", "pandas")
    assert table.offers[4] == ("user experience", "figma")
    assert list(table.capacity) == [0, 0, 0, 1, 1]
    assert list(table.positions("mentor")) == [3, 4]
    assert table.tz_hours[1] == 1.0


@pytest.mark.parametrize(
    ("value", "hours"),
    [
        ("+05:30", 5.5),
        ("-03:00", -3.0),
        ("UTC", 0.0),
        ("UTC+2", 2.0),
        ("Asia/Kolkata", 5.5),
        ("America/New_York", -5),
    ],
)
def test_time_zones_are_names_or_offsets(value: str, hours: float) -> None:
    assert parse_timezone(value) == hours


def test_hours_apart_wraps_around_the_date_line() -> None:
    assert hours_apart([11.0], [-11.0])[0] == 2.0


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("id", "", "id must not be empty"),
        ("id", "bo", "duplicate id"),
        ("role", "boss", "role must be"),
        ("capacity", "two", "capacity"),
        ("capacity", "-1", "capacity"),
        ("timezone", "Mars/Olympus", "unknown time zone"),
        ("languages", "", "at least one language"),
        ("kinds", "solo", "unknown kind"),
    ],
)
def test_invalid_cell_names_row_and_column(
    small_table: pd.DataFrame, column: str, value: str, message: str
) -> None:
    small_table.loc[2, column] = value

    with pytest.raises(TableError) as info:
        parse_participants(small_table)

    assert info.value.row == 2
    assert info.value.column == column
    assert message in info.value.message


def test_missing_required_column_is_named(small_table: pd.DataFrame) -> None:
    with pytest.raises(TableError) as info:
        parse_participants(small_table.drop(columns=["languages"]))

    assert info.value.column == "languages"
    assert info.value.row is None
