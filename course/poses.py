"""Stick figures drawn from joint angles: one picture per exercise step, with alt text.

A *pose* in ``data/exercises.yaml`` gives the direction of each body segment in
degrees (0 points right, 90 points up, 180 points left, -90 points down), for
example ``trunk: 180`` for someone lying on their back with the head to the left.
Legs are ``[thigh, shin, foot]`` and arms ``[upper arm, forearm]``; the *far* limbs
(the ones behind the body) default to the near ones. ``bend`` curves the trunk
(positive: to the figure's left of the hip-to-shoulder line), ``prop`` adds a
chair. The figure is then set down so that its lowest point touches the floor.

Nothing here reads files or imports widgets; :mod:`course.exercises` reads the
poses and calls :func:`render_step`.

Examples
--------
>>> pose = parse_pose({"description": "standing", "trunk": 90, "head": 90,
...                    "arm": [-90, -90], "leg": [-90, -90, 0]})
>>> points = joint_points(pose)
>>> round(points["toe"][1], 2), points["head"][1] > points["shoulder"][1]
(0.03, True)
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Circle, FancyArrowPatch, Rectangle

from course.errors import ContentError

if TYPE_CHECKING:
    from course.exercises import Exercise

Point = tuple[float, float]

# Segment lengths in body units (standing height is about 1.6).
TRUNK = 0.50
NECK = 0.13
HEAD_RADIUS = 0.09
UPPER_ARM = 0.28
FOREARM = 0.26
THIGH = 0.46
SHIN = 0.42
FOOT = 0.12
TRUNK_HALF_WIDTH = 0.045  # half the drawn thickness of the trunk, so it rests on the floor
LIMB_HALF_WIDTH = 0.025
CHAIR_SEAT_BELOW_HIP = 0.05
# Line thickness in body units (converted to points for each picture's scale).
TRUNK_LINE, LEG_LINE, ARM_LINE, HEAD_LINE = 0.052, 0.034, 0.029, 0.017
ARROW_LINE, CHAIR_LINE, FLOOR_LINE = 0.014, 0.023, 0.012

NEAR = "#1f4e79"
FAR = "#8fb3d9"
HEAD_FILL = "#ffffff"
FLOOR = "#6b6b6b"
MAT = "#e8eef5"
ARROW = "#c25e00"
CHAIR = "#a07850"

CANVAS_ASPECT = 2.0  # width / height of a step picture
MARGIN_X, MARGIN_TOP, FLOOR_BELOW = 0.25, 0.15, 0.1  # body units around the figure
FIGSIZE = (6.0, 3.0)
DPI = 80

POSES_FILE = "data/exercises.yaml"
JOINTS = ("hip", "waist", "shoulder", "head", "elbow", "hand", "knee", "ankle", "toe")
PROPS = ("chair",)


@dataclass(frozen=True)
class Arrow:
    """A movement cue: an arrow starting near a joint (or a turning arrow round the trunk)."""

    joint: str
    angle: float
    label: str
    turn: bool = False


@dataclass(frozen=True)
class Pose:
    """Segment directions of a stick figure, in degrees, and a plain description for alt text."""

    description: str
    trunk: float
    head: float
    arm: tuple[float, float]
    leg: tuple[float, float, float]
    far_arm: tuple[float, float] | None = None
    far_leg: tuple[float, float, float] | None = None
    bend: float = 0.0
    prop: str | None = None
    arrows: tuple[Arrow, ...] = field(default=())


def direction(angle: float, length: float) -> Point:
    """Return the vector of ``length`` pointing at ``angle`` degrees.

    Examples
    --------
    >>> [round(v, 3) for v in direction(90, 2.0)]
    [0.0, 2.0]
    """
    radians = math.radians(angle)
    return (length * math.cos(radians), length * math.sin(radians))


def add(point: Point, vector: Point) -> Point:
    """Return ``point`` moved by ``vector``."""
    return (point[0] + vector[0], point[1] + vector[1])


def trunk_curve(hip: Point, shoulder: Point, bend: float, samples: int = 17) -> list[Point]:
    """Points along the trunk: a straight line, or a gentle arc when ``bend`` is not 0.

    The arc is a quadratic curve whose middle is pushed ``bend`` trunk lengths to the
    left of the hip-to-shoulder direction.
    """
    dx, dy = shoulder[0] - hip[0], shoulder[1] - hip[1]
    middle = ((hip[0] + shoulder[0]) / 2 - bend * dy, (hip[1] + shoulder[1]) / 2 + bend * dx)
    points = []
    for index in range(samples):
        t = index / (samples - 1)
        points.append(
            (
                (1 - t) ** 2 * hip[0] + 2 * (1 - t) * t * middle[0] + t**2 * shoulder[0],
                (1 - t) ** 2 * hip[1] + 2 * (1 - t) * t * middle[1] + t**2 * shoulder[1],
            )
        )
    return points


def limb_points(
    start: Point, angles: Sequence[float], lengths: Sequence[float], names: Sequence[str]
) -> dict[str, Point]:
    """Follow a chain of segments from ``start``; name each end point."""
    points: dict[str, Point] = {}
    here = start
    for angle, length, name in zip(angles, lengths, names, strict=True):
        here = add(here, direction(angle, length))
        points[name] = here
    return points


def raw_points(pose: Pose) -> dict[str, Point]:
    """Every joint of the pose with the hip at (0, 0), before it is set on the floor."""
    hip = (0.0, 0.0)
    shoulder = add(hip, direction(pose.trunk, TRUNK))
    curve = trunk_curve(hip, shoulder, pose.bend)
    points: dict[str, Point] = {"hip": hip, "shoulder": shoulder, "waist": curve[len(curve) // 3]}
    points["head"] = add(shoulder, direction(pose.head, NECK + HEAD_RADIUS))
    points |= limb_points(shoulder, pose.arm, (UPPER_ARM, FOREARM), ("elbow", "hand"))
    points |= limb_points(hip, pose.leg, (THIGH, SHIN, FOOT), ("knee", "ankle", "toe"))
    far_arm = limb_points(
        shoulder, pose.far_arm or pose.arm, (UPPER_ARM, FOREARM), ("far_elbow", "far_hand")
    )
    far_leg = limb_points(
        hip, pose.far_leg or pose.leg, (THIGH, SHIN, FOOT), ("far_knee", "far_ankle", "far_toe")
    )
    return points | far_arm | far_leg


def lowest_point(pose: Pose, points: Mapping[str, Point]) -> float:
    """The height of the lowest drawn edge: head, trunk or limbs, allowing for line thickness."""
    trunk = trunk_curve(points["hip"], points["shoulder"], pose.bend)
    candidates = [points["head"][1] - HEAD_RADIUS]
    candidates += [y - TRUNK_HALF_WIDTH for _, y in trunk]
    candidates += [
        y - LIMB_HALF_WIDTH
        for name, (_, y) in points.items()
        if name not in ("head", "waist", "hip", "shoulder")
    ]
    return min(candidates)


def joint_points(pose: Pose) -> dict[str, Point]:
    """Every joint of the pose, set down so that the lowest part touches the floor (y = 0)."""
    points = raw_points(pose)
    floor = lowest_point(pose, points)
    return {name: (x, y - floor) for name, (x, y) in points.items()}


# --- reading poses from data ------------------------------------------------------------


def parse_pose(
    raw: Mapping[str, Any] | str,
    library: Mapping[str, Mapping[str, Any]] | None = None,
    location: str = "pose",
) -> Pose:
    """Build a Pose from its data: a named pose, an inline pose, or one with ``base`` to change.

    Raises
    ------
    ContentError
        If a named or base pose is not in the library, or a field is malformed.

    Examples
    --------
    >>> library = {"standing": {"description": "standing", "trunk": 90, "head": 90,
    ...                         "arm": [-90, -90], "leg": [-90, -90, 0]}}
    >>> parse_pose({"base": "standing", "head": 60}, library).head
    60.0
    """
    fields = resolve_pose(raw, library or {}, location)
    try:
        return Pose(
            description=" ".join(str(fields["description"]).split()),
            trunk=float(fields["trunk"]),
            head=float(fields["head"]),
            arm=pair(fields["arm"]),
            leg=triple(fields["leg"]),
            far_arm=pair(fields["far_arm"]) if "far_arm" in fields else None,
            far_leg=triple(fields["far_leg"]) if "far_leg" in fields else None,
            bend=float(fields.get("bend", 0.0)),
            prop=fields.get("prop"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ContentError(
            POSES_FILE,
            location,
            f"is not a complete pose (missing or malformed {exc})",
            "give description, trunk, head, arm [upper, fore] and leg [thigh, shin, foot]",
        ) from exc


def resolve_pose(
    raw: Mapping[str, Any] | str,
    library: Mapping[str, Mapping[str, Any]],
    location: str,
    seen: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Return the pose's fields, following a name or a chain of ``base`` poses, changes last."""
    if isinstance(raw, str):
        if raw in seen:
            chain = " > ".join([*seen, raw])
            raise ContentError(
                POSES_FILE, location, f"poses name each other in a loop ({chain})", "break the loop"
            )
        return resolve_pose(named_pose(raw, library, location), library, location, (*seen, raw))
    fields = dict(raw)
    base = fields.pop("base", None)
    if base is None:
        return fields
    return {**resolve_pose(str(base), library, location, seen), **fields}


