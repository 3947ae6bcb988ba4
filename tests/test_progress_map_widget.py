"""The course-map widget, driven through its Python verbs on a two-lesson fixture course."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from course import content, progress
from course.models import Attempt
from course.progress import ProgressStore
from course.widgets.progress_map import ProgressMap, show_progress

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "progress_course"
T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(hours=2)


@pytest.fixture(autouse=True)
def fixture_course(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the course at the two-lesson fixture (4 + 2 true/false questions)."""
    monkeypatch.setenv("COURSE_DATA", str(FIXTURE))
    content.clear_caches()
    progress.reset_default_store()
    yield
    content.clear_caches()
    progress.reset_default_store()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    opened = ProgressStore(tmp_path / "progress.sqlite3", learner="ada")
    yield opened
    opened.close()


def answer(
    store: ProgressStore,
    question: str,
    correct: bool,
    minute: float,
    quiz: str = "00-start-here",
    objective: str = "L00-O1",
) -> None:
    store.record_attempt(
        Attempt(
            quiz,
            question,
            objective,
            correct,
            correct,
            float(correct),
            True,
            T0 + timedelta(minutes=minute),
        ),
        quiz,
    )


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_an_empty_record_shows_every_lesson_not_started(store: ProgressStore) -> None:
    view = ProgressMap(store)
    assert repr(view) == "ProgressMap(2 lessons)"
    assert view.state["attempts"] == 0
    assert view.state["lessons"]["00-start-here"] == {
        "status": "not started",
        "answered": 0,
        "questions": 4,
        "first_try_score": None,
    }
    assert {o["level"] for o in view.state["objectives"].values()} == {"not started"}
    lessons = text_of(view.lessons.value)
    assert "Start here not started 0 of 4 questions answered (0%) not yet scored" in lessons


def test_the_map_shows_completion_first_try_score_and_mastery(store: ProgressStore) -> None:
    answer(store, "q1", False, 1)
    answer(store, "q1", True, 2)
    answer(store, "q2", True, 3)
    store.record_lesson("00-start-here", "opened")
    view = ProgressMap(store)
    assert view.state["lessons"]["00-start-here"] == {
        "status": "in progress",
        "answered": 2,
        "questions": 4,
        "first_try_score": 0.5,
    }
    assert view.state["objectives"]["L00-O1"]["level"] == "mastered"
    lessons, objectives = text_of(view.lessons.value), text_of(view.objectives.value)
    assert "2 of 4 questions answered (50%)" in lessons
    assert "50% on first tries (1 of 2 points)" in lessons
    assert "mastered: 2 of 2 questions right on the latest try (100%)" in objectives
    assert "not started: 0 of 2 questions right on the latest try (0%)" in objectives


def test_the_tables_are_accessible(store: ProgressStore) -> None:
    view = ProgressMap(store)
    for html in (view.lessons.value, view.objectives.value):
        assert "<caption>" in html and '<th scope="col">' in html and '<th scope="row">' in html
        assert "color" not in html  # words and numbers, never colour alone


def test_refresh_reads_new_attempts(store: ProgressStore) -> None:
    view = ProgressMap(store)
    answer(store, "a1", True, 1, quiz="01-lower-back-and-spasm", objective="L01-O1")
    assert view.state["attempts"] == 0
    view.refresh()
    assert view.state["attempts"] == 1
    assert view.state["lessons"]["01-lower-back-and-spasm"]["answered"] == 1
    assert repr(view) == "ProgressMap(2 lessons)"


def test_review_builds_a_quiz_of_missed_questions(store: ProgressStore) -> None:
    answer(store, "q3", False, 5, objective="L00-O2")
    answer(store, "q1", False, 1)
    answer(store, "q2", True, 2)
    view = ProgressMap(store, clock=lambda: LATER)
    view.review()
    assert view.state["review"] == ["00-start-here/q1", "00-start-here/q3"]
    [quiz] = view.review_area.children
    assert quiz.question_ids == ("q1", "q3")
    assert quiz.title == "Review"
    assert "Review: 2 questions you missed before" in view.message.value


def test_answers_in_the_review_quiz_reach_the_store_and_the_map(store: ProgressStore) -> None:
    answer(store, "q1", False, 1)
    view = ProgressMap(store, clock=lambda: LATER)
    view.review()
    [quiz] = view.review_area.children
    question = quiz.current
    question.answer(True)
    question.submit()
    view.refresh()
    assert view.state["attempts"] == 2
    assert view.state["objectives"]["L00-O1"]["correct"] == 1
    view.review()
    assert view.state["review"] == []
    assert view.review_area.children == ()


def test_review_explains_when_nothing_is_due(store: ProgressStore) -> None:
    view = ProgressMap(store, clock=lambda: LATER)
    view.review()
    assert "not answered any questions yet" in view.message.value
    answer(store, "q1", True, 1)
    view.review()
    assert "Nothing to review" in view.message.value
    answer(store, "q2", False, 115)  # missed 5 minutes before LATER: it waits
    view.review()
    assert "waits 10 minutes" in view.message.value and "Waiting now: 1." in view.message.value
    assert view.review_area.children == ()


def test_the_buttons_call_the_verbs(store: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    view = ProgressMap(store)
    calls: list[str] = []
    monkeypatch.setattr(view, "review", lambda: calls.append("review"))
    monkeypatch.setattr(view, "refresh", lambda: calls.append("refresh"))
    review_button, refresh_button = view.buttons.children
    assert review_button.description == "Review missed questions"
    review_button.click()
    refresh_button.click()
    assert calls == ["review", "refresh"]


def test_review_passes_question_objects_to_build_quiz(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    captured: dict[str, Any] = {}
    fake = types.ModuleType("course.widgets.quiz")

    def build_quiz(**kwargs: Any) -> Any:
        captured.update(kwargs)
        import ipywidgets

        return ipywidgets.HTML("a review quiz")

    fake.build_quiz = build_quiz  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "course.widgets.quiz", fake)
    answer(store, "q4", False, 1, objective="L00-O2")
    ProgressMap(store, clock=lambda: LATER).review()
    assert captured["title"] == "Review" and captured["store"] is store
    assert [(q.quiz_id, q.id, q.lesson) for q in captured["questions"]] == [
        ("00-start-here", "q4", "00-start-here")
    ]


def test_a_store_notice_is_shown_once(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.warns(progress.ProgressWarning):
        store = ProgressStore(blocker / "progress.sqlite3")
    first = ProgressMap(store)
    assert "in memory only" in first.notice.value
    assert first.state["in_memory"] is True
    first.refresh()
    assert first.notice.value.count("in memory only") == 1
    second = ProgressMap(store)
    assert second.notice.value == ""
    assert "only in memory for this session" in second.lessons.value


def test_show_progress_uses_the_default_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "default.sqlite3"))
    progress.default_store().record_lesson("00-start-here", "completed")
    view = show_progress()
    assert view.store is progress.default_store()
    assert view.state["lessons"]["00-start-here"]["status"] == "completed"
    assert view._repr_mimebundle_()["text/plain"] == "ProgressMap(2 lessons)"


def test_a_missing_bank_counts_as_no_questions_yet(
    tmp_path: Path, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "data")
    (tmp_path / "data" / "quizzes" / "01-lower-back-and-spasm.yaml").unlink()
    monkeypatch.setenv("COURSE_DATA", str(tmp_path / "data"))
    content.clear_caches()
    view = ProgressMap(store)
    assert view.state["lessons"]["01-lower-back-and-spasm"]["questions"] == 0
    assert "no questions yet" in view.lessons.value
