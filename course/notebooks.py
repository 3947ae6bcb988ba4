"""Regenerate the stored outputs of every notebook with nbclient (``make notebooks``).

Stored outputs are what a learner sees before running anything and what nbval
compares against. Widget views cannot be shown without a kernel, so their
``application/vnd.jupyter.widget-view+json`` part is dropped and the widget's
short text takes its place; ``metadata.widgets`` is never stored. This way no
learner sees "Error displaying widget: model not found" when opening a lesson.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

from course import paths

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CELL_TIMEOUT = 120


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel and return it with outputs."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop widget views, widget state and run-specific metadata from a notebook."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = [output for output in map(drop_widget_view, cell.outputs) if output]
    return notebook


def drop_widget_view(output: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """Remove the widget view from one output; keep its text. Return None if nothing is left."""
    data = output.get("data")
    if data and WIDGET_VIEW in data:
        del data[WIDGET_VIEW]
        if not data:
            return None
    return output


def regenerate(notebook_paths: Iterable[Path]) -> None:
    """Execute and clean each notebook, writing it back in place."""
    for path in notebook_paths:
        print(f"running {path.name} ...", flush=True)
        nbformat.write(clean(execute(path)), path)


def course_notebooks(folder: Path) -> list[Path]:
    """Every notebook under ``folder``, skipping hidden folders such as .ipynb_checkpoints."""
    return sorted(
        path
        for path in folder.rglob("*.ipynb")
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def main(argv: list[str]) -> int:
    """Regenerate the notebooks named on the command line, or all of them.

    The kernels get a throw-away progress database, so stored outputs never show an author's record.
    """
    scratch = tempfile.mkdtemp(prefix="course-notebooks-")
    os.environ["COURSE_PROGRESS_DB"] = os.path.join(scratch, "progress.sqlite3")
    folder = paths.notebooks_dir()
    chosen = [Path(arg) for arg in argv] or course_notebooks(folder)
    regenerate(chosen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
