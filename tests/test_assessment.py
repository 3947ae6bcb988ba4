"""The final assessment's draw, scoring and checks (course/assessment.py).

Exact assertions run on a small synthetic course (tests/assessment_support.py);
the last tests run over the real course in data/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from assessment_support import CASES, EXPECTED_PER_OBJECTIVE, make_assessment_course

from course import assessment, content
from course.assessment import (
    AssessmentRules,
    Draw,
    check_assessment,
    draw_for,
    draw_key,
    draw_questions,
    load_rules,
    passes,
    score_assessment,
)
from course.errors import ContentError
from course.grading import QuestionResult
from course.models import Lesson, Manifest, Objective
from course.questions import TrueFalse

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 21)
LEARNERS = [f"learner-{n}" for n in range(20)]


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The synthetic course: 3 questions per objective, the rules of assessment_support."""
    yield make_assessment_course(tmp_path, monkeypatch)
    content.clear_caches()


# --- the draw -------------------------------------------------------------------------------


def test_the_same_learner_gets_the_same_set(course: Path) -> None:
    first = draw_for("ada").question_ids
    content.clear_caches()
    assert draw_for("ada").question_ids == first


def test_the_draw_does_not_depend_on_pythons_string_hash(course: Path) -> None:
    script = "from course.assessment import draw_for; print(','.join(draw_for('ada').question_ids))"
    outputs = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout.strip())
    assert outputs == {",".join(draw_for("ada").question_ids)}


def test_different_learners_get_different_sets(course: Path) -> None:
    sets = {draw_for(learner).question_ids for learner in LEARNERS}
    assert len(sets) > 10
    assert draw_for("ada").question_ids != draw_for("bob").question_ids


def test_every_learner_gets_the_same_number_of_questions_per_objective(course: Path) -> None:
    for learner in LEARNERS:
        assert draw_for(learner).per_objective() == EXPECTED_PER_OBJECTIVE


def test_the_draw_covers_every_objective_of_the_manifest(course: Path) -> None:
    drawn = draw_for("ada")
    assert set(drawn.per_objective()) == {o.id for o in content.manifest().objectives}
    assert drawn.uncovered == ()


def test_the_cases_come_first_in_the_rules_order_for_everyone(course: Path) -> None:
    for learner in LEARNERS:
        drawn = draw_for(learner)
        assert drawn.question_ids[: len(CASES)] == CASES
        assert drawn.fixed == CASES
        assert not set(CASES) & set(drawn.drawn)


def test_drawn_questions_follow_course_order(course: Path) -> None:
    objectives = [q.objective for q in draw_for("ada").questions[len(CASES) :]]
    assert objectives == ["L00-O1", "L00-O2", "L01-O1", "L08-O1"]


def test_every_question_can_be_drawn_for_some_learner(course: Path) -> None:
    seen = {qid for learner in LEARNERS for qid in draw_for(learner).drawn}
    assert {"00-alpha-l00-o1-1", "00-alpha-l00-o1-2", "00-alpha-l00-o1-3"} <= seen


def test_a_new_seed_gives_learners_new_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assessment_course(tmp_path / "one", monkeypatch)
    before = [draw_for(learner).question_ids for learner in LEARNERS]
    make_assessment_course(tmp_path / "two", monkeypatch, rule_changes={"seed": "new-cohort"})
    after = [draw_for(learner).question_ids for learner in LEARNERS]
    assert before != after


def test_a_small_pool_gives_everyone_all_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assessment_course(
        tmp_path,
        monkeypatch,
        pool=1,
        rule_changes={"per_objective": 2, "per_objective_in_lesson": {}},
    )
    sets = {draw_for(learner).question_ids for learner in LEARNERS}
    assert len(sets) == 1
    # one question each in the pools of lessons 00 and 01; the two cases already fill L08-O1
    assert draw_for("ada").per_objective() == {"L00-O1": 1, "L00-O2": 1, "L01-O1": 1, "L08-O1": 2}


def test_an_objective_without_questions_is_reported_as_uncovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lessons = {"00-alpha": ("L00-O1",), "01-beta": ("L01-O1",), "08-final": ("L08-O1",)}
    make_assessment_course(tmp_path, monkeypatch, lessons=lessons)
    (tmp_path / "data" / "quizzes" / "01-beta.yaml").unlink()
    drawn = draw_for("ada")
    assert drawn.uncovered == ("L01-O1",)
    problems = [str(p) for p in check_assessment()]
    assert problems == [
        "data/assessment.yaml: objective 'L01-O1': needs 1 question in the final assessment "
        "but the banks have 0; fix: add questions with 'objective: L01-O1' to "
        "data/quizzes/01-beta.yaml, or ask for fewer in data/assessment.yaml"
    ]


