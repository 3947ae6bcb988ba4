"""Lesson 02's risk-factor explorer: filter and sort the table with widgets.

The view is thin: every change calls :mod:`course.risk` and writes the result
into ``HTML.value`` in one assignment (never printed). Tests drive it with the
verbs :meth:`RiskExplorer.set_filter`, :meth:`RiskExplorer.clear_filters` and
:meth:`RiskExplorer.sort`, and read :attr:`RiskExplorer.state`.
"""

from __future__ import annotations

import html
from enum import Enum
from typing import Any

import pandas as pd
from IPython.display import display
from ipywidgets import HTML, Dropdown, HBox, Layout, Text, ToggleButtons, VBox

from course import risk
from course.widgets.base import BoxedView

ANY = "any"

KIND_OPTIONS = [
    ("All kinds", ANY),
    ("Risk factors", "risk factor"),
    ("Yellow flags", "yellow flag"),
    ("Specific causes", "specific cause"),
]
MODIFIABLE_OPTIONS = [("All", ANY), ("Can be changed", "yes"), ("Cannot be changed", "no")]
EVIDENCE_OPTIONS = [
    ("Any evidence", ANY),
    ("Strong", "strong"),
    ("Moderate", "moderate"),
    ("Weak", "weak"),
    ("Not supported", "not supported"),
]
SORT_OPTIONS = [
    ("Evidence, strongest first", "evidence-desc"),
    ("Evidence, weakest first", "evidence-asc"),
    ("Factor, A to Z", "factor-asc"),
    ("Factor, Z to A", "factor-desc"),
    ("Kind: risk factors, yellow flags, specific causes", "kind-asc"),
    ("Kind: specific causes, yellow flags, risk factors", "kind-desc"),
    ("Can be changed first", "modifiable-desc"),
    ("Cannot be changed first", "modifiable-asc"),
]
WIDE = {"description_width": "initial"}


