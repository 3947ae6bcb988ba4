"""The course map: where the learner stands, lesson by lesson and objective by objective.

``show_progress()`` returns a :class:`ProgressMap` widget. It reads the
learner's record (:mod:`course.progress`), works out completion, first-try
score and mastery (:mod:`course.coursemap`) and shows them as two tables in
words and numbers, never colour alone. Its "Review missed questions" button
builds a short quiz of questions the learner got wrong, oldest-seen first.

Tests and notebooks drive it with Python verbs: :meth:`ProgressMap.refresh`,
:meth:`ProgressMap.review`, and read :attr:`ProgressMap.state`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

import ipywidgets as widgets

from course import content, coursemap, paths, progress
from course.coursemap import CourseMap, QuestionKey, QuestionState, ReviewItem

REVIEW_LIMIT = 5
NO_REVIEW = (
    "No missed questions are due for review. "
    "A question you missed waits {minutes} minutes before it comes back, so you meet it fresh."
)


def load_banks() -> dict[str, Mapping[str, Any]]:
    """The question banks of every lesson in the manifest, skipping banks not written yet."""
    quiz_ids = [quiz_id for lesson in content.manifest().lessons for quiz_id in lesson.quizzes]
    return {
        quiz_id: content.quiz_bank(quiz_id)
        for quiz_id in quiz_ids
        if paths.quiz_file(quiz_id).is_file()
    }


def table_html(caption: str, headers: tuple[str, ...], rows: Sequence[Sequence[str]]) -> str:
    """An accessible HTML table: a caption, column headers, and the first cell as a row header."""
    head = "".join(f'<th scope="col">{escape(text)}</th>' for text in headers)
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="course-progress"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def lessons_html(course_map: CourseMap) -> str:
    """The lesson table: status, completion and first-try score of each lesson."""
    rows = [
        (
            lesson.title,
            lesson.status,
            coursemap.describe_completion(lesson),
            coursemap.describe_first_try(lesson),
        )
        for lesson in course_map.lessons
    ]
    headers = ("Lesson", "Status", "Questions answered", "First-try score")
    return table_html("Your lessons", headers, rows)


def objectives_html(course_map: CourseMap) -> str:
    """The objective table: mastery of each objective, in words and numbers."""
    rows = [
        (objective.objective_id, objective.text, coursemap.describe_mastery(objective))
        for objective in course_map.objectives
    ]
    return table_html(
        "What you can do: mastery of each objective", ("Objective", "Goal", "Mastery"), rows
    )


def explanation_html(pass_mark: float, store: progress.ProgressStore) -> str:
    """How to read the tables, in plain words, and where the record is kept."""
    kept = "only in memory for this session" if store.in_memory else f"in the file {store.location}"
    return (
        "<p><strong>First-try score</strong> counts only your first response to each question, "
        "before you saw its feedback. "
        "<strong>Mastery</strong> counts the questions you got right on your latest try; "
        f"an objective is <em>mastered</em> at {coursemap.percent(pass_mark)} or more.</p>"
        f"<p>Your record is kept {escape(kept)}.</p>"
    )


def notices_html(lines: list[str]) -> str:
    """Store notices (memory fallback, damaged file replaced) as lines of text."""
    if not lines:
        return ""
    items = "".join(f"<p>⚠ {escape(line)}</p>" for line in lines)
    return f'<div class="course-progress-notice" role="status">{items}</div>'


class ProgressMap(widgets.VBox):  # type: ignore[misc]
    """A course map widget over a progress store.

    Parameters
    ----------
    store
        The progress store; the learner's default store when omitted.
    clock
        Returns "now" (tests pass a fixed clock to check review spacing).
    """

    def __init__(
        self,
        store: progress.ProgressStore | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store or progress.default_store()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.notice_lines: list[str] = []
        self.course_map = CourseMap((), (), 0)
        self.review_items: list[ReviewItem] = []
        self.notice = widgets.HTML()
        self.lessons = widgets.HTML()
        self.objectives = widgets.HTML()
        self.message = widgets.HTML()
        self.review_area = widgets.VBox()
        super().__init__(children=self.build_children())
        self.add_class("course-progress-map")
        self.refresh()

    def build_children(self) -> list[widgets.Widget]:
        """Lay out the heading, notices, tables, buttons and the review area."""
        review_button = widgets.Button(
            description="Review missed questions",
            tooltip="Build a short quiz of questions you got wrong, oldest first",
            layout=widgets.Layout(width="auto"),
        )
        review_button.on_click(lambda _button: self.review())
        refresh_button = widgets.Button(
            description="Refresh",
            tooltip="Read your record again",
            layout=widgets.Layout(width="auto"),
        )
        refresh_button.on_click(lambda _button: self.refresh())
        self.buttons = widgets.HBox([review_button, refresh_button])
        heading = widgets.HTML("<h3>Your progress</h3>")
        return [
            heading,
            self.notice,
            self.lessons,
            self.objectives,
            self.buttons,
            self.message,
            self.review_area,
        ]

    def __repr__(self) -> str:
        return f"ProgressMap({len(self.course_map.lessons)} lessons)"

    def refresh(self) -> None:
        """Read the record again and redraw both tables (and any new store notice, once)."""
        manifest = content.manifest()
        self.banks = load_banks()
        self.course_map = progress.read_course_map(self.store, manifest, self.banks)
        self.notice_lines.extend(self.store.take_notices())
        self.notice.value = notices_html(self.notice_lines)
        self.lessons.value = lessons_html(self.course_map) + explanation_html(
            manifest.pass_mark, self.store
        )
        self.objectives.value = objectives_html(self.course_map)

    def review(self) -> None:
        """Build a short quiz of missed questions that are due, and show it below the tables."""
        states = self.store.question_states()
        self.review_items = coursemap.review_from_states(
            states, self.banks, self.clock(), REVIEW_LIMIT
        )
        if not self.review_items:
            self.review_area.children = ()
            self.message.value = f"<p>{escape(self.no_review_text(states))}</p>"
            return
        from course.questions import load_bank
        from course.widgets.quiz import build_quiz

        questions = [
            load_bank(item.quiz_id).question(item.question_id) for item in self.review_items
        ]
        self.review_area.children = (
            build_quiz(questions=questions, title="Review", store=self.store),
        )
        count = len(questions)
        self.message.value = (
            f"<p>Review: {count} question{'s' if count != 1 else ''} you missed before, "
            "the longest-unseen first. Click Refresh afterwards to update your map.</p>"
        )

    def no_review_text(self, states: Mapping[QuestionKey, QuestionState]) -> str:
        """Why there is nothing to review: nothing missed, or missed questions still waiting."""
        waiting = coursemap.review_from_states(
            states, self.banks, self.clock(), limit=len(states), wait=timedelta(0)
        )
        minutes = int(coursemap.REVIEW_WAIT.total_seconds() // 60)
        if not states:
            return (
                "You have not answered any questions yet: "
                "the quiz at the end of each lesson is the place to start."
            )
        if not waiting:
            return "Nothing to review: every question you answered is right on its latest try."
        return NO_REVIEW.format(minutes=minutes) + f" Waiting now: {len(waiting)}."

    @property
    def state(self) -> dict[str, Any]:
        """What the map shows, as plain data (for tests and for reading in a notebook)."""
        return {
            "attempts": self.course_map.attempts,
            "lessons": {
                lesson.lesson_id: {
                    "status": lesson.status,
                    "answered": lesson.answered,
                    "questions": lesson.questions,
                    "first_try_score": lesson.first_try_score,
                }
                for lesson in self.course_map.lessons
            },
            "objectives": {
                objective.objective_id: {
                    "level": objective.level,
                    "correct": objective.correct,
                    "questions": objective.questions,
                    "mastery": objective.mastery,
                }
                for objective in self.course_map.objectives
            },
            "review": [f"{item.quiz_id}/{item.question_id}" for item in self.review_items],
            "notices": list(self.notice_lines),
            "in_memory": self.store.in_memory,
        }


def show_progress(store: progress.ProgressStore | None = None) -> ProgressMap:
    """Show the course map: per lesson completion and first-try score, per objective mastery.

    Put it as the last line of a cell: ``show_progress()``.
    """
    return ProgressMap(store)
