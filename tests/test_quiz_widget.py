"""The quiz widgets, driven through their Python verbs like a learner (course/widgets/quiz.py)."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest
from quiz_support import BrokenStore, FakeStore, forget_figures, make_test_course, use_test_figure

from course.errors import AnswerError, ContentError
from course.questions import display_order, load_bank
from course.widgets import quiz as quiz_module
from course.widgets.quiz import (
    CaseView,
    MemoryStore,
    OrderingView,
    QuizStateError,
    QuizView,
    build_quiz,
    default_recorder,
    question_view,
    show_quiz,
)

CONTROLS = (widgets.Button, widgets.Checkbox, widgets.Dropdown, widgets.RadioButtons, widgets.Text)


@pytest.fixture(autouse=True)
def test_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The small test course (every-kind bank, test references, test figure)."""
    use_test_figure(monkeypatch)
    yield make_test_course(tmp_path, monkeypatch, ["quiz_every_kind.yaml", "quiz_lesson_one.yaml"])
    forget_figures()


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def quiz(store: FakeStore) -> QuizView:
    return build_quiz("00-every-kind", store=store)


def descendants(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    """The widget and every widget inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def count_changes(widget: widgets.Widget) -> list[Any]:
    """A list that grows by one each time the widget's value is assigned a new value."""
    changes: list[Any] = []
    widget.observe(lambda change: changes.append(change["new"]), names="value")
    return changes


# --- display and representation -------------------------------------------------------------


def test_reprs_are_short_and_stable(quiz: QuizView) -> None:
    assert repr(quiz) == "Quiz '00-every-kind': 8 questions"
    assert quiz._repr_mimebundle_()["text/plain"] == "Quiz '00-every-kind': 8 questions"
    assert repr(quiz.question("ek-case")) == "Question 'ek-case' (case)"


def test_show_quiz_displays_one_widget_and_returns_none(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Any] = []
    monkeypatch.setattr(quiz_module, "display", shown.append)
    assert show_quiz("00-every-kind") is None
    assert len(shown) == 1
    assert isinstance(shown[0], QuizView)


def test_show_quiz_unknown_bank_names_the_known_ones() -> None:
    with pytest.raises(ContentError, match="use one of: 00-every-kind, 01-lesson-one"):
        show_quiz("09-nothing")


def test_build_quiz_from_question_ids_of_several_banks(store: FakeStore) -> None:
    review = build_quiz(questions=["ek-numeric", "one-a"], title="Review", store=store)
    assert repr(review) == "Quiz 'review': 2 questions"
    assert review.question_ids == ("ek-numeric", "one-a")
    review.question("one-a").answer(True)
    review.question("one-a").submit()
    attempt, lesson = store.recorded[0]
    assert (attempt.quiz_id, lesson) == ("01-lesson-one", "01-lesson-one")


def test_build_quiz_with_an_unknown_question_id() -> None:
    with pytest.raises(ContentError, match="is in no question bank"):
        build_quiz(questions=["no-such-question"])


def test_quiz_pages_through_questions(quiz: QuizView) -> None:
    assert quiz.state.current_question == "ek-single"
    assert quiz.previous_button.disabled
    assert quiz.next().question.id == "ek-multiple"
    assert quiz.slot.children == (quiz.question("ek-multiple"),)
    quiz.go_to(7)
    assert quiz.next_button.disabled
    assert quiz.previous().question.id == "ek-label"


def test_prompt_markdown_is_rendered_and_numbered(quiz: QuizView) -> None:
    value = quiz.question("ek-single").prompt_area.value
    assert "Question 1 of 8" in value
    assert "Which is <em>right</em>?" in value


def test_unsafe_markdown_in_a_prompt_is_escaped(quiz: QuizView) -> None:
    q = dataclasses.replace(
        quiz.questions[0], prompt="<script>alert(1)</script> [x](javascript:alert(1))"
    )
    value = question_view(q).prompt_area.value
    assert "<script>" not in value
    assert "&lt;script&gt;" in value
    assert 'href="javascript' not in value


# --- Check, feedback, Try again, Reveal -----------------------------------------------------


def test_right_response_gives_feedback_in_one_assignment(quiz: QuizView) -> None:
    view = quiz.question("ek-single")
    changes = count_changes(view.feedback_area)
    view.answer(0)
    result = view.submit()
    assert result.correct
    assert len(changes) == 1
    value = view.feedback_area.value
    for text in (
        "✔ Correct",
        "Feedback for the right choice.",
        "Explanation of the single choice.",
        "Doe et al. 2020",
        'role="status"',
    ):
        assert text in value
    assert view.try_button.disabled and view.reveal_button.disabled and view.check_button.disabled


def test_feedback_cites_references_with_links(quiz: QuizView) -> None:
    view = quiz.question("ek-multiple")
    view.answer({0, 1})
    view.submit()
    value = view.feedback_area.value
    assert 'href="https://doi.org/10.1000/test-a"' in value
    assert "THS 2024" in value


def test_partly_right_shows_the_symbol_word_and_score(quiz: QuizView) -> None:
    view = quiz.question("ek-multiple")
    view.answer({0})
    view.submit()
    assert "◐ Partly right" in view.feedback_area.value
    assert "Score: 50 out of 100" in view.feedback_area.value


def test_wrong_response_locks_until_try_again(quiz: QuizView) -> None:
    view = quiz.question("ek-single")
    view.answer(1)
    result = view.submit()
    assert not result.correct
    assert "✘ Not quite" in view.feedback_area.value
    assert view.radio.disabled and view.check_button.disabled
    assert not view.try_button.disabled
    with pytest.raises(QuizStateError, match="Try again"):
        view.submit()
    with pytest.raises(QuizStateError):
        view.answer(0)
    view.try_again()
    assert not view.radio.disabled and not view.check_button.disabled
    assert "press <strong>Check</strong>" in view.feedback_area.value
    view.answer(0)
    assert view.submit().correct


def test_try_again_before_checking_is_refused(quiz: QuizView) -> None:
    with pytest.raises(QuizStateError, match="press Check first"):
        quiz.question("ek-single").try_again()


def test_reveal_only_after_two_wrong_tries(quiz: QuizView) -> None:
    view = quiz.question("ek-single")
    assert view.reveal_button.disabled
    with pytest.raises(QuizStateError, match="after 2 wrong tries"):
        view.reveal()
    view.answer(1)
    view.submit()
    assert view.reveal_button.disabled
    with pytest.raises(QuizStateError, match="you have had 1"):
        view.reveal()
    view.try_again()
    view.answer(2)
    view.submit()
    assert view.state.can_reveal and not view.reveal_button.disabled
    view.reveal()
    assert view.state.revealed and view.state.finished
    assert view.response == 0
    assert "The answer" in view.feedback_area.value
    assert "Right choice" in view.feedback_area.value
    assert view.try_button.disabled and view.reveal_button.disabled


def test_buttons_do_what_the_verbs_do(quiz: QuizView, store: FakeStore) -> None:
    view = quiz.question("ek-single")
    view.check_button.click()  # empty: a message, nothing recorded
    assert "Not checked yet" in view.feedback_area.value
    view.answer(1)
    view.check_button.click()
    view.try_button.click()
    view.answer(2)
    view.check_button.click()
    view.reveal_button.click()
    assert view.state.revealed
    assert len(store.recorded) == 2


@pytest.mark.parametrize("use_button", [False, True])
def test_reset_clears_the_question(quiz: QuizView, use_button: bool) -> None:
    view = quiz.question("ek-numeric")
    view.answer("3")
    view.submit()
    if use_button:
        view.reset_button.click()
    else:
        view.reset()
    state = view.state
    assert (state.tries, state.wrong_tries, state.locked, state.response) == (0, 0, False, "")
    assert view.feedback_area.value == ""
    assert not view.text.disabled


# --- bad input is not recorded --------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("", "type a number first"),
        ("six", "not a number"),
        ("99", "outside the range"),
    ],
)
def test_bad_numeric_input_is_explained_and_not_recorded(
    quiz: QuizView, store: FakeStore, response: str, message: str
) -> None:
    view = quiz.question("ek-numeric")
    view.answer(response)
    with pytest.raises(AnswerError, match=message):
        view.submit()
    assert message in view.feedback_area.value
    assert store.recorded == [] and quiz.attempts == []
    assert view.state.tries == 0 and not view.state.locked


