"""The class report as accessible HTML: tables with captions and headers, charts with alt text.

Every string that can come from a learner's file (learner names, file names,
reasons that quote them) goes through :func:`html.escape`, so a learner named
``<script>`` is shown as text and never run. Charts are drawn with matplotlib's
object API and embedded as PNG images whose alt text gives the same numbers;
colours always come with hatching and written numbers, never colour alone.

Examples
--------
>>> cell("<b>ada</b>")
'<td>&lt;b&gt;ada&lt;/b&gt;</td>'
>>> shorten("a long prompt about backs", 12)
'a long prom…'
"""

from __future__ import annotations

import base64
import io
import statistics
from collections.abc import Sequence
from html import escape
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from course.instructor.analysis import ClassReport, Concern, ItemStats, LessonSummary
from course.instructor.loading import LoadReport

INK = "#222222"
DONE = "#1f5f9e"
GOING = "#9cc3e6"
NOT_YET = "#eeeeee"
DASH = "—"


# ---------------------------------------------------------------- small pieces


def plain(text: str) -> str:
    """A question prompt without its Markdown emphasis and code marks.

    Examples
    --------
    >>> plain("**Single choice.** Press `Check`.")
    'Single choice. Press Check.'
    """
    return " ".join(text.replace("**", "").replace("`", "").split())


def shorten(text: str, limit: int) -> str:
    """Cut text to ``limit`` characters, ending with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell(text: str, header: bool = False, title: str | None = None) -> str:
    """One escaped table cell (a row header when ``header``)."""
    hint = f' title="{escape(title)}"' if title else ""
    if header:
        return f'<th scope="row"{hint}>{escape(text)}</th>'
    return f"<td{hint}>{escape(text)}</td>"


def table(caption: str, headers: Sequence[str], rows: Sequence[str], css: str) -> str:
    """A table with a caption and column headers; ``rows`` are ready-made ``<tr>`` strings."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    return (
        f'<table class="course-instructor {css}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def section(title: str, body: str, css: str) -> str:
    """A titled section of the dashboard."""
    return f'<section class="{css}"><h3>{escape(title)}</h3>{body}</section>'


def percent(value: float | None) -> str:
    """0.625 -> ``"62%"``; None -> a dash."""
    return DASH if value is None else f"{value * 100:.0f}%"


def decimal(value: float | None) -> str:
    """A correlation or index with two decimals (a minus sign when negative); None -> a dash."""
    return DASH if value is None else f"{value:.2f}".replace("-", "−")


def lesson_titles(report: ClassReport) -> dict[str, str]:
    """Lesson id -> title."""
    return {lesson.lesson_id: lesson.title for lesson in report.lessons}


# ---------------------------------------------------------------- charts


