"""Lesson 05's exercises: pure logic over ``data/exercises.yaml``.

Loading builds frozen dataclasses (exercises, steps, doses with their sources).
The step player's state moves through plain functions (:func:`next_step`,
:func:`count_rep`, :func:`stop_for_pain`, ...). The safety check asks about the
emergency and "see a clinician soon" signs of ``data/red_flags.yaml`` and decides
through :func:`course.triage.triage`: any emergency sign means no exercises and
emergency care now. The routine builder turns chosen exercises and days into a
weekly plan (a pandas DataFrame) and exports it as CSV and as a printable HTML
page, escaping every string the learner chose.

Nothing here imports widgets: :mod:`course.widgets.exercise_player` wires them.

Examples
--------
>>> library = load_library()
>>> bridge = library.exercise("bridge")
>>> state = start_session(bridge)
>>> state = count_rep(next_step(state))
>>> (state.step, state.reps, state.steps_total)
(1, 1, 5)
>>> check_safety([]).locked, check_safety(["both-legs"]).locked
(False, True)
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from course import content, paths
from course.errors import AnswerError, ContentError, CourseError
from course.poses import Pose, parse_pose, with_arrows
from course.triage import Rules, load_rules, triage

DATA_FILE = "data/exercises.yaml"
DOCUMENT = "exercises"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHECK_URGENCIES = ("emergency", "soon")
HURTS_CUES = ("hurt-not-harm", "see-a-gp")  # shown with each exercise's own stop-if rules
DEFAULT_TITLE = "My weekly back exercise plan"
TITLE_MAX = 80
PLAN_COLUMNS = ("Day", "Exercise", "Dose", "How often", "Build up", "Stop if")
CSV_RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


class UnknownExerciseError(CourseError, ValueError):
    """An exercise id that ``data/exercises.yaml`` does not define."""


class PlayerStateError(CourseError):
    """A player verb was used when the exercise cannot do it (locked, stopped or finished)."""


# --- the data, as frozen dataclasses -----------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """A piece of advice with its reference keys."""

    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class SafetyCue:
    """A general safety cue that applies to every exercise."""

    id: str
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Muscle:
    """A muscle an exercise works, stretches or steadies (an id of ``data/anatomy.csv``)."""

    id: str
    name: str
    role: str
    how: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """What one source advises as the dose."""

    who: str
    says: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Hold:
    """How long to hold: a number of seconds or of deep breaths."""

    seconds: int | None = None
    breaths: int | None = None

    @property
    def text(self) -> str:
        """The hold in words.

        Examples
        --------
        >>> Hold(seconds=5).text, Hold(breaths=1).text, Hold(breaths=3).text
        ('5 seconds', '1 deep breath', '3 deep breaths')
        """
        if self.seconds is not None:
            return f"{self.seconds} second{'s' if self.seconds != 1 else ''}"
        count = self.breaths or 0
        return f"{count} deep breath{'s' if count != 1 else ''}"

    def timer_seconds(self, breath_seconds: int) -> int:
        """Seconds for the on-screen timer (breaths are paced at ``breath_seconds`` each)."""
        return self.seconds if self.seconds is not None else (self.breaths or 0) * breath_seconds


@dataclass(frozen=True)
class Dose:
    """The starting dose, how often, and what each source says (with the range when they differ)."""

    hold: Hold | None
    repetitions: int | None
    per_side: bool
    sets: int | None
    how_often: str
    start: str
    agreement: str
    range: str
    sources: tuple[Source, ...]

    @property
    def repetition_target(self) -> int | None:
        """Repetitions to count in one session: both sides together when done per side."""
        if self.repetitions is None:
            return None
        return self.repetitions * (2 if self.per_side else 1)

    @property
    def references(self) -> tuple[str, ...]:
        """Every reference key behind the dose, once each."""
        return tuple(dict.fromkeys(key for source in self.sources for key in source.references))


@dataclass(frozen=True)
class Step:
    """One numbered step: what to do, the pose to draw, and whether this is the hold."""

    number: int
    text: str
    pose: Pose
    hold: bool = False


@dataclass(frozen=True)
class Exercise:
    """One exercise, as ``data/exercises.yaml`` describes it."""

    id: str
    name: str
    kind: str
    purpose: str
    muscles: tuple[Muscle, ...]
    muscles_note: str | None
    starting_position: str
    steps: tuple[Step, ...]
    dose: Dose
    progression: Cue
    stop_if: tuple[Cue, ...]
    ask_first: tuple[Cue, ...]
    references: tuple[str, ...]

    def step(self, index: int) -> Step:
        """Return a step by 0-based index, or raise IndexError naming the valid range."""
        if not 0 <= index < len(self.steps):
            raise IndexError(
                f"{self.id} has steps 0 to {len(self.steps) - 1} (0-based); there is no step {index}"
            )
        return self.steps[index]


@dataclass(frozen=True)
class Library:
    """Every exercise, the general safety cues and the disclaimer."""

    disclaimer: str
    breath_seconds: int
    safety_cues: tuple[SafetyCue, ...]
    exercises: tuple[Exercise, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The exercise ids, in data order."""
        return tuple(exercise.id for exercise in self.exercises)

    def exercise(self, exercise_id: str) -> Exercise:
        """Return one exercise, or raise UnknownExerciseError suggesting close ids."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise UnknownExerciseError(unknown_exercise_message(exercise_id, list(self.ids)))

    def cue(self, cue_id: str) -> SafetyCue:
        """Return one general safety cue by id."""
        for cue in self.safety_cues:
            if cue.id == cue_id:
                return cue
        raise KeyError(f"no safety cue '{cue_id}' in {DATA_FILE}")


def unknown_exercise_message(exercise_id: str, known: list[str]) -> str:
    """Say an exercise id is unknown, suggesting the closest ids.

    Examples
    --------
    >>> print(unknown_exercise_message("bridges", ["bridge", "walking"]))
    unknown exercise 'bridges' (did you mean 'bridge'?); known: bridge, walking
    """
    close = difflib.get_close_matches(exercise_id, known, n=2)
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    return f"unknown exercise {exercise_id!r}{hint}; known: {', '.join(known)}"


# --- loading ----------------------------------------------------------------------------


def load_library() -> Library:
    """Read, validate and check ``data/exercises.yaml`` (``course.content`` caches the file)."""
    return build_library(content.document(DOCUMENT), muscle_names())


def muscle_names() -> dict[str, str]:
    """Names of the muscles and fasciae of ``data/anatomy.csv``, by id."""
    return {
        row["id"]: row["structure"]
        for row in content.table("anatomy")
        if row.get("group") in ("muscle", "fascia")
    }


def build_library(raw: Mapping[str, Any], muscles: Mapping[str, str]) -> Library:
    """Build the library from a schema-valid document, checking what the schema cannot."""
    poses = raw["poses"]
    exercises = tuple(to_exercise(item, poses, muscles) for item in raw["exercises"])
    check_unique_ids([exercise.id for exercise in exercises], "exercises")
    cues = tuple(SafetyCue(c["id"], c["text"], tuple(c["references"])) for c in raw["safety_cues"])
    check_unique_ids([cue.id for cue in cues], "safety_cues")
    library = Library(raw["disclaimer"], int(raw["breath_seconds"]), cues, exercises)
    for cue_id in HURTS_CUES:
        if cue_id not in {cue.id for cue in cues}:
            raise ContentError(
                DATA_FILE,
                "safety_cues",
                f"has no cue '{cue_id}', which the 'This hurts' advice shows",
                f"add a safety cue with id '{cue_id}'",
            )
    return library


def to_exercise(
    raw: Mapping[str, Any], poses: Mapping[str, Mapping[str, Any]], muscles: Mapping[str, str]
) -> Exercise:
    """Build one exercise from its entry."""
    where = f"exercises (id '{raw['id']}')"
    steps = tuple(
        to_step(number, item, poses, f"{where} > steps[{number - 1}]")
        for number, item in enumerate(raw["steps"], start=1)
    )
    exercise = Exercise(
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        purpose=raw["purpose"].strip(),
        muscles=tuple(to_muscle(item, muscles, where) for item in raw["muscles"]),
        muscles_note=(raw.get("muscles_note") or "").strip() or None,
        starting_position=raw["starting_position"],
        steps=steps,
        dose=to_dose(raw["dose"]),
        progression=to_cue(raw["progression"]),
        stop_if=tuple(to_cue(item) for item in raw["stop_if"]),
        ask_first=tuple(to_cue(item) for item in raw["ask_first"]),
        references=tuple(raw["references"]),
    )
    check_holds(exercise, where)
    return exercise


def to_step(number: int, raw: Mapping[str, Any], poses: Mapping[str, Any], where: str) -> Step:
    """Build one step, resolving its pose (a name, or inline) and adding its arrows."""
    pose = with_arrows(parse_pose(raw["pose"], poses, where), raw.get("arrows", []))
    return Step(number, raw["text"].strip(), pose, bool(raw.get("hold", False)))


def to_muscle(raw: Mapping[str, Any], muscles: Mapping[str, str], where: str) -> Muscle:
    """Build one muscle entry; its id must be a muscle or fascia of ``data/anatomy.csv``."""
    if raw["id"] not in muscles:
        known = ", ".join(sorted(muscles))
        raise ContentError(
            DATA_FILE,
            f"{where} > muscles",
            f"'{raw['id']}' is not a muscle or fascia in data/anatomy.csv",
            f"use one of: {known}",
        )
    return Muscle(raw["id"], muscles[raw["id"]], raw["role"], raw["how"], tuple(raw["references"]))


def to_dose(raw: Mapping[str, Any]) -> Dose:
    """Build the dose and its sources."""
    hold = raw.get("hold")
    return Dose(
        hold=Hold(hold.get("seconds"), hold.get("breaths")) if hold else None,
        repetitions=raw["repetitions"],
        per_side=bool(raw["per_side"]),
        sets=raw["sets"],
        how_often=raw["how_often"],
        start=raw["start"],
        agreement=raw["agreement"],
        range=" ".join(raw["range"].split()),
        sources=tuple(
            Source(item["who"], " ".join(item["says"].split()), tuple(item["references"]))
            for item in raw["sources"]
        ),
    )


def to_cue(raw: Mapping[str, Any]) -> Cue:
    """Build a piece of advice with its references."""
    return Cue(" ".join(raw["text"].split()), tuple(raw["references"]))


def check_holds(exercise: Exercise, where: str) -> None:
    """A step marked as the hold needs a hold in the dose, and a dose hold needs such a step."""
    hold_steps = [step.number for step in exercise.steps if step.hold]
    if hold_steps and exercise.dose.hold is None:
        raise ContentError(
            DATA_FILE,
            f"{where} > steps[{hold_steps[0] - 1}]",
            "is marked 'hold: true' but the dose has no hold",
            "give the dose a hold (seconds or breaths) or remove 'hold: true'",
        )
    if exercise.dose.hold is not None and not hold_steps:
        raise ContentError(
            DATA_FILE,
            f"{where} > dose > hold",
            "gives a hold but no step is marked 'hold: true'",
            "mark the step where the learner holds with 'hold: true'",
        )


def check_unique_ids(ids: Sequence[str], section: str) -> None:
    """Raise a ContentError naming the first id used twice."""
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ContentError(
                DATA_FILE,
                f"{section} (id '{item_id}')",
                "the id is used twice",
                "give each its own id",
            )
        seen.add(item_id)


def check_exercises() -> list[ContentError]:
    """For ``python -m course check``: the exercises load and every step's pose can be drawn."""
    from course.poses import joint_points

    try:
        library = load_library()
        for exercise in library.exercises:
            for step in exercise.steps:
                joint_points(step.pose)
    except ContentError as exc:
        return [exc]
    return []


