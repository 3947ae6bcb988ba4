"""The pain and activity diary: check entries, summarise them, and say when to see a clinician.

Pure logic, no widgets: :func:`check_entry` refuses an impossible entry with a
message written for the learner (:class:`~course.errors.AnswerError`);
:func:`summarise` turns entries into averages, a weekly trend and a
:class:`Advice` that applies the course's rule:

* pain that has **not improved after about three weeks** of entries, or that is
  **getting worse**, is a reason to see a clinician (NHS advice: see a GP if the
  pain is not improving within a few weeks [NHS-Exercises]; changing symptoms
  call for a fresh look [NICE-NG59]);
* an improvement counts when average pain falls by at least
  :data:`MEANINGFUL_CHANGE` point on the 0-10 scale, which matches the 10 points
  on a 0-100 scale that reviews treat as the smallest change that matters
  [Cochrane-NSAID-2020];
* whatever the diary shows, any red flag means urgent care (:data:`RED_FLAG_NOTE`).

The diary is a self-help tool for education, not a diagnosis.

Examples
--------
>>> from datetime import date
>>> today = date(2026, 11, 30)
>>> entries = [Entry(date(2026, 11, d), p, "walk") for d, p in [(1, 6), (8, 6), (15, 6), (29, 6)]]
>>> summarise(entries, today).status
'not improving'
>>> summarise(entries[:2], today).status
'too soon'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from course.errors import AnswerError

PAIN_MIN, PAIN_MAX = 0, 10
MAX_TEXT = 200
#: A fall of at least this much (0-10 scale) counts as an improvement; a rise this big, as worse.
MEANINGFUL_CHANGE = 1.0
#: Days the diary must cover before "not improving" can be said ("a few weeks").
SEVERAL_WEEKS_DAYS = 21
#: Days the diary must cover before "getting worse" can be said (two separate weeks).
TWO_WEEKS_DAYS = 14
WINDOW_DAYS = 7

REFERENCES = ("NHS-Exercises", "NICE-NG59", "Cochrane-NSAID-2020", "Sheffield-NHS-BackPain")

RED_FLAG_NOTE = (
    "Whatever your diary shows: if back pain comes with numbness around the genitals or "
    "buttocks, new trouble peeing or controlling your bladder or bowel, or weakness or "
    "numbness in both legs, get emergency care now (999 in the UK, 112 in Europe, 911 in "
    "North America). A high temperature, weight loss you cannot explain, or pain that is "
    "worse at night needs a clinician within days."
)
DISCLAIMER = "This diary is a self-help tool for learning, not a diagnosis or medical advice."


class DiaryItem(Protocol):
    """Anything with a day and a pain score (an :class:`Entry` or a stored diary entry)."""

    @property
    def day(self) -> date: ...

    @property
    def pain(self) -> int: ...


@dataclass(frozen=True)
class Entry:
    """One checked diary entry: the day, pain 0-10, what the learner did and what helped."""

    day: date
    pain: int
    activity: str
    helped: str = ""


@dataclass(frozen=True)
class Advice:
    """What the diary suggests: ``see_clinician`` is True when the rule says so."""

    see_clinician: bool
    message: str
    red_flag_note: str = RED_FLAG_NOTE
    references: tuple[str, ...] = REFERENCES


@dataclass(frozen=True)
class Summary:
    """What a set of diary entries shows.

    ``status`` is one of ``"empty"``, ``"too soon"``, ``"improving"``,
    ``"not improving"`` or ``"getting worse"``.
    """

    entries: int
    days: int
    first_day: date | None
    last_day: date | None
    span_days: int
    first_week_average: float | None
    last_week_average: float | None
    trend_per_week: float | None
    status: str
    advice: Advice

    @property
    def change(self) -> float | None:
        """Last week's average minus the first week's (negative means less pain)."""
        if self.first_week_average is None or self.last_week_average is None:
            return None
        return self.last_week_average - self.first_week_average


# ---------------------------------------------------------------- checking one entry


def to_day(value: date | datetime | str | None, today: date) -> date:
    """Turn a date, a datetime, an ISO text (``"2026-11-21"``) or None (today) into a date.

    Examples
    --------
    >>> to_day("2026-11-21", date(2026, 11, 30)), to_day(None, date(2026, 11, 30))
    (datetime.date(2026, 11, 21), datetime.date(2026, 11, 30))
    """
    if value is None:
        return today
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise AnswerError(
        f"The day must be a date written as year-month-day, such as 2026-11-21; {value!r} is not."
    )


def check_pain(pain: object) -> int:
    """Return pain as a whole number from 0 to 10, or refuse it with a message.

    Examples
    --------
    >>> check_pain(4), check_pain(7.0)
    (4, 7)
    """
    if isinstance(pain, float) and pain.is_integer():
        pain = int(pain)
    if isinstance(pain, bool) or not isinstance(pain, int) or not PAIN_MIN <= pain <= PAIN_MAX:
        raise AnswerError(
            f"Pain is a whole number from {PAIN_MIN} (no pain) to {PAIN_MAX} (the worst pain "
            f"you can imagine); {pain!r} is not. Please choose a number from 0 to 10."
        )
    return pain


def check_text(name: str, text: object, required: bool) -> str:
    """Return a short text without surrounding spaces; refuse a missing or overlong one."""
    if not isinstance(text, str):
        raise AnswerError(f"'{name}' is a short text in your own words; got {text!r}.")
    cleaned = " ".join(text.split())
    if required and not cleaned:
        raise AnswerError(
            f"Please write what you did today under '{name}', for example "
            "'worked at my desk' or 'walked 20 minutes'. It can be short."
        )
    if len(cleaned) > MAX_TEXT:
        raise AnswerError(
            f"'{name}' is {len(cleaned)} characters long; please keep it under {MAX_TEXT}."
        )
    return cleaned


def check_entry(
    day: date | datetime | str | None,
    pain: object,
    activity: object,
    helped: object = "",
    today: date | None = None,
) -> Entry:
    """Check one diary entry and return it cleaned, or raise AnswerError saying what to fix.

    Refused: pain that is not a whole number from 0 to 10, a day in the future,
    an empty activity, texts over 200 characters.

    Examples
    --------
    >>> check_entry("2026-11-20", 5, "  desk work ", "a walk", today=date(2026, 11, 21))
    Entry(day=datetime.date(2026, 11, 20), pain=5, activity='desk work', helped='a walk')
    >>> check_entry("2026-11-22", 5, "desk work", today=date(2026, 11, 21))
    Traceback (most recent call last):
    ...
    course.errors.AnswerError: 2026-11-22 is in the future; a diary entry records a day that has already happened, today (2026-11-21) or earlier.
    """
    today = today or date.today()
    checked_pain = check_pain(pain)
    checked_day = to_day(day, today)
    if checked_day > today:
        raise AnswerError(
            f"{checked_day.isoformat()} is in the future; a diary entry records a day that "
            f"has already happened, today ({today.isoformat()}) or earlier."
        )
    return Entry(
        checked_day,
        checked_pain,
        check_text("What I did", activity, required=True),
        check_text("What helped", helped, required=False),
    )


# ---------------------------------------------------------------- summarising entries


def daily_pain(entries: Iterable[DiaryItem]) -> list[tuple[date, float]]:
    """Average pain per day, oldest first (several entries on one day are averaged).

    Examples
    --------
    >>> daily_pain([Entry(date(2026, 11, 2), 4, "a"), Entry(date(2026, 11, 1), 6, "b"),
    ...             Entry(date(2026, 11, 2), 2, "c")])
    [(datetime.date(2026, 11, 1), 6.0), (datetime.date(2026, 11, 2), 3.0)]
    """
    by_day: dict[date, list[int]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry.pain)
    return [(day, sum(pains) / len(pains)) for day, pains in sorted(by_day.items())]


def trend_per_week(points: Sequence[tuple[date, float]]) -> float | None:
    """The least-squares slope of daily pain, in points per week (None with fewer than 2 days).

    Examples
    --------
    >>> trend_per_week([(date(2026, 11, 1), 6.0), (date(2026, 11, 8), 4.0)])
    -2.0
    """
    if len(points) < 2:
        return None
    start = points[0][0]
    xs = [(day - start).days for day, _ in points]
    ys = [pain for _, pain in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return round(7 * slope, 2)


def window_average(points: Sequence[tuple[date, float]], first: date, last: date) -> float:
    """Average of the daily values from ``first`` to ``last`` inclusive."""
    values = [pain for day, pain in points if first <= day <= last]
    return round(sum(values) / len(values), 2)


def status_of(span_days: int, change: float) -> str:
    """Name what the diary shows from how long it covers and how average pain changed.

    Examples
    --------
    >>> status_of(30, -2.0), status_of(30, -0.5), status_of(15, 1.5), status_of(15, 0.0)
    ('improving', 'not improving', 'getting worse', 'too soon')
    """
    if span_days >= TWO_WEEKS_DAYS and change >= MEANINGFUL_CHANGE:
        return "getting worse"
    if span_days >= SEVERAL_WEEKS_DAYS and change <= -MEANINGFUL_CHANGE:
        return "improving"
    if span_days >= SEVERAL_WEEKS_DAYS:
        return "not improving"
    return "too soon"


def advice_for(status: str, first: float | None, last: float | None, span_days: int) -> Advice:
    """The diary's message for one status; ``see_clinician`` when not improving or worse."""
    weeks = span_days // 7
    averages = (
        f"average pain {format_pain(first)} out of 10 in your first week of entries and "
        f"{format_pain(last)} in your latest week"
        if first is not None and last is not None
        else ""
    )
    messages = {
        "empty": (
            False,
            "No entries yet. Add one a day: how bad your pain is (0 to 10), what you did, "
            "and what helped.",
        ),
        "too soon": (
            False,
            "Keep going. After about three weeks of entries the diary can show whether your "
            "pain is improving.",
        ),
        "improving": (
            False,
            f"Your pain is improving: {averages}. Most episodes improve a lot in the first "
            "six weeks; keep moving and keep up what helps.",
        ),
        "not improving": (
            True,
            f"Your pain has not improved over about {weeks} weeks: {averages}. Pain that is "
            "not improving after a few weeks is a reason to see a clinician, such as your GP "
            "or a physiotherapist.",
        ),
        "getting worse": (
            True,
            f"Your pain is getting worse: {averages}. Pain that is getting worse is a reason "
            "to see a clinician soon; do not wait for three weeks of entries.",
        ),
    }
    see_clinician, message = messages[status]
    return Advice(see_clinician, message)


