"""The gradebook: a CSV file a learning platform imports.

One row per learner: ``learner_id``, one column per lesson (its score in
percent, blank when the learner sent no results for it), then ``final_score``
(percent of every question in the course, first tries, blank lessons counting 0).
See :mod:`course.instructor.analysis` for how the scores are worked out.

Learner names come from learners' files, so a spreadsheet must never run one
as a formula: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe, which spreadsheets show as text.

Examples
--------
>>> neutralise("=1+1"), neutralise("@SUM(A1)")
("'=1+1", "'@SUM(A1)")
>>> neutralise("ada"), neutralise("61.5")
('ada', '61.5')
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from course.instructor.analysis import ClassReport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
LEARNER_COLUMN = "learner_id"
FINAL_COLUMN = "final_score"


def neutralise(cell: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def percent(score: float | None) -> str:
    """A score from 0 to 1 as a percentage with one decimal; blank for no score."""
    return "" if score is None else f"{score * 100:.1f}"


def gradebook_rows(report: ClassReport) -> list[list[str]]:
    """The header row, then one row per learner, every cell neutralised."""
    lesson_ids = [lesson.lesson_id for lesson in report.lessons if lesson.questions]
    rows = [[LEARNER_COLUMN, *lesson_ids, FINAL_COLUMN]]
    for learner in report.learners:
        scores = report.scores[learner]
        cells = [learner, *(percent(scores[lesson]) for lesson in lesson_ids)]
        rows.append([*cells, percent(report.final[learner])])
    return [[neutralise(cell) for cell in row] for row in rows]


def gradebook_csv(report: ClassReport) -> str:
    """The gradebook as CSV text (every field quoted when it needs it)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(gradebook_rows(report))
    return buffer.getvalue()


def write_gradebook(report: ClassReport, path: Path | str) -> Path:
    """Write the gradebook CSV (UTF-8 with a byte-order mark, which spreadsheets expect).

    The file is written beside its target and renamed into place.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = gradebook_csv(report)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8-sig", newline="", dir=target.parent, delete=False, suffix=".tmp"
    ) as handle:
        handle.write(text)
    os.replace(handle.name, target)
    return target
