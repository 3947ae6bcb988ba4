"""The exchange folder: a drop box learners write results files into.

The instructor creates it once with ``python -m course exchange init DIR``
(:func:`init_exchange`). Its mode is 1733, like nbgrader's inbound folder:

- the instructor who owns it can list and read everything (``rwx``);
- everyone else can add files and enter it (``-wx``) but cannot list it, so
  they cannot find other learners' files, whose names end in 16 random
  hexadecimal digits;
- the sticky bit (``t``) stops anyone deleting or renaming a file they do not own.

Each learner's notebook server finds the folder through the ``COURSE_EXCHANGE``
environment variable. :func:`write_results` writes one results file under a
hidden temporary name, then renames it into place, so the dashboard never reads
a half-written file.

Examples
--------
>>> results_file_name("ada", "03-symptoms-and-red-flags", "2026-11-21T10:00:00+00:00", "00ff")
'ada+03-symptoms-and-red-flags+20261121T100000Z+00ff.json'
>>> safe_part("../../etc/passwd")
'_._.._etc_passwd'
"""

from __future__ import annotations

import os
import pwd
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from course.errors import CourseError, ProgressError
from course.instructor.results import (
    MAX_BYTES,
    StoreLike,
    build_results,
    course_banks,
    parse_moment,
    problems,
    to_bytes,
)

ENV_VAR = "COURSE_EXCHANGE"
DROP_BOX_MODE = 0o1733
FILE_MODE = 0o644
SAFE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
EXPORT_HINT = (
    "export your progress instead: in a terminal, run "
    "'python -m course progress export my-progress.json' and send that file to your instructor"
)


@dataclass(frozen=True)
class DropBox:
    """What :func:`init_exchange` set up."""

    path: Path
    mode: int
    owner: str
    created: bool
    unreachable: tuple[str, ...] = ()

    def describe(self) -> list[str]:
        """Lines for the command line: where, the mode in words, and how learners find it."""
        action = "Created" if self.created else "Set up existing folder"
        lines = [
            f"{action} drop box {self.path}",
            f"mode {self.mode:04o} ({stat.filemode(stat.S_IFDIR | self.mode)}), owner {self.owner}:",
            f"  - {self.owner} can list the folder and read every results file;",
            "  - everyone else can add files but cannot list the folder or find other learners' files;",
            "  - sticky bit: nobody can delete or rename a file they do not own.",
            f"Give every learner's server the environment variable {ENV_VAR}={self.path}",
            f"  (for example c.Spawner.environment = {{'{ENV_VAR}': '{self.path}'}} in jupyterhub_config.py).",
        ]
        lines += [
            f"warning: {folder} cannot be entered by other users, so learners cannot reach the drop box; "
            f"fix: chmod o+x {folder}"
            for folder in self.unreachable
        ]
        return lines


def exchange_dir() -> Path | None:
    """The exchange folder named by ``$COURSE_EXCHANGE``, or None when it is not set."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


def owner_name(uid: int) -> str:
    """The user name for a uid, or the number when the system does not know it."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def unreachable_parents(folder: Path) -> tuple[str, ...]:
    """Parent folders that other users cannot enter (no ``x`` for others)."""
    return tuple(
        str(parent)
        for parent in folder.resolve().parents
        if not parent.stat().st_mode & stat.S_IXOTH
    )


def init_exchange(folder: Path | str) -> DropBox:
    """Create (or fix) the drop box at ``folder`` with mode 1733.

    Raises
    ------
    CourseError
        When ``folder`` is a symbolic link or exists and is not a folder.
    """
    path = Path(folder).expanduser().absolute()
    if path.is_symlink():
        raise CourseError(
            f"{path}: is a symbolic link; fix: give the real folder, so the drop box's "
            "permissions are set where learners write"
        )
    if path.exists() and not path.is_dir():
        raise CourseError(f"{path}: exists and is not a folder; fix: choose another path")
    created = not path.exists()
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, DROP_BOX_MODE)
    status = path.stat()
    return DropBox(
        path,
        stat.S_IMODE(status.st_mode),
        owner_name(status.st_uid),
        created,
        unreachable_parents(path),
    )


