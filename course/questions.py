"""Question kinds as frozen dataclasses, built from a validated question bank.

A question bank (``data/quizzes/<quiz-id>.yaml``, schema ``quiz.schema.json``)
is loaded and validated by :func:`course.content.quiz_bank`; :func:`parse_bank`
turns it into a :class:`QuizBank` of typed questions. Nothing here imports
widgets, so grading and the checks can use these objects directly.

Examples
--------
>>> raw = {"id": "00-demo", "lesson": "00-start-here", "title": "Demo", "questions": [
...     {"id": "q1", "kind": "true_false", "prompt": "Is it?", "objective": "L00-O1",
...      "references": ["K"], "difficulty": 1, "explanation": "Because.", "answer": True,
...      "feedback": {"true": "Yes, it is.", "false": "No, it is."}}]}
>>> bank = parse_bank(raw, "data/quizzes/00-demo.yaml")
>>> bank.questions[0].kind, bank.questions[0].answer
('true_false', True)
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from course.errors import ContentError


@dataclass(frozen=True)
class Choice:
    """One choice of a single-choice, multiple-select or case question.

    ``next`` is used only in case questions: the id of the part this choice leads to.
    """

    text: str
    feedback: str
    correct: bool = False
    next: str | None = None


@dataclass(frozen=True)
class Pair:
    """One item of a matching question and the match that belongs to it."""

    item: str
    match: str
    feedback: str


@dataclass(frozen=True)
class Step:
    """One step of an ordering question (the bank lists steps in the right order)."""

    text: str
    feedback: str


@dataclass(frozen=True)
class Marker:
    """One numbered marker on a label-the-figure question and its right label."""

    marker: int
    label: str
    feedback: str


@dataclass(frozen=True)
class CasePart:
    """One part of a case: a piece of the story, a question and its choices."""

    id: str
    story: str
    question: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True, kw_only=True)
class QuestionBase:
    """Fields every question kind has.

    ``quiz_id`` and ``lesson`` say which bank the question came from, so a quiz
    built from questions of several banks can still record each attempt correctly.
    """

    kind: ClassVar[str] = ""
    id: str
    prompt: str
    objective: str
    references: tuple[str, ...]
    difficulty: int
    explanation: str
    shuffle: bool = True
    quiz_id: str = ""
    lesson: str = ""


@dataclass(frozen=True, kw_only=True)
class SingleChoice(QuestionBase):
    """Choose one choice; exactly one is correct."""

    kind: ClassVar[str] = "single_choice"
    choices: tuple[Choice, ...]


@dataclass(frozen=True, kw_only=True)
class MultipleSelect(QuestionBase):
    """Choose every correct choice; scored with partial credit."""

    kind: ClassVar[str] = "multiple_select"
    choices: tuple[Choice, ...]

    @property
    def correct_indices(self) -> frozenset[int]:
        """Indices (in bank order) of the correct choices."""
        return frozenset(i for i, choice in enumerate(self.choices) if choice.correct)


@dataclass(frozen=True, kw_only=True)
class TrueFalse(QuestionBase):
    """Say whether a statement is true; ``feedback`` is keyed ``"true"`` and ``"false"``."""

    kind: ClassVar[str] = "true_false"
    answer: bool
    feedback: Mapping[str, str]


@dataclass(frozen=True, kw_only=True)
class Numeric(QuestionBase):
    """Type a number; right when within ``tolerance`` of ``answer``.

    ``range`` holds the smallest and largest values a learner may sensibly
    enter; values outside it are refused, not graded. ``feedback`` is keyed
    ``"correct"``, ``"too_low"`` and ``"too_high"``.
    """

    kind: ClassVar[str] = "numeric"
    answer: float
    tolerance: float
    unit: str
    range: tuple[float, float]
    feedback: Mapping[str, str]


@dataclass(frozen=True, kw_only=True)
class Matching(QuestionBase):
    """Pair each item with its match, chosen from the matches plus any distractors."""

    kind: ClassVar[str] = "matching"
    pairs: tuple[Pair, ...]
    distractors: tuple[str, ...] = ()

    @property
    def options(self) -> tuple[str, ...]:
        """Every match a learner can choose, without repeats, in bank order."""
        return unique([*(pair.match for pair in self.pairs), *self.distractors])


@dataclass(frozen=True, kw_only=True)
class Ordering(QuestionBase):
    """Put the steps in order; ``steps`` holds them in the right order."""

    kind: ClassVar[str] = "ordering"
    steps: tuple[Step, ...]


@dataclass(frozen=True, kw_only=True)
class LabelFigure(QuestionBase):
    """Choose the label for each numbered marker on a figure drawn by ``course.figures``."""

    kind: ClassVar[str] = "label_figure"
    figure: str
    markers: tuple[Marker, ...]
    distractors: tuple[str, ...] = ()

    @property
    def options(self) -> tuple[str, ...]:
        """Every label a learner can choose, without repeats, in bank order."""
        return unique([*(marker.label for marker in self.markers), *self.distractors])


@dataclass(frozen=True, kw_only=True)
class Case(QuestionBase):
    """A short story in parts: the first part starts, a choice's ``next`` picks the following."""

    kind: ClassVar[str] = "case"
    parts: tuple[CasePart, ...]

    def part(self, part_id: str) -> CasePart:
        """Return the part with this id; raise ``KeyError`` naming the known ids."""
        for part in self.parts:
            if part.id == part_id:
                return part
        known = ", ".join(part.id for part in self.parts)
        raise KeyError(f"case '{self.id}' has no part '{part_id}'; known parts: {known}")


