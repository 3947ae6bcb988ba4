"""Pure grading: ``check_answer(question, response) -> Feedback``.

Scoring rules (as stated in ``quiz.schema.json``): every kind scores 0 to 1.
Single choice, true/false and numeric score 1 when right, else 0.
Multiple select: (correct choices picked - wrong choices picked) / number of
correct choices, never below 0. Matching and label-the-figure: the share of
items matched correctly. Ordering: the share of steps in their right place
(1 when the whole order is right). Case: the share of answered parts whose
chosen choice is correct.

Responses a learner gives:

=================  ==================================================
kind               response
=================  ==================================================
single_choice      choice index (into the bank's order)
multiple_select    set of choice indices
true_false         ``True`` or ``False``
numeric            text such as ``" 1,5 "`` or a number
matching           ``{item: chosen match}``
ordering           list of step texts (or step indices) in the learner's order
label_figure       ``{marker number: chosen label}``
case               one choice index per part, in the order the parts were shown
=================  ==================================================

An empty, non-numeric or out-of-range response raises
:class:`~course.errors.AnswerError` with a message for the learner; such
responses are neither graded nor recorded.

Examples
--------
>>> from course.questions import Choice, SingleChoice
>>> q = SingleChoice(id="q", prompt="?", objective="L00-O1", references=("K",), difficulty=1,
...                  explanation="Because.", choices=(Choice("yes", "Right: ...", True),
...                                                  Choice("no", "Not so: ...")))
>>> fb = check_answer(q, 0)
>>> fb.label, fb.score
('✔ Correct', 1.0)
>>> check_answer(q, 1).label
'✘ Not quite'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from course.errors import AnswerError
from course.questions import (
    Case,
    Choice,
    LabelFigure,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
)

Status = Literal["correct", "partly", "incorrect"]

SYMBOLS: dict[str, tuple[str, str]] = {
    "correct": ("✔", "Correct"),
    "partly": ("◐", "Partly right"),
    "incorrect": ("✘", "Not quite"),
}

# Floating-point slack so that a value exactly at the edge of the tolerance counts as right.
EDGE_SLACK = 1e-9


@dataclass(frozen=True)
class ItemFeedback:
    """Feedback on one part of a response: a choice, a pair, a step, a marker or a case part."""

    label: str
    correct: bool
    text: str

    @property
    def symbol(self) -> str:
        """``✔`` or ``✘``: the item's result without relying on colour."""
        return SYMBOLS["correct" if self.correct else "incorrect"][0]


@dataclass(frozen=True)
class Feedback:
    """The result of grading one response.

    ``items`` holds the bank's feedback text for each part of the response.
    For a case that has not ended yet, ``finished`` is False and ``next_part``
    names the part to show next.
    """

    correct: bool
    score: float
    items: tuple[ItemFeedback, ...]
    explanation: str
    references: tuple[str, ...]
    finished: bool = True
    next_part: str | None = None

    @property
    def status(self) -> Status:
        """``"correct"``, ``"partly"`` or ``"incorrect"``."""
        if self.correct:
            return "correct"
        return "partly" if self.score > 0 else "incorrect"

    @property
    def symbol(self) -> str:
        """A symbol for the status: ``✔``, ``◐`` or ``✘`` (never colour alone)."""
        return SYMBOLS[self.status][0]

    @property
    def word(self) -> str:
        """The status in words: ``Correct``, ``Partly right`` or ``Not quite``."""
        return SYMBOLS[self.status][1]

    @property
    def label(self) -> str:
        """Symbol and word together, e.g. ``"◐ Partly right"``."""
        return f"{self.symbol} {self.word}"

    @property
    def texts(self) -> tuple[str, ...]:
        """The bank's feedback texts for the response, in order."""
        return tuple(item.text for item in self.items)


def make_feedback(
    question: Question,
    items: Sequence[ItemFeedback],
    score: float,
    correct: bool | None = None,
    **extra: Any,
) -> Feedback:
    """Assemble a Feedback; ``correct`` defaults to ``score == 1``."""
    score = max(0.0, min(1.0, score))
    is_correct = math.isclose(score, 1.0) if correct is None else correct
    return Feedback(
        correct=is_correct,
        score=score,
        items=tuple(items),
        explanation=question.explanation,
        references=question.references,
        **extra,
    )