def test_a_missing_fixed_question_is_a_content_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assessment_course(tmp_path, monkeypatch, rule_changes={"always_include": ["no-such-case"]})
    with pytest.raises(
        ContentError, match=r"data/assessment\.yaml: always_include: .*no-such-case"
    ):
        draw_for("ada")


def test_draw_key_is_sha256_of_seed_learner_and_question() -> None:
    assert draw_key("s", "ada", "q1") == hashlib.sha256(b"s\x1fada\x1fq1").hexdigest()


def test_questions_on_objectives_outside_the_manifest_are_never_drawn() -> None:
    draw, manifest = ten_question_course()
    stray = question("stray", "L09-O1")
    rules = AssessmentRules("T", "00-a", "s", ("q0",), 2)
    drawn = draw_questions("ada", rules, manifest, (*draw.questions, stray))
    assert "stray" not in drawn.question_ids
    assert drawn.per_objective() == {"L00-O1": 2, "L01-O1": 2}
    assert drawn.question_ids[0] == "q0"


def test_rules_target_uses_the_lesson_override() -> None:
    rules = AssessmentRules("T", "08-final", "s", ("a",), 1, {"08-final": 4})
    assert rules.target(Objective("L08-O1", "t", "08-final")) == 4
    assert rules.target(Objective("L00-O1", "t", "00-alpha")) == 1


# --- checks -----------------------------------------------------------------------------------


def test_the_synthetic_rules_have_no_problems(course: Path) -> None:
    assert check_assessment() == []
    assert load_rules().always_include == CASES


