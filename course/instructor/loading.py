"""Load every results file in an exchange folder, setting aside bad ones with a reason.

A file is set aside, and listed with why, when it is:

- a **symbolic link**, or not a regular file (links are never followed, and a
  FIFO or device is never opened for reading);
- **oversized**: larger than :data:`~course.instructor.results.MAX_BYTES` (1 MiB);
- **malformed**: not UTF-8, not JSON, or not the results format (schema, times);
- from a **newer version** of the course than this one;
- for an **unknown lesson**, not in the manifest;
- **mislabelled**: its ``learner`` field does not match the user who owns the
  file, where the system knows that user (``pwd.getpwuid``);
- a **duplicate**: the same submission as another file, or an older submission
  of the same lesson by the same learner (the newest is used).

Hidden files (names starting with a dot, such as files still being written)
are skipped without comment. Everything else loads, whatever is wrong with its
neighbours.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     _ = (Path(folder) / "notes.txt").write_text("hello")
...     report = load_results(folder, check_owner=False)
>>> len(report.accepted), [(r.file, r.kind) for r in report.rejected]
(0, [('notes.txt', 'not a results file')])
"""

from __future__ import annotations

import errno
import os
import pwd
import stat
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course.instructor.results import (
    MAX_BYTES,
    ResultsFile,
    ResultsProblem,
    parse_bytes,
    read_document,
)

OwnerLookup = Callable[[int], str | None]
DEFAULT_OWNER_FORMAT = "{learner}"


@dataclass(frozen=True)
class Rejection:
    """A file set aside: its name, the kind of problem and the reason in words."""

    file: str
    kind: str
    reason: str


@dataclass(frozen=True)
class LoadReport:
    """What was found in the exchange folder: files used, files set aside."""

    folder: str
    accepted: tuple[ResultsFile, ...]
    rejected: tuple[Rejection, ...]
    owner_checked: bool

    @property
    def learners(self) -> tuple[str, ...]:
        """Every learner with at least one accepted file, sorted."""
        return tuple(sorted({results.learner for results in self.accepted}))


class Refused(Exception):
    """Internal: one file is set aside; carries the kind and the reason."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@cache
def system_owner(uid: int) -> str | None:
    """The user name the system gives a uid, or None when it does not know the uid."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def open_regular(path: str, max_bytes: int) -> tuple[bytes, int]:
    """Read a regular file without following a link; return its bytes and owner uid.

    The file is opened first and checked through its descriptor, so it cannot
    be swapped for a link or a larger file between the check and the read.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("symbolic link", "is a symbolic link; links are never followed") from exc
        raise Refused("unreadable", f"cannot be opened ({exc.strerror})") from exc
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Refused("not a regular file", "is not a regular file")
        if status.st_size > max_bytes:
            raise Refused("oversized", oversized_reason(status.st_size, max_bytes))
        data = read_at_most(descriptor, max_bytes + 1)
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise Refused("oversized", oversized_reason(len(data), max_bytes))
    return data, status.st_uid


def read_at_most(descriptor: int, limit: int) -> bytes:
    """Read up to ``limit`` bytes from an open file (fewer at its end)."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(descriptor, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def oversized_reason(size: int, max_bytes: int) -> str:
    """Say how large the file is and what the limit is."""
    return f"is {size:,} bytes, more than the {max_bytes:,}-byte limit for a results file"


def parse_file(data: bytes, name: str) -> ResultsFile:
    """Decode, check and fold one file's bytes, or refuse it as malformed (or too new)."""
    try:
        document = parse_bytes(data)
    except UnicodeDecodeError as exc:
        raise Refused("malformed", f"is not UTF-8 text (byte {exc.start})") from exc
    except ValueError as exc:
        raise Refused("malformed", f"is not complete JSON ({exc})") from exc
    try:
        return read_document(document, name)
    except ResultsProblem as exc:
        kind = "newer version" if "is newer than" in exc.problems[0] else "malformed"
        more = f" (and {len(exc.problems) - 1} more problems)" if len(exc.problems) > 1 else ""
        raise Refused(kind, f"{exc.problems[0]}{more}") from exc


