"""Course-map arithmetic: where the learner stands, and which missed questions to review.

Pure functions over the manifest, the question banks and the stored attempts;
nothing here reads files or draws widgets. The attempts are folded into one
state per question in a single pass (:func:`summarise_attempts`), so the work
grows linearly with the record. The progress store computes the same states
with SQL aggregation (``ProgressStore.question_states``) and passes them to
:func:`map_from_states` and :func:`review_from_states`.

The rules
---------
- A question is known by its quiz id and question id. Attempts of questions
  no longer in a bank are ignored.
- **First-try score** of a question: the score (0 to 1) of its earliest
  attempt. A lesson's first-try score is the mean over the questions answered
  at least once, so it says how well the learner did before seeing feedback.
- **Completion** of a lesson: the share of its questions answered at least
  once. Its status is ``"completed"`` after a *completed* event or when every
  question is answered, ``"in progress"`` after an *opened* event or any
  answer, else ``"not started"``.
- **Mastery** of an objective: the share of its questions whose *latest*
  attempt is fully correct; unanswered questions count as not yet correct.
  An objective is ``"mastered"`` when mastery reaches the course pass mark
  (0.7 in ``data/course.yaml``).
- **Review**: questions whose latest attempt was wrong, oldest-seen first.
  A question seen in the last 10 minutes waits, so a review is spaced from
  the moment the learner got the feedback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from course.models import Lesson, Manifest, Objective

REVIEW_WAIT = timedelta(minutes=10)
QuestionKey = tuple[str, str]


class AttemptLike(Protocol):
    """What the map needs from an attempt (``course.models.Attempt`` has it)."""

    @property
    def quiz_id(self) -> str: ...
    @property
    def question_id(self) -> str: ...
    @property
    def correct(self) -> bool: ...
    @property
    def score(self) -> float: ...
    @property
    def timestamp(self) -> datetime: ...


class LessonEventLike(Protocol):
    """What the map needs from a lesson event (``course.progress.LessonEvent`` has it)."""

    @property
    def lesson_id(self) -> str: ...
    @property
    def event(self) -> str: ...


@dataclass(frozen=True)
class QuestionState:
    """What the attempts say about one question."""

    quiz_id: str
    question_id: str
    tries: int
    first_score: float
    latest_correct: bool
    last_seen: datetime


@dataclass(frozen=True)
class LessonProgress:
    """Completion and first-try score of one lesson."""

    lesson_id: str
    title: str
    status: str
    questions: int
    answered: int
    first_try_points: float

    @property
    def completion(self) -> float:
        """Share of the lesson's questions answered at least once (0 when it has none)."""
        return self.answered / self.questions if self.questions else 0.0

    @property
    def first_try_score(self) -> float | None:
        """Mean first-try score over answered questions; ``None`` before any answer."""
        return self.first_try_points / self.answered if self.answered else None


@dataclass(frozen=True)
class ObjectiveMastery:
    """Mastery of one objective: questions right on their latest try, out of all its questions."""

    objective_id: str
    lesson_id: str
    text: str
    questions: int
    answered: int
    correct: int
    pass_mark: float

    @property
    def mastery(self) -> float:
        """Share of the objective's questions whose latest attempt is correct."""
        return self.correct / self.questions if self.questions else 0.0

    @property
    def level(self) -> str:
        """``"not started"``, ``"mastered"`` (at or above the pass mark) or ``"not yet"``."""
        if self.answered == 0:
            return "not started"
        return "mastered" if self.mastery >= self.pass_mark else "not yet"


@dataclass(frozen=True)
class CourseMap:
    """The whole map: one entry per lesson and per objective, in course order."""

    lessons: tuple[LessonProgress, ...]
    objectives: tuple[ObjectiveMastery, ...]
    attempts: int


@dataclass(frozen=True)
class ReviewItem:
    """A missed question due for review, with the bank it comes from."""

    quiz_id: str
    question: Mapping[str, Any]
    last_seen: datetime
    tries: int

    @property
    def question_id(self) -> str:
        """The question's id within its bank."""
        return str(self.question["id"])


# ---------------------------------------------------------------- one pass over attempts