# --- the step player's state --------------------------------------------------------------


@dataclass(frozen=True)
class PlayerState:
    """Where a learner is in one exercise: the step, repetitions counted, stopped or finished."""

    exercise_id: str
    steps_total: int
    step: int = 0
    furthest: int = 0
    reps: int = 0
    stopped: bool = False
    finished: bool = False

    @property
    def steps_done(self) -> int:
        """Steps the learner has reached so far (the current one included)."""
        return self.furthest + 1

    @property
    def at_first(self) -> bool:
        return self.step == 0

    @property
    def at_last(self) -> bool:
        return self.step == self.steps_total - 1

    @property
    def active(self) -> bool:
        """True while the learner can move through the steps."""
        return not (self.stopped or self.finished)


def start_session(exercise: Exercise) -> PlayerState:
    """A fresh session at the first step."""
    return PlayerState(exercise.id, len(exercise.steps))


def require_active(state: PlayerState, verb: str) -> None:
    """Raise PlayerStateError when the session was stopped or finished."""
    if state.stopped:
        raise PlayerStateError(
            f"cannot {verb}: the exercise was stopped because it hurt; press 'Start again' to restart"
        )
    if state.finished:
        raise PlayerStateError(f"cannot {verb}: the exercise is finished; press 'Start again'")


