"""The final assessment widget: the learner's questions, their result and a certificate.

The questions come from :func:`course.assessment.draw_for` (the same set for the
same learner) and are shown with the quiz widget. "Finish and see my result"
scores them with :func:`course.assessment.score_assessment` and writes the score
overall and by objective, and what to review, into ``result_area.value`` in one
assignment. A learner who passes can type a name and press "Make my certificate",
which writes the HTML certificate (:mod:`course.certificate`) and shows a link.

Tests and notebooks drive it through its verbs::

    view = build_final_assessment(learner="ada")
    view.quiz.question("final-case-lifting").answer(0)
    result = view.finish()            # AssessmentResult
    path = view.make_certificate("Ada Lovelace")
    view.state
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from course import content, markdown
from course.assessment import (
    AssessmentResult,
    AssessmentRules,
    Draw,
    ObjectiveScore,
    draw_for,
    load_rules,
    passes,
    percent,
    score_assessment,
)
from course.certificate import write_certificate
from course.errors import AnswerError
from course.questions import load_bank
from course.widgets.quiz import Recorder, build_quiz, default_recorder, record_lesson_opened

FINISH_LABEL = "Finish and see my result"
CERTIFICATE_LABEL = "Make my certificate"
CELL = "text-align: left; vertical-align: top; padding: 2px 8px"


@dataclass(frozen=True)
class AssessmentState:
    """What the assessment shows now, readable by tests."""

    learner: str
    question_ids: tuple[str, ...]
    answered: int
    finished: bool
    passed: bool | None
    percent: int | None
    certificate: Path | None


class AssessmentView(widgets.VBox):  # type: ignore[misc]
    """Introduction, the quiz, a Finish button, the result and (after a pass) the certificate."""

    def __init__(
        self,
        draw: Draw,
        rules: AssessmentRules,
        store: Recorder | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.draw = draw
        self.rules = rules
        self.store = store or default_recorder()
        self.today = today
        self.lesson_id = load_bank(rules.bank).lesson
        self.result: AssessmentResult | None = None
        self.certificate: Path | None = None
        self.recorded = False
        self.quiz = build_quiz(
            quiz_id=rules.bank, questions=draw.questions, title=rules.title, store=self.store
        )
        self.intro_area = widgets.HTML(value=intro_html(draw, content.manifest().pass_mark))
        self.finish_button = widgets.Button(
            description=FINISH_LABEL,
            tooltip="Score your first tries, overall and by objective, and see what to review",
            icon="flag-checkered",
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self.result_area = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.name_input = widgets.Text(
            description="Your name, as it should be printed",
            placeholder="Type your name",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", max_width="640px"),
        )
        self.certificate_button = widgets.Button(
            description=CERTIFICATE_LABEL,
            tooltip="Write a printable certificate of completion with this name",
            icon="certificate",
            layout=widgets.Layout(width="auto"),
        )
        self.certificate_area = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.certificate_box = widgets.VBox(
            [self.name_input, widgets.HBox([self.certificate_button]), self.certificate_area],
            layout=widgets.Layout(display="none"),
        )
        self.finish_button.on_click(lambda _: self.finish())
        self.certificate_button.on_click(lambda _: self.press_certificate())
        super().__init__(
            [
                self.intro_area,
                self.quiz,
                widgets.HBox([self.finish_button]),
                self.result_area,
                self.certificate_box,
            ]
        )
        self.add_class("course-assessment")

    def __repr__(self) -> str:
        count = len(self.draw.questions)
        return f"Final assessment: {count} question{'s' if count != 1 else ''}"

    # --- verbs ---------------------------------------------------------------------------------
    def finish(self) -> AssessmentResult:
        """Score the assessment (the Finish button), show the result and record completion."""
        result = score_assessment(self.draw, self.quiz.results(), content.manifest(), self.today())
        self.result = result
        self.result_area.value = result_html(result)
        self.certificate_box.layout.display = None if result.passed else "none"
        if not result.passed:
            self.certificate_area.value = ""
        self.record_completion(result)
        return result

    def make_certificate(self, name: str | None = None) -> Path:
        """Write the certificate (the Make my certificate button); return the file's path.

        Raises
        ------
        AnswerError
            Before Finish, when the result did not pass, or for an empty or too long name;
            the message is shown under the button.
        """
        if name is not None:
            self.name_input.value = name
        try:
            if self.result is None:
                raise AnswerError(f"Press {FINISH_LABEL} first.")
            path = write_certificate(self.name_input.value, self.result)
        except AnswerError as exc:
            self.certificate_area.value = message_html(str(exc))
            raise
        self.certificate = path
        self.certificate_area.value = certificate_link_html(path)
        return path

    @property
    def state(self) -> AssessmentState:
        """A readable snapshot of the assessment."""
        answered = sum(result.answered for result in self.quiz.results())
        result = self.result
        return AssessmentState(
            learner=self.draw.learner,
            question_ids=self.draw.question_ids,
            answered=answered,
            finished=result is not None,
            passed=result.passed if result else None,
            percent=result.percent if result else None,
            certificate=self.certificate,
        )

    # --- helpers -------------------------------------------------------------------------------
    def press_certificate(self) -> None:
        """The button's action: problems are already shown under the button."""
        with contextlib.suppress(AnswerError):
            self.make_certificate()

    def record_completion(self, result: AssessmentResult) -> None:
        """Record the lesson as completed, once, when every question is answered or it passed."""
        if self.recorded or not (result.passed or result.answered == result.total):
            return
        record = getattr(self.store, "record_lesson", None)
        if record is None:
            return
        try:
            record(self.lesson_id, "completed")
        except Exception:  # a store problem must not hide the learner's result
            return
        self.recorded = True


