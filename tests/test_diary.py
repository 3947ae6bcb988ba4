"""Tests for course/diary.py: bad entries are refused with a message; summaries and the clinician rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import diary
from course.diary import Entry, check_entry, summarise
from course.errors import AnswerError
from course.progress import ProgressStore

TODAY = date(2026, 11, 30)


def day(offset: int) -> date:
    """A day relative to TODAY (negative is in the past)."""
    return TODAY + timedelta(days=offset)


def diary_of(*pairs: tuple[int, int]) -> list[Entry]:
    """Entries from (day offset, pain) pairs."""
    return [Entry(day(offset), pain, "walked") for offset, pain in pairs]


# ------------------------------------------------------------------ refusing bad entries


@pytest.mark.parametrize("pain", [-1, 11, 100, 5.5, "5", None, True, float("nan")])
def test_pain_outside_0_to_10_or_not_a_whole_number_is_refused(pain: Any) -> None:
    with pytest.raises(AnswerError, match="from 0 to 10"):
        check_entry(TODAY, pain, "desk work", today=TODAY)


@given(st.integers().filter(lambda n: not 0 <= n <= 10))
def test_any_whole_number_outside_the_scale_is_refused(pain: int) -> None:
    with pytest.raises(AnswerError, match="from 0 to 10"):
        check_entry(TODAY, pain, "desk work", today=TODAY)


@given(st.integers(min_value=0, max_value=10))
def test_any_whole_number_on_the_scale_is_accepted(pain: int) -> None:
    assert check_entry(TODAY, pain, "desk work", today=TODAY).pain == pain


@pytest.mark.parametrize("when", [day(1), day(365), "2026-12-01", datetime(2026, 12, 1, 8, 0)])
def test_future_days_are_refused(when: Any) -> None:
    with pytest.raises(AnswerError, match="in the future") as caught:
        check_entry(when, 4, "desk work", today=TODAY)
    assert "today (2026-11-30) or earlier" in str(caught.value)


@pytest.mark.parametrize(
    "when", [TODAY, day(-1), "2026-11-01", datetime(2026, 11, 30, 23, 59), None]
)
def test_today_and_past_days_are_accepted(when: Any) -> None:
    assert check_entry(when, 4, "desk work", today=TODAY).day <= TODAY


@pytest.mark.parametrize("when", ["yesterday", "30/11/2026", 20261130])
def test_days_that_are_not_dates_are_refused(when: Any) -> None:
    with pytest.raises(AnswerError, match="year-month-day"):
        check_entry(when, 4, "desk work", today=TODAY)


@pytest.mark.parametrize("activity", ["", "   ", "\n\t"])
def test_empty_activity_is_refused_with_an_example(activity: str) -> None:
    with pytest.raises(AnswerError, match="What I did") as caught:
        check_entry(TODAY, 4, activity, today=TODAY)
    assert "for example" in str(caught.value)


def test_activity_must_be_text() -> None:
    with pytest.raises(AnswerError, match="short text"):
        check_entry(TODAY, 4, None, today=TODAY)


def test_overlong_text_is_refused() -> None:
    with pytest.raises(AnswerError, match="under 200"):
        check_entry(TODAY, 4, "x" * 201, today=TODAY)
    with pytest.raises(AnswerError, match="under 200"):
        check_entry(TODAY, 4, "walked", "y" * 201, today=TODAY)


def test_a_good_entry_is_cleaned() -> None:
    entry = check_entry("2026-11-29", 7.0, "  lifted   boxes ", " heat pad ", today=TODAY)
    assert entry == Entry(date(2026, 11, 29), 7, "lifted boxes", "heat pad")


def test_what_helped_is_optional() -> None:
    assert check_entry(TODAY, 3, "walked", today=TODAY).helped == ""


# ------------------------------------------------------------------ summaries and the rule


def test_no_entries() -> None:
    summary = summarise([], TODAY)
    assert summary.status == "empty" and summary.entries == 0
    assert not summary.advice.see_clinician
    assert summary.change is None


def test_too_soon_with_under_three_weeks() -> None:
    summary = summarise(diary_of((-20, 6), (-10, 6), (0, 6)), TODAY)
    assert summary.span_days == 20 and summary.status == "too soon"
    assert not summary.advice.see_clinician
    assert "three weeks" in summary.advice.message


def test_not_improving_after_three_weeks_means_seeing_a_clinician() -> None:
    summary = summarise(diary_of((-21, 6), (-14, 6), (-7, 6), (0, 6)), TODAY)
    assert summary.status == "not improving"
    assert summary.advice.see_clinician
    assert "see a clinician" in summary.advice.message
    assert "about 3 weeks" in summary.advice.message


def test_a_fall_of_less_than_one_point_is_not_an_improvement() -> None:
    summary = summarise(diary_of((-28, 6), (0, 5.5)), TODAY)  # type: ignore[arg-type]
    assert summary.change == pytest.approx(-0.5)
    assert summary.status == "not improving"


def test_a_fall_of_one_point_or_more_is_improving() -> None:
    summary = summarise(diary_of((-28, 6), (-27, 7), (-14, 5), (0, 5)), TODAY)
    assert summary.first_week_average == 6.5 and summary.last_week_average == 5
    assert summary.status == "improving"
    assert not summary.advice.see_clinician


def test_getting_worse_over_two_weeks_means_seeing_a_clinician_soon() -> None:
    summary = summarise(diary_of((-14, 3), (-7, 4), (0, 5)), TODAY)
    assert summary.status == "getting worse"
    assert summary.advice.see_clinician
    assert "soon" in summary.advice.message


def test_getting_worse_needs_two_separate_weeks() -> None:
    assert summarise(diary_of((-5, 2), (0, 6)), TODAY).status == "too soon"


def test_every_summary_carries_the_red_flag_note_and_references() -> None:
    for entries in ([], diary_of((-21, 6), (0, 6))):
        advice = summarise(entries, TODAY).advice
        assert "emergency care now" in advice.red_flag_note
        assert "both legs" in advice.red_flag_note
        assert "NHS-Exercises" in advice.references


def test_several_entries_on_one_day_are_averaged() -> None:
    points = diary.daily_pain(diary_of((0, 2), (-1, 5), (0, 4)))
    assert points == [(day(-1), 5.0), (TODAY, 3.0)]


def test_trend_is_the_least_squares_slope_per_week() -> None:
    points = diary.daily_pain(diary_of((-14, 8), (-7, 6), (0, 4)))
    assert diary.trend_per_week(points) == pytest.approx(-2.0)
    assert diary.trend_per_week(points[:1]) is None


def test_summary_works_on_stored_entries() -> None:
    store = ProgressStore(None, learner="ada")
    today = date.today()
    for offset, pain in ((-21, 6), (-14, 6), (0, 6)):
        store.add_diary_entry(today + timedelta(days=offset), pain, "walked", "")
    summary = summarise(store.diary(), today)
    assert summary.entries == 3 and summary.status == "not improving"


def test_what_helped_counts_ignoring_case_and_blanks() -> None:
    entries = [
        Entry(TODAY, 4, "a", "Walking"),
        Entry(TODAY, 4, "a", "walking "),
        Entry(TODAY, 4, "a", "heat pad"),
        Entry(TODAY, 4, "a", ""),
    ]
    assert diary.what_helped(entries) == [("walking", 2), ("heat pad", 1)]
