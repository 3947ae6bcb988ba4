"""check_treatments(): the table's rules beyond its schema, one fixture file per broken rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from course import treatments
from course.errors import ContentError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 21)


def problems(case: str, today: date = TODAY) -> list[ContentError]:
    return treatments.check_treatments(today=today, path=FIXTURES / f"treatments_{case}.csv")


def test_valid_fixture_has_no_problems() -> None:
    assert problems("valid_two_rows") == []


@pytest.mark.parametrize(
    ("case", "location", "words"),
    [
        ("duplicate_id", "line 4 (id 'heat')", "repeats an id"),
        ("dangling_reference", "line 4 (id 'tens'), column 'references'", "'Made-Up-2099'"),
        ("review_too_old", "line 4 (id 'tens'), column 'reviewed'", "more than 24 months ago"),
        ("review_in_future", "line 4 (id 'tens'), column 'reviewed'", "is in the future"),
        ("effect_outside_interval", "line 3 (id 'heat'), column 'effect_points'", "not inside"),
    ],
)
def test_each_broken_rule_is_reported_with_file_location_and_fix(
    case: str, location: str, words: str
) -> None:
    [problem] = problems(case)
    assert problem.file.endswith(f"treatments_{case}.csv")
    assert problem.location == location
    assert words in problem.problem
    assert problem.fix


@pytest.mark.parametrize(
    ("case", "column", "words"),
    [
        ("bad_stance", "nice_chronic", "'do not offer' is not an allowed value"),
        ("empty_stance", "column 'who_acute'", "the stance cell is empty"),
        ("effect_without_interval", "", "effect_low"),
    ],
)
def test_schema_breaks_are_returned_not_raised(case: str, column: str, words: str) -> None:
    [problem] = problems(case)
    assert column in problem.location
    assert words in problem.problem or words in problem.fix


def test_a_row_reviewed_exactly_24_months_ago_is_still_fine() -> None:
    assert problems("valid_two_rows", today=date(2028, 11, 21)) == []
    [stale, _other] = problems("valid_two_rows", today=date(2028, 11, 22))
    assert "more than 24 months ago" in stale.problem


def test_stance_and_enum_rules_catch_rows_that_skip_the_schema() -> None:
    row = {"id": "x", "category": "pill", "nice_acute": " ", "certainty": "sure"}
    found = treatments.stance_problems(row, "f.csv", "line 3 (id 'x')")
    assert {p.location for p in found} == {
        f"line 3 (id 'x'), column '{g}_{p}'"
        for g in treatments.GUIDELINES
        for p in treatments.PHASES
    }
    enums = treatments.enum_problems(row, "f.csv", "line 3 (id 'x')")
    assert sorted(p.location.rsplit("'", 2)[1] for p in enums) == ["category", "certainty"]


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (date(2026, 11, 21), 24, date(2024, 11, 21)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 2, 29), 12, date(2027, 2, 28)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
    ],
)
def test_months_before(today: date, months: int, expected: date) -> None:
    assert treatments.months_before(today, months) == expected
