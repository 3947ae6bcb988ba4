"""Grading of every question kind, on every answer path (course/grading.py)."""

from __future__ import annotations

from typing import Any

import pytest
from quiz_support import every_kind_bank

from course.errors import AnswerError
from course.grading import (
    QuestionResult,
    check_answer,
    correct_path,
    correct_response,
    parse_number,
    summarise,
)
from course.questions import (
    Case,
    LabelFigure,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
)

BANK = every_kind_bank()


def question(question_id: str) -> Any:
    return BANK.question(question_id)


# --- the Feedback object --------------------------------------------------------------------


def test_feedback_says_its_result_in_a_symbol_and_words() -> None:
    q: SingleChoice = question("ek-single")
    right, wrong = check_answer(q, 0), check_answer(q, 1)
    assert (right.status, right.label) == ("correct", "✔ Correct")
    assert (wrong.status, wrong.label) == ("incorrect", "✘ Not quite")
    partly = check_answer(question("ek-multiple"), {0})
    assert (partly.status, partly.symbol, partly.word) == ("partly", "◐", "Partly right")


def test_feedback_carries_explanation_and_reference_keys() -> None:
    result = check_answer(question("ek-multiple"), {0, 1})
    assert result.explanation == "Explanation of the multiple select."
    assert result.references == ("REF-A", "REF-B")


# --- single choice --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "correct", "text"),
    [
        (0, True, "Feedback for the right choice."),
        (1, False, "Feedback for wrong choice one."),
        (2, False, "Feedback for wrong choice two."),
    ],
)
def test_single_choice_every_choice(index: int, correct: bool, text: str) -> None:
    result = check_answer(question("ek-single"), index)
    assert result.correct is correct
    assert result.score == (1.0 if correct else 0.0)
    assert result.texts == (text,)


@pytest.mark.parametrize("response", [None, "", 3, -1, True, "0", 1.0])
def test_single_choice_refuses_what_is_not_a_choice(response: Any) -> None:
    with pytest.raises(AnswerError):
        check_answer(question("ek-single"), response)


def test_single_choice_empty_response_has_a_friendly_message() -> None:
    with pytest.raises(AnswerError, match="choose one of the choices"):
        check_answer(question("ek-single"), None)


# --- multiple select ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("picked", "score", "correct"),
    [
        ({0, 1}, 1.0, True),  # both right
        ({0}, 0.5, False),  # one of two right
        ({0, 1, 2}, 0.5, False),  # both right, one wrong: (2 - 1) / 2
        ({0, 2}, 0.0, False),  # (1 - 1) / 2
        ({2, 3}, 0.0, False),  # never below 0
        ({2}, 0.0, False),
    ],
)
def test_multiple_select_partial_credit_rule(picked: set[int], score: float, correct: bool) -> None:
    result = check_answer(question("ek-multiple"), picked)
    assert result.score == pytest.approx(score)
    assert result.correct is correct


def test_multiple_select_feedback_covers_picked_and_missed_choices() -> None:
    result = check_answer(question("ek-multiple"), {0, 2})
    labels = [(item.label, item.correct) for item in result.items]
    assert labels == [("Right A", True), ("Right B", False), ("Wrong C", False)]
    assert result.items[0].text == "Feedback for right A."
    assert result.items[1].text == "Not ticked. Feedback for right B."
    assert result.items[2].text == "Feedback for wrong C."


def test_multiple_select_accepts_lists_and_ignores_repeats() -> None:
    assert check_answer(question("ek-multiple"), [1, 0, 1]).correct


@pytest.mark.parametrize("response", [set(), [], None, "0", {7}, {0: True}])
def test_multiple_select_refuses_empty_or_unknown(response: Any) -> None:
    with pytest.raises(AnswerError):
        check_answer(question("ek-multiple"), response)


# --- true / false ---------------------------------------------------------------------------


def test_true_false_both_paths() -> None:
    q: TrueFalse = question("ek-true-false")
    right, wrong = check_answer(q, False), check_answer(q, True)
    assert (right.correct, right.score, right.texts) == (
        True,
        1.0,
        ("Feedback when the learner says false.",),
    )
    assert (wrong.correct, wrong.score, wrong.texts) == (
        False,
        0.0,
        ("Feedback when the learner says true.",),
    )


@pytest.mark.parametrize("response", [None, "", "true", 1, 0])
def test_true_false_refuses_what_is_not_a_boolean(response: Any) -> None:
    with pytest.raises(AnswerError):
        check_answer(question("ek-true-false"), response)


