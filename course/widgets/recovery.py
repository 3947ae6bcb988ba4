"""Show lesson 06's prevention table: what helps recovery and prevention, and what does not.

The table comes from ``data/prevention.csv`` through :mod:`course.recovery`
(pure); this module only displays it, with a short, stable ``text/plain``
(nbval compares it) and accessible HTML.
"""

from __future__ import annotations

from collections import Counter

from IPython.display import display

from course import recovery


def prevention_text(measures: list[recovery.Measure]) -> str:
    """The table's plain-text summary: how many measures have each verdict.

    Examples
    --------
    >>> prevention_text(recovery.load_prevention())
    'Prevention and recovery: 10 measures (3 help, 1 may help, 3 unproven, 3 do not help)'
    """
    counts = Counter(measure.verdict for measure in measures)
    words = {"helps": "help", "may help": "may help", "unproven": "unproven"}
    parts = [
        f"{counts[verdict]} {words.get(verdict, 'do not help')}"
        for verdict in recovery.PREVENTION_VERDICTS
        if counts[verdict]
    ]
    return f"Prevention and recovery: {len(measures)} measures ({', '.join(parts)})"


def show_prevention() -> None:
    """Show what helps recovery and prevention of back pain, and what does not, with sources."""
    measures = recovery.load_prevention()
    display(
        {"text/html": recovery.prevention_html(measures), "text/plain": prevention_text(measures)},
        raw=True,
    )