def test_check_reports_an_unknown_bank_and_lesson(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assessment_course(
        tmp_path,
        monkeypatch,
        rule_changes={"bank": "09-nothing", "per_objective_in_lesson": {"07-gone": 2}},
    )
    problems = [str(p) for p in check_assessment()]
    assert any(
        "bank: names the question bank '09-nothing', which does not exist" in p for p in problems
    )
    assert any("per_objective_in_lesson '07-gone': names a lesson" in p for p in problems)
    # the fixed cases are in 08-final, not in the bank named
    assert any("always_include 'final-case-a': is in the bank '08-final'" in p for p in problems)


def test_check_reports_a_fixed_question_in_no_bank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assessment_course(tmp_path, monkeypatch, rule_changes={"always_include": ["ghost-case"]})
    problems = [str(p) for p in check_assessment()]
    assert (
        "data/assessment.yaml: always_include 'ghost-case': is in no question bank" in problems[0]
    )


def test_check_reports_an_objective_short_of_questions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assessment_course(
        tmp_path, monkeypatch, rule_changes={"per_objective_in_lesson": {"08-final": 9}}
    )
    problems = [str(p) for p in check_assessment()]
    assert problems == [
        "data/assessment.yaml: objective 'L08-O1': needs 9 questions in the final assessment "
        "but the banks have 5; fix: add questions with 'objective: L08-O1' to "
        "data/quizzes/08-final.yaml, or ask for fewer in data/assessment.yaml"
    ]


def test_rules_that_break_the_schema_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assessment_course(tmp_path, monkeypatch, rule_changes={"per_objective": 0})
    with pytest.raises(ContentError, match=r"assessment\.yaml"):
        load_rules()


# --- scoring ------------------------------------------------------------------------------------


def question(qid: str, objective: str) -> TrueFalse:
    return TrueFalse(
        id=qid,
        prompt="p",
        objective=objective,
        references=("K",),
        difficulty=1,
        explanation="e",
        answer=True,
        feedback={"true": "yes", "false": "no"},
    )


def ten_question_course(pass_mark: float = 0.7) -> tuple[Draw, Manifest]:
    """Ten questions: 5 on L00-O1, 5 on L01-O1."""
    objectives = {
        "00-a": Objective("L00-O1", "Do A.", "00-a"),
        "01-b": Objective("L01-O1", "Do B.", "01-b"),
    }
    lessons = tuple(
        Lesson(lid, f"Lesson {lid}", f"{lid}.ipynb", "promise", (obj,), (), 5, 5, (lid,))
        for lid, obj in objectives.items()
    )
    questions = tuple(question(f"q{n}", "L00-O1" if n < 5 else "L01-O1") for n in range(10))
    return Draw("ada", questions, ()), Manifest("A course", pass_mark, lessons)


def results(scores: list[float | None]) -> list[QuestionResult]:
    return [
        QuestionResult(f"q{n}", "L00-O1" if n < 5 else "L01-O1", s is not None, s, s == 1.0, False)
        for n, s in enumerate(scores)
    ]


def test_a_score_exactly_at_the_pass_mark_passes() -> None:
    draw, manifest = ten_question_course()
    result = score_assessment(draw, results([1.0] * 7 + [0.0] * 3), manifest, DAY)
    assert result.score == pytest.approx(0.7)
    assert result.passed
    assert result.percent == 70


def test_a_score_just_below_the_pass_mark_fails() -> None:
    draw, manifest = ten_question_course()
    result = score_assessment(draw, results([1.0] * 6 + [0.99] + [0.0] * 3), manifest, DAY)
    assert result.score == pytest.approx(0.699)
    assert not result.passed


@pytest.mark.parametrize(
    ("score", "mark", "expected"),
    [
        (0.7, 0.7, True),
        (0.1 + 0.6, 0.7, True),
        (0.6999, 0.7, False),
        (1.0, 1.0, True),
        (0.0, 0.0, True),
    ],
)
def test_passes_compares_at_the_boundary(score: float, mark: float, expected: bool) -> None:
    assert passes(score, mark) is expected


def test_unanswered_questions_count_as_zero() -> None:
    draw, manifest = ten_question_course()
    result = score_assessment(draw, results([1.0] * 5 + [None] * 5), manifest, DAY)
    assert (result.answered, result.total, result.score, result.passed) == (5, 10, 0.5, False)
    assert score_assessment(draw, [], manifest, DAY).answered == 0


def test_scores_by_objective_and_what_to_review() -> None:
    draw, manifest = ten_question_course()
    result = score_assessment(draw, results([1.0] * 5 + [1.0, 0.5, 0.0, None, 1.0]), manifest, DAY)
    by_id = {item.id: item for item in result.by_objective}
    assert by_id["L00-O1"].score == 1.0
    assert by_id["L01-O1"].score == pytest.approx(0.5)
    assert (by_id["L01-O1"].questions, by_id["L01-O1"].answered) == (5, 4)
    assert [item.id for item in result.review] == ["L01-O1"]
    assert result.review[0].notebook == "01-b.ipynb"
    assert result.passed  # 7.5 of 10 overall
    assert (result.course_title, result.day, result.learner) == ("A course", DAY, "ada")


def test_a_higher_pass_mark_in_the_manifest_changes_the_result() -> None:
    draw, manifest = ten_question_course(pass_mark=0.8)
    result = score_assessment(draw, results([1.0] * 7 + [0.0] * 3), manifest, DAY)
    assert not result.passed
    assert result.pass_mark == 0.8


def test_scoring_a_real_draw_of_the_synthetic_course(course: Path) -> None:
    drawn = draw_for("ada")
    all_right = [QuestionResult(q.id, q.objective, True, 1.0, True, False) for q in drawn.questions]
    result = score_assessment(drawn, all_right, content.manifest(), DAY)
    assert result.passed and result.review == () and result.percent == 100
    assert [item.id for item in result.by_objective] == ["L00-O1", "L00-O2", "L01-O1", "L08-O1"]


# --- the real course ------------------------------------------------------------------------------


@pytest.fixture
def real_course(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("COURSE_DATA", raising=False)
    content.clear_caches()
    yield
    content.clear_caches()


def objectives_with_questions() -> set[str]:
    return {q.objective for q in assessment.all_questions()}


def test_the_real_rules_load_and_name_the_four_cases(real_course: None) -> None:
    rules = load_rules()
    assert len(rules.always_include) >= 4
    kinds = {q.id: q.kind for q in assessment.all_questions()}
    assert all(kinds[qid] == "case" for qid in rules.always_include)


def test_the_real_draw_covers_every_objective_that_has_questions(real_course: None) -> None:
    manifest_ids = {o.id for o in content.manifest().objectives}
    drawn = draw_for("ada")
    assert set(drawn.per_objective()) == objectives_with_questions() & manifest_ids
    assert set(drawn.uncovered) == manifest_ids - objectives_with_questions()


def test_two_real_learners_get_different_but_equivalent_sets(real_course: None) -> None:
    ada, bob = draw_for("ada"), draw_for("bob")
    assert ada.question_ids != bob.question_ids
    assert ada.per_objective() == bob.per_objective()
    assert ada.question_ids == draw_for("ada").question_ids


def test_the_real_rules_have_no_problems_for_lessons_with_banks(real_course: None) -> None:
    missing = {
        lesson.id
        for lesson in content.manifest().lessons
        if not any((ROOT / "data" / "quizzes" / f"{q}.yaml").is_file() for q in lesson.quizzes)
    }
    problems = [p for p in check_assessment() if not any(f"/{m}.yaml" in str(p) for m in missing)]
    assert problems == []
