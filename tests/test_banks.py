"""Every question of every real bank in data/quizzes/, played on every answer path.

Each test builds the question's view, gives a response through the Python verbs
(``answer``, ``submit``) and checks correctness, score and that the bank's own
feedback text is what the learner sees. New banks are picked up automatically.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from quiz_support import FakeStore

from course import content, markdown
from course.errors import AnswerError, ContentError
from course.grading import Feedback, correct_path, format_number
from course.models import Attempt
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
    load_bank,
)
from course.widgets.quiz import CaseView, QuestionView, question_view


def real_questions() -> Iterator[Any]:
    """One parameter per question of every bank; a bank that fails to load is one failing case."""
    for quiz_id in content.quiz_ids():
        try:
            bank = load_bank(quiz_id)
        except ContentError as exc:
            yield pytest.param(quiz_id, None, str(exc), id=f"{quiz_id}:LOAD")
            continue
        for question in bank.questions:
            yield pytest.param(quiz_id, question.id, "", id=f"{quiz_id}:{question.id}")


PARAMS = list(real_questions())


def test_there_are_banks_to_play() -> None:
    assert PARAMS, "no question banks in data/quizzes/"


class Player:
    """Plays responses to one question, each on a fresh view, and keeps what was recorded."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.store = FakeStore()

    def view(self) -> QuestionView:
        return question_view(
            self.question, on_attempt=lambda a: self.store.record_attempt(a, self.question.lesson)
        )

    def play(self, response: Any) -> tuple[Feedback, QuestionView]:
        view = self.view()
        view.answer(response)
        return view.submit(), view

    @property
    def attempts(self) -> list[Attempt]:
        return [attempt for attempt, _ in self.store.recorded]


def shows(view: QuestionView, text: str) -> bool:
    """True when the bank's feedback text is in the feedback the learner sees."""
    return markdown.to_inline_html(text) in view.feedback_area.value


@pytest.mark.parametrize(("quiz_id", "question_id", "load_error"), PARAMS)
def test_every_answer_path(quiz_id: str, question_id: str | None, load_error: str) -> None:
    assert question_id is not None, f"bank {quiz_id} does not load: {load_error}"
    question = load_bank(quiz_id).question(question_id)
    player = Player(question)
    match question:
        case SingleChoice():
            play_single(player, question)
        case MultipleSelect():
            play_multiple(player, question)
        case TrueFalse():
            play_true_false(player, question)
        case Numeric():
            play_numeric(player, question)
        case Matching():
            play_matching(player, question)
        case Ordering():
            play_ordering(player, question)
        case LabelFigure():
            play_label_figure(player, question)
        case Case():
            play_case(player, question)
    assert player.attempts, "no attempt was recorded"
    assert all(a.question_id == question.id and a.quiz_id == quiz_id for a in player.attempts)


def play_single(player: Player, question: SingleChoice) -> None:
    for index, choice in enumerate(question.choices):
        result, view = player.play(index)
        assert result.correct is choice.correct, choice.text
        assert result.score == (1.0 if choice.correct else 0.0)
        assert result.texts == (choice.feedback,)
        assert shows(view, choice.feedback)
        assert ("✔ Correct" if choice.correct else "✘ Not quite") in view.feedback_area.value


def play_multiple(player: Player, question: MultipleSelect) -> None:
    right = question.correct_indices
    for index, choice in enumerate(question.choices):
        result, view = player.play({index})
        expected = max(0.0, (1 if choice.correct else -1) / len(right))
        assert result.score == pytest.approx(expected), choice.text
        assert result.correct is ({index} == right)
        assert choice.feedback in result.texts[[i.label for i in result.items].index(choice.text)]
        assert shows(view, choice.feedback)
    everything = set(range(len(question.choices)))
    wrong = len(everything - right)
    assert player.play(everything)[0].score == pytest.approx(
        max(0.0, (len(right) - wrong) / len(right))
    )
    best, view = player.play(right)
    assert (best.correct, best.score) == (True, 1.0)
    assert all(shows(view, question.choices[i].feedback) for i in right)


def play_true_false(player: Player, question: TrueFalse) -> None:
    for response in (True, False):
        result, view = player.play(response)
        right = response == question.answer
        assert (result.correct, result.score) == (right, 1.0 if right else 0.0)
        text = question.feedback["true" if response else "false"]
        assert result.texts == (text,)
        assert shows(view, text)


def numeric_cases(question: Numeric) -> list[tuple[float, str]]:
    """Values inside, at each edge of, and just outside the tolerance (within the range)."""
    low, high = question.range
    answer, tolerance = question.answer, question.tolerance
    step = max(tolerance * 0.1, 0.01)
    candidates = [
        (answer, "correct"),
        (answer - tolerance, "correct"),
        (answer + tolerance, "correct"),
        (answer - tolerance - step, "too_low"),
        (answer + tolerance + step, "too_high"),
        (low, "correct" if answer - low <= tolerance else "too_low"),
        (high, "correct" if high - answer <= tolerance else "too_high"),
    ]
    return [(value, key) for value, key in candidates if low <= value <= high]