def named_pose(
    name: str, library: Mapping[str, Mapping[str, Any]], location: str
) -> Mapping[str, Any]:
    """Return a pose from the library, or raise a ContentError listing the known names."""
    if name not in library:
        known = ", ".join(sorted(library)) or "none"
        raise ContentError(
            POSES_FILE,
            f"{location}: pose '{name}'",
            "is not in 'poses'",
            f"use one of: {known}, or add it",
        )
    return library[name]


def pair(values: Sequence[Any]) -> tuple[float, float]:
    """Two angles (upper arm, forearm)."""
    first, second = values
    return (float(first), float(second))


def triple(values: Sequence[Any]) -> tuple[float, float, float]:
    """Three angles (thigh, shin, foot)."""
    first, second, third = values
    return (float(first), float(second), float(third))


def with_arrows(pose: Pose, arrows: Sequence[Mapping[str, Any]]) -> Pose:
    """Return the pose with movement arrows from a step's data."""
    parsed = tuple(
        Arrow(
            joint=str(item["joint"]),
            angle=float(item.get("angle", 0.0)),
            label=str(item["label"]),
            turn=bool(item.get("turn", False)),
        )
        for item in arrows
    )
    return replace(pose, arrows=parsed)


# --- drawing ----------------------------------------------------------------------------


