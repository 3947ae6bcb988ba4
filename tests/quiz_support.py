"""Helpers shared by the quiz tests: fixture banks, a test figure and a tiny test course."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from course import content, figures
from course.models import Attempt
from course.questions import QuizBank, parse_bank

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_FIGURE = "test_square"
TEST_MARKERS = {1: "Top", 2: "Bottom"}


def read_fixture(name: str) -> dict[str, Any]:
    """The parsed YAML of ``tests/fixtures/<name>``."""
    loaded: dict[str, Any] = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return loaded


def every_kind_bank() -> QuizBank:
    """The fixture bank with one question of every kind."""
    return parse_bank(read_fixture("quiz_every_kind.yaml"), "tests/fixtures/quiz_every_kind.yaml")


def draw_square(labelled: bool) -> Figure:
    """A tiny figure: a square with two numbered markers."""
    figure = Figure(figsize=(1, 1), dpi=40)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.axis("off")
    for number, y in ((1, 0.8), (2, 0.2)):
        text = f"{number} {TEST_MARKERS[number]}" if labelled else str(number)
        axes.text(0.5, y, text, ha="center")
    return figure


def use_test_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``test_square`` the only figure the course draws (for the length of a test)."""
    spec = figures.FigureSpec(
        id=TEST_FIGURE,
        title="A test square",
        alt="A square: 1 top, 2 bottom.",
        alt_unlabelled="A square with marker 1 near the top and marker 2 near the bottom.",
        markers=dict(TEST_MARKERS),
        draw=draw_square,
    )
    monkeypatch.setattr(figures, "figure_modules", list)
    monkeypatch.setattr(figures, "_REGISTRY", {TEST_FIGURE: spec})
    figures.registry.cache_clear()
    figures.render.cache_clear()


def forget_figures() -> None:
    """Clear the figure caches (after monkeypatch has restored the registry)."""
    figures.registry.cache_clear()
    figures.render.cache_clear()


def make_test_course(root: Path, monkeypatch: pytest.MonkeyPatch, banks: list[str]) -> Path:
    """Write a small course under ``root/data`` from fixtures and point COURSE_DATA at it.

    ``banks`` are fixture file names; each is saved as ``quizzes/<its id>.yaml``.
    """
    data = root / "data"
    (data / "quizzes").mkdir(parents=True)
    shutil.copy(FIXTURES / "quiz_course.yaml", data / "course.yaml")
    shutil.copy(FIXTURES / "quiz_references.yaml", data / "references.yaml")
    for name in banks:
        quiz_id = read_fixture(name)["id"]
        shutil.copy(FIXTURES / name, data / "quizzes" / f"{quiz_id}.yaml")
    monkeypatch.setenv("COURSE_DATA", str(data))
    content.clear_caches()
    return data


class FakeStore:
    """Records attempts like the progress store does, in a list."""

    def __init__(self) -> None:
        self.recorded: list[tuple[Attempt, str]] = []

    def record_attempt(self, attempt: Attempt, lesson_id: str) -> None:
        """Keep the attempt."""
        self.recorded.append((attempt, lesson_id))


class BrokenStore:
    """A store whose every write fails."""

    def record_attempt(self, attempt: Attempt, lesson_id: str) -> None:
        """Fail, as a locked or corrupt database would."""
        raise OSError("database is locked")