@pytest.mark.parametrize(
    "question_id",
    ["ek-single", "ek-multiple", "ek-true-false", "ek-matching", "ek-label", "ek-case"],
)
def test_empty_responses_are_explained_and_not_recorded(
    quiz: QuizView, store: FakeStore, question_id: str
) -> None:
    view = quiz.question(question_id)
    with pytest.raises(AnswerError):
        view.submit()
    assert "Not checked yet" in view.feedback_area.value
    assert store.recorded == []


def test_numeric_view_shows_the_unit(quiz: QuizView) -> None:
    view = quiz.question("ek-numeric")
    assert "weeks" in view.text.description
    view.answer(" 6,5 ")
    assert view.submit().correct


# --- recording ------------------------------------------------------------------------------


def test_every_graded_attempt_is_recorded(quiz: QuizView, store: FakeStore) -> None:
    view = quiz.question("ek-multiple")
    view.answer({0})
    view.submit()
    view.try_again()
    view.answer({0, 1})
    view.submit()
    assert [a.first_try for a, _ in store.recorded] == [True, False]
    first, lesson = store.recorded[0]
    assert lesson == "00-start-here"
    assert (first.quiz_id, first.question_id, first.objective) == (
        "00-every-kind",
        "ek-multiple",
        "L00-O1",
    )
    assert (first.response, first.correct, first.score) == ([0], False, 0.5)
    assert first.timestamp.tzinfo is not None
    assert quiz.attempts == [a for a, _ in store.recorded]