# --- HTML ----------------------------------------------------------------------------------------


def intro_html(draw: Draw, pass_mark: float) -> str:
    """How the assessment works: how many questions, which come first, the pass mark."""
    total, fixed = len(draw.questions), len(draw.fixed)
    objectives = len(draw.per_objective())
    return (
        '<div class="course-assessment-intro">'
        f"<p>Your final assessment has <strong>{total} questions</strong> on "
        f"{objectives} objectives: first the {fixed} clinical cases that everyone answers, "
        f"then {total - fixed} questions drawn for you from every lesson.</p>"
        "<p>Your score is your <em>first-try score</em>: what you got right the first time you "
        "pressed <strong>Check</strong> on each question. Questions you do not answer count as 0. "
        f"The pass mark is <strong>{round(pass_mark * 100)} out of 100</strong>. "
        f"When you are done, press <strong>{FINISH_LABEL}</strong> below the questions.</p>"
        "</div>"
    )


def result_html(result: AssessmentResult) -> str:
    """The result: pass or not in words and symbols, the score by objective, what to review."""
    parts = [headline_html(result)]
    if result.answered < result.total:
        missing = result.total - result.answered
        parts.append(
            f"<p>You answered {result.answered} of {result.total} questions; "
            f"the {missing} not answered count as 0.</p>"
        )
    parts.append(objective_table_html(result))
    parts.append(review_html(result))
    parts.append(next_step_html(result))
    body = "".join(parts)
    return f'<div class="course-assessment-result" role="status" aria-live="polite">{body}</div>'


def headline_html(result: AssessmentResult) -> str:
    """One line: passed or not yet, with the score and the pass mark."""
    mark = round(result.pass_mark * 100)
    if result.passed:
        return (
            f"<h3>✔ Passed: {result.percent} out of 100</h3>"
            f"<p>The pass mark is {mark} out of 100. Well done.</p>"
        )
    return (
        f"<h3>✘ Not passed yet: {result.percent} out of 100</h3>"
        f"<p>The pass mark is {mark} out of 100.</p>"
    )