Question = (
    SingleChoice | MultipleSelect | TrueFalse | Numeric | Matching | Ordering | LabelFigure | Case
)


@dataclass(frozen=True)
class QuizBank:
    """One question bank: its id, the lesson it belongs to, a title and the questions."""

    id: str
    lesson: str
    title: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        """Return the question with this id; raise ``KeyError`` naming the known ids."""
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(item.id for item in self.questions)
        raise KeyError(f"bank '{self.id}' has no question '{question_id}'; known: {known}")


def unique(items: Sequence[str]) -> tuple[str, ...]:
    """Return the items without repeats, keeping the first occurrence's place.

    Examples
    --------
    >>> unique(["a", "b", "a", "c"])
    ('a', 'b', 'c')
    """
    return tuple(dict.fromkeys(items))


def parse_bank(raw: Mapping[str, Any], file: str) -> QuizBank:
    """Turn a validated question bank (a dict) into a :class:`QuizBank`.

    Parameters
    ----------
    raw
        The bank as :func:`course.content.quiz_bank` returns it.
    file
        The bank's file name, used in error messages.

    Raises
    ------
    ContentError
        When a question has an unknown kind or lacks a field its kind needs.
    """
    context = {"quiz_id": raw["id"], "lesson": raw["lesson"]}
    questions = tuple(parse_question(item, file, context) for item in raw["questions"])
    return QuizBank(id=raw["id"], lesson=raw["lesson"], title=raw["title"], questions=questions)


def parse_question(raw: Mapping[str, Any], file: str, context: Mapping[str, str]) -> Question:
    """Build the dataclass for one question, by its ``kind``."""
    question_id = raw.get("id", "?")
    kind = raw.get("kind")
    builder = BUILDERS.get(str(kind))
    if builder is None:
        known = ", ".join(sorted(BUILDERS))
        raise ContentError(
            file,
            f"question '{question_id}'",
            f"has an unknown kind {kind!r}",
            f"use one of: {known}",
        )
    common = {
        "id": question_id,
        "prompt": raw["prompt"],
        "objective": raw["objective"],
        "references": tuple(raw["references"]),
        "difficulty": int(raw["difficulty"]),
        "explanation": raw["explanation"],
        "shuffle": bool(raw.get("shuffle", True)),
        **context,
    }
    try:
        return builder(raw, common)
    except (KeyError, TypeError, ValueError) as exc:
        raise ContentError(
            file,
            f"question '{question_id}'",
            f"does not have the fields a {kind} question needs ({exc})",
            "compare it with quiz.schema.json for this kind",
        ) from exc


def to_choice(raw: Mapping[str, Any]) -> Choice:
    """Build one choice."""
    return Choice(
        text=str(raw["text"]),
        feedback=str(raw["feedback"]),
        correct=bool(raw.get("correct", False)),
        next=raw.get("next"),
    )


def build_single(raw: Mapping[str, Any], common: dict[str, Any]) -> Question:
    """Build a single-choice question."""
    return SingleChoice(choices=tuple(to_choice(c) for c in raw["choices"]), **common)


def build_multiple(raw: Mapping[str, Any], common: dict[str, Any]) -> Question:
    """Build a multiple-select question."""
    return MultipleSelect(choices=tuple(to_choice(c) for c in raw["choices"]), **common)


def build_true_false(raw: Mapping[str, Any], common: dict[str, Any]) -> Question:
    """Build a true/false question; feedback keys may be written as YAML booleans."""
    feedback = {str(key).lower(): str(text) for key, text in raw["feedback"].items()}
    return TrueFalse(answer=bool(raw["answer"]), feedback=feedback, **common)