def play_numeric(player: Player, question: Numeric) -> None:
    for value, key in numeric_cases(question):
        result, view = player.play(value)
        assert result.correct is (key == "correct"), value
        assert result.score == (1.0 if key == "correct" else 0.0)
        assert result.texts == (question.feedback[key],)
        assert shows(view, question.feedback[key])
    typed = f" {format_number(question.answer).replace('.', ',')} "
    assert player.play(typed)[0].correct, f"{typed!r} (comma, spaces) was not accepted"
    recorded = len(player.attempts)
    low, high = question.range
    for outside in (
        f"{format_number(high + max(1.0, high - low))}",
        f"{format_number(low - max(1.0, high - low))}",
        "not a number",
        "",
    ):
        view = player.view()
        view.answer(outside)
        with pytest.raises(AnswerError):
            view.submit()
        assert "Not checked yet" in view.feedback_area.value
    assert len(player.attempts) == recorded, "refused responses were recorded"


def play_pick(
    player: Player, right: dict[Any, str], options: tuple[str, ...], feedback: dict[Any, str]
) -> None:
    """Matching and label-the-figure: all right, then each key set to each wrong option."""
    result, view = player.play(right)
    assert (result.correct, result.score) == (True, 1.0)
    assert all(shows(view, text) for text in feedback.values())
    for key, match in right.items():
        for option in options:
            if option == match:
                continue
            result, view = player.play({**right, key: option})
            assert result.score == pytest.approx((len(right) - 1) / len(right)), (key, option)
            assert not result.correct
            wrong = [item for item in result.items if not item.correct]
            assert [item.text for item in wrong] == [feedback[key]]
            assert shows(view, feedback[key])


def play_matching(player: Player, question: Matching) -> None:
    play_pick(
        player,
        {p.item: p.match for p in question.pairs},
        question.options,
        {p.item: p.feedback for p in question.pairs},
    )


def play_label_figure(player: Player, question: LabelFigure) -> None:
    play_pick(
        player,
        {m.marker: m.label for m in question.markers},
        question.options,
        {m.marker: m.feedback for m in question.markers},
    )
    assert 'alt="' in player.view().control_box.children[0].value


def play_ordering(player: Player, question: Ordering) -> None:
    steps = [step.text for step in question.steps]
    result, view = player.play(steps)
    assert (result.correct, result.score) == (True, 1.0)
    assert all(shows(view, step.feedback) for step in question.steps)
    start = player.view().response
    expected = sum(index == place for place, index in enumerate(start)) / len(steps)
    assert start != list(range(len(steps))), "the steps start in the right order"
    assert player.play(start)[0].score == pytest.approx(expected)
    for place in range(len(steps) - 1):
        swapped = [*steps[:place], steps[place + 1], steps[place], *steps[place + 2 :]]
        result, view = player.play(swapped)
        assert result.score == pytest.approx((len(steps) - 2) / len(steps))
        assert shows(view, question.steps[place].feedback)


def paths_to_parts(question: Case) -> dict[str, list[int]]:
    """The first path (choice indices) that reaches each part."""
    paths = {question.parts[0].id: []}
    todo = [question.parts[0].id]
    while todo:
        part_id = todo.pop(0)
        for index, choice in enumerate(question.part(part_id).choices):
            if choice.next is not None and choice.next not in paths:
                paths[choice.next] = [*paths[part_id], index]
                todo.append(choice.next)
    return paths


def play_case(player: Player, question: Case) -> None:
    paths = paths_to_parts(question)
    assert set(paths) == {part.id for part in question.parts}, "a part cannot be reached"
    for part_id, path in paths.items():
        for index, choice in enumerate(question.part(part_id).choices):
            view = player.view()
            assert isinstance(view, CaseView)
            view.answer([*path, index])
            assert view.state.current_part == part_id
            result = view.submit()
            item = result.items[-1]
            assert (item.text, item.correct) == (choice.feedback, choice.correct)
            assert (
                shows(view, choice.feedback)
                or markdown.to_inline_html(choice.feedback) in view.story_area.value
            )
            assert result.finished is (choice.next is None)
            if choice.next is not None:
                assert view.state.current_part == choice.next
            else:
                answered = [*path, index]
                assert result.score == pytest.approx(
                    sum(i.correct for i in result.items) / len(answered)
                )
    view = player.view()
    view.answer(correct_path(question))
    result = view.submit()
    assert (result.correct, result.score, result.finished) == (True, 1.0, True)
