"""Figures for lesson 06: the recovery timeline, how often back pain comes back, the walking trial.

The charts read their numbers from ``data/recovery.yaml`` when drawn (through
:mod:`course.recovery`), so the picture always shows the data file. The alt
texts are prose written from the same numbers; ``tests/test_figures_recovery.py``
checks that every plotted number appears in them, so the two cannot drift apart.

Lines and bars differ by marker, line style and hatching as well as colour, and
every value is written on the chart, so colour is never the only cue. Drawn with
matplotlib's object API (no pyplot). :func:`draw_diary` draws a learner's own
diary for the diary widget; it is not a registered figure.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure

from course import recovery
from course.figures import FigureSpec, register

INK = "#222222"
GREY = "#666666"
ACUTE = "#1f5f9e"
PERSISTENT = "#b5532a"
LIGHT = "#9cc3e6"
WALKING = "#8cc68c"
BAND_COLOURS = ("#d6e4f2", "#ebebeb", "#ffffff")
#: The time bands of lesson 03: (first week, last week, name).
BANDS = (
    (0, 4, "acute: under 4 weeks"),
    (4, 12, "subacute: 4 to 12 weeks"),
    (12, 52, "chronic: over 12 weeks (white)"),
)


def new_figure(height: float = 4.6) -> Figure:
    """Return an 8-inch-wide figure attached to the Agg canvas (no pyplot state)."""
    figure = Figure(figsize=(8.0, height), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def title(figure: Figure, text: str, source: str) -> None:
    """Write the figure's bold title at the top and its source at the bottom."""
    figure.text(0.03, 0.94, text, fontsize=12, fontweight="bold", color=INK)
    figure.text(0.03, 0.02, source, fontsize=8, color=GREY)


# ---------------------------------------------------------------- the recovery timeline


