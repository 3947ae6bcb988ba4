"""Quiz widgets: one ipywidgets view per question kind, and a quiz that pages through them.

The views only wire controls to the pure logic in :mod:`course.grading` and
:mod:`course.feedback`. Each has Python verbs that do what the buttons do::

    quiz = build_quiz("00-start-here")
    view = quiz.question("start-single-choice")
    view.answer(0)            # bank index of a choice
    feedback = view.submit()  # Check
    view.try_again(); view.reveal(); view.reset()
    quiz.summary()

Feedback goes into ``view.feedback_area.value`` in one assignment. Every graded
attempt is passed to the progress store (``record_attempt(attempt, lesson_id)``);
without a store the quiz keeps the attempts in memory (``quiz.attempts``).
"""

from __future__ import annotations

import base64
import contextlib
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

import ipywidgets as widgets
from IPython.display import display
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from course import feedback as fb
from course import markdown
from course.errors import AnswerError, ContentError, CourseError
from course.grading import (
    Feedback,
    QuestionResult,
    QuizSummary,
    check_answer,
    correct_path,
    correct_response,
    summarise,
)
from course.models import Attempt
from course.questions import (
    Case,
    LabelFigure,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    SingleChoice,
    TrueFalse,
    display_order,
    load_bank,
    starting_order,
)

REVEAL_AFTER = 2  # wrong tries before the answer can be revealed
PLACEHOLDER = "Choose…"


class QuizStateError(CourseError):
    """A verb was used when the question cannot do it (for example Reveal before two tries)."""


class Recorder(Protocol):
    """Anything that records attempts, such as the progress store."""

    def record_attempt(self, attempt: Attempt, lesson_id: str) -> Any:
        """Keep one graded attempt for a lesson."""


class MemoryStore:
    """A recorder that keeps attempts in a list (used when no progress store is available)."""

    def __init__(self) -> None:
        self.attempts: list[tuple[Attempt, str]] = []

    def record_attempt(self, attempt: Attempt, lesson_id: str) -> None:
        """Keep the attempt and its lesson id."""
        self.attempts.append((attempt, lesson_id))


# ipywidgets gives each radio and checkbox item a fixed one-line height, so a long choice
# overlaps the next one. Let items grow and wrap; keep the native inputs (keyboard use).
QUIZ_CSS = (
    "<style>"
    ".course-quiz .widget-radio-box label, .course-quiz .widget-checkbox label"
    "{height:auto !important; white-space:normal !important; line-height:1.4; margin:2px 0 6px 0;"
    "display:flex !important; align-items:flex-start; gap:6px}"
    ".course-quiz .widget-radio-box label input, .course-quiz .widget-checkbox input"
    "{margin-top:3px; flex:none; order:-1}"
    ".course-quiz .widget-radio-box {height:auto !important}"
    "</style>"
)


def default_recorder() -> Recorder:
    """The progress store if it can be opened, else an in-memory recorder."""
    try:
        from course.progress import default_store

        store: Recorder = default_store()
    except Exception:  # the quiz must work with no store, whatever the reason
        return MemoryStore()
    return store


def jsonable(response: Any) -> Any:
    """Make a response JSON-friendly: sets become sorted lists, mapping keys become text."""
    if isinstance(response, (set, frozenset)):
        return sorted(response)
    if isinstance(response, Mapping):
        return {str(key): jsonable(value) for key, value in response.items()}
    if isinstance(response, (list, tuple)):
        return [jsonable(item) for item in response]
    return response


@dataclass(frozen=True)
class QuestionState:
    """What a question view shows now, readable by tests and by the quiz summary."""

    question_id: str
    kind: str
    response: Any
    tries: int
    wrong_tries: int
    locked: bool
    finished: bool
    revealed: bool
    can_reveal: bool
    first_try_score: float | None
    last_feedback: Feedback | None
    current_part: str | None = None


@dataclass(frozen=True)
class Look:
    """Layouts and styles shared by every widget of one quiz.

    Sharing them means one layout and one style model per quiz instead of one
    per control, which keeps building a quiz about as fast as building bare controls.
    """

    wide: widgets.Layout
    full: widgets.Layout
    plain: widgets.Layout
    button: widgets.ButtonStyle
    html: HTMLStyle
    label: DescriptionStyle
    checkbox: CheckboxStyle
    text: TextStyle


def new_look() -> Look:
    """Fresh shared layouts and styles for one quiz."""
    return Look(
        wide=widgets.Layout(width="auto"),
        full=widgets.Layout(width="100%"),
        plain=widgets.Layout(),
        button=widgets.ButtonStyle(),
        html=HTMLStyle(),
        label=DescriptionStyle(description_width="initial"),
        checkbox=CheckboxStyle(),
        text=TextStyle(description_width="initial"),
    )


