"""Lesson 04's treatment widgets: the filterable table, the agreement view, compare two.

The views are thin: every change calls :mod:`course.treatments` and writes the
result into ``HTML.value`` in one assignment (never printed). Tests drive them
through their verbs and read their ``state``:

    explorer = TreatmentExplorer()
    explorer.set_filter(phase="chronic", guideline="nice", stance="against")
    explorer.sort("effect")
    agreement = GuidelineAgreement()
    agreement.set_phase("acute"); agreement.show_level("differ")
    comparison = TreatmentComparison("heat", "paracetamol")
    comparison.choose(second="nsaids"); comparison.swap()
"""

from __future__ import annotations

import html
from enum import Enum
from typing import Any

import pandas as pd
from IPython.display import display
from ipywidgets import HTML, Dropdown, HBox, Layout, ToggleButtons, VBox

from course import treatments
from course.widgets.base import BoxedView

ANY = "any"
WIDE = {"description_width": "initial"}
TOGGLES = {**WIDE, "button_width": "max-content"}

PHASE_OPTIONS = [
    ("New pain (acute)", "acute"),
    ("Long-lasting pain (chronic)", "chronic"),
    ("Both", ANY),
]
GUIDELINE_OPTIONS = [
    ("All three guidelines", ANY),
    ("ACP (USA, 2017)", "acp"),
    ("NICE (UK, 2016, updated 2020)", "nice"),
    ("WHO (2023, long-lasting pain only)", "who"),
]
STANCE_OPTIONS = [
    ("Any stance", ANY),
    ("For it (recommended or option)", "for"),
    ("Against it (not recommended)", "against"),
    ("No position", "no position"),
    *[(f"Only: {treatments.stance_label(s)}", s) for s in treatments.STANCES],
]
CATEGORY_OPTIONS = [("All categories", ANY), *[(c, c) for c in treatments.CATEGORIES]]
SEED_OPTIONS = [
    ("All treatments", ANY),
    ("Mentioned in a seed article", "yes"),
    ("Not mentioned in the seed articles", "no"),
    *[(f"Mentioned in seed {n}", n) for n in ("000", "001", "002", "003", "004")],
]
SORT_OPTIONS = [
    ("Name, A to Z", "name"),
    ("Largest drop in pain first", "effect"),
    ("Most certain evidence first", "certainty"),
    ("By category", "category"),
]
AGREEMENT_OPTIONS = [
    ("All treatments", ANY),
    *[(treatments.AGREEMENT_WORDS[level], level) for level in treatments.AGREEMENTS],
]


class Keep(Enum):
    """Marker for a verb argument that is left as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


def none_if_any(value: str) -> str | None:
    """Map the controls' "any" choice to None (no filter)."""
    return None if value == ANY else value


def seed_filter(value: str) -> str | bool | None:
    """Map the seed control's value to a :func:`course.treatments.filter_treatments` argument."""
    return {ANY: None, "yes": True, "no": False}.get(value, value)


def seed_choice(seed: str | bool | None) -> str:
    """Map a seed filter (None, True, False or a seed number) back to the control's value."""
    if seed is None:
        return ANY
    if isinstance(seed, bool):
        return "yes" if seed else "no"
    return treatments.seed_number(seed)