def summarise_attempts(attempts: Iterable[AttemptLike]) -> dict[QuestionKey, QuestionState]:
    """Fold the attempts into one state per question, in a single pass.

    Ties in time keep the earlier attempt in the input as the first and the
    later one as the latest.

    Examples
    --------
    >>> from datetime import UTC
    >>> from course.models import Attempt
    >>> t = datetime(2026, 1, 1, tzinfo=UTC)
    >>> log = [Attempt("00-q", "a", "L00-O1", 1, False, 0.0, True, t),
    ...        Attempt("00-q", "a", "L00-O1", 2, True, 1.0, False, t + timedelta(minutes=1))]
    >>> state = summarise_attempts(log)[("00-q", "a")]
    >>> state.tries, state.first_score, state.latest_correct
    (2, 0.0, True)
    """
    folded: dict[QuestionKey, list[Any]] = {}
    for attempt in attempts:
        key = (attempt.quiz_id, attempt.question_id)
        seen = folded.get(key)
        if seen is None:
            folded[key] = [1, attempt.timestamp, attempt.score, attempt.timestamp, attempt.correct]
            continue
        seen[0] += 1
        if attempt.timestamp < seen[1]:
            seen[1], seen[2] = attempt.timestamp, attempt.score
        if attempt.timestamp >= seen[3]:
            seen[3], seen[4] = attempt.timestamp, attempt.correct
    return {
        key: QuestionState(key[0], key[1], tries, float(first_score), bool(latest), last)
        for key, (tries, _, first_score, last, latest) in folded.items()
    }


# ---------------------------------------------------------------- the map


def bank_questions(
    banks: Mapping[str, Mapping[str, Any]], quiz_ids: Iterable[str]
) -> list[tuple[str, Mapping[str, Any]]]:
    """``(quiz id, question)`` pairs of the named banks, skipping banks not given."""
    return [
        (quiz_id, question)
        for quiz_id in quiz_ids
        if quiz_id in banks
        for question in banks[quiz_id].get("questions", [])
    ]


def lesson_status(events: set[str], questions: int, answered: int) -> str:
    """``"completed"``, ``"in progress"`` or ``"not started"`` (see the module's rules)."""
    if "completed" in events or (questions and answered == questions):
        return "completed"
    return "in progress" if "opened" in events or answered else "not started"


def lesson_progress(
    lesson: Lesson,
    banks: Mapping[str, Mapping[str, Any]],
    states: Mapping[QuestionKey, QuestionState],
    events: set[str],
) -> LessonProgress:
    """Completion and first-try score of one lesson."""
    keys = [
        (quiz_id, str(question["id"]))
        for quiz_id, question in bank_questions(banks, lesson.quizzes)
    ]
    seen = [states[key] for key in keys if key in states]
    return LessonProgress(
        lesson.id,
        lesson.title,
        lesson_status(events, len(keys), len(seen)),
        len(keys),
        len(seen),
        sum(state.first_score for state in seen),
    )


def objective_mastery(
    objective: Objective,
    questions: Sequence[QuestionKey],
    states: Mapping[QuestionKey, QuestionState],
    pass_mark: float,
) -> ObjectiveMastery:
    """Mastery of one objective from the states of its questions."""
    seen = [states[key] for key in questions if key in states]
    correct = sum(1 for state in seen if state.latest_correct)
    return ObjectiveMastery(
        objective.id,
        objective.lesson_id,
        objective.text,
        len(questions),
        len(seen),
        correct,
        pass_mark,
    )


def questions_by_objective(
    manifest: Manifest, banks: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[QuestionKey]]:
    """The questions of every objective, from the banks of each lesson."""
    grouped: dict[str, list[QuestionKey]] = {obj.id: [] for obj in manifest.objectives}
    for lesson in manifest.lessons:
        for quiz_id, question in bank_questions(banks, lesson.quizzes):
            if question.get("objective") in grouped:
                grouped[question["objective"]].append((quiz_id, str(question["id"])))
    return grouped


def events_by_lesson(events: Iterable[LessonEventLike]) -> dict[str, set[str]]:
    """The set of event names recorded for each lesson."""
    grouped: dict[str, set[str]] = {}
    for event in events:
        grouped.setdefault(event.lesson_id, set()).add(event.event)
    return grouped


def build_course_map(
    manifest: Manifest,
    banks: Mapping[str, Mapping[str, Any]],
    attempts: Iterable[AttemptLike],
    events: Iterable[LessonEventLike] = (),
) -> CourseMap:
    """Build the course map: per lesson completion and first-try score, per objective mastery.

    Parameters
    ----------
    manifest
        The course manifest (lessons in order, their objectives and quiz ids).
    banks
        Question banks by quiz id, as ``course.content.quiz_bank`` returns them.
    attempts
        Every stored attempt, in any order.
    events
        Lesson events (opened, completed).
    """
    attempt_list = list(attempts)
    return map_from_states(
        manifest, banks, summarise_attempts(attempt_list), len(attempt_list), events
    )


