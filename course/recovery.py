"""How back pain usually goes, how often it comes back, and what helps prevent the next episode.

Pure logic over two data files:

* ``data/recovery.yaml`` (schema ``recovery.schema.json``): average pain over a
  year for new and persistent back pain, and published findings on recovery
  time, recurrence and the WalkBack prevention trial;
* ``data/prevention.csv`` (schema ``prevention.schema.json``): what helps
  recovery and prevention, and what does not, with the kind of evidence.

It also renders the prevention table as accessible HTML (words and symbols,
never colour alone); ``course.widgets.recovery`` puts it on the screen.

Examples
--------
>>> data = load_recovery()
>>> data.cohort("acute").pain_at(6)
23.0
>>> in_ten(data.finding("dasilva-any-recurrence").value)
'about 7 in 10'
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from course import content, loading, paths
from course.errors import ContentError

DOCUMENT = "recovery"
TABLE = "prevention"

#: prevention verdict -> (symbol, words). The symbol is decoration; the words carry the meaning.
PREVENTION_VERDICTS: dict[str, tuple[str, str]] = {
    "helps": ("✔", "Helps"),
    "may help": ("◐", "May help"),
    "unproven": ("?", "Unproven"),
    "does not help": ("✘", "Does not help"),
}

AIMS: dict[str, str] = {
    "recover": "recovering from an episode",
    "prevent": "preventing the next episode",
    "both": "recovering and preventing",
}


@dataclass(frozen=True)
class Cohort:
    """Average pain at a few weeks after people were first seen (0-100 scale)."""

    id: str
    label: str
    description: str
    weeks: tuple[int, ...]
    pain: tuple[float, ...]
    references: tuple[str, ...]

    def pain_at(self, week: int) -> float:
        """Average pain at one of the measured weeks; a ContentError for any other week.

        Examples
        --------
        >>> Cohort("c", "C", "d", (0, 6), (50.0, 20.0), ("K",)).pain_at(0)
        50.0
        """
        if week not in self.weeks:
            raise ContentError(
                data_file(),
                f"cohort '{self.id}'",
                f"has no average pain at week {week}",
                f"use one of the measured weeks: {', '.join(map(str, self.weeks))}",
            )
        return float(self.pain[self.weeks.index(week)])

    def percent_fall_by(self, week: int) -> float:
        """How much average pain had fallen by ``week``, as a percentage of where it started.

        Examples
        --------
        >>> round(load_recovery().cohort("acute").percent_fall_by(6))
        56
        """
        start = self.pain[0]
        return 100.0 * (start - self.pain_at(week)) / start if start else 0.0

    def share_of_fall_by(self, week: int) -> float:
        """The share (0-100%) of the whole fall over the period that had happened by ``week``.

        Examples
        --------
        >>> round(load_recovery().cohort("acute").share_of_fall_by(6))
        63
        """
        whole = self.pain[0] - self.pain[-1]
        return 100.0 * (self.pain[0] - self.pain_at(week)) / whole if whole else 0.0


@dataclass(frozen=True)
class Finding:
    """One published number about recovery, recurrence or prevention, in plain words."""

    id: str
    topic: str
    value: float
    unit: str
    statement: str
    references: tuple[str, ...]
    low: float | None = None
    high: float | None = None

    @property
    def in_words(self) -> str:
        """The number with its unit, as a reader would say it.

        Examples
        --------
        >>> Finding("f", "recurrence", 69, "percent", "s", ("K",)).in_words
        '69%'
        >>> Finding("f", "recovery", 16, "days", "s", ("K",), 16, 17).in_words
        '16 to 17 days'
        >>> Finding("f", "prevention", 0.72, "ratio", "s", ("K",), 0.6, 0.85).in_words
        '0.72 (0.60 to 0.85)'
        """
        if self.unit == "ratio":
            interval = f" ({self.low:.2f} to {self.high:.2f})" if self.has_range else ""
            return f"{self.value:.2f}{interval}"
        number = format_number(self.value)
        if self.has_range and self.value == self.low:
            number = f"{format_number(self.value)} to {format_number(self.high or 0)}"
        return {"percent": f"{number}%", "days": f"{number} days"}.get(
            self.unit, f"{number} {self.unit}"
        )

    @property
    def has_range(self) -> bool:
        """True when the source gives a range or interval around the value."""
        return self.low is not None and self.high is not None


@dataclass(frozen=True)
class Recovery:
    """Everything in ``data/recovery.yaml``."""

    scale: tuple[float, float]
    scale_words: tuple[str, str]
    study: str
    references: tuple[str, ...]
    cohorts: tuple[Cohort, ...]
    findings: tuple[Finding, ...]

    def cohort(self, cohort_id: str) -> Cohort:
        """One cohort by id, or a ContentError naming the known ids."""
        for cohort in self.cohorts:
            if cohort.id == cohort_id:
                return cohort
        known = ", ".join(c.id for c in self.cohorts)
        raise ContentError(
            data_file(), f"cohort '{cohort_id}'", "is not in the file", f"use one of: {known}"
        )

    def finding(self, finding_id: str) -> Finding:
        """One finding by id, or a ContentError naming the known ids."""
        for finding in self.findings:
            if finding.id == finding_id:
                return finding
        known = ", ".join(f.id for f in self.findings)
        raise ContentError(
            data_file(), f"finding '{finding_id}'", "is not in the file", f"use one of: {known}"
        )

    def about(self, topic: str) -> tuple[Finding, ...]:
        """The findings on one topic (``recovery``, ``recurrence`` or ``prevention``), in file order."""
        return tuple(finding for finding in self.findings if finding.topic == topic)


@dataclass(frozen=True)
class Measure:
    """One row of the prevention table: something people do, and what the evidence says of it."""

    id: str
    measure: str
    aim: str
    verdict: str
    evidence: str
    summary: str
    references: tuple[str, ...]

    @property
    def verdict_label(self) -> str:
        """The verdict as a symbol and words.

        Examples
        --------
        >>> Measure("m", "Belts", "both", "does not help", "guideline", "s", ("K",)).verdict_label
        '✘ Does not help'
        """
        symbol, words = PREVENTION_VERDICTS[self.verdict]
        return f"{symbol} {words}"


def data_file() -> str:
    """The recovery file's path, as error messages show it."""
    return loading.display_path(paths.data_dir() / f"{DOCUMENT}.yaml")


