"""Figures for lesson 03: how pain changes over a year, and scan findings in people without pain.

Both are charts of published numbers, drawn from code with matplotlib's object API
(no pyplot, no files read). Lines and bars differ by marker, line style and hatching
as well as colour, and every value is written on the chart, so colour is never
the only cue.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from course.figures import FigureSpec, register

INK = "#222222"
GREY = "#666666"
ACUTE = "#1f5f9e"
PERSISTENT = "#b5532a"
YOUNG = "#9cc3e6"
OLD = "#1f5f9e"

# Menezes Costa et al. 2012 (CMAJ), mean pain on a 0-100 scale at 0, 6, 26 and 52 weeks.
WEEKS = (0, 6, 26, 52)
ACUTE_PAIN = (52, 23, 12, 6)
PERSISTENT_PAIN = (51, 33, 26, 23)

# Brinjikji et al. 2015 (AJNR): share of people WITHOUT back pain with each finding, age 20 and 80.
FINDINGS = (
    ("Disc degeneration", 37, 96),
    ("Disc bulge", 30, 84),
    ("Disc protrusion", 29, 43),
    ("Annular fissure\n(a tear in the disc's outer ring)", 19, 29),
)


def new_figure() -> Figure:
    """Return an 8 by 4.6 inch figure attached to the Agg canvas (no pyplot state)."""
    figure = Figure(figsize=(8.0, 4.6), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def draw_pain_over_a_year(labelled: bool = True) -> Figure:
    """Draw average pain over the first year for new (acute) and long-lasting (persistent) pain.

    Examples
    --------
    >>> len(draw_pain_over_a_year().axes)
    1
    """
    figure = new_figure()
    axes = figure.add_axes((0.1, 0.14, 0.64, 0.74))
    axes.axvspan(0, 6, color="#e8e8e8", zorder=0)
    axes.text(3, 96, "first\n6 weeks", ha="center", va="top", fontsize=9, color=INK)
    axes.plot(WEEKS, ACUTE_PAIN, color=ACUTE, marker="o", linewidth=2.5, markersize=7)
    axes.plot(
        WEEKS,
        PERSISTENT_PAIN,
        color=PERSISTENT,
        marker="s",
        linestyle="--",
        linewidth=2,
        markersize=6,
    )
    for week, pain in zip(WEEKS, ACUTE_PAIN, strict=True):
        at_start = week == 0
        axes.annotate(
            str(pain),
            (week, pain),
            textcoords="offset points",
            xytext=(-8, -12) if at_start else (-5, -13),
            ha="right",
            fontsize=10,
            color=ACUTE,
            fontweight="bold",
        )
    for week, pain in zip(WEEKS, PERSISTENT_PAIN, strict=True):
        at_start = week == 0
        axes.annotate(
            str(pain),
            (week, pain),
            textcoords="offset points",
            xytext=(-8, 4) if at_start else (0, 8),
            ha="right" if at_start else "center",
            fontsize=10,
            color=PERSISTENT,
        )
    axes.text(
        55,
        ACUTE_PAIN[-1],
        "New (acute) pain\n(circles, solid line)",
        va="center",
        fontsize=10,
        color=ACUTE,
        clip_on=False,
    )
    axes.text(
        55,
        PERSISTENT_PAIN[-1],
        "Pain that had already\nlasted months\n(squares, dashed line)",
        va="center",
        fontsize=10,
        color=PERSISTENT,
        clip_on=False,
    )
    axes.set_xlim(-5, 52)
    axes.set_ylim(0, 100)
    axes.set_xticks(WEEKS)
    axes.set_xlabel("Weeks since the person was first seen", fontsize=10)
    axes.set_ylabel("Average pain (0 = none, 100 = worst)", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.text(
        0.1,
        0.94,
        "Average pain over a year: most of the fall comes in the first 6 weeks",
        fontsize=12,
        fontweight="bold",
        color=INK,
    )
    figure.text(
        0.1,
        0.02,
        "Source: Menezes Costa et al., CMAJ 2012 (33 cohorts, 11,166 people).",
        fontsize=8,
        color=GREY,
    )
    return figure


def draw_scan_findings(labelled: bool = True) -> Figure:
    """Draw how common four scan findings are in people with no back pain, at age 20 and 80.

    Examples
    --------
    >>> len(draw_scan_findings().axes)
    1
    """
    figure = new_figure()
    axes = figure.add_axes((0.3, 0.18, 0.62, 0.68))
    rows = range(len(FINDINGS))
    height = 0.38
    young = [row - height / 2 for row in rows]
    old = [row + height / 2 for row in rows]
    axes.barh(
        young,
        [f[1] for f in FINDINGS],
        height,
        color=YOUNG,
        edgecolor=INK,
        label="Age 20 (plain bars)",
    )
    axes.barh(
        old,
        [f[2] for f in FINDINGS],
        height,
        color=OLD,
        edgecolor=INK,
        hatch="//",
        label="Age 80 (striped bars)",
    )
    for row, (_name, at_20, at_80) in enumerate(FINDINGS):
        axes.text(at_20 + 1.5, young[row], f"{at_20}% at 20", va="center", fontsize=9, color=INK)
        axes.text(at_80 + 1.5, old[row], f"{at_80}% at 80", va="center", fontsize=9, color=INK)
    axes.set_yticks(list(rows), [f[0] for f in FINDINGS], fontsize=10)
    axes.invert_yaxis()
    axes.set_xlim(0, 115)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.set_xlabel("People WITHOUT back pain who have the finding on a scan (%)", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower right", fontsize=9, frameon=False)
    figure.text(
        0.03,
        0.93,
        "Scan findings are common in people with no back pain at all",
        fontsize=12,
        fontweight="bold",
        color=INK,
    )
    figure.text(
        0.03,
        0.02,
        "Source: Brinjikji et al., AJNR 2015 (33 studies, 3,110 people without symptoms).",
        fontsize=8,
        color=GREY,
    )
    return figure


PAIN_ALT = (
    "Line chart of average pain on a 0 to 100 scale over the 52 weeks after people were first "
    "seen. For new (acute) back pain, shown with circles and a solid line, average pain falls "
    "from 52 at the start to 23 at 6 weeks, 12 at 26 weeks and 6 at 52 weeks: most of the fall "
    "comes in the first six weeks. For pain that had already lasted months (persistent), shown "
    "with squares and a dashed line, it falls more slowly, from 51 to 33, 26 and 23."
)

SCANS_ALT = (
    "Bar chart of how many people with no back pain have each finding on a spine scan, at age 20 "
    "and at age 80. Disc degeneration: 37% at 20, 96% at 80. Disc bulge: 30% at 20, 84% at 80. "
    "Disc protrusion: 29% at 20, 43% at 80. Annular fissure (a tear in the disc's outer ring): "
    "19% at 20, 29% at 80. All four become more common with age, even without pain."
)

register(
    FigureSpec(
        id="pain_over_a_year",
        title="Average pain over the first year of an episode",
        alt=PAIN_ALT,
        alt_unlabelled=PAIN_ALT,
        markers={},
        draw=draw_pain_over_a_year,
    )
)

register(
    FigureSpec(
        id="scan_findings_without_pain",
        title="Scan findings in people without back pain, at age 20 and 80",
        alt=SCANS_ALT,
        alt_unlabelled=SCANS_ALT,
        markers={},
        draw=draw_scan_findings,
    )
)
