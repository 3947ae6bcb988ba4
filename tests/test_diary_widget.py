"""Tests for course/widgets/diary.py, driven through the widget's verbs and its button."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from course import progress
from course.progress import ProgressStore
from course.widgets.diary import ADD_LABEL, EMPTY_CHART, PainDiary, show_diary

TODAY = date.today()


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def store() -> ProgressStore:
    return ProgressStore(None, learner="ada")


@pytest.fixture
def view(store: ProgressStore) -> PainDiary:
    return PainDiary(store)


def test_starts_empty_with_today_and_the_safety_notice(view: PainDiary) -> None:
    assert view.day.value == TODAY
    assert view.pain.min == 0 and view.pain.max == 10
    assert view.chart.value == EMPTY_CHART
    assert view.state["status"] == "empty" and view.state["entries"] == 0
    assert "not a diagnosis" in view.notice.value
    assert "emergency care now" in view.notice.value
    assert "only in memory" in view.notice.value
    assert view.add_button.description == ADD_LABEL


def test_repr_is_short_and_stable(view: PainDiary) -> None:
    assert repr(view) == "PainDiary(entries=0, status='empty')"
    view.add(4, "desk work")
    assert repr(view) == "PainDiary(entries=1, status='too soon')"


def test_a_good_entry_is_saved_said_back_and_charted(view: PainDiary, store: ProgressStore) -> None:
    entry = view.add(5, "walked 20 minutes", "a heat pad", day=ago(1))
    assert entry is not None and entry.pain == 5
    stored = store.diary()
    assert [(e.day, e.pain, e.activity, e.helped) for e in stored] == [
        (ago(1), 5, "walked 20 minutes", "a heat pad")
    ]
    assert "Saved for" in view.message.value and "pain 5 out of 10" in view.message.value
    assert view.activity.value == "" and view.helped.value == ""
    assert '<img src="data:image/png;base64,' in view.chart.value
    alt = re.search(r'alt="([^"]+)"', view.chart.value)
    assert alt and "Line chart of your pain diary" in alt.group(1)


@pytest.mark.parametrize("pain", [-1, 11, 4.5, "7"])
def test_pain_outside_0_to_10_is_refused_with_a_message(
    view: PainDiary, store: ProgressStore, pain: object
) -> None:
    assert view.add(pain, "desk work") is None
    assert "Not saved" in view.message.value and "0 to 10" in view.message.value
    assert store.diary() == []


def test_a_future_day_is_refused_with_a_message(view: PainDiary, store: ProgressStore) -> None:
    assert view.add(3, "desk work", day=TODAY + timedelta(days=1)) is None
    assert "in the future" in view.message.value
    assert store.diary() == []


def test_a_day_that_is_not_a_date_is_refused(view: PainDiary) -> None:
    assert view.add(3, "desk work", day="next Tuesday") is None
    assert "year-month-day" in view.message.value


def test_an_empty_activity_is_refused_with_a_message(view: PainDiary, store: ProgressStore) -> None:
    assert view.add(3, "   ") is None
    assert "What I did" in view.message.value
    assert store.diary() == []


def test_a_cleared_day_picker_is_refused(view: PainDiary) -> None:
    view.day.value = None
    view.activity.value = "desk work"
    assert view.submit() is None
    assert "choose the day" in view.message.value


def test_the_button_submits_the_form(view: PainDiary, store: ProgressStore) -> None:
    view.pain.value = 6
    view.activity.value = "gardening"
    view.add_button.click()
    assert [(e.pain, e.activity) for e in store.diary()] == [(6, "gardening")]


def test_pain_not_improving_after_three_weeks_says_see_a_clinician(view: PainDiary) -> None:
    for days, pain in ((21, 6), (14, 6), (7, 6), (0, 6)):
        view.add(pain, "desk work", day=ago(days))
    assert view.state["status"] == "not improving"
    assert view.state["see_clinician"] is True
    assert "See a clinician." in view.summary.value
    assert "course-diary-advice" in view.summary.value


def test_improving_pain_does_not_say_see_a_clinician(view: PainDiary) -> None:
    for days, pain in ((21, 7), (14, 5), (7, 4), (0, 3)):
        view.add(pain, "walked", "walking", day=ago(days))
    assert view.state["status"] == "improving"
    assert view.state["see_clinician"] is False
    assert view.state["trend_per_week"] < 0
    assert "walking (4×)" in view.summary.value
    assert "falls by" in view.chart.value


def test_only_this_learners_entries_are_shown(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    ProgressStore(path, learner="bob").add_diary_entry(TODAY, 9, "someone else's day", "")
    view = PainDiary(ProgressStore(path, learner="ada"))
    assert view.state["entries"] == 0
    view.add(2, "desk work")
    assert view.state["entries"] == 1


@pytest.fixture
def default_store_reset() -> Iterator[None]:
    progress.reset_default_store()
    yield
    progress.reset_default_store()


def test_show_diary_uses_the_default_store(default_store_reset: None) -> None:
    shown = show_diary()
    assert isinstance(shown, PainDiary)
    assert shown.store is progress.default_store()
