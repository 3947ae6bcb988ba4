"""The final-assessment widget, driven through its verbs (course/widgets/assessment.py)."""

from __future__ import annotations

import ast
import base64
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from assessment_support import CASES, RecordingStore, make_assessment_course

from course import content
from course.errors import AnswerError
from course.grading import correct_path, correct_response
from course.widgets import assessment as widget_module
from course.widgets.assessment import (
    AssessmentView,
    build_final_assessment,
    link_target,
    show_final_assessment,
)

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("COURSE_OUTPUT", str(tmp_path / "out"))
    yield make_assessment_course(tmp_path, monkeypatch)
    content.clear_caches()


@pytest.fixture
def store() -> RecordingStore:
    return RecordingStore()


@pytest.fixture
def view(store: RecordingStore) -> AssessmentView:
    return build_final_assessment(learner="ada", store=store, today=lambda: DAY)


def answer_right(view: AssessmentView, question_id: str) -> None:
    """Answer one question right on the first try, as a learner would."""
    question = view.quiz.question(question_id)
    if question.question.kind == "case":
        path = correct_path(question.question)  # type: ignore[arg-type]
        for step in range(len(path)):
            question.answer(path[: step + 1])
            question.submit()
        return
    question.answer(correct_response(question.question))
    question.submit()


def answer_wrong(view: AssessmentView, question_id: str) -> None:
    """Answer a true/false question wrong (every synthetic one is True)."""
    question = view.quiz.question(question_id)
    question.answer(False)
    question.submit()


def test_repr_is_short_stable_and_the_same_for_every_learner(store: RecordingStore) -> None:
    ada = build_final_assessment(learner="ada", store=store)
    bob = build_final_assessment(learner="bob", store=store)
    assert repr(ada) == repr(bob) == "Final assessment: 6 questions"
    assert ada._repr_mimebundle_()["text/plain"] == "Final assessment: 6 questions"


def test_the_quiz_holds_the_learners_draw_cases_first(view: AssessmentView) -> None:
    assert view.quiz.question_ids == view.draw.question_ids
    assert view.quiz.question_ids[:2] == CASES
    assert view.quiz.quiz_id == "08-final"
    assert "6 questions" in view.intro_area.value and "70 out of 100" in view.intro_area.value


def test_all_right_passes_and_offers_a_certificate(
    view: AssessmentView, store: RecordingStore
) -> None:
    for qid in view.draw.question_ids:
        answer_right(view, qid)
    result = view.finish()
    assert result.passed and result.percent == 100
    assert "✔ Passed: 100 out of 100" in view.result_area.value
    assert "Nothing to review" in view.result_area.value
    assert view.certificate_box.layout.display is None
    assert store.events == [("08-final", "completed")]
    assert len(store.attempts) == 6  # one attempt per question; a case records at its end
    assert view.state.finished and view.state.passed and view.state.percent == 100


def test_attempts_are_recorded_under_each_questions_own_lesson(
    view: AssessmentView, store: RecordingStore
) -> None:
    for qid in view.draw.question_ids:
        answer_right(view, qid)
    lessons = {attempt.question_id: lesson for attempt, lesson in store.attempts}
    assert lessons["final-case-a"] == "08-final"
    assert {lessons[q.id] for q in view.draw.questions if q.objective == "L00-O1"} == {"00-alpha"}


def test_making_the_certificate_writes_the_escaped_file_and_shows_a_link(
    view: AssessmentView, tmp_path: Path
) -> None:
    for qid in view.draw.question_ids:
        answer_right(view, qid)
    view.finish()
    path = view.make_certificate("<b>Ada</b>")
    assert path.parent == tmp_path / "out"
    assert path.is_file()
    assert "&lt;b&gt;Ada&lt;/b&gt;" in path.read_text(encoding="utf-8")
    assert view.name_input.value == "<b>Ada</b>"
    assert "✔ Your certificate is ready" in view.certificate_area.value
    assert path.name in view.certificate_area.value
    assert view.state.certificate == path
    found = re.search(
        r'href="data:text/html;charset=utf-8;base64,([^"]+)" download="([^"]+)"',
        view.certificate_area.value,
    )
    assert found is not None
    assert base64.b64decode(found.group(1)) == path.read_bytes()
    assert found.group(2) == path.name


