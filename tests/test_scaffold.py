"""The scaffold writes generated header and footer cells idempotently, and --check notices drift."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from course import content, scaffold
from course.cli import main


def test_real_notebooks_are_up_to_date() -> None:
    stale = [result.notebook.name for result in scaffold.scaffold_all(check=True) if result.changed]
    assert stale == [], "run `make scaffold` to regenerate: " + ", ".join(stale)


def test_scaffold_is_idempotent(course_copy: Path) -> None:
    scaffold.scaffold_all()
    before = {p.name: p.read_text() for p in (course_copy / "notebooks").glob("*.ipynb")}
    results = scaffold.scaffold_all()
    after = {p.name: p.read_text() for p in (course_copy / "notebooks").glob("*.ipynb")}
    assert not any(result.changed for result in results)
    assert before == after


def test_check_mode_reports_a_changed_manifest_without_writing(
    course_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = course_copy / "data" / "course.yaml"
    manifest.write_text(manifest.read_text().replace("title: Start here", "title: Begin here"))
    content.clear_caches()
    notebook = course_copy / "notebooks" / "00-start-here.ipynb"
    untouched = notebook.read_text()
    assert main(["scaffold", "--check"]) == 1
    assert "out of date: 00-start-here.ipynb" in capsys.readouterr().out
    assert notebook.read_text() == untouched
    assert main(["scaffold"]) == 0
    assert "# Begin here" in notebook.read_text()


def test_body_cells_are_kept_and_generated_cells_replaced(course_copy: Path) -> None:
    notebook_path = course_copy / "notebooks" / "00-start-here.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    body = [cell.source for cell in notebook.cells if not cell.source.startswith("<!-- course:")]
    notebook.cells[0].source = (
        scaffold.HEADER_START + "\nhand-edited header\n" + scaffold.HEADER_END
    )
    nbformat.write(notebook, notebook_path)
    scaffold.scaffold_all()
    regenerated = nbformat.read(notebook_path, as_version=4)
    assert "hand-edited" not in regenerated.cells[0].source
    assert [c.source for c in regenerated.cells if not c.source.startswith("<!-- course:")] == body


def test_header_and_footer_follow_the_lesson_anatomy() -> None:
    lessons = content.manifest().lessons
    lesson = lessons[1]
    header = scaffold.header_source(lesson, 1)
    assert header.startswith(scaffold.HEADER_START) and header.endswith(scaffold.HEADER_END)
    assert f"# {lesson.title}" in header and lesson.promise in header
    assert all(objective.text in header for objective in lesson.objectives)
    assert f"about {lesson.minutes} minutes" in header
    assert "Education, not medical advice" in header
    footer = scaffold.footer_source(lesson, ["ACP2017"], lessons[0], lessons[2])
    assert all(point in footer for point in lesson.key_points)
    assert "**[ACP2017]** Qaseem A" in footer
    assert f"[{lessons[0].title}]({lessons[0].notebook})" in footer
    assert f"[{lessons[2].title}]({lessons[2].notebook})" in footer


def test_new_lesson_notebook_is_created_with_import_cell(course_copy: Path) -> None:
    (course_copy / "notebooks" / "00-start-here.ipynb").unlink()
    result = scaffold.scaffold_lesson(0)
    assert result.created
    cells = json.loads(result.notebook.read_text())["cells"]
    assert [cell["cell_type"] for cell in cells] == ["markdown", "code", "markdown"]
    assert "".join(cells[1]["source"]) == scaffold.IMPORT_CELL
