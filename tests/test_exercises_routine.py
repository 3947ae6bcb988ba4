"""The routine builder's pure logic: choices, the weekly plan, and exports that escape the learner's words."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from course import exercises as ex
from course.errors import AnswerError

LIBRARY = ex.load_library()
HOSTILE = '<script>alert("x")</script> & =SUM(A1)'


def test_choices_come_back_in_the_usual_order() -> None:
    routine = ex.build_routine(["walking", "bridge"], ["sunday", " Monday "], "  Back   plan ")
    assert routine.exercise_ids == ("bridge", "walking")
    assert routine.days == ("Monday", "Sunday")
    assert routine.title == "Back plan"


@pytest.mark.parametrize(
    ("exercise_ids", "days", "words"),
    [
        ([], ["Monday"], "at least one exercise"),
        (["bridge"], [], "at least one day"),
        (["bridges"], ["Monday"], "did you mean 'bridge'"),
        (["bridge"], ["Someday"], "not a day of the week"),
    ],
)
def test_bad_choices_are_explained_to_the_learner(
    exercise_ids: list[str], days: list[str], words: str
) -> None:
    with pytest.raises(AnswerError, match=words):
        ex.build_routine(exercise_ids, days)


def test_a_long_or_empty_title_is_tidied() -> None:
    assert ex.clean_title("x" * 200) == "x" * ex.TITLE_MAX
    assert ex.clean_title(None) == ex.DEFAULT_TITLE


def test_the_weekly_plan_has_one_row_per_exercise_per_day() -> None:
    routine = ex.build_routine(["pelvic-tilt", "bridge", "walking"], ["Monday", "Wednesday"])
    plan = ex.weekly_plan(routine)
    assert isinstance(plan, pd.DataFrame)
    assert list(plan.columns) == list(ex.PLAN_COLUMNS)
    assert len(plan) == 6
    assert list(plan["Day"]) == ["Monday"] * 3 + ["Wednesday"] * 3
    assert list(plan["Exercise"][:3]) == ["Pelvic tilt", "Bridge (hip raise)", "Walking programme"]
    assert plan.iloc[0]["Dose"] == LIBRARY.exercise("pelvic-tilt").dose.start
    assert all(plan["Stop if"].str.len() > 10) and all(plan["Build up"].str.len() > 10)


def test_csv_has_a_title_a_header_and_the_rows() -> None:
    routine = ex.build_routine(["bridge"], ["Monday", "Friday"], "Morning routine")
    text = ex.plan_csv(ex.weekly_plan(routine), routine.title)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Morning routine"]
    assert rows[1] == list(ex.PLAN_COLUMNS)
    assert [row[0] for row in rows[2:]] == ["Monday", "Friday"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_look_like_formulas_are_defused(start: str) -> None:
    assert ex.safe_cell(f"{start}1+1") == f"'{start}1+1"
    routine = ex.build_routine(["bridge"], ["Monday"], f"{start}HYPERLINK(1)")
    first_line = ex.plan_csv(ex.weekly_plan(routine), routine.title).splitlines()[0]
    assert first_line.startswith(f"'{start}")


def test_printable_page_escapes_the_title_and_carries_the_safety_advice() -> None:
    routine = ex.build_routine(["straight-leg-raise", "childs-pose"], ["Tuesday"], HOSTILE)
    page = ex.plan_html_page(routine)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; =SUM(A1)" in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "Get emergency care now" in page and "not medical advice" in page
    assert "Child&#x27;s pose" in page and "<caption>Your week</caption>" in page
    for cue in LIBRARY.safety_cues:
        assert cue.text.split()[0] in page


def test_saved_files_use_fixed_names_whatever_the_title(tmp_path: Path) -> None:
    routine = ex.build_routine(["bridge"], ["Monday"], "../../etc/passwd")
    files = ex.save_plan(routine, tmp_path / "out")
    assert files.csv == tmp_path / "out" / "weekly-plan.csv"
    assert files.html == tmp_path / "out" / "weekly-plan.html"
    assert "../../etc/passwd" in files.csv.read_text(encoding="utf-8")
    assert "Bridge (hip raise)" in files.html.read_text(encoding="utf-8")


def test_saving_without_a_folder_uses_the_course_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_OUTPUT", str(tmp_path))
    files = ex.save_plan(ex.build_routine(["walking"], ["Saturday"]))
    assert files.csv.parent == tmp_path and files.csv.exists()


def test_exercise_table_lists_every_exercise_escaped() -> None:
    frame = ex.exercises_frame(LIBRARY)
    assert list(frame["Exercise"]) == [e.name for e in LIBRARY.exercises]
    html = ex.frame_html(frame, "All <exercises>")
    assert "<caption>All &lt;exercises&gt;</caption>" in html
    assert html.count('<th scope="col">') == len(frame.columns)
