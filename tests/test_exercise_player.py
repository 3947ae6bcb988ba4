"""Lesson 05's widgets, driven through their verbs and buttons: safety check, player, routine builder."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from course import exercises as ex
from course.errors import AnswerError
from course.progress import default_store, reset_default_store
from course.triage import load_rules
from course.widgets import exercise_player as view
from course.widgets.exercise_player import (
    ExercisePlayer,
    MemoryRecorder,
    RoutineBuilder,
    SafetyCheck,
)

RULES = load_rules()
LIBRARY = ex.load_library()
EMERGENCY = [sign.id for sign in RULES.signs_with("emergency")]
SOON = [sign.id for sign in RULES.signs_with("soon")]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def check() -> SafetyCheck:
    return SafetyCheck(RULES)


@pytest.fixture
def store() -> MemoryRecorder:
    return MemoryRecorder()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def player(check: SafetyCheck, store: MemoryRecorder, clock: Clock) -> ExercisePlayer:
    return ExercisePlayer("bridge", safety=check, store=store, clock=clock)


@pytest.fixture
def ready(player: ExercisePlayer) -> ExercisePlayer:
    player.answer_safety_check()
    return player


@pytest.fixture
def fresh_shared() -> Iterator[None]:
    """Forget the notebook-wide safety check before and after a test."""
    view._SHARED = None
    yield
    view._SHARED = None


def shown(widget: widgets.Widget) -> bool:
    return widget.layout.display != "none"


def click(button: widgets.Button) -> None:
    button.click()


def go_to_hold(player: ExercisePlayer) -> None:
    while not player.current_step.hold:
        player.next()


# --- the safety check widget ----------------------------------------------------------------


def test_check_lists_every_emergency_and_soon_sign_under_two_headings(check: SafetyCheck) -> None:
    assert list(check.boxes) == EMERGENCY + SOON
    for sign_id in EMERGENCY + SOON:
        assert check.boxes[sign_id].description == RULES.sign(sign_id).text
    grid = next(child for child in check.children if isinstance(child, widgets.GridBox))
    headings = [group.children[0].value for group in grid.children]
    assert ["Emergency" in headings[0], "within days" in headings[1]] == [True, True]


def test_check_starts_unanswered_and_its_repr_is_stable(check: SafetyCheck) -> None:
    assert check.state == {"ticked": [], "status": None, "locked": True}
    assert repr(check) == f"SafetyCheck({len(EMERGENCY + SOON)} signs, not answered)"
    assert "locked" in check.result.value


def test_none_of_these_button_answers_with_nothing_ticked(check: SafetyCheck) -> None:
    check.boxes["weight-loss"].value = True
    click(check.none_button)
    assert check.state == {"ticked": [], "status": "clear", "locked": False}
    assert "No warning sign ticked" in check.result.value
    assert repr(check).endswith("answered: clear)")


def test_check_button_answers_with_the_ticked_boxes(check: SafetyCheck) -> None:
    check.boxes["both-legs"].value = True
    click(check.check_button)
    assert check.state["status"] == "emergency"
    assert 'role="alert"' in check.result.value and "Emergency now" in check.result.value


def test_changing_a_tick_after_answering_asks_to_check_again(check: SafetyCheck) -> None:
    seen: list[Any] = []
    check.on_answer(seen.append)
    check.answer_safety_check()
    check.boxes["weight-loss"].value = True
    assert check.outcome is None and check.result.value == view.CHECK_CHANGED
    assert seen[0].status == "clear" and seen[-1] is None


def test_an_unknown_sign_ticks_nothing(check: SafetyCheck) -> None:
    with pytest.raises(AnswerError):
        check.answer_safety_check("both-legs", "no-such-sign")
    assert check.ticked == () and check.outcome is None


def test_reset_unticks_and_locks_again(check: SafetyCheck) -> None:
    check.answer_safety_check("weight-loss")
    check.reset()
    assert check.state == {"ticked": [], "status": None, "locked": True}


# --- the player is locked until the check is answered -----------------------------------------


def test_player_is_locked_until_the_check_is_answered(player: ExercisePlayer) -> None:
    assert player.state["locked"] and player.state["safety"] is None
    assert shown(player.lock_box) and not shown(player.body)
    assert player.safety in player.lock_box.children
    assert "Locked until the safety check is answered" in player.lock.value
    for verb in (player.next, player.previous, player.start_hold, player.count_rep, player.finish):
        with pytest.raises(ex.PlayerStateError, match="safety check"):
            verb()
    assert repr(player) == (
        "ExercisePlayer('bridge', step 1 of 5, locked until the safety check is answered)"
    )


def test_answering_with_nothing_ticked_unlocks_the_player(ready: ExercisePlayer) -> None:
    assert not ready.state["locked"] and ready.state["safety"] == "clear"
    assert shown(ready.body) and not shown(ready.lock_box)
    assert ready.caution.value == ""
    assert repr(ready) == "ExercisePlayer('bridge', step 1 of 5, ready)"


@pytest.mark.parametrize("sign_id", EMERGENCY)
def test_every_emergency_sign_shows_urgent_care_instead_of_the_exercises(
    player: ExercisePlayer, sign_id: str
) -> None:
    player.answer_safety_check(sign_id)
    assert player.state["locked"] and player.state["safety"] == "emergency"
    assert shown(player.lock_box) and not shown(player.body)
    assert player.lock_box.children == (player.lock,)
    assert "Emergency now" in player.lock.value and "999" in player.lock.value
    assert 'role="alert"' in player.lock.value
    with pytest.raises(ex.PlayerStateError, match="emergency"):
        player.next()
    assert repr(player).endswith("locked: emergency sign ticked)")


@pytest.mark.parametrize("sign_id", SOON)
def test_every_soon_sign_shows_the_see_a_clinician_advice_above_the_steps(
    player: ExercisePlayer, sign_id: str
) -> None:
    player.answer_safety_check(sign_id)
    assert not player.state["locked"] and player.state["safety"] == "see-clinician"
    assert shown(player.body)
    assert "See a clinician within days" in player.caution.value
    assert "do not do the exercises" in player.caution.value


def test_one_check_locks_and_unlocks_every_player_that_shares_it(check: SafetyCheck) -> None:
    players = [
        ExercisePlayer(i, safety=check, store=MemoryRecorder()) for i in ("bridge", "walking")
    ]
    check.answer_safety_check()
    assert [p.state["locked"] for p in players] == [False, False]
    check.answer_safety_check("chest-pain")
    assert [p.state["locked"] for p in players] == [True, True]


# --- stepping through an exercise ------------------------------------------------------------


def test_next_and_previous_move_the_picture_and_the_buttons(ready: ExercisePlayer) -> None:
    bridge = LIBRARY.exercise("bridge")
    assert ready.previous_button.disabled and not ready.next_button.disabled
    assert "Step 1 of 5." in ready.picture.value
    click(ready.next_button)
    assert ready.state["step"] == 2
    assert escape_text(bridge.steps[1].text) in ready.picture.value
    assert 'alt="Bridge (hip raise), step 2 of 5: a stick figure' in ready.picture.value
    for _ in range(5):
        ready.next()
    assert ready.state["step"] == 5 and ready.next_button.disabled
    click(ready.previous_button)
    assert ready.state["step"] == 4


def escape_text(text: str) -> str:
    return text.replace("'", "&#x27;")


def test_the_hold_timer_shows_only_on_the_hold_step(ready: ExercisePlayer) -> None:
    assert not shown(ready.hold_box)
    go_to_hold(ready)
    assert shown(ready.hold_box) and ready.state["hold_step"]
    assert "Hold for 3 deep breaths" in ready.hold_text.value
    seconds = 3 * LIBRARY.breath_seconds
    assert ready.state["hold_seconds"] == seconds
    assert ready.play.max == ready.timer.max == seconds


def test_start_hold_starts_the_browser_timer_from_zero(ready: ExercisePlayer) -> None:
    go_to_hold(ready)
    ready.play.value = 4
    click(ready.hold_button)
    assert ready.play.playing and ready.play.value == 0 and ready.state["holding"]
    assert ready.play.interval == 1000 and ready.play.step == 1


def test_the_timer_is_linked_in_the_browser(ready: ExercisePlayer) -> None:
    link = ready.timer_link
    assert link.source == (ready.play, "value") and link.target == (ready.timer, "value")
    assert type(link).__name__ == "Link"  # jslink: the browser moves the slider, not the kernel


def test_start_hold_on_a_step_without_a_hold_is_refused(ready: ExercisePlayer) -> None:
    with pytest.raises(ex.PlayerStateError, match="no hold"):
        ready.start_hold()
    click(ready.hold_button)
    assert "no hold" in ready.message.value


def test_moving_on_stops_the_timer(ready: ExercisePlayer) -> None:
    go_to_hold(ready)
    ready.start_hold()
    ready.next()
    assert not ready.play.playing and ready.play.value == 0


def test_count_rep_moves_the_counter(ready: ExercisePlayer) -> None:
    click(ready.rep_button)
    ready.count_rep()
    assert ready.state["reps"] == 2 and ready.rep_bar.value == 2 and ready.rep_bar.max == 5
    assert "2 of 5" in ready.rep_text.value


def test_per_side_exercises_count_both_sides(check: SafetyCheck) -> None:
    check.answer_safety_check()
    player = ExercisePlayer("knee-to-chest", safety=check, store=MemoryRecorder())
    player.count_rep()
    assert "1 of 6" in player.rep_text.value and "3 each side" in player.rep_text.value


def test_exercises_without_a_dose_count_without_a_target(check: SafetyCheck) -> None:
    check.answer_safety_check()
    player = ExercisePlayer("cat-cow", safety=check, store=MemoryRecorder())
    player.count_rep()
    assert not shown(player.rep_bar) and not shown(player.hold_box)
    assert "no number from a primary source" in player.rep_text.value
    for _ in range(4):
        player.next()
    assert not shown(player.hold_box)


# --- "This hurts", "Finished" and "Start again" ----------------------------------------------


def test_this_hurts_stops_and_shows_stop_rules_and_red_flag_advice(
    ready: ExercisePlayer, store: MemoryRecorder
) -> None:
    go_to_hold(ready)
    ready.start_hold()
    click(ready.hurts_button)
    state = ready.state
    assert state["stopped"] and not state["holding"]
    page = ready.message.value
    assert 'role="alert"' in page and "Stop this exercise now" in page
    for cue in LIBRARY.exercise("bridge").stop_if:
        assert cue.text in page
    for sign_id in EMERGENCY:
        assert escape_text(RULES.sign(sign_id).text) in page
    assert "999" in page
    assert ready.next_button.disabled and ready.rep_button.disabled and ready.hurts_button.disabled
    with pytest.raises(ex.PlayerStateError, match="hurt"):
        ready.next()
    assert store.sessions == [
        {
            "exercise_id": "bridge",
            "completed": False,
            "steps_done": 4,
            "steps_total": 5,
            "seconds": 0.0,
        }
    ]
    assert repr(ready).endswith("stopped: it hurt)")


def test_this_hurts_works_before_any_step_but_not_before_the_check(player: ExercisePlayer) -> None:
    with pytest.raises(ex.PlayerStateError, match="safety check"):
        player.hurts()
    player.answer_safety_check()
    assert player.hurts().state["stopped"]


def test_finished_records_a_complete_session(
    ready: ExercisePlayer, store: MemoryRecorder, clock: Clock
) -> None:
    for _ in range(4):
        ready.next()
    ready.count_rep()
    clock.now += 42.5
    click(ready.finish_button)
    assert store.sessions == [
        {
            "exercise_id": "bridge",
            "completed": True,
            "steps_done": 5,
            "steps_total": 5,
            "seconds": 42.5,
        }
    ]
    assert (
        "Well done" in ready.message.value and "5 of 5 steps, 1 repetitions" in ready.message.value
    )
    assert ready.finish_button.disabled and repr(ready).endswith("finished)")


def test_finishing_early_records_an_incomplete_session(
    ready: ExercisePlayer, store: MemoryRecorder
) -> None:
    ready.next().finish()
    assert store.sessions[0]["completed"] is False and store.sessions[0]["steps_done"] == 2
    assert "not every step" in ready.message.value


def test_finished_writes_to_the_progress_store(check: SafetyCheck) -> None:
    reset_default_store()
    check.answer_safety_check()
    player = ExercisePlayer("pelvic-tilt", safety=check)
    for _ in range(3):
        player.next()
    player.finish()
    sessions = default_store().exercise_sessions()
    assert [(s.exercise_id, s.completed, s.steps_done, s.steps_total) for s in sessions] == [
        ("pelvic-tilt", True, 4, 4)
    ]
    reset_default_store()


def test_a_store_that_fails_never_stops_the_lesson(ready: ExercisePlayer) -> None:
    class Broken:
        def record_exercise_session(self, *args: Any, **kwargs: Any) -> None:
            raise OSError("disk full")

    ready.store = Broken()
    ready.finish()
    assert "could not be saved (disk full)" in ready.message.value


def test_start_again_resets_the_session(ready: ExercisePlayer) -> None:
    ready.next().count_rep().hurts()
    click(ready.restart_button)
    assert ready.state["step"] == 1 and ready.state["reps"] == 0 and not ready.state["stopped"]
    assert ready.message.value == ""


def test_choosing_another_exercise_starts_it_from_step_one(ready: ExercisePlayer) -> None:
    ready.next()
    ready.picker.value = "pelvic-tilt"
    assert ready.state["exercise"] == "pelvic-tilt" and ready.state["step"] == 1
    assert ready.play.max == 5 and "Pelvic tilt" in ready.about.value
    ready.choose("walking")
    assert ready.picker.value == "walking" and ready.state["hold_seconds"] is None
    with pytest.raises(ex.UnknownExerciseError):
        ready.choose("jogging")


def test_about_this_exercise_opens_on_request(ready: ExercisePlayer) -> None:
    assert ready.details.selected_index is None
    assert "The sources differ" not in ready.about.value  # the bridge has one source
    assert "One source gives a dose" in ready.about.value


# --- notebook verbs -----------------------------------------------------------------------------


def test_play_exercise_uses_the_shared_safety_check(fresh_shared: None) -> None:
    first = view.play_exercise("bridge")
    second = view.play_exercise("walking")
    assert first.safety is second.safety is view.show_safety_check()
    view.show_safety_check().answer_safety_check()
    assert not first.state["locked"] and not second.state["locked"]


def test_show_exercises_displays_a_table_with_short_text(monkeypatch: pytest.MonkeyPatch) -> None:
    shown_outputs: list[Any] = []
    monkeypatch.setattr(view, "display", lambda obj, raw=False: shown_outputs.append(obj))
    view.show_exercises()
    [output] = shown_outputs
    assert output["text/plain"] == f"{len(LIBRARY.exercises)} exercises"
    assert output["text/html"].startswith('<table class="course-table"><caption>')


# --- the routine builder ---------------------------------------------------------------------


@pytest.fixture
def builder() -> RoutineBuilder:
    return RoutineBuilder(LIBRARY, RULES)


def test_builder_starts_empty(builder: RoutineBuilder) -> None:
    assert builder.state == {"exercises": [], "days": [], "title": ex.DEFAULT_TITLE, "rows": 0}
    assert repr(builder) == "RoutineBuilder(0 exercises, 0 days, no plan yet)"
    assert list(builder.exercise_boxes) == list(LIBRARY.ids)
    assert [t.description for t in builder.day_buttons.values()] == [d[:3] for d in ex.DAYS]


def test_make_plan_button_shows_the_table_and_download_links(builder: RoutineBuilder) -> None:
    builder.choose_exercises("pelvic-tilt", "walking").choose_days("monday", "Thursday")
    click(builder.make_button)
    assert builder.state["rows"] == 4
    assert "<caption>My weekly back exercise plan</caption>" in builder.table.value
    links = dict(
        re.findall(
            r'download="([^"]+)" href="data:[^;]+;charset=utf-8;base64,([^"]+)"',
            builder.downloads.value,
        )
    )
    assert set(links) == {"weekly-plan.csv", "weekly-plan.html"}
    csv_text = base64.b64decode(links["weekly-plan.csv"]).decode("utf-8")
    assert csv_text.splitlines()[1] == ",".join(ex.PLAN_COLUMNS)
    page = base64.b64decode(links["weekly-plan.html"]).decode("utf-8")
    assert "Get emergency care now" in page
    assert repr(builder) == "RoutineBuilder(2 exercises, 2 days, plan made)"


def test_the_learner_s_title_is_escaped_everywhere(builder: RoutineBuilder) -> None:
    builder.choose_exercises("bridge").choose_days("Friday").set_title("<b onmouseover=x>Mine</b>")
    builder.make_plan()
    assert "<b onmouseover" not in builder.table.value
    assert "&lt;b onmouseover=x&gt;Mine&lt;/b&gt;" in builder.table.value
    page = base64.b64decode(
        re.findall(
            r'download="weekly-plan.html" href="data:text/html;charset=utf-8;base64,([^"]+)"',
            builder.downloads.value,
        )[0]
    ).decode("utf-8")
    assert "<b onmouseover" not in page


def test_make_plan_without_choices_explains_what_to_do(builder: RoutineBuilder) -> None:
    click(builder.make_button)
    assert "Choose at least one exercise" in builder.message.value
    builder.choose_exercises("bridge")
    with pytest.raises(AnswerError, match="at least one day"):
        builder.make_plan()


def test_unknown_choices_are_refused_and_change_nothing(builder: RoutineBuilder) -> None:
    with pytest.raises(ex.UnknownExerciseError):
        builder.choose_exercises("bridge", "jogging")
    with pytest.raises(AnswerError, match="not a day"):
        builder.choose_days("Monday", "Funday")
    assert builder.state["exercises"] == [] and builder.state["days"] == []


def test_save_writes_both_files(builder: RoutineBuilder, tmp_path: Path) -> None:
    builder.choose_exercises("bridge").choose_days("Monday")
    files = builder.save(tmp_path)
    assert files.csv.exists() and files.html.exists()
    assert "weekly-plan.csv" in builder.message.value


def test_save_button_writes_to_the_course_output_folder(
    builder: RoutineBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_OUTPUT", str(tmp_path))
    builder.choose_exercises("walking").choose_days("Sunday")
    click(builder.save_button)
    assert (tmp_path / "weekly-plan.html").exists()
