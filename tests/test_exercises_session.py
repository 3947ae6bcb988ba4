"""The pure logic behind the player: step sequencing, the safety check for every sign, "This hurts"."""

from __future__ import annotations

import pytest

from course import exercises as ex
from course.errors import AnswerError
from course.triage import load_rules

RULES = load_rules()
LIBRARY = ex.load_library()
EMERGENCY = [sign.id for sign in RULES.signs_with("emergency")]
SOON = [sign.id for sign in RULES.signs_with("soon")]
ROUTINE = [sign.id for sign in RULES.signs_with("routine")]


# --- step sequencing ----------------------------------------------------------------------


def test_a_session_starts_at_the_first_step_with_nothing_counted() -> None:
    state = ex.start_session(LIBRARY.exercise("bridge"))
    assert (state.step, state.steps_total, state.reps, state.steps_done) == (0, 5, 0, 1)
    assert state.at_first and not state.at_last and state.active


def test_next_and_previous_stay_within_the_steps() -> None:
    state = ex.start_session(LIBRARY.exercise("pelvic-tilt"))
    assert ex.previous_step(state).step == 0
    for _ in range(10):
        state = ex.next_step(state)
    assert state.step == 3 and state.at_last and state.steps_done == 4
    state = ex.previous_step(ex.previous_step(state))
    assert state.step == 1 and state.furthest == 3


def test_go_to_step_checks_the_range() -> None:
    state = ex.start_session(LIBRARY.exercise("pelvic-tilt"))
    assert ex.go_to_step(state, 2).furthest == 2
    with pytest.raises(IndexError):
        ex.go_to_step(state, 4)


def test_count_rep_adds_one_each_time() -> None:
    state = ex.start_session(LIBRARY.exercise("bridge"))
    for _ in range(3):
        state = ex.count_rep(state)
    assert state.reps == 3


def test_stopping_for_pain_blocks_moving_on() -> None:
    state = ex.stop_for_pain(ex.start_session(LIBRARY.exercise("bridge")))
    assert state.stopped and not state.active
    for verb in (ex.next_step, ex.previous_step, ex.count_rep, ex.finish_session):
        with pytest.raises(ex.PlayerStateError, match="hurt"):
            verb(state)


def test_a_finished_session_is_complete_only_when_every_step_was_reached() -> None:
    state = ex.start_session(LIBRARY.exercise("pelvic-tilt"))
    early = ex.finish_session(ex.next_step(state))
    assert early.finished and not ex.completed(early)
    with pytest.raises(ex.PlayerStateError, match="finished"):
        ex.next_step(early)
    for _ in range(3):
        state = ex.next_step(state)
    assert ex.completed(ex.finish_session(state))


def test_repetition_target_counts_both_sides() -> None:
    assert LIBRARY.exercise("knee-to-chest").dose.repetition_target == 6
    assert LIBRARY.exercise("bridge").dose.repetition_target == 5
    assert LIBRARY.exercise("cat-cow").dose.repetition_target is None


def test_hold_timer_seconds_for_seconds_and_breaths() -> None:
    assert LIBRARY.exercise("pelvic-tilt").dose.hold == ex.Hold(seconds=5)
    bridge_hold = LIBRARY.exercise("bridge").dose.hold
    assert bridge_hold is not None and bridge_hold.text == "3 deep breaths"
    assert bridge_hold.timer_seconds(LIBRARY.breath_seconds) == 3 * LIBRARY.breath_seconds


# --- the safety check, for every red-flag sign ----------------------------------------------


def test_the_check_in_asks_about_every_emergency_and_soon_sign_in_that_order() -> None:
    asked = [sign.id for sign in ex.check_in_signs(RULES)]
    assert asked == EMERGENCY + SOON
    assert len(EMERGENCY) >= 8 and len(SOON) >= 10