def next_step(state: PlayerState) -> PlayerState:
    """Move to the next step (staying on the last one).

    Examples
    --------
    >>> state = PlayerState("bridge", steps_total=2)
    >>> next_step(next_step(state)).step
    1
    """
    require_active(state, "go to the next step")
    step = min(state.step + 1, state.steps_total - 1)
    return replace(state, step=step, furthest=max(state.furthest, step))


def previous_step(state: PlayerState) -> PlayerState:
    """Move back one step (staying on the first one)."""
    require_active(state, "go back a step")
    return replace(state, step=max(state.step - 1, 0))


def go_to_step(state: PlayerState, index: int) -> PlayerState:
    """Jump to a step by 0-based index."""
    require_active(state, "change step")
    if not 0 <= index < state.steps_total:
        raise IndexError(f"steps are numbered 0 to {state.steps_total - 1} (0-based)")
    return replace(state, step=index, furthest=max(state.furthest, index))


def count_rep(state: PlayerState) -> PlayerState:
    """Count one more repetition."""
    require_active(state, "count a repetition")
    return replace(state, reps=state.reps + 1)


def stop_for_pain(state: PlayerState) -> PlayerState:
    """Stop the exercise because it hurts."""
    return replace(state, stopped=True)


def finish_session(state: PlayerState) -> PlayerState:
    """Mark the exercise finished (it can be finished early, with fewer steps done)."""
    require_active(state, "finish")
    return replace(state, finished=True)