def format_pain(value: float | None) -> str:
    """A pain average with at most one decimal.

    Examples
    --------
    >>> format_pain(4.0), format_pain(3.25)
    ('4', '3.2')
    """
    if value is None:
        return "-"
    return f"{value:.1f}".removesuffix(".0")


def summarise(entries: Iterable[DiaryItem], today: date | None = None) -> Summary:
    """Summarise diary entries: averages of the first and latest week, trend, status and advice."""
    items = list(entries)
    points = daily_pain(items)
    if not points:
        return Summary(
            0, 0, None, None, 0, None, None, None, "empty", advice_for("empty", None, None, 0)
        )
    first_day, last_day = points[0][0], points[-1][0]
    span = (last_day - first_day).days
    window = timedelta(days=WINDOW_DAYS - 1)
    first = window_average(points, first_day, first_day + window)
    last = window_average(points, last_day - window, last_day)
    status = status_of(span, last - first)
    return Summary(
        len(items),
        len(points),
        first_day,
        last_day,
        span,
        first,
        last,
        trend_per_week(points),
        status,
        advice_for(status, first, last, span),
    )


def what_helped(entries: Iterable[Entry | DiaryItem], top: int = 3) -> list[tuple[str, int]]:
    """The things most often written under "what helped", most frequent first.

    Examples
    --------
    >>> what_helped([Entry(date(2026, 11, 1), 5, "a", "Walking"), Entry(date(2026, 11, 2), 4, "b",
    ...              "walking"), Entry(date(2026, 11, 3), 4, "c", "heat pad"), Entry(date(2026, 11, 3),
    ...              4, "c", "")])
    [('walking', 2), ('heat pad', 1)]
    """
    counts = Counter(
        text.strip().lower()
        for text in (getattr(entry, "helped", "") for entry in entries)
        if isinstance(text, str) and text.strip()
    )
    return counts.most_common(top)
