"""The final assessment: draw each learner's questions, score them, and say what to review.

The rules live in ``data/assessment.yaml`` (schema ``assessment.schema.json``):
a few questions every learner answers (the clinical cases), and how many
questions each objective of the course gets. The rest are drawn from every
question bank in ``data/quizzes/``:

* the same learner always gets the same set (the draw is seeded by a SHA-256
  hash of the rules' seed, the learner id and the question id, never by
  Python's ``hash``, which changes between processes);
* two learners get different but equivalent sets: the same number of questions
  on every objective;
* every objective of the manifest gets at least one question, as long as some
  bank has a question on it (:func:`check_assessment` reports any that has none).

Scoring uses each question's first-try score (0 to 1; a question not answered
counts as 0). The pass mark is the manifest's ``pass_mark``. Nothing here
imports widgets; :mod:`course.widgets.assessment` shows it.

Examples
--------
>>> passes(0.7, 0.7), passes(0.69, 0.7)
(True, False)
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from course import content, loading, paths
from course.errors import ContentError
from course.grading import QuestionResult
from course.models import Manifest, Objective
from course.questions import Question, load_bank

RULES_FILE = "data/assessment.yaml"


# --- the rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentRules:
    """The rules of ``data/assessment.yaml``: fixed questions and questions per objective."""

    title: str
    bank: str
    seed: str
    always_include: tuple[str, ...]
    per_objective: int
    per_objective_in_lesson: Mapping[str, int] = field(default_factory=dict)

    def target(self, objective: Objective) -> int:
        """How many questions this objective gets, counting the always-included ones.

        Examples
        --------
        >>> rules = AssessmentRules("T", "08-x", "s", ("a",), 1, {"08-x": 3})
        >>> rules.target(Objective("L08-O1", "t", "08-x")), rules.target(Objective("L01-O1", "t", "01-y"))
        (3, 1)
        """
        return self.per_objective_in_lesson.get(objective.lesson_id, self.per_objective)


def rules_from(raw: Mapping[str, Any]) -> AssessmentRules:
    """Build the rules from the validated ``data/assessment.yaml``."""
    return AssessmentRules(
        title=str(raw["title"]),
        bank=str(raw["bank"]),
        seed=str(raw["seed"]),
        always_include=tuple(str(item) for item in raw["always_include"]),
        per_objective=int(raw["per_objective"]),
        per_objective_in_lesson={
            str(lesson): int(count)
            for lesson, count in raw.get("per_objective_in_lesson", {}).items()
        },
    )


def load_rules() -> AssessmentRules:
    """Load and validate ``data/assessment.yaml``."""
    return rules_from(content.document("assessment"))


# --- the draw ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draw:
    """One learner's final assessment: the questions in order, and what they cover.

    ``fixed`` holds the ids every learner answers; ``uncovered`` the objectives
    of the manifest that no question in any bank assesses.
    """

    learner: str
    questions: tuple[Question, ...]
    fixed: tuple[str, ...]
    uncovered: tuple[str, ...] = ()

    @property
    def question_ids(self) -> tuple[str, ...]:
        """The question ids, in the order they are asked."""
        return tuple(question.id for question in self.questions)

    @property
    def drawn(self) -> tuple[str, ...]:
        """The ids of the questions drawn for this learner (not the fixed ones)."""
        return tuple(qid for qid in self.question_ids if qid not in self.fixed)

    def per_objective(self) -> dict[str, int]:
        """Objective id -> number of questions on it in this draw."""
        return dict(Counter(question.objective for question in self.questions))


def draw_key(seed: str, learner: str, question_id: str) -> str:
    """The sort key that decides which questions a learner gets: a SHA-256 hex digest.

    Each question's key depends only on the seed, the learner and that question,
    so the same learner always gets the same questions, and adding a question to
    a bank changes a draw only where the new question itself is chosen.

    Examples
    --------
    >>> draw_key("s", "ada", "q1") == draw_key("s", "ada", "q1")
    True
    >>> draw_key("s", "ada", "q1") == draw_key("s", "bob", "q1")
    False
    """
    text = "\x1f".join((seed, learner, question_id))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_fixed(ids: Sequence[str], questions: Sequence[Question]) -> tuple[Question, ...]:
    """The always-included questions, in the rules' order; a missing id is a ContentError."""
    by_id = {question.id: question for question in questions}
    missing = [qid for qid in ids if qid not in by_id]
    if missing:
        raise ContentError(
            RULES_FILE,
            "always_include",
            f"names question(s) that are in no question bank: {', '.join(missing)}",
            "use the ids of questions in data/quizzes/ (the final assessment's cases)",
        )
    return tuple(by_id[qid] for qid in ids)