def completed(state: PlayerState) -> bool:
    """True when the learner reached the last step and finished without stopping."""
    return state.finished and not state.stopped and state.steps_done == state.steps_total


# --- the safety check --------------------------------------------------------------------


@dataclass(frozen=True)
class SafetyOutcome:
    """What the safety check found, and what to do.

    ``locked`` is True for an emergency sign: the player then shows the urgent-care
    message instead of the exercises.
    """

    urgency: str
    locked: bool
    heading: str
    message: str
    action: str
    reasons: tuple[str, ...]
    references: tuple[str, ...]
    disclaimer: str

    @property
    def status(self) -> str:
        """``"emergency"``, ``"see-clinician"`` or ``"clear"``."""
        return {"emergency": "emergency", "soon": "see-clinician"}.get(self.urgency, "clear")


def check_in_signs(rules: Rules | None = None) -> tuple[Any, ...]:
    """The signs the check-in asks about: the emergency signs, then the "see a clinician soon" ones."""
    rules = rules or load_rules()
    return tuple(sign for urgency in CHECK_URGENCIES for sign in rules.signs_with(urgency))


def check_safety(sign_ids: Iterable[str], rules: Rules | None = None) -> SafetyOutcome:
    """Decide, from the ticked signs, whether the learner may do the exercises now.

    Any emergency sign: no exercises, emergency care now. A "see a clinician soon"
    sign: see a clinician within days and ask them before exercising. None: the
    general cues apply.

    Raises
    ------
    AnswerError
        If an id is not one of the check-in's signs.

    Examples
    --------
    >>> outcome = check_safety(["saddle-numbness", "high-temperature"])
    >>> outcome.status, outcome.locked
    ('emergency', True)
    >>> check_safety(["weight-loss"]).status
    'see-clinician'
    """
    rules = rules or load_rules()
    ids = list(dict.fromkeys(sign_ids))
    asked = {sign.id for sign in check_in_signs(rules)}
    unknown = [sign_id for sign_id in ids if sign_id not in asked]
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(asked), n=2)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise AnswerError(f"{unknown[0]!r} is not one of the safety check's signs{hint}")
    result = triage(ids, rules)
    return SafetyOutcome(
        urgency=result.urgency,
        locked=result.urgency == "emergency",
        heading=SAFETY_HEADINGS[result.urgency],
        message=SAFETY_MESSAGES[result.urgency],
        action=result.action,
        reasons=tuple(reason.text for reason in result.reasons),
        references=result.references,
        disclaimer=result.disclaimer,
    )


