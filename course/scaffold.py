"""Write each lesson notebook's generated header and footer from the manifest.

The header (title, promise, minutes, objectives, safety line) and the footer
(key points, references cited in the lesson, previous/next links) sit between
marker comments. Everything else in a notebook is left exactly as it is, so
running the scaffold twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from course import content, paths
from course.errors import ContentError
from course.models import Lesson
from course.validation import citations_in

HEADER_START, HEADER_END = "<!-- course:header:start -->", "<!-- course:header:end -->"
FOOTER_START, FOOTER_END = "<!-- course:footer:start -->", "<!-- course:footer:end -->"
IMPORT_CELL = "from course import *"
SAFETY_LINE = (
    "> **Education, not medical advice.** "
    "Back pain with new trouble peeing or controlling your bladder or bowel, numbness around the genitals, "
    "buttocks or inner thighs, or weakness or numbness in both legs needs emergency care now "
    "(999 in the UK, 112 in Europe, 911 in North America)."
)


@dataclass(frozen=True)
class ScaffoldResult:
    """What the scaffold did (or, in check mode, would do) to one notebook."""

    notebook: Path
    changed: bool
    created: bool


def scaffold_all(check: bool = False) -> list[ScaffoldResult]:
    """Update (or with ``check``, only compare) every lesson notebook in the manifest."""
    lessons = content.manifest().lessons
    return [scaffold_lesson(index, check) for index in range(len(lessons))]


def scaffold_lesson(index: int, check: bool = False) -> ScaffoldResult:
    """Rewrite the generated cells of the lesson at ``index`` in the manifest."""
    lessons = content.manifest().lessons
    lesson = lessons[index]
    path = paths.notebooks_dir() / lesson.notebook
    created = not path.exists()
    notebook = new_notebook() if created else nbformat.read(path, as_version=4)
    before = nbformat.writes(notebook) if not created else ""
    set_cell(notebook, HEADER_START, header_source(lesson, index), at_end=False)
    references = cited_keys(notebook, lesson)
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if index + 1 < len(lessons) else None
    set_cell(
        notebook, FOOTER_START, footer_source(lesson, references, previous, following), at_end=True
    )
    after = nbformat.writes(notebook)
    changed = before != after
    if changed and not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(after, encoding="utf-8")
    return ScaffoldResult(path, changed, created)


def new_notebook() -> nbformat.NotebookNode:
    """A new lesson notebook: the import cell only (header and footer are added next)."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.cells.append(nbformat.v4.new_code_cell(IMPORT_CELL, id="course-import"))
    return notebook


def set_cell(notebook: nbformat.NotebookNode, marker: str, source: str, at_end: bool) -> None:
    """Replace the markdown cell that starts with ``marker``, or insert one."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.startswith(marker):
            cell.source = source
            return
    cell_id = "course-footer" if at_end else "course-header"
    cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
    if at_end:
        notebook.cells.append(cell)
    else:
        notebook.cells.insert(0, cell)


def header_source(lesson: Lesson, index: int) -> str:
    """The generated header: title, promise, minutes, objectives and the safety line."""
    lines = [
        HEADER_START,
        f"# {lesson.title}",
        "",
        f"*{lesson.promise}*",
        "",
        f"**Time:** about {lesson.minutes} minutes "
        f"({lesson.teaching_minutes} reading, {lesson.activity_minutes} activities).",
        "",
    ]
    if lesson.objectives:
        lines += ["**By the end of this lesson you can:**", ""]
        lines += [
            f"{number}. {objective.text}" for number, objective in enumerate(lesson.objectives, 1)
        ]
        lines.append("")
    lines += [SAFETY_LINE, HEADER_END]
    return "\n".join(lines)


def cited_keys(notebook: nbformat.NotebookNode, lesson: Lesson) -> list[str]:
    """Reference keys the lesson cites: ``[@key]`` in its prose, then its question banks' keys."""
    keys: list[str] = []
    body = [
        cell
        for cell in notebook.cells
        if not (
            cell.cell_type == "markdown" and cell.source.startswith((HEADER_START, FOOTER_START))
        )
    ]
    for cell in body:
        if cell.cell_type == "markdown":
            keys += citations_in(cell.source)
    for quiz_id in lesson.quizzes:
        for question in content.quiz_bank(quiz_id)["questions"]:
            keys += sorted(question.get("references", []))
    return list(dict.fromkeys(keys))


def footer_source(
    lesson: Lesson, keys: list[str], previous: Lesson | None, following: Lesson | None
) -> str:
    """The generated footer: key points, references cited, and navigation links."""
    lines = [FOOTER_START, "## Key points", ""]
    lines += [f"- {point}" for point in lesson.key_points]
    if keys:
        lines += ["", "## References", ""]
        lines += [reference_line(key, lesson) for key in keys]
    lines += ["", "---", "", navigation(previous, following), FOOTER_END]
    return "\n".join(lines)


def reference_line(key: str, lesson: Lesson) -> str:
    """One reference as a markdown list item, or a ContentError if the key does not resolve."""
    records = content.references()
    if key not in records:
        raise ContentError(
            f"notebooks/{lesson.notebook}",
            f"citation [@{key}]",
            "does not resolve",
            "add the reference to data/references.yaml or correct the key",
        )
    record = records[key]
    return (
        f"- **[{key}]** {sentence(record.authors)} {sentence(record.title)} *{record.venue}*, "
        f"{record.year}. <{record.link}>"
    )


def sentence(text: str) -> str:
    """End a citation part with exactly one full stop (or its own ? or !).

    Examples
    --------
    >>> sentence("Doe J, et al."), sentence("What is back pain?"), sentence("A title")
    ('Doe J, et al.', 'What is back pain?', 'A title.')
    """
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def navigation(previous: Lesson | None, following: Lesson | None) -> str:
    """Previous and next links between lessons."""
    parts = []
    if previous:
        parts.append(f"← Previous: [{previous.title}]({previous.notebook})")
    if following:
        parts.append(f"Next: [{following.title}]({following.notebook}) →")
    return " | ".join(parts) if parts else "This is the only lesson."
