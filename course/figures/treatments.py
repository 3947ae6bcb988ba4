"""Figure for lesson 04: how much each treatment lowered pain, with its interval.

Drawn from ``data/treatments.csv`` (the rows with an effect size) using
matplotlib's object API (no pyplot). Every number is written on the chart, and
the single small trial is told apart by a hollow marker, a dashed line and
words, so colour is never the only cue.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from course import treatments
from course.figures import FigureSpec, register

INK = "#222222"
GREY = "#666666"
POINT = "#1f5f9e"
SINGLE_TRIAL = "heat"
"""The row whose number comes from one small trial: drawn hollow and dashed, and labelled."""


def new_figure() -> Figure:
    """Return an 8.6 by 4.8 inch figure attached to the Agg canvas (no pyplot state)."""
    figure = Figure(figsize=(8.6, 4.8), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def draw_treatment_effects(labelled: bool = True) -> Figure:
    """Draw points less pain (0-100) with intervals, largest first, and the 10-point line.

    Examples
    --------
    >>> len(draw_treatment_effects().axes)
    1
    """
    rows = treatments.effect_rows(treatments.treatment_frame())
    figure = new_figure()
    axes = figure.add_axes((0.22, 0.2, 0.75, 0.65))
    for position, (row_id, row) in enumerate(rows.iterrows()):
        single = row_id == SINGLE_TRIAL
        points, low, high = row["Points less pain"], row["Lowest"], row["Highest"]
        axes.plot(
            [low, high],
            [position, position],
            color=POINT,
            linewidth=2.5,
            linestyle="--" if single else "-",
        )
        axes.plot(
            [points],
            [position],
            marker="o",
            markersize=9,
            color=POINT,
            markerfacecolor="white" if single else POINT,
            markeredgewidth=2,
        )
        words = treatments.points_text(points, low, high)
        if single:
            words += "\none small trial: uncertain"
        axes.text(
            high + 1,
            position,
            words,
            va="center",
            fontsize=9,
            color=INK,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            zorder=3,
        )
    draw_reference_lines(axes, len(rows))
    axes.set_yticks(
        range(len(rows)),
        [str(label).replace(", ", ",\n") for label in rows["Chart label"]],
        fontsize=9,
    )
    axes.set_ylim(len(rows) - 0.4, -0.9)
    axes.set_xlim(-5, 55)
    axes.set_xticks([0, 10, 20, 30, 40])
    axes.set_xlabel("Points less pain than the comparison, on a 0 to 100 scale", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    add_titles(figure)
    return figure


def draw_reference_lines(axes: Axes, rows: int) -> None:
    """The 'no difference' line at 0 and the 10-point line, each named in words."""
    important = treatments.IMPORTANT_POINTS
    axes.axvline(0, color=INK, linewidth=1)
    axes.axvline(important, color=GREY, linewidth=1.2, linestyle=":")
    axes.text(
        important + 0.6,
        -0.6,
        f"{important} points: smaller differences are\nusually not counted as important",
        fontsize=8.5,
        color=GREY,
        va="center",
    )
    axes.text(0.6, rows - 0.55, "0 = no difference", fontsize=8.5, color=INK)


def add_titles(figure: Figure) -> None:
    """Title at the top, sources at the bottom."""
    figure.text(
        0.03,
        0.93,
        "How much less pain: the treatments with a number, and their intervals",
        fontsize=12,
        fontweight="bold",
        color=INK,
    )
    figure.text(
        0.03,
        0.02,
        "Sources: French 2006 (heat); Hayden 2021 (exercise); Cashin 2021 (muscle relaxants);\n"
        "van der Gaag 2020 (NSAIDs); Machado 2015 (paracetamol).",
        fontsize=8,
        color=GREY,
    )


EFFECTS_ALT = (
    "Chart of how many points less pain, on a 0 to 100 scale, five treatments gave compared "
    "with a comparison group, each shown as a dot with a line for its interval, largest first. "
    "Heat from a heated blanket, measured straight after use in one small trial of 90 people: "
    "32.2 (25.7 to 38.7), drawn hollow and dashed because one small trial is uncertain. "
    "Structured exercise for long-lasting pain: 15 (12 to 18). "
    "Muscle relaxants for new pain: 7.7 (3.3 to 12.1). "
    "NSAIDs for new pain: 7.3 (3.6 to 11.0). "
    "Paracetamol: 0.5 (−1.9 to 2.9), which crosses zero, meaning no difference. "
    "A dotted line at 10 points marks where differences start to be counted as important: "
    "NSAIDs and muscle relaxants fall below it and paracetamol is close to zero."
)

register(
    FigureSpec(
        id="treatment_effects",
        title="How much less pain each treatment gave, with intervals",
        alt=EFFECTS_ALT,
        alt_unlabelled=EFFECTS_ALT,
        markers={},
        draw=draw_treatment_effects,
    )
)