SAFETY_HEADINGS = {
    "emergency": "⚠ Emergency now: do not do these exercises",
    "soon": "☎ See a clinician within days, before these exercises",
    "routine": "✔ No warning sign ticked: you can try the exercises",
}
SAFETY_MESSAGES = {
    "emergency": (
        "You ticked a sign that needs emergency assessment now. "
        "Exercises will not help it, and waiting can make the outcome worse."
    ),
    "soon": (
        "You ticked a sign that a clinician should check within days. "
        "Ask them which exercises are safe for you before you start; "
        "until then you can read the steps, but do not do the exercises."
    ),
    "routine": (
        "Start gently, move only as far as is comfortable, and stop an exercise "
        "that makes your symptoms worse or causes new pain."
    ),
}


# --- "This hurts": when to stop, and the red-flag advice ------------------------------------


@dataclass(frozen=True)
class StopGuidance:
    """What the player shows when the learner presses "This hurts"."""

    exercise_name: str
    stop_if: tuple[Cue, ...]
    general: tuple[SafetyCue, ...]
    emergency_signs: tuple[str, ...]
    emergency_action: str
    soon_action: str
    references: tuple[str, ...]


def stop_guidance(
    exercise: Exercise, library: Library | None = None, rules: Rules | None = None
) -> StopGuidance:
    """The exercise's stop-if rules, the general cues, and the emergency signs with what to do."""
    library = library or load_library()
    rules = rules or load_rules()
    general = tuple(library.cue(cue_id) for cue_id in HURTS_CUES)
    emergency = rules.urgency("emergency")
    soon = rules.urgency("soon")
    keys = [key for cue in exercise.stop_if for key in cue.references]
    keys += [key for safety_cue in general for key in safety_cue.references]
    keys += [*emergency.references, *soon.references]
    return StopGuidance(
        exercise_name=exercise.name,
        stop_if=exercise.stop_if,
        general=general,
        emergency_signs=tuple(sign.text for sign in rules.signs_with("emergency")),
        emergency_action=" ".join(emergency.action.split()),
        soon_action=" ".join(soon.action.split()),
        references=tuple(dict.fromkeys(keys)),
    )


def cite(keys: Iterable[str]) -> str:
    """Reference keys as a short bracketed list for HTML.

    Examples
    --------
    >>> cite(["NHS-Exercises", "GSTT-LBP"])
    '<span class="course-cite">[NHS-Exercises; GSTT-LBP]</span>'
    """
    return f'<span class="course-cite">[{escape("; ".join(keys))}]</span>'


def stop_guidance_html(guidance: StopGuidance) -> str:
    """The "This hurts" advice as HTML: stop now, when to stop, and the emergency signs."""
    rules = "".join(f"<li>{escape(c.text)} {cite(c.references)}</li>" for c in guidance.stop_if)
    general = "".join(f"<li>{escape(c.text)} {cite(c.references)}</li>" for c in guidance.general)
    signs = "".join(f"<li>{escape(text)}</li>" for text in guidance.emergency_signs)
    return (
        '<div class="course-hurts" role="alert">'
        f"<p><strong>■ Stopped: {escape(guidance.exercise_name)}.</strong> "
        "Stop this exercise now and rest in a position that feels comfortable.</p>"
        f"<p><strong>Stop if:</strong></p><ul>{rules}</ul>"
        f"<p><strong>Remember:</strong></p><ul>{general}</ul>"
        "<p><strong>⚠ Get emergency care now</strong> if back pain comes with any of these:</p>"
        f"<ul>{signs}</ul><p>{escape(guidance.emergency_action)}</p>"
        f"<p>{escape(guidance.soon_action)}</p>"
        "</div>"
    )


# --- describing an exercise ---------------------------------------------------------------

AGREEMENT_WORDS = {
    "agree": "The sources agree",
    "differ": "The sources differ",
    "single-source": "One source gives a dose",
    "no-primary-dose": "No dose from a primary source",
}
ROLE_WORDS = {"works": "works", "stretches": "stretches", "steadies": "steadies"}


def muscles_text(exercise: Exercise) -> str:
    """The muscles in words, with what the exercise does to each.

    Examples
    --------
    >>> muscles_text(load_library().exercise("pelvic-tilt"))
    'works Transversus abdominis'
    """
    return "; ".join(f"{ROLE_WORDS[m.role]} {m.name}" for m in exercise.muscles)


