"""The Submit button at the end of a lesson: ``submit_results("03-symptoms-and-red-flags")``.

It sends the learner's attempts and scores for the lesson to the instructor,
as a results file in the exchange folder named by ``COURSE_EXCHANGE``
(:func:`course.instructor.exchange.submit_lesson`). Without an exchange folder
the button is disabled and the message says how to export the record instead.

Tests drive it with :meth:`SubmitResults.submit` and read :attr:`SubmitResults.state`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from course.errors import CourseError
from course.instructor import exchange
from course.instructor.results import StoreLike

READY = (
    "When you have finished this lesson's quiz, press <strong>Submit my results</strong> "
    "to send your responses and scores for this lesson to your instructor. "
    "You can submit again later: your instructor sees your newest submission."
)
NO_EXCHANGE = (
    "This course has no exchange folder set up, so results cannot be sent from here. "
    "To keep your record or share it with an instructor, export it: open a terminal and run "
    "<code>python -m course progress export my-progress.json</code>, "
    "then send that file to your instructor."
)


def sent_message(submission: exchange.Submission) -> str:
    """What the learner sees after a submission: when, how much was answered, the first-try score."""
    scores = submission.scores
    return (
        f"✔ Sent: {scores['answered']} of {scores['questions']} questions answered, "
        f"first-try score {scores['score'] * 100:.0f}% of the lesson's questions. "
        f"Your instructor will find it as <code>{escape(submission.path.name)}</code>. "
        "Submit again after more answers if you like."
    )


class SubmitResults(widgets.VBox):  # type: ignore[misc]
    """A Submit button and a message, for one lesson.

    Parameters
    ----------
    lesson_id
        The lesson whose results are sent.
    folder
        The exchange folder; defaults to ``$COURSE_EXCHANGE`` (None when unset).
    store
        The progress store; the learner's default store when omitted.
    """

    def __init__(
        self, lesson_id: str, folder: Path | None = None, store: StoreLike | None = None
    ) -> None:
        self.lesson_id = lesson_id
        self.folder = folder or exchange.exchange_dir()
        self.store = store
        self.submissions: list[exchange.Submission] = []
        self.button = widgets.Button(
            description="Submit my results",
            tooltip="Send this lesson's responses and scores to your instructor",
            icon="paper-plane",
            disabled=self.folder is None,
            layout=widgets.Layout(width="auto"),
        )
        self.button.on_click(lambda _button: self.submit())
        self.message = widgets.HTML(f"<p>{READY if self.folder else NO_EXCHANGE}</p>")
        super().__init__(children=[self.button, self.message])
        self.add_class("course-submit")

    def __repr__(self) -> str:
        return f"SubmitResults({self.lesson_id!r})"

    def submit(self) -> Path | None:
        """Send the results (the button); return the file written, or None with the reason shown."""
        try:
            submission = exchange.submit_lesson(self.lesson_id, self.folder, self.store)
        except CourseError as exc:
            self.message.value = f'<p role="alert">✘ Not sent. {escape(str(exc))}</p>'
            return None
        self.submissions.append(submission)
        self.message.value = f'<p role="status">{sent_message(submission)}</p>'
        return submission.path

    @property
    def state(self) -> dict[str, Any]:
        """The lesson, the folder, the files written and the message shown."""
        return {
            "lesson": self.lesson_id,
            "folder": None if self.folder is None else str(self.folder),
            "enabled": not self.button.disabled,
            "submitted": [submission.path.name for submission in self.submissions],
            "message": self.message.value,
        }


def submit_results(lesson_id: str) -> SubmitResults:
    """Show the Submit button for a lesson. Put it as the last line of the lesson's last cell."""
    return SubmitResults(lesson_id)
