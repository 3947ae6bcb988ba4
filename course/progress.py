"""The learner's record: quiz attempts, lesson events, exercise sessions and pain-diary entries.

Everything lives in one SQLite file per learner, by default in the learner's
Jupyter data directory (``<jupyter data dir>/lowback-course/progress.sqlite3``);
the ``COURSE_PROGRESS_DB`` environment variable points it elsewhere. The file
survives kernel restarts and works with several notebooks open at once: each
write is one short transaction, the journal is WAL and a busy timeout waits
for other kernels instead of failing. :mod:`course.progress_db` handles damaged
files, newer schemas and folders that cannot be written.

Export and import (:func:`export_progress`, :func:`import_progress`) move a
record between machines as JSON made of xAPI-style statements
(:mod:`course.xapi`); importing merges by statement id, so it never duplicates.

Examples
--------
>>> from datetime import UTC, datetime
>>> from course.models import Attempt
>>> store = ProgressStore(None, learner="ada")
>>> attempt = Attempt("00-start-here", "q1", "L00-O1", "b", True, 1.0, True,
...                   datetime(2026, 11, 21, 10, 0, tzinfo=UTC))
>>> store.record_attempt(attempt, "00-start-here")
>>> [(a.question_id, a.correct, a.learner) for a in store.attempts()]
[('q1', True, 'ada')]
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from course import coursemap, progress_db, xapi
from course.coursemap import CourseMap, QuestionKey, QuestionState
from course.errors import AnswerError, ContentError, ProgressError
from course.models import Attempt, Manifest

T = TypeVar("T")
Row = dict[str, Any]
LessonEventName = Literal["opened", "completed"]
KINDS = ("attempts", "lesson_events", "exercise_sessions", "diary_entries")
ENV_VAR = "COURSE_PROGRESS_DB"
FILE_NAME = "progress.sqlite3"

COLUMNS: dict[str, tuple[str, ...]] = {
    "attempts": (
        "statement_id",
        "learner",
        "lesson_id",
        "quiz_id",
        "question_id",
        "objective",
        "response",
        "correct",
        "score",
        "first_try",
        "timestamp",
        "extra",
    ),
    "lesson_events": ("statement_id", "learner", "lesson_id", "event", "timestamp"),
    "exercise_sessions": (
        "statement_id",
        "learner",
        "exercise_id",
        "completed",
        "steps_done",
        "steps_total",
        "seconds",
        "timestamp",
    ),
    "diary_entries": ("statement_id", "learner", "day", "pain", "activity", "helped", "timestamp"),
}
BOOLEAN_COLUMNS = frozenset({"correct", "first_try", "completed"})

# Per question: tries and the first attempt's score / the latest attempt's result and time.
# SQLite takes bare columns from the row that gives min() or max(); the key orders
# attempts by time, then by the order they were recorded (the row id).
ORDER_KEY = "timestamp || printf('%019d', id)"
FIRST_ATTEMPTS = (
    f"SELECT quiz_id, question_id, count(*), min({ORDER_KEY}), score "
    "FROM attempts{where} GROUP BY quiz_id, question_id"
)
LATEST_ATTEMPTS = (
    f"SELECT quiz_id, question_id, max({ORDER_KEY}), correct, timestamp "
    "FROM attempts{where} GROUP BY quiz_id, question_id"
)


class ProgressWarning(UserWarning):
    """Progress is not being saved as usual (kept in memory, or a damaged file was replaced)."""


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class AttemptRecord(Attempt):
    """A stored attempt: an :class:`~course.models.Attempt` plus who, which lesson and its id."""

    lesson_id: str = ""
    learner: str = ""
    statement_id: str = ""


@dataclass(frozen=True)
class LessonEvent:
    """A lesson was opened or completed."""

    statement_id: str
    learner: str
    lesson_id: str
    event: str
    timestamp: datetime


@dataclass(frozen=True)
class ExerciseSession:
    """One run of a guided exercise: completed or not, and how many steps were done."""

    statement_id: str
    learner: str
    exercise_id: str
    completed: bool
    steps_done: int
    steps_total: int | None
    seconds: float | None
    timestamp: datetime


@dataclass(frozen=True)
class DiaryEntry:
    """A self-reported pain-diary entry: pain from 0 (none) to 10 (worst imaginable)."""

    statement_id: str
    learner: str
    day: date
    pain: int
    activity: str
    helped: str
    timestamp: datetime


@dataclass(frozen=True)
class ImportReport:
    """What an import did: statements read, added (by kind) and skipped as already present."""

    file: str
    read: int
    added: dict[str, int]

    @property
    def added_total(self) -> int:
        """Statements added to the store."""
        return sum(self.added.values())

    @property
    def duplicates(self) -> int:
        """Statements skipped because the store already held them."""
        return self.read - self.added_total

    def __str__(self) -> str:
        return (
            f"read {self.read} statements: {self.added_total} added, "
            f"{self.duplicates} already present"
        )

    def summary(self) -> str:
        """One line for the command line: statements read, added and already present."""
        return f"{self.file}: {self}"


# ---------------------------------------------------------------- identity and location


def current_learner() -> str:
    """The learner's name: ``JUPYTERHUB_USER`` when set, else the OS user, else ``"learner"``."""
    hub_user = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub_user:
        return hub_user
    try:
        return getpass.getuser() or "learner"
    except (KeyError, OSError, ImportError):
        return "learner"