def draw_questions(
    learner: str,
    rules: AssessmentRules,
    manifest: Manifest,
    questions: Sequence[Question],
) -> Draw:
    """Draw one learner's final assessment from ``questions`` (every bank's questions).

    The always-included questions come first, in the rules' order; then, for each
    objective of the manifest in course order, the questions it still needs,
    chosen by :func:`draw_key`. Questions on objectives outside the manifest are
    never drawn.

    Raises
    ------
    ContentError
        When an always-included question is in no bank.
    """
    fixed = find_fixed(rules.always_include, questions)
    fixed_ids = set(rules.always_include)
    counts = Counter(question.objective for question in fixed)
    pools: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        if question.id not in fixed_ids:
            pools[question.objective].append(question)
    drawn: list[Question] = []
    uncovered: list[str] = []
    for objective in manifest.objectives:
        need = max(0, rules.target(objective) - counts[objective.id])
        ranked = sorted(pools[objective.id], key=lambda q: draw_key(rules.seed, learner, q.id))
        drawn += ranked[:need]
        if counts[objective.id] == 0 and not ranked:
            uncovered.append(objective.id)
    return Draw(learner, (*fixed, *drawn), rules.always_include, tuple(uncovered))


def all_questions() -> tuple[Question, ...]:
    """Every question of every bank in ``data/quizzes/``, bank by bank."""
    return tuple(q for quiz_id in content.quiz_ids() for q in load_bank(quiz_id).questions)


def draw_for(learner: str) -> Draw:
    """Draw a learner's final assessment from the course's rules, manifest and banks."""
    return draw_questions(learner, load_rules(), content.manifest(), all_questions())


# --- the result ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveScore:
    """How a learner did on one objective: its questions, how many answered, mean first-try score."""

    objective: Objective
    lesson_title: str
    notebook: str
    questions: int
    answered: int
    score: float

    @property
    def id(self) -> str:
        """The objective id, e.g. ``L03-O2``."""
        return self.objective.id


@dataclass(frozen=True)
class AssessmentResult:
    """A learner's final assessment result.

    ``score`` is the mean first-try score over every question (0 to 1), and
    ``passed`` says whether it reaches ``pass_mark``. ``review`` holds the
    objectives scored below the pass mark.
    """

    learner: str
    course_title: str
    score: float
    pass_mark: float
    passed: bool
    answered: int
    total: int
    by_objective: tuple[ObjectiveScore, ...]
    day: date

    @property
    def percent(self) -> int:
        """The score out of 100, rounded."""
        return percent(self.score)

    @property
    def review(self) -> tuple[ObjectiveScore, ...]:
        """The objectives to review: those scored below the pass mark."""
        return tuple(item for item in self.by_objective if not passes(item.score, self.pass_mark))


def percent(fraction: float) -> int:
    """A 0-1 fraction as a whole number out of 100.

    Examples
    --------
    >>> percent(0.7), percent(2 / 3), percent(0.125)
    (70, 67, 13)
    """
    return int(fraction * 100 + 0.5 + 1e-9)


def passes(score: float, pass_mark: float) -> bool:
    """True when the score reaches the pass mark (a score exactly at the mark passes).

    Compared after rounding to 9 decimals, so that 7 right out of 10 passes a mark of 0.7.

    Examples
    --------
    >>> passes(7 / 10, 0.7), passes(0.1 + 0.6, 0.7), passes(0.699, 0.7)
    (True, True, False)
    """
    return round(score, 9) >= round(pass_mark, 9)


def first_try_scores(draw: Draw, results: Sequence[QuestionResult]) -> dict[str, float | None]:
    """Question id -> first-try score (None if not answered), for every question in the draw."""
    known = {result.question_id: result for result in results}
    scores: dict[str, float | None] = {}
    for qid in draw.question_ids:
        result = known.get(qid)
        scores[qid] = result.first_try_score if result is not None and result.answered else None
    return scores


def objective_scores(
    draw: Draw, scores: Mapping[str, float | None], manifest: Manifest
) -> tuple[ObjectiveScore, ...]:
    """The score of each objective in the draw, in course order."""
    items: list[ObjectiveScore] = []
    for lesson in manifest.lessons:
        for objective in lesson.objectives:
            ids = [q.id for q in draw.questions if q.objective == objective.id]
            if not ids:
                continue
            values = [scores[qid] for qid in ids]
            answered = [value for value in values if value is not None]
            items.append(
                ObjectiveScore(
                    objective,
                    lesson.title,
                    lesson.notebook,
                    len(ids),
                    len(answered),
                    sum(answered) / len(ids),
                )
            )
    return tuple(items)


