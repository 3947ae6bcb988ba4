"""Class analysis: item statistics match values worked out by hand on a small fixture.

The fixture (tests/fixtures/results_item_stats/) is six learners and three
single-choice questions; choice A (index 0) is right in each. First tries:

======  ====  ====  ====   rest score for q1 = mean first-try score on q2 and q3, and so on
learner  q1    q2    q3
======  ====  ====  ====
ada      A     A     B
ben      A     A     A
cal      A     B     B     (then B, B on q2 and on q3: three tries, still wrong)
dee      B     A     A
eve      B     C     A     (then A on q1 and on q2)
fay      C     B     A
======  ====  ====  ====

Worked by hand (sums over the six learners; x = right on the first try, r = rest score):

q1: x = 1 1 1 0 0 0, r = .5 1 0 1 .5 .5; p = 3/6 = 0.5;
    Σ(x-x̄)(r-r̄) = -0.25, Σ(x-x̄)² = 1.5, Σ(r-r̄)² = 0.708333
    point-biserial = -0.25 / √(1.5 × 0.708333) = -0.242536.
    27% of 6 rounds to 2: by rest score (ties by name) ben, dee | ada eve fay | cal;
    upper right 1 of 2, lower (fay, cal) right 1 of 2: upper-lower = 0.
q2: x = 1 1 0 1 0 0, r = .5 1 .5 .5 .5 .5; p = 0.5;
    Σ(x-x̄)(r-r̄) = 0.25, Σ(r-r̄)² = 0.208333; point-biserial = 0.25 / √(1.5 × 0.208333) = 0.447214.
    upper ben, ada (right 2 of 2); lower eve, fay (0 of 2): upper-lower = 1.
q3: x = 0 1 0 1 1 1, r = 1 1 .5 .5 0 0; p = 4/6;
    Σ(x-x̄)(r-r̄) = -0.5, Σ(x-x̄)² = 1.333333, Σ(r-r̄)² = 1;
    point-biserial = -0.5 / √1.333333 = -0.433013.
    upper ada, ben (1 of 2); lower eve, fay (2 of 2): upper-lower = -0.5.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from course.instructor.analysis import (
    ClassReport,
    Settings,
    analyse_class,
    pearson,
    upper_lower,
)
from course.instructor.loading import load_results
from course.instructor.results import QuestionRecord, ResultsFile
from course.models import Lesson, Manifest, Objective
from course.questions import QuizBank, parse_bank

FIXTURE = Path(__file__).parent / "fixtures" / "results_item_stats"
LESSON = "00-start-here"


def fixture_course() -> tuple[Manifest, dict[str, QuizBank]]:
    """A one-lesson manifest with the fixture's bank (objectives L00-O1 and L00-O2)."""
    objectives = (
        Objective("L00-O1", "First goal.", LESSON),
        Objective("L00-O2", "Second goal.", LESSON),
    )
    lesson = Lesson(LESSON, "Start here", "00.ipynb", "p", objectives, (), 10, 10, (LESSON,))
    raw = yaml.safe_load((FIXTURE / "bank.yaml").read_text())
    return Manifest("Fixture", 0.7, (lesson,)), {LESSON: parse_bank(raw, "bank.yaml")}


@pytest.fixture
def report() -> ClassReport:
    manifest, banks = fixture_course()
    loaded = load_results(FIXTURE, lessons={LESSON}, check_owner=False)
    assert len(loaded.accepted) == 6
    assert [r.file for r in loaded.rejected] == ["bank.yaml"]
    return analyse_class(
        loaded.accepted, manifest, banks, roster=["gus"], settings=Settings(min_responses=5)
    )


def test_difficulty_is_the_share_right_on_the_first_try(report: ClassReport) -> None:
    assert report.item(LESSON, "q1").difficulty == pytest.approx(0.5)
    assert report.item(LESSON, "q2").difficulty == pytest.approx(0.5)
    assert report.item(LESSON, "q3").difficulty == pytest.approx(4 / 6)
    assert [report.item(LESSON, q).responses for q in ("q1", "q2", "q3")] == [6, 6, 6]


def test_point_biserial_matches_the_hand_computed_values(report: ClassReport) -> None:
    assert report.item(LESSON, "q1").point_biserial == pytest.approx(-0.242536, abs=1e-6)
    assert report.item(LESSON, "q2").point_biserial == pytest.approx(0.447214, abs=1e-6)
    assert report.item(LESSON, "q3").point_biserial == pytest.approx(-0.433013, abs=1e-6)


def test_upper_lower_matches_the_hand_computed_values(report: ClassReport) -> None:
    assert report.item(LESSON, "q1").upper_lower == pytest.approx(0.0)
    assert report.item(LESSON, "q2").upper_lower == pytest.approx(1.0)
    assert report.item(LESSON, "q3").upper_lower == pytest.approx(-0.5)