def check_answer(question: Question, response: Any) -> Feedback:
    """Grade a learner's response to a question.

    Parameters
    ----------
    question
        Any question kind from :mod:`course.questions`.
    response
        The learner's response, in the form the module docstring lists for its kind.

    Returns
    -------
    Feedback
        Whether it is right, the score from 0 to 1, the bank's feedback texts,
        the explanation and the reference keys.

    Raises
    ------
    AnswerError
        When the response is empty, not a number, out of range or otherwise
        cannot be graded; the message is written for the learner.
    """
    if is_empty(response):
        raise AnswerError(EMPTY_MESSAGES.get(question.kind, "Please give a response first."))
    match question:
        case SingleChoice():
            return grade_single(question, response)
        case MultipleSelect():
            return grade_multiple(question, response)
        case TrueFalse():
            return grade_true_false(question, response)
        case Numeric():
            return grade_numeric(question, response)
        case Matching():
            return grade_matching(question, response)
        case Ordering():
            return grade_ordering(question, response)
        case LabelFigure():
            return grade_label_figure(question, response)
        case Case():
            return grade_case(question, response)


EMPTY_MESSAGES = {
    "single_choice": "Please choose one of the choices first.",
    "multiple_select": "Please tick at least one choice first.",
    "true_false": "Please choose True or False first.",
    "numeric": "Please type a number first.",
    "matching": "Please choose a match for each item first.",
    "ordering": "Please put the steps in an order first.",
    "label_figure": "Please choose a label for each marker first.",
    "case": "Please choose one of the choices first.",
}


def is_empty(response: Any) -> bool:
    """True for ``None``, blank text and empty collections (``0`` and ``False`` are responses)."""
    if response is None:
        return True
    if isinstance(response, str):
        return not response.strip()
    if isinstance(response, (Mapping, Sequence, set, frozenset)):
        return len(response) == 0
    return False


def choice_index(response: Any, choices: Sequence[Choice]) -> int:
    """Check that a response is the index of one of the choices."""
    if isinstance(response, bool) or not isinstance(response, int):
        raise AnswerError("Please choose one of the choices.")
    if not 0 <= response < len(choices):
        raise AnswerError(
            f"There is no choice number {response + 1}; please choose one of the "
            f"{len(choices)} choices."
        )
    return response


def grade_single(question: SingleChoice, response: Any) -> Feedback:
    """Grade a single-choice question: 1 for the correct choice, else 0."""
    index = choice_index(response, question.choices)
    choice = question.choices[index]
    return make_feedback(
        question,
        [ItemFeedback(choice.text, choice.correct, choice.feedback)],
        1.0 if choice.correct else 0.0,
    )


def grade_multiple(question: MultipleSelect, response: Any) -> Feedback:
    """Grade a multiple-select question with partial credit (see the module docstring)."""
    if isinstance(response, (str, Mapping)) or not isinstance(response, (Sequence, set, frozenset)):
        raise AnswerError("Please tick the choices you think are right.")
    picked = {choice_index(item, question.choices) for item in response}
    right = question.correct_indices
    score = (len(picked & right) - len(picked - right)) / len(right) if right else 0.0
    items = [
        ItemFeedback(
            choice.text,
            (i in picked) == choice.correct,
            choice.feedback if i in picked else f"Not ticked. {choice.feedback}",
        )
        for i, choice in enumerate(question.choices)
        if i in picked or choice.correct
    ]
    return make_feedback(question, items, score, correct=picked == right)


def grade_true_false(question: TrueFalse, response: Any) -> Feedback:
    """Grade a true/false question."""
    if not isinstance(response, bool):
        raise AnswerError("Please choose True or False.")
    key = "true" if response else "false"
    right = response == question.answer
    return make_feedback(
        question,
        [ItemFeedback(key.capitalize(), right, question.feedback[key])],
        1.0 if right else 0.0,
    )