def dose_html(exercise: Exercise) -> str:
    """The starting dose, how often, and each source's advice (the range when they differ)."""
    dose = exercise.dose
    sources = "".join(
        f"<li><strong>{escape(s.who)}:</strong> {escape(s.says)} {cite(s.references)}</li>"
        for s in dose.sources
    )
    listed = f"<ul>{sources}</ul>" if sources else ""
    return (
        f'<div class="course-dose"><p><strong>Start with:</strong> {escape(dose.start)} '
        f"<strong>How often:</strong> {escape(dose.how_often)}</p>"
        f"<p><strong>{AGREEMENT_WORDS[dose.agreement]}.</strong> {escape(dose.range)}</p>"
        f"{listed}</div>"
    )


def exercise_summary_html(exercise: Exercise) -> str:
    """The exercise's purpose, muscles, starting position, dose, progression and cautions."""
    muscles = "".join(
        f"<li><strong>{escape(m.name)}</strong> ({m.role}): {escape(m.how)} {cite(m.references)}</li>"
        for m in exercise.muscles
    )
    note = f"<p>{escape(exercise.muscles_note)}</p>" if exercise.muscles_note else ""
    ask = "".join(f"<li>{escape(c.text)} {cite(c.references)}</li>" for c in exercise.ask_first)
    stop = "".join(f"<li>{escape(c.text)} {cite(c.references)}</li>" for c in exercise.stop_if)
    progression = exercise.progression
    return (
        f'<div class="course-exercise-summary"><h4>{escape(exercise.name)}</h4>'
        f"<p>{escape(exercise.purpose)} {cite(exercise.references)}</p>"
        f"<p><strong>Muscles:</strong></p><ul>{muscles}</ul>{note}"
        f"<p><strong>Starting position:</strong> {escape(exercise.starting_position)}</p>"
        f"{dose_html(exercise)}"
        f"<p><strong>Build up:</strong> {escape(progression.text)} {cite(progression.references)}</p>"
        f"<p><strong>Stop if:</strong></p><ul>{stop}</ul>"
        f"<p><strong>Ask a clinician first:</strong></p><ul>{ask}</ul></div>"
    )


def exercises_frame(library: Library | None = None) -> pd.DataFrame:
    """Every exercise in one table: kind, muscles, starting dose, and whether sources agree."""
    library = library or load_library()
    rows = [
        {
            "Exercise": exercise.name,
            "Kind": exercise.kind,
            "Muscles": muscles_text(exercise),
            "Start with": exercise.dose.start,
            "Sources": AGREEMENT_WORDS[exercise.dose.agreement],
        }
        for exercise in library.exercises
    ]
    return pd.DataFrame(rows, columns=["Exercise", "Kind", "Muscles", "Start with", "Sources"])


def frame_html(frame: pd.DataFrame, caption: str) -> str:
    """A DataFrame as an accessible HTML table: a caption, column headers, no index, escaped."""
    head = "".join(f'<th scope="col">{escape(str(column))}</th>' for column in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(value))}</td>" for value in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f'<table class="course-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


# --- the routine builder --------------------------------------------------------------------


@dataclass(frozen=True)
class Routine:
    """The exercises and days a learner chose, and the title they gave their plan."""

    exercise_ids: tuple[str, ...]
    days: tuple[str, ...]
    title: str = DEFAULT_TITLE


def clean_title(title: str | None) -> str:
    """A plan title: spaces tidied, at most 80 characters, the default when empty.

    Examples
    --------
    >>> clean_title("  My   plan ")
    'My plan'
    >>> clean_title("")
    'My weekly back exercise plan'
    """
    words = " ".join((title or "").split())
    return words[:TITLE_MAX] or DEFAULT_TITLE


def build_routine(
    exercise_ids: Iterable[str],
    days: Iterable[str],
    title: str | None = None,
    library: Library | None = None,
) -> Routine:
    """Check the learner's choices and return a routine (exercises and days in their usual order).

    Raises
    ------
    AnswerError
        If no exercise or no day is chosen, or a name is not one the course knows.

    Examples
    --------
    >>> build_routine(["bridge", "pelvic-tilt"], ["Friday", "Monday"]).days
    ('Monday', 'Friday')
    """
    library = library or load_library()
    chosen = set(exercise_ids)
    chosen_days = {day.strip().title() for day in days}
    if not chosen:
        raise AnswerError("Choose at least one exercise for your plan.")
    if not chosen_days:
        raise AnswerError("Choose at least one day for your plan.")
    unknown = sorted(chosen - set(library.ids))
    if unknown:
        raise AnswerError(unknown_exercise_message(unknown[0], list(library.ids)))
    wrong_days = sorted(chosen_days - set(DAYS))
    if wrong_days:
        raise AnswerError(f"{wrong_days[0]!r} is not a day of the week; use {', '.join(DAYS)}")
    return Routine(
        exercise_ids=tuple(i for i in library.ids if i in chosen),
        days=tuple(day for day in DAYS if day in chosen_days),
        title=clean_title(title),
    )