def button(
    look: Look, description: str, tooltip: str, icon: str = "", disabled: bool = False
) -> widgets.Button:
    """A button with visible words and a longer description for assistive technology."""
    return widgets.Button(
        description=description,
        tooltip=tooltip,
        icon=icon,
        disabled=disabled,
        layout=look.wide,
        style=look.button,
    )


def html_widget(look: Look, value: str = "") -> widgets.HTML:
    """An HTML area for prompts and feedback."""
    return widgets.HTML(value=value, layout=look.full, style=look.html)


class QuestionView(widgets.VBox):  # type: ignore[misc]
    """Prompt, the kind's controls, Check / Try again / Reveal the answer, and feedback.

    Subclasses build the controls and translate between them and a response.
    """

    def __init__(
        self,
        question: Question,
        number: int = 1,
        total: int = 1,
        on_attempt: Callable[[Attempt], None] | None = None,
        look: Look | None = None,
    ) -> None:
        self.question = question
        self.on_attempt = on_attempt
        self.look = look or new_look()
        self.prompt_area = html_widget(self.look, self.prompt_html(number, total))
        self.feedback_area = html_widget(self.look)
        self.check_button = button(
            self.look, "Check", "Check your response and show feedback", "check"
        )
        self.try_button = button(
            self.look, "Try again", "Change your response and check it again", "redo", disabled=True
        )
        self.reveal_button = button(
            self.look,
            "Reveal the answer",
            f"Show the right answer; available after {REVEAL_AFTER} wrong tries",
            "eye",
            disabled=True,
        )
        self.reset_button = button(
            self.look, "Reset", "Clear this question's response, tries and feedback", "undo"
        )
        self.check_button.on_click(lambda _: self.press(self.submit))
        self.try_button.on_click(lambda _: self.press(self.try_again))
        self.reveal_button.on_click(lambda _: self.press(self.reveal))
        self.reset_button.on_click(lambda _: self.reset())
        self.tries = 0
        self.wrong_tries = 0
        self.locked = False
        self.revealed = False
        self.first_try_score: float | None = None
        self.last_feedback: Feedback | None = None
        self.control_box = widgets.VBox(self.build_controls(), layout=self.look.plain)
        buttons = widgets.HBox(
            [self.check_button, self.try_button, self.reveal_button, self.reset_button],
            layout=self.look.plain,
        )
        super().__init__(
            [self.prompt_area, self.control_box, buttons, self.feedback_area],
            layout=self.look.plain,
        )
        self.add_class("course-question")
        self.add_class(f"course-question-{question.kind.replace('_', '-')}")

    def __repr__(self) -> str:
        return f"Question '{self.question.id}' ({self.question.kind})"

    def prompt_html(self, number: int, total: int) -> str:
        """The question number and its prompt."""
        head = f"<p><strong>Question {number} of {total}</strong></p>" if total > 1 else ""
        return f'<div class="course-prompt">{head}{markdown.to_html(self.question.prompt)}</div>'

    # --- to be provided by each kind -------------------------------------------------------
    def build_controls(self) -> list[widgets.Widget]:
        """The widgets the learner answers with."""
        raise NotImplementedError

    def read_response(self) -> Any:
        """The response the controls show now, in the form ``check_answer`` takes (None if none)."""
        raise NotImplementedError

    def write_response(self, response: Any) -> None:
        """Set the controls to show a response; raise AnswerError if it cannot be shown."""
        raise NotImplementedError

    def clear_response(self) -> None:
        """Empty the controls."""
        raise NotImplementedError

    def inputs(self) -> list[widgets.Widget]:
        """The controls that take input (enabled and disabled together)."""
        raise NotImplementedError

    # --- verbs ------------------------------------------------------------------------------
    @property
    def response(self) -> Any:
        """The response the controls show now."""
        return self.read_response()

    @property
    def finished(self) -> bool:
        """True once the question was answered right or its answer revealed."""
        return self.revealed or bool(self.last_feedback and self.last_feedback.correct)

    @property
    def can_reveal(self) -> bool:
        """True after enough wrong tries, until the question is finished."""
        return self.wrong_tries >= REVEAL_AFTER and not self.finished

    @property
    def state(self) -> QuestionState:
        """A readable snapshot of the view."""
        return QuestionState(
            self.question.id,
            self.question.kind,
            self.response,
            self.tries,
            self.wrong_tries,
            self.locked,
            self.finished,
            self.revealed,
            self.can_reveal,
            self.first_try_score,
            self.last_feedback,
        )

    def answer(self, response: Any) -> None:
        """Set the controls to a response, as a learner would by clicking or typing."""
        self.refuse_if_locked()
        self.write_response(response)

    def submit(self) -> Feedback:
        """Check the response (the Check button): grade it, show feedback, record the attempt.

        Raises
        ------
        AnswerError
            For an empty, non-numeric or out-of-range response; the message is
            shown in the feedback area and nothing is recorded.
        QuizStateError
            When the question waits for Try again, or is finished.
        """
        self.refuse_if_locked()
        response = self.read_response()
        try:
            result = check_answer(self.question, response)
        except AnswerError as exc:
            self.feedback_area.value = fb.message_html(str(exc))
            raise
        self.conclude(response, result)
        return result

    def conclude(self, response: Any, result: Feedback) -> None:
        """Count a graded try, lock the controls, show the feedback and record the attempt."""
        first_try = self.tries == 0
        self.tries += 1
        if first_try:
            self.first_try_score = result.score
        if not result.correct:
            self.wrong_tries += 1
        self.last_feedback = result
        self.set_locked(True)
        self.feedback_area.value = fb.feedback_html(result)
        self.record(response, result, first_try)

    def try_again(self) -> None:
        """Unlock the controls after a wrong response (the Try again button)."""
        if not self.locked or self.finished:
            raise self.state_error(
                "There is nothing to try again: press Check first."
                if not self.locked
                else "This question is finished."
            )
        self.set_locked(False)
        self.feedback_area.value = fb.prompt_again_html()

    def reveal(self) -> None:
        """Show the right answer (the Reveal button), allowed after two wrong tries."""
        if not self.can_reveal:
            raise self.state_error(
                f"The answer can be revealed after {REVEAL_AFTER} wrong tries; "
                f"you have had {self.wrong_tries}."
            )
        self.revealed = True
        self.write_response(correct_response(self.question))
        self.set_locked(True)
        self.feedback_area.value = fb.reveal_html(self.question)

    def reset(self) -> None:
        """Start the question again: empty controls, no tries, no feedback."""
        self.tries = 0
        self.wrong_tries = 0
        self.revealed = False
        self.first_try_score = None
        self.last_feedback = None
        self.clear_response()
        self.set_locked(False)
        self.feedback_area.value = ""

    def result(self) -> QuestionResult:
        """How this question went, for the quiz summary."""
        return QuestionResult(
            self.question.id,
            self.question.objective,
            self.tries > 0,
            self.first_try_score,
            self.finished and not self.revealed,
            self.revealed,
        )

    # --- helpers ----------------------------------------------------------------------------
    def press(self, verb: Callable[[], Any]) -> None:
        """Run a verb for a button; problems are already shown in the feedback area."""
        with contextlib.suppress(AnswerError, QuizStateError):
            verb()

    def state_error(self, message: str) -> QuizStateError:
        """Show a message in the feedback area and return the error to raise."""
        self.feedback_area.value = fb.message_html(message)
        return QuizStateError(message)

    def refuse_if_locked(self) -> None:
        """Raise (and say so) when the controls are locked."""
        if self.locked:
            raise self.state_error(
                "This question is finished; press Reset to start again."
                if self.finished
                else "Press Try again to change your response."
            )

    def set_locked(self, locked: bool) -> None:
        """Lock or unlock the controls and set which buttons can be used."""
        self.locked = locked
        for control in self.inputs():
            control.disabled = locked
        self.check_button.disabled = locked
        self.try_button.disabled = not locked or self.finished
        self.reveal_button.disabled = not self.can_reveal

    def record(self, response: Any, result: Feedback, first_try: bool) -> None:
        """Pass the graded attempt to whoever listens (the quiz)."""
        if self.on_attempt is None:
            return
        attempt = Attempt(
            quiz_id=self.question.quiz_id,
            question_id=self.question.id,
            objective=self.question.objective,
            response=jsonable(response),
            correct=result.correct,
            score=result.score,
            first_try=first_try,
            timestamp=datetime.now(UTC),
            extra={"kind": self.question.kind, "status": result.status, "try": self.tries},
        )
        self.on_attempt(attempt)


