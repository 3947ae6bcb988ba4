"""Question-bank rules: one fixture per rule, each asserted for its message (bankrules.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from quiz_support import forget_figures, make_test_course, read_fixture, use_test_figure

from course import figures
from course.bankrules import check_banks
from course.errors import ContentError
from course.questions import load_bank

GOOD = ["quiz_every_kind.yaml", "quiz_lesson_one.yaml"]


@pytest.fixture(autouse=True)
def test_figure(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_test_figure(monkeypatch)
    yield
    forget_figures()


def problems_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, banks: list[str]
) -> list[ContentError]:
    make_test_course(tmp_path, monkeypatch, banks)
    return check_banks()


def test_the_good_fixture_course_has_no_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert problems_with(tmp_path, monkeypatch, GOOD) == []


# fixture, question id named in the location, words the problem must contain, words of the fix
RULES = [
    (
        "quiz_bad_two_correct.yaml",
        "bad-two-correct",
        "marks 2 choices correct, but a single-choice question needs exactly one",
        "mark exactly one choice",
    ),
    (
        "quiz_bad_no_correct.yaml",
        "bad-no-correct",
        "marks 0 choices correct",
        "mark exactly one choice",
    ),
    (
        "quiz_bad_multiple_none_correct.yaml",
        "bad-multiple-none",
        "marks no choice correct",
        "mark at least one choice",
    ),
    (
        "quiz_bad_numeric_out_of_range.yaml",
        "bad-numeric-range",
        "has the answer 120, outside its range [0, 100]",
        "widen the range",
    ),
    (
        "quiz_bad_case_cycle.yaml",
        "bad-case-cycle",
        "has parts that lead in a circle: start → middle → start",
        "make every path end at a choice without 'next'",
    ),
    (
        "quiz_bad_case_dangling_next.yaml",
        "bad-case-next",
        "has a choice whose next part 'nowhere' does not exist",
        "use one of the part ids",
    ),
    (
        "quiz_bad_case_unreachable.yaml",
        "bad-case-unreachable",
        "has part 'lost', which no choice leads to",
        "next: lost",
    ),
    (
        "quiz_bad_unknown_figure.yaml",
        "bad-unknown-figure",
        "uses the figure 'no_such_figure', which the course does not draw",
        "use one of: test_square",
    ),
    (
        "quiz_bad_marker_number.yaml",
        "bad-marker-number",
        "asks about marker 3, which the figure 'test_square' does not have",
        "use one of its markers: 1, 2",
    ),
    (
        "quiz_bad_marker_label.yaml",
        "bad-marker-label",
        "labels marker 2 'Base', but the figure names it 'Bottom'",
        "use the figure's label",
    ),
    (
        "quiz_bad_duplicate_item.yaml",
        "bad-duplicate-item",
        "has the item 'Same item' 2 times",
        "make each item different",
    ),
    (
        "quiz_bad_duplicate_step.yaml",
        "bad-duplicate-step",
        "has the step 'A step' 2 times",
        "make each step different",
    ),
    (
        "quiz_bad_duplicate_id.yaml",
        "ek-single",
        "uses an id already used in data/quizzes/00-bad-duplicate-id.yaml",
        "unique in the whole course",
    ),
    (
        "quiz_bad_duplicate_id_in_bank.yaml",
        "twice",
        "is used by 2 questions in this bank",
        "give each question its own id",
    ),
    (
        "quiz_bad_unknown_objective.yaml",
        "bad-unknown-objective",
        "assesses the objective 'L00-O9', which is not in data/course.yaml",
        "use an objective id of the lesson 00-start-here",
    ),
    (
        "quiz_bad_objective_other_lesson.yaml",
        "bad-objective-other-lesson",
        "assesses 'L01-O1', an objective of the lesson '01-lesson-one'",
        "use an objective of this bank's lesson",
    ),
    (
        "quiz_bad_dangling_reference.yaml",
        "bad-dangling-reference",
        "cites the reference key 'NO-SUCH-REF', which does not resolve",
        "add a record with this key to data/references.yaml",
    ),
]


@pytest.mark.parametrize(
    ("fixture", "question_id", "problem", "fix"), RULES, ids=[rule[0] for rule in RULES]
)
def test_each_rule_reports_file_question_and_fix(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fixture: str,
    question_id: str,
    problem: str,
    fix: str,
) -> None:
    problems = problems_with(tmp_path, monkeypatch, [*GOOD, fixture])
    assert len(problems) == 1, "\n".join(map(str, problems))
    error = problems[0]
    bank_id = read_fixture(fixture)["id"]
    if question_id == "ek-single":  # a repeated id is reported in the later file, by name
        bank_id = "00-every-kind"
    assert error.file == f"data/quizzes/{bank_id}.yaml"
    assert f"question '{question_id}'" in error.location
    assert problem in error.problem
    assert fix in error.fix
    assert str(error).startswith(f"data/quizzes/{bank_id}.yaml: question '{question_id}'")


def test_objective_assessed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = problems_with(
        tmp_path, monkeypatch, ["quiz_bad_objective_assessed_once.yaml", "quiz_lesson_one.yaml"]
    )
    assert [str(p) for p in problems] == [
        "data/quizzes/00-every-kind.yaml: objective 'L00-O2': is assessed by 1 question; every "
        "objective needs at least 2; fix: add questions with 'objective: L00-O2'"
    ]


def test_unknown_lesson(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problems = problems_with(tmp_path, monkeypatch, [*GOOD, "quiz_bad_unknown_lesson.yaml"])
    assert [str(p) for p in problems] == [
        "data/quizzes/00-bad-unknown-lesson.yaml: lesson: names the lesson '09-nowhere', which is "
        "not in data/course.yaml; fix: use one of: 00-start-here, 01-lesson-one"
    ]


def test_missing_feedback_fails_loading_naming_the_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems = problems_with(tmp_path, monkeypatch, [*GOOD, "quiz_bad_missing_feedback.yaml"])
    assert len(problems) == 1
    error = problems[0]
    assert error.file == "data/quizzes/00-bad-missing-feedback.yaml"
    assert "(id 'bad-missing-feedback')" in error.location
    assert "feedback" in error.problem


def test_all_problems_are_collected_not_only_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    banks = [
        *GOOD,
        "quiz_bad_two_correct.yaml",
        "quiz_bad_case_cycle.yaml",
        "quiz_bad_dangling_reference.yaml",
        "quiz_bad_missing_feedback.yaml",
    ]
    assert len(problems_with(tmp_path, monkeypatch, banks)) == 4


def test_no_manifest_or_references_is_one_problem_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_test_course(tmp_path, monkeypatch, GOOD)
    (data / "course.yaml").unlink()
    (data / "references.yaml").unlink()
    messages = [str(p) for p in check_banks()]
    assert len(messages) == 2
    assert all("the file does not exist" in m for m in messages)


def test_a_broken_figure_module_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(figures, "figure_modules", lambda: ["course.figures.no_such_module"])
    figures.registry.cache_clear()
    problems = problems_with(tmp_path, monkeypatch, GOOD)
    assert len(problems) == 1
    assert problems[0].file == "course/figures"


LOCAL_RULES = [
    rule
    for rule in RULES
    if rule[0]
    not in {
        "quiz_bad_unknown_figure.yaml",
        "quiz_bad_marker_number.yaml",
        "quiz_bad_marker_label.yaml",
        "quiz_bad_duplicate_id.yaml",
        "quiz_bad_unknown_objective.yaml",
        "quiz_bad_objective_other_lesson.yaml",
        "quiz_bad_dangling_reference.yaml",
    }
]


@pytest.mark.parametrize(
    ("fixture", "question_id", "problem", "fix"), LOCAL_RULES, ids=[rule[0] for rule in LOCAL_RULES]
)
def test_loading_refuses_a_bank_that_breaks_a_rule_of_its_own(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fixture: str,
    question_id: str,
    problem: str,
    fix: str,
) -> None:
    make_test_course(tmp_path, monkeypatch, [fixture])
    with pytest.raises(ContentError) as caught:
        load_bank(read_fixture(fixture)["id"])
    assert f"question '{question_id}'" in caught.value.location
    assert problem in caught.value.problem
