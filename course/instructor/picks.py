"""Which wrong options learners picked on their first try, question kind by question kind.

For each question the item analysis lists every wrong option and how many
learners picked it before seeing any feedback. An option that is *never* right
(a distractor) and that nobody picks does no work: the question is easier than
it looks. Responses come from learners' files, so anything unexpected in a
response is skipped, never trusted.

=================  ===================================================  ============
kind               wrong options counted                                distractor?
=================  ===================================================  ============
single_choice      each wrong choice                                    yes
multiple_select    each wrong choice ticked                             yes
case               each wrong choice of each part (per part reached)    yes
matching           each match placed against the wrong item             extra options only
label_figure       each label placed on the wrong marker                extra labels only
true_false         the wrong value                                      no
numeric            too low, too high                                    no
ordering           none (steps have no wrong options)
=================  ===================================================  ============

Examples
--------
>>> from course.questions import Choice, SingleChoice
>>> q = SingleChoice(id="q", prompt="?", objective="L00-O1", references=("K",), difficulty=1,
...     explanation="e", choices=(Choice("yes", "f", True), Choice("no", "f"), Choice("maybe", "f")))
>>> [(p.label, p.count, p.distractor) for p in count_wrong_picks(q, [0, 1, 1, 0])]
[('B. no', 2, True), ('C. maybe', 0, True)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from course.errors import AnswerError
from course.grading import parse_number
from course.questions import (
    Case,
    Choice,
    LabelFigure,
    Matching,
    MultipleSelect,
    Numeric,
    Question,
    SingleChoice,
    TrueFalse,
)

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class WrongPick:
    """One wrong option: how many first tries picked it, out of how many could.

    ``reach`` is the number of first tries that could pick it (for a case part,
    those that reached the part). ``distractor`` is true for options that are
    never right, the ones that should draw some wrong responses.
    """

    label: str
    count: int
    reach: int
    distractor: bool


def choice_label(index: int, choice: Choice) -> str:
    """``"B. text"``: the choice's letter in bank order, then its text."""
    letter = LETTERS[index] if index < len(LETTERS) else str(index + 1)
    return f"{letter}. {choice.text}"


def as_index(value: Any, count: int) -> int | None:
    """A valid choice index, or None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < count:
        return value
    return None


def tally(labels: Sequence[str], hits: Iterable[str | None]) -> dict[str, int]:
    """Count hits per label (None and unknown labels are ignored)."""
    counts = dict.fromkeys(labels, 0)
    for hit in hits:
        if hit in counts:
            counts[hit] += 1
    return counts


def single_picks(question: SingleChoice, responses: Sequence[Any]) -> list[WrongPick]:
    """Wrong choices of a single-choice question."""
    picked = Counter(response for response in responses if type(response) is int)
    return [
        WrongPick(choice_label(i, choice), picked.get(i, 0), len(responses), True)
        for i, choice in enumerate(question.choices)
        if not choice.correct
    ]


def multiple_picks(question: MultipleSelect, responses: Sequence[Any]) -> list[WrongPick]:
    """Wrong choices ticked in a multiple-select question (each counted once per response)."""
    choices = question.choices
    wrong = {i: choice_label(i, c) for i, c in enumerate(choices) if not c.correct}
    hits: list[str | None] = []
    for response in responses:
        if isinstance(response, list):
            ticked = {as_index(item, len(choices)) for item in response}
            hits += [wrong[i] for i in ticked if i in wrong]
    counts = tally(list(wrong.values()), hits)
    return [WrongPick(label, counts[label], len(responses), True) for label in wrong.values()]


def true_false_picks(question: TrueFalse, responses: Sequence[Any]) -> list[WrongPick]:
    """The wrong value of a true/false question."""
    wrong = not question.answer
    count = sum(1 for response in responses if response is wrong)
    return [WrongPick(str(wrong).lower(), count, len(responses), False)]


def numeric_side(question: Numeric, response: Any) -> str | None:
    """``"too low"``, ``"too high"`` or None (right, or not a number)."""
    try:
        value = parse_number(response, question.unit)
    except (AnswerError, TypeError, ValueError):
        return None
    if value < question.answer - question.tolerance:
        return "too low"
    if value > question.answer + question.tolerance:
        return "too high"
    return None


def numeric_picks(question: Numeric, responses: Sequence[Any]) -> list[WrongPick]:
    """Numeric responses below and above the accepted range."""
    counts = tally(["too low", "too high"], (numeric_side(question, r) for r in responses))
    return [WrongPick(label, count, len(responses), False) for label, count in counts.items()]


def placement_picks(
    rights: dict[Any, str],
    options: Sequence[str],
    extras: Iterable[str],
    responses: Sequence[Any],
    key: Callable[[Any], Any],
) -> list[WrongPick]:
    """Options placed against the wrong item (matching) or marker (label the figure)."""
    never_right = set(extras) - set(rights.values())
    hits: list[str | None] = []
    for response in responses:
        if isinstance(response, dict):
            chosen = {key(item): value for item, value in response.items()}
            hits += [
                value
                for item, value in chosen.items()
                if item in rights and isinstance(value, str) and value != rights[item]
            ]
    counts = tally(list(options), hits)
    return [
        WrongPick(option, counts[option], len(responses), option in never_right)
        for option in options
    ]


def marker_key(value: Any) -> Any:
    """Marker numbers arrive as text in JSON (``"1"``); compare them as numbers."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value