class ChoiceView(QuestionView):
    """Single choice: radio buttons, one choice."""

    question: SingleChoice

    def build_controls(self) -> list[widgets.Widget]:
        """Radio buttons in a seeded order; each option's value is the choice's bank index."""
        order = display_order(self.question.id, len(self.question.choices), self.question.shuffle)
        options = [(markdown.to_plain(self.question.choices[i].text), i) for i in order]
        self.radio = widgets.RadioButtons(
            options=options,
            index=None,
            description="Your choice",
            tooltip="Choose one choice",
            layout=self.look.wide,
            style=self.look.label,
        )
        return [self.radio]

    def read_response(self) -> Any:
        return self.radio.value

    def write_response(self, response: Any) -> None:
        if response is None:
            self.radio.index = None
            return
        values = [value for _, value in self.radio.options]
        if isinstance(response, bool) or response not in values:
            raise AnswerError(f"There is no choice {response!r} in this question.")
        self.radio.value = response

    def clear_response(self) -> None:
        self.radio.index = None

    def inputs(self) -> list[widgets.Widget]:
        return [self.radio]


class TrueFalseView(ChoiceView):
    """True or false: two radio buttons, never shuffled."""

    question: TrueFalse  # type: ignore[assignment]

    def build_controls(self) -> list[widgets.Widget]:
        """Radio buttons True, False (in that order)."""
        self.radio = widgets.RadioButtons(
            options=[("True", True), ("False", False)],
            index=None,
            description="Your choice",
            tooltip="Choose True or False",
            layout=self.look.wide,
            style=self.look.label,
        )
        return [self.radio]

    def write_response(self, response: Any) -> None:
        if response is None:
            self.radio.index = None
            return
        if not isinstance(response, bool):
            raise AnswerError("Please choose True or False.")
        self.radio.value = response


