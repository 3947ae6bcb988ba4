"""The lesson timings and objectives table in ``docs/instructors.md``, generated from the manifest.

The table sits between two marker comments; ``python -m course instructor-table``
rewrites it, and ``--check`` (run by the tests) fails when it is out of date.

Examples
--------
>>> from course.models import Lesson, Manifest, Objective
>>> lesson = Lesson("00-a", "Start | here", "00-a.ipynb", "p",
...                 (Objective("L00-O1", "Do a thing.", "00-a"),), (), 10, 5, ())
>>> print(lesson_table(Manifest("T", 0.7, (lesson,))))
| No. | Lesson | Teaching | Activities | Total | Objectives |
|---:|---|---:|---:|---:|---|
| 0 | Start \\| here (`00-a`) | 10 min | 5 min | 15 min | **L00-O1** Do a thing. |
|  | **Whole course** | **10 min** | **5 min** | **15 min** (about 0.2 hours) | 1 objectives |
"""

from __future__ import annotations

from pathlib import Path

from course import paths
from course.errors import ContentError
from course.models import Lesson, Manifest

START = "<!-- course:lesson-table:start -->"
END = "<!-- course:lesson-table:end -->"
HEADER = (
    "| No. | Lesson | Teaching | Activities | Total | Objectives |",
    "|---:|---|---:|---:|---:|---|",
)


def docs_file() -> Path:
    """``docs/instructors.md`` in the repository."""
    return paths.REPO_ROOT / "docs" / "instructors.md"


def cell_text(text: str) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks)."""
    return " ".join(text.split()).replace("|", "\\|")


def lesson_row(number: int, lesson: Lesson) -> str:
    """One lesson: number, title and id, minutes, objectives."""
    objectives = "<br>".join(f"**{o.id}** {cell_text(o.text)}" for o in lesson.objectives)
    return (
        f"| {number} | {cell_text(lesson.title)} (`{lesson.id}`) | {lesson.teaching_minutes} min "
        f"| {lesson.activity_minutes} min | {lesson.minutes} min | {objectives} |"
    )


def lesson_table(manifest: Manifest) -> str:
    """The whole table: one row per lesson, then the totals."""
    lessons = manifest.lessons
    teaching = sum(lesson.teaching_minutes for lesson in lessons)
    activity = sum(lesson.activity_minutes for lesson in lessons)
    total = teaching + activity
    rows = [lesson_row(number, lesson) for number, lesson in enumerate(lessons)]
    totals = (
        f"|  | **Whole course** | **{teaching} min** | **{activity} min** | "
        f"**{total} min** (about {total / 60:.1f} hours) | {len(manifest.objectives)} objectives |"
    )
    return "\n".join([*HEADER, *rows, totals])


def replace_table(text: str, table: str, file: str) -> str:
    """Put ``table`` between the markers of ``text``; ContentError when a marker is missing."""
    if START not in text or END not in text or text.index(START) > text.index(END):
        raise ContentError(
            file,
            "lesson table",
            "the marker comments are missing or out of order",
            f"put '{START}' and '{END}' on their own lines where the table belongs",
        )
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    return f"{before}{START}\n{table}\n{END}{after}"


def update_docs(check: bool = False, path: Path | None = None) -> bool:
    """Rewrite the table in ``docs/instructors.md`` from the manifest; return True if it changed.

    With ``check``, only report whether it would change.
    """
    from course import content

    target = path or docs_file()
    text = target.read_text(encoding="utf-8")
    updated = replace_table(text, lesson_table(content.manifest()), str(target))
    changed = updated != text
    if changed and not check:
        target.write_text(updated, encoding="utf-8")
    return changed