NUMBER_PATTERN = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(response: Any, unit: str = "") -> float:
    """Read a number from a learner's text: ``"1.5"``, ``"1,5"``, ``" 2 "``, ``"6 weeks"``.

    A comma counts as a decimal point. A trailing unit equal to ``unit`` is allowed.

    Examples
    --------
    >>> parse_number(" 1,5 "), parse_number("6 weeks", "weeks"), parse_number(3)
    (1.5, 6.0, 3.0)
    """
    if isinstance(response, bool):
        raise AnswerError("Please type a number, such as 4 or 1.5.")
    if isinstance(response, (int, float)):
        value = float(response)
    else:
        text = str(response).strip()
        if unit and text.lower().endswith(unit.lower()):
            text = text[: -len(unit)].strip()
        if not NUMBER_PATTERN.match(text):
            raise AnswerError(
                f"'{str(response).strip()}' is not a number; please type digits "
                "only, such as 4 or 1.5."
            )
        value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise AnswerError("Please type an ordinary number, such as 4 or 1.5.")
    return value


def format_number(value: float) -> str:
    """Write a number without a needless ``.0``.

    Examples
    --------
    >>> format_number(4.0), format_number(1.5)
    ('4', '1.5')
    """
    return f"{value:g}"


def grade_numeric(question: Numeric, response: Any) -> Feedback:
    """Grade a numeric question: right within the tolerance (its edge included)."""
    value = parse_number(response, question.unit)
    low, high = question.range
    if not low <= value <= high:
        raise AnswerError(
            f"{format_number(value)} is outside the range this question accepts; "
            f"please type a number from {format_number(low)} to "
            f"{format_number(high)} ({question.unit})."
        )
    slack = EDGE_SLACK * max(1.0, abs(question.answer), question.tolerance)
    gap = value - question.answer
    key = (
        "correct"
        if abs(gap) <= question.tolerance + slack
        else "too_low"
        if gap < 0
        else "too_high"
    )
    label = f"{format_number(value)} {question.unit}"
    return make_feedback(
        question,
        [ItemFeedback(label, key == "correct", question.feedback[key])],
        1.0 if key == "correct" else 0.0,
    )


def check_all_chosen(
    response: Any, keys: Sequence[Any], options: Sequence[str], noun: str, option_noun: str
) -> dict[Any, str]:
    """Check a ``{key: chosen option}`` response covers every key with a known option."""
    if not isinstance(response, Mapping):
        raise AnswerError(f"Please choose a {option_noun} for each {noun}.")
    unknown = [key for key in response if key not in keys]
    if unknown:
        raise AnswerError(f"There is no {noun} {unknown[0]!r} in this question.")
    missing = [key for key in keys if response.get(key) in (None, "")]
    if missing:
        raise AnswerError(
            f"Please choose a {option_noun} for every {noun}: {len(missing)} of "
            f"{len(keys)} still empty."
        )
    strange = [value for value in response.values() if value not in options]
    if strange:
        raise AnswerError(f"{strange[0]!r} is not one of this question's {option_noun}s.")
    return dict(response)


def grade_matching(question: Matching, response: Any) -> Feedback:
    """Grade a matching question: the share of items matched correctly."""
    chosen = check_all_chosen(
        response, [p.item for p in question.pairs], question.options, "item", "match"
    )
    items = [
        ItemFeedback(f"{p.item} → {chosen[p.item]}", chosen[p.item] == p.match, p.feedback)
        for p in question.pairs
    ]
    return make_feedback(question, items, share_right(items))


def grade_label_figure(question: LabelFigure, response: Any) -> Feedback:
    """Grade a label-the-figure question: the share of markers labelled correctly."""
    numbered = normalise_marker_keys(response)
    chosen = check_all_chosen(
        numbered, [m.marker for m in question.markers], question.options, "marker", "label"
    )
    items = [
        ItemFeedback(
            f"Marker {m.marker} → {chosen[m.marker]}", chosen[m.marker] == m.label, m.feedback
        )
        for m in question.markers
    ]
    return make_feedback(question, items, share_right(items))