def map_from_states(
    manifest: Manifest,
    banks: Mapping[str, Mapping[str, Any]],
    states: Mapping[QuestionKey, QuestionState],
    attempts: int,
    events: Iterable[LessonEventLike] = (),
) -> CourseMap:
    """Build the course map from per-question states (from :func:`summarise_attempts`
    or from the store's SQL aggregation, ``ProgressStore.question_states``).

    ``attempts`` is the number of attempts the states summarise.
    """
    lesson_events = events_by_lesson(events)
    lessons = tuple(
        lesson_progress(lesson, banks, states, lesson_events.get(lesson.id, set()))
        for lesson in manifest.lessons
    )
    grouped = questions_by_objective(manifest, banks)
    objectives = tuple(
        objective_mastery(obj, grouped[obj.id], states, manifest.pass_mark)
        for obj in manifest.objectives
    )
    return CourseMap(lessons, objectives, attempts)


def review_questions(
    attempts: Iterable[AttemptLike],
    banks: Mapping[str, Mapping[str, Any]],
    now: datetime,
    limit: int = 5,
    wait: timedelta = REVIEW_WAIT,
) -> list[ReviewItem]:
    """Missed questions due for review: latest attempt wrong, oldest-seen first, at most ``limit``.

    A question whose latest attempt is less than ``wait`` (10 minutes) before
    ``now`` is not due yet.

    Examples
    --------
    >>> from datetime import UTC
    >>> from course.models import Attempt
    >>> t = datetime(2026, 1, 1, tzinfo=UTC)
    >>> banks = {"00-q": {"questions": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}}
    >>> log = [Attempt("00-q", "b", "L00-O1", 1, False, 0.0, True, t),
    ...        Attempt("00-q", "a", "L00-O1", 1, False, 0.0, True, t + timedelta(minutes=5)),
    ...        Attempt("00-q", "c", "L00-O1", 1, False, 0.0, True, t + timedelta(minutes=55))]
    >>> [item.question_id for item in review_questions(log, banks, t + timedelta(hours=1))]
    ['b', 'a']
    """
    return review_from_states(summarise_attempts(attempts), banks, now, limit, wait)


def review_from_states(
    states: Mapping[QuestionKey, QuestionState],
    banks: Mapping[str, Mapping[str, Any]],
    now: datetime,
    limit: int = 5,
    wait: timedelta = REVIEW_WAIT,
) -> list[ReviewItem]:
    """:func:`review_questions` from per-question states instead of attempts."""
    questions = {
        (quiz_id, str(question["id"])): question
        for quiz_id, question in bank_questions(banks, banks.keys())
    }
    due = [
        state
        for key, state in states.items()
        if key in questions and not state.latest_correct and now - state.last_seen >= wait
    ]
    due.sort(key=lambda state: (state.last_seen, state.quiz_id, state.question_id))
    return [
        ReviewItem(
            state.quiz_id,
            questions[(state.quiz_id, state.question_id)],
            state.last_seen,
            state.tries,
        )
        for state in due[: max(limit, 0)]
    ]


# ---------------------------------------------------------------- words


def percent(share: float) -> str:
    """A share as a whole percentage, e.g. ``percent(0.375) == '38%'``."""
    return f"{round(share * 100)}%"


def describe_completion(lesson: LessonProgress) -> str:
    """Completion in words and numbers, e.g. ``'3 of 8 questions answered (38%)'``."""
    if not lesson.questions:
        return "no questions yet"
    return (
        f"{lesson.answered} of {lesson.questions} questions answered ({percent(lesson.completion)})"
    )


def describe_first_try(lesson: LessonProgress) -> str:
    """First-try score in words and numbers, e.g. ``'75% on first tries (3 of 4 points)'``.

    Each answered question is worth one point; partial credit gives fractions.
    """
    score = lesson.first_try_score
    if score is None:
        return "not yet scored"
    points = f"{lesson.first_try_points:g}"
    return f"{percent(score)} on first tries ({points} of {lesson.answered} points)"


def describe_mastery(objective: ObjectiveMastery) -> str:
    """Mastery in words and numbers.

    Examples
    --------
    >>> describe_mastery(ObjectiveMastery("L00-O1", "00-start-here", "", 4, 4, 3, 0.7))
    'mastered: 3 of 4 questions right on the latest try (75%)'
    """
    if not objective.questions:
        return "no questions yet"
    return (
        f"{objective.level}: {objective.correct} of {objective.questions} questions right "
        f"on the latest try ({percent(objective.mastery)})"
    )
