"""The gradebook CSV: the columns a learning platform imports, and no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from course.instructor.analysis import ClassReport, LessonSummary
from course.instructor.gradebook import gradebook_csv, gradebook_rows, neutralise, write_gradebook


def a_report(learners: dict[str, tuple[float | None, float | None, float]]) -> ClassReport:
    """A report with two lessons with questions and one without (left out of the gradebook)."""
    lessons = (
        LessonSummary("00-start-here", "Start here", 8, len(learners), 0, 0, ()),
        LessonSummary("01-lower-back", "Lower back", 15, len(learners), 0, 0, ()),
        LessonSummary("04-treatments", "Treatments", 0, len(learners), 0, 0, ()),
    )
    return ClassReport(
        learners=tuple(learners),
        lessons=lessons,
        items=(),
        objectives=(),
        concerns=(),
        scores={
            name: {"00-start-here": a, "01-lower-back": b, "04-treatments": None}
            for name, (a, b, _) in learners.items()
        },
        final={name: final for name, (_, _, final) in learners.items()},
        as_of=datetime(2026, 11, 21, tzinfo=UTC),
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_a_spreadsheet_would_run_start_with_an_apostrophe(start: str) -> None:
    assert neutralise(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_ordinary_cells_are_unchanged() -> None:
    assert [neutralise(cell) for cell in ("ada", "61.5", "", "o'brien")] == [
        "ada",
        "61.5",
        "",
        "o'brien",
    ]


def test_columns_are_learner_id_lesson_scores_and_final_score() -> None:
    report = a_report({"ada": (0.625, None, 0.217391), "ben": (1.0, 0.4, 0.608696)})
    assert gradebook_rows(report) == [
        ["learner_id", "00-start-here", "01-lower-back", "final_score"],
        ["ada", "62.5", "", "21.7"],
        ["ben", "100.0", "40.0", "60.9"],
    ]


def test_a_formula_in_a_learner_name_is_neutralised_in_the_csv() -> None:
    evil = '=HYPERLINK("http://evil.example","click")'
    text = gradebook_csv(a_report({evil: (0.5, 0.5, 0.5), "-2+3": (0.1, 0.1, 0.1)}))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "'" + evil
    assert rows[2][0] == "'-2+3"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_write_gradebook_writes_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = write_gradebook(a_report({"zoë": (0.5, 0.5, 0.5)}), tmp_path / "out" / "grades.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "zoë,50.0,50.0,50.0" in data.decode("utf-8-sig")
    assert [p.name for p in path.parent.iterdir()] == ["grades.csv"]