class MultipleSelectView(QuestionView):
    """Multiple select: one checkbox per choice."""

    question: MultipleSelect

    def build_controls(self) -> list[widgets.Widget]:
        """Checkboxes in a seeded order, with a line saying part marks are given."""
        order = display_order(self.question.id, len(self.question.choices), self.question.shuffle)
        self.boxes: dict[int, widgets.Checkbox] = {
            i: widgets.Checkbox(
                value=False,
                description=markdown.to_plain(choice.text),
                tooltip="Tick if you think this choice is right",
                indent=False,
                layout=self.look.wide,
                style=self.look.checkbox,
            )
            for i in order
            for choice in [self.question.choices[i]]
        }
        hint = html_widget(
            self.look,
            "<p><em>Tick every choice that applies. You get part marks for each "
            "right tick, minus one for each wrong tick.</em></p>",
        )
        return [hint, *self.boxes.values()]

    def read_response(self) -> Any:
        return {i for i, box in self.boxes.items() if box.value}

    def write_response(self, response: Any) -> None:
        chosen = set(response or ())
        unknown = chosen - set(self.boxes)
        if unknown:
            raise AnswerError(f"There is no choice {sorted(unknown)[0]!r} in this question.")
        for i, box in self.boxes.items():
            box.value = i in chosen

    def clear_response(self) -> None:
        self.write_response(set())

    def inputs(self) -> list[widgets.Widget]:
        return list(self.boxes.values())


class NumericView(QuestionView):
    """Numeric: a text box for a number, its unit shown beside it."""

    question: Numeric

    def build_controls(self) -> list[widgets.Widget]:
        """A text box labelled with the unit."""
        unit = self.question.unit
        self.text = widgets.Text(
            value="",
            description=f"Your answer ({unit})",
            placeholder="a number, such as 4 or 1.5",
            tooltip=f"Type a number of {unit}",
            style=self.look.text,
        )
        unit_label = widgets.HTML(
            f"<span>{html.escape(unit)}</span>", layout=self.look.wide, style=self.look.html
        )
        return [widgets.HBox([self.text, unit_label], layout=self.look.plain)]

    def read_response(self) -> Any:
        return self.text.value

    def write_response(self, response: Any) -> None:
        self.text.value = "" if response is None else str(response)

    def clear_response(self) -> None:
        self.text.value = ""

    def inputs(self) -> list[widgets.Widget]:
        return [self.text]


class PickView(QuestionView):
    """A drop-down per item (matching) or per marker (label the figure)."""

    def keys_and_labels(self) -> list[tuple[Any, str]]:
        """Each key of the response and the words that label its drop-down."""
        raise NotImplementedError

    def option_texts(self) -> tuple[str, ...]:
        """Every option a drop-down offers."""
        raise NotImplementedError

    def build_drop_downs(self) -> list[widgets.Widget]:
        """One drop-down per key, options in a seeded order after a blank first option."""
        texts = self.option_texts()
        order = display_order(self.question.id, len(texts), self.question.shuffle, "options")
        options: list[tuple[str, str | None]] = [(PLACEHOLDER, None)]
        options += [(markdown.to_plain(texts[i]), texts[i]) for i in order]
        self.drop_downs: dict[Any, widgets.Dropdown] = {
            key: widgets.Dropdown(
                options=options,
                value=None,
                description=label,
                tooltip=f"Choose the match for: {label}",
                style=self.look.label,
                layout=self.look.wide,
            )
            for key, label in self.keys_and_labels()
        }
        return list(self.drop_downs.values())

    def read_response(self) -> Any:
        chosen = {key: box.value for key, box in self.drop_downs.items()}
        return {} if all(value is None for value in chosen.values()) else chosen

    def write_response(self, response: Any) -> None:
        if not isinstance(response, Mapping):
            raise AnswerError("Please give a choice for each drop-down.")
        texts = self.option_texts()
        for key, value in response.items():
            box = self.drop_downs.get(key)
            if box is None or (value is not None and value not in texts):
                raise AnswerError(f"Cannot set {key!r} to {value!r} in this question.")
            box.value = value

    def clear_response(self) -> None:
        for box in self.drop_downs.values():
            box.value = None

    def inputs(self) -> list[widgets.Widget]:
        return list(self.drop_downs.values())