def score_assessment(
    draw: Draw,
    results: Sequence[QuestionResult],
    manifest: Manifest,
    day: date,
) -> AssessmentResult:
    """Score a learner's final assessment: overall, by objective, and pass or fail.

    Parameters
    ----------
    draw
        The learner's questions.
    results
        How each question went (questions without a result count as not answered).
    manifest
        The course manifest (objective texts, lesson titles and the pass mark).
    day
        The day of the result (for the certificate).
    """
    scores = first_try_scores(draw, results)
    values = [value for value in scores.values() if value is not None]
    total = len(draw.questions)
    overall = sum(values) / total if total else 0.0
    return AssessmentResult(
        learner=draw.learner,
        course_title=manifest.title,
        score=overall,
        pass_mark=manifest.pass_mark,
        passed=passes(overall, manifest.pass_mark),
        answered=len(values),
        total=total,
        by_objective=objective_scores(draw, scores, manifest),
        day=day,
    )


# --- checks ----------------------------------------------------------------------------------


def check_assessment() -> list[ContentError]:
    """Problems with the final assessment's rules, against the manifest and every bank.

    Reports: an unknown bank or lesson, always-included questions that are in no
    bank or not in the assessment's bank, and objectives the draw cannot give
    the number of questions the rules ask for (which would make learners' sets
    unequal, or leave an objective out).
    """
    rules = load_rules()
    manifest = content.manifest()
    questions = all_questions()
    problems = rule_problems(rules, manifest)
    problems += fixed_problems(rules, questions)
    problems += supply_problems(rules, manifest, questions)
    return problems


def rule_problems(rules: AssessmentRules, manifest: Manifest) -> list[ContentError]:
    """The bank and the lessons named in the rules exist."""
    problems: list[ContentError] = []
    if not paths.quiz_file(rules.bank).is_file():
        problems.append(
            ContentError(
                RULES_FILE,
                "bank",
                f"names the question bank '{rules.bank}', which does not exist",
                f"create {loading.display_path(paths.quiz_file(rules.bank))} or correct the id",
            )
        )
    lessons = {lesson.id for lesson in manifest.lessons}
    for lesson_id in rules.per_objective_in_lesson:
        if lesson_id not in lessons:
            problems.append(
                ContentError(
                    RULES_FILE,
                    f"per_objective_in_lesson '{lesson_id}'",
                    "names a lesson that is not in data/course.yaml",
                    f"use one of: {', '.join(sorted(lessons))}",
                )
            )
    return problems


def fixed_problems(rules: AssessmentRules, questions: Sequence[Question]) -> list[ContentError]:
    """Every always-included question exists, in the assessment's own bank."""
    by_id = {question.id: question for question in questions}
    problems: list[ContentError] = []
    for qid in rules.always_include:
        question = by_id.get(qid)
        if question is None:
            problems.append(
                ContentError(
                    RULES_FILE,
                    f"always_include '{qid}'",
                    "is in no question bank",
                    f"add the question to data/quizzes/{rules.bank}.yaml or correct the id",
                )
            )
        elif question.quiz_id != rules.bank:
            problems.append(
                ContentError(
                    RULES_FILE,
                    f"always_include '{qid}'",
                    f"is in the bank '{question.quiz_id}', not in '{rules.bank}'",
                    f"move the question to data/quizzes/{rules.bank}.yaml or include another",
                )
            )
    return problems


def supply_problems(
    rules: AssessmentRules, manifest: Manifest, questions: Sequence[Question]
) -> list[ContentError]:
    """Every objective has at least as many questions in the banks as the rules ask for."""
    available = Counter(question.objective for question in questions)
    problems: list[ContentError] = []
    for objective in manifest.objectives:
        need, have = rules.target(objective), available[objective.id]
        if have < need:
            problems.append(
                ContentError(
                    RULES_FILE,
                    f"objective '{objective.id}'",
                    f"needs {need} question{'s' if need != 1 else ''} in the final assessment "
                    f"but the banks have {have}",
                    f"add questions with 'objective: {objective.id}' to "
                    f"data/quizzes/{objective.lesson_id}.yaml, or ask for fewer in "
                    "data/assessment.yaml",
                )
            )
    return problems