def normalise_marker_keys(response: Any) -> Any:
    """Accept marker numbers written as text (``{"1": ...}``) as well as integers."""
    if not isinstance(response, Mapping):
        return response
    return {
        int(key) if isinstance(key, str) and key.strip().isdigit() else key: value
        for key, value in response.items()
    }


def share_right(items: Sequence[ItemFeedback]) -> float:
    """The share of items that are right (0 for no items)."""
    return sum(item.correct for item in items) / len(items) if items else 0.0


def step_positions(question: Ordering, response: Any) -> list[int]:
    """Turn an ordering response (step texts or indices) into bank indices; check it is whole."""
    if isinstance(response, (str, Mapping)) or not isinstance(response, Sequence):
        raise AnswerError("Please put every step in an order.")
    texts = [step.text for step in question.steps]
    indices: list[int] = []
    for entry in response:
        if isinstance(entry, str) and entry in texts:
            indices.append(texts.index(entry))
        elif isinstance(entry, int) and not isinstance(entry, bool) and 0 <= entry < len(texts):
            indices.append(entry)
        else:
            raise AnswerError(f"{entry!r} is not one of this question's steps.")
    if sorted(indices) != list(range(len(texts))):
        raise AnswerError(f"Please use each of the {len(texts)} steps exactly once.")
    return indices


def grade_ordering(question: Ordering, response: Any) -> Feedback:
    """Grade an ordering question: the share of steps in their right place."""
    order = step_positions(question, response)
    items = [
        ItemFeedback(
            f"{place + 1}. {question.steps[index].text}",
            index == place,
            question.steps[index].feedback,
        )
        for place, index in enumerate(order)
    ]
    return make_feedback(question, items, share_right(items))


def grade_case(question: Case, response: Any) -> Feedback:
    """Grade a case part by part, following each chosen choice's ``next``.

    The case ends at a choice without ``next``. While it has not ended the
    feedback has ``finished=False``, names ``next_part`` and is not correct yet.
    """
    if isinstance(response, (str, Mapping)) or not isinstance(response, Sequence):
        raise AnswerError("Please choose one choice for each part of the case.")
    items: list[ItemFeedback] = []
    part: str | None = question.parts[0].id
    for answer in response:
        if part is None:
            raise AnswerError("This case has already ended; there are more responses than parts.")
        current = question.part(part)
        choice = current.choices[choice_index(answer, current.choices)]
        items.append(ItemFeedback(choice.text, choice.correct, choice.feedback))
        part = choice.next
    score = share_right(items)
    finished = part is None
    return make_feedback(
        question,
        items,
        score,
        correct=finished and math.isclose(score, 1.0),
        finished=finished,
        next_part=part,
    )


def correct_path(question: Case) -> list[int]:
    """The choice indices of the right path through a case: each part's first correct choice."""
    path: list[int] = []
    part: str | None = question.parts[0].id
    seen: set[str] = set()
    while part is not None and part not in seen:
        seen.add(part)
        choices = question.part(part).choices
        index = next((i for i, c in enumerate(choices) if c.correct), 0)
        path.append(index)
        part = choices[index].next
    return path


def correct_response(question: Question) -> Any:
    """Return a response that scores 1, in the form :func:`check_answer` takes."""
    if isinstance(question, SingleChoice):
        return next(i for i, c in enumerate(question.choices) if c.correct)
    if isinstance(question, MultipleSelect):
        return set(question.correct_indices)
    if isinstance(question, TrueFalse):
        return question.answer
    if isinstance(question, Numeric):
        return question.answer
    if isinstance(question, Matching):
        return {pair.item: pair.match for pair in question.pairs}
    if isinstance(question, Ordering):
        return [step.text for step in question.steps]
    if isinstance(question, LabelFigure):
        return {marker.marker: marker.label for marker in question.markers}
    return correct_path(question)