class TreatmentExplorer(BoxedView):
    """Filter and sort lesson 04's comparison table of treatments.

    Parameters
    ----------
    frame : pandas.DataFrame, optional
        A table from :func:`course.treatments.treatment_frame` (default: the course's).

    Examples
    --------
    >>> explorer = TreatmentExplorer()
    >>> explorer.set_filter(category="medicine")
    >>> explorer.state["shown"] < explorer.state["total"]
    True
    """

    def __init__(self, frame: pd.DataFrame | None = None) -> None:
        self.frame = treatments.treatment_frame() if frame is None else frame
        self.phase = ToggleButtons(
            options=PHASE_OPTIONS, value="acute", description="Pain", style=TOGGLES
        )
        self.guideline = Dropdown(
            options=GUIDELINE_OPTIONS, value=ANY, description="Guideline", style=WIDE
        )
        self.stance = Dropdown(options=STANCE_OPTIONS, value=ANY, description="Stance", style=WIDE)
        self.category = Dropdown(
            options=CATEGORY_OPTIONS, value=ANY, description="Category", style=WIDE
        )
        self.seed = Dropdown(
            options=SEED_OPTIONS, value=ANY, description="Seed articles", style=WIDE
        )
        self.order = Dropdown(
            options=SORT_OPTIONS,
            value="name",
            description="Sort by",
            style=WIDE,
            layout=Layout(width="max-content"),
        )
        self.count = HTML()
        self.table = HTML()
        self.legend = HTML(value=treatments.legend_html())
        self.box = VBox(
            [
                self.phase,
                HBox([self.guideline, self.stance]),
                HBox([self.category, self.seed]),
                self.order,
                self.legend,
                self.count,
                self.table,
            ]
        )
        self.box.add_class("course-treatments")
        self._paused = False
        for control in self.controls():
            control.observe(self._on_change, names="value")
        self.refresh()

    def controls(self) -> tuple[Any, ...]:
        """Return the widgets a learner changes."""
        return (self.phase, self.guideline, self.stance, self.category, self.seed, self.order)

    # verbs ----------------------------------------------------------------

    def set_filter(
        self,
        phase: str | Keep | None = KEEP,
        category: str | Keep | None = KEEP,
        guideline: str | Keep | None = KEEP,
        stance: str | Keep | None = KEEP,
        seed: str | bool | Keep | None = KEEP,
    ) -> None:
        """Set some filters, as a learner would with the controls; ``None`` means any.

        ``phase`` None shows both phases. Arguments left out keep their
        setting. Unknown values raise a ValueError and change nothing.
        """
        wanted = {
            self.phase: phase,
            self.category: category,
            self.guideline: guideline,
            self.stance: stance,
        }
        values = {control: self.choice(control, value) for control, value in wanted.items()}
        if not isinstance(seed, Keep):
            values[self.seed] = self.choice(self.seed, seed_choice(seed))
        with self.paused():
            for control, value in values.items():
                control.value = value
        self.refresh()

    def choice(self, control: Any, value: Any) -> str:
        """The control value for a verb argument (KEEP: unchanged), or a ValueError."""
        if isinstance(value, Keep):
            return str(control.value)
        chosen = ANY if value is None else str(value)
        allowed = [option[1] for option in control.options]
        return treatments.check_choice(str(control.description).lower(), chosen, allowed)

    def clear_filters(self) -> None:
        """Show every treatment again (the phase and the sort order stay)."""
        self.set_filter(category=None, guideline=None, stance=None, seed=None)

    def sort(self, by: str = "name") -> None:
        """Sort by "name", "effect" (largest drop in pain first), "certainty" or "category"."""
        self.order.value = treatments.check_choice("by", by, treatments.SORT_KEYS)

    @property
    def state(self) -> dict[str, Any]:
        """The filters, the sort order and what is shown, as plain Python values."""
        shown = self.shown()
        return {
            **self.filters(),
            "sort_by": self.order.value,
            "shown": len(shown),
            "total": len(self.frame),
            "ids": list(shown.index),
        }

    # logic glue -----------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        """The current filters as :func:`course.treatments.filter_treatments` arguments."""
        return {
            "phase": none_if_any(self.phase.value),
            "category": none_if_any(self.category.value),
            "guideline": none_if_any(self.guideline.value),
            "stance": none_if_any(self.stance.value),
            "seed": seed_filter(self.seed.value),
        }

    def shown(self) -> pd.DataFrame:
        """The rows the table shows now, filtered and sorted."""
        selected = treatments.filter_treatments(self.frame, **self.filters())
        return treatments.sort_treatments(selected, self.order.value)

    def refresh(self) -> None:
        """Redraw the count line and the table (one assignment each)."""
        shown = self.shown()
        filters = self.filters()
        words = html.escape(treatments.describe_filters(**filters))
        line = html.escape(treatments.count_line(len(shown), len(self.frame)))
        self.count.value = f'<p role="status"><strong>{line}</strong> ({words})</p>'
        self.table.value = treatments.table_html(shown, filters["phase"], filters["guideline"])

    # display --------------------------------------------------------------

    def __repr__(self) -> str:
        return f"TreatmentExplorer({treatments.count_line(len(self.shown()), len(self.frame))})"


