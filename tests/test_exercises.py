"""data/exercises.yaml and its loader: what every exercise must say, and errors that name the fix."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from course import content, exercises, loading
from course.errors import ContentError
from course.exercises import Exercise, build_library, load_library, muscle_names

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LIBRARY = load_library()
EXERCISES = LIBRARY.exercises
RAW = content.document("exercises")

REQUIRED = {
    "pelvic-tilt",
    "knee-to-chest",
    "double-knee-to-chest",
    "knee-rolls",
    "cat-cow",
    "childs-pose",
    "bridge",
    "seated-twist",
    "straight-leg-raise",
    "walking",
}
NO_PRIMARY_DOSE = {"cat-cow", "seated-twist", "straight-leg-raise"}
GENERAL_CUES = {
    "Mayo-Exercises",
    "NHSinform-Exercises",
    "NHS-Exercises",
    "CSP-Exercises",
    "GSTT-LBP",
}
# News, summary and secondary pages: the course cites the primary source instead.
FORBIDDEN_KEYS = re.compile(
    r"^(MedTalks-ACP|GuidelineCentral-.*|MedRepublic-WHO|Medscape-.*|Pulse-.*|IHME-News"
    r"|McKnights-GBD|HFMA-NG59|NICEBites-NG59|IndPharm-.*|Devon-NG59|ESCEO-WHO|PNN-WHO|BPS-WHO"
    r"|ClinicalAdvisor-ACP|Univadis-ACP|Mayo-Exercises-Copy|NHS-PelvicTilt|NHS-Mirror-KneeRolls"
    r"|Bournemouth-Core|MountNittany-Release|StayWell-Rotation|Mayo-Deskercise|OrthoCareSG"
    r"|Grokipedia-SLR)$"
)


def all_reference_keys(node: Any) -> list[str]:
    """Every key in every ``references`` list of a parsed data structure."""
    if isinstance(node, dict):
        keys = list(node.get("references", [])) if isinstance(node.get("references"), list) else []
        return keys + [
            k for key, v in node.items() if key != "references" for k in all_reference_keys(v)
        ]
    if isinstance(node, list):
        return [key for item in node for key in all_reference_keys(item)]
    return []


def by_id(exercise_id: str) -> Exercise:
    return LIBRARY.exercise(exercise_id)


# --- what the data file guarantees ---------------------------------------------------------


def test_every_exercise_the_issue_names_is_there_with_a_unique_id() -> None:
    ids = [exercise.id for exercise in EXERCISES]
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED
    assert len(ids) >= 9


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_has_every_part(exercise: Exercise) -> None:
    assert exercise.purpose and exercise.starting_position
    assert len(exercise.steps) >= 2
    assert [step.number for step in exercise.steps] == list(range(1, len(exercise.steps) + 1))
    assert all(step.text.endswith(".") for step in exercise.steps)
    assert exercise.dose.how_often and exercise.dose.start and exercise.dose.range
    assert exercise.progression.references
    assert exercise.stop_if and all(cue.references for cue in exercise.stop_if)
    assert exercise.ask_first and all(cue.references for cue in exercise.ask_first)
    assert exercise.references


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_says_stop_if_it_makes_symptoms_worse(exercise: Exercise) -> None:
    worse = [cue for cue in exercise.stop_if if "worse" in cue.text]
    assert worse and all("NHSinform-Exercises" in cue.references for cue in worse)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_muscles_are_muscles_or_fascia_of_the_anatomy_table(exercise: Exercise) -> None:
    known = muscle_names()
    assert exercise.muscles
    for muscle in exercise.muscles:
        assert muscle.id in known
        assert muscle.name == known[muscle.id]
        assert muscle.role in {"works", "stretches", "steadies"}
        assert muscle.references


def test_every_reference_key_resolves_and_is_primary() -> None:
    keys = set(all_reference_keys(RAW))
    assert keys <= set(content.references()), keys - set(content.references())
    assert not [key for key in keys if FORBIDDEN_KEYS.match(key)]


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_dose_agreement_matches_its_sources(exercise: Exercise) -> None:
    dose = exercise.dose
    if dose.agreement == "no-primary-dose":
        assert not dose.sources and dose.repetitions is None and dose.hold is None
    else:
        assert dose.sources
    if dose.agreement == "differ":
        assert len(dose.sources) >= 2
        for source in dose.sources:
            first_word = source.who.split()[0]
            assert first_word in dose.range or source.who in dose.range or "CSP" in dose.range


@pytest.mark.parametrize("exercise_id", sorted(NO_PRIMARY_DOSE))
def test_exercises_without_a_primary_dose_say_so_and_cite_the_general_cues(
    exercise_id: str,
) -> None:
    exercise = by_id(exercise_id)
    assert exercise.dose.agreement == "no-primary-dose"
    assert exercise.dose.start.startswith("No dose from a primary source; start with a few slow")
    assert "as comfortable" in exercise.dose.start
    assert set(exercise.references) >= GENERAL_CUES


def test_pelvic_tilt_shows_the_range_and_names_each_source() -> None:
    dose = by_id("pelvic-tilt").dose
    says = {source.who: source.says for source in dose.sources}
    assert set(says) == {
        "Mayo Clinic",
        "Chartered Society of Physiotherapy and Versus Arthritis",
        "NHS inform",
    }
    assert "5 seconds" in says["Mayo Clinic"] and "30" in says["Mayo Clinic"]
    assert "5 seconds" in says["Chartered Society of Physiotherapy and Versus Arthritis"]
    assert "2 seconds" in says["NHS inform"] and "3 times a day" in says["NHS inform"]
    assert dose.agreement == "differ"
    assert "2 to 5 seconds" in dose.range


def test_straight_leg_raise_carries_the_nerve_root_caution() -> None:
    exercise = by_id("straight-leg-raise")
    ask = " ".join(cue.text for cue in exercise.ask_first)
    assert "sciatica" in ask and "30" in ask and "70" in ask
    assert any("MSE-ICB-SLR" in cue.references for cue in exercise.ask_first)
    assert any("MSE-ICB-SLR" in cue.references for cue in exercise.stop_if)


def test_walking_follows_the_walkback_programme() -> None:
    exercise = by_id("walking")
    assert "Pocovi2024" in exercise.references
    assert "5 times a week" in exercise.dose.how_often
    assert "30 minutes" in exercise.dose.range and "6 months" in exercise.dose.range


def test_every_hold_step_belongs_to_an_exercise_with_a_hold() -> None:
    for exercise in EXERCISES:
        holds = [step for step in exercise.steps if step.hold]
        assert bool(holds) == (exercise.dose.hold is not None), exercise.id


def test_safety_cues_include_the_red_flags_and_the_hurts_advice() -> None:
    ids = [cue.id for cue in LIBRARY.safety_cues]
    assert ids[0] == "red-flags-first"
    assert set(exercises.HURTS_CUES) <= set(ids)
    assert "not medical advice" in LIBRARY.disclaimer


# --- errors that say what is wrong and how to fix it -----------------------------------------


def broken(change: Any) -> dict[str, Any]:
    """A deep copy of the real document with one change applied."""
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


def test_an_unknown_muscle_names_the_known_ones() -> None:
    raw = broken(lambda r: r["exercises"][0]["muscles"][0].update(id="hamstrings"))
    with pytest.raises(ContentError) as caught:
        build_library(raw, muscle_names())
    message = str(caught.value)
    assert "hamstrings" in message and "gluteus-maximus" in message and "pelvic-tilt" in message


def test_a_hold_step_without_a_dose_hold_is_refused() -> None:
    raw = broken(lambda r: r["exercises"][0]["dose"].update(hold=None))
    with pytest.raises(ContentError, match="hold: true"):
        build_library(raw, muscle_names())


def test_a_dose_hold_without_a_hold_step_is_refused() -> None:
    def change(r: dict[str, Any]) -> None:
        for step in r["exercises"][0]["steps"]:
            step.pop("hold", None)

    with pytest.raises(ContentError, match="no step is marked"):
        build_library(broken(change), muscle_names())


def test_a_duplicate_exercise_id_is_refused() -> None:
    raw = broken(lambda r: r["exercises"][1].update(id="pelvic-tilt"))
    with pytest.raises(ContentError, match="used twice"):
        build_library(raw, muscle_names())


def test_an_unknown_pose_names_the_known_ones() -> None:
    raw = broken(lambda r: r["exercises"][0]["steps"][0].update(pose="lying-down"))
    with pytest.raises(ContentError) as caught:
        build_library(raw, muscle_names())
    assert "lying-down" in str(caught.value) and "crook-lying" in str(caught.value)


def test_a_missing_hurts_cue_is_refused() -> None:
    raw = broken(
        lambda r: r.update(safety_cues=[c for c in r["safety_cues"] if c["id"] != "see-a-gp"])
    )
    with pytest.raises(ContentError, match="see-a-gp"):
        build_library(raw, muscle_names())


def test_a_step_without_a_pose_is_reported_at_that_step() -> None:
    with pytest.raises(ContentError) as caught:
        loading.load_yaml(FIXTURES / "exercises_step_without_pose.yaml", "exercises")
    message = str(caught.value)
    assert "steps[1]" in message and "'pose' is missing" in message


def test_a_no_primary_dose_exercise_with_a_number_fails_the_schema() -> None:
    with pytest.raises(ContentError) as caught:
        loading.load_yaml(FIXTURES / "exercises_no_primary_dose_with_repetitions.yaml", "exercises")
    assert "repetitions" in str(caught.value)


def test_unknown_exercise_suggests_the_closest() -> None:
    with pytest.raises(exercises.UnknownExerciseError, match="did you mean 'bridge'"):
        LIBRARY.exercise("bridges")


def test_the_course_check_finds_no_problem_in_the_exercises() -> None:
    assert exercises.check_exercises() == []
