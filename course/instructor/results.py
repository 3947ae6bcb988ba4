"""The results file: one learner's attempts and scores for one lesson, as versioned JSON.

The Submit button at the end of a lesson builds this document from the
learner's progress store (:func:`build_results`) and writes it into the
exchange folder (:mod:`course.instructor.exchange`). The class dashboard reads
it back (:mod:`course.instructor.loading`) and folds its attempts into one
record per question (:func:`fold_attempts`).

The format is ``course/schemas/results.schema.json``. :func:`schema_problems`
enforces the same rules in plain Python, because the dashboard reads thousands
of files and a general JSON Schema validator takes about a millisecond each;
the tests check both agree on valid and broken documents.

Examples
--------
>>> document = {"schema_version": 1, "format": FORMAT, "submission_id": "0" * 32,
...     "learner": "ada", "course_version": "0.1.0", "lesson": "00-start-here",
...     "timestamp": "2026-11-21T10:00:00+00:00", "scores": {"questions": 1, "answered": 1,
...     "score": 1.0}, "attempts": [{"quiz_id": "00-start-here", "question_id": "q1",
...     "response": 0, "correct": True, "score": 1.0, "timestamp": "2026-11-21T09:59:00+00:00"}]}
>>> problems(document)
[]
>>> record = summarise(document, "ada.json").questions[("00-start-here", "q1")]
>>> record.tries, record.first_correct, record.first_response
(1, True, 0)
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from course import xapi
from course.errors import ContentError
from course.models import Lesson, Manifest
from course.questions import QuizBank

SCHEMA_VERSION = 1
FORMAT = "lowback-course-results"
MAX_BYTES = 1024 * 1024  # a results file larger than 1 MiB is refused
MAX_ATTEMPTS = 5000
QuestionKey = tuple[str, str]

TOP_FIELDS = (
    "schema_version",
    "format",
    "submission_id",
    "learner",
    "course_version",
    "lesson",
    "timestamp",
    "attempts",
    "scores",
)
ATTEMPT_REQUIRED = ("quiz_id", "question_id", "response", "correct", "score", "timestamp")
ATTEMPT_REQUIRED_SET = frozenset(ATTEMPT_REQUIRED)
ATTEMPT_FIELDS = frozenset({*ATTEMPT_REQUIRED, "objective", "kind", "first_try"})
TOP_SET = frozenset(TOP_FIELDS)
SCORE_REQUIRED = ("questions", "answered", "score")
SCORE_FIELDS = frozenset({*SCORE_REQUIRED, "first_try_correct", "latest_correct"})
LESSON_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
HEX = frozenset("0123456789abcdef")
SCORE_ONE, SCORE_ZERO = 1.0, 0.0
KEY_CACHE_LIMIT = 100_000
_KEYS: dict[tuple[str, str], tuple[str, str]] = {}


class AttemptSource(Protocol):
    """What :func:`build_results` needs from a stored attempt (``AttemptRecord`` has it)."""

    @property
    def quiz_id(self) -> str: ...
    @property
    def question_id(self) -> str: ...
    @property
    def objective(self) -> str: ...
    @property
    def response(self) -> Any: ...
    @property
    def correct(self) -> bool: ...
    @property
    def score(self) -> float: ...
    @property
    def first_try(self) -> bool: ...
    @property
    def timestamp(self) -> datetime: ...
    @property
    def extra(self) -> dict[str, Any]: ...


class StoreLike(Protocol):
    """What :func:`build_results` needs from the progress store."""

    learner: str

    def attempts(self, quiz_id: str | None = None, learner: str | None = None) -> Any: ...


class QuestionRecord(NamedTuple):
    """One question in one results file: the first try (what the learner knew) and the latest.

    ``first_response`` is the response of the earliest attempt, used to count
    which wrong choices learners pick before they see any feedback. (A named
    tuple, not a dataclass: the dashboard builds a million of them for a large
    class, and a tuple is built four times faster.)
    """

    quiz_id: str
    question_id: str
    tries: int
    first_response: Any
    first_score: float
    first_correct: bool
    latest_correct: bool
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class ResultsFile:
    """A results file that passed every check, folded for analysis."""

    file: str
    learner: str
    lesson: str
    course_version: str
    submitted: datetime
    submission_id: str
    questions: dict[QuestionKey, QuestionRecord]
    reported: dict[str, Any]

    @property
    def last_activity(self) -> datetime | None:
        """When the learner last answered a question of this lesson (None before any answer)."""
        return max((record.last_seen for record in self.questions.values()), default=None)


# ---------------------------------------------------------------- checking


def is_number(value: Any) -> bool:
    """A JSON number: int or float, never bool."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_integer(value: Any) -> bool:
    """A JSON Schema integer: an int, or a float with no fractional part (never bool)."""
    return is_number(value) and float(value).is_integer()