def png_data(figure: Figure) -> str:
    """A figure as base64 PNG text."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(figure: Figure, title: str, alt: str) -> str:
    """An accessible ``<figure>``: the image with alt text, and a caption."""
    return (
        f'<figure class="course-figure" style="margin:0 0 1em 0">'
        f'<img src="data:image/png;base64,{png_data(figure)}" alt="{escape(alt)}" '
        f'style="max-width:100%;height:auto">'
        f"<figcaption><strong>{escape(title)}.</strong> {escape(alt)}</figcaption></figure>"
    )


def new_figure(width: float, height: float) -> Figure:
    """A figure on the Agg canvas (no pyplot state), laid out so long labels fit."""
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def taught(report: ClassReport) -> list[LessonSummary]:
    """Lessons that have questions (lessons without a bank yet are left out of charts)."""
    return [lesson for lesson in report.lessons if lesson.questions]


def completion_chart(report: ClassReport) -> str:
    """Stacked bars per lesson: completed, in progress, not started (numbers on the bars)."""
    lessons = taught(report)
    figure = new_figure(8.0, 0.5 * len(lessons) + 1.5)
    axes = figure.add_subplot()
    parts = (
        ("completed", DONE, "", "white"),
        ("in progress", GOING, "//", INK),
        ("not started", NOT_YET, "..", INK),
    )
    rows = range(len(lessons))
    left = [0] * len(lessons)
    for name, colour, hatch, ink in parts:
        values = [getattr(lesson, name.replace(" ", "_")) for lesson in lessons]
        axes.barh(rows, values, left=left, color=colour, hatch=hatch, edgecolor=INK, label=name)
        for row, (start, value) in enumerate(zip(left, values, strict=True)):
            if value:
                # a white patch behind the number keeps it readable on hatching
                patch = {"facecolor": "white", "edgecolor": "none", "pad": 1} if hatch else None
                axes.text(
                    start + value / 2,
                    row,
                    str(value),
                    ha="center",
                    va="center",
                    color=ink,
                    bbox=patch,
                )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(list(rows), [shorten(lesson.title, 34) for lesson in lessons])
    axes.invert_yaxis()
    axes.set_xlabel("learners")
    figure.legend(loc="outside upper center", ncols=3, fontsize=9)
    alt = f"Completion per lesson, {len(report.learners)} learners. " + " ".join(
        f"{lesson.title}: {lesson.completed} completed, {lesson.in_progress} in progress, "
        f"{lesson.not_started} not started."
        for lesson in lessons
    )
    return figure_html(figure, "Completion per lesson", alt)


def spread_words(values: Sequence[float]) -> str:
    """Median and middle half in percent, for alt text and tables."""
    if not values:
        return "no scores"
    low, mid, high = quartiles(values)
    return f"median {mid * 100:.0f}% (middle half {low * 100:.0f}% to {high * 100:.0f}%)"


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """First quartile, median, third quartile (all equal for a single value)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    low, mid, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, mid, high


def draw_box(axes: Any, row: int, values: Sequence[float]) -> None:
    """A box plot drawn by hand: whiskers from lowest to highest, a box for the middle half,
    a thick line at the median (the same on every matplotlib version)."""
    low, mid, high = quartiles(values)
    axes.plot([min(values), max(values)], [row, row], color=INK, linewidth=1)
    axes.add_patch(
        Rectangle((low, row - 0.3), high - low, 0.6, facecolor=GOING, edgecolor=INK, hatch="//")
    )
    axes.plot([mid, mid], [row - 0.3, row + 0.3], color=INK, linewidth=3)


def scores_chart(report: ClassReport) -> str:
    """Box plots of lesson scores, and a histogram of final scores."""
    lessons = [lesson for lesson in taught(report) if lesson.scores]
    figure = new_figure(9.0, max(3.2, 0.45 * len(lessons) + 1.4))
    boxes, histogram = figure.subplots(1, 2, width_ratios=(2.2, 1))
    for row, lesson in enumerate(lessons):
        draw_box(boxes, row, [s * 100 for s in lesson.scores])
    boxes.set_yticks(list(range(len(lessons))), [shorten(lesson.title, 30) for lesson in lessons])
    boxes.set_ylim(len(lessons) - 0.5, -0.5)
    boxes.set_xlim(0, 100)
    boxes.set_xlabel("lesson score, first try (%)")
    finals = [report.final[name] * 100 for name in report.learners]
    histogram.hist(finals, bins=10, range=(0, 100), color=GOING, edgecolor=INK, hatch="//")
    histogram.set_xlabel("final score (%)")
    histogram.set_ylabel("learners")
    alt = (
        "Lesson scores on the first try: "
        + " ".join(
            f"{lesson.title}: {spread_words(lesson.scores)}, {len(lesson.scores)} learners."
            for lesson in lessons
        )
        + f" Final scores of {len(finals)} learners: {spread_words([f / 100 for f in finals])}."
    )
    return figure_html(figure, "Score distributions", alt)


# ---------------------------------------------------------------- sections


def overview_html(report: ClassReport, loaded: LoadReport, note: str = "") -> str:
    """How many learners and files, the newest submission, and the rules used."""
    newest = report.as_of.strftime("%d %B %Y, %H:%M UTC") if report.as_of else "none yet"
    owner = (
        "Each file's learner was checked against the file's owner."
        if loaded.owner_checked
        else "The owner check is off: files were not checked against their owners."
    )
    flagged = sum(1 for item in report.items if item.flags)
    parts = [
        f"<p><strong>{len(report.learners)} learners</strong>, {len(loaded.accepted)} results files used, "
        f"{len(loaded.rejected)} set aside. Newest submission: {escape(newest)}.</p>",
        f"<p>{escape(owner)} {flagged} questions are flagged for a look "
        f"(flags need at least {report.settings.min_responses} first tries).</p>",
    ]
    if note:
        parts.append(f'<p role="note">{escape(note)}</p>')
    return section("Overview", "".join(parts), "course-overview")