def answer_lines(question: Question) -> list[str]:
    """The right answer in plain words, one line per entry (for reveal and the answer key).

    Examples
    --------
    >>> from course.questions import TrueFalse
    >>> q = TrueFalse(id="t", prompt="?", objective="L00-O1", references=("K",), difficulty=1,
    ...               explanation="e", answer=False, feedback={"true": "no", "false": "yes"})
    >>> answer_lines(q)
    ['False']
    """
    if isinstance(question, (SingleChoice, MultipleSelect)):
        return [choice.text for choice in question.choices if choice.correct]
    if isinstance(question, TrueFalse):
        return ["True" if question.answer else "False"]
    if isinstance(question, Numeric):
        return [numeric_answer_text(question)]
    if isinstance(question, Matching):
        return [f"{pair.item} → {pair.match}" for pair in question.pairs]
    if isinstance(question, Ordering):
        return [f"{n}. {step.text}" for n, step in enumerate(question.steps, start=1)]
    if isinstance(question, LabelFigure):
        return [f"Marker {m.marker} → {m.label}" for m in question.markers]
    return case_answer_lines(question)


def numeric_answer_text(question: Numeric) -> str:
    """``"4 weeks"``, or ``"6 weeks (5 to 7 accepted)"`` when there is a tolerance."""
    text = f"{format_number(question.answer)} {question.unit}"
    if question.tolerance > 0:
        low = question.answer - question.tolerance
        high = question.answer + question.tolerance
        text += f" ({format_number(low)} to {format_number(high)} accepted)"
    return text


def case_answer_lines(question: Case) -> list[str]:
    """The right choice at each part along the right path through a case."""
    lines: list[str] = []
    part: str | None = question.parts[0].id
    for number, index in enumerate(correct_path(question), start=1):
        if part is None:
            break
        current = question.part(part)
        lines.append(f"Part {number}: {current.question} → {current.choices[index].text}")
        part = current.choices[index].next
    return lines


@dataclass(frozen=True)
class QuestionResult:
    """How one question of a quiz went: its first-try score and whether it ended right."""

    question_id: str
    objective: str
    answered: bool
    first_try_score: float | None
    correct: bool
    revealed: bool


@dataclass(frozen=True)
class ObjectiveToReview:
    """A learning objective whose questions were not right on the first try."""

    id: str
    text: str


@dataclass(frozen=True)
class QuizSummary:
    """A quiz's results: first-try score and the objectives to review.

    ``first_try_score`` is the mean first-try score over every question of the
    quiz (questions not answered yet count as 0), from 0 to 1.
    """

    quiz_id: str
    results: tuple[QuestionResult, ...]
    review: tuple[ObjectiveToReview, ...]

    @property
    def total(self) -> int:
        """Number of questions in the quiz."""
        return len(self.results)

    @property
    def answered(self) -> int:
        """Number of questions answered at least once."""
        return sum(result.answered for result in self.results)

    @property
    def first_try_correct(self) -> int:
        """Number of questions right on the first try."""
        return sum(result.first_try_score == 1.0 for result in self.results)

    @property
    def first_try_score(self) -> float:
        """Mean first-try score over every question (0 to 1)."""
        if not self.results:
            return 0.0
        return sum(result.first_try_score or 0.0 for result in self.results) / self.total


def summarise(
    quiz_id: str, results: Sequence[QuestionResult], objective_texts: Mapping[str, str]
) -> QuizSummary:
    """Summarise a quiz; an objective needs review when a question on it was not right first time.

    Examples
    --------
    >>> r = [QuestionResult("a", "L00-O1", True, 1.0, True, False),
    ...      QuestionResult("b", "L00-O2", True, 0.0, False, True)]
    >>> s = summarise("00-start-here", r, {"L00-O2": "Know when to get urgent help."})
    >>> s.first_try_correct, s.first_try_score, [o.id for o in s.review]
    (1, 0.5, ['L00-O2'])
    """
    weak = [
        r.objective
        for r in results
        if r.answered and (r.revealed or (r.first_try_score or 0.0) < 1)
    ]
    review = tuple(
        ObjectiveToReview(objective, objective_texts.get(objective, objective))
        for objective in dict.fromkeys(weak)
    )
    return QuizSummary(quiz_id=quiz_id, results=tuple(results), review=review)