def matching_picks(question: Matching, responses: Sequence[Any]) -> list[WrongPick]:
    """Matches placed against the wrong item."""
    rights = {pair.item: pair.match for pair in question.pairs}
    return placement_picks(rights, question.options, question.distractors, responses, str)


def label_picks(question: LabelFigure, responses: Sequence[Any]) -> list[WrongPick]:
    """Labels placed on the wrong marker."""
    rights: dict[Any, str] = {marker.marker: marker.label for marker in question.markers}
    return placement_picks(rights, question.options, question.distractors, responses, marker_key)


def case_path(question: Case, response: Any) -> list[tuple[str, int]]:
    """The (part id, choice index) pairs a case response went through, stopping at anything odd."""
    if not isinstance(response, list):
        return []
    path: list[tuple[str, int]] = []
    part: str | None = question.parts[0].id
    for answer in response:
        if part is None or part in {step[0] for step in path}:
            break
        choices = question.part(part).choices
        index = as_index(answer, len(choices))
        if index is None:
            break
        path.append((part, index))
        part = choices[index].next
    return path


def case_picks(question: Case, responses: Sequence[Any]) -> list[WrongPick]:
    """Wrong choices of every part of a case, each out of the first tries that reached the part."""
    reach = dict.fromkeys((part.id for part in question.parts), 0)
    hits: dict[tuple[str, int], int] = {}
    for response in responses:
        for part_id, index in case_path(question, response):
            reach[part_id] += 1
            hits[(part_id, index)] = hits.get((part_id, index), 0) + 1
    return [
        WrongPick(
            f"{part.id}: {choice_label(i, c)}", hits.get((part.id, i), 0), reach[part.id], True
        )
        for part in question.parts
        for i, c in enumerate(part.choices)
        if not c.correct
    ]


def count_wrong_picks(question: Question, responses: Sequence[Any]) -> list[WrongPick]:
    """Every wrong option of a question with how many first-try responses picked it."""
    if isinstance(question, SingleChoice):
        return single_picks(question, responses)
    if isinstance(question, MultipleSelect):
        return multiple_picks(question, responses)
    if isinstance(question, TrueFalse):
        return true_false_picks(question, responses)
    if isinstance(question, Numeric):
        return numeric_picks(question, responses)
    if isinstance(question, Matching):
        return matching_picks(question, responses)
    if isinstance(question, LabelFigure):
        return label_picks(question, responses)
    if isinstance(question, Case):
        return case_picks(question, responses)
    return []