def rejected_html(loaded: LoadReport) -> str:
    """Every file set aside, with the kind of problem and the reason."""
    if not loaded.rejected:
        return section("Files set aside", "<p>No files were set aside.</p>", "course-rejected")
    rows = [
        f"<tr>{cell(r.file, header=True)}{cell(r.kind)}{cell(r.reason)}</tr>"
        for r in loaded.rejected
    ]
    body = table(
        f"{len(loaded.rejected)} files set aside, not used in any figure",
        ("File", "Problem", "Reason"),
        rows,
        "course-rejected-files",
    )
    return section("Files set aside", body, "course-rejected")


def completion_html(report: ClassReport) -> str:
    """Completion per lesson: a table and a chart."""
    rows = []
    for lesson in report.lessons:
        if not lesson.questions:
            rows.append(
                f"<tr>{cell(lesson.title, header=True)}<td colspan='5'>no questions yet</td></tr>"
            )
            continue
        cells = (
            str(lesson.questions),
            str(lesson.completed),
            str(lesson.in_progress),
            str(lesson.not_started),
            spread_words(lesson.scores),
        )
        rows.append(f"<tr>{cell(lesson.title, header=True)}{''.join(map(cell, cells))}</tr>")
    headers = ("Lesson", "Questions", "Completed", "In progress", "Not started", "Lesson score")
    body = table("Completion and scores per lesson", headers, rows, "course-completion")
    charts = completion_chart(report) + scores_chart(report) if taught(report) else ""
    return section("Completion and scores", body + charts, "course-completion-section")


def learners_html(report: ClassReport) -> str:
    """Every learner's lesson scores and final score (what the gradebook exports)."""
    lessons = taught(report)
    rows = [
        f"<tr>{cell(learner, header=True)}"
        + "".join(cell(percent(report.scores[learner][lesson.lesson_id])) for lesson in lessons)
        + f"{cell(percent(report.final[learner]))}</tr>"
        for learner in report.learners
    ]
    headers = ("Learner", *(lesson.lesson_id for lesson in lessons), "Final score")
    caption = "Scores by learner: first try, percent of each lesson's questions (— no results)"
    body = table(caption, headers, rows, "course-learners") if rows else "<p>No learners yet.</p>"
    return section("Scores by learner", body, "course-learners-section")


def concern_items(concerns: Sequence[Concern], titles: dict[str, str]) -> str:
    """One learner's concerns as a list."""
    items = "".join(
        f"<li>{escape(titles.get(c.lesson_id, 'Course'))}: <strong>{escape(c.situation)}</strong>"
        f" ({escape(c.detail)})</li>"
        for c in concerns
    )
    return f"<ul>{items}</ul>"


def concerns_html(report: ClassReport) -> str:
    """Learners who need a look, one row per learner."""
    grouped: dict[str, list[Concern]] = {}
    for concern in report.concerns:
        grouped.setdefault(concern.learner, []).append(concern)
    if not grouped:
        return section("Learners who need a look", "<p>Nobody, for now.</p>", "course-concerns")
    titles = lesson_titles(report)
    rows = [
        f"<tr>{cell(learner, header=True)}<td>{concern_items(items, titles)}</td></tr>"
        for learner, items in sorted(grouped.items())
    ]
    body = table(
        f"{len(grouped)} of {len(report.learners)} learners may need a look",
        ("Learner", "What the results show"),
        rows,
        "course-concerns-table",
    )
    return section("Learners who need a look", body, "course-concerns")


def picks_html(item: ItemStats) -> str:
    """Wrong options with how many picked each; unpicked distractors marked."""
    if not item.wrong_picks:
        return DASH
    entries = []
    for pick in item.wrong_picks:
        mark = " ⚠" if pick.distractor and pick.count == 0 else ""
        entries.append(
            f"<li>{escape(shorten(pick.label, 60))}: {pick.count} of {pick.reach}{mark}</li>"
        )
    return f"<ul>{''.join(entries)}</ul>"


