"""Anatomy figures for lesson 01: a side view of a lumbar segment and a cross-section of the back.

Both are simplified teaching diagrams drawn from code with matplotlib's object API
(no pyplot, no files read). Each has numbered markers; the labelled variant adds a
numbered key naming them, and a few extra grey labels for orientation.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Polygon, Rectangle

from course.figures import FigureSpec, register

Point = tuple[float, float]

BONE = "#eadfc4"
BONE_EDGE = "#7d6b47"
BONE_BACK = "#f4eddc"
ANNULUS = "#b8d4e8"
NUCLEUS = "#5b9bd0"
LIGAMENT = "#8cbf8c"
FLAVUM = "#f2dc5d"
NERVE = "#e89a3c"
MUSCLE = "#d98b7e"
MUSCLE_DEEP = "#c0675a"
FASCIA = "#6d4fa3"
INK = "#222222"
GREY = "#555555"

WIDTH_IN, HEIGHT_IN = 8.0, 5.0
KEY_ROW = 0.78


def new_canvas(xmax: float, ymax: float) -> tuple[Figure, Axes]:
    """Return a figure with one borderless axes spanning ``0..xmax`` by ``0..ymax`` units.

    Examples
    --------
    >>> figure, axes = new_canvas(16, 10)
    >>> [float(limit) for limit in axes.get_xlim()]
    [0.0, 16.0]
    """
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_xlim(0, xmax)
    axes.set_ylim(0, ymax)
    axes.set_aspect("equal")
    axes.axis("off")
    return figure, axes


def draw_marker(axes: Axes, number: int, at: Point, target: Point | None = None) -> None:
    """Draw a numbered circle at ``at``, with a leader line to ``target`` when given."""
    if target is not None:
        axes.plot([at[0], target[0]], [at[1], target[1]], color=INK, linewidth=1.0, zorder=20)
        axes.add_patch(Circle(target, 0.07, color=INK, zorder=21))
    axes.add_patch(Circle(at, 0.3, facecolor="white", edgecolor=INK, linewidth=1.4, zorder=22))
    axes.text(
        at[0],
        at[1],
        str(number),
        ha="center",
        va="center",
        fontsize=10,
        fontweight="bold",
        color=INK,
        zorder=23,
    )


def draw_key(axes: Axes, markers: dict[int, str], corner: Point) -> None:
    """Write a numbered key (``1  Name``) in a column whose title sits at ``corner``."""
    left, top = corner
    axes.text(left, top, "Key", fontsize=10.5, fontweight="bold", color=INK, va="center")
    for row, (number, label) in enumerate(sorted(markers.items()), start=1):
        y = top - KEY_ROW * row
        axes.add_patch(
            Circle((left + 0.25, y), 0.25, facecolor="white", edgecolor=INK, linewidth=1.2)
        )
        axes.text(
            left + 0.25,
            y,
            str(number),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            color=INK,
        )
        axes.text(left + 0.7, y, label, va="center", fontsize=9, color=INK)


def note(axes: Axes, text: str, at: Point, **style: Any) -> None:
    """Write a small grey annotation (orientation words, extra labels)."""
    options: dict[str, Any] = {"fontsize": 9, "color": GREY, "ha": "center", "va": "center"}
    options.update(style)
    axes.text(at[0], at[1], text, **options)


def polygon(
    axes: Axes,
    points: Sequence[Point],
    face: str,
    edge: str = BONE_EDGE,
    zorder: float = 2,
    linewidth: float = 1.2,
) -> None:
    """Add a closed filled polygon."""
    axes.add_patch(
        Polygon(
            list(points),
            closed=True,
            facecolor=face,
            edgecolor=edge,
            linewidth=linewidth,
            zorder=zorder,
        )
    )


# --- lumbar_segment_side ------------------------------------------------------------------

SEGMENT_MARKERS: dict[int, str] = {
    1: "Vertebral body",
    2: "Annulus fibrosus",
    3: "Nucleus pulposus",
    4: "Anterior longitudinal ligament",
    5: "Posterior longitudinal ligament",
    6: "Nerve root in the intervertebral foramen",
    7: "Ligamentum flavum",
    8: "Facet joint",
    9: "Spinous process",
}

BODY_FRONT, BODY_BACK = 2.2, 5.4
ARCH_FRONT, ARCH_BACK = 6.6, 7.8
SPINE_TIP = 9.7
LEVEL_STEP = 3.8  # body height 2.6 + disc height 1.2


def draw_vertebra(axes: Axes, base: float) -> None:
    """Draw one vertebra whose body spans ``base .. base + 2.6`` (side view, front on the left)."""
    top = base + 2.6
    axes.add_patch(
        FancyBboxPatch(
            (BODY_FRONT, base),
            BODY_BACK - BODY_FRONT,
            2.6,
            boxstyle="round,pad=0,rounding_size=0.25",
            facecolor=BONE,
            edgecolor=BONE_EDGE,
            linewidth=1.4,
            zorder=3,
        )
    )
    # pedicle, seen beyond the canal: the bridge from body to arch
    axes.add_patch(
        Rectangle(
            (BODY_BACK, base + 1.3),
            ARCH_FRONT - BODY_BACK,
            1.0,
            facecolor=BONE_BACK,
            edgecolor=BONE_EDGE,
            linewidth=1.0,
            zorder=2,
        )
    )
    # arch with superior articular process (up, front) and inferior articular process (down, back)
    polygon(
        axes,
        [
            (ARCH_FRONT, base + 0.6),
            (ARCH_FRONT, top + 1.1),
            (7.1, top + 1.1),
            (7.1, top),
            (ARCH_BACK, top - 0.2),
            (ARCH_BACK, base - 0.7),
            (7.1, base - 0.7),
            (7.1, base + 0.6),
        ],
        BONE,
        zorder=3,
    )
    # spinous process pointing back and a little down
    polygon(
        axes,
        [
            (ARCH_BACK, top - 0.5),
            (SPINE_TIP - 0.3, top - 1.0),
            (SPINE_TIP, top - 1.3),
            (SPINE_TIP, top - 2.0),
            (SPINE_TIP - 0.3, top - 2.2),
            (ARCH_BACK, base + 0.5),
        ],
        BONE,
        zorder=3,
    )


def draw_disc(axes: Axes, base: float) -> None:
    """Draw a disc (annulus rings around a nucleus) spanning ``base .. base + 1.2``."""
    axes.add_patch(
        Rectangle(
            (BODY_FRONT + 0.05, base),
            BODY_BACK - BODY_FRONT - 0.1,
            1.2,
            facecolor=ANNULUS,
            edgecolor="#4f7fa3",
            linewidth=1.2,
            zorder=2,
        )
    )
    for inset in (0.22, 0.42):
        axes.add_patch(
            FancyBboxPatch(
                (BODY_FRONT + inset, base + inset / 2.5),
                BODY_BACK - BODY_FRONT - 2 * inset,
                1.2 - inset / 1.25,
                boxstyle="round,pad=0,rounding_size=0.3",
                facecolor="none",
                edgecolor="#4f7fa3",
                linewidth=0.7,
                zorder=2.5,
            )
        )
    axes.add_patch(
        Ellipse(
            (3.95, base + 0.6),
            1.3,
            0.62,
            facecolor=NUCLEUS,
            edgecolor="#2f5f8a",
            linewidth=1.0,
            zorder=3,
        )
    )


def draw_segment_ligaments(axes: Axes, low: float, high: float, joint: float) -> None:
    """Draw the longitudinal ligaments, ligamentum flavum and interspinous ligament."""
    axes.add_patch(
        Rectangle(
            (BODY_FRONT - 0.22, low),
            0.2,
            high - low,
            facecolor=LIGAMENT,
            edgecolor="#4d7f4d",
            linewidth=0.8,
            zorder=4,
        )
    )
    axes.add_patch(
        Rectangle(
            (BODY_BACK + 0.02, low),
            0.16,
            high - low,
            facecolor=LIGAMENT,
            edgecolor="#4d7f4d",
            linewidth=0.8,
            zorder=4,
        )
    )
    axes.add_patch(
        Rectangle(
            (ARCH_FRONT - 0.22, joint - 1.0),
            0.22,
            2.0,
            facecolor=FLAVUM,
            edgecolor="#a08a1a",
            linewidth=0.8,
            zorder=4,
        )
    )
    axes.add_patch(
        Rectangle(
            (ARCH_BACK + 0.1, joint - 0.55),
            SPINE_TIP - ARCH_BACK - 0.4,
            1.1,
            facecolor="#cfe6cf",
            edgecolor="#4d7f4d",
            linewidth=0.8,
            hatch="||",
            zorder=1.5,
        )
    )


def draw_segment(labelled: bool) -> Figure:
    """Draw the side view of two lumbar vertebrae and the disc between them."""
    figure, axes = new_canvas(19.2, 12.0)
    lower, disc = 2.6, 2.6 + 2.6
    upper = lower + LEVEL_STEP
    draw_disc(axes, disc)
    draw_vertebra(axes, lower)
    draw_vertebra(axes, upper)
    draw_segment_ligaments(axes, lower - 0.4, upper + 2.6 + 0.4, disc + 0.6)
    # facet joint line between the lower superior and upper inferior articular processes
    axes.plot([7.1, 7.1], [disc - 0.2, disc + 1.4], color=INK, linewidth=1.8, zorder=5)
    # nerve root leaving through the foramen, under the upper pedicle
    axes.add_patch(
        Ellipse(
            (6.0, upper + 0.75),
            0.85,
            0.95,
            facecolor=NERVE,
            edgecolor="#8a5312",
            linewidth=1.2,
            zorder=6,
        )
    )
    note(axes, "FRONT", (1.0, 6.0), rotation=90, fontsize=10, fontweight="bold")
    note(axes, "BACK", (10.6, 6.0), rotation=90, fontsize=10, fontweight="bold")
    note(axes, "↑ head", (1.2, 11.3), fontsize=9)
    draw_marker(axes, 1, (3.1, 11.0), (3.4, upper + 1.9))
    draw_marker(axes, 2, (1.2, 4.0), (2.6, disc + 0.3))
    draw_marker(axes, 3, (3.95, 1.4), (3.95, disc + 0.5))
    draw_marker(axes, 4, (1.2, 9.2), (BODY_FRONT - 0.12, 9.2))
    draw_marker(axes, 5, (4.7, 11.3), (BODY_BACK + 0.1, upper + 2.9))
    draw_marker(axes, 6, (6.4, 11.3), (6.0, upper + 1.0))
    draw_marker(axes, 7, (8.1, 11.3), (ARCH_FRONT - 0.11, disc + 1.2))
    draw_marker(axes, 8, (8.3, 0.9), (7.1, disc + 0.8))
    draw_marker(axes, 9, (10.1, 11.0), (SPINE_TIP - 0.15, upper + 1.0))
    if labelled:
        draw_key(axes, SEGMENT_MARKERS, (11.4, 10.6))
        note(
            axes,
            "interspinous\nligament",
            (8.85, disc + 0.6),
            fontsize=7.5,
            zorder=7,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
        note(axes, "spinal canal", (6.0, lower + 0.65), fontsize=7.5, rotation=90, zorder=7)
    return figure


SEGMENT_ALT = (
    "Simplified side view of two lumbar vertebrae, front of the body on the left and back "
    "on the right. 1 vertebral body: the large block at the front of each vertebra. 2 "
    "annulus fibrosus: the ringed outer wall of the disc between the two bodies. 3 nucleus "
    "pulposus: the soft centre of the disc. 4 anterior longitudinal ligament: a band "
    "running down the front of the bodies and disc. 5 posterior longitudinal ligament: a "
    "band running down the back of the bodies and disc, at the front of the spinal canal. 6 "
    "nerve root in the intervertebral foramen: a nerve root leaving the spinal canal "
    "through the gap between the bony bridges (pedicles) of the two vertebrae, just behind "
    "the disc. 7 ligamentum flavum: a yellow elastic band joining the arches of the two "
    "vertebrae at the back of the canal. 8 facet joint: where the lower vertebra's upward "
    "bony process meets the upper vertebra's downward process, behind the foramen. 9 "
    "spinous process: the bony spur pointing backwards from each arch; the interspinous "
    "ligament fills the gap between neighbouring spinous processes."
)

SEGMENT_ALT_UNLABELLED = (
    "Simplified side view of two lumbar vertebrae, front of the body on the left and back "
    "on the right, with nine numbered markers. Marker 1 points to the large front block of "
    "the upper vertebra. Marker 2 points to the outer, ringed part of the cushion between "
    "the two blocks. Marker 3 points to the centre of that cushion. Marker 4 points to a "
    "band running down the very front of the column. Marker 5 points to a band running down "
    "the back surface of the blocks and cushion. Marker 6 points to an orange oval in the "
    "gap behind the cushion, between the bony bridges of the two vertebrae. Marker 7 points "
    "to a yellow band joining the two bony arches at the back of the canal. Marker 8 points "
    "to where the bony processes of the two vertebrae meet, behind that gap. Marker 9 "
    "points to the bony spur at the far back of the upper vertebra."
)

register(
    FigureSpec(
        id="lumbar_segment_side",
        title="A lumbar motion segment seen from the side (simplified)",
        alt=SEGMENT_ALT,
        alt_unlabelled=SEGMENT_ALT_UNLABELLED,
        markers=SEGMENT_MARKERS,
        draw=draw_segment,
    )
)


# --- back_muscles_cross_section ---------------------------------------------------------------

SECTION_MARKERS: dict[int, str] = {
    1: "Vertebral body",
    2: "Psoas major",
    3: "Quadratus lumborum",
    4: "Multifidus",
    5: "Spinalis",
    6: "Longissimus",
    7: "Iliocostalis",
    8: "Thoracolumbar fascia",
    9: "Transversus abdominis",
}

MID_X, MID_Y = 6.3, 5.4
SECTION_KEY_X = 12.9
HALF_W, HALF_H = 5.4, 4.6


def ellipse_arc(scale: float, start: float, end: float, steps: int = 60) -> list[Point]:
    """Return points on the outline ellipse scaled by ``scale``, from ``start`` to ``end`` degrees.

    Examples
    --------
    >>> ellipse_arc(1.0, 0, 90, steps=2)[0] == (MID_X + HALF_W, MID_Y)
    True
    """
    return [
        (
            MID_X + scale * HALF_W * math.cos(math.radians(start + (end - start) * i / steps)),
            MID_Y + scale * HALF_H * math.sin(math.radians(start + (end - start) * i / steps)),
        )
        for i in range(steps + 1)
    ]


def band(axes: Axes, outer: float, inner: float, start: float, end: float, face: str) -> None:
    """Fill the ring between two scaled outline ellipses, from ``start`` to ``end`` degrees."""
    points = ellipse_arc(outer, start, end) + ellipse_arc(inner, end, start)
    polygon(axes, points, face, edge="#7a3b32", zorder=2, linewidth=0.8)


def mirrored(x: float) -> tuple[float, float]:
    """Return the x positions of a structure on the right and left of the midline."""
    return MID_X + x, MID_X - x


def draw_section_bones(axes: Axes) -> None:
    """Draw the vertebral body, arch, spinous process and transverse processes."""
    axes.add_patch(
        Ellipse(
            (MID_X, 5.5), 2.5, 1.9, facecolor=BONE, edgecolor=BONE_EDGE, linewidth=1.4, zorder=4
        )
    )
    polygon(
        axes,
        [
            (MID_X - 0.7, 4.7),
            (MID_X - 0.75, 3.6),
            (MID_X - 0.2, 3.1),
            (MID_X - 0.2, 1.15),
            (MID_X + 0.2, 1.15),
            (MID_X + 0.2, 3.1),
            (MID_X + 0.75, 3.6),
            (MID_X + 0.7, 4.7),
        ],
        BONE,
        zorder=4,
    )
    axes.add_patch(
        Ellipse(
            (MID_X, 4.05),
            0.85,
            0.8,
            facecolor="white",
            edgecolor=BONE_EDGE,
            linewidth=1.0,
            zorder=5,
        )
    )
    for sign in (1, -1):
        x0 = MID_X + sign * 0.7
        polygon(
            axes,
            [(x0, 4.15), (x0 + sign * 2.0, 4.0), (x0 + sign * 2.0, 3.65), (x0, 3.75)],
            BONE,
            zorder=4,
        )


def draw_section_muscles(axes: Axes) -> None:
    """Draw psoas, quadratus lumborum and the deep back muscles on both sides."""
    shapes = [  # (x offset, y, width, height, colour)
        (2.05, 5.6, 1.6, 1.9, MUSCLE),  # psoas major
        (3.2, 4.3, 1.3, 0.9, MUSCLE),  # quadratus lumborum
        (0.72, 2.6, 0.9, 1.55, MUSCLE_DEEP),  # multifidus
        (0.62, 1.5, 0.62, 0.5, MUSCLE),  # spinalis (thin at this level)
        (1.8, 2.45, 1.2, 1.5, MUSCLE),  # longissimus
        (2.95, 2.75, 1.05, 1.2, MUSCLE),  # iliocostalis
    ]
    for offset, y, width, height, colour in shapes:
        for x in mirrored(offset):
            axes.add_patch(
                Ellipse(
                    (x, y),
                    width,
                    height,
                    facecolor=colour,
                    edgecolor="#7a3b32",
                    linewidth=1.0,
                    zorder=3,
                )
            )


def smooth(points: Sequence[Point], rounds: int = 3) -> list[Point]:
    """Round the corners of an open polyline (Chaikin's corner cutting), keeping its ends.

    Examples
    --------
    >>> smooth([(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)], rounds=1)
    [(0.0, 0.0), (0.25, 0.25), (0.75, 0.75), (1.25, 0.75), (1.75, 0.25), (2.0, 0.0)]
    """
    line = list(points)
    for _ in range(rounds):
        cut: list[Point] = [line[0]]
        for (x0, y0), (x1, y1) in itertools.pairwise(line):
            cut += [
                (0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1),
                (0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1),
            ]
        line = [*cut, line[-1]]
    return line


def draw_section_fascia(axes: Axes) -> None:
    """Draw the three layers of the thoracolumbar fascia meeting at the side (lateral raphe)."""
    for sign in (1, -1):

        def side(x: float, y: float, sign: int = sign) -> Point:
            return (MID_X + sign * x, y)

        raphe = side(3.95, 3.5)
        posterior = [side(0.0, 1.15), side(1.2, 1.1), side(2.6, 1.45), side(3.6, 2.2), raphe]
        middle = [side(2.7, 3.85), side(3.3, 3.7), raphe]
        anterior = [side(2.6, 4.25), side(3.0, 4.85), side(3.7, 4.75), raphe]
        for line in (posterior, middle, anterior):
            curve = smooth(line)
            axes.plot(
                [p[0] for p in curve],
                [p[1] for p in curve],
                color=FASCIA,
                linewidth=2.2,
                solid_capstyle="round",
                zorder=6,
            )


def draw_section_wall(axes: Axes) -> None:
    """Draw the skin outline and the abdominal wall: three flat muscles and rectus abdominis."""
    outline = Ellipse(
        (MID_X, MID_Y),
        2 * HALF_W,
        2 * HALF_H,
        facecolor="#fbf3ee",
        edgecolor="#8c6d5a",
        linewidth=1.6,
        zorder=0.5,
    )
    axes.add_patch(outline)
    band(axes, 0.98, 0.91, -38, 218, "#e8b4aa")  # external oblique
    band(axes, 0.91, 0.84, -34, 214, "#d99587")  # internal oblique
    band(axes, 0.84, 0.78, -30, 210, "#c26f62")  # transversus abdominis
    for x in mirrored(0.55):
        axes.add_patch(
            Ellipse(
                (x, MID_Y + 0.9 * HALF_H),
                1.0,
                0.55,
                facecolor=MUSCLE,
                edgecolor="#7a3b32",
                linewidth=1.0,
                zorder=3,
            )
        )
    note(axes, "abdomen", (MID_X - 1.2, 7.4), fontsize=9, style="italic")


def draw_section(labelled: bool) -> Figure:
    """Draw a horizontal cross-section of the lower back at about the third lumbar vertebra."""
    figure, axes = new_canvas(19.2, 12.0)
    axes.set_ylim(-0.4, 11.6)
    draw_section_wall(axes)
    draw_section_muscles(axes)
    draw_section_bones(axes)
    draw_section_fascia(axes)
    note(axes, "FRONT", (MID_X, 10.55), fontsize=10, fontweight="bold")
    note(axes, "BACK", (MID_X, 0.2), fontsize=10, fontweight="bold")
    note(axes, "LEFT", (0.45, MID_Y), fontsize=10, fontweight="bold", rotation=90)
    note(axes, "RIGHT", (12.15, MID_Y), fontsize=10, fontweight="bold", rotation=90)
    draw_marker(axes, 1, (MID_X, 5.5))
    draw_marker(axes, 2, (MID_X + 2.05, 5.75))
    draw_marker(axes, 3, (MID_X + 3.2, 4.3))
    draw_marker(axes, 4, (MID_X + 0.75, 2.65))
    draw_marker(axes, 5, (MID_X + 2.0, -0.05), (MID_X + 0.65, 1.5))
    draw_marker(axes, 6, (MID_X + 1.8, 2.45))
    draw_marker(axes, 7, (MID_X + 2.95, 2.75))
    draw_marker(axes, 8, (MID_X + 4.4, 0.6), (MID_X + 3.35, 1.95))
    draw_marker(axes, 9, (MID_X + 1.9, 8.0), (MID_X + 3.09, 8.03))
    if labelled:
        draw_key(axes, SECTION_MARKERS, (SECTION_KEY_X, 10.9))
        draw_section_notes(axes)
    return figure


def draw_section_notes(axes: Axes) -> None:
    """Add grey labels for the parts that have no number (labelled variant only)."""
    style: dict[str, Any] = {
        "fontsize": 7.5,
        "zorder": 30,
        "bbox": {"facecolor": "white", "edgecolor": "none", "pad": 0.6},
    }
    key_bottom = 10.9 - 0.78 * (len(SECTION_MARKERS) + 1)
    lines = [
        "5, 6 and 7 together: erector spinae",
        "Also shown on the left side:",
        "a  spinous process    b  transverse process",
        "c  spinal canal    d  external oblique",
        "e  internal oblique    f  rectus abdominis",
    ]
    for row, text in enumerate(lines):
        note(axes, text, (SECTION_KEY_X, key_bottom - 0.45 * row), fontsize=8, ha="left")
    letters = {
        "a": (MID_X, 1.9),
        "b": (MID_X - 1.75, 3.9),
        "c": (MID_X, 4.05),
        "d": (MID_X - 0.945 * HALF_W * 0.64, MID_Y + 0.945 * HALF_H * 0.77),
        "e": (MID_X - 0.875 * HALF_W * 0.77, MID_Y + 0.875 * HALF_H * 0.64),
        "f": (MID_X - 0.55, MID_Y + 0.9 * HALF_H),
    }
    for letter, at in letters.items():
        note(axes, letter, at, fontweight="bold", color=INK, **style)


SECTION_ALT = (
    "Simplified horizontal slice through the lower back at about the third lumbar vertebra, "
    "seen from above: front at the top, back at the bottom, the person's left on the left. "
    "1 vertebral body: the oval bone in the middle, with the spinal canal behind it, the "
    "spinous process pointing back and the transverse processes pointing sideways. 2 psoas "
    "major: a large round muscle beside the vertebral body. 3 quadratus lumborum: a flat "
    "muscle in front of the tips of the transverse processes, further out. 4 multifidus: "
    "the deep muscle right beside the spinous process. The erector spinae lies outside it "
    "in three columns: 5 spinalis, a small strip nearest the midline (small in the lower "
    "back), 6 longissimus in the middle and 7 iliocostalis furthest out. 8 thoracolumbar "
    "fascia: purple sheets wrapping the back muscles and quadratus lumborum, which meet at "
    "the side and continue into the abdominal wall. 9 transversus abdominis: the innermost "
    "of three flat abdominal-wall muscles (outside it are the internal and external "
    "oblique); rectus abdominis lies at the front."
)

SECTION_ALT_UNLABELLED = (
    "Simplified horizontal slice through the lower back, seen from above: front at the top, "
    "back at the bottom, the person's left on the left, with nine numbered markers on the "
    "right half. Marker 1 is on the oval bone in the middle. Marker 2 is on the large round "
    "muscle beside that bone. Marker 3 is on the flat muscle further out, in front of the "
    "tip of the sideways bony process. Marker 4 is on the muscle right beside the backward "
    "bony spur. Marker 5 points to the small strip just behind marker 4, nearest the "
    "midline. Marker 6 is on the muscle just outside marker 4. Marker 7 is on the muscle "
    "furthest out behind the sideways process. Marker 8 points to the purple sheet wrapping "
    "the back muscles. Marker 9 points to the innermost of the three layers of the side and "
    "front wall of the abdomen."
)

register(
    FigureSpec(
        id="back_muscles_cross_section",
        title="A cross-section of the lower back at about the third lumbar vertebra (simplified)",
        alt=SECTION_ALT,
        alt_unlabelled=SECTION_ALT_UNLABELLED,
        markers=SECTION_MARKERS,
        draw=draw_section,
    )
)