def text_problem(value: Any, name: str, low: int, high: int) -> str | None:
    """Check a string field's type and length."""
    if not isinstance(value, str):
        return f"'{name}' must be text, not {type(value).__name__}"
    if not low <= len(value) <= high:
        return f"'{name}' must be {low} to {high} characters long"
    return None


def field_problems(
    node: Mapping[str, Any], required: Sequence[str], allowed: Iterable[str], where: str
) -> list[str]:
    """Missing required fields and unknown fields of one JSON object."""
    found = [f"{where}the field '{name}' is missing" for name in required if name not in node]
    known = set(allowed)
    found += [f"{where}unknown field '{name}'" for name in node if name not in known]
    return found


def top_problems(document: Mapping[str, Any]) -> list[str]:
    """Rules for the top-level fields (other than attempts and scores)."""
    found = field_problems(document, TOP_FIELDS, TOP_FIELDS, "")
    if document.get("format", FORMAT) != FORMAT:
        found.append(f"'format' must be '{FORMAT}'")
    checks = (
        ("learner", 1, 200),
        ("course_version", 1, 50),
        ("lesson", 1, 100),
        ("timestamp", 10, 40),
        ("submission_id", 32, 32),
    )
    for name, low, high in checks:
        if name in document:
            problem = text_problem(document[name], name, low, high)
            found += [problem] if problem else []
    lesson = document.get("lesson")
    if isinstance(lesson, str) and not is_lesson_id(lesson):
        found.append(f"'lesson' {lesson!r} is not a lesson id such as '03-symptoms-and-red-flags'")
    submission = document.get("submission_id")
    if isinstance(submission, str) and not set(submission) <= HEX:
        found.append("'submission_id' must be 32 lower-case hexadecimal digits")
    return found


def is_lesson_id(text: str) -> bool:
    """Two digits, a hyphen, then lower-case letters, digits and hyphens (``^[0-9]{2}-[a-z0-9-]+$``)."""
    return (
        len(text) > 3
        and text[:2].isascii()
        and text[:2].isdigit()
        and text[2] == "-"
        and set(text[3:]) <= LESSON_CHARS
    )


def valid_attempt(attempt: Any) -> bool:
    """True when an attempt breaks no rule: the fast path for the usual case.

    It must agree with :func:`attempt_problems` (which says what is wrong);
    the tests check both on every broken attempt they know.
    """
    if type(attempt) is not dict:
        return False
    keys = attempt.keys()
    if keys == ATTEMPT_FIELDS:  # every field present, as the Submit button writes it
        objective, kind, first_try = attempt["objective"], attempt["kind"], attempt["first_try"]
    elif ATTEMPT_REQUIRED_SET <= keys <= ATTEMPT_FIELDS:
        objective, kind = attempt.get("objective", ""), attempt.get("kind", "")
        first_try = attempt.get("first_try", False)
    else:
        return False
    quiz, question, moment = attempt["quiz_id"], attempt["question_id"], attempt["timestamp"]
    score = attempt["score"]
    return (
        type(quiz) is str
        and 1 <= len(quiz) <= 100
        and type(question) is str
        and 1 <= len(question) <= 100
        and type(moment) is str
        and 10 <= len(moment) <= 40
        and type(objective) is str
        and len(objective) <= 20
        and type(kind) is str
        and len(kind) <= 30
        and type(attempt["correct"]) is bool
        and type(first_try) is bool
        and type(score) in (int, float)
        and 0 <= score <= 1
    )


def attempt_problems(attempt: Any, index: int) -> list[str]:
    """Rules for one attempt."""
    where = f"attempts[{index}]: "
    if not isinstance(attempt, dict):
        return [f"{where}must be an object"]
    found = field_problems(attempt, ATTEMPT_REQUIRED, ATTEMPT_FIELDS, where)
    limits = {"quiz_id": (1, 100), "question_id": (1, 100), "timestamp": (10, 40)}
    limits |= {"objective": (0, 20), "kind": (0, 30)}
    for name, (low, high) in limits.items():
        if name in attempt:
            problem = text_problem(attempt[name], name, low, high)
            found += [where + problem] if problem else []
    for name in ("correct", "first_try"):
        if name in attempt and not isinstance(attempt[name], bool):
            found.append(f"{where}'{name}' must be true or false")
    score = attempt.get("score", 0)
    if not is_number(score) or not 0 <= score <= 1:
        found.append(f"{where}'score' must be a number from 0 to 1")
    return found