def flags_html(item: ItemStats) -> str:
    """The question's flags, each with a warning sign; 'none' when there are none."""
    if not item.flags:
        return "none"
    return "<ul>" + "".join(f"<li>⚠ {escape(flag.text)}</li>" for flag in item.flags) + "</ul>"


def item_row(item: ItemStats) -> str:
    """One question of the item analysis."""
    name = f"{'⚠ ' if item.flags else ''}{item.question_id}"
    prompt = plain(item.prompt)
    return (
        f"<tr>{cell(name, header=True, title=prompt)}"
        f"{cell(item.kind.replace('_', ' '))}{cell(shorten(prompt, 90), title=prompt)}"
        f"{cell(str(item.responses))}{cell(percent(item.difficulty))}"
        f"{cell(decimal(item.point_biserial))}{cell(decimal(item.upper_lower))}"
        f"<td>{picks_html(item)}</td><td>{flags_html(item)}</td></tr>"
    )


def select_items(report: ClassReport, lesson_id: str | None, flagged_only: bool) -> list[ItemStats]:
    """The questions of one lesson (or all), optionally only those flagged."""
    return [
        item
        for item in report.items
        if (lesson_id is None or item.lesson_id == lesson_id) and (item.flags or not flagged_only)
    ]


def items_html(
    report: ClassReport, lesson_id: str | None = None, flagged_only: bool = False
) -> str:
    """The item-analysis table (one lesson or all), with how to read it."""
    items = select_items(report, lesson_id, flagged_only)
    where = lesson_titles(report).get(lesson_id or "", "all lessons")
    headers = (
        "Question",
        "Kind",
        "Prompt",
        "First tries",
        "Difficulty (right first time)",
        "Point-biserial",
        "Upper−lower",
        "Wrong options picked (first try)",
        "Flags",
    )
    guide = (
        "<p><strong>Difficulty</strong> is the share right on the first try (higher is easier). "
        "<strong>Point-biserial</strong> and <strong>upper−lower</strong> measure discrimination: "
        "whether learners who did well on the lesson's other questions got this one right more often. "
        "Values near 0 say little; negative values suggest a wrong key or misleading wording. "
        "⚠ marks a distractor nobody picked.</p>"
    )
    if not items:
        body = guide + "<p>No questions to show.</p>"
    else:
        caption = f"Item analysis: {len(items)} questions, {where}"
        body = guide + table(caption, headers, [item_row(i) for i in items], "course-item-analysis")
    return section("Item analysis", body, "course-items")


def mastery_html(report: ClassReport) -> str:
    """Mastery per objective among learners who answered any of its questions."""
    rows = []
    for objective in report.objectives:
        if not objective.questions:
            cells = ("no questions yet", DASH, DASH, DASH)
        else:
            share = objective.mastered / objective.learners if objective.learners else None
            cells = (
                str(objective.questions),
                str(objective.learners),
                f"{objective.mastered} ({percent(share)})",
                percent(objective.mean_mastery),
            )
        rows.append(
            f"<tr>{cell(objective.objective_id, header=True)}{cell(objective.text)}"
            f"{''.join(map(cell, cells))}</tr>"
        )
    headers = ("Objective", "Goal", "Questions", "Learners", "Mastered", "Mean mastery")
    body = table("Mastery per objective (latest try)", headers, rows, "course-mastery")
    return section("Mastery per objective", body, "course-mastery-section")


def summary_html(report: ClassReport, loaded: LoadReport, note: str = "") -> str:
    """Overview, files set aside, completion and scores, and learners who need a look."""
    return (
        overview_html(report, loaded, note)
        + rejected_html(loaded)
        + completion_html(report)
        + concerns_html(report)
    )


def report_html(report: ClassReport, loaded: LoadReport, note: str = "") -> str:
    """The whole report as one HTML fragment (every section, every question)."""
    return (
        '<div class="course-class-dashboard">'
        + summary_html(report, loaded, note)
        + items_html(report)
        + mastery_html(report)
        + learners_html(report)
        + "</div>"
    )