def format_number(value: float) -> str:
    """A number without a needless ``.0``, with thousands separators.

    Examples
    --------
    >>> format_number(701.0), format_number(0.5), format_number(11166)
    ('701', '0.5', '11,166')
    """
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def to_cohort(raw: dict[str, Any]) -> Cohort:
    """Build a Cohort from its validated entry; weeks must rise and match the pain values."""
    weeks, pain = tuple(raw["weeks"]), tuple(float(p) for p in raw["pain"])
    if len(weeks) != len(pain) or list(weeks) != sorted(set(weeks)):
        raise ContentError(
            data_file(),
            f"cohort '{raw['id']}'",
            "needs one pain value per week, with the weeks in increasing order",
            "list the weeks from first to last and give the same number of pain values",
        )
    return Cohort(
        raw["id"], raw["label"], raw["description"], weeks, pain, tuple(raw["references"])
    )


def to_finding(raw: dict[str, Any]) -> Finding:
    """Build a Finding from its validated entry; a range must contain the value."""
    finding = Finding(
        raw["id"],
        raw["topic"],
        float(raw["value"]),
        raw["unit"],
        " ".join(raw["statement"].split()),
        tuple(raw["references"]),
        raw.get("low"),
        raw.get("high"),
    )
    if finding.has_range and not (finding.low or 0) <= finding.value <= (finding.high or 0):
        raise ContentError(
            data_file(),
            f"finding '{finding.id}'",
            f"has value {finding.value} outside its range {finding.low} to {finding.high}",
            "correct the value or the range (low <= value <= high)",
        )
    return finding


def check_unique(ids: Iterable[str], what: str) -> None:
    """Raise a ContentError if an id is used twice."""
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ContentError(
                data_file(), f"{what} '{item_id}'", "is used twice", f"give each {what} its own id"
            )
        seen.add(item_id)


def load_recovery() -> Recovery:
    """Return the validated contents of ``data/recovery.yaml``."""
    raw = content.document(DOCUMENT)
    timeline = raw["pain_timeline"]
    cohorts = tuple(to_cohort(item) for item in timeline["cohorts"])
    findings = tuple(to_finding(item) for item in raw["findings"])
    check_unique((c.id for c in cohorts), "cohort")
    check_unique((f.id for f in findings), "finding")
    scale = timeline["scale"]
    return Recovery(
        (float(scale["low"]), float(scale["high"])),
        (scale["low_means"], scale["high_means"]),
        timeline["study"],
        tuple(timeline["references"]),
        cohorts,
        findings,
    )


