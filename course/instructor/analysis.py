"""The class at a glance: completion, scores, learners who need a look, item analysis, mastery.

Pure functions over the accepted results files (:mod:`course.instructor.loading`),
the manifest and the question banks. Nothing here reads files or draws.

The rules
---------
- Only a file's own lesson counts: attempts in a file for questions of other
  lessons, or no longer in a bank, are ignored.
- **Lesson score**: first-try points over *all* the lesson's questions (0 to 1),
  so an unanswered question counts 0. **Final score**: first-try points over
  every question of the course; lessons without a file count 0.
- **Started**: at least one question answered. **Completed**: every question answered.
- **Difficulty** of a question: the proportion of learners right on their
  first try (higher means easier).
- **Discrimination**, two ways, both against the *rest score*, a learner's mean
  first-try score on the lesson's other questions they answered (the question
  itself is left out, so it cannot correlate with itself):
  the **point-biserial** correlation between being right on the first try and
  the rest score; and the **upper-lower index**, the proportion right in the
  top 27% by rest score minus the proportion right in the bottom 27% (ties
  broken by learner name).
  A question good learners miss more often than weak ones has a negative value.
- **Wrong picks**: how often each wrong option was picked on the first try
  (:mod:`course.instructor.picks`).
- **Flags** (only with at least ``min_responses`` first tries, default 10):
  negative point-biserial discrimination; a distractor nobody picks.
- **Mastery** of an objective: the share of its questions right on the latest
  try; mastered at the course pass mark (0.7), as in the learner's course map.
- **Needs a look**: a learner with no results at all (when a roster is given);
  a lesson not started that at least half of the class has started; a lesson
  *stalled* (started, not completed, no answer for ``stall_days`` before the
  newest submission); *keeps missing*: ``stuck_questions`` (2) or more questions
  of a lesson tried ``wrong_tries`` (3) times or more and still wrong on the latest try.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt

from course.instructor.picks import WrongPick, count_wrong_picks
from course.instructor.results import QuestionRecord, ResultsFile
from course.models import Lesson, Manifest
from course.questions import Question, QuizBank

UPPER_LOWER_SHARE = 0.27
NAN = float("nan")
Vector = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Settings:
    """Thresholds of the analysis (see the module's rules)."""

    min_responses: int = 10
    stall_days: int = 7
    wrong_tries: int = 3
    stuck_questions: int = 2


@dataclass(frozen=True)
class Flag:
    """A sign that a question may be broken: a short code and a sentence."""

    code: str
    text: str


@dataclass(frozen=True)
class ItemStats:
    """Item analysis of one question."""

    quiz_id: str
    question_id: str
    lesson_id: str
    objective: str
    kind: str
    prompt: str
    responses: int
    difficulty: float | None
    point_biserial: float | None
    upper_lower: float | None
    wrong_picks: tuple[WrongPick, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class LessonSummary:
    """How far the class got in one lesson, and its lesson scores."""

    lesson_id: str
    title: str
    questions: int
    learners: int
    started: int
    completed: int
    scores: tuple[float, ...]

    @property
    def not_started(self) -> int:
        """Learners of the class who have not answered any question of the lesson."""
        return self.learners - self.started

    @property
    def in_progress(self) -> int:
        """Learners who started but have not answered every question."""
        return self.started - self.completed


@dataclass(frozen=True)
class ObjectiveSummary:
    """Mastery of one objective across the learners who answered any of its questions."""

    objective_id: str
    lesson_id: str
    text: str
    questions: int
    learners: int
    mastered: int
    mean_mastery: float | None


@dataclass(frozen=True)
class Concern:
    """A learner who may need a look, in which lesson and why."""

    learner: str
    lesson_id: str
    situation: str
    detail: str


@dataclass(frozen=True)
class ClassReport:
    """Everything the dashboard shows, as plain data."""

    learners: tuple[str, ...]
    lessons: tuple[LessonSummary, ...]
    items: tuple[ItemStats, ...]
    objectives: tuple[ObjectiveSummary, ...]
    concerns: tuple[Concern, ...]
    scores: dict[str, dict[str, float | None]]
    final: dict[str, float]
    as_of: datetime | None
    settings: Settings = field(default_factory=Settings)

    def item(self, quiz_id: str, question_id: str) -> ItemStats:
        """The item analysis of one question; KeyError when it is not in the report."""
        for stats in self.items:
            if (stats.quiz_id, stats.question_id) == (quiz_id, question_id):
                return stats
        raise KeyError(f"no question '{quiz_id}/{question_id}' in the report")


# ---------------------------------------------------------------- arithmetic


def pearson(xs: Sequence[float] | Vector, ys: Sequence[float] | Vector) -> float | None:
    """Pearson correlation; None with fewer than 3 pairs or when either side does not vary.

    Examples
    --------
    >>> round(pearson([1, 1, 0, 0, 0], [1, 0.5, 0.5, 0.5, 0]), 4)
    0.6455
    >>> pearson([1, 1, 1], [0.2, 0.5, 0.9]) is None
    True
    """
    x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if len(x) < 3:
        return None
    dx, dy = x - x.mean(), y - y.mean()
    var_x, var_y = float(dx @ dx), float(dy @ dy)
    if var_x <= 1e-12 or var_y <= 1e-12:
        return None
    return float(dx @ dy) / math.sqrt(var_x * var_y)


def upper_lower(rows: Sequence[tuple[float, str, float]]) -> float | None:
    """Upper-lower discrimination from ``(rest score, learner, right 0/1)`` rows.

    The top and bottom 27% by rest score (at least one learner each, ties broken
    by learner name); None when there are fewer than 2 learners.

    Examples
    --------
    >>> upper_lower([(1.0, "ada", 1), (0.5, "ben", 1), (0.5, "cal", 0), (0.0, "dee", 0)])
    1.0
    """
    ordered = sorted(rows, key=lambda row: row[1])
    rest = np.array([row[0] for row in ordered], dtype=float)
    return upper_lower_ranked(rest, np.array([row[2] for row in ordered], dtype=float))


def upper_lower_ranked(rest: Vector, rights: Vector) -> float | None:
    """Upper-lower index for learners already in name order (a stable sort keeps ties that way)."""
    group = math.floor(UPPER_LOWER_SHARE * len(rest) + 0.5)
    if group < 1 or 2 * group > len(rest):
        return None
    ranked = rights[np.argsort(-rest, kind="stable")]
    return float(ranked[:group].mean() - ranked[-group:].mean())


# ---------------------------------------------------------------- one table per lesson

Row = tuple[QuestionRecord | None, ...]


@dataclass(frozen=True)
class LessonRows:
    """One lesson's questions, and for each learner with a file for it, the record of each
    question in bank order (None: not answered). Every figure is computed from these rows."""

    lesson: Lesson
    questions: tuple[tuple[str, Question], ...]
    rows: dict[str, Row]
    files: dict[str, ResultsFile]
    totals: dict[str, tuple[float, int]]  # learner -> (first-try points, questions answered)

    @property
    def size(self) -> int:
        """How many questions the lesson has."""
        return len(self.questions)


def lesson_questions(
    lesson: Lesson, banks: Mapping[str, QuizBank]
) -> tuple[tuple[str, Question], ...]:
    """(quiz id, question) of a lesson's banks, in bank order."""
    return tuple(
        (quiz_id, question)
        for quiz_id in lesson.quizzes
        if quiz_id in banks
        for question in banks[quiz_id].questions
    )


def lesson_rows(
    manifest: Manifest, banks: Mapping[str, QuizBank], accepted: Iterable[ResultsFile]
) -> list[LessonRows]:
    """Sort the files by lesson and read each one's records in bank order.

    Only a file's own lesson is read, so attempts at other lessons' questions
    (or at questions no longer in a bank) are ignored.
    """
    files: dict[str, dict[str, ResultsFile]] = {lesson.id: {} for lesson in manifest.lessons}
    for results in accepted:
        if results.lesson in files:
            files[results.lesson][results.learner] = results
    tables = []
    for lesson in manifest.lessons:
        questions = lesson_questions(lesson, banks)
        keys = [(quiz_id, question.id) for quiz_id, question in questions]
        rows = {  # in learner-name order, so every figure lists learners in one order
            learner: tuple(map(files[lesson.id][learner].questions.get, keys))
            for learner in sorted(files[lesson.id])
        }
        totals = {learner: row_points(row) for learner, row in rows.items()}
        tables.append(LessonRows(lesson, questions, rows, files[lesson.id], totals))
    return tables


def row_points(row: Row) -> tuple[float, int]:
    """First-try points and questions answered in one row."""
    seen = [record.first_score for record in row if record is not None]
    return sum(seen), len(seen)


def score_tables(
    learners: Sequence[str], tables: Sequence[LessonRows]
) -> tuple[dict[str, dict[str, float | None]], dict[str, float]]:
    """Lesson scores (None without a file) and final scores, per learner."""
    total = sum(table.size for table in tables)
    scores: dict[str, dict[str, float | None]] = {learner: {} for learner in learners}
    points = dict.fromkeys(learners, 0.0)
    for table in tables:
        for learner in learners:
            found = table.totals.get(learner)
            if found is None:
                scores[learner][table.lesson.id] = None
                continue
            earned = found[0]
            points[learner] += earned
            scores[learner][table.lesson.id] = earned / table.size if table.size else 0.0
    final = {learner: points[learner] / total if total else 0.0 for learner in learners}
    return scores, final


def summarise_lesson(
    table: LessonRows, learners: Sequence[str], scores: Mapping[str, Mapping[str, float | None]]
) -> LessonSummary:
    """Started, completed and the lesson scores of those with a file."""
    answered = [count for _, count in table.totals.values()]
    lesson_scores = (scores[name][table.lesson.id] for name in learners)
    return LessonSummary(
        table.lesson.id,
        table.lesson.title,
        table.size,
        len(learners),
        sum(1 for count in answered if count),
        sum(1 for count in answered if table.size and count == table.size),
        tuple(score for score in lesson_scores if score is not None),
    )


# ---------------------------------------------------------------- item analysis


def item_flags(stats: ItemStats, settings: Settings) -> tuple[Flag, ...]:
    """Negative discrimination, and distractors nobody picks (with enough responses)."""
    flags: list[Flag] = []
    enough = stats.responses >= settings.min_responses
    if enough and stats.point_biserial is not None and stats.point_biserial < 0:
        flags.append(
            Flag(
                "negative-discrimination",
                f"negative discrimination (r = {stats.point_biserial:.2f}): learners who did "
                "well elsewhere got it wrong more often; check the key and the wording",
            )
        )
    flags += [
        Flag("unpicked-distractor", f"nobody picked the distractor '{pick.label}'")
        for pick in stats.wrong_picks
        if pick.distractor and pick.count == 0 and pick.reach >= settings.min_responses
    ]
    return tuple(flags)


@dataclass(frozen=True)
class LessonArrays:
    """A lesson's first tries as arrays: learners (in name order) by questions; NaN: not answered."""

    scores: Matrix
    rights: Matrix
    points: Vector  # first-try points per learner
    counts: npt.NDArray[np.int64]  # questions answered per learner


def lesson_arrays(table: LessonRows) -> LessonArrays:
    """The lesson's first-try scores and rights (1 or 0) as arrays, with per-learner totals."""
    rows = list(table.rows.values())
    shape = (len(rows), table.size)
    scores = np.array(
        [NAN if r is None else r.first_score for row in rows for r in row], dtype=float
    ).reshape(shape)
    rights = np.array(
        [NAN if r is None else float(r.first_correct) for row in rows for r in row], dtype=float
    ).reshape(shape)
    answered = ~np.isnan(scores)
    return LessonArrays(scores, rights, np.nansum(scores, axis=1), answered.sum(axis=1))


def analyse_item(
    table: LessonRows, index: int, arrays: LessonArrays, settings: Settings
) -> ItemStats:
    """Difficulty, discrimination and wrong picks of the lesson's question at ``index``."""
    quiz_id, question = table.questions[index]
    scores, rights = arrays.scores[:, index], arrays.rights[:, index]
    answered = ~np.isnan(scores)
    with_rest = answered & (arrays.counts > 1)
    rest = (arrays.points[with_rest] - scores[with_rest]) / (arrays.counts[with_rest] - 1)
    right = rights[with_rest]
    records = (row[index] for row in table.rows.values())
    responses = [record.first_response for record in records if record is not None]
    stats = ItemStats(
        quiz_id,
        question.id,
        table.lesson.id,
        question.objective,
        question.kind,
        question.prompt,
        int(answered.sum()),
        float(rights[answered].mean()) if answered.any() else None,
        pearson(right, rest),
        upper_lower_ranked(rest, right),
        tuple(count_wrong_picks(question, responses)),
        (),
    )
    return replace(stats, flags=item_flags(stats, settings))


def analyse_items(tables: Sequence[LessonRows], settings: Settings) -> list[ItemStats]:
    """Item analysis of every question of every lesson."""
    items: list[ItemStats] = []
    for table in tables:
        arrays = lesson_arrays(table)
        items += [analyse_item(table, index, arrays, settings) for index in range(table.size)]
    return items


# ---------------------------------------------------------------- mastery


def mastery_level(row: Row, indices: Sequence[int]) -> float:
    """The share of these questions right on the latest try (unanswered count as not yet)."""
    right = [record for record in (row[i] for i in indices) if record and record.latest_correct]
    return len(right) / len(indices)


def summarise_objectives(
    manifest: Manifest, tables: Sequence[LessonRows]
) -> list[ObjectiveSummary]:
    """Mastery of each objective among learners who answered any of its questions."""
    by_lesson = {table.lesson.id: table for table in tables}
    summaries = []
    for objective in manifest.objectives:
        table = by_lesson[objective.lesson_id]
        indices = [i for i, (_, q) in enumerate(table.questions) if q.objective == objective.id]
        levels = [
            mastery_level(row, indices)
            for row in table.rows.values()
            if any(row[i] is not None for i in indices)
        ]
        summaries.append(
            ObjectiveSummary(
                objective.id,
                objective.lesson_id,
                objective.text,
                len(indices),
                len(levels),
                sum(1 for level in levels if level >= manifest.pass_mark),
                sum(levels) / len(levels) if levels else None,
            )
        )
    return summaries


# ---------------------------------------------------------------- learners who need a look


def stalled_detail(results: ResultsFile, answered: int, questions: int, as_of: datetime) -> str:
    """Say how far the learner got and how long ago."""
    last = results.last_activity or results.submitted
    days = (as_of - last).days
    return f"{answered} of {questions} questions answered; no answer for {days} days"


def wrong_questions(table: LessonRows, row: Row, tries: int) -> list[str]:
    """Questions tried ``tries`` times or more and still wrong on the latest try."""
    return [
        question.id
        for (_, question), record in zip(table.questions, row, strict=True)
        if record is not None and record.tries >= tries and not record.latest_correct
    ]


def is_stalled(results: ResultsFile, as_of: datetime | None, settings: Settings) -> bool:
    """No answer for ``stall_days`` before ``as_of``."""
    last = results.last_activity
    return (
        as_of is not None
        and last is not None
        and as_of - last >= timedelta(days=settings.stall_days)
    )


def learner_concerns(
    learner: str,
    table: LessonRows,
    summary: LessonSummary,
    as_of: datetime | None,
    settings: Settings,
) -> list[Concern]:
    """Not started (when the class has reached the lesson), stalled, keeps missing."""
    lesson_id = table.lesson.id
    row = table.rows.get(learner)
    answered = table.totals[learner][1] if row is not None else 0
    if row is None or not answered:
        reached = summary.learners > 0 and summary.started * 2 >= summary.learners
        if reached and table.size:
            detail = f"{summary.started} of {summary.learners} learners have started it"
            return [Concern(learner, lesson_id, "not started", detail)]
        return []
    concerns = []
    results = table.files[learner]
    if answered < table.size and is_stalled(results, as_of, settings) and as_of is not None:
        detail = stalled_detail(results, answered, table.size, as_of)
        concerns.append(Concern(learner, lesson_id, "stalled", detail))
    missed = wrong_questions(table, row, settings.wrong_tries)
    if len(missed) >= settings.stuck_questions:
        more = f" and {len(missed) - 3} more" if len(missed) > 3 else ""
        detail = (
            f"{settings.wrong_tries} or more tries and still wrong: {', '.join(missed[:3])}{more}"
        )
        concerns.append(Concern(learner, lesson_id, "keeps missing", detail))
    return concerns


def find_concerns(
    learners: Sequence[str],
    tables: Sequence[LessonRows],
    lessons: Sequence[LessonSummary],
    as_of: datetime | None,
    settings: Settings,
) -> list[Concern]:
    """Every learner who may need a look: no results, not started, stalled, keeps missing."""
    with_files = {learner for table in tables for learner in table.files}
    concerns = [
        Concern(learner, "", "no results", "no results file from this learner yet")
        for learner in learners
        if learner not in with_files
    ]
    for table, summary in zip(tables, lessons, strict=True):
        for learner in learners:
            if learner in with_files:
                concerns += learner_concerns(learner, table, summary, as_of, settings)
    return concerns


# ---------------------------------------------------------------- the report


def analyse_class(
    accepted: Sequence[ResultsFile],
    manifest: Manifest,
    banks: Mapping[str, QuizBank],
    roster: Iterable[str] = (),
    as_of: datetime | None = None,
    settings: Settings | None = None,
) -> ClassReport:
    """Analyse the class from its accepted results files.

    Parameters
    ----------
    accepted
        Results files that passed loading (one per learner and lesson).
    manifest, banks
        The course manifest and the parsed question banks by quiz id.
    roster
        Learner names expected in the class; those without any file are listed.
    as_of
        "Now" for stalled lessons; defaults to the newest submission.
    settings
        Thresholds (minimum responses for flags, stall days, wrong tries).
    """
    settings = settings or Settings()
    tables = lesson_rows(manifest, banks, accepted)
    learners = tuple(sorted(set(roster) | {results.learner for results in accepted}))
    as_of = as_of or max((results.submitted for results in accepted), default=None)
    scores, final = score_tables(learners, tables)
    lessons = tuple(summarise_lesson(table, learners, scores) for table in tables)
    return ClassReport(
        learners=learners,
        lessons=lessons,
        items=tuple(analyse_items(tables, settings)),
        objectives=tuple(summarise_objectives(manifest, tables)),
        concerns=tuple(find_concerns(learners, tables, lessons, as_of, settings)),
        scores=scores,
        final=final,
        as_of=as_of,
        settings=settings,
    )
