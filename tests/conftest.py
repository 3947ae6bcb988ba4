"""Shared fixtures: a throw-away copy of the course to break on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from course import content

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def course_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Copy data/ and notebooks/ into a temporary folder and point the course at it.

    Yields the temporary root (with ``data/`` and ``notebooks/`` inside).
    """
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(
        ROOT / "notebooks",
        tmp_path / "notebooks",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
    )
    monkeypatch.setenv("COURSE_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("COURSE_NOTEBOOKS", raising=False)
    content.clear_caches()
    yield tmp_path
    content.clear_caches()


@pytest.fixture
def empty_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty content folder the course points at; copy a fixture in to break a loader on purpose."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("COURSE_DATA", str(data))
    content.clear_caches()
    yield data
    content.clear_caches()


@pytest.fixture(autouse=True)
def isolated_progress(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never write to the real learner's progress database from a test."""
    folder = tmp_path_factory.mktemp("progress")
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(folder / "progress.sqlite3"))