def check_owner_matches(
    results: ResultsFile, uid: int, owners: OwnerLookup, owner_format: str
) -> None:
    """Refuse a file whose learner field is not the user who owns the file."""
    owner = owners(uid)
    if owner is None:
        return  # the system does not say who owns it
    expected = owner_format.format(learner=results.learner)
    if owner != expected:
        raise Refused(
            "mislabelled",
            f"says learner '{results.learner}' but belongs to user '{owner}'",
        )


def read_entry(
    entry: os.DirEntry[str],
    max_bytes: int,
    owners: OwnerLookup | None,
    owner_format: str,
    lessons: Collection[str] | None,
) -> ResultsFile:
    """Load one directory entry, or raise :class:`Refused` saying why not."""
    if entry.is_symlink():
        raise Refused("symbolic link", "is a symbolic link; links are never followed")
    if not entry.name.endswith(".json"):
        if entry.is_dir(follow_symlinks=False):
            raise Refused("not a regular file", "is a folder, not a results file")
        raise Refused(
            "not a results file", "is not a .json results file written by the Submit button"
        )
    data, uid = open_regular(entry.path, max_bytes)
    results = parse_file(data, entry.name)
    if lessons is not None and results.lesson not in lessons:
        raise Refused("unknown lesson", f"is for lesson '{results.lesson}', not in this course")
    if owners is not None:
        check_owner_matches(results, uid, owners, owner_format)
    return results


def visible_entries(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's entries, hidden names left out, sorted by name."""
    with os.scandir(folder) as entries:
        return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)


def set_aside_duplicates(
    accepted: Iterable[ResultsFile],
) -> tuple[list[ResultsFile], list[Rejection]]:
    """Keep one file per submission id, then the newest file per learner and lesson."""
    by_id: dict[str, ResultsFile] = {}
    rejected: list[Rejection] = []
    for results in accepted:
        first = by_id.setdefault(results.submission_id, results)
        if first is not results:
            reason = f"is a copy of submission {results.submission_id[:8]}… already in {first.file}"
            rejected.append(Rejection(results.file, "duplicate", reason))
    newest: dict[tuple[str, str], ResultsFile] = {}
    for results in sorted(by_id.values(), key=lambda r: (r.submitted, r.file)):
        newest[(results.learner, results.lesson)] = results
    kept = set(map(id, newest.values()))
    for results in by_id.values():
        if id(results) not in kept:
            used = newest[(results.learner, results.lesson)].file
            reason = (
                f"is an older submission of {results.lesson} by {results.learner}; "
                f"the newest, {used}, is used"
            )
            rejected.append(Rejection(results.file, "duplicate", reason))
    return [results for results in by_id.values() if id(results) in kept], rejected


def load_results(
    folder: Path | str,
    lessons: Collection[str] | None = None,
    check_owner: bool = True,
    owner_format: str = DEFAULT_OWNER_FORMAT,
    owners: OwnerLookup = system_owner,
    max_bytes: int = MAX_BYTES,
) -> LoadReport:
    """Load every results file in ``folder``; list each file set aside with its reason.

    Parameters
    ----------
    folder
        The exchange folder (``$COURSE_EXCHANGE``).
    lessons
        The lesson ids of this course; files for other lessons are set aside.
        ``None`` accepts any lesson id.
    check_owner
        Set aside files whose ``learner`` is not their owner. Turn it off only
        when every file has the same owner, as in the demo class or a hub whose
        servers all run as one system user.
    owner_format
        How a learner name becomes a system user name: ``"{learner}"``, or
        ``"jupyter-{learner}"`` on The Littlest JupyterHub.
    owners
        uid to user name (None for unknown); tests pass their own.
    max_bytes
        Files larger than this are set aside as oversized.
    """
    path = Path(folder)
    lookup = owners if check_owner else None
    loaded: list[ResultsFile] = []
    rejected: list[Rejection] = []
    for entry in visible_entries(path):
        try:
            loaded.append(read_entry(entry, max_bytes, lookup, owner_format, lessons))
        except Refused as refusal:
            rejected.append(Rejection(entry.name, refusal.kind, refusal.reason))
    accepted, duplicates = set_aside_duplicates(loaded)
    rejected = sorted([*rejected, *duplicates], key=lambda r: r.file)
    return LoadReport(str(path), tuple(accepted), tuple(rejected), check_owner)


def read_roster(path: Path | str) -> list[str]:
    """Learner names from a text file, one per line; blank lines and ``#`` comments are skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