class MatchingView(PickView):
    """Matching: each item paired with a drop-down of matches."""

    question: Matching

    def keys_and_labels(self) -> list[tuple[Any, str]]:
        return [(pair.item, markdown.to_plain(pair.item)) for pair in self.question.pairs]

    def option_texts(self) -> tuple[str, ...]:
        return self.question.options

    def build_controls(self) -> list[widgets.Widget]:
        return self.build_drop_downs()


class LabelFigureView(PickView):
    """Label the figure: the unlabelled figure, then a drop-down per numbered marker."""

    question: LabelFigure

    def keys_and_labels(self) -> list[tuple[Any, str]]:
        return [(marker.marker, f"Marker {marker.marker}") for marker in self.question.markers]

    def option_texts(self) -> tuple[str, ...]:
        return self.question.options

    def build_controls(self) -> list[widgets.Widget]:
        return [html_widget(self.look, figure_html(self.question.figure)), *self.build_drop_downs()]

    def write_response(self, response: Any) -> None:
        if isinstance(response, Mapping):
            response = {
                int(k) if isinstance(k, str) and k.isdigit() else k: v for k, v in response.items()
            }
        super().write_response(response)


def figure_html(figure_id: str) -> str:
    """The unlabelled figure as an ``<img>`` with alt text (numbers only, no names)."""
    from course import figures

    rendered = figures.render(figure_id, labelled=False)
    data = base64.b64encode(rendered.png).decode("ascii")
    alt = html.escape(rendered.alt, quote=True)
    title = html.escape(rendered.title)
    return (
        f'<figure class="course-figure"><img src="data:image/png;base64,{data}" alt="{alt}" '
        f'style="max-width:100%;height:auto"/><figcaption>{title}</figcaption></figure>'
    )


class OrderingView(QuestionView):
    """Ordering: a drop-down per position; choosing a step swaps it with the one it replaces."""

    question: Ordering

    def build_controls(self) -> list[widgets.Widget]:
        """Drop-downs ``Position 1`` ... filled with the steps in a shuffled starting order."""
        self.start = starting_order(self.question)
        options = [(markdown.to_plain(self.question.steps[i].text), i) for i in self.start]
        self.syncing = False
        self.positions = [
            widgets.Dropdown(
                options=options,
                value=index,
                description=f"Position {place}",
                tooltip=f"Choose the step that comes at position {place}",
                style=self.look.label,
                layout=self.look.wide,
            )
            for place, index in enumerate(self.start, start=1)
        ]
        for box in self.positions:
            box.observe(self.swap, names="value")
        hint = html_widget(
            self.look,
            "<p><em>Choose a step for a position: the step it replaces moves to "
            "the position your choice came from.</em></p>",
        )
        return [hint, *self.positions]

    def swap(self, change: Mapping[str, Any]) -> None:
        """Keep every step used once: the step that was chosen elsewhere takes the old value."""
        if self.syncing:
            return
        self.syncing = True
        try:
            for other in self.positions:
                if other is not change["owner"] and other.value == change["new"]:
                    other.value = change["old"]
        finally:
            self.syncing = False

    def read_response(self) -> Any:
        return [box.value for box in self.positions]

    def write_response(self, response: Any) -> None:
        texts = [step.text for step in self.question.steps]
        if isinstance(response, (str, Mapping)) or not isinstance(response, Sequence):
            raise AnswerError("Please give every step in your order.")
        indices = [
            texts.index(item) if isinstance(item, str) and item in texts else item
            for item in response
        ]
        if sorted(indices, key=str) != sorted(range(len(texts)), key=str):
            raise AnswerError(f"Please use each of the {len(texts)} steps exactly once.")
        self.set_order(indices)

    def set_order(self, indices: Sequence[int]) -> None:
        """Put the steps in this order without triggering swaps."""
        self.syncing = True
        try:
            for box, index in zip(self.positions, indices, strict=True):
                box.value = index
        finally:
            self.syncing = False

    def clear_response(self) -> None:
        self.set_order(self.start)

    def inputs(self) -> list[widgets.Widget]:
        return list(self.positions)