def safe_part(text: str, limit: int = 64) -> str:
    """Text usable inside a file name: letters, digits, ``.``, ``_`` and ``-`` only."""
    cleaned = "".join(char if char in SAFE_CHARS else "_" for char in text)[:limit]
    if cleaned.startswith("."):  # a leading dot would hide the file from the dashboard
        cleaned = "_" + cleaned[1:]
    return cleaned or "_"


def results_file_name(learner: str, lesson: str, timestamp: str, token: str) -> str:
    """``<learner>+<lesson>+<UTC time>+<random token>.json``, with unsafe characters replaced."""
    moment = parse_moment(timestamp) or datetime.now(UTC)
    stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{safe_part(learner)}+{safe_part(lesson)}+{stamp}+{safe_part(token)}.json"


def check_folder(folder: Path) -> None:
    """Refuse a missing exchange folder with a message for the learner."""
    if not folder.is_dir():
        raise ProgressError(
            f"{folder}: the exchange folder does not exist; fix: ask your instructor to run "
            f"'python -m course exchange init {folder}', or {EXPORT_HINT}"
        )


def write_new_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file (never an existing one, never through a link)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    descriptor = os.open(path, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), FILE_MODE)
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def write_results(document: Mapping[str, Any], folder: Path, token: str | None = None) -> Path:
    """Write a results document into the exchange folder; return the file's path.

    The file is written under a hidden name and renamed into place, so a reader
    sees either nothing or the whole file.

    Raises
    ------
    ProgressError
        When the document breaks the format, is too large, or the folder cannot be written.
    """
    found = problems(document)
    if found:
        raise ProgressError(
            f"the results for '{document.get('lesson')}' break the results format ({found[0]}); "
            "fix: report this to the course authors"
        )
    data = to_bytes(document)
    if len(data) > MAX_BYTES:
        raise ProgressError(
            f"the results for '{document['lesson']}' take {len(data):,} bytes, more than the "
            f"{MAX_BYTES:,} the dashboard accepts; fix: {EXPORT_HINT}"
        )
    check_folder(folder)
    name = results_file_name(
        document["learner"],
        document["lesson"],
        document["timestamp"],
        token or secrets.token_hex(8),
    )
    target, scratch = folder / name, folder / f".{name}.tmp"
    try:
        write_new_file(scratch, data)
        os.rename(scratch, target)
    except OSError as exc:
        scratch.unlink(missing_ok=True)
        raise ProgressError(
            f"{folder}: the results file could not be written ({exc.strerror or exc}); "
            f"fix: ask your instructor to check the exchange folder, or {EXPORT_HINT}"
        ) from exc
    return target


@dataclass(frozen=True)
class Submission:
    """A results file written: where, and the scores it reports."""

    path: Path
    scores: dict[str, Any]


def submit_lesson(
    lesson_id: str,
    folder: Path | None = None,
    store: StoreLike | None = None,
    now: datetime | None = None,
) -> Submission:
    """Build the learner's results for a lesson from their progress store and write them.

    ``folder`` defaults to ``$COURSE_EXCHANGE``; without either, ProgressError says how to export.
    """
    from course import __version__, content, progress

    target = folder or exchange_dir()
    if target is None:
        raise ProgressError(
            f"no exchange folder is set up for this course ({ENV_VAR} is not set); fix: {EXPORT_HINT}"
        )
    manifest = content.manifest()
    document = build_results(
        store or progress.default_store(),
        lesson_id,
        manifest,
        course_banks(manifest),
        now or datetime.now(UTC),
        __version__,
    )
    return Submission(write_results(document, target), document["scores"])