def test_wrong_choices_are_counted_on_the_first_try(report: ClassReport) -> None:
    def picks(question: str) -> list[tuple[str, int]]:
        return [(p.label, p.count) for p in report.item(LESSON, question).wrong_picks]

    assert picks("q1") == [("B. wrong one", 2), ("C. other wrong one", 1)]
    assert picks("q2") == [("B. wrong one", 2), ("C. other wrong one", 1)]
    assert picks("q3") == [("B. wrong one", 2), ("C. unused one", 0), ("D. another unused one", 0)]


def test_flags_negative_discrimination_and_unpicked_distractors(report: ClassReport) -> None:
    codes = {q: [f.code for f in report.item(LESSON, q).flags] for q in ("q1", "q2", "q3")}
    assert codes == {
        "q1": ["negative-discrimination"],
        "q2": [],
        "q3": ["negative-discrimination", "unpicked-distractor", "unpicked-distractor"],
    }
    texts = [f.text for f in report.item(LESSON, "q3").flags]
    assert "nobody picked the distractor 'C. unused one'" in texts


def test_no_flags_with_fewer_responses_than_the_minimum() -> None:
    manifest, banks = fixture_course()
    loaded = load_results(FIXTURE, lessons={LESSON}, check_owner=False)
    quiet = analyse_class(loaded.accepted, manifest, banks, settings=Settings(min_responses=10))
    assert all(not item.flags for item in quiet.items)


def test_mastery_uses_the_latest_try(report: ClassReport) -> None:
    first, second = report.objectives
    assert (first.objective_id, first.learners, first.mastered) == ("L00-O1", 6, 3)
    assert first.mean_mastery == pytest.approx(4 / 6)
    assert (second.objective_id, second.learners, second.mastered) == ("L00-O2", 6, 5)
    assert second.mean_mastery == pytest.approx(5 / 6)


def test_scores_completion_and_learners_who_need_a_look(report: ClassReport) -> None:
    assert report.learners == ("ada", "ben", "cal", "dee", "eve", "fay", "gus")
    expected = {"ada": 2 / 3, "ben": 1.0, "cal": 1 / 3, "dee": 2 / 3, "eve": 1 / 3, "fay": 1 / 3}
    for learner, score in expected.items():
        assert report.scores[learner][LESSON] == pytest.approx(score)
        assert report.final[learner] == pytest.approx(score)
    assert report.scores["gus"][LESSON] is None and report.final["gus"] == 0
    lesson = report.lessons[0]
    assert (lesson.learners, lesson.started, lesson.completed, lesson.not_started) == (7, 6, 6, 1)
    situations = {(c.learner, c.situation) for c in report.concerns}
    assert situations == {("gus", "no results"), ("cal", "keeps missing")}
    keeps = next(c for c in report.concerns if c.situation == "keeps missing")
    assert keeps.detail == "3 or more tries and still wrong: q2, q3"


def record(question: str, minutes: int) -> QuestionRecord:
    moment = datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(minutes=minutes)
    return QuestionRecord(LESSON, question, 1, 0, 1.0, True, True, moment)


def test_a_lesson_left_half_done_for_a_week_is_stalled() -> None:
    manifest, banks = fixture_course()
    stalled = ResultsFile(
        "hal.json", "hal", LESSON, "0.1.0", datetime(2026, 11, 1, 10, tzinfo=UTC), "1" * 32,
        {(LESSON, "q1"): record("q1", 0)}, {},
    )  # fmt: skip
    recent = ResultsFile(
        "ivy.json", "ivy", LESSON, "0.1.0", datetime(2026, 11, 10, 10, tzinfo=UTC), "2" * 32,
        {(LESSON, q): record(q, 9 * 24 * 60) for q in ("q1", "q2")}, {},
    )  # fmt: skip
    report = analyse_class([stalled, recent], manifest, banks)
    assert [(c.learner, c.situation) for c in report.concerns] == [("hal", "stalled")]
    assert report.concerns[0].detail == "1 of 3 questions answered; no answer for 9 days"


def test_the_arithmetic_helpers_on_edge_cases() -> None:
    assert pearson([1, 0], [1, 0]) is None  # fewer than 3 pairs
    assert pearson([1, 1, 1, 1], [0.1, 0.5, 0.2, 0.9]) is None  # everyone right: no variance
    assert upper_lower([(1.0, "a", 1.0)]) is None
    assert upper_lower([(1.0, "a", 1.0), (0.0, "b", 0.0)]) == 1.0


def test_attempts_for_other_lessons_or_unknown_questions_are_ignored() -> None:
    manifest, banks = fixture_course()
    odd = ResultsFile(
        "odd.json", "odd", LESSON, "0.1.0", datetime(2026, 11, 1, tzinfo=UTC), "3" * 32,
        {("other-quiz", "q1"): record("q1", 0), (LESSON, "q9"): record("q9", 1)}, {},
    )  # fmt: skip
    report = analyse_class([odd], manifest, banks)
    assert report.scores["odd"][LESSON] == 0.0
    assert report.lessons[0].started == 0