def default_path() -> Path:
    """``$COURSE_PROGRESS_DB`` if set, else ``<jupyter data dir>/lowback-course/progress.sqlite3``.

    ``jupyter --data-dir`` prints the Jupyter data directory.
    """
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "lowback-course" / FILE_NAME


# ---------------------------------------------------------------- conversions


def now_utc() -> datetime:
    """The current moment in UTC."""
    return datetime.now(UTC)


def json_default(value: Any) -> Any:
    """Let sets and tuples-in-sets be stored (as sorted lists); refuse anything else."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def dump_response(response: Any, where: str) -> str:
    """Store a response as JSON text, or raise ProgressError naming the question."""
    try:
        return json.dumps(response, ensure_ascii=False, separators=(",", ":"), default=json_default)
    except (TypeError, ValueError) as exc:
        raise ProgressError(
            f"{where}: the response cannot be stored ({exc}); "
            "fix: pass a response made of text, numbers, lists and dicts"
        ) from exc


def attempt_to_row(attempt: Attempt, lesson_id: str, learner: str) -> Row:
    """The row stored for one graded attempt."""
    where = f"question '{attempt.quiz_id}/{attempt.question_id}'"
    if not 0 <= attempt.score <= 1:
        raise ProgressError(
            f"{where}: score {attempt.score} is outside 0 to 1; fix: grade on the 0 to 1 scale"
        )
    return {
        "statement_id": xapi.new_statement_id(),
        "learner": learner,
        "lesson_id": lesson_id,
        "quiz_id": attempt.quiz_id,
        "question_id": attempt.question_id,
        "objective": attempt.objective,
        "response": dump_response(attempt.response, where),
        "correct": bool(attempt.correct),
        "score": float(attempt.score),
        "first_try": bool(attempt.first_try),
        "timestamp": xapi.format_time(attempt.timestamp),
        "extra": dump_response(dict(attempt.extra), where),
    }


def row_to_attempt(row: Row) -> AttemptRecord:
    """Rebuild an attempt record from its row."""
    return AttemptRecord(
        quiz_id=row["quiz_id"],
        question_id=row["question_id"],
        objective=row["objective"],
        response=json.loads(row["response"]),
        correct=row["correct"],
        score=row["score"],
        first_try=row["first_try"],
        timestamp=xapi.parse_time(row["timestamp"]),
        extra=json.loads(row["extra"]),
        lesson_id=row["lesson_id"],
        learner=row["learner"],
        statement_id=row["statement_id"],
    )


def row_to_lesson_event(row: Row) -> LessonEvent:
    """Rebuild a lesson event from its row."""
    return LessonEvent(
        row["statement_id"],
        row["learner"],
        row["lesson_id"],
        row["event"],
        xapi.parse_time(row["timestamp"]),
    )


def row_to_exercise_session(row: Row) -> ExerciseSession:
    """Rebuild an exercise session from its row."""
    return ExerciseSession(
        row["statement_id"],
        row["learner"],
        row["exercise_id"],
        row["completed"],
        row["steps_done"],
        row["steps_total"],
        row["seconds"],
        xapi.parse_time(row["timestamp"]),
    )


def row_to_diary_entry(row: Row) -> DiaryEntry:
    """Rebuild a diary entry from its row."""
    return DiaryEntry(
        row["statement_id"],
        row["learner"],
        date.fromisoformat(row["day"]),
        row["pain"],
        row["activity"],
        row["helped"],
        xapi.parse_time(row["timestamp"]),
    )


def check_diary_entry(day: date, pain: int, activity: str, helped: str, today: date) -> None:
    """Refuse an impossible diary entry with a message written for the learner."""
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
        raise AnswerError(
            f"Pain is a whole number from 0 (no pain) to 10 (the worst pain you can "
            f"imagine); {pain!r} is not. Please enter a number from 0 to 10."
        )
    if not isinstance(day, date):
        raise AnswerError(f"The day must be a date, such as date(2026, 11, 21); got {day!r}.")
    if day > today:
        raise AnswerError(
            f"{day.isoformat()} is in the future; a diary entry records a day that "
            f"has already happened, today ({today.isoformat()}) or earlier."
        )
    for name, text in (("activity", activity), ("helped", helped)):
        if not isinstance(text, str):
            raise AnswerError(f"'{name}' is a short text in your own words; got {text!r}.")


def to_sql_value(column: str, value: Any) -> Any:
    """SQLite stores booleans as 0 and 1."""
    return int(value) if column in BOOLEAN_COLUMNS else value


def from_sql_row(kind: str, values: Iterable[Any]) -> Row:
    """Turn a fetched tuple into a row dict with booleans restored."""
    row = dict(zip(COLUMNS[kind], values, strict=True))
    for column in BOOLEAN_COLUMNS.intersection(row):
        row[column] = bool(row[column])
    return row


# ---------------------------------------------------------------- the store


class ProgressStore:
    """One learner's progress record in SQLite (or in memory when the disk cannot be used).

    Parameters
    ----------
    path
        The database file; ``None`` keeps the record in memory.
    learner
        Whose record new entries are; defaults to :func:`current_learner`.

    Raises
    ------
    ProgressError
        The file was written by a newer version of the course (it is left unchanged).
    """

    def __init__(self, path: Path | str | None, learner: str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.learner = learner or current_learner()
        self._lock = threading.RLock()
        self._notices: list[str] = []
        opened = progress_db.open_database(self.path)
        self._connection = opened.connection
        self.location = opened.location
        for line in opened.notices:
            self.notify(line)

    def __repr__(self) -> str:
        return f"ProgressStore({self.location!r}, learner={self.learner!r})"

    @property
    def in_memory(self) -> bool:
        """True when nothing is being saved to disk."""
        return self.location == progress_db.MEMORY

    # -- notices

    def notify(self, line: str) -> None:
        """Keep a notice for the widget and warn once (for scripts and the command line)."""
        self._notices.append(line)
        warnings.warn(line, ProgressWarning, stacklevel=3)

    @property
    def notices(self) -> tuple[str, ...]:
        """Notices not yet taken by :meth:`take_notices`."""
        return tuple(self._notices)

    def take_notices(self) -> list[str]:
        """Return the notices and forget them, so each is shown once."""
        with self._lock:
            taken, self._notices = self._notices, []
        return taken

    # -- running SQL safely

    def _transaction(self, work: Callable[[sqlite3.Connection], T], begin: str) -> T:
        connection = self._connection
        connection.execute(begin)
        try:
            result = work(connection)
        except BaseException:
            progress_db.rollback(connection)
            raise
        connection.execute("COMMIT")
        return result

    def _run(self, work: Callable[[sqlite3.Connection], T], write: bool) -> T:
        """Run ``work`` in one transaction; on a disk failure, move to memory and run it again.

        Writes take the write lock at once (``BEGIN IMMEDIATE``); reads see one
        consistent snapshot (``BEGIN``), even while other kernels write.
        """
        begin = "BEGIN IMMEDIATE" if write else "BEGIN"
        with self._lock:
            try:
                return self._transaction(work, begin)
            except sqlite3.Error as exc:
                self._handle(exc)
                return self._transaction(work, begin)

    def _handle(self, exc: sqlite3.Error) -> None:
        """Switch to memory after a disk failure; re-raise anything else."""
        if progress_db.is_busy(exc):
            raise ProgressError(
                f"{self.location}: another notebook kept the progress file locked for "
                f"{progress_db.BUSY_TIMEOUT_SECONDS:.0f} seconds; fix: try again, or close "
                "notebooks you are not using"
            ) from exc
        disk_failure = progress_db.is_unusable(exc) or progress_db.is_corrupt(exc)
        if self.in_memory or not disk_failure:
            raise exc
        self._switch_to_memory(exc)

    def _switch_to_memory(self, reason: BaseException) -> None:
        """Copy what can be read into memory and carry on there, saying so once."""
        memory = progress_db.open_memory()
        try:
            self._connection.backup(memory)
        except sqlite3.Error:
            memory.close()
            memory = progress_db.open_memory()
        self._connection.close()
        self._connection = memory
        self.notify(progress_db.memory_notice(self.location, reason))
        self.location = progress_db.MEMORY

    def insert_rows(self, records: Iterable[tuple[str, Row]]) -> dict[str, int]:
        """Insert rows in one transaction, skipping statement ids already stored.

        Returns the number of rows added, by kind.
        """
        batch = list(records)

        def work(connection: sqlite3.Connection) -> dict[str, int]:
            added = dict.fromkeys(KINDS, 0)
            for kind, row in batch:
                columns = COLUMNS[kind]
                sql = (
                    f"INSERT INTO {kind} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))}) "
                    "ON CONFLICT (statement_id) DO NOTHING"
                )
                cursor = connection.execute(sql, [to_sql_value(c, row[c]) for c in columns])
                added[kind] += cursor.rowcount
            return added

        return self._run(work, write=True)

    def rows(self, kind: str, where: Mapping[str, Any] | None = None) -> list[Row]:
        """Stored rows of one kind, oldest first, filtered by equal column values."""
        filters = {key: value for key, value in (where or {}).items() if value is not None}
        clause = " AND ".join(f"{column} = ?" for column in filters)
        sql = (
            f"SELECT {', '.join(COLUMNS[kind])} FROM {kind}"
            f"{' WHERE ' + clause if clause else ''} ORDER BY timestamp, id"
        )

        def work(connection: sqlite3.Connection) -> list[Row]:
            return [
                from_sql_row(kind, values)
                for values in connection.execute(sql, list(filters.values()))
            ]

        return self._run(work, write=False)

    def count(self, kind: str) -> int:
        """How many records of one kind are stored."""
        return self._run(
            lambda c: int(c.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]), write=False
        )

    # -- writing

    def record_attempt(self, attempt: Attempt, lesson_id: str) -> None:
        """Store one graded attempt of a question in a lesson's quiz."""
        self.insert_rows([("attempts", attempt_to_row(attempt, lesson_id, self.learner))])

    def record_lesson(self, lesson_id: str, event: LessonEventName) -> None:
        """Store that a lesson was ``"opened"`` or ``"completed"``."""
        if event not in ("opened", "completed"):
            raise ProgressError(
                f"lesson '{lesson_id}': unknown event {event!r}; fix: use 'opened' or 'completed'"
            )
        self.insert_rows([("lesson_events", self._stamp(lesson_id=lesson_id, event=event))])

    def record_exercise_session(
        self,
        exercise_id: str,
        completed: bool,
        steps_done: int,
        steps_total: int | None = None,
        seconds: float | None = None,
    ) -> None:
        """Store one run of a guided exercise (how many steps, finished or not, how long)."""
        if steps_done < 0 or (steps_total is not None and steps_total < 0):
            raise ProgressError(
                f"exercise '{exercise_id}': step counts cannot be negative; "
                "fix: count the steps the learner finished"
            )
        self.insert_rows(
            [
                (
                    "exercise_sessions",
                    self._stamp(
                        exercise_id=exercise_id,
                        completed=bool(completed),
                        steps_done=int(steps_done),
                        steps_total=steps_total,
                        seconds=None if seconds is None else float(seconds),
                    ),
                )
            ]
        )

    def add_diary_entry(self, day: date, pain: int, activity: str, helped: str) -> None:
        """Store a pain-diary entry; refuse pain outside 0 to 10 or a future day (AnswerError)."""
        if isinstance(day, datetime):
            day = day.date()
        check_diary_entry(day, pain, activity, helped, today=date.today())
        self.insert_rows(
            [
                (
                    "diary_entries",
                    self._stamp(
                        day=day.isoformat(),
                        pain=pain,
                        activity=activity.strip(),
                        helped=helped.strip(),
                    ),
                )
            ]
        )

    def _stamp(self, **values: Any) -> Row:
        """A new row with a statement id, this learner and the current time."""
        return {
            "statement_id": xapi.new_statement_id(),
            "learner": self.learner,
            "timestamp": xapi.format_time(now_utc()),
            **values,
        }

    # -- reading

    def attempts(
        self, quiz_id: str | None = None, learner: str | None = None
    ) -> list[AttemptRecord]:
        """Stored attempts, oldest first; ``None`` filters mean every quiz or every learner."""
        return [
            row_to_attempt(row)
            for row in self.rows("attempts", {"quiz_id": quiz_id, "learner": learner})
        ]

    def question_states(self, learner: str | None = None) -> dict[QuestionKey, QuestionState]:
        """What the attempts say about each question, aggregated inside SQLite.

        The same rules as :func:`course.coursemap.summarise_attempts` (first and
        latest attempt by time, ties broken by the order of recording), computed
        by two grouped scans of a covering index: the map of 10,000 attempts
        reads about 50 rows into Python instead of 10,000.
        """
        where = " WHERE learner = ?" if learner is not None else ""
        parameters = [learner] if learner is not None else []

        def work(connection: sqlite3.Connection) -> dict[QuestionKey, QuestionState]:
            firsts = connection.execute(FIRST_ATTEMPTS.format(where=where), parameters)
            first = {(quiz, question): (tries, score) for quiz, question, tries, _, score in firsts}
            states = {}
            for quiz, question, _, correct, moment in connection.execute(
                LATEST_ATTEMPTS.format(where=where), parameters
            ):
                tries, score = first[(quiz, question)]
                states[(quiz, question)] = QuestionState(
                    quiz, question, tries, score, bool(correct), datetime.fromisoformat(moment)
                )
            return states

        return self._run(work, write=False)

    def lesson_events(
        self, lesson_id: str | None = None, learner: str | None = None
    ) -> list[LessonEvent]:
        """Stored lesson events, oldest first."""
        return [
            row_to_lesson_event(row)
            for row in self.rows("lesson_events", {"lesson_id": lesson_id, "learner": learner})
        ]

    def exercise_sessions(
        self, exercise_id: str | None = None, learner: str | None = None
    ) -> list[ExerciseSession]:
        """Stored exercise sessions, oldest first."""
        filters = {"exercise_id": exercise_id, "learner": learner}
        return [row_to_exercise_session(row) for row in self.rows("exercise_sessions", filters)]

    def diary(self, learner: str | None = None) -> list[DiaryEntry]:
        """Stored pain-diary entries, oldest first."""
        return [row_to_diary_entry(row) for row in self.rows("diary_entries", {"learner": learner})]

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._connection.close()