def scores_problems(scores: Any) -> list[str]:
    """Rules for the ``scores`` object."""
    if not isinstance(scores, dict):
        return ["'scores' must be an object"]
    found = field_problems(scores, SCORE_REQUIRED, SCORE_FIELDS, "scores: ")
    for name in SCORE_FIELDS - {"score"}:
        if name in scores and not (is_integer(scores[name]) and scores[name] >= 0):
            found.append(f"scores: '{name}' must be a whole number, 0 or more")
    score = scores.get("score", 0)
    if not is_number(score) or not 0 <= score <= 1:
        found.append("scores: 'score' must be a number from 0 to 1")
    return found


def schema_problems(document: Any) -> list[str]:
    """Every way ``document`` breaks ``results.schema.json`` (an empty list when it is valid).

    The version is checked first: a file from a newer course version gets one
    clear problem instead of a list of unknown fields.
    """
    if not isinstance(document, dict):
        return ["the file must hold one JSON object"]
    version: Any = document.get("schema_version")
    if isinstance(version, bool) or version != SCHEMA_VERSION:
        if is_integer(version) and version > SCHEMA_VERSION:
            return [f"schema_version {version} is newer than this course reads ({SCHEMA_VERSION})"]
        return [f"'schema_version' must be {SCHEMA_VERSION}"]
    found = top_problems(document)
    attempts = document.get("attempts", [])
    if not isinstance(attempts, list):
        found.append("'attempts' must be a list")
    elif len(attempts) > MAX_ATTEMPTS:
        found.append(f"'attempts' holds more than {MAX_ATTEMPTS} attempts")
    else:
        for index, attempt in enumerate(attempts):
            if not valid_attempt(attempt):
                found += attempt_problems(attempt, index)
    if "scores" in document:
        found += scores_problems(document["scores"])
    return found


def parse_moment(text: str) -> datetime | None:
    """An ISO 8601 time with a UTC offset, or None when it is not one."""
    try:
        return aware_time(text, "")
    except ValueError:
        return None