# --- numeric --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "key"),
    [
        ("6", "correct"),
        (" 6 ", "correct"),
        ("6.0", "correct"),
        ("6,0", "correct"),
        ("5.5", "correct"),
        ("6,5", "correct"),  # the edges of the tolerance count
        (6.5, "correct"),
        (5.5, "correct"),
        (6, "correct"),
        ("6 weeks", "correct"),
        ("5.49", "too_low"),
        ("0", "too_low"),
        ("6.51", "too_high"),
        ("52", "too_high"),
        ("+7", "too_high"),
        (".5", "too_low"),
    ],
)
def test_numeric_paths(response: Any, key: str) -> None:
    q: Numeric = question("ek-numeric")
    result = check_answer(q, response)
    assert result.correct is (key == "correct")
    assert result.score == (1.0 if key == "correct" else 0.0)
    assert result.texts == (q.feedback[key],)


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("", "type a number first"),
        ("   ", "type a number first"),
        (None, "type a number first"),
        ("six", "not a number"),
        ("6 days", "not a number"),
        ("1,000.5", "not a number"),
        ("nan", "not a number"),
        (float("inf"), "ordinary number"),
        (True, "type a number"),
        ("53", "outside the range"),
        ("-1", "outside the range"),
    ],
)
def test_numeric_refuses_with_a_friendly_message(response: Any, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        check_answer(question("ek-numeric"), response)


def test_parse_number_reads_commas_spaces_and_units() -> None:
    assert parse_number(" 1,5 ") == 1.5
    assert parse_number("2.", "") == 2.0
    assert parse_number("3 Weeks", "weeks") == 3.0


# --- matching -------------------------------------------------------------------------------

ALL_RIGHT = {"Item one": "Match one", "Item two": "Match two", "Item three": "Match two"}


def test_matching_all_right() -> None:
    result = check_answer(question("ek-matching"), ALL_RIGHT)
    assert (result.correct, result.score) == (True, 1.0)
    assert result.texts == (
        "Feedback for item one.",
        "Feedback for item two.",
        "Feedback for item three.",
    )


def test_matching_scores_the_share_right() -> None:
    response = {**ALL_RIGHT, "Item one": "Distractor"}
    result = check_answer(question("ek-matching"), response)
    assert result.score == pytest.approx(2 / 3)
    assert result.status == "partly"
    assert [item.correct for item in result.items] == [False, True, True]
    assert result.items[0].label == "Item one → Distractor"


def test_matching_none_right_scores_zero() -> None:
    response = dict.fromkeys(ALL_RIGHT, "Distractor")
    assert check_answer(question("ek-matching"), response).score == 0.0


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ({}, "choose a match for each item first"),
        ({"Item one": "Match one"}, "2 of 3 still empty"),
        ({**ALL_RIGHT, "Item one": None}, "1 of 3 still empty"),
        ({**ALL_RIGHT, "Item four": "Match one"}, "no item"),
        ({**ALL_RIGHT, "Item one": "Nonsense"}, "not one of"),
        (["Match one"], "choose a match"),
    ],
)
def test_matching_refuses_incomplete_or_unknown(response: Any, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        check_answer(question("ek-matching"), response)


# --- ordering -------------------------------------------------------------------------------

STEPS = ["First step", "Second step", "Third step", "Fourth step"]


def test_ordering_right_order_by_text_and_by_index() -> None:
    q: Ordering = question("ek-ordering")
    for response in (STEPS, [0, 1, 2, 3]):
        result = check_answer(q, response)
        assert (result.correct, result.score) == (True, 1.0)
    assert check_answer(q, STEPS).texts == tuple(step.feedback for step in q.steps)


def test_ordering_scores_steps_in_their_place() -> None:
    result = check_answer(question("ek-ordering"), [1, 0, 2, 3])
    assert result.score == 0.5
    assert [item.correct for item in result.items] == [False, False, True, True]
    assert result.items[0].label == "1. Second step"
    assert result.items[0].text == "Feedback for the second step."


def test_ordering_reversed_scores_zero() -> None:
    assert check_answer(question("ek-ordering"), STEPS[::-1]).score == 0.0


@pytest.mark.parametrize(
    "response",
    [
        [],
        None,
        STEPS[:3],
        [*STEPS[:3], "First step"],
        [*STEPS[:3], "Another step"],
        "First step",
        [0, 1, 2, 9],
    ],
)
def test_ordering_refuses_incomplete_or_repeated(response: Any) -> None:
    with pytest.raises(AnswerError):
        check_answer(question("ek-ordering"), response)


# --- label the figure -----------------------------------------------------------------------


def test_label_figure_paths() -> None:
    q: LabelFigure = question("ek-label")
    right = check_answer(q, {1: "Top", 2: "Bottom"})
    half = check_answer(q, {1: "Top", 2: "Middle"})
    wrong = check_answer(q, {1: "Bottom", 2: "Top"})
    assert (right.correct, right.score) == (True, 1.0)
    assert (half.correct, half.score, half.status) == (False, 0.5, "partly")
    assert (wrong.correct, wrong.score) == (False, 0.0)
    assert right.texts == ("Feedback for marker one.", "Feedback for marker two.")
    assert half.items[1].label == "Marker 2 → Middle"


def test_label_figure_accepts_marker_numbers_as_text() -> None:
    assert check_answer(question("ek-label"), {"1": "Top", "2": "Bottom"}).correct


@pytest.mark.parametrize(
    "response", [{}, {1: "Top"}, {1: "Top", 2: None}, {1: "Top", 3: "Top"}, {1: "Top", 2: "Left"}]
)
def test_label_figure_refuses_incomplete_or_unknown(response: Any) -> None:
    with pytest.raises(AnswerError):
        check_answer(question("ek-label"), response)


# --- case -----------------------------------------------------------------------------------


def test_case_right_path() -> None:
    result = check_answer(question("ek-case"), [0, 0])
    assert (result.correct, result.score, result.finished, result.next_part) == (
        True,
        1.0,
        True,
        None,
    )
    assert result.texts == ("Feedback for the good start.", "Feedback for the good end.")


def test_case_unfinished_names_the_next_part() -> None:
    result = check_answer(question("ek-case"), [1])
    assert (result.finished, result.next_part, result.correct) == (False, "middle", False)
    assert result.texts == ("Feedback for the bad start.",)


def test_case_choice_leads_to_a_different_part() -> None:
    result = check_answer(question("ek-case"), [2])
    assert result.next_part == "detour"
    finished = check_answer(question("ek-case"), [2, 0, 0])
    assert finished.finished
    assert finished.score == pytest.approx(2 / 3)
    assert finished.status == "partly"


def test_case_ends_at_a_choice_without_next() -> None:
    result = check_answer(question("ek-case"), [2, 1])
    assert (result.finished, result.score, result.correct) == (True, 0.0, False)
    assert result.texts == ("Feedback for the detour.", "Feedback for giving up.")


@pytest.mark.parametrize("response", [[], None, [5], [0, 0, 0], [True], "0", {"start": 0}])
def test_case_refuses_empty_unknown_or_too_long(response: Any) -> None:
    with pytest.raises(AnswerError):
        check_answer(question("ek-case"), response)


def test_correct_path_follows_the_first_correct_choices() -> None:
    q: Case = question("ek-case")
    assert correct_path(q) == [0, 0]


# --- the right answer -----------------------------------------------------------------------


@pytest.mark.parametrize("question_id", [q.id for q in BANK.questions])
def test_correct_response_scores_one_for_every_kind(question_id: str) -> None:
    q: Question = question(question_id)
    result = check_answer(q, correct_response(q))
    assert (result.correct, result.score) == (True, 1.0)


def test_every_kind_is_in_the_fixture_bank() -> None:
    kinds = {type(q) for q in BANK.questions}
    assert kinds == {
        SingleChoice,
        MultipleSelect,
        TrueFalse,
        Numeric,
        Matching,
        Ordering,
        LabelFigure,
        Case,
    }


# --- the quiz summary -----------------------------------------------------------------------


def test_summary_counts_first_tries_and_lists_objectives_to_review() -> None:
    results = [
        QuestionResult("a", "L00-O1", True, 1.0, True, False),
        QuestionResult("b", "L00-O2", True, 0.5, True, False),
        QuestionResult("c", "L00-O2", True, 0.0, False, True),
        QuestionResult("d", "L00-O3", False, None, False, False),
    ]
    summary = summarise("q", results, {"L00-O2": "Objective two."})
    assert (summary.total, summary.answered, summary.first_try_correct) == (4, 3, 1)
    assert summary.first_try_score == pytest.approx(1.5 / 4)
    assert [(o.id, o.text) for o in summary.review] == [("L00-O2", "Objective two.")]