class GuidelineAgreement(BoxedView):
    """Where the ACP, NICE and WHO guidelines agree and differ, for one phase, with reasons.

    Examples
    --------
    >>> view = GuidelineAgreement()
    >>> view.show_level("differ")
    >>> "acupuncture" in view.state["ids"]
    True
    """

    def __init__(self, frame: pd.DataFrame | None = None) -> None:
        self.frame = treatments.treatment_frame() if frame is None else frame
        self.phase = ToggleButtons(
            options=PHASE_OPTIONS[:2], value="chronic", description="Pain", style=TOGGLES
        )
        self.level = Dropdown(
            options=AGREEMENT_OPTIONS,
            value=ANY,
            description="Show",
            style=WIDE,
            layout=Layout(width="max-content"),
        )
        self.summary = HTML()
        self.table = HTML()
        self.box = VBox([self.phase, self.level, self.summary, self.table])
        self.box.add_class("course-guideline-agreement")
        self.phase.observe(self._on_change, names="value")
        self.level.observe(self._on_change, names="value")
        self.refresh()

    # verbs ----------------------------------------------------------------

    def set_phase(self, phase: str) -> None:
        """Look at "acute" (new) or "chronic" (long-lasting) pain."""
        self.phase.value = treatments.check_choice("phase", phase, tuple(treatments.PHASES))

    def show_level(self, level: str | None = None) -> None:
        """Show only treatments at one agreement level (see AGREEMENTS); None shows all."""
        chosen = ANY if level is None else level
        allowed = [option[1] for option in AGREEMENT_OPTIONS]
        self.level.value = treatments.check_choice("agreement", chosen, allowed)

    @property
    def state(self) -> dict[str, Any]:
        """The phase, the level shown, the counts and the ids shown."""
        view = treatments.agreement_frame(self.frame, self.phase.value)
        shown = treatments.filter_agreement(view, none_if_any(self.level.value))
        return {
            "phase": self.phase.value,
            "level": none_if_any(self.level.value),
            "counts": treatments.agreement_counts(view),
            "shown": len(shown),
            "ids": list(shown.index),
        }

    def refresh(self) -> None:
        """Redraw the summary line and the table (one assignment each)."""
        phase = self.phase.value
        view = treatments.agreement_frame(self.frame, phase)
        counts = treatments.agreement_counts(view)
        parts = ", ".join(
            f"{treatments.AGREEMENT_WORDS[level]}: {count}" for level, count in counts.items()
        )
        when = html.escape(treatments.PHASES[phase])
        self.summary.value = (
            f'<p role="status"><strong>For {when}</strong>: {html.escape(parts)}</p>'
        )
        shown = treatments.filter_agreement(view, none_if_any(self.level.value))
        self.table.value = treatments.agreement_html(shown, phase)

    def _on_change(self, change: dict[str, Any]) -> None:
        self.refresh()

    def __repr__(self) -> str:
        state = self.state
        return f"GuidelineAgreement(phase={state['phase']!r}, shown={state['shown']})"


class TreatmentComparison(BoxedView):
    """Two treatments side by side, chosen with two drop-down lists.

    Examples
    --------
    >>> comparison = TreatmentComparison("heat", "paracetamol")
    >>> comparison.swap()
    >>> comparison.state
    {'first': 'paracetamol', 'second': 'heat'}
    """

    def __init__(
        self, first: str = "heat", second: str = "paracetamol", frame: pd.DataFrame | None = None
    ) -> None:
        self.frame = treatments.treatment_frame() if frame is None else frame
        treatments.check_treatment(self.frame, first)
        treatments.check_treatment(self.frame, second)
        options = sorted(
            zip(self.frame["Treatment"], self.frame.index, strict=True),
            key=lambda option: option[0].lower(),
        )
        layout = Layout(width="max-content")
        self.first = Dropdown(
            options=options, value=first, description="First", style=WIDE, layout=layout
        )
        self.second = Dropdown(
            options=options, value=second, description="Second", style=WIDE, layout=layout
        )
        self.table = HTML()
        self.box = VBox([HBox([self.first, self.second]), self.table])
        self.box.add_class("course-treatment-compare")
        self._paused = False
        self.first.observe(self._on_change, names="value")
        self.second.observe(self._on_change, names="value")
        self.refresh()

    # verbs ----------------------------------------------------------------

    def choose(self, first: str | None = None, second: str | None = None) -> None:
        """Pick one or both treatments by id (None keeps the current one)."""
        for treatment_id in (first, second):
            if treatment_id is not None:
                treatments.check_treatment(self.frame, treatment_id)
        with self.paused():
            self.first.value = first or self.first.value
            self.second.value = second or self.second.value
        self.refresh()

    def swap(self) -> None:
        """Swap the two columns."""
        self.choose(self.second.value, self.first.value)

    @property
    def state(self) -> dict[str, str]:
        """The ids of the two treatments shown."""
        return {"first": self.first.value, "second": self.second.value}

    def refresh(self) -> None:
        """Redraw the side-by-side table (one assignment)."""
        self.table.value = treatments.compare_html(self.frame, self.first.value, self.second.value)

    def __repr__(self) -> str:
        return f"TreatmentComparison({self.first.value!r} and {self.second.value!r})"


def show_treatments() -> None:
    """Show the comparison table of treatments, with filters for pain phase, guideline,
    stance, category and the seed articles, and a sort order."""
    display(TreatmentExplorer())


def show_guideline_agreement() -> None:
    """Show where the ACP, NICE and WHO guidelines agree and differ, with their reasons."""
    display(GuidelineAgreement())


def compare_treatments(first: str = "heat", second: str = "paracetamol") -> None:
    """Show two treatments side by side; change either with its drop-down list."""
    display(TreatmentComparison(first, second))