def aware_time(text: str, where: str) -> datetime:
    """Parse an ISO 8601 time with a UTC offset; ValueError naming ``where`` otherwise."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError(f"{where}'timestamp' is not an ISO 8601 time with a UTC offset")
    return moment


def time_problems(document: Mapping[str, Any]) -> list[str]:
    """Times the schema cannot check: each must be ISO 8601 with a UTC offset."""
    try:
        summarise(document, "")
    except ValueError as exc:
        return [str(exc)]
    return []


def problems(document: Any) -> list[str]:
    """Every reason ``document`` is not a usable results file: schema rules, then times."""
    found = schema_problems(document)
    return found or time_problems(document)


# ---------------------------------------------------------------- folding attempts


def top_is_valid(document: Any) -> bool:
    """True when the top level breaks no rule (the fast path; :func:`top_problems` says what)."""
    if type(document) is not dict or document.keys() != TOP_SET:
        return False
    version, learner, course_version = (
        document["schema_version"],
        document["learner"],
        document["course_version"],
    )
    lesson, moment, submission = (
        document["lesson"],
        document["timestamp"],
        document["submission_id"],
    )
    return (
        type(version) is int
        and version == SCHEMA_VERSION
        and document["format"] == FORMAT
        and type(learner) is str
        and 1 <= len(learner) <= 200
        and type(course_version) is str
        and 1 <= len(course_version) <= 50
        and type(lesson) is str
        and len(lesson) <= 100
        and is_lesson_id(lesson)
        and type(moment) is str
        and 10 <= len(moment) <= 40
        and type(submission) is str
        and len(submission) == 32
        and set(submission) <= HEX
        and type(document["attempts"]) is list
        and len(document["attempts"]) <= MAX_ATTEMPTS
        and not scores_problems(document["scores"])
    )


def read_document(document: Any, file: str) -> ResultsFile:
    """Check a parsed results file and fold it; :class:`ResultsProblem` lists what is wrong.

    A valid file, the usual case, is checked and folded in one pass over its
    attempts (the dashboard reads thousands of files); anything unexpected
    falls back to :func:`problems` for the reasons.
    """
    if top_is_valid(document) and all(map(valid_attempt, document["attempts"])):
        try:
            return summarise(document, file)
        except ValueError:
            pass  # a time without an offset: problems() names it
    raise ResultsProblem(problems(document) or ["the file breaks the results format"])


class ResultsProblem(ValueError):
    """A results file breaks the format; ``problems`` lists every reason, the first is the message."""

    def __init__(self, found: list[str]) -> None:
        super().__init__(found[0])
        self.problems = found


def shared_key(quiz_id: str, question_id: str) -> QuestionKey:
    """The (quiz id, question id) key, one shared object per question across every file read.

    A class of 10,000 learners has a million question records but only about a
    hundred questions; sharing their keys saves memory and keeps lookups in cache.
    The cache stops growing at :data:`KEY_CACHE_LIMIT` keys, so odd files cannot fill memory.
    """
    key = (quiz_id, question_id)
    found = _KEYS.get(key)
    if found is not None:
        return found
    if len(_KEYS) < KEY_CACHE_LIMIT:
        _KEYS[key] = key
    return key


def shared_score(value: float) -> float:
    """The score as a float, sharing one object for the common 0 and 1.

    A large class holds a million first-try scores; sharing the two usual values
    keeps them in the processor's cache while the dashboard reads them.
    """
    return SCORE_ONE if value == 1 else SCORE_ZERO if value == 0 else float(value)


def fold_attempts(attempts: Iterable[Mapping[str, Any]]) -> dict[QuestionKey, QuestionRecord]:
    """One record per question: tries, the earliest attempt and the latest one.

    Earliest and latest are by time; ties keep the earlier attempt in the list
    as the first and the later one as the latest (as :mod:`course.coursemap` does).
    Attempts must follow the schema (:func:`schema_problems`); a time without a
    UTC offset raises ValueError.
    """
    folded: dict[QuestionKey, list[Any]] = {}
    for index, attempt in enumerate(attempts):
        key = shared_key(attempt["quiz_id"], attempt["question_id"])
        try:
            moment = datetime.fromisoformat(attempt["timestamp"])
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            aware_time(attempt["timestamp"], f"attempts[{index}]: ")  # raises, naming the attempt
        seen = folded.get(key)
        if seen is None:
            folded[key] = [1, moment, attempt, moment, attempt["correct"]]
            continue
        seen[0] += 1
        if moment < seen[1]:
            seen[1], seen[2] = moment, attempt
        if moment >= seen[3]:
            seen[3], seen[4] = moment, attempt["correct"]
    return {
        key: QuestionRecord(
            key[0],
            key[1],
            tries,
            first["response"],
            shared_score(first["score"]),
            bool(first["correct"]),
            bool(latest),
            last,
        )
        for key, (tries, _, first, last, latest) in folded.items()
    }


def summarise(document: Mapping[str, Any], file: str) -> ResultsFile:
    """Fold a results document that follows the schema into a :class:`ResultsFile`.

    Raises ValueError when a time is not ISO 8601 with a UTC offset.
    """
    return ResultsFile(
        file=file,
        learner=document["learner"],
        lesson=document["lesson"],
        course_version=document["course_version"],
        submitted=aware_time(document["timestamp"], ""),
        submission_id=document["submission_id"],
        questions=fold_attempts(document["attempts"]),
        reported=dict(document["scores"]),
    )


# ---------------------------------------------------------------- building from the store


def attempt_entry(attempt: AttemptSource) -> dict[str, Any]:
    """One stored attempt as it goes into a results file."""
    return {
        "quiz_id": attempt.quiz_id,
        "question_id": attempt.question_id,
        "objective": attempt.objective,
        "kind": str(attempt.extra.get("kind", "")),
        "response": attempt.response,
        "correct": bool(attempt.correct),
        "score": float(attempt.score),
        "first_try": bool(attempt.first_try),
        "timestamp": xapi.format_time(attempt.timestamp),
    }


def lesson_question_keys(
    manifest: Manifest, banks: Mapping[str, QuizBank], lesson_id: str
) -> list[QuestionKey]:
    """The (quiz id, question id) of every question in a lesson's banks, in bank order."""
    lesson = lesson_of(manifest, lesson_id)
    return [
        (quiz_id, question.id)
        for quiz_id in lesson.quizzes
        if quiz_id in banks
        for question in banks[quiz_id].questions
    ]