def new_axes(figsize: tuple[float, float] = FIGSIZE, dpi: int = DPI) -> tuple[Figure, Axes]:
    """A blank figure with one borderless axes, equal scale on both axes."""
    figure = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_aspect("equal")
    axes.axis("off")
    return figure, axes


def centre_of(points: Mapping[str, Point]) -> float:
    """The middle of the figure from left to right."""
    xs = [x for x, _ in points.values()]
    return (min(xs) + max(xs)) / 2


def draw_floor(axes: Axes, left: float, right: float, unit_pt: float) -> None:
    """A floor line with a pale mat above it."""
    axes.add_patch(Rectangle((left, -0.02), right - left, 0.02, color=MAT, zorder=0))
    axes.plot([left, right], [-0.02, -0.02], color=FLOOR, linewidth=FLOOR_LINE * unit_pt, zorder=1)


def draw_chair(axes: Axes, hip: Point, unit_pt: float) -> None:
    """A plain chair under the hip: seat, legs and a back rest behind."""
    seat = hip[1] - CHAIR_SEAT_BELOW_HIP
    style: dict[str, Any] = {
        "color": CHAIR,
        "linewidth": CHAIR_LINE * unit_pt,
        "solid_capstyle": "round",
        "zorder": 2,
    }
    axes.plot([hip[0] - 0.22, hip[0] + 0.2], [seat, seat], **style)
    axes.plot([hip[0] - 0.2, hip[0] - 0.2], [0.0, seat], **style)
    axes.plot([hip[0] + 0.18, hip[0] + 0.18], [0.0, seat], **style)
    axes.plot([hip[0] - 0.22, hip[0] - 0.26], [seat, seat + 0.5], **style)


def draw_segments(axes: Axes, chain: Sequence[Point], colour: str, width: float, z: int) -> None:
    """A chain of straight segments with round joints."""
    xs, ys = zip(*chain, strict=True)
    axes.plot(
        xs,
        ys,
        color=colour,
        linewidth=width,
        solid_capstyle="round",
        solid_joinstyle="round",
        zorder=z,
    )


