"""The pain and activity diary widget of lesson 06.

The learner picks a day, sets their pain on a 0-10 slider, writes what they
did and what helped, and presses "Add to my diary". Entries are checked by
:func:`course.diary.check_entry` and stored in the progress store; the widget
then draws the learner's own trend (an ``<img>`` with alt text), summarises it
and applies the "see a clinician" rule of :mod:`course.diary`. Every message is
written into an ``HTML`` widget's ``value`` in one assignment, never printed.

Tests drive it through its verbs: ``add``, ``submit``, ``refresh`` and ``state``.
"""

from __future__ import annotations

import base64
from datetime import date
from html import escape
from typing import Any

import ipywidgets as widgets

from course import diary, progress
from course.errors import AnswerError
from course.figures import recovery as charts
from course.progress import DiaryEntry, ProgressStore

ADD_LABEL = "Add to my diary"
EMPTY_CHART = "<p><em>Your chart appears here after your first entry.</em></p>"
STYLE = """<style>
.course-diary .widget-html-content { line-height: 1.45; }
.course-diary-advice { border: 2px solid currentColor; padding: 0.4em 0.8em; margin: 0.4em 0; }
</style>"""


class PainDiary(widgets.VBox):  # type: ignore[misc]
    """A form for one diary entry, the learner's chart, a summary and the clinician note.

    Examples
    --------
    >>> from course.progress import ProgressStore
    >>> diary_view = PainDiary(ProgressStore(None, learner="ada"))
    >>> diary_view.add(4, "desk work", "a short walk") is not None
    True
    >>> diary_view
    PainDiary(entries=1, status='too soon')
    """

    def __init__(self, store: ProgressStore | None = None, today: date | None = None) -> None:
        self.store = store or progress.default_store()
        self.today = today
        self.day = widgets.DatePicker(description="Day:", value=self.current_day())
        self.pain = widgets.IntSlider(
            value=0,
            min=diary.PAIN_MIN,
            max=diary.PAIN_MAX,
            step=1,
            description="Pain (0-10):",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.activity = text_box("What I did:", "for example: desk work, walked 20 minutes")
        self.helped = text_box("What helped:", "for example: a short walk, a heat pad (optional)")
        self.add_button = widgets.Button(
            description=ADD_LABEL,
            button_style="primary",
            layout=widgets.Layout(width="auto"),
            tooltip="Check the entry and save it in your progress record",
        )
        self.message = widgets.HTML()
        self.chart = widgets.HTML(EMPTY_CHART)
        self.summary = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self.store))
        super().__init__(children=self.layout_children())
        self.add_class("course-diary")
        self.add_button.on_click(lambda _button: self.submit())
        self.refresh()

    def layout_children(self) -> list[Any]:
        """Arrange the parts: notice, the form, the message, the chart, the summary."""
        scale = widgets.HTML(
            "<small>0 = no pain, 10 = the worst pain you can imagine.</small>",
        )
        return [
            widgets.HTML(STYLE),
            self.notice,
            self.day,
            widgets.HBox([self.pain, scale]),
            self.activity,
            self.helped,
            widgets.HBox([self.add_button]),
            self.message,
            self.chart,
            self.summary,
        ]

    def current_day(self) -> date:
        """Today, or the day the widget was told is today (tests)."""
        return self.today or date.today()

    # ---- verbs ---------------------------------------------------------------------------
    def add(
        self, pain: Any, activity: Any, helped: Any = "", day: date | str | None = None
    ) -> diary.Entry | None:
        """Fill in the form and submit it; return the saved entry, or None if it was refused.

        ``day`` is a date or ``"YYYY-MM-DD"`` text; None means today.
        """
        try:
            chosen_day = diary.to_day(day, self.current_day())
            self.pain.value = diary.check_pain(pain)
        except AnswerError as exc:
            self.message.value = error_html(str(exc))
            return None
        self.day.value = chosen_day
        self.activity.value = activity if isinstance(activity, str) else ""
        self.helped.value = helped if isinstance(helped, str) else ""
        return self.submit()

    def submit(self) -> diary.Entry | None:
        """Check the form; save a good entry and redraw, or explain what to fix."""
        if self.day.value is None:
            self.message.value = error_html("Please choose the day this entry is for.")
            return None
        try:
            entry = diary.check_entry(
                self.day.value,
                self.pain.value,
                self.activity.value,
                self.helped.value,
                today=self.current_day(),
            )
            self.store.add_diary_entry(entry.day, entry.pain, entry.activity, entry.helped)
        except AnswerError as exc:
            self.message.value = error_html(str(exc))
            return None
        self.message.value = saved_html(entry)
        self.activity.value = ""
        self.helped.value = ""
        self.refresh()
        return entry

    def refresh(self) -> diary.Summary:
        """Read this learner's entries again; redraw the chart and the summary."""
        entries = self.entries
        summary = diary.summarise(entries, self.current_day())
        self.chart.value = chart_html(entries, summary)
        self.summary.value = summary_html(summary, diary.what_helped(entries))
        self.last_summary = summary
        return summary

    # ---- state ---------------------------------------------------------------------------
    @property
    def entries(self) -> list[DiaryEntry]:
        """This learner's stored entries, oldest first."""
        return self.store.diary(learner=self.store.learner)

    @property
    def state(self) -> dict[str, Any]:
        """What the widget shows: entry count, status, whether to see a clinician, the message."""
        summary = self.last_summary
        return {
            "entries": summary.entries,
            "status": summary.status,
            "see_clinician": summary.advice.see_clinician,
            "trend_per_week": summary.trend_per_week,
            "message": self.message.value,
        }

    def __repr__(self) -> str:
        return (
            f"PainDiary(entries={self.last_summary.entries}, status={self.last_summary.status!r})"
        )