def test_nothing_ticked_clears_the_exercises() -> None:
    outcome = ex.check_safety([], RULES)
    assert outcome.status == "clear" and not outcome.locked and outcome.reasons == ()
    assert "stop an exercise" in outcome.message


@pytest.mark.parametrize("sign_id", EMERGENCY)
def test_every_emergency_sign_locks_the_exercises_and_sends_to_emergency_care(
    sign_id: str,
) -> None:
    outcome = ex.check_safety([sign_id], RULES)
    assert outcome.status == "emergency" and outcome.locked
    assert outcome.heading.startswith("⚠ Emergency now")
    assert "999" in outcome.action and "emergency department" in outcome.action
    assert outcome.reasons == (RULES.sign(sign_id).text,)
    assert "not a diagnosis" in outcome.disclaimer


@pytest.mark.parametrize("sign_id", SOON)
def test_every_soon_sign_sends_to_a_clinician_before_exercising(sign_id: str) -> None:
    outcome = ex.check_safety([sign_id], RULES)
    assert outcome.status == "see-clinician" and not outcome.locked
    assert "within days" in outcome.heading
    assert "before you start" in outcome.message
    assert outcome.reasons == (RULES.sign(sign_id).text,)


@pytest.mark.parametrize("sign_id", EMERGENCY)
def test_an_emergency_sign_wins_over_every_soon_sign(sign_id: str) -> None:
    outcome = ex.check_safety([*SOON, sign_id], RULES)
    assert outcome.locked and outcome.reasons == (RULES.sign(sign_id).text,)


def test_order_and_repeats_do_not_matter() -> None:
    first = ex.check_safety(["weight-loss", "both-legs", "weight-loss"], RULES)
    second = ex.check_safety(["both-legs", "weight-loss"], RULES)
    assert first == second


@pytest.mark.parametrize("sign_id", ["stiffness", "no-such-sign"])
def test_signs_outside_the_check_in_are_refused(sign_id: str) -> None:
    if sign_id == "stiffness":
        assert sign_id in ROUTINE
    with pytest.raises(AnswerError, match=sign_id):
        ex.check_safety([sign_id], RULES)


def test_a_near_miss_suggests_the_sign() -> None:
    with pytest.raises(AnswerError, match="did you mean 'saddle-numbness'"):
        ex.check_safety(["saddle-numb"], RULES)


# --- "This hurts" -------------------------------------------------------------------------


@pytest.mark.parametrize("exercise", LIBRARY.exercises, ids=lambda e: e.id)
def test_hurts_guidance_has_the_stop_rules_and_every_emergency_sign(exercise: ex.Exercise) -> None:
    guidance = ex.stop_guidance(exercise, LIBRARY, RULES)
    assert guidance.stop_if == exercise.stop_if
    assert [cue.id for cue in guidance.general] == list(ex.HURTS_CUES)
    assert guidance.emergency_signs == tuple(RULES.sign(s).text for s in EMERGENCY)
    html = ex.stop_guidance_html(guidance)
    assert 'role="alert"' in html and "Stop this exercise now" in html
    assert "Get emergency care now" in html and "999" in html
    for cue in exercise.stop_if:
        assert cue.text.split(";")[0].replace("'", "&#x27;") in html


def test_dose_html_names_each_source_and_the_range() -> None:
    html = ex.dose_html(LIBRARY.exercise("pelvic-tilt"))
    for who in ("Mayo Clinic", "NHS inform", "Chartered Society of Physiotherapy"):
        assert who in html
    assert "The sources differ" in html and "[Mayo-Exercises]" in html


def test_no_dose_exercises_say_so_in_the_summary() -> None:
    html = ex.exercise_summary_html(LIBRARY.exercise("cat-cow"))
    assert "No dose from a primary source" in html
    assert "Ask a clinician first" in html and "Stop if" in html


def test_summary_escapes_the_data() -> None:
    html = ex.exercise_summary_html(LIBRARY.exercise("childs-pose"))
    assert "Child&#x27;s pose" in html and "Child's pose" not in html
