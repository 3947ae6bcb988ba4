"""Lesson 05's label-the-figure drawing: six exercises, each with a marker on a muscle it uses.

Each panel is a step of an exercise from ``data/exercises.yaml``, drawn as a stick
figure by :mod:`course.poses`. The marker points to the body region of one muscle
that the exercise works, stretches or steadies; the labelled variant names it.
The data file is read only when the figure is drawn, not when it is registered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from course.figures import FigureSpec, register
from course.poses import NEAR, Point, Pose, draw_pose

INK = "#222222"
WIDTH_IN, HEIGHT_IN, DPI = 8.4, 5.6, 100
COLUMNS, ROWS = 3, 2


def lerp(a: Point, b: Point, t: float) -> Point:
    """The point a fraction ``t`` of the way from ``a`` to ``b``."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def shifted(point: Point, dx: float, dy: float) -> Point:
    """The point moved by (dx, dy)."""
    return (point[0] + dx, point[1] + dy)


@dataclass(frozen=True)
class Panel:
    """One exercise step, the muscle its marker names, where it points and where the marker sits."""

    exercise_id: str
    step_index: int
    muscle_id: str
    label: str
    region: str
    target: Callable[[Mapping[str, Point]], Point]
    marker_offset: Point


PANELS: tuple[Panel, ...] = (
    Panel(
        "bridge",
        2,
        "gluteus-maximus",
        "Gluteus maximus",
        "the buttock, under the lifted hips",
        lambda p: shifted(p["hip"], 0.0, -0.06),
        (0.05, 0.6),
    ),
    Panel(
        "pelvic-tilt",
        1,
        "transversus-abdominis",
        "Transversus abdominis",
        "the tummy, at the front of the body, facing up",
        lambda p: shifted(lerp(p["hip"], p["shoulder"], 0.3), 0.0, 0.06),
        (-0.1, 0.45),
    ),
    Panel(
        "walking",
        1,
        "gluteus-medius-minimus",
        "Gluteus medius and minimus",
        "the side of the hip",
        lambda p: p["hip"],
        (-0.55, 0.15),
    ),
    Panel(
        "knee-rolls",
        1,
        "multifidus",
        "Multifidus",
        "the lower back, just above the hips, on the floor side of the body",
        lambda p: shifted(lerp(p["hip"], p["shoulder"], 0.2), 0.0, -0.03),
        (-0.2, 0.45),
    ),
    Panel(
        "cat-cow",
        1,
        "erector-spinae",
        "Erector spinae",
        "the middle of the rounded back, facing up",
        lambda p: shifted(p["waist"], 0.05, 0.06),
        (-0.35, 0.4),
    ),
    Panel(
        "childs-pose",
        1,
        "thoracolumbar-fascia",
        "Thoracolumbar fascia",
        "the surface of the lower back, facing up",
        lambda p: shifted(lerp(p["hip"], p["shoulder"], 0.3), 0.0, 0.05),
        (-0.15, 0.45),
    ),
)

MARKERS: dict[int, str] = {number: panel.label for number, panel in enumerate(PANELS, start=1)}
PANEL_TITLES = {
    "bridge": "Bridge",
    "pelvic-tilt": "Pelvic tilt",
    "walking": "Walking",
    "knee-rolls": "Knee rolls",
    "cat-cow": "Cat-cow (the cat)",
    "childs-pose": "Child's pose",
}
PANEL_NAMES = {
    "bridge": "bridge",
    "pelvic-tilt": "pelvic tilt",
    "walking": "walking programme",
    "knee-rolls": "knee rolls",
    "cat-cow": "cat-cow",
    "childs-pose": "child's pose",
}


PANEL_WIDTH, PANEL_HEIGHT = 2.2, 2.1  # body units shown in each panel
PANEL_RECT_WIDTH, PANEL_RECT_HEIGHT = 0.31, 0.44  # fractions of the figure
FLOOR_Y = 0.0
LABEL_Y = -0.25