class CaseView(QuestionView):
    """Case: the story in parts; each part appears after the one before is answered."""

    question: Case

    def build_controls(self) -> list[widgets.Widget]:
        """The story so far, and radio buttons for the current part."""
        self.path: list[int] = []
        self.current: str | None = self.question.parts[0].id
        self.story_area = html_widget(self.look)
        self.radio = widgets.RadioButtons(
            options=[],
            index=None,
            description="Your choice",
            tooltip="Choose one choice for this part of the case",
            layout=self.look.wide,
            style=self.look.label,
        )
        self.show_part()
        return [self.story_area, self.radio]

    def show_part(self) -> None:
        """Show the story up to the current part and that part's choices."""
        self.story_area.value = self.story_html()
        if self.current is None:
            return
        part = self.question.part(self.current)
        order = display_order(self.question.id, len(part.choices), self.question.shuffle, part.id)
        with self.radio.hold_trait_notifications():
            self.radio.options = [(markdown.to_plain(part.choices[i].text), i) for i in order]
            self.radio.index = None

    def story_html(self) -> str:
        """Each part shown so far: its story, its question and, once answered, the choice made."""
        sections: list[str] = []
        part_id: str | None = self.question.parts[0].id
        for step, index in enumerate([*self.path, None]):
            if part_id is None:
                break
            part = self.question.part(part_id)
            section = (
                f"<h4>Part {step + 1}</h4>{markdown.to_html(part.story)}"
                f"<p><strong>{markdown.to_inline_html(part.question)}</strong></p>"
            )
            if index is not None:
                choice = part.choices[index]
                section += (
                    f"<p>You chose: {markdown.to_inline_html(choice.text)}<br>"
                    f"<strong>{verdict(choice.correct)}</strong> "
                    f"{markdown.to_inline_html(choice.feedback)}</p>"
                )
                part_id = choice.next
            sections.append(f'<section class="course-case-part">{section}</section>')
        return "".join(sections)

    @property
    def state(self) -> QuestionState:
        """A readable snapshot, with the part shown now."""
        return replace(super().state, current_part=self.current)

    def read_response(self) -> Any:
        """The choices made so far plus the one selected for the current part."""
        selected = self.radio.value
        return [*self.path, selected] if selected is not None else list(self.path)

    def write_response(self, response: Any) -> None:
        """Select a choice (bank index) for the current part."""
        if response is None:
            self.radio.index = None
            return
        if isinstance(response, Sequence) and not isinstance(response, str):
            self.walk(list(response))
            return
        values = [value for _, value in self.radio.options]
        if isinstance(response, bool) or response not in values:
            raise AnswerError(f"There is no choice {response!r} in this part of the case.")
        self.radio.value = response

    def walk(self, path: list[int]) -> None:
        """Show the case as if the choices before the last had been made, and select the last."""
        if not path:
            self.restart()
            return
        self.path, self.current = [], self.question.parts[0].id
        for index in path[:-1]:
            if self.current is None:
                raise AnswerError("This case ends before the last of these choices.")
            choices = self.question.part(self.current).choices
            if (
                isinstance(index, bool)
                or not isinstance(index, int)
                or not 0 <= index < len(choices)
            ):
                raise AnswerError(f"There is no choice {index!r} in this part of the case.")
            self.path.append(index)
            self.current = choices[index].next
        self.show_part()
        if self.current is None:
            raise AnswerError("This case ends before the last of these choices.")
        self.write_response(path[-1])

    def submit(self) -> Feedback:
        """Check the current part; the case goes on to the next part or ends (and is recorded)."""
        self.refuse_if_locked()
        if self.radio.value is None:
            message = "Please choose one of the choices first."
            self.feedback_area.value = fb.message_html(message)
            raise AnswerError(message)
        response = self.read_response()
        result = check_answer(self.question, response)
        self.path = list(response)
        self.current = result.next_part
        self.show_part()
        if result.finished:
            self.conclude(response, result)
        else:
            self.feedback_area.value = fb.part_feedback_html(result)
        return result

    def try_again(self) -> None:
        """Start the case again from its first part."""
        super().try_again()
        self.restart()

    def restart(self) -> None:
        """Go back to the first part with no choices made."""
        self.path = []
        self.current = self.question.parts[0].id
        self.show_part()

    def reveal(self) -> None:
        """Show the right path through the case."""
        if not self.can_reveal:
            raise self.state_error(
                f"The answer can be revealed after {REVEAL_AFTER} wrong tries; "
                f"you have had {self.wrong_tries}."
            )
        self.revealed = True
        self.path = correct_path(self.question)
        self.current = None
        self.show_part()
        self.set_locked(True)
        self.feedback_area.value = fb.reveal_html(self.question)

    def clear_response(self) -> None:
        self.restart()

    def inputs(self) -> list[widgets.Widget]:
        return [self.radio]