def course_banks(manifest: Manifest) -> dict[str, QuizBank]:
    """The parsed question banks of every lesson in the manifest, skipping banks not written yet."""
    from course import paths
    from course.questions import load_bank

    return {
        quiz_id: load_bank(quiz_id)
        for lesson in manifest.lessons
        for quiz_id in lesson.quizzes
        if paths.quiz_file(quiz_id).is_file()
    }


def lesson_of(manifest: Manifest, lesson_id: str) -> Lesson:
    """The manifest's lesson, or a ContentError listing the known lesson ids."""
    try:
        return manifest.lesson(lesson_id)
    except KeyError as exc:
        known = ", ".join(lesson.id for lesson in manifest.lessons)
        raise ContentError(
            "data/course.yaml",
            f"lesson '{lesson_id}'",
            "is not in the manifest",
            f"use one of: {known}",
        ) from exc


def score_summary(
    records: Mapping[QuestionKey, QuestionRecord], keys: Sequence[QuestionKey]
) -> dict[str, Any]:
    """Questions, answered, first-try and latest correct counts, and the lesson score (0 to 1).

    The lesson score is the first-try points over *all* the lesson's questions,
    so a question not answered counts as 0.

    Examples
    --------
    >>> from datetime import UTC
    >>> t = datetime(2026, 11, 21, tzinfo=UTC)
    >>> records = {("q", "a"): QuestionRecord("q", "a", 2, 1, 0.5, False, True, t)}
    >>> score_summary(records, [("q", "a"), ("q", "b")])
    {'questions': 2, 'answered': 1, 'first_try_correct': 0, 'latest_correct': 1, 'score': 0.25}
    """
    seen = [records[key] for key in keys if key in records]
    points = sum(record.first_score for record in seen)
    return {
        "questions": len(keys),
        "answered": len(seen),
        "first_try_correct": sum(record.first_correct for record in seen),
        "latest_correct": sum(record.latest_correct for record in seen),
        "score": round(points / len(keys), 6) if keys else 0.0,
    }


def fit_attempts(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep a record under the file-size limit: past :data:`MAX_ATTEMPTS`, keep each
    question's first and latest attempts only (all the dashboard uses)."""
    if len(entries) <= MAX_ATTEMPTS:
        return entries
    firsts: dict[QuestionKey, int] = {}
    lasts: dict[QuestionKey, int] = {}
    for index, entry in enumerate(entries):
        key = (entry["quiz_id"], entry["question_id"])
        firsts.setdefault(key, index)
        lasts[key] = index
    keep = sorted({*firsts.values(), *lasts.values()})
    return [entries[index] for index in keep][:MAX_ATTEMPTS]


def build_results(
    store: StoreLike,
    lesson_id: str,
    manifest: Manifest,
    banks: Mapping[str, QuizBank],
    now: datetime,
    course_version: str,
    submission_id: str | None = None,
) -> dict[str, Any]:
    """The results document for one lesson, from the learner's progress store.

    Parameters
    ----------
    store
        The learner's progress store (its ``learner`` names the learner).
    lesson_id
        The lesson, as in the manifest.
    manifest, banks
        The course manifest and the question banks by quiz id.
    now
        The submission time (timezone-aware).
    course_version
        ``course.__version__``.
    submission_id
        32 hexadecimal digits; a fresh random one when omitted.
    """
    lesson = lesson_of(manifest, lesson_id)
    stored = [attempt for quiz_id in lesson.quizzes for attempt in store.attempts(quiz_id=quiz_id)]
    entries = fit_attempts([attempt_entry(attempt) for attempt in stored])
    keys = lesson_question_keys(manifest, banks, lesson_id)
    return {
        "schema_version": SCHEMA_VERSION,
        "format": FORMAT,
        "submission_id": submission_id or uuid.uuid4().hex,
        "learner": store.learner,
        "course_version": course_version,
        "lesson": lesson_id,
        "timestamp": xapi.format_time(now),
        "attempts": entries,
        "scores": score_summary(fold_attempts(entries), keys),
    }


def to_bytes(document: Mapping[str, Any]) -> bytes:
    """The document as compact UTF-8 JSON (one line, then a newline)."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def refuse_constant(name: str) -> Any:
    """``json.loads`` hook: NaN and Infinity are not JSON numbers."""
    raise ValueError(f"{name} is not a JSON number")


def parse_bytes(data: bytes) -> Any:
    """Decode UTF-8 JSON strictly (no NaN or Infinity); raise ValueError with the reason."""
    text = data.decode("utf-8")
    value = json.loads(text, parse_constant=refuse_constant)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")
    return value
