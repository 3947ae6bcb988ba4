"""Open the progress database safely: schema versions, migrations, damage and fallbacks.

:mod:`course.progress` asks :func:`open_database` for a connection and gets
one that is ready to use, whatever state the file was in:

- a missing file is created with the current schema;
- an older schema is migrated, one step of :data:`MIGRATIONS` at a time;
- a file written by a *newer* version of the course is refused with a
  :class:`~course.errors.ProgressError` and left exactly as it was;
- a damaged file is moved aside with a timestamp suffix and a fresh one is made;
- a folder that cannot be written (read-only or full disk) gives an in-memory
  database instead, holding a copy of whatever the old file still lets us read.

The last two come back with a one-line notice for the learner.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from course.errors import ProgressError

BUSY_TIMEOUT_SECONDS = 30.0
MEMORY = ":memory:"

SCHEMA_V1: tuple[str, ...] = (
    """CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        statement_id TEXT NOT NULL UNIQUE,
        learner TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        quiz_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        objective TEXT NOT NULL,
        response TEXT NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        first_try INTEGER NOT NULL CHECK (first_try IN (0, 1)),
        timestamp TEXT NOT NULL,
        extra TEXT NOT NULL DEFAULT '{}')""",
    # covers the course map's grouped scans (course.progress.FIRST_ATTEMPTS, LATEST_ATTEMPTS)
    "CREATE INDEX attempts_by_question ON attempts "
    "(quiz_id, question_id, timestamp, score, correct)",
    """CREATE TABLE lesson_events (
        id INTEGER PRIMARY KEY,
        statement_id TEXT NOT NULL UNIQUE,
        learner TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        event TEXT NOT NULL CHECK (event IN ('opened', 'completed')),
        timestamp TEXT NOT NULL)""",
    """CREATE TABLE exercise_sessions (
        id INTEGER PRIMARY KEY,
        statement_id TEXT NOT NULL UNIQUE,
        learner TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
        steps_done INTEGER NOT NULL CHECK (steps_done >= 0),
        steps_total INTEGER,
        seconds REAL,
        timestamp TEXT NOT NULL)""",
    """CREATE TABLE diary_entries (
        id INTEGER PRIMARY KEY,
        statement_id TEXT NOT NULL UNIQUE,
        learner TEXT NOT NULL,
        day TEXT NOT NULL,
        pain INTEGER NOT NULL CHECK (pain >= 0 AND pain <= 10),
        activity TEXT NOT NULL,
        helped TEXT NOT NULL,
        timestamp TEXT NOT NULL)""",
)

#: ``MIGRATIONS[n]`` takes a database from schema version ``n`` to ``n + 1``.
#: Append new steps; never edit a released one.
MIGRATIONS: list[tuple[str, ...]] = [SCHEMA_V1]

# SQLite primary result codes (https://sqlite.org/rescode.html)
BUSY_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED
CORRUPT_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB


@dataclass
class OpenedDatabase:
    """A ready connection, where it lives, and notices for the learner (maybe none)."""

    connection: sqlite3.Connection
    location: str
    notices: list[str]

    @property
    def in_memory(self) -> bool:
        """True when the record lives only in this process's memory."""
        return self.location == MEMORY


def schema_version() -> int:
    """The schema version this code writes: the number of migrations."""
    return len(MIGRATIONS)


# ---------------------------------------------------------------- classifying errors


def error_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of an error, when SQLite gave one."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_busy(exc: BaseException) -> bool:
    """True when another connection holds the lock (waiting may help)."""
    if error_code(exc) is not None:
        return error_code(exc) in BUSY_CODES
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def is_corrupt(exc: BaseException) -> bool:
    """True when SQLite says the file is not a database or is malformed."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    if error_code(exc) is not None:
        return error_code(exc) in CORRUPT_CODES
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def is_unusable(exc: BaseException) -> bool:
    """True when the file cannot be opened or written (read-only, full, missing folder, I/O)."""
    if isinstance(exc, OSError):
        return True
    return isinstance(exc, sqlite3.OperationalError) and not is_busy(exc) and not is_corrupt(exc)


# ---------------------------------------------------------------- opening


def connect(location: str) -> sqlite3.Connection:
    """Connect in autocommit mode (we issue BEGIN ourselves) with a busy timeout."""
    return sqlite3.connect(
        location, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )


def read_version(connection: sqlite3.Connection) -> int:
    """Read ``PRAGMA user_version`` (this also proves the file is a database)."""
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def refuse_newer(version: int, location: str) -> None:
    """Raise ProgressError if a newer version of the course wrote this database."""
    if version > schema_version():
        raise ProgressError(
            f"{location}: this progress file uses schema version {version}, written by a newer "
            f"version of the course; this version reads up to {schema_version()}. "
            "The file has not been changed. Fix: update the course "
            "(pip install --upgrade lowback-course), or set COURSE_PROGRESS_DB to another file."
        )


def retry_busy(connection: sqlite3.Connection, sql: str, attempts: int = 100) -> str:
    """Run a one-row PRAGMA, retrying while another process holds the lock."""
    for _ in range(attempts - 1):
        try:
            return str(connection.execute(sql).fetchone()[0])
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            time.sleep(0.05)
    return str(connection.execute(sql).fetchone()[0])


def configure(connection: sqlite3.Connection) -> None:
    """Use the WAL journal (readers never block the writer) with NORMAL syncing."""
    retry_busy(connection, "PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")


def check_integrity(connection: sqlite3.Connection, location: str) -> None:
    """Raise sqlite3.DatabaseError if a quick integrity check finds damage."""
    result = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        raise sqlite3.DatabaseError(f"{location}: database disk image is malformed ({result})")


def rollback(connection: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite ends some on its own, e.g. a full disk)."""
    if connection.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


