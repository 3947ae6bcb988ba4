"""Stick figures from joint angles: every step of every exercise draws, with alt text from the step."""

from __future__ import annotations

import ast
import inspect
import re
import struct

import pytest

from course import figures, poses
from course.errors import ContentError
from course.exercises import Exercise, load_library, muscle_names
from course.figures import poses as muscle_figure

LIBRARY = load_library()
STEPS = [
    (exercise, index) for exercise in LIBRARY.exercises for index in range(len(exercise.steps))
]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STANDING = {
    "description": "standing upright",
    "trunk": 90,
    "head": 90,
    "arm": [-90, -90],
    "leg": [-90, -90, 0],
}


def step_id(case: tuple[Exercise, int]) -> str:
    exercise, index = case
    return f"{exercise.id}-{index + 1}"


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("case", STEPS, ids=[step_id(case) for case in STEPS])
def test_every_step_renders_a_picture_with_alt_text(case: tuple[Exercise, int]) -> None:
    exercise, index = case
    picture = poses.render_step(exercise, index)
    assert picture.png.startswith(PNG_SIGNATURE) and len(picture.png) > 2_000
    width, height = png_size(picture.png)
    assert 400 <= width <= 600 and 200 <= height <= 400, (width, height)
    step = exercise.step(index)
    assert picture.alt.startswith(f"{exercise.name}, step {step.number} of {len(exercise.steps)}: ")
    assert "a stick figure " + step.pose.description in picture.alt
    for arrow in step.pose.arrows:
        assert f"An arrow shows {arrow.label}" in picture.alt
    assert picture.alt.endswith(".") and 60 <= len(picture.alt) <= 400


@pytest.mark.parametrize("case", STEPS, ids=[step_id(case) for case in STEPS])
def test_every_step_figure_is_accessible_html(case: tuple[Exercise, int]) -> None:
    exercise, index = case
    html = poses.step_html(exercise, index)
    assert html.startswith('<figure class="course-figure course-step-figure"')
    assert 'alt="' in html and "<figcaption><strong>Step" in html
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="[^"]{60,}"', html)


@pytest.mark.parametrize("case", STEPS, ids=[step_id(case) for case in STEPS])
def test_every_pose_rests_on_the_floor(case: tuple[Exercise, int]) -> None:
    exercise, index = case
    pose = exercise.step(index).pose
    points = poses.joint_points(pose)
    assert abs(poses.lowest_point(pose, points)) < 1e-9
    assert all(y > -0.05 for _, y in points.values())


def test_steps_of_one_exercise_share_one_scale() -> None:
    bridge = LIBRARY.exercise("bridge")
    canvas = poses.canvas_for([step.pose for step in bridge.steps])
    for step in bridge.steps:
        width, height = poses.pose_extent(step.pose)
        assert width <= canvas.width and height <= canvas.height
    assert round(canvas.width / canvas.height, 6) == poses.CANVAS_ASPECT


def test_drawing_is_repeatable() -> None:
    pose = poses.parse_pose(STANDING)
    first = poses.png_bytes(poses.pose_figure(pose))
    assert first == poses.png_bytes(poses.pose_figure(pose))


def test_a_standing_figure_is_about_as_tall_as_its_segments() -> None:
    points = poses.joint_points(poses.parse_pose(STANDING))
    head_top = points["head"][1] + poses.HEAD_RADIUS
    expected = poses.SHIN + poses.THIGH + poses.TRUNK + poses.NECK + 2 * poses.HEAD_RADIUS
    assert head_top == pytest.approx(expected + poses.LIMB_HALF_WIDTH, abs=0.01)


def test_a_base_pose_is_changed_only_where_told() -> None:
    library = {"standing": STANDING, "looking-down": {"base": "standing", "head": 45}}
    pose = poses.parse_pose({"base": "looking-down", "description": "bowing"}, library)
    assert (pose.head, pose.trunk, pose.description) == (45.0, 90.0, "bowing")


def test_an_unknown_pose_name_lists_the_known_ones() -> None:
    with pytest.raises(ContentError, match="use one of: standing"):
        poses.parse_pose("sitting", {"standing": STANDING})


def test_poses_that_name_each_other_in_a_loop_are_refused() -> None:
    library = {"a": {"base": "b", "description": "a"}, "b": {"base": "a", "description": "b"}}
    with pytest.raises(ContentError, match="loop"):
        poses.parse_pose("a", library)


def test_an_incomplete_pose_says_what_to_give() -> None:
    with pytest.raises(ContentError, match="leg"):
        poses.parse_pose({"description": "half", "trunk": 90, "head": 90, "arm": [0, 0]})


def test_an_arrow_at_an_unknown_joint_is_a_content_error() -> None:
    pose = poses.with_arrows(poses.parse_pose(STANDING), [{"joint": "elbow-tip", "label": "x"}])
    with pytest.raises(ContentError, match="elbow-tip"):
        poses.pose_figure(pose)


def test_pose_alt_reads_as_a_sentence_per_part() -> None:
    pose = poses.with_arrows(
        poses.parse_pose(STANDING), [{"joint": "hip", "angle": 0, "label": "the body moving"}]
    )
    assert poses.pose_alt("Walking, step 2 of 4", pose) == (
        "Walking, step 2 of 4: a stick figure standing upright. An arrow shows the body moving."
    )


# --- the label-the-figure drawing of lesson 05 ---------------------------------------------


def test_muscle_figure_markers_name_muscles_of_the_anatomy_table() -> None:
    names = muscle_names()
    spec = figures.spec("exercise_muscles")
    assert spec.markers == {n: p.label for n, p in enumerate(muscle_figure.PANELS, start=1)}
    for panel in muscle_figure.PANELS:
        assert names[panel.muscle_id] == panel.label


def test_each_panel_points_to_a_muscle_its_exercise_lists() -> None:
    for panel in muscle_figure.PANELS:
        exercise = LIBRARY.exercise(panel.exercise_id)
        assert panel.muscle_id in [muscle.id for muscle in exercise.muscles], panel.exercise_id
        assert 0 <= panel.step_index < len(exercise.steps)


def test_muscle_figure_draws_both_variants_and_names_muscles_only_when_labelled() -> None:
    labelled = figures.render("exercise_muscles", True)
    unlabelled = figures.render("exercise_muscles", False)
    assert labelled.png != unlabelled.png
    spec = figures.spec("exercise_muscles")
    for number, label in spec.markers.items():
        assert f"{number} {label}" in spec.alt
        assert f"Marker {number}" in spec.alt_unlabelled
        assert label.lower() not in spec.alt_unlabelled.lower()


def test_pose_modules_never_use_pyplot() -> None:
    for module in (poses, muscle_figure):
        tree = ast.parse(inspect.getsource(module))
        names = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        ]
        modules = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [name for name in names + modules if "pyplot" in name]