def draw_recovery_timeline(labelled: bool = True) -> Figure:
    """Draw average pain over a year for new and persistent back pain, over the time bands.

    Examples
    --------
    >>> len(draw_recovery_timeline().axes)
    1
    """
    data = recovery.load_recovery()
    acute, persistent = data.cohort("acute"), data.cohort("persistent")
    figure = new_figure()
    axes = figure.add_axes((0.1, 0.14, 0.62, 0.72))
    draw_bands(axes)
    axes.plot(acute.weeks, acute.pain, color=ACUTE, marker="o", linewidth=2.5, markersize=7)
    axes.plot(
        persistent.weeks,
        persistent.pain,
        color=PERSISTENT,
        marker="s",
        linestyle="--",
        linewidth=2,
        markersize=6,
    )
    label_points(axes, acute.weeks, acute.pain, ACUTE, below=True)
    label_points(axes, persistent.weeks, persistent.pain, PERSISTENT, below=False)
    axes.text(55, acute.pain[-1], "New (acute) pain\n(circles, solid line)", va="center",
              fontsize=10, color=ACUTE, clip_on=False)  # fmt: skip
    axes.text(55, persistent.pain[-1], "Pain that had already\nlasted months\n(squares, dashed)",
              va="center", fontsize=10, color=PERSISTENT, clip_on=False)  # fmt: skip
    axes.set_xlim(-2, 52)
    axes.set_ylim(0, 100)
    axes.set_xticks(list(acute.weeks))
    axes.set_xlabel("Weeks since the person was first seen", fontsize=10)
    axes.set_ylabel("Average pain (0 = none, 100 = worst)", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    title(
        figure,
        "Recovery timeline: a fast fall in the first 6 weeks, then slower",
        "Source: Menezes Costa et al., CMAJ 2012 (33 groups, 11,166 people); "
        "time bands: American College of Physicians 2017.",
    )
    return figure


def draw_bands(axes: object) -> None:
    """Shade the acute and subacute bands and name all three, with arrows to the narrow ones."""
    for row, ((start, end, name), colour) in enumerate(zip(BANDS, BAND_COLOURS, strict=True)):
        axes.axvspan(start, end, color=colour, zorder=0)  # type: ignore[attr-defined]
        height = 92 - 10 * row
        arrow = {"arrowstyle": "->", "color": GREY} if end < 52 else None
        axes.annotate(  # type: ignore[attr-defined]
            name,
            xy=((start + end) / 2, height),
            xytext=(16, height),
            va="center",
            fontsize=9,
            color=GREY,
            arrowprops=arrow,
        )


def label_points(
    axes: object, weeks: Sequence[int], pains: Sequence[float], colour: str, below: bool
) -> None:
    """Write each value beside its point: below the line for one series, above for the other."""
    for week, pain in zip(weeks, pains, strict=True):
        offset = (-6, -14) if below else (0, 8)
        axes.annotate(  # type: ignore[attr-defined]
            recovery.format_number(pain),
            (week, pain),
            textcoords="offset points",
            xytext=(offset[0] - (6 if week == 0 else 0), offset[1]),
            ha="right" if below or week == 0 else "center",
            fontsize=10,
            color=colour,
            fontweight="bold" if below else "normal",
        )


TIMELINE_ALT = (
    "Line chart of average pain on a 0 to 100 scale over the 52 weeks after people were first "
    "seen, over shaded time bands: acute (under 4 weeks), subacute (4 to 12 weeks) and chronic "
    "(over 12 weeks). For new (acute) back pain, circles and a solid line, average pain falls from "
    "52 at the start to 23 at 6 weeks, 12 at 26 weeks and 6 at 52 weeks: most of the fall comes "
    "in the first six weeks, while the pain is still acute or subacute. For pain that had already "
    "lasted months (persistent), squares and a dashed line, it falls more slowly, from 51 to 33, "
    "26 and 23."
)


# ---------------------------------------------------------------- recurrence


RECURRENCE_BARS = (
    ("dasilva-any-recurrence", "Any recurrence"),
    ("dasilva-care-seeking", "A recurrence they\nsought care for"),
    ("dasilva-activity-limiting", "A recurrence that\nlimited activities"),
    ("review-one-year-recurrence", "Any recurrence\n(another study)"),
)


def draw_recurrence(labelled: bool = True) -> Figure:
    """Draw how many people who recovered had back pain again within a year.

    Examples
    --------
    >>> len(draw_recurrence().axes)
    1
    """
    data = recovery.load_recovery()
    figure = new_figure()
    axes = figure.add_axes((0.27, 0.16, 0.66, 0.68))
    values = [data.finding(finding_id).value for finding_id, _ in RECURRENCE_BARS]
    rows = list(range(len(values)))
    bars = axes.barh(rows, values, 0.6, color=[ACUTE, ACUTE, ACUTE, LIGHT], edgecolor=INK)
    bars[-1].set_hatch("//")
    for row, value in zip(rows, values, strict=True):
        words = f"{recovery.format_number(value)}% ({recovery.in_ten(value)})"
        axes.text(value + 1.5, row, words, va="center", fontsize=10, color=INK)
    axes.set_yticks(rows, [label for _, label in RECURRENCE_BARS], fontsize=10)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.set_xlabel("People who had recovered, with back pain again within a year (%)", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    title(
        figure,
        "Back pain often comes back within a year of recovering",
        "Sources: solid bars, da Silva et al., J Physiother 2019 (250 people); "
        "striped bar, da Silva et al., JOSPT 2017 (review).",
    )
    return figure


RECURRENCE_ALT = (
    "Bar chart of how many people who had recovered from back pain had it again within a year. "
    "In a study of 250 people: 69% (about 7 in 10) had any recurrence, 41% (about 4 in 10) had "
    "one they sought care for, and 40% (4 in 10) had one that limited their activities. A "
    "striped bar shows a lower estimate from another study, found by a 2017 review: 33% (about "
    "3 in 10) had a recurrence within a year. Estimates differ with how a recurrence is counted."
)


# ---------------------------------------------------------------- the walking trial


def draw_walking_trial(labelled: bool = True) -> Figure:
    """Draw the WalkBack trial's median time to an activity-limiting recurrence, by group.

    Examples
    --------
    >>> len(draw_walking_trial().axes)
    1
    """
    data = recovery.load_recovery()
    comparison = data.finding("walkback-median-comparison").value
    walking = data.finding("walkback-median-walking").value
    ratio = data.finding("walkback-hazard-ratio")
    figure = new_figure(4.0)
    axes = figure.add_axes((0.3, 0.2, 0.62, 0.6))
    bars = axes.barh([0, 1], [comparison, walking], 0.55, color=[LIGHT, WALKING], edgecolor=INK)
    bars[1].set_hatch("..")
    for row, value in enumerate((comparison, walking)):
        axes.text(value + 4, row, f"{recovery.format_number(value)} days", va="center",
                  fontsize=11, color=INK, fontweight="bold")  # fmt: skip
    delay = recovery.walkback_delay_days(data)
    axes.annotate(
        f"{delay} days later",
        xy=(walking, 0.5),
        xytext=(comparison + 4, 0.5),
        fontsize=9.5,
        va="center",
        color=INK,
        arrowprops={"arrowstyle": "->", "color": INK},
    )
    axes.set_yticks([0, 1], ["Comparison group\n(without the programme)", "Walking programme\nwith education (dotted)"], fontsize=10)  # fmt: skip
    axes.invert_yaxis()
    axes.set_xlim(0, 260)
    axes.set_xlabel("Days until half the group had an activity-limiting recurrence", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    title(
        figure,
        "A walking programme delayed the next episode",
        f"Source: Pocovi et al., Lancet 2024 (WalkBack trial, 701 people); "
        f"hazard ratio {ratio.in_words}.",
    )
    return figure


WALKING_ALT = (
    "Bar chart from the WalkBack trial of 701 adults who had recently recovered from back pain. "
    "In the comparison group, without the programme, half had a recurrence that limited their "
    "activities by 112 days. In the group given a walking programme with education, half had one "
    "by 208 days: 96 days later. The hazard ratio was 0.72 (0.60 to 0.85), meaning recurrences "
    "happened at about 0.72 times the comparison group's rate."
)


# ---------------------------------------------------------------- a learner's own diary


def draw_diary(points: Sequence[tuple[date, float]], trend: float | None = None) -> Figure:
    """Draw a learner's daily pain (0-10) over time, with a dashed straight-line trend.

    Examples
    --------
    >>> figure = draw_diary([(date(2026, 11, 1), 6.0), (date(2026, 11, 8), 4.0)], -2.0)
    >>> len(figure.axes)
    1
    """
    figure = new_figure(3.6)
    axes = figure.add_axes((0.09, 0.2, 0.86, 0.62))
    days = [day for day, _ in points]
    pains = [pain for _, pain in points]
    axes.plot(days, pains, color=ACUTE, marker="o", linewidth=2, markersize=6)  # type: ignore[arg-type]
    if trend is not None and len(points) >= 2:
        start = days[0]
        mean_x = sum((d - start).days for d in days) / len(days)
        mean_y = sum(pains) / len(pains)
        ends = [days[0], days[-1]]
        line = [mean_y + trend / 7 * ((d - start).days - mean_x) for d in ends]
        axes.plot(ends, line, color=GREY, linestyle="--", linewidth=1.5)  # type: ignore[arg-type]
    axes.set_ylim(0, 10)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel("Pain (0 = none, 10 = worst)", fontsize=10)
    axes.tick_params(axis="x", labelsize=9)
    axes.xaxis.set_major_formatter(DateFormatter("%d %b"))
    axes.spines[["top", "right"]].set_visible(False)
    figure.text(0.03, 0.92, "Your pain diary (dots: daily pain; dashed line: trend)",
                fontsize=11, fontweight="bold", color=INK)  # fmt: skip
    return figure


def png_bytes(figure: Figure) -> bytes:
    """Return a figure as PNG bytes (no creation-software metadata, so bytes are repeatable)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


register(
    FigureSpec(
        id="recovery_timeline",
        title="Recovery timeline: average pain over the year after an episode",
        alt=TIMELINE_ALT,
        alt_unlabelled=TIMELINE_ALT,
        markers={},
        draw=draw_recovery_timeline,
    )
)

register(
    FigureSpec(
        id="recurrence_within_a_year",
        title="How often back pain comes back within a year",
        alt=RECURRENCE_ALT,
        alt_unlabelled=RECURRENCE_ALT,
        markers={},
        draw=draw_recurrence,
    )
)

register(
    FigureSpec(
        id="walking_delays_recurrence",
        title="The WalkBack trial: a walking programme delayed the next episode",
        alt=WALKING_ALT,
        alt_unlabelled=WALKING_ALT,
        markers={},
        draw=draw_walking_trial,
    )
)
