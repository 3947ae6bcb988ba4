"""Lesson 05's widgets: the safety check, the step-by-step exercise player, the routine builder.

The widgets only wire controls to the pure logic in :mod:`course.exercises` and
write what the learner reads into ``HTML.value`` in one assignment. The hold timer
is an ``ipywidgets.Play`` linked in the browser (``jslink``) to a slider, so the
seconds count in the browser without a round trip to the kernel.

Each widget has Python verbs that do what its buttons do, so tests can drive it::

    check = SafetyCheck()
    check.answer_safety_check()          # nothing ticked: exercises unlocked
    player = ExercisePlayer("bridge", safety=check)
    player.next(); player.start_hold(); player.count_rep()
    player.hurts()                       # stop, with the stop-if and red-flag advice
    player.restart(); player.finish()    # a session is recorded in the progress store

The safety check is shared by every player in a notebook (:func:`shared_safety_check`):
until it is answered the players are locked, and an emergency sign replaces the
exercises with the urgent-care message. Nothing ticked in the check is saved.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, Protocol

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from course import exercises as ex
from course.errors import AnswerError, CourseError
from course.poses import step_html
from course.triage import Rules, load_rules

STYLE = """<style>
.course-player .widget-checkbox { width: 100%; height: auto; }
.course-player .widget-checkbox .widget-label-basic { white-space: normal; line-height: 1.35; }
.course-player .widget-html-content { line-height: 1.45; }
.course-player .course-urgent, .course-player .course-hurts { border: 2px solid currentColor; padding: 0.3em 0.8em; }
.course-player .course-cite { font-size: 0.85em; color: #555; }
.course-player a[download] { color: #0b5cad; text-decoration: underline; }
</style>"""

CHECK_INTRO = (
    "<p><strong>Safety check, before any exercise.</strong> "
    "Tick every sign you have now, then press <strong>Check my answers</strong>. "
    "If you have none, press <strong>None of these</strong>. Nothing you tick is saved.</p>"
)
CHECK_WAITING = "<p>Not answered yet: the exercises stay locked until you answer.</p>"
CHECK_CHANGED = "<p>The ticks changed: press <strong>Check my answers</strong> again.</p>"
LOCKED_UNANSWERED = (
    '<p role="status"><strong>Locked until the safety check is answered.</strong> '
    "Answer it here or above; it takes a few seconds.</p>"
)
GROUP_LABELS = {
    "emergency": "Emergency signs (call for emergency care now)",
    "soon": "Signs a clinician should check within days",
}


class Recorder(Protocol):
    """Anything that records exercise sessions, such as the progress store."""

    def record_exercise_session(
        self,
        exercise_id: str,
        completed: bool,
        steps_done: int,
        steps_total: int | None = None,
        seconds: float | None = None,
    ) -> Any:
        """Keep one run of a guided exercise."""


class MemoryRecorder:
    """Keeps sessions in a list (used when the progress store cannot be opened)."""

    def __init__(self) -> None:
        self.sessions: list[dict[str, Any]] = []

    def record_exercise_session(
        self,
        exercise_id: str,
        completed: bool,
        steps_done: int,
        steps_total: int | None = None,
        seconds: float | None = None,
    ) -> None:
        """Keep the session as a dict."""
        self.sessions.append(
            {
                "exercise_id": exercise_id,
                "completed": completed,
                "steps_done": steps_done,
                "steps_total": steps_total,
                "seconds": seconds,
            }
        )


def default_recorder() -> Recorder:
    """The progress store if it can be opened, else an in-memory recorder."""
    try:
        from course.progress import default_store

        store: Recorder = default_store()
    except Exception:  # the player must work with no store, whatever the reason
        return MemoryRecorder()
    return store


def button(description: str, style: str = "", tooltip: str = "") -> widgets.Button:
    """A button sized to its words."""
    return widgets.Button(
        description=description,
        button_style=style,
        tooltip=tooltip or description,
        layout=widgets.Layout(width="auto"),
    )


def show(widget: widgets.Widget, visible: bool) -> None:
    """Show or hide a widget without removing it (so links in the browser stay in place)."""
    widget.layout.display = None if visible else "none"


# --- the safety check ---------------------------------------------------------------------


class SafetyCheck(widgets.VBox):  # type: ignore[misc]
    """A short check-in: the emergency and "see a clinician soon" signs, as checkboxes.

    Examples
    --------
    >>> check = SafetyCheck()
    >>> check.answer_safety_check().status
    'clear'
    >>> check
    SafetyCheck(28 signs, answered: clear)
    """

    def __init__(self, rules: Rules | None = None) -> None:
        self.rules = rules or load_rules()
        self.outcome: ex.SafetyOutcome | None = None
        self.listeners: list[Callable[[ex.SafetyOutcome | None], None]] = []
        self.signs = ex.check_in_signs(self.rules)
        self.boxes = {sign.id: sign_checkbox(sign.text) for sign in self.signs}
        self.check_button = button("Check my answers", "primary")
        self.none_button = button("None of these")
        self.result = widgets.HTML(CHECK_WAITING)
        groups = [self.group(urgency) for urgency in ex.CHECK_URGENCIES]
        grid = widgets.GridBox(
            groups,
            layout=widgets.Layout(
                grid_template_columns="repeat(auto-fit, minmax(20em, 1fr))", grid_gap="0.2em 1.5em"
            ),
        )
        super().__init__(
            [
                widgets.HTML(STYLE + CHECK_INTRO),
                grid,
                widgets.HBox([self.check_button, self.none_button]),
                self.result,
            ]
        )
        self.add_class("course-player")
        self.add_class("course-safety-check")
        self.check_button.on_click(lambda _b: self.answer())
        self.none_button.on_click(lambda _b: self.answer_safety_check())
        for box in self.boxes.values():
            box.observe(self.on_tick_change, names="value")

    def group(self, urgency: str) -> widgets.VBox:
        """The heading and checkboxes of one urgency level."""
        boxes = [self.boxes[sign.id] for sign in self.signs if sign.urgency == urgency]
        return widgets.VBox([widgets.HTML(f"<strong>{GROUP_LABELS[urgency]}</strong>"), *boxes])

    def on_tick_change(self, _change: dict[str, Any]) -> None:
        """Ticks changed after an answer: the answer no longer holds until checked again."""
        if self.outcome is not None and not getattr(self, "_setting", False):
            self.outcome = None
            self.result.value = CHECK_CHANGED
            self.notify()

    # ---- verbs ---------------------------------------------------------------------------
    def answer_safety_check(self, *sign_ids: str) -> ex.SafetyOutcome:
        """Tick exactly these signs (none: "None of these") and answer the check."""
        outcome = ex.check_safety(sign_ids, self.rules)  # refuses unknown ids before ticking
        self._setting = True
        try:
            for sign_id, box in self.boxes.items():
                box.value = sign_id in sign_ids
        finally:
            self._setting = False
        return self.record(outcome)

    def answer(self) -> ex.SafetyOutcome:
        """Answer the check with the boxes ticked now."""
        return self.record(ex.check_safety(self.ticked, self.rules))

    def reset(self) -> SafetyCheck:
        """Untick everything and forget the answer (the players lock again)."""
        self._setting = True
        try:
            for box in self.boxes.values():
                box.value = False
        finally:
            self._setting = False
        self.outcome = None
        self.result.value = CHECK_WAITING
        self.notify()
        return self

    def record(self, outcome: ex.SafetyOutcome) -> ex.SafetyOutcome:
        """Keep the outcome, show it, and tell the players."""
        self.outcome = outcome
        self.result.value = outcome_html(outcome)
        self.notify()
        return outcome

    def on_answer(self, callback: Callable[[ex.SafetyOutcome | None], None]) -> None:
        """Call ``callback(outcome)`` whenever the answer changes (None: not answered)."""
        self.listeners.append(callback)

    def notify(self) -> None:
        for callback in list(self.listeners):
            callback(self.outcome)

    # ---- state ---------------------------------------------------------------------------
    @property
    def ticked(self) -> tuple[str, ...]:
        """The ids of the ticked signs, in data order."""
        return tuple(sign_id for sign_id, box in self.boxes.items() if box.value)

    @property
    def state(self) -> dict[str, Any]:
        """What the check shows: the ticked signs and the outcome's status (None: not answered)."""
        return {
            "ticked": list(self.ticked),
            "status": self.outcome.status if self.outcome else None,
            "locked": self.outcome.locked if self.outcome else True,
        }

    def __repr__(self) -> str:
        answered = f"answered: {self.outcome.status}" if self.outcome else "not answered"
        return f"SafetyCheck({len(self.signs)} signs, {answered})"


def sign_checkbox(text: str) -> widgets.Checkbox:
    """An unticked checkbox labelled with a sign's text."""
    return widgets.Checkbox(
        value=False, description=text, indent=False, layout=widgets.Layout(width="100%")
    )


def outcome_html(outcome: ex.SafetyOutcome) -> str:
    """The safety check's outcome: heading, message, the signs that decided it, what to do."""
    reasons = "".join(f"<li>{escape(text)}</li>" for text in outcome.reasons)
    listed = f"<p>Because you ticked:</p><ul>{reasons}</ul>" if reasons else ""
    action = (
        f"<p><strong>What to do:</strong> {escape(' '.join(outcome.action.split()))}</p>"
        if outcome.status != "clear"
        else ""
    )
    css = "course-urgent" if outcome.locked else "course-safety-outcome"
    role = "alert" if outcome.locked else "status"
    return (
        f'<div class="{css}" role="{role}"><p><strong>{escape(outcome.heading)}</strong></p>'
        f"<p>{escape(outcome.message)}</p>{listed}{action}"
        f"<p><em>{escape(' '.join(outcome.disclaimer.split()))}</em></p></div>"
    )


_SHARED: SafetyCheck | None = None


def shared_safety_check() -> SafetyCheck:
    """The notebook's one safety check: answering it once unlocks every player."""
    global _SHARED
    if _SHARED is None:
        _SHARED = SafetyCheck()
    return _SHARED


def show_safety_check() -> SafetyCheck:
    """Show the safety check (the same one every exercise player in this notebook uses)."""
    return shared_safety_check()


# --- the exercise player --------------------------------------------------------------------


class ExercisePlayer(widgets.VBox):  # type: ignore[misc]
    """Step through one exercise: picture and text, a hold timer, a repetition counter.

    Examples
    --------
    >>> check = SafetyCheck()
    >>> player = ExercisePlayer("bridge", safety=check, store=MemoryRecorder())
    >>> player
    ExercisePlayer('bridge', step 1 of 5, locked until the safety check is answered)
    >>> _ = check.answer_safety_check()
    >>> player.next().count_rep().state["reps"]
    1
    """

    def __init__(
        self,
        exercise_id: str = "bridge",
        safety: SafetyCheck | None = None,
        store: Recorder | None = None,
        library: ex.Library | None = None,
        rules: Rules | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.library = library or ex.load_library()
        self.rules = rules or load_rules()
        self.safety = safety or shared_safety_check()
        self.store = store
        self.clock = clock
        self.exercise = self.library.exercise(exercise_id)
        self.session = ex.start_session(self.exercise)
        self.started = clock()
        self.save_problem = ""
        self.build_controls()
        super().__init__(self.layout_children())
        self.add_class("course-player")
        self.add_class("course-exercise-player")
        self.wire()
        self.safety.on_answer(self.on_safety_answer)
        self.load_exercise()

    # ---- building --------------------------------------------------------------------------
    def build_controls(self) -> None:
        """Create every control once; later changes only set their values."""
        self.picker = widgets.Dropdown(
            options=[(e.name, e.id) for e in self.library.exercises],
            value=self.exercise.id,
            description="Exercise:",
            style={"description_width": "initial"},
        )
        self.lock = widgets.HTML()
        self.lock_box = widgets.VBox([self.lock])
        self.caution = widgets.HTML()
        self.about = widgets.HTML()
        self.details = widgets.Accordion(children=[self.about], selected_index=None)
        self.details.set_title(0, "About this exercise: muscles, dose and sources, when to stop")
        self.picture = widgets.HTML()
        self.previous_button = button("◀ Previous", tooltip="Go back one step")
        self.next_button = button("Next ▶", "primary", tooltip="Go to the next step")
        self.hold_text = widgets.HTML()
        self.play = widgets.Play(value=0, min=0, max=5, step=1, interval=1000, show_repeat=False)
        self.timer = widgets.IntSlider(
            value=0,
            min=0,
            max=5,
            description="Seconds held",
            readout=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="22em"),
        )
        self.timer_link = widgets.jslink((self.play, "value"), (self.timer, "value"))
        self.hold_button = button("Start hold", "info", tooltip="Start the hold timer from zero")
        self.hold_box = widgets.VBox(
            [self.hold_text, widgets.HBox([self.hold_button, self.play, self.timer])]
        )
        self.hold_box.add_class("course-hold")
        self.rep_button = button("Count a repetition", tooltip="Add one to the repetition count")
        self.rep_bar = widgets.IntProgress(value=0, min=0, max=1, description="Repetitions")
        self.rep_text = widgets.HTML()
        self.hurts_button = button("This hurts", "danger", tooltip="Stop, and see what to do")
        self.finish_button = button("Finished", "success", tooltip="Record this session")
        self.restart_button = button("Start again", tooltip="Back to step 1, counts at zero")
        self.message = widgets.HTML()
        self.body = widgets.VBox(
            [
                self.caution,
                self.details,
                self.picture,
                widgets.HBox([self.previous_button, self.next_button]),
                self.hold_box,
                widgets.HBox([self.rep_button, self.rep_bar, self.rep_text]),
                widgets.HBox([self.hurts_button, self.finish_button, self.restart_button]),
            ]
        )

    def layout_children(self) -> list[widgets.Widget]:
        return [widgets.HTML(STYLE), self.picker, self.lock_box, self.body, self.message]

    def wire(self) -> None:
        """Connect the buttons and the picker to the verbs."""
        self.picker.observe(lambda change: self.choose(change["new"]), names="value")
        self.previous_button.on_click(lambda _b: self.press(self.previous))
        self.next_button.on_click(lambda _b: self.press(self.next))
        self.hold_button.on_click(lambda _b: self.press(self.start_hold))
        self.rep_button.on_click(lambda _b: self.press(self.count_rep))
        self.hurts_button.on_click(lambda _b: self.press(self.hurts))
        self.finish_button.on_click(lambda _b: self.press(self.finish))
        self.restart_button.on_click(lambda _b: self.press(self.restart))

    def on_safety_answer(self, _outcome: ex.SafetyOutcome | None) -> None:
        """The safety check was answered or changed: lock or unlock, and stop any hold."""
        self.stop_hold()
        self.refresh()

    def press(self, verb: Callable[[], Any]) -> None:
        """Run a verb for a button; a refused action is explained, never raised at the learner."""
        try:
            verb()
        except CourseError as exc:
            self.message.value = f'<p role="status">{escape(str(exc))}</p>'

    # ---- verbs -----------------------------------------------------------------------------
    def choose(self, exercise_id: str) -> ExercisePlayer:
        """Show another exercise from step 1."""
        self.exercise = self.library.exercise(exercise_id)
        if self.picker.value != exercise_id:
            self.picker.value = exercise_id  # the observer calls choose again
            return self
        self.load_exercise()
        return self

    def answer_safety_check(self, *sign_ids: str) -> ex.SafetyOutcome:
        """Answer the (shared) safety check: tick exactly these signs, none for "None of these"."""
        return self.safety.answer_safety_check(*sign_ids)

    def next(self) -> ExercisePlayer:
        """Go to the next step."""
        return self.move(ex.next_step)

    def previous(self) -> ExercisePlayer:
        """Go back one step."""
        return self.move(ex.previous_step)

    def move(self, step: Callable[[ex.PlayerState], ex.PlayerState]) -> ExercisePlayer:
        """Change step with ``step`` (next or previous), stopping any hold and clearing the message."""
        self.require_unlocked()
        self.session = step(self.session)
        self.stop_hold()
        self.message.value = ""
        return self.refresh()

    def start_hold(self) -> ExercisePlayer:
        """Start the hold timer from zero; the browser counts the seconds (no kernel round trip)."""
        self.require_unlocked()
        ex.require_active(self.session, "start a hold")
        if not self.current_step.hold:
            raise ex.PlayerStateError("this step has no hold; go to the step that says hold")
        self.play.playing = False
        self.play.value = 0
        self.play.playing = True
        self.message.value = ""
        return self

    def stop_hold(self) -> None:
        """Stop the timer and set it back to zero."""
        self.play.playing = False
        self.play.value = 0

    def count_rep(self) -> ExercisePlayer:
        """Count one repetition."""
        self.require_unlocked()
        self.session = ex.count_rep(self.session)
        return self.refresh()

    def hurts(self) -> ExercisePlayer:
        """Stop the exercise and show the stop-if guidance and the red-flag advice."""
        self.require_answered()
        self.stop_hold()
        was_active = self.session.active
        self.session = ex.stop_for_pain(self.session)
        guidance = ex.stop_guidance(self.exercise, self.library, self.rules)
        if was_active:
            self.record(completed=False)
        self.message.value = ex.stop_guidance_html(guidance) + self.save_problem
        return self.refresh()

    def finish(self) -> ExercisePlayer:
        """Finish the exercise and record the session in the progress store."""
        self.require_unlocked()
        self.stop_hold()
        self.session = ex.finish_session(self.session)
        self.record(completed=ex.completed(self.session))
        self.message.value = finished_html(self.exercise, self.session) + self.save_problem
        return self.refresh()

    def restart(self) -> ExercisePlayer:
        """Back to step 1 with the counts at zero (after stopping or finishing, or any time)."""
        self.load_exercise()
        return self

    # ---- helpers ---------------------------------------------------------------------------
    def require_answered(self) -> None:
        if self.safety.outcome is None:
            raise ex.PlayerStateError("the exercises are locked until the safety check is answered")

    def require_unlocked(self) -> None:
        """Refuse to move until the safety check is answered without an emergency sign."""
        self.require_answered()
        if self.safety.outcome is not None and self.safety.outcome.locked:
            raise ex.PlayerStateError(
                "the safety check found an emergency sign: get emergency care now, not exercise"
            )

    def record(self, completed: bool) -> None:
        """Record the session; a store problem never stops the lesson."""
        store = self.store or default_recorder()
        self.store = store
        self.save_problem = ""
        try:
            store.record_exercise_session(
                self.exercise.id,
                completed=completed,
                steps_done=self.session.steps_done,
                steps_total=self.session.steps_total,
                seconds=round(self.clock() - self.started, 1),
            )
        except Exception as exc:  # the lesson goes on even if the store cannot write
            self.save_problem = f"<p>The session could not be saved ({escape(str(exc))}).</p>"

    def load_exercise(self) -> None:
        """Start a fresh session of the current exercise and set up the hold and counter."""
        self.session = ex.start_session(self.exercise)
        self.started = self.clock()
        self.stop_hold()
        seconds = self.hold_seconds or 1
        self.play.max = seconds
        self.timer.max = seconds
        target = self.exercise.dose.repetition_target
        self.rep_bar.max = target or 1
        self.about.value = ex.exercise_summary_html(self.exercise)
        self.message.value = ""
        self.refresh()

    @property
    def current_step(self) -> ex.Step:
        return self.exercise.step(self.session.step)

    @property
    def hold_seconds(self) -> int | None:
        """Seconds on the hold timer for this exercise (None when it has no hold)."""
        hold = self.exercise.dose.hold
        return hold.timer_seconds(self.library.breath_seconds) if hold else None

    def refresh(self) -> ExercisePlayer:
        """Show what the session and the safety check allow, in one pass."""
        outcome = self.safety.outcome
        locked = outcome is None or outcome.locked
        show(self.lock_box, locked)
        show(self.body, not locked)
        if outcome is None:
            self.lock.value = LOCKED_UNANSWERED
            self.lock_box.children = (self.lock, self.safety)
        elif outcome.locked:
            self.lock.value = outcome_html(outcome)
            self.lock_box.children = (self.lock,)
        else:
            self.lock_box.children = (self.lock,)
        self.caution.value = (
            outcome_html(outcome) if outcome and outcome.status == "see-clinician" else ""
        )
        self.show_step()
        return self

    def show_step(self) -> None:
        """The step's picture and text, the hold timer (on hold steps), the counter, the buttons."""
        session, step = self.session, self.current_step
        self.picture.value = step_html(self.exercise, session.step)
        self.previous_button.disabled = session.at_first or not session.active
        self.next_button.disabled = session.at_last or not session.active
        show(self.hold_box, step.hold and self.hold_seconds is not None)
        self.hold_text.value = hold_html(self.exercise, self.hold_seconds)
        self.hold_button.disabled = not session.active
        self.play.disabled = not session.active
        target = self.exercise.dose.repetition_target
        self.rep_bar.value = min(session.reps, self.rep_bar.max)
        show(self.rep_bar, target is not None)
        self.rep_text.value = reps_html(self.exercise, session.reps)
        self.rep_button.disabled = not session.active
        self.hurts_button.disabled = session.stopped
        self.finish_button.disabled = not session.active

    @property
    def state(self) -> dict[str, Any]:
        """What the player shows now (steps are numbered from 1, as on screen)."""
        outcome = self.safety.outcome
        return {
            "exercise": self.exercise.id,
            "step": self.session.step + 1,
            "steps_total": self.session.steps_total,
            "reps": self.session.reps,
            "rep_target": self.exercise.dose.repetition_target,
            "hold_step": self.current_step.hold,
            "hold_seconds": self.hold_seconds,
            "holding": bool(self.play.playing),
            "stopped": self.session.stopped,
            "finished": self.session.finished,
            "safety": outcome.status if outcome else None,
            "locked": outcome is None or outcome.locked,
        }

    def __repr__(self) -> str:
        outcome = self.safety.outcome
        where = f"step {self.session.step + 1} of {self.session.steps_total}"
        if outcome is None:
            status = "locked until the safety check is answered"
        elif outcome.locked:
            status = "locked: emergency sign ticked"
        elif self.session.stopped:
            status = "stopped: it hurt"
        elif self.session.finished:
            status = "finished"
        else:
            status = "ready"
        return f"ExercisePlayer({self.exercise.id!r}, {where}, {status})"


def hold_html(exercise: ex.Exercise, seconds: int | None) -> str:
    """How long to hold, and how the timer counts."""
    hold = exercise.dose.hold
    if hold is None or seconds is None:
        return ""
    if hold.breaths is not None:
        pace = (
            f" The timer allows about {seconds // hold.breaths} seconds a breath; "
            "follow your own breathing rather than the timer."
        )
    else:
        pace = ""
    return (
        f"<p><strong>Hold for {escape(hold.text)}.</strong> Press <strong>Start hold</strong>: "
        f"the slider counts the seconds up to {seconds}.{pace}</p>"
    )


def reps_html(exercise: ex.Exercise, reps: int) -> str:
    """The repetition count, with the target when a source gives one."""
    dose = exercise.dose
    target = dose.repetition_target
    if target is None:
        return (
            f"<span><strong>{reps}</strong> done: no number from a primary source; "
            "a few slow ones, as comfortable.</span>"
        )
    side = f" ({dose.repetitions} each side)" if dose.per_side else ""
    return f"<span><strong>{reps} of {target}</strong>{side}</span>"


def finished_html(exercise: ex.Exercise, session: ex.PlayerState) -> str:
    """What the learner reads after pressing Finished."""
    done = ex.completed(session)
    head = "✔ Well done: session recorded." if done else "Session recorded (not every step)."
    return (
        f'<p role="status"><strong>{head}</strong> {escape(exercise.name)}: '
        f"{session.steps_done} of {session.steps_total} steps, {session.reps} repetitions. "
        f"{escape(exercise.progression.text)}</p>"
    )


def play_exercise(exercise_id: str = "bridge") -> ExercisePlayer:
    """Show the step player for one exercise, e.g. ``play_exercise("bridge")``."""
    return ExercisePlayer(exercise_id)


# --- the exercises at a glance -----------------------------------------------------------


def show_exercises() -> None:
    """Show every exercise in one table: kind, muscles, starting dose, whether sources agree."""
    library = ex.load_library()
    frame = ex.exercises_frame(library)
    html = ex.frame_html(frame, "The exercises of this lesson, with the dose to start with")
    display({"text/html": html, "text/plain": f"{len(frame)} exercises"}, raw=True)


# --- the routine builder -------------------------------------------------------------------


class RoutineBuilder(widgets.VBox):  # type: ignore[misc]
    """Pick exercises and days, get a weekly plan, and export it as CSV or a printable page.

    Examples
    --------
    >>> builder = RoutineBuilder()
    >>> plan = builder.choose_exercises("bridge").choose_days("Monday", "Friday").make_plan()
    >>> list(plan["Day"])
    ['Monday', 'Friday']
    >>> builder
    RoutineBuilder(1 exercise, 2 days, plan made)
    """

    def __init__(self, library: ex.Library | None = None, rules: Rules | None = None) -> None:
        self.library = library or ex.load_library()
        self.rules = rules or load_rules()
        self.plan: pd.DataFrame | None = None
        self.routine: ex.Routine | None = None
        self.exercise_boxes = {
            e.id: widgets.Checkbox(value=False, description=e.name, indent=False)
            for e in self.library.exercises
        }
        self.day_buttons = {
            day: widgets.ToggleButton(
                value=False, description=day[:3], tooltip=day, layout=widgets.Layout(width="4.5em")
            )
            for day in ex.DAYS
        }
        self.title = widgets.Text(
            value=ex.DEFAULT_TITLE,
            description="Plan title:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="30em"),
        )
        self.make_button = button("Make my plan", "primary")
        self.save_button = button("Save plan files", tooltip="Write CSV and HTML files")
        self.table = widgets.HTML()
        self.downloads = widgets.HTML()
        self.message = widgets.HTML(
            "<p>Tick the exercises, choose the days, then press <strong>Make my plan</strong>.</p>"
        )
        exercise_grid = widgets.GridBox(
            list(self.exercise_boxes.values()),
            layout=widgets.Layout(grid_template_columns="repeat(auto-fit, minmax(16em, 1fr))"),
        )
        super().__init__(
            [
                widgets.HTML(STYLE + "<p><strong>Exercises</strong></p>"),
                exercise_grid,
                widgets.HTML("<p><strong>Days</strong></p>"),
                widgets.HBox(list(self.day_buttons.values())),
                self.title,
                widgets.HBox([self.make_button, self.save_button]),
                self.message,
                self.table,
                self.downloads,
            ]
        )
        self.add_class("course-player")
        self.add_class("course-routine-builder")
        self.make_button.on_click(lambda _b: self.press(self.make_plan))
        self.save_button.on_click(lambda _b: self.press(self.save))

    def press(self, verb: Callable[[], Any]) -> None:
        """Run a verb for a button; a refused choice is explained in the message."""
        try:
            verb()
        except CourseError as exc:
            self.message.value = f'<p role="status">{escape(str(exc))}</p>'

    # ---- verbs -----------------------------------------------------------------------------
    def choose_exercises(self, *exercise_ids: str) -> RoutineBuilder:
        """Tick exactly these exercises (unknown ids raise and change nothing)."""
        for exercise_id in exercise_ids:
            self.library.exercise(exercise_id)
        for exercise_id, box in self.exercise_boxes.items():
            box.value = exercise_id in exercise_ids
        return self

    def choose_days(self, *days: str) -> RoutineBuilder:
        """Select exactly these days (full names, any case)."""
        wanted = {day.strip().title() for day in days}
        unknown = sorted(wanted - set(ex.DAYS))
        if unknown:
            raise AnswerError(f"{unknown[0]!r} is not a day of the week")
        for day, toggle in self.day_buttons.items():
            toggle.value = day in wanted
        return self

    def set_title(self, text: str) -> RoutineBuilder:
        """Give the plan a title (any text; it is escaped wherever it is shown)."""
        self.title.value = text
        return self

    def make_plan(self) -> pd.DataFrame:
        """Build the weekly plan from the choices; show it with download links."""
        routine = ex.build_routine(
            self.chosen_exercises, self.chosen_days, self.title.value, self.library
        )
        plan = ex.weekly_plan(routine, self.library)
        self.routine, self.plan = routine, plan
        self.table.value = ex.frame_html(plan, routine.title)
        self.downloads.value = downloads_html(routine, plan, self.library, self.rules)
        self.message.value = (
            f'<p role="status">Your plan: {len(routine.exercise_ids)} exercise(s) on '
            f"{len(routine.days)} day(s). Start gently, and build up as the plan says.</p>"
        )
        return plan

    def save(self, folder: Path | str | None = None) -> ex.PlanFiles:
        """Write the plan as CSV and HTML files (in ``course-output/`` unless told otherwise)."""
        if self.routine is None:
            self.make_plan()
        assert self.routine is not None
        files = ex.save_plan(self.routine, folder, self.library)
        self.message.value = (
            f'<p role="status">Saved <code>{escape(str(files.csv))}</code> and '
            f"<code>{escape(str(files.html))}</code>. Open the HTML file in a browser to print it.</p>"
        )
        return files

    # ---- state ---------------------------------------------------------------------------
    @property
    def chosen_exercises(self) -> tuple[str, ...]:
        return tuple(i for i, box in self.exercise_boxes.items() if box.value)

    @property
    def chosen_days(self) -> tuple[str, ...]:
        return tuple(day for day, toggle in self.day_buttons.items() if toggle.value)

    @property
    def state(self) -> dict[str, Any]:
        return {
            "exercises": list(self.chosen_exercises),
            "days": list(self.chosen_days),
            "title": self.title.value,
            "rows": 0 if self.plan is None else len(self.plan),
        }

    def __repr__(self) -> str:
        count, days = len(self.chosen_exercises), len(self.chosen_days)
        made = "plan made" if self.plan is not None else "no plan yet"
        return (
            f"RoutineBuilder({count} exercise{'s' if count != 1 else ''}, "
            f"{days} day{'s' if days != 1 else ''}, {made})"
        )


def data_link(text: str, mime: str, filename: str, label: str) -> str:
    """A download link carrying the file in a data URI (works without a file server)."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a download="{escape(filename)}" href="data:{mime};charset=utf-8;base64,{payload}">'
        f"{escape(label)}</a>"
    )


def downloads_html(
    routine: ex.Routine, plan: pd.DataFrame, library: ex.Library, rules: Rules
) -> str:
    """Links to download the plan as CSV and as a printable HTML page."""
    csv_text = ex.plan_csv(plan, routine.title)
    page = ex.plan_html_page(routine, library, rules)
    return (
        "<p>Download: "
        + data_link(csv_text, "text/csv", "weekly-plan.csv", "the plan as a spreadsheet (CSV)")
        + " · "
        + data_link(page, "text/html", "weekly-plan.html", "a printable page (HTML)")
        + "</p>"
    )


def show_routine_builder() -> RoutineBuilder:
    """Show the routine builder: pick exercises and days, get a weekly plan to export."""
    return RoutineBuilder()