def migrate(connection: sqlite3.Connection, location: str) -> None:
    """Bring the schema up to date inside one write transaction.

    The version is read again after taking the write lock, so two kernels that
    open a new file at the same moment migrate it once.
    """
    if read_version(connection) == schema_version():
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = read_version(connection)
        refuse_newer(version, location)
        for step in MIGRATIONS[version:]:
            for statement in step:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {schema_version()}")
        connection.execute("COMMIT")
    except BaseException:
        rollback(connection)
        raise


def open_file(path: Path) -> sqlite3.Connection:
    """Open (or create) the database file, refuse newer schemas, configure, check and migrate."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connect(str(path))
    try:
        refuse_newer(read_version(connection), str(path))
        configure(connection)
        check_integrity(connection, str(path))
        migrate(connection, str(path))
    except BaseException:
        connection.close()
        raise
    return connection


def open_memory(copy_from: Path | None = None) -> sqlite3.Connection:
    """An in-memory database, holding a copy of ``copy_from`` when it can still be read."""
    connection = connect(MEMORY)
    if copy_from is not None:
        copy_readable(copy_from, connection)
    migrate(connection, MEMORY)
    return connection


def copy_readable(path: Path, target: sqlite3.Connection) -> bool:
    """Copy a database file into ``target`` read-only; return False (target empty) if it fails."""
    if not path.is_file():
        return False
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = read_version(source)
            if version > schema_version():
                return False
            source.backup(target)
        finally:
            source.close()
    except (sqlite3.Error, OSError):
        return False
    return True


def timestamp_suffix(now: datetime | None = None) -> str:
    """A file-name-safe UTC timestamp, e.g. ``20261121T200304Z``."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm files) to ``<name>.corrupt-<timestamp>``."""
    target = path.with_name(f"{path.name}.corrupt-{timestamp_suffix(now)}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{timestamp_suffix(now)}-{counter}")
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target


# ---------------------------------------------------------------- notices


def memory_notice(location: str, reason: BaseException) -> str:
    """The one line a learner sees when progress cannot be saved to disk."""
    return (
        f"Your progress cannot be saved to {location} ({reason}), so this session keeps it "
        "in memory only and loses it when the kernel stops. To keep it, run "
        "'from course.progress import default_store, export_progress; "
        'export_progress(default_store(), "my-progress.json")\' in this notebook before you '
        "close it; for next time, set COURSE_PROGRESS_DB to a file in a folder you can write to."
    )


def corrupt_notice(path: Path, moved_to: Path) -> str:
    """The one line a learner sees when a damaged progress file was replaced."""
    return (
        f"Your progress file {path} was damaged and could not be read; it was moved to "
        f"{moved_to.name} and a fresh record was started."
    )


# ---------------------------------------------------------------- the entry point


def open_database(path: Path | None) -> OpenedDatabase:
    """Open the progress database at ``path`` (``None`` for memory), never crashing on a bad file.

    Raises
    ------
    ProgressError
        The file was written by a newer schema version; it is left unchanged.

    Examples
    --------
    >>> opened = open_database(None)
    >>> opened.in_memory, opened.notices
    (True, [])
    """
    if path is None:
        return OpenedDatabase(open_memory(), MEMORY, [])
    try:
        return OpenedDatabase(open_file(path), str(path), [])
    except ProgressError:
        raise
    except (sqlite3.Error, OSError) as exc:
        return recover(path, exc)


def recover(path: Path, exc: BaseException) -> OpenedDatabase:
    """Handle a failed open: replace a damaged file, or fall back to memory."""
    if is_corrupt(exc):
        try:
            moved_to = move_aside(path)
            return OpenedDatabase(open_file(path), str(path), [corrupt_notice(path, moved_to)])
        except (sqlite3.Error, OSError) as second:
            exc = second
    return OpenedDatabase(open_memory(copy_from=path), MEMORY, [memory_notice(str(path), exc)])