def verdict(correct: bool) -> str:
    """A choice's result in a symbol and words: ``✔ Right:`` or ``✘ Not the best choice:``."""
    return "✔ Right:" if correct else "✘ Not the best choice:"


VIEWS: dict[str, type[QuestionView]] = {
    "single_choice": ChoiceView,
    "multiple_select": MultipleSelectView,
    "true_false": TrueFalseView,
    "numeric": NumericView,
    "matching": MatchingView,
    "ordering": OrderingView,
    "label_figure": LabelFigureView,
    "case": CaseView,
}


def question_view(
    question: Question,
    number: int = 1,
    total: int = 1,
    on_attempt: Callable[[Attempt], None] | None = None,
    look: Look | None = None,
) -> QuestionView:
    """Build the view for a question of any kind."""
    return VIEWS[question.kind](question, number, total, on_attempt, look)


@dataclass(frozen=True)
class QuizState:
    """What a quiz shows now: which question, and each built question's state."""

    quiz_id: str
    position: int
    current_question: str
    attempts: int
    questions: tuple[QuestionState, ...]


class QuizView(widgets.VBox):  # type: ignore[misc]
    """A quiz: one question at a time, Previous / Next, a summary and Reset.

    Question views are built when first shown (or asked for with :meth:`question`).
    """

    def __init__(
        self, questions: Sequence[Question], quiz_id: str, title: str, store: Recorder | None = None
    ) -> None:
        if not questions:
            raise ContentError(
                f"quiz '{quiz_id}'", "", "has no questions", "give the quiz at least one question"
            )
        self.questions = tuple(questions)
        self.quiz_id = quiz_id
        self.title = title
        self.store = store
        self.attempts: list[Attempt] = []
        self.views: dict[str, QuestionView] = {}
        self.position = 0
        self.look = new_look()
        self.title_area = html_widget(self.look, self.title_html())
        self.slot = widgets.Box(layout=self.look.full)
        self.previous_button = button(
            self.look, "Previous question", "Go to the previous question", "arrow-left"
        )
        self.next_button = button(
            self.look, "Next question", "Go to the next question", "arrow-right"
        )
        self.summary_button = button(
            self.look,
            "Show summary",
            "Show your first-try score and the objectives to review",
            "list",
        )
        self.reset_button = button(
            self.look, "Reset the quiz", "Clear every response and start again", "undo"
        )
        self.summary_area = html_widget(self.look)
        self.previous_button.on_click(lambda _: self.previous())
        self.next_button.on_click(lambda _: self.next())
        self.summary_button.on_click(lambda _: self.summary())
        self.reset_button.on_click(lambda _: self.reset())
        navigation = widgets.HBox(
            [self.previous_button, self.next_button, self.summary_button, self.reset_button],
            layout=self.look.plain,
        )
        super().__init__(
            [self.title_area, self.slot, navigation, self.summary_area], layout=self.look.plain
        )
        self.add_class("course-quiz")
        self.go_to(0)

    def __repr__(self) -> str:
        count = len(self.questions)
        return f"Quiz '{self.quiz_id}': {count} question{'s' if count != 1 else ''}"

    def title_html(self) -> str:
        """The quiz title and how to use it (with the few style rules long choices need)."""
        return (
            f"{QUIZ_CSS}<h3>{html.escape(self.title)}</h3><p>Choose or type your response and press "
            "<strong>Check</strong>. Feedback explains every choice. After a wrong response "
            f"press <strong>Try again</strong>; after {REVEAL_AFTER} wrong tries you can "
            "reveal the answer.</p>"
        )

    @property
    def question_ids(self) -> tuple[str, ...]:
        """The ids of the quiz's questions, in order."""
        return tuple(question.id for question in self.questions)

    def question(self, question_id: str) -> QuestionView:
        """The view of one question (built on first use)."""
        if question_id not in self.question_ids:
            known = ", ".join(self.question_ids)
            raise KeyError(f"quiz '{self.quiz_id}' has no question '{question_id}'; known: {known}")
        if question_id not in self.views:
            index = self.question_ids.index(question_id)
            self.views[question_id] = question_view(
                self.questions[index], index + 1, len(self.questions), self.record, self.look
            )
        return self.views[question_id]

    def go_to(self, position: int) -> QuestionView:
        """Show the question at this position (0-based) and return its view."""
        self.position = max(0, min(position, len(self.questions) - 1))
        view = self.question(self.question_ids[self.position])
        self.slot.children = (view,)
        self.previous_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.questions) - 1
        return view

    def next(self) -> QuestionView:
        """Show the next question."""
        return self.go_to(self.position + 1)

    def previous(self) -> QuestionView:
        """Show the previous question."""
        return self.go_to(self.position - 1)

    @property
    def current(self) -> QuestionView:
        """The view shown now."""
        return self.question(self.question_ids[self.position])

    def record(self, attempt: Attempt) -> None:
        """Keep an attempt and pass it to the progress store (in memory if that fails)."""
        self.attempts.append(attempt)
        if self.store is None:
            self.store = default_recorder()
        lesson = next(q.lesson for q in self.questions if q.id == attempt.question_id)
        try:
            self.store.record_attempt(attempt, lesson)
        except Exception:  # a broken store must not break the quiz: the attempt stays in memory
            self.store = MemoryStore()
            self.store.record_attempt(attempt, lesson)

    def results(self) -> list[QuestionResult]:
        """How each question went (unbuilt questions were not answered)."""
        return [
            self.views[q.id].result()
            if q.id in self.views
            else QuestionResult(q.id, q.objective, False, None, False, False)
            for q in self.questions
        ]

    def summary(self) -> QuizSummary:
        """Compute and show the summary: first-try score and objectives to review."""
        result = summarise(self.quiz_id, self.results(), objective_texts())
        self.summary_area.value = fb.summary_html(result)
        return result

    def reset(self) -> None:
        """Reset every question and go back to the first one (recorded attempts stay recorded)."""
        for view in self.views.values():
            view.reset()
        self.summary_area.value = ""
        self.go_to(0)

    @property
    def state(self) -> QuizState:
        """A readable snapshot of the quiz."""
        states = tuple(self.views[q.id].state for q in self.questions if q.id in self.views)
        return QuizState(
            self.quiz_id,
            self.position,
            self.question_ids[self.position],
            len(self.attempts),
            states,
        )