def test_attempt_responses_are_json_friendly(quiz: QuizView, store: FakeStore) -> None:
    view = quiz.question("ek-label")
    view.answer({1: "Top", 2: "Bottom"})
    view.submit()
    assert store.recorded[0][0].response == {"1": "Top", "2": "Bottom"}


def test_a_broken_store_keeps_attempts_in_memory() -> None:
    quiz = build_quiz("00-every-kind", store=BrokenStore())
    view = quiz.question("ek-true-false")
    view.answer(False)
    assert view.submit().correct
    assert len(quiz.attempts) == 1
    assert isinstance(quiz.store, MemoryStore)


def test_no_progress_store_means_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "course.progress", None)
    assert isinstance(default_recorder(), MemoryStore)


# --- summary and reset ----------------------------------------------------------------------


def test_summary_gives_first_try_score_and_objectives_to_review(quiz: QuizView) -> None:
    right = quiz.question("ek-single")
    right.answer(0)
    right.submit()
    wrong = quiz.question("ek-true-false")
    wrong.answer(True)
    wrong.submit()
    wrong.try_again()
    wrong.answer(False)
    wrong.submit()
    summary = quiz.summary()
    assert (summary.total, summary.answered, summary.first_try_correct) == (8, 2, 1)
    assert summary.first_try_score == pytest.approx(1 / 8)
    assert [o.id for o in summary.review] == ["L00-O2"]
    assert summary.review[0].text == "Read the feedback on every kind of question."
    value = quiz.summary_area.value
    assert "Right on the first try: 1 of 8 questions" in value
    assert "Read the feedback on every kind of question." in value
    assert "Not answered yet: 6 of 8" in value


def test_summary_button_and_reset_button(quiz: QuizView) -> None:
    view = quiz.question("ek-single")
    view.answer(0)
    view.submit()
    quiz.go_to(3)
    quiz.summary_button.click()
    assert "Quiz summary" in quiz.summary_area.value
    quiz.reset_button.click()
    assert quiz.summary_area.value == ""
    assert quiz.position == 0
    assert quiz.summary().answered == 0
    assert view.state.tries == 0


def test_quiz_state_is_readable(quiz: QuizView) -> None:
    quiz.question("ek-numeric").answer("6")
    quiz.question("ek-numeric").submit()
    state = quiz.state
    assert (state.quiz_id, state.position, state.attempts) == ("00-every-kind", 0, 1)
    assert {s.question_id for s in state.questions} == {"ek-single", "ek-numeric"}


# --- kinds ----------------------------------------------------------------------------------


def test_choices_are_shuffled_with_a_seed_from_the_question_id(quiz: QuizView) -> None:
    view = quiz.question("ek-multiple")
    shown = list(view.boxes)
    assert shown == list(display_order("ek-multiple", 4, True))
    again = build_quiz("00-every-kind", store=FakeStore()).question("ek-multiple")
    assert list(again.boxes) == shown


def test_shuffle_false_keeps_the_bank_order(quiz: QuizView) -> None:
    q = dataclasses.replace(quiz.questions[0], shuffle=False)
    view = question_view(q)
    assert [value for _, value in view.radio.options] == [0, 1, 2]


def test_true_false_is_never_shuffled(quiz: QuizView) -> None:
    view = quiz.question("ek-true-false")
    assert list(view.radio.options) == [("True", True), ("False", False)]


def test_matching_view_has_a_drop_down_per_item(quiz: QuizView) -> None:
    view = quiz.question("ek-matching")
    assert list(view.drop_downs) == ["Item one", "Item two", "Item three"]
    options = [value for _, value in view.drop_downs["Item one"].options]
    assert options[0] is None
    assert sorted(options[1:]) == ["Distractor", "Match one", "Match two"]
    view.answer({"Item one": "Match one", "Item two": "Match two", "Item three": "Distractor"})
    result = view.submit()
    assert result.score == pytest.approx(2 / 3)