def draw_figure(axes: Axes, pose: Pose, points: Mapping[str, Point], unit_pt: float) -> None:
    """Draw the far limbs (pale), the trunk and head, then the near limbs (dark)."""
    p = points
    arm, leg = ARM_LINE * unit_pt, LEG_LINE * unit_pt
    draw_segments(axes, [p["shoulder"], p["far_elbow"], p["far_hand"]], FAR, arm, 3)
    draw_segments(axes, [p["hip"], p["far_knee"], p["far_ankle"], p["far_toe"]], FAR, leg, 3)
    trunk = trunk_curve(p["hip"], p["shoulder"], pose.bend)
    draw_segments(axes, trunk, NEAR, TRUNK_LINE * unit_pt, 4)
    neck_end = add(p["shoulder"], direction(pose.head, NECK))
    draw_segments(axes, [p["shoulder"], neck_end], NEAR, leg, 4)
    axes.add_patch(
        Circle(
            p["head"],
            HEAD_RADIUS,
            facecolor=HEAD_FILL,
            edgecolor=NEAR,
            linewidth=HEAD_LINE * unit_pt,
            zorder=6,
        )
    )
    draw_segments(axes, [p["hip"], p["knee"], p["ankle"], p["toe"]], NEAR, leg, 5)
    draw_segments(axes, [p["shoulder"], p["elbow"], p["hand"]], NEAR, arm, 5)


def draw_arrow(axes: Axes, arrow: Arrow, points: Mapping[str, Point], unit_pt: float) -> None:
    """A movement arrow: straight from near a joint, or a turning arc round the trunk."""
    if arrow.joint not in points:
        known = ", ".join(JOINTS)
        raise ContentError(
            POSES_FILE, f"arrow '{arrow.label}'", f"names the unknown joint '{arrow.joint}'", known
        )
    x, y = points[arrow.joint]
    if arrow.turn:
        axes.add_patch(
            Arc(
                (x, y),
                0.34,
                0.14,
                theta1=200,
                theta2=520,
                color=ARROW,
                linewidth=ARROW_LINE * unit_pt,
                zorder=8,
            )
        )
        tip = add((x, y), direction(arrow.angle, 0.17))
        axes.add_patch(
            FancyArrowPatch(
                add(tip, direction(arrow.angle + 90, -0.06)),
                tip,
                arrowstyle="-|>",
                mutation_scale=0.09 * unit_pt,
                color=ARROW,
                zorder=8,
            )
        )
        return
    if math.sin(math.radians(arrow.angle)) < -0.1:  # downward: point into the joint from above
        end = add((x, y), direction(arrow.angle, -0.07))
        start = add(end, direction(arrow.angle, -0.26))
    else:  # otherwise: start beside the joint and point away from it
        start = add((x, y), direction(arrow.angle, 0.07))
        end = add(start, direction(arrow.angle, 0.26))
    axes.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=0.1 * unit_pt,
            color=ARROW,
            linewidth=ARROW_LINE * unit_pt,
            zorder=8,
        )
    )


def draw_pose(
    axes: Axes,
    pose: Pose,
    floor_width: float,
    unit_pt: float,
    offset: Point = (0.0, 0.0),
) -> dict[str, Point]:
    """Draw a pose with its floor, prop and arrows; return the joints.

    ``unit_pt`` is the number of points one body unit takes in the picture, so that lines
    keep the same thickness relative to the body whatever the scale.
    """
    points = {name: add(point, offset) for name, point in joint_points(pose).items()}
    middle = centre_of(points)
    draw_floor(axes, middle - floor_width / 2, middle + floor_width / 2, unit_pt)
    if pose.prop == "chair":
        draw_chair(axes, points["hip"], unit_pt)
    draw_figure(axes, pose, points, unit_pt)
    for arrow in pose.arrows:
        draw_arrow(axes, arrow, points, unit_pt)
    return points


@dataclass(frozen=True)
class Canvas:
    """The part of the floor a step picture shows, in body units: width and height."""

    width: float
    height: float