class Keep(Enum):
    """Marker for a :meth:`RiskExplorer.set_filter` argument that is left as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


class RiskExplorer(BoxedView):
    """Filter and sort lesson 02's table of risk factors, yellow flags and causes.

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        A table from :func:`course.risk.risk_frame` (default: the course's).

    Examples
    --------
    >>> explorer = RiskExplorer()
    >>> explorer.set_filter(kind="yellow flag", modifiable=True)
    >>> explorer.state["kind"], explorer.state["shown"] < explorer.state["total"]
    ('yellow flag', True)
    """

    def __init__(self, frame: pd.DataFrame | None = None) -> None:
        self.frame = risk.risk_frame() if frame is None else frame
        self.kind = Dropdown(options=KIND_OPTIONS, value=ANY, description="Kind", style=WIDE)
        self.modifiable = ToggleButtons(
            options=MODIFIABLE_OPTIONS, value=ANY, description="Can it be changed?", style=WIDE
        )
        self.evidence = Dropdown(
            options=EVIDENCE_OPTIONS, value=ANY, description="Evidence", style=WIDE
        )
        self.search = Text(
            value="", placeholder="for example: sitting", description="Search", style=WIDE
        )
        self.order = Dropdown(
            options=SORT_OPTIONS,
            value="evidence-desc",
            description="Sort by",
            style=WIDE,
            layout=Layout(width="max-content"),
        )
        self.count = HTML()
        self.table = HTML()
        self.legend = HTML(value=risk.evidence_legend_html())
        self.box = VBox(
            [
                HBox([self.kind, self.evidence]),
                self.modifiable,
                HBox([self.search, self.order]),
                self.legend,
                self.count,
                self.table,
            ]
        )
        self._paused = False
        for control in self.controls():
            control.observe(self._on_change, names="value")
        self.refresh()

    def controls(self) -> tuple[Any, ...]:
        """Return the widgets a learner changes."""
        return (self.kind, self.modifiable, self.evidence, self.search, self.order)

    # verbs ----------------------------------------------------------------

    def set_filter(
        self,
        kind: str | Keep | None = KEEP,
        modifiable: bool | Keep | None = KEEP,
        evidence: str | Keep | None = KEEP,
        text: str | Keep | None = KEEP,
    ) -> None:
        """Set some filters, as a learner would with the controls; ``None`` means any.

        Arguments left out keep their current setting. Unknown values raise a
        ValueError and change nothing.
        """
        if not isinstance(kind, Keep) and kind is not None:
            risk.check_choice("kind", kind, risk.KINDS)
        if not isinstance(evidence, Keep) and evidence is not None:
            risk.check_choice("evidence", evidence, risk.EVIDENCE_LEVELS)
        with self.paused():
            if not isinstance(kind, Keep):
                self.kind.value = ANY if kind is None else kind
            if not isinstance(modifiable, Keep):
                self.modifiable.value = to_choice(modifiable)
            if not isinstance(evidence, Keep):
                self.evidence.value = ANY if evidence is None else evidence
            if not isinstance(text, Keep):
                self.search.value = text or ""
        self.refresh()

    def clear_filters(self) -> None:
        """Show every factor again (the sort order stays)."""
        self.set_filter(kind=None, modifiable=None, evidence=None, text=None)

    def sort(self, by: str = "evidence", ascending: bool = False) -> None:
        """Sort the table by "evidence" (by strength), "factor", "kind" or "modifiable"."""
        risk.check_choice("by", by, tuple(risk.SORT_KEYS))
        self.order.value = f"{by}-{'asc' if ascending else 'desc'}"

    @property
    def state(self) -> dict[str, Any]:
        """The filters, the sort order and what is shown, as plain Python values."""
        shown = self.shown()
        return {
            **self.filters(),
            "sort_by": self.sort_by(),
            "ascending": self.ascending(),
            "shown": len(shown),
            "total": len(self.frame),
            "ids": list(shown.index),
        }

    # logic glue -----------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        """Return the current filters as :func:`course.risk.filter_risks` arguments."""
        modifiable = {ANY: None, "yes": True, "no": False}[self.modifiable.value]
        return {
            "kind": none_if_any(self.kind.value),
            "modifiable": modifiable,
            "evidence": none_if_any(self.evidence.value),
            "text": self.search.value.strip(),
        }

    def sort_by(self) -> str:
        """Return the column the table is sorted by."""
        return str(self.order.value).rsplit("-", 1)[0]

    def ascending(self) -> bool:
        """Return True when the sort order is ascending."""
        return str(self.order.value).endswith("-asc")

    def shown(self) -> pd.DataFrame:
        """Return the rows the table shows now, filtered and sorted."""
        selected = risk.filter_risks(self.frame, **self.filters())
        return risk.sort_risks(selected, self.sort_by(), self.ascending())

    def refresh(self) -> None:
        """Redraw the count line and the table (one assignment each)."""
        shown = self.shown()
        words = risk.describe_filters(**self.filters())
        line = html.escape(risk.count_line(len(shown), len(self.frame)))
        self.count.value = f'<p role="status"><strong>{line}</strong> ({html.escape(words)})</p>'
        self.table.value = risk.risk_table_html(shown)

    # display --------------------------------------------------------------

    def __repr__(self) -> str:
        return f"RiskExplorer({risk.count_line(len(self.shown()), len(self.frame))})"


def to_choice(modifiable: bool | None) -> str:
    """Map a modifiable filter (True, False or None) to its toggle value."""
    if modifiable is None:
        return ANY
    return "yes" if modifiable else "no"


def none_if_any(value: str) -> str | None:
    """Map the controls' "any" choice to None (no filter)."""
    return None if value == ANY else value


def show_risk_explorer() -> None:
    """Show the risk-factor explorer: filter by kind, changeability and evidence; search; sort."""
    display(RiskExplorer())