def test_label_figure_view_shows_the_unlabelled_figure_with_alt_text(quiz: QuizView) -> None:
    view = quiz.question("ek-label")
    figure = view.control_box.children[0].value
    assert '<img src="data:image/png;base64,' in figure
    assert 'alt="A square with marker 1 near the top and marker 2 near the bottom."' in figure
    assert [box.description for box in view.drop_downs.values()] == ["Marker 1", "Marker 2"]
    view.answer({"1": "Top", "2": "Bottom"})
    assert view.submit().correct


def test_ordering_view_starts_shuffled_and_keeps_each_step_once(quiz: QuizView) -> None:
    view = quiz.question("ek-ordering")
    assert isinstance(view, OrderingView)
    start = view.response
    assert sorted(start) == [0, 1, 2, 3] and start != [0, 1, 2, 3]
    view.positions[0].value = 0  # choose "First step" for position 1
    assert sorted(view.response) == [0, 1, 2, 3]  # the step it replaced moved, not doubled
    assert view.response[0] == 0
    view.answer(["First step", "Second step", "Third step", "Fourth step"])
    assert view.submit().correct
    view.reset()
    assert view.response == start


def test_ordering_view_refuses_an_incomplete_order(quiz: QuizView) -> None:
    with pytest.raises(AnswerError):
        quiz.question("ek-ordering").answer(
            ["First step", "First step", "Third step", "Fourth step"]
        )


def test_case_reveals_parts_one_after_another(quiz: QuizView, store: FakeStore) -> None:
    view = quiz.question("ek-case")
    assert isinstance(view, CaseView)
    assert "The story begins." in view.story_area.value
    assert "The story goes on." not in view.story_area.value
    view.answer(2)  # the detour
    part = view.submit()
    assert (part.finished, view.state.current_part) == (False, "detour")
    assert "A detour in the story." in view.story_area.value
    assert "Feedback for the detour." in view.feedback_area.value
    assert store.recorded == []  # a case is recorded when it ends
    view.answer(0)
    view.submit()
    view.answer(0)
    result = view.submit()
    assert result.finished and result.score == pytest.approx(2 / 3)
    assert "◐ Partly right" in view.feedback_area.value
    assert [a.response for a, _ in store.recorded] == [[2, 0, 0]]


def test_case_try_again_restarts_and_reveal_shows_the_right_path(quiz: QuizView) -> None:
    view = quiz.question("ek-case")
    for _ in range(2):
        view.answer(1)
        view.submit()
        view.answer(1)
        view.submit()
        if not view.state.can_reveal:
            view.try_again()
            assert view.state.current_part == "start"
    view.reveal()
    assert "Good start" in view.story_area.value and "Good end" in view.story_area.value
    assert "Part 1: What first? → Good start" in view.feedback_area.value


def test_case_answer_can_take_a_whole_path(quiz: QuizView) -> None:
    view = quiz.question("ek-case")
    view.answer([0, 0])
    assert view.state.current_part == "middle"
    assert view.submit().correct


# --- accessibility --------------------------------------------------------------------------


def test_every_control_has_a_description_and_a_tooltip(quiz: QuizView) -> None:
    for question_id in quiz.question_ids:
        quiz.question(question_id)
    controls = [
        w
        for view in [quiz, *quiz.views.values()]
        for w in descendants(view)
        if isinstance(w, CONTROLS)
    ]
    assert len(controls) > 30
    missing = [repr(w) for w in controls if not w.description.strip() or not w.tooltip]
    assert missing == []


def test_controls_are_keyboard_operable_native_inputs(quiz: QuizView) -> None:
    """Only native form controls take input: each is reachable with Tab and works with keys."""
    for question_id in quiz.question_ids:
        quiz.question(question_id)
    interactive = [
        w
        for view in quiz.views.values()
        for w in descendants(view)
        if isinstance(w, (widgets.ValueWidget, widgets.Button)) and not isinstance(w, widgets.HTML)
    ]
    assert interactive
    assert all(isinstance(w, CONTROLS) for w in interactive)


def test_results_never_rely_on_colour_alone(quiz: QuizView) -> None:
    view = quiz.question("ek-matching")
    view.answer({"Item one": "Match one", "Item two": "Distractor", "Item three": "Match two"})
    view.submit()
    value = view.feedback_area.value
    assert "◐ Partly right" in value
    assert value.count("✔") == 2 and value.count("✘") == 1
    assert "right:" in value and "wrong:" in value


def test_real_bank_loads_into_a_quiz() -> None:
    bank = load_bank("00-every-kind")
    assert len(bank.questions) == 8
