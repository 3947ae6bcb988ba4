"""The drop box: its permissions, and writing results files into it safely."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from course.errors import CourseError, ProgressError
from course.instructor import exchange
from course.instructor.exchange import (
    DROP_BOX_MODE,
    init_exchange,
    results_file_name,
    submit_lesson,
    write_results,
)
from course.instructor.results import problems
from course.models import Attempt
from course.progress import ProgressStore

FIXTURES = Path(__file__).parent / "fixtures"
NOBODY = 65534


def a_document() -> dict[str, object]:
    path = FIXTURES / "results_item_stats" / "ada+00-start-here+20261110T100000Z+0001.json"
    document: dict[str, object] = json.loads(path.read_text())
    return document


@pytest.fixture
def open_parent() -> Iterator[Path]:
    """A folder every user can enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="course-exchange-test-"))
    folder.chmod(0o755)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.unlink() if not path.is_dir() or path.is_symlink() else path.rmdir()
    folder.rmdir()


def test_init_creates_a_drop_box_with_mode_1733(open_parent: Path) -> None:
    box = init_exchange(open_parent / "exchange" / "lowback")
    mode = (open_parent / "exchange" / "lowback").stat().st_mode
    assert stat.S_ISDIR(mode)
    assert stat.S_IMODE(mode) == DROP_BOX_MODE == 0o1733
    assert mode & stat.S_ISVTX, "sticky: nobody deletes or renames another's file"
    assert mode & stat.S_IWOTH and mode & stat.S_IXOTH, "others can add files"
    assert not mode & stat.S_IROTH and not mode & stat.S_IRGRP, "others cannot list"
    assert stat.filemode(mode) == "drwx-wx-wt"
    assert box.created
    text = "\n".join(box.describe())
    assert "mode 1733 (drwx-wx-wt)" in text
    assert "COURSE_EXCHANGE=" in text


def test_init_fixes_an_existing_folder_and_refuses_links_and_files(open_parent: Path) -> None:
    folder = open_parent / "box"
    folder.mkdir(mode=0o777)
    assert not init_exchange(folder).created
    assert stat.S_IMODE(folder.stat().st_mode) == 0o1733
    (open_parent / "link").symlink_to(folder)
    with pytest.raises(CourseError, match="symbolic link"):
        init_exchange(open_parent / "link")
    (open_parent / "file").write_text("x")
    with pytest.raises(CourseError, match="not a folder"):
        init_exchange(open_parent / "file")


def test_init_warns_when_learners_cannot_reach_the_folder(tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    box = init_exchange(private / "box")
    assert str(private) in box.unreachable
    assert any("cannot be entered by other users" in line for line in box.describe())


def as_other_user(work: Callable[[], None]) -> int:
    """Run ``work`` in a child process as user 'nobody'; return its exit code."""
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            work()
        except BaseException:
            code = 1
        os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as a second user")
def test_another_user_can_add_a_file_but_not_list_or_remove_others(open_parent: Path) -> None:
    folder = open_parent / "box"
    init_exchange(folder)
    mine = write_results(a_document(), folder, token="0" * 16)

    def cannot_list() -> None:
        with pytest.raises(PermissionError):
            os.listdir(folder)

    def can_write() -> None:
        document = a_document()
        document["learner"] = "nobody"
        write_results(document, folder, token="1" * 16)

    def cannot_remove_the_instructor_file() -> None:
        with pytest.raises(PermissionError):
            mine.unlink()

    assert as_other_user(cannot_list) == 0
    assert as_other_user(can_write) == 0
    assert as_other_user(cannot_remove_the_instructor_file) == 0
    written = folder / results_file_name(
        "nobody", "00-start-here", "2026-11-10T10:00:00+00:00", "1" * 16
    )
    assert written.stat().st_uid == NOBODY
    assert mine.exists()


def test_write_results_writes_a_complete_file_with_a_safe_unguessable_name(tmp_path: Path) -> None:
    document = a_document()
    document["learner"] = "../ada smith"
    path = write_results(document, tmp_path)
    assert path.parent == tmp_path
    assert path.name.startswith("_._ada_smith+00-start-here+20261110T100000Z+")
    assert len(path.name.rsplit("+", 1)[1]) == len("0123456789abcdef.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert json.loads(path.read_text()) == document
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "no temporary file is left"


def test_write_results_refuses_a_broken_document_and_a_missing_folder(tmp_path: Path) -> None:
    document = a_document()
    del document["scores"]
    with pytest.raises(ProgressError, match="break the results format"):
        write_results(document, tmp_path)
    with pytest.raises(ProgressError, match="progress export"):
        write_results(a_document(), tmp_path / "missing")


def test_write_results_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    name = results_file_name("ada", "00-start-here", "2026-11-10T10:00:00+00:00", "f" * 16)
    (tmp_path / f".{name}.tmp").symlink_to(target)
    with pytest.raises(ProgressError):
        write_results(a_document(), tmp_path, token="f" * 16)
    assert target.read_text() == "keep me"


def test_submit_lesson_without_an_exchange_says_how_to_export(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(exchange.ENV_VAR, raising=False)
    with pytest.raises(ProgressError, match="python -m course progress export"):
        submit_lesson("00-start-here", store=ProgressStore(None, learner="ada"))


def test_submit_lesson_writes_the_learner_results_into_the_exchange(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(exchange.ENV_VAR, str(tmp_path))
    store = ProgressStore(None, learner="ada")
    moment = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
    store.record_attempt(
        Attempt("00-start-here", "start-single-choice", "L00-O1", 0, True, 1.0, True, moment),
        "00-start-here",
    )
    submission = submit_lesson("00-start-here", store=store, now=moment)
    document = json.loads(submission.path.read_text())
    assert problems(document) == []
    assert document["learner"] == "ada"
    assert document["scores"]["answered"] == 1
    assert submission.path.name.startswith("ada+00-start-here+20261121T100000Z+")