def in_ten(percent: float) -> str:
    """A percentage as a natural frequency out of 10 people.

    Examples
    --------
    >>> in_ten(69), in_ten(40), in_ten(33), in_ten(100)
    ('about 7 in 10', '4 in 10', 'about 3 in 10', '10 in 10')
    """
    count = round(percent / 10)
    exact = abs(percent - 10 * count) < 1e-9
    return f"{'' if exact else 'about '}{count} in 10"


def walkback_delay_days(data: Recovery) -> int:
    """How many days later the walking group's median recurrence came than the comparison group's.

    Examples
    --------
    >>> walkback_delay_days(load_recovery())
    96
    """
    walking = data.finding("walkback-median-walking").value
    comparison = data.finding("walkback-median-comparison").value
    return round(walking - comparison)


# ---------------------------------------------------------------- the prevention table


def to_measure(row: dict[str, Any]) -> Measure:
    """Build a Measure from one validated row of the prevention table."""
    return Measure(
        row["id"],
        row["measure"],
        row["aim"],
        row["verdict"],
        row["evidence"],
        row["summary"],
        tuple(row["references"]),
    )


def load_prevention() -> list[Measure]:
    """Return every row of ``data/prevention.csv``, in file order, with unique ids."""
    measures = [to_measure(row) for row in content.table(TABLE)]
    seen: set[str] = set()
    for measure in measures:
        if measure.id in seen:
            raise ContentError(
                loading.display_path(paths.data_dir() / f"{TABLE}.csv"),
                f"id '{measure.id}'",
                "is used by more than one row",
                "give each row its own id",
            )
        seen.add(measure.id)
    return measures


def measures_with(verdict: str, measures: Iterable[Measure] | None = None) -> list[Measure]:
    """The measures with one verdict, in file order.

    Examples
    --------
    >>> [m.id for m in measures_with("does not help")][:2]
    ['bed-rest', 'belts-braces']
    """
    if verdict not in PREVENTION_VERDICTS:
        raise ContentError(
            f"data/{TABLE}.csv",
            "verdict",
            f"'{verdict}' is not a known verdict",
            f"use one of: {', '.join(PREVENTION_VERDICTS)}",
        )
    return [
        m for m in (load_prevention() if measures is None else measures) if m.verdict == verdict
    ]


CELL = "text-align:left;vertical-align:top"


def prevention_html(measures: Iterable[Measure]) -> str:
    """Return the measures as an accessible table, grouped by verdict (helps first).

    Every data string is escaped; each verdict shows a symbol and words.

    Examples
    --------
    >>> row = Measure("m", "Belts <b>", "both", "does not help", "guideline", "No.", ("K",))
    >>> page = prevention_html([row])
    >>> "Belts &lt;b&gt;" in page and "✘</span> Does not help" in page
    True
    """
    ordered = sorted(measures, key=lambda m: list(PREVENTION_VERDICTS).index(m.verdict))
    head = "".join(
        f'<th scope="col" style="{CELL}">{name}</th>'
        for name in ("What people do", "Verdict", "Kind of evidence", "What the evidence says")
    )
    rows = "".join(measure_row(measure) for measure in ordered)
    return (
        '<table class="course-prevention"><caption>What helps recovery and prevention, '
        "and what does not</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def measure_row(measure: Measure) -> str:
    """One table row: the measure and its aim, the verdict, the evidence, the summary and sources."""
    symbol, words = PREVENTION_VERDICTS[measure.verdict]
    sources = ", ".join(html.escape(key) for key in measure.references)
    return (
        f'<tr><th scope="row" style="{CELL}">{html.escape(measure.measure)}'
        f"<br><small>For: {html.escape(AIMS[measure.aim])}</small></th>"
        f'<td style="{CELL}"><strong><span aria-hidden="true">{symbol}</span> '
        f"{html.escape(words)}</strong></td>"
        f'<td style="{CELL}">{html.escape(measure.evidence)}</td>'
        f'<td style="{CELL}">{html.escape(measure.summary)}'
        f"<br><small>Sources: {sources}</small></td></tr>"
    )
