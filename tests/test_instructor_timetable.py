"""The lesson timings table in docs/instructors.md is generated from the manifest and kept up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from course import content
from course.errors import ContentError
from course.instructor.timetable import (
    END,
    START,
    docs_file,
    lesson_table,
    replace_table,
    update_docs,
)


def test_docs_instructors_md_has_the_current_lesson_table() -> None:
    assert not update_docs(check=True), (
        "docs/instructors.md is out of date with data/course.yaml; "
        "run 'python -m course instructor-table'"
    )


def test_the_table_lists_every_lesson_with_its_minutes_and_objectives() -> None:
    manifest = content.manifest()
    table = lesson_table(manifest)
    for lesson in manifest.lessons:
        assert (
            f"(`{lesson.id}`) | {lesson.teaching_minutes} min | {lesson.activity_minutes} min"
            in table
        )
        for objective in lesson.objectives:
            assert f"**{objective.id}**" in table
    total = sum(lesson.minutes for lesson in manifest.lessons)
    assert f"**{total} min**" in table


def test_update_rewrites_only_the_part_between_the_markers(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(f"# Title\nbefore\n{START}\nold table\n{END}\nafter\n")
    assert update_docs(path=page)
    text = page.read_text()
    assert text.startswith("# Title\nbefore\n") and text.endswith(f"{END}\nafter\n")
    assert "old table" not in text
    assert not update_docs(path=page), "running it twice changes nothing"


def test_missing_markers_are_a_content_error_with_a_fix() -> None:
    with pytest.raises(ContentError, match="marker comments are missing"):
        replace_table("no markers here", "table", "docs/x.md")


def test_the_docs_file_is_in_docs() -> None:
    assert docs_file().parts[-2:] == ("docs", "instructors.md")