def build_numeric(raw: Mapping[str, Any], common: dict[str, Any]) -> Question:
    """Build a numeric question."""
    low, high = (float(value) for value in raw["range"])
    return Numeric(
        answer=float(raw["answer"]),
        tolerance=float(raw["tolerance"]),
        unit=str(raw["unit"]),
        range=(low, high),
        feedback={key: str(text) for key, text in raw["feedback"].items()},
        **common,
    )


def build_matching(raw: Mapping[str, Any], common: dict[str, Any]) -> Question:
    """Build a matching question."""
    pairs = tuple(Pair(str(p["item"]), str(p["match"]), str(p["feedback"])) for p in raw["pairs"])
    return Matching(pairs=pairs, distractors=tuple(raw.get("distractors", ())), **common)


def build_ordering(raw: Mapping[str, Any], common: dict[str, Any]) -> Question:
    """Build an ordering question."""
    steps = tuple(Step(str(s["text"]), str(s["feedback"])) for s in raw["steps"])
    return Ordering(steps=steps, **common)


def build_label_figure(raw: Mapping[str, Any], common: dict[str, Any]) -> Question:
    """Build a label-the-figure question."""
    markers = tuple(
        Marker(int(m["marker"]), str(m["label"]), str(m["feedback"])) for m in raw["markers"]
    )
    return LabelFigure(
        figure=str(raw["figure"]),
        markers=markers,
        distractors=tuple(raw.get("distractors", ())),
        **common,
    )


def build_case(raw: Mapping[str, Any], common: dict[str, Any]) -> Question:
    """Build a case question."""
    parts = tuple(
        CasePart(
            id=str(p["id"]),
            story=str(p["story"]),
            question=str(p["question"]),
            choices=tuple(to_choice(c) for c in p["choices"]),
        )
        for p in raw["parts"]
    )
    return Case(parts=parts, **common)


BUILDERS: dict[str, Callable[[Mapping[str, Any], dict[str, Any]], Question]] = {
    "single_choice": build_single,
    "multiple_select": build_multiple,
    "true_false": build_true_false,
    "numeric": build_numeric,
    "matching": build_matching,
    "ordering": build_ordering,
    "label_figure": build_label_figure,
    "case": build_case,
}


def load_bank(quiz_id: str) -> QuizBank:
    """Load, validate and parse one question bank, refusing a bank that breaks a bank rule.

    The rules that need only the bank itself (one correct choice, numeric answer
    in range, case parts that resolve, ...) are checked here; the course-wide
    rules run in ``python -m course check`` (:func:`course.bankrules.check_banks`).

    Raises
    ------
    ContentError
        Naming the file, the question id and the fix.
    """
    from course import content, loading, paths
    from course.bankrules import bank_problems

    raw = content.quiz_bank(quiz_id)
    file = loading.display_path(paths.quiz_file(quiz_id))
    bank = parse_bank(raw, file)
    problems = bank_problems(bank, file)
    if problems:
        raise problems[0]
    return bank


def seeded_order(seed_text: str, count: int) -> tuple[int, ...]:
    """Return a shuffled order of ``range(count)``, the same in every run and process.

    The seed comes from a SHA-256 hash of ``seed_text`` (Python's own ``hash`` of
    a string changes between processes).

    Examples
    --------
    >>> seeded_order("q1", 4) == seeded_order("q1", 4)
    True
    >>> sorted(seeded_order("q1", 4))
    [0, 1, 2, 3]
    """
    digest = hashlib.sha256(seed_text.encode("utf-8")).digest()
    order = list(range(count))
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(order)
    return tuple(order)


def display_order(question_id: str, count: int, shuffle: bool, salt: str = "") -> tuple[int, ...]:
    """Return the order to show ``count`` choices in: seeded by the question id, or as written."""
    if not shuffle:
        return tuple(range(count))
    return seeded_order(f"{question_id}:{salt}", count)


def starting_order(question: Ordering) -> tuple[int, ...]:
    """Return the order an ordering question's steps start in: shuffled, never already right.

    Ordering questions are always shuffled (the bank lists the right order).

    Examples
    --------
    >>> q = Ordering(id="o", prompt="p", objective="L00-O1", references=("K",), difficulty=1,
    ...              explanation="e", steps=tuple(Step(t, "why") for t in "abc"))
    >>> order = starting_order(q)
    >>> order != (0, 1, 2) and sorted(order) == [0, 1, 2]
    True
    """
    count = len(question.steps)
    order = seeded_order(f"{question.id}:steps", count)
    if order == tuple(range(count)):
        order = order[1:] + order[:1]
    return order
