"""Course-map arithmetic: completion, first-try score, mastery, review selection, speed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from course import coursemap
from course.coursemap import build_course_map, review_questions
from course.models import Attempt, Lesson, Manifest, Objective
from course.progress import LessonEvent

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def lesson(lesson_id: str, objectives: list[str]) -> Lesson:
    objs = tuple(Objective(obj, f"Objective {obj} text", lesson_id) for obj in objectives)
    return Lesson(
        lesson_id,
        f"Title of {lesson_id}",
        f"{lesson_id}.ipynb",
        "A promise.",
        objs,
        (),
        10,
        5,
        (lesson_id,),
    )


MANIFEST = Manifest(
    "Test course",
    0.7,
    (
        lesson("00-start", ["L00-O1", "L00-O2"]),
        lesson("01-back", ["L01-O1"]),
    ),
)
BANKS: dict[str, dict[str, Any]] = {
    "00-start": {
        "questions": [
            {"id": "q1", "objective": "L00-O1"},
            {"id": "q2", "objective": "L00-O1"},
            {"id": "q3", "objective": "L00-O2"},
            {"id": "q4", "objective": "L00-O2"},
        ]
    },
    "01-back": {
        "questions": [
            {"id": "a1", "objective": "L01-O1"},
            {"id": "a2", "objective": "L01-O1"},
            {"id": "a3", "objective": "L01-O1"},
        ]
    },
}


def attempt(
    quiz: str, question: str, correct: bool, minute: float, score: float | None = None
) -> Attempt:
    return Attempt(
        quiz,
        question,
        "",
        None,
        correct,
        float(correct) if score is None else score,
        False,
        T0 + timedelta(minutes=minute),
    )


def event(lesson_id: str, name: str) -> LessonEvent:
    return LessonEvent("id", "ada", lesson_id, name, T0)


def test_an_empty_record_shows_nothing_started() -> None:
    course_map = build_course_map(MANIFEST, BANKS, [])
    assert [(item.status, item.answered, item.questions) for item in course_map.lessons] == [
        ("not started", 0, 4),
        ("not started", 0, 3),
    ]
    assert [item.first_try_score for item in course_map.lessons] == [None, None]
    assert [item.level for item in course_map.objectives] == ["not started"] * 3
    assert course_map.attempts == 0


def test_first_try_score_uses_the_earliest_attempt_of_each_question() -> None:
    log = [
        attempt("00-start", "q1", False, 1),
        attempt("00-start", "q1", True, 2),
        attempt("00-start", "q2", True, 3),
        attempt("00-start", "q3", False, 4, score=0.5),
    ]
    start = build_course_map(MANIFEST, BANKS, log).lessons[0]
    assert (start.answered, start.questions, start.completion) == (3, 4, 0.75)
    assert start.first_try_points == 1.5
    assert start.first_try_score == pytest.approx(0.5)
    assert coursemap.describe_completion(start) == "3 of 4 questions answered (75%)"
    assert coursemap.describe_first_try(start) == "50% on first tries (1.5 of 3 points)"


def test_order_of_the_log_does_not_matter() -> None:
    log = [attempt("00-start", "q1", True, 2), attempt("00-start", "q1", False, 1)]
    state = coursemap.summarise_attempts(log)[("00-start", "q1")]
    assert (state.tries, state.first_score, state.latest_correct) == (2, 0.0, True)
    assert state.last_seen == T0 + timedelta(minutes=2)


def test_mastery_counts_questions_right_on_their_latest_try() -> None:
    log = [
        attempt("00-start", "q1", True, 1),
        attempt("00-start", "q2", False, 2),
        attempt("00-start", "q2", True, 3),  # right at last: counts
        attempt("00-start", "q3", True, 4),
        attempt("00-start", "q3", False, 5),
    ]  # wrong at last
    objectives = {
        item.objective_id: item for item in build_course_map(MANIFEST, BANKS, log).objectives
    }
    assert (objectives["L00-O1"].correct, objectives["L00-O1"].mastery) == (2, 1.0)
    assert objectives["L00-O1"].level == "mastered"
    assert (objectives["L00-O2"].correct, objectives["L00-O2"].answered) == (0, 1)
    assert objectives["L00-O2"].level == "not yet"
    assert objectives["L01-O1"].level == "not started"
    assert coursemap.describe_mastery(objectives["L00-O1"]) == (
        "mastered: 2 of 2 questions right on the latest try (100%)"
    )


def test_mastery_needs_the_pass_mark_and_counts_unanswered_questions() -> None:
    log = [attempt("01-back", "a1", True, 1), attempt("01-back", "a2", True, 2)]
    back = build_course_map(MANIFEST, BANKS, log).objectives[2]
    assert back.mastery == pytest.approx(2 / 3)
    assert back.level == "not yet"  # 67% is under the 70% pass mark
    log.append(attempt("01-back", "a3", True, 3))
    assert build_course_map(MANIFEST, BANKS, log).objectives[2].level == "mastered"


def test_lesson_status_follows_events_and_answers() -> None:
    every_back_question = [attempt("01-back", q, False, 1) for q in ("a1", "a2", "a3")]
    course_map = build_course_map(
        MANIFEST, BANKS, every_back_question, [event("00-start", "opened")]
    )
    assert [item.status for item in course_map.lessons] == ["in progress", "completed"]
    course_map = build_course_map(MANIFEST, BANKS, [], [event("00-start", "completed")])
    assert course_map.lessons[0].status == "completed"


def test_attempts_of_unknown_questions_are_ignored() -> None:
    log = [attempt("00-start", "gone", True, 1), attempt("99-elsewhere", "q1", True, 2)]
    course_map = build_course_map(MANIFEST, BANKS, log)
    assert course_map.attempts == 2
    assert [item.answered for item in course_map.lessons] == [0, 0]
    assert (
        review_questions([attempt("00-start", "gone", False, 1)], BANKS, T0 + timedelta(hours=1))
        == []
    )


def test_a_lesson_without_a_bank_has_no_questions_yet() -> None:
    course_map = build_course_map(MANIFEST, {"00-start": BANKS["00-start"]}, [])
    assert (course_map.lessons[1].questions, course_map.lessons[1].completion) == (0, 0.0)
    assert coursemap.describe_completion(course_map.lessons[1]) == "no questions yet"
    assert coursemap.describe_mastery(course_map.objectives[2]) == "no questions yet"


# ---------------------------------------------------------------- review


def test_review_picks_missed_questions_oldest_seen_first() -> None:
    log = [
        attempt("00-start", "q1", False, 30),
        attempt("00-start", "q2", False, 10),
        attempt("01-back", "a1", False, 20),
        attempt("00-start", "q3", True, 5),
    ]
    items = review_questions(log, BANKS, T0 + timedelta(hours=2))
    assert [(item.quiz_id, item.question_id) for item in items] == [
        ("00-start", "q2"),
        ("01-back", "a1"),
        ("00-start", "q1"),
    ]
    assert items[0].question == {"id": "q2", "objective": "L00-O1"}
    assert items[0].last_seen == T0 + timedelta(minutes=10)


def test_a_question_put_right_later_is_not_reviewed() -> None:
    log = [attempt("00-start", "q1", False, 1), attempt("00-start", "q1", True, 2)]
    assert review_questions(log, BANKS, T0 + timedelta(hours=1)) == []


def test_a_question_seen_in_the_last_ten_minutes_waits() -> None:
    log = [attempt("00-start", "q1", False, 0)]
    assert review_questions(log, BANKS, T0 + timedelta(minutes=9, seconds=59)) == []
    assert len(review_questions(log, BANKS, T0 + timedelta(minutes=10))) == 1
    # missing it again restarts the wait
    log.append(attempt("00-start", "q1", False, 15))
    assert review_questions(log, BANKS, T0 + timedelta(minutes=20)) == []


def test_review_is_limited() -> None:
    log = [attempt("00-start", q, False, n) for n, q in enumerate(["q1", "q2", "q3", "q4"])]
    log += [attempt("01-back", q, False, 10 + n) for n, q in enumerate(["a1", "a2", "a3"])]
    later = T0 + timedelta(days=1)
    assert len(review_questions(log, BANKS, later)) == 5
    assert [i.question_id for i in review_questions(log, BANKS, later, limit=2)] == ["q1", "q2"]
    assert review_questions(log, BANKS, later, limit=0) == []


# Speed is measured by benchmarks/run.py (progress map), never by timed tests.