def read_course_map(
    store: ProgressStore, manifest: Manifest, banks: Mapping[str, Mapping[str, Any]]
) -> CourseMap:
    """The course map of everything in the store: SQL aggregation, then the pure arithmetic."""
    states = store.question_states()
    return coursemap.map_from_states(
        manifest, banks, states, store.count("attempts"), store.lesson_events()
    )


# ---------------------------------------------------------------- the default store

_stores: dict[str, ProgressStore] = {}
_stores_lock = threading.Lock()


def default_store() -> ProgressStore:
    """The learner's store, opened once per process (and per ``COURSE_PROGRESS_DB`` value).

    A file from a newer version of the course is left untouched and this session
    keeps progress in memory, with a notice saying why.
    """
    path = default_path()
    key = str(path)
    with _stores_lock:
        if key not in _stores:
            _stores[key] = open_store(path)
        return _stores[key]


def open_store(path: Path) -> ProgressStore:
    """Open a store at ``path``; on a newer-schema refusal, a memory store that says why."""
    try:
        return ProgressStore(path)
    except ProgressError as exc:
        store = ProgressStore(None)
        store.notify(f"{exc} Progress in this session is kept in memory only.")
        return store


def reset_default_store() -> None:
    """Close and forget the cached stores (tests, and after changing ``COURSE_PROGRESS_DB``)."""
    with _stores_lock:
        for store in _stores.values():
            store.close()
        _stores.clear()


