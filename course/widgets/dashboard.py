"""The class dashboard for instructors: ``show_class_dashboard()``.

A thin view over :mod:`course.instructor`: it loads the exchange folder
(``$COURSE_EXCHANGE``, or the folder given), analyses the class and shows the
report as HTML, with a lesson filter for the item analysis and a button that
exports the gradebook. ``show_class_dashboard(demo=True)`` first writes a
synthetic class into a temporary folder, so the dashboard can be tried (and
tested) without learners.

Python verbs do what the controls do::

    dashboard = show_class_dashboard(demo=True)
    dashboard.select_lesson("03-symptoms-and-red-flags")
    dashboard.show_flagged_only(True)
    dashboard.export_gradebook()      # -> path of the CSV
    dashboard.reload()
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from course import content, paths
from course.instructor import dashboard as html
from course.instructor import exchange
from course.instructor.analysis import Settings
from course.instructor.demo import make_demo_class
from course.instructor.gradebook import write_gradebook
from course.instructor.loading import DEFAULT_OWNER_FORMAT, read_roster
from course.instructor.report import ClassResults, class_results

ALL_LESSONS = ""
NO_FOLDER = (
    "No exchange folder to read. Set the COURSE_EXCHANGE environment variable, or call "
    'show_class_dashboard(exchange_dir="/path/to/exchange"). '
    "To try the dashboard on a made-up class, call show_class_dashboard(demo=True)."
)


class ClassDashboard(widgets.VBox):  # type: ignore[misc]
    """The class dashboard over one exchange folder.

    Parameters
    ----------
    folder
        The exchange folder; None shows how to name one.
    roster
        Learner names expected in the class (those without results are listed).
    check_owner, owner_format
        See :func:`course.instructor.loading.load_results`.
    note
        A line shown in the overview (the demo says it is made up).
    """

    def __init__(
        self,
        folder: Path | None,
        roster: Iterable[str] = (),
        check_owner: bool = True,
        owner_format: str = DEFAULT_OWNER_FORMAT,
        note: str = "",
        settings: Settings | None = None,
    ) -> None:
        self.folder = folder
        self.roster = tuple(roster)
        self.check_owner = check_owner
        self.owner_format = owner_format
        self.note = note
        self.settings = settings
        self.results: ClassResults | None = None
        self.lesson_id: str | None = None
        self.flagged_only = False
        self.summary = widgets.HTML()
        self.items = widgets.HTML()
        self.mastery = widgets.HTML()
        self.learners = widgets.HTML()
        self.message = widgets.HTML()
        self.picker = self.build_picker()
        self.flag_box = widgets.Checkbox(description="Only flagged questions", indent=False)
        self.flag_box.observe(lambda change: self.show_flagged_only(bool(change["new"])), "value")
        super().__init__(children=self.build_children())
        self.add_class("course-class-dashboard-widget")
        self.reload()

    def build_picker(self) -> widgets.Dropdown:
        """The lesson filter of the item analysis."""
        options = [("All lessons", ALL_LESSONS)] + [
            (lesson.title, lesson.id) for lesson in content.manifest().lessons
        ]
        picker = widgets.Dropdown(options=options, value=ALL_LESSONS, description="Lesson")
        picker.observe(lambda change: self.select_lesson(change["new"] or None), "value")
        return picker

    def build_children(self) -> list[widgets.Widget]:
        """Heading, summary, item analysis with its filter, mastery, gradebook export."""
        reload_button = widgets.Button(
            description="Reload", tooltip="Read the exchange folder again"
        )
        reload_button.on_click(lambda _button: self.reload())
        export_button = widgets.Button(
            description="Export gradebook as CSV",
            tooltip="Write learner id, lesson scores and final score to a CSV file",
            layout=widgets.Layout(width="auto"),
        )
        export_button.on_click(lambda _button: self.export_gradebook())
        return [
            widgets.HTML("<h2>Class dashboard</h2>"),
            self.summary,
            widgets.HBox([self.picker, self.flag_box]),
            self.items,
            self.mastery,
            self.learners,
            widgets.HTML("<h3>Gradebook</h3>"),
            widgets.HBox([export_button, reload_button]),
            self.message,
        ]

    def __repr__(self) -> str:
        if self.results is None:
            return "ClassDashboard(no exchange folder)"
        loaded = self.results.loaded
        return (
            f"ClassDashboard({len(self.results.report.learners)} learners, "
            f"{len(loaded.rejected)} files set aside)"
        )

    def reload(self) -> None:
        """Read the exchange folder again and redraw every section."""
        if self.folder is None or not self.folder.is_dir():
            where = f"{self.folder} is not a folder. " if self.folder else ""
            self.results = None
            self.summary.value = f'<p role="status">{escape(where + NO_FOLDER)}</p>'
            self.items.value = self.mastery.value = self.learners.value = ""
            return
        self.results = class_results(
            self.folder, self.roster, self.check_owner, self.owner_format, self.settings
        )
        report, loaded = self.results.report, self.results.loaded
        self.summary.value = html.summary_html(report, loaded, self.note)
        self.mastery.value = html.mastery_html(report)
        self.learners.value = html.learners_html(report)
        self.redraw_items()

    def redraw_items(self) -> None:
        """Redraw the item analysis for the chosen lesson and filter."""
        if self.results is not None:
            self.items.value = html.items_html(
                self.results.report, self.lesson_id, self.flagged_only
            )

    def select_lesson(self, lesson_id: str | None) -> None:
        """Show the item analysis of one lesson (None: every lesson)."""
        self.lesson_id = lesson_id or None
        if self.picker.value != (lesson_id or ALL_LESSONS):
            self.picker.value = lesson_id or ALL_LESSONS
        self.redraw_items()

    def show_flagged_only(self, flagged_only: bool) -> None:
        """Show only the questions with a flag, or every question."""
        self.flagged_only = flagged_only
        if self.flag_box.value != flagged_only:
            self.flag_box.value = flagged_only
        self.redraw_items()

    def export_gradebook(self, path: Path | str | None = None) -> Path | None:
        """Write the gradebook CSV (default: ``course-output/gradebook-<date>.csv``); return its path."""
        if self.results is None:
            self.message.value = f"<p>{escape(NO_FOLDER)}</p>"
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
        target = Path(path) if path else paths.output_dir() / f"gradebook-{stamp}.csv"
        written = write_gradebook(self.results.report, target)
        learners = len(self.results.report.learners)
        self.message.value = (
            f'<p role="status">✔ Gradebook written to <code>{escape(str(written))}</code>: '
            f"{learners} learners; columns learner_id, one score per lesson (percent, first try), "
            "final_score.</p>"
        )
        return written

    @property
    def state(self) -> dict[str, Any]:
        """What the dashboard shows, as plain data (for tests)."""
        if self.results is None:
            return {"folder": None if self.folder is None else str(self.folder), "learners": 0}
        report, loaded = self.results.report, self.results.loaded
        return {
            "folder": str(self.folder),
            "learners": len(report.learners),
            "accepted": len(loaded.accepted),
            "rejected": [(r.file, r.kind) for r in loaded.rejected],
            "flagged": [f"{i.quiz_id}/{i.question_id}" for i in report.items if i.flags],
            "lesson": self.lesson_id,
            "flagged_only": self.flagged_only,
        }


def roster_names(roster: Iterable[str] | str | Path | None) -> list[str]:
    """A roster given as names, or as the path of a file with one name per line."""
    if roster is None:
        return []
    if isinstance(roster, (str, Path)):
        return read_roster(roster)
    return list(roster)


def show_class_dashboard(
    exchange_dir: Path | str | None = None,
    demo: bool = False,
    roster: Iterable[str] | str | Path | None = None,
    check_owner: bool = True,
    owner_format: str = DEFAULT_OWNER_FORMAT,
    demo_learners: int = 40,
    demo_seed: int = 7,
) -> ClassDashboard:
    """Show the class dashboard over the exchange folder (``$COURSE_EXCHANGE`` by default).

    ``demo=True`` writes a made-up class of ``demo_learners`` learners into a
    temporary folder first and shows that (its files all belong to you, so the
    owner check is off); the folder is removed with the dashboard, or when
    Python exits. Put it as the last line of a cell.
    """
    if demo:
        folder = Path(tempfile.mkdtemp(prefix="course-demo-class-"))
        made = make_demo_class(folder, demo_learners, demo_seed)
        note = (
            f"This is a made-up class of {demo_learners} learners (seed {demo_seed}), "
            "written by the course to show what the dashboard does."
        )
        dashboard = ClassDashboard(folder, made.roster, check_owner=False, note=note)
        weakref.finalize(dashboard, shutil.rmtree, folder, ignore_errors=True)  # at exit too
        return dashboard
    chosen = Path(exchange_dir).expanduser() if exchange_dir else exchange.exchange_dir()
    return ClassDashboard(chosen, roster_names(roster), check_owner, owner_format)