def test_the_certificate_button_uses_the_name_typed(view: AssessmentView) -> None:
    for qid in view.draw.question_ids:
        answer_right(view, qid)
    view.finish_button.click()
    view.name_input.value = "Grace Hopper"
    view.certificate_button.click()
    assert view.certificate is not None
    assert "Grace Hopper" in view.certificate.read_text(encoding="utf-8")


def test_nothing_answered_fails_and_lists_what_to_review(
    view: AssessmentView, store: RecordingStore
) -> None:
    result = view.finish()
    assert not result.passed and result.answered == 0
    html = view.result_area.value
    assert "✘ Not passed yet: 0 out of 100" in html
    assert "You answered 0 of 6 questions" in html
    assert 'href="00-alpha.ipynb"' in html and 'href="08-final.ipynb"' in html
    assert "L01-O1: Do what L01-O1 asks." in html
    assert view.certificate_box.layout.display == "none"
    assert store.events == []  # neither passed nor every question answered


def test_no_certificate_before_finishing_or_without_a_pass(view: AssessmentView) -> None:
    with pytest.raises(AnswerError, match="Finish and see my result"):
        view.make_certificate("Ada")
    assert "⚠ No certificate yet" in view.certificate_area.value
    view.finish()
    with pytest.raises(AnswerError, match="at least 70 out of 100"):
        view.make_certificate("Ada")
    view.certificate_button.click()  # the button shows the message and raises nothing
    assert view.certificate is None


def test_an_empty_name_is_refused_with_a_message(view: AssessmentView) -> None:
    for qid in view.draw.question_ids:
        answer_right(view, qid)
    view.finish()
    with pytest.raises(AnswerError, match="type the name"):
        view.make_certificate("   ")
    assert "type the name" in view.certificate_area.value


def test_the_score_by_objective_shows_which_to_review(view: AssessmentView) -> None:
    drawn_l01 = next(q.id for q in view.draw.questions if q.objective == "L01-O1")
    for qid in view.draw.question_ids:
        if qid == drawn_l01:
            answer_wrong(view, qid)
        else:
            answer_right(view, qid)
    result = view.finish()
    assert result.percent == 83 and result.passed
    assert [item.id for item in result.review] == ["L01-O1"]
    assert "✘ Review" in view.result_area.value and "✔ Good" in view.result_area.value


def test_failing_then_retaking_can_pass(view: AssessmentView, store: RecordingStore) -> None:
    for qid in view.draw.drawn:
        answer_wrong(view, qid)
    assert not view.finish().passed
    assert store.events == []
    view.quiz.reset()
    for qid in view.draw.question_ids:
        answer_right(view, qid)
    assert view.finish().passed
    assert view.certificate_box.layout.display is None
    view.finish()
    assert store.events == [("08-final", "completed")]  # recorded once


def test_a_broken_store_does_not_hide_the_result(view: AssessmentView) -> None:
    class Broken(RecordingStore):
        def record_lesson(self, lesson_id: str, event: str) -> None:
            raise OSError("database is locked")

    view.store = Broken()
    for qid in view.draw.question_ids:
        answer_right(view, qid)
    assert view.finish().passed
    assert "Passed" in view.result_area.value


def test_show_final_assessment_displays_one_view_and_records_the_lesson_opened(
    monkeypatch: pytest.MonkeyPatch, store: RecordingStore
) -> None:
    shown: list[Any] = []
    monkeypatch.setattr(widget_module, "display", shown.append)
    monkeypatch.setattr(widget_module, "default_recorder", lambda: store)
    monkeypatch.setattr("course.progress.current_learner", lambda: "ada")
    assert show_final_assessment() is None
    assert len(shown) == 1 and isinstance(shown[0], AssessmentView)
    assert shown[0].draw.learner == "ada"
    assert store.events == [("08-final", "opened")]


def test_the_verb_is_exported_by_the_package() -> None:
    import course

    assert "show_final_assessment" in course.__all__


def test_links_are_relative_inside_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert link_target(tmp_path / "course-output" / "c.html") == "course-output/c.html"
    assert link_target(Path("/elsewhere/c.html")) == "file:///elsewhere/c.html"


@pytest.mark.parametrize("module", ["course/assessment.py", "course/certificate.py"])
def test_the_logic_modules_import_no_widgets(module: str) -> None:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    }
    assert not {name for name in imported if name.split(".")[0] in {"ipywidgets", "IPython"}}
    assert not any(name.startswith("course.widgets") for name in imported)