def pose_extent(pose: Pose) -> tuple[float, float]:
    """Width and height of a pose set on the floor, head included."""
    points = joint_points(pose)
    xs = [x for x, _ in points.values()]
    top = max(y for _, y in points.values()) + HEAD_RADIUS
    return (max(xs) - min(xs) + 2 * HEAD_RADIUS, top)


def canvas_for(poses: Sequence[Pose]) -> Canvas:
    """One canvas for several poses (the steps of an exercise), so the scale stays the same.

    Examples
    --------
    >>> lying = Pose("lying", 180, 180, (-5, 0), (0, 0, 90))
    >>> canvas = canvas_for([lying])
    >>> round(canvas.width / canvas.height, 2) == CANVAS_ASPECT
    True
    """
    extents = [pose_extent(pose) for pose in poses]
    width = max(w for w, _ in extents) + 2 * MARGIN_X
    height = max(h for _, h in extents) + MARGIN_TOP + FLOOR_BELOW
    if width / height > CANVAS_ASPECT:
        height = width / CANVAS_ASPECT
    else:
        width = height * CANVAS_ASPECT
    return Canvas(width, height)


def pose_figure(pose: Pose, canvas: Canvas | None = None) -> Figure:
    """A step picture: the pose centred above a floor line, on a canvas shared by its steps."""
    canvas = canvas or canvas_for([pose])
    figure, axes = new_axes()
    points = draw_pose(axes, pose, canvas.width, 72 * FIGSIZE[0] / canvas.width)
    middle = centre_of(points)
    axes.set_xlim(middle - canvas.width / 2, middle + canvas.width / 2)
    axes.set_ylim(-FLOOR_BELOW, canvas.height - FLOOR_BELOW)
    return figure


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG bytes (no timestamp or software tag, so the bytes are repeatable)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi, metadata={"Software": None})
    return buffer.getvalue()


def pose_alt(title: str, pose: Pose) -> str:
    """Alt text for a pose picture: what it shows, then each movement arrow.

    Examples
    --------
    >>> pose = Pose("standing upright", 90, 90, (-90, -90), (-90, -90, 0),
    ...             arrows=(Arrow("hip", 0, "the body stepping forward"),))
    >>> pose_alt("Walking, step 1 of 3", pose)
    'Walking, step 1 of 3: a stick figure standing upright. An arrow shows the body stepping forward.'
    """
    text = f"{title}: a stick figure {pose.description.rstrip('.')}."
    for arrow in pose.arrows:
        text += f" An arrow shows {arrow.label.rstrip('.')}."
    return text


# --- one picture per exercise step ------------------------------------------------------


@dataclass(frozen=True)
class StepPicture:
    """A drawn step: PNG bytes and the alt text that describes them."""

    png: bytes
    alt: str


def step_alt(exercise: Exercise, index: int) -> str:
    """Alt text for a step's picture: the exercise, the step number, the pose and its arrows.

    Examples
    --------
    >>> from course.exercises import load_library
    >>> step_alt(load_library().exercise("bridge"), 2)[:60]
    'Bridge (hip raise), step 3 of 5: a stick figure lying on its'
    """
    step = exercise.step(index)
    return pose_alt(f"{exercise.name}, step {step.number} of {len(exercise.steps)}", step.pose)


@lru_cache(maxsize=256)
def render_step(exercise: Exercise, index: int) -> StepPicture:
    """Draw one step (cached); every step of an exercise shares one scale."""
    canvas = canvas_for([step.pose for step in exercise.steps])
    figure = pose_figure(exercise.step(index).pose, canvas)
    return StepPicture(png_bytes(figure), step_alt(exercise, index))


def step_html(exercise: Exercise, index: int) -> str:
    """A step's picture as an accessible ``<figure>``: image with alt text, and the step as caption."""
    picture = render_step(exercise, index)
    data = base64.b64encode(picture.png).decode("ascii")
    step = exercise.step(index)
    return (
        '<figure class="course-figure course-step-figure" style="margin:0">'
        f'<img src="data:image/png;base64,{data}" alt="{escape(picture.alt)}" '
        'style="width:100%;max-width:480px;height:auto">'
        f"<figcaption><strong>Step {step.number} of {len(exercise.steps)}.</strong> "
        f"{escape(step.text)}</figcaption></figure>"
    )