def draw_marker(axes: Axes, number: int, at: Point, target: Point) -> None:
    """A numbered circle with a leader line to the target point."""
    axes.plot([at[0], target[0]], [at[1], target[1]], color=INK, linewidth=1.0, zorder=20)
    axes.add_patch(Circle(target, 0.025, color=INK, zorder=21))
    axes.add_patch(Circle(at, 0.1, facecolor="white", edgecolor=INK, linewidth=1.4, zorder=22))
    axes.text(
        at[0],
        at[1],
        str(number),
        ha="center",
        va="center",
        fontsize=10,
        zorder=23,
        fontweight="bold",
        color=INK,
    )


def panel_pose(panel: Panel) -> Pose:
    """The exercise step's pose, without its movement arrows."""
    from course.exercises import load_library

    pose = load_library().exercise(panel.exercise_id).step(panel.step_index).pose
    return replace(pose, arrows=())


def draw_panel(axes: Axes, number: int, panel: Panel, labelled: bool) -> None:
    """One exercise step with its title, its marker, and (labelled) the muscle's name below."""
    unit_pt = 72 * WIDTH_IN * PANEL_RECT_WIDTH / PANEL_WIDTH
    points = draw_pose(axes, panel_pose(panel), PANEL_WIDTH, unit_pt)
    xs = [x for x, _ in points.values()]
    middle = (min(xs) + max(xs)) / 2
    axes.set_xlim(middle - PANEL_WIDTH / 2, middle + PANEL_WIDTH / 2)
    axes.set_ylim(LABEL_Y - 0.15, PANEL_HEIGHT + LABEL_Y - 0.15)
    axes.set_title(PANEL_TITLES[panel.exercise_id], fontsize=10.5, color=NEAR, pad=2)
    target = panel.target(points)
    draw_marker(axes, number, shifted(target, *panel.marker_offset), target)
    if labelled:
        axes.text(
            middle,
            LABEL_Y,
            f"{number}  {panel.label}",
            ha="center",
            va="center",
            fontsize=10,
            color=INK,
        )


def draw_exercise_muscles(labelled: bool) -> Figure:
    """Six exercises in a 3 by 2 grid, each with one numbered marker on a muscle."""
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(figure)
    for index, panel in enumerate(PANELS):
        column, row = index % COLUMNS, index // COLUMNS
        left = column / COLUMNS + (1 / COLUMNS - PANEL_RECT_WIDTH) / 2
        bottom = 0.5 * (1 - row) + 0.01
        axes = figure.add_axes((left, bottom, PANEL_RECT_WIDTH, PANEL_RECT_HEIGHT))
        axes.set_aspect("equal")
        axes.axis("off")
        draw_panel(axes, index + 1, panel, labelled)
    return figure


def describe(labelled: bool) -> str:
    """Alt text: the layout, then each marker (named only in the labelled variant)."""
    intro = (
        "Six stick-figure drawings of exercises, in two rows of three, each with one numbered "
        "marker pointing to a muscle the exercise works, stretches or steadies. "
        "Figures lying on their back have the head on the left; the others face right, "
        "so their front is on the right and their back on the left."
    )
    parts = []
    for number, panel in enumerate(PANELS, start=1):
        exercise = PANEL_NAMES[panel.exercise_id]
        if labelled:
            parts.append(
                f"{number} {panel.label}: in the {exercise}, marker {number} points to {panel.region}."
            )
        else:
            parts.append(f"Marker {number}, in the {exercise}, points to {panel.region}.")
    return " ".join([intro, *parts])


EXERCISE_MUSCLES = register(
    FigureSpec(
        id="exercise_muscles",
        title="Six exercises and a muscle each one uses",
        alt=describe(labelled=True),
        alt_unlabelled=describe(labelled=False),
        markers=MARKERS,
        draw=draw_exercise_muscles,
    )
)