def weekly_plan(routine: Routine, library: Library | None = None) -> pd.DataFrame:
    """The weekly plan: one row for each chosen exercise on each chosen day.

    Examples
    --------
    >>> plan = weekly_plan(build_routine(["pelvic-tilt"], ["Monday", "Thursday"]))
    >>> list(plan["Day"]), list(plan.columns)[:3]
    (['Monday', 'Thursday'], ['Day', 'Exercise', 'Dose'])
    """
    library = library or load_library()
    rows = []
    for day in routine.days:
        for exercise_id in routine.exercise_ids:
            exercise = library.exercise(exercise_id)
            rows.append(
                {
                    "Day": day,
                    "Exercise": exercise.name,
                    "Dose": exercise.dose.start,
                    "How often": exercise.dose.how_often,
                    "Build up": exercise.progression.text,
                    "Stop if": " ".join(cue.text for cue in exercise.stop_if),
                }
            )
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS))


def safe_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Bridge")
    ("'=HYPERLINK(1)", 'Bridge')
    """
    text = str(value)
    return f"'{text}" if text.startswith(CSV_RISKY_STARTS) else text


def plan_csv(plan: pd.DataFrame, title: str = DEFAULT_TITLE) -> str:
    """The plan as CSV text: a title line, a header, then one line per row (cells made safe)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(clean_title(title))])
    writer.writerow(list(plan.columns))
    for row in plan.itertuples(index=False):
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()


PRINT_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;line-height:1.45;color:#111}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #777;padding:.35em .5em;"
    "text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold;margin:.5em 0}"
    ".warn{border:2px solid #111;padding:.5em 1em}@media print{a{color:inherit}}"
)


def plan_html_page(
    routine: Routine, library: Library | None = None, rules: Rules | None = None
) -> str:
    """A printable HTML page of the plan, with the safety cues and the emergency signs.

    Every string the learner chose (the title, and the names behind the ids) is escaped.
    """
    library = library or load_library()
    rules = rules or load_rules()
    plan = weekly_plan(routine, library)
    title = escape(clean_title(routine.title))
    cues = "".join(f"<li>{escape(' '.join(cue.text.split()))}</li>" for cue in library.safety_cues)
    signs = "".join(f"<li>{escape(sign.text)}</li>" for sign in rules.signs_with("emergency"))
    action = escape(" ".join(rules.urgency("emergency").action.split()))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{PRINT_CSS}</style></head><body>"
        f"<h1>{title}</h1><p><em>{escape(' '.join(library.disclaimer.split()))}</em></p>"
        f'<div class="warn"><p><strong>⚠ Get emergency care now, not exercise,</strong> if back pain '
        f"comes with any of these:</p><ul>{signs}</ul><p>{action}</p></div>"
        f"{frame_html(plan, 'Your week')}"
        f"<h2>Safety, every time</h2><ul>{cues}</ul>"
        "<p>Made with the lower back course, lesson 05 (exercises, step by step).</p>"
        "</body></html>"
    )


@dataclass(frozen=True)
class PlanFiles:
    """Where the plan was saved."""

    csv: Path
    html: Path


def save_plan(
    routine: Routine, folder: Path | str | None = None, library: Library | None = None
) -> PlanFiles:
    """Write the plan as ``weekly-plan.csv`` and ``weekly-plan.html`` (fixed names, never the title)."""
    library = library or load_library()
    target = Path(folder) if folder is not None else paths.output_dir()
    target.mkdir(parents=True, exist_ok=True)
    files = PlanFiles(target / "weekly-plan.csv", target / "weekly-plan.html")
    files.csv.write_text(plan_csv(weekly_plan(routine, library), routine.title), encoding="utf-8")
    files.html.write_text(plan_html_page(routine, library), encoding="utf-8")
    return files