# ---------------------------------------------------------------- export and import


def statements(store: ProgressStore) -> list[dict[str, Any]]:
    """Every record in the store as an xAPI-style statement, kind by kind, oldest first."""
    return [xapi.to_statement(kind, row) for kind in KINDS for row in store.rows(kind)]


def export_progress(store: ProgressStore, path: Path | str) -> int:
    """Write the whole record to a JSON file of statements; return how many were written.

    The file is written beside its target and renamed into place, so an
    interrupted export never leaves a half-written file under the final name.
    """
    target = Path(path)
    document = xapi.to_document(statements(store), now_utc())
    text = json.dumps(document, ensure_ascii=False, indent=1)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        dir=target.parent,
        delete=False,
        prefix=f".{target.name}.",
        suffix=".tmp",
    ) as handle:
        handle.write(text + "\n")
    Path(handle.name).replace(target)
    return len(document["statements"])


def read_export(path: Path) -> list[tuple[str, Row]]:
    """Read and check a whole export file; raise ContentError naming the file and the fix."""
    refuse = "export the record again from where it was made, and import the new file"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ContentError(path, "", "the file does not exist", "check the file name") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, "", f"the file cannot be read ({exc})", refuse) from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(
            path,
            f"line {exc.lineno}, column {exc.colno}",
            f"is not complete JSON ({exc.msg}); the file may be cut short",
            refuse,
        ) from exc
    try:
        return xapi.read_statements(document)
    except xapi.StatementError as exc:
        raise ContentError(path, "", str(exc), refuse) from exc


def import_progress(store: ProgressStore, path: Path | str) -> ImportReport:
    """Merge an export file into the store: all or nothing, never duplicating a statement.

    The whole file is read and checked before anything is written; a bad file
    raises :class:`~course.errors.ContentError` and leaves the store unchanged.
    """
    source = Path(path)
    records = read_export(source)
    added = store.insert_rows(records)
    return ImportReport(file=str(source), read=len(records), added=added)