def objective_texts() -> dict[str, str]:
    """Objective id -> text from the manifest (ids alone if the manifest cannot be read)."""
    from course import content

    try:
        return {objective.id: objective.text for objective in content.manifest().objectives}
    except ContentError:
        return {}


def find_question(question_id: str) -> Question:
    """Find a question by id in any bank."""
    from course import content

    for quiz_id in content.quiz_ids():
        for question in load_bank(quiz_id).questions:
            if question.id == question_id:
                return question
    raise ContentError(
        "data/quizzes",
        f"question '{question_id}'",
        "is in no question bank",
        "use the id of a question that exists",
    )


def build_quiz(
    quiz_id: str | None = None,
    questions: Sequence[Question | str] | None = None,
    title: str | None = None,
    store: Recorder | None = None,
) -> QuizView:
    """Build a quiz from a bank, from chosen questions (from any banks, or by id), or both.

    Parameters
    ----------
    quiz_id
        A question bank id, e.g. ``"00-start-here"``. Without ``questions``, the quiz
        has every question of that bank.
    questions
        Question objects or question ids, for example the questions a learner missed.
    title
        The title shown above the quiz (default: the bank's title, or "Review").
    store
        Where attempts are recorded (default: the progress store, else memory).
    """
    bank = load_bank(quiz_id) if quiz_id else None
    chosen: list[Question] = []
    for item in questions if questions is not None else (bank.questions if bank else ()):
        chosen.append(find_question(item) if isinstance(item, str) else item)
    name = quiz_id or "review"
    return QuizView(chosen, name, title or (bank.title if bank else "Review"), store=store)


def show_quiz(quiz_id: str) -> None:
    """Show a lesson's quiz in the notebook: ``show_quiz("03-symptoms-and-red-flags")``.

    Showing a lesson's quiz also records that the learner opened the lesson.
    """
    quiz = build_quiz(quiz_id)
    record_lesson_opened(quiz.store, load_bank(quiz_id).lesson)
    display(quiz)


def record_lesson_opened(store: Recorder | None, lesson_id: str) -> None:
    """Tell the progress store a lesson was opened; never let a store problem stop the lesson."""
    record = getattr(store or default_recorder(), "record_lesson", None)
    if record is None:
        return
    try:
        record(lesson_id, "opened")
    except Exception:  # the lesson must work with no store
        return