def objective_table_html(result: AssessmentResult) -> str:
    """An accessible table of the score on each objective."""
    rows = "".join(objective_row_html(item, result.pass_mark) for item in result.by_objective)
    head = "".join(
        f'<th scope="col" style="{CELL}">{name}</th>'
        for name in ("Objective", "Lesson", "Questions", "Score out of 100", "Result")
    )
    return (
        '<table class="course-assessment-objectives">'
        "<caption>Your score on each objective</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def objective_row_html(item: ObjectiveScore, pass_mark: float) -> str:
    """One objective's row: its id and text, lesson, questions, score and result in words."""
    verdict = "✔ Good" if passes(item.score, pass_mark) else "✘ Review"
    text = markdown.to_inline_html(item.objective.text)
    return (
        f'<tr><th scope="row" style="{CELL}; font-weight: normal">'
        f"<strong>{escape(item.id)}</strong>: {text}</th>"
        f'<td style="{CELL}">{escape(item.lesson_title)}</td>'
        f'<td style="{CELL}">{item.questions}</td>'
        f'<td style="{CELL}">{percent(item.score)}</td>'
        f'<td style="{CELL}; white-space: nowrap">{verdict}</td></tr>'
    )


def review_html(result: AssessmentResult) -> str:
    """What to review: the objectives below the pass mark, grouped by lesson, linked to it."""
    if not result.review:
        return "<p>Nothing to review: every objective reached the pass mark.</p>"
    lessons: dict[str, list[ObjectiveScore]] = {}
    for item in result.review:
        lessons.setdefault(item.notebook, []).append(item)
    entries = []
    for notebook, items in lessons.items():
        link = f'<a href="{escape(notebook, quote=True)}">{escape(items[0].lesson_title)}</a>'
        objectives = "".join(
            f"<li>{escape(item.id)}: {markdown.to_inline_html(item.objective.text)}</li>"
            for item in items
        )
        entries.append(f"<li>{link}<ul>{objectives}</ul></li>")
    return f"<p><strong>What to review:</strong></p><ul>{''.join(entries)}</ul>"


def next_step_html(result: AssessmentResult) -> str:
    """What to do next: make the certificate, or review and try again."""
    if result.passed:
        return (
            "<p>Type your name below as it should be printed, then press "
            f"<strong>{CERTIFICATE_LABEL}</strong>.</p>"
        )
    return (
        "<p>Review the lessons above, then press <strong>Reset the quiz</strong> and answer "
        f"again: you get the same questions. Press <strong>{FINISH_LABEL}</strong> when you "
        "are done.</p>"
    )


def message_html(message: str) -> str:
    """A problem with the certificate, in words, in a region screen readers announce."""
    return (
        '<div class="course-feedback course-feedback-message" role="status" aria-live="polite">'
        f"<p><strong>⚠ No certificate yet:</strong> {escape(message)}</p></div>"
    )


def link_target(path: Path) -> str:
    """A link to the file: relative to the working folder when inside it, else a file URI."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_uri()


def download_href(path: Path) -> str:
    """A ``data:`` link holding the certificate, so the browser can download it from any front end."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:text/html;charset=utf-8;base64,{data}"


def certificate_link_html(path: Path) -> str:
    """A link that downloads the certificate, where it is saved, and how to print it."""
    name = escape(path.name, quote=True)
    saved = escape(link_target(path), quote=True)
    return (
        '<div class="course-feedback course-feedback-correct" role="status" aria-live="polite">'
        "<p><strong>✔ Your certificate is ready:</strong> "
        f'<a href="{download_href(path)}" download="{name}">download {name}</a></p>'
        "<p>Open the downloaded file in your web browser and use its Print command "
        "(Ctrl+P, or Cmd+P on a Mac) to print it or save it as a PDF.</p>"
        f'<p>A copy is saved as <a href="{saved}" target="_blank" rel="noopener">{saved}</a> '
        f"(in the folder {escape(str(path.parent))}).</p></div>"
    )


# --- building and showing -----------------------------------------------------------------------


def build_final_assessment(
    learner: str | None = None,
    store: Recorder | None = None,
    today: Callable[[], date] = date.today,
) -> AssessmentView:
    """Build the final assessment for a learner (default: the current learner).

    Parameters
    ----------
    learner
        The learner id that seeds the draw (default :func:`course.progress.current_learner`).
    store
        Where attempts and completion are recorded (default: the progress store, else memory).
    today
        Gives the day of the result (tests pass a fixed day).
    """
    if learner is None:
        from course.progress import current_learner

        learner = current_learner()
    return AssessmentView(draw_for(learner), load_rules(), store, today)


def show_final_assessment() -> None:
    """Show the final assessment in the notebook: ``show_final_assessment()``.

    Showing it also records that the learner opened lesson 08.
    """
    view = build_final_assessment()
    record_lesson_opened(view.store, view.lesson_id)
    display(view)
