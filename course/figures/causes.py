"""Figures for lesson 02: how rare a serious cause of back pain is, as an icon array.

An icon array shows a risk as people out of 100, which most readers grasp more
easily than a percentage. The one person with a serious cause differs from the
others by shape (a filled square with a cross) as well as colour.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from course.figures import FigureSpec, register

INK = "#222222"
PLAIN = "#9cc3e6"
SERIOUS = "#b5532a"
PEOPLE, SERIOUS_COUNT, COLUMNS = 100, 1, 10


def draw_serious_causes(labelled: bool = True) -> Figure:
    """Draw 100 people seen by a GP for back pain, one of whom has a serious cause.

    Examples
    --------
    >>> len(draw_serious_causes().axes)  # the icon array and its key
    2
    """
    figure = Figure(figsize=(7.0, 4.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.02, 0.04, 0.55, 0.86))
    for index in range(PEOPLE):
        row, column = divmod(index, COLUMNS)
        x, y = column, COLUMNS - 1 - row
        if index < PEOPLE - SERIOUS_COUNT:
            axes.plot(x, y, marker="o", markersize=13, color=PLAIN, markeredgecolor=INK)
        else:
            axes.plot(x, y, marker="s", markersize=14, color=SERIOUS, markeredgecolor=INK)
            axes.plot(x, y, marker="x", markersize=9, color="white", markeredgewidth=2)
    axes.set_xlim(-0.7, COLUMNS - 0.3)
    axes.set_ylim(-0.7, COLUMNS - 0.3)
    axes.set_aspect("equal")
    axes.axis("off")
    figure.text(
        0.02, 0.95, "100 people seen by a GP for back pain", fontsize=12, color=INK, weight="bold"
    )
    key = figure.add_axes((0.6, 0.3, 0.38, 0.4))
    key.axis("off")
    key.plot(0.05, 0.75, marker="o", markersize=13, color=PLAIN, markeredgecolor=INK)
    key.plot(0.05, 0.35, marker="s", markersize=14, color=SERIOUS, markeredgecolor=INK)
    key.plot(0.05, 0.35, marker="x", markersize=9, color="white", markeredgewidth=2)
    key.text(
        0.15,
        0.75,
        "99: no serious cause\n(non-specific back pain)",
        va="center",
        fontsize=10,
        color=INK,
    )
    key.text(
        0.15,
        0.35,
        "About 1: a serious cause,\nmost often a fracture",
        va="center",
        fontsize=10,
        color=INK,
    )
    key.set_xlim(0, 1)
    key.set_ylim(0, 1)
    return figure


ALT = (
    "An icon array of 100 people with back pain seen by a GP, drawn as ten rows of ten circles. "
    "Ninety-nine are plain circles: no serious cause is found, which is called non-specific back pain. "
    "One, in the bottom right corner, is a filled square with a cross: about 1 in 100 has a serious cause, "
    "and the most common serious cause is a broken bone in the spine (vertebral fracture)."
)

register(
    FigureSpec(
        id="serious_causes_icon_array",
        title="How rare is a serious cause of back pain?",
        alt=ALT,
        alt_unlabelled=ALT,
        markers={},
        draw=draw_serious_causes,
    )
)