def text_box(description: str, placeholder: str) -> widgets.Text:
    """A full-width text box with its label."""
    return widgets.Text(
        description=description,
        placeholder=placeholder,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="100%", max_width="40em"),
    )


def notice_html(store: ProgressStore) -> str:
    """How the diary is kept, that it is not medical advice, and the red-flag note."""
    where = (
        "only in memory for this session (it will be lost when the kernel stops)"
        if store.in_memory
        else "in your progress record on this computer"
    )
    return (
        f"<p>Your entries are kept {escape(where)}. <em>{escape(diary.DISCLAIMER)}</em></p>"
        f'<p role="note"><strong><span aria-hidden="true">⚠</span> '
        f"{escape(diary.RED_FLAG_NOTE)}</strong></p>"
    )


def error_html(text: str) -> str:
    """A refused entry: what to fix, announced to screen readers."""
    return (
        f'<p role="alert"><strong><span aria-hidden="true">✘</span> Not saved.</strong> '
        f"{escape(text)}</p>"
    )


def saved_html(entry: diary.Entry) -> str:
    """A saved entry, said back to the learner."""
    helped = f"; what helped: {escape(entry.helped)}" if entry.helped else ""
    return (
        f'<p role="status"><span aria-hidden="true">✔</span> Saved for '
        f"{entry.day.isoformat()}: pain {entry.pain} out of 10; {escape(entry.activity)}{helped}.</p>"
    )


def chart_alt(summary: diary.Summary, points: list[tuple[date, float]]) -> str:
    """Alt text for the learner's chart: span, first and last values, and the trend in words.

    Examples
    --------
    >>> from course.diary import Entry, summarise
    >>> entries = [Entry(date(2026, 11, 1), 6, "a"), Entry(date(2026, 11, 8), 4, "b")]
    >>> chart_alt(summarise(entries, date(2026, 11, 9)), [(e.day, float(e.pain)) for e in entries])
    'Line chart of your pain diary: 2 days with entries from 2026-11-01 to 2026-11-08. Pain was 6 out of 10 on the first day and 4 on the latest. The trend line falls by 2 points a week.'
    """
    first, last = points[0], points[-1]
    text = (
        f"Line chart of your pain diary: {summary.days} day{'s' if summary.days != 1 else ''} "
        f"with entries from {first[0].isoformat()} to {last[0].isoformat()}. "
        f"Pain was {diary.format_pain(first[1])} out of 10 on the first day and "
        f"{diary.format_pain(last[1])} on the latest."
    )
    return text + trend_words(summary.trend_per_week)


def trend_words(trend: float | None) -> str:
    """The trend line's slope in words (empty without a trend)."""
    if trend is None:
        return ""
    if abs(trend) < 0.05:
        return " The trend line is flat."
    direction = "falls" if trend < 0 else "rises"
    return f" The trend line {direction} by {diary.format_pain(abs(trend))} points a week."


def chart_html(entries: list[DiaryEntry], summary: diary.Summary) -> str:
    """The learner's chart as an accessible ``<figure>``, or a placeholder before any entry."""
    points = diary.daily_pain(entries)
    if not points:
        return EMPTY_CHART
    png = charts.png_bytes(charts.draw_diary(points, summary.trend_per_week))
    data = base64.b64encode(png).decode("ascii")
    alt = chart_alt(summary, points)
    return (
        '<figure class="course-figure course-diary-chart" style="margin:0">'
        f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}" '
        'style="max-width:100%;height:auto">'
        f"<figcaption>{escape(alt)}</figcaption></figure>"
    )


def summary_html(summary: diary.Summary, helped: list[tuple[str, int]]) -> str:
    """The summary, the clinician note (boxed when it says to see one) and what helped most."""
    parts = []
    if summary.entries:
        parts.append(
            f"<p><strong>{summary.entries} entr{'ies' if summary.entries != 1 else 'y'}</strong> "
            f"on {summary.days} day{'s' if summary.days != 1 else ''}, covering "
            f"{summary.span_days + 1} day{'s' if summary.span_days else ''}.</p>"
        )
    advice = summary.advice
    symbol = "⚠" if advice.see_clinician else "ℹ"
    box = ' class="course-diary-advice"' if advice.see_clinician else ""
    parts.append(
        f'<div{box} role="status"><p><span aria-hidden="true">{symbol}</span> '
        f"<strong>{'See a clinician. ' if advice.see_clinician else ''}</strong>"
        f"{escape(advice.message)}</p></div>"
    )
    if helped:
        items = "".join(f"<li>{escape(text)} ({count}×)</li>" for text, count in helped)
        parts.append(f"<p>What you wrote down most often as helping:</p><ul>{items}</ul>")
    return "".join(parts)


def show_diary() -> PainDiary:
    """Show the pain and activity diary, stored in the learner's progress record."""
    return PainDiary()
