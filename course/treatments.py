"""Lesson 04's treatment table: load, filter, sort, compare, agree, render and check.

Pure logic; nothing here imports ipywidgets. The rows come from
``data/treatments.csv`` (schema ``treatments.schema.json``): one row per
treatment, with the stance of three guidelines (ACP 2017, NICE NG59, WHO 2023)
for new (acute) and long-lasting (chronic) pain, the certainty of the
evidence, the effect on pain in words and in points on a 0-100 scale, harms,
the seed articles that mention it and its references.

Tables render with pandas ``Styler`` and stay readable without colour: every
stance is written as a word with a symbol, and colour is only an extra cue.

Examples
--------
>>> frame = treatment_frame()
>>> stance_of(frame, "paracetamol", "nice", "acute")
'not recommended'
>>> against = filter_treatments(frame, guideline="nice", phase="chronic", stance="against")
>>> "tens" in against.index and "structured-exercise" not in against.index
True
"""

from __future__ import annotations

import calendar
import csv
import html
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from course import content, loading, paths
from course.errors import ContentError

TABLE = "treatments"

GUIDELINES: dict[str, str] = {"acp": "ACP", "nice": "NICE", "who": "WHO"}
"""Guideline id -> the short name learners see."""

GUIDELINE_NAMES: dict[str, str] = {
    "acp": "ACP: American College of Physicians, USA, 2017",
    "nice": "NICE: National Institute for Health and Care Excellence, UK, 2016 (updated 2020)",
    "who": "WHO: World Health Organization, 2023 (long-lasting pain only)",
}

PHASES: dict[str, str] = {
    "acute": "new pain (acute, under 12 weeks)",
    "chronic": "long-lasting pain (chronic, over 12 weeks)",
}
"""Phase -> plain words. The ACP groups subacute pain (4 to 12 weeks) with acute pain."""

STANCES = ("recommended", "option", "not recommended", "no recommendation", "not addressed")

STANCE_SYMBOLS: dict[str, str] = {
    "recommended": "✔",
    "option": "◐",
    "not recommended": "✘",
    "no recommendation": "–",
    "not addressed": "○",
}
"""Stance -> symbol. The symbol is decoration; the words carry the meaning."""

STANCE_MEANINGS: dict[str, str] = {
    "recommended": "the guideline advises it",
    "option": "it may be considered or offered, with conditions or on weaker evidence",
    "not recommended": "the guideline advises against it",
    "no recommendation": "no recommendation either way that the course could confirm",
    "not addressed": "outside the guideline's scope",
}

STANCE_COLOURS: dict[str, str] = {
    "recommended": "#dff0e0",
    "option": "#eef6e6",
    "not recommended": "#fbe3e1",
    "no recommendation": "#f2f2f2",
    "not addressed": "#ffffff",
}
"""Stance -> light background: an extra cue only, never the only one."""

STANCE_GROUPS: dict[str, tuple[str, ...]] = {
    "for": ("recommended", "option"),
    "against": ("not recommended",),
    "no position": ("no recommendation", "not addressed"),
}
"""Filter groups: a guideline is 'for' a treatment it recommends or offers as an option."""

CATEGORIES = (
    "self-care",
    "medicine",
    "manual therapy",
    "exercise and movement",
    "psychological",
    "device",
    "injection or procedure",
)

CERTAINTIES = ("high", "moderate", "low", "very low", "insufficient", "not rated")
"""Certainty of evidence, most confident first."""

CERTAINTY_MEANINGS: dict[str, str] = {
    "high": "further research is very unlikely to change the result",
    "moderate": "further research may change the result",
    "low": "further research is likely to change the result",
    "very low": "the result is very uncertain",
    "insufficient": "too little or conflicting evidence to judge",
    "not rated": "the course's sources give no rating",
}

IMPORTANT_POINTS = 10
"""On a 0-100 pain scale, differences under about 10 points are usually not counted as important."""

REVIEW_MONTHS = 24
"""A row must have been reviewed within this many months."""

AGREEMENTS = ("agree: for", "agree: against", "differ", "one guideline only", "no position")

AGREEMENT_WORDS: dict[str, str] = {
    "agree: for": "✔ agree: for it",
    "agree: against": "✘ agree: against it",
    "differ": "⇄ differ",
    "one guideline only": "● only one guideline takes a position",
    "no position": "○ no guideline takes a position",
}

# data column -> column name the learner reads
COLUMNS: dict[str, str] = {
    "name": "Treatment",
    "category": "Category",
    "how_it_works": "How it is thought to work",
    "acp_acute": "ACP, acute",
    "acp_chronic": "ACP, chronic",
    "nice_acute": "NICE, acute",
    "nice_chronic": "NICE, chronic",
    "who_acute": "WHO, acute",
    "who_chronic": "WHO, chronic",
    "stance_notes": "What the guidelines say, and why",
    "certainty": "Certainty",
    "effect_words": "Effect on pain",
    "effect_points": "Points less pain",
    "effect_low": "Lowest",
    "effect_high": "Highest",
    "effect_label": "Chart label",
    "effect_context": "Measured in",
    "main_harms": "Main harms",
    "prescription": "Needs a prescription",
    "seeds": "Seed articles",
    "references": "References",
    "reviewed": "Reviewed",
}

POINTS_TEXT = "Points less pain (0-100), with interval"

SORT_KEYS = ("name", "effect", "certainty", "category")

COMPARE_FIELDS = (
    "Category",
    "How it is thought to work",
    "ACP, acute",
    "ACP, chronic",
    "NICE, acute",
    "NICE, chronic",
    "WHO, acute",
    "WHO, chronic",
    "What the guidelines say, and why",
    "Certainty",
    "Effect on pain",
    POINTS_TEXT,
    "Measured in",
    "Main harms",
    "Needs a prescription",
    "Seed articles",
    "References",
)

NO_MATCH = "<p><em>No treatment matches these filters. Clear a filter to see more.</em></p>"

TABLE_STYLES: list[dict[str, Any]] = [
    {"selector": "", "props": "border-collapse:collapse;font-size:0.9em"},
    {
        "selector": "th, td",
        "props": "border:1px solid #999;padding:4px 6px;text-align:left;"
        "vertical-align:top;white-space:normal;line-height:1.35",
    },
    {"selector": "caption", "props": "caption-side:top;text-align:left;font-weight:bold"},
]


# --- loading -----------------------------------------------------------------------------


def stance_column(guideline: str, phase: str) -> str:
    """The readable column that holds one guideline's stance for one phase.

    Examples
    --------
    >>> stance_column("nice", "chronic")
    'NICE, chronic'
    """
    check_choice("guideline", guideline, tuple(GUIDELINES))
    check_choice("phase", phase, tuple(PHASES))
    return COLUMNS[f"{guideline}_{phase}"]


def stance_columns(guideline: str | None = None, phase: str | None = None) -> list[str]:
    """The stance columns for one guideline and/or phase (``None`` means all).

    Examples
    --------
    >>> stance_columns(phase="acute")
    ['ACP, acute', 'NICE, acute', 'WHO, acute']
    >>> stance_columns(guideline="who")
    ['WHO, acute', 'WHO, chronic']
    """
    guidelines = list(GUIDELINES) if guideline is None else [guideline]
    phases = list(PHASES) if phase is None else [phase]
    return [stance_column(g, p) for g in guidelines for p in phases]


def seed_number(seed: str) -> str:
    """The short number of a seed article file (what learners see).

    Examples
    --------
    >>> seed_number("004_2a95f418f73c09b4.txt"), seed_number("004")
    ('004', '004')
    """
    return seed.split("_", 1)[0]


def to_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """Turn one validated CSV row into a record keyed by readable column names."""
    record: dict[str, Any] = {"id": row["id"]}
    for field, column in COLUMNS.items():
        record[column] = row.get(field, "")
    for field in ("effect_points", "effect_low", "effect_high"):
        record[COLUMNS[field]] = float(row[field]) if field in row else math.nan
    record[COLUMNS["prescription"]] = "yes" if row["prescription"] else "no"
    record[COLUMNS["seeds"]] = ", ".join(seed_number(seed) for seed in row.get("seeds", []))
    record[COLUMNS["references"]] = "; ".join(row["references"])
    return record


def treatment_frame(rows: Iterable[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Return the treatment table as a DataFrame with readable column names.

    Parameters
    ----------
    rows : iterable of mappings, optional
        Validated rows as ``content.table("treatments")`` returns them (the
        default). Tests pass their own.

    Returns
    -------
    pandas.DataFrame
        Indexed by treatment id. "Certainty" is an ordered categorical (most
        confident first); points are floats (NaN where the sources give no
        number); "Seed articles" holds seed numbers such as "000, 004".

    Examples
    --------
    >>> frame = treatment_frame()
    >>> float(frame.loc["nsaids", "Points less pain"]), frame.loc["nsaids", "NICE, chronic"]
    (7.29, 'option')
    """
    records = [to_record(row) for row in (content.table(TABLE) if rows is None else rows)]
    frame = pd.DataFrame(records, columns=["id", *COLUMNS.values()]).set_index("id")
    frame["Certainty"] = pd.Categorical(frame["Certainty"], categories=CERTAINTIES, ordered=True)
    return frame


def treatment_table() -> pd.DataFrame:
    """Return the treatment table as a pandas DataFrame, to filter, sort and chart yourself.

    Examples
    --------
    >>> table = treatment_table()
    >>> table[table["Category"] == "medicine"]["Treatment"].str.split(" ").str[0].tolist()[:3]
    ['NSAIDs:', 'Paracetamol', 'Muscle']
    """
    return treatment_frame()


def stance_of(frame: pd.DataFrame, treatment_id: str, guideline: str, phase: str) -> str:
    """Return one guideline's stance on one treatment for one phase."""
    check_treatment(frame, treatment_id)
    return str(frame.loc[treatment_id, stance_column(guideline, phase)])


def check_choice(name: str, value: str, allowed: Sequence[str]) -> str:
    """Return ``value`` if it is allowed, else raise a ValueError listing the allowed values."""
    if value not in allowed:
        choices = ", ".join(repr(item) for item in allowed)
        raise ValueError(f"{name} {value!r} is not known; use one of: {choices}")
    return value


def check_treatment(frame: pd.DataFrame, treatment_id: str) -> str:
    """Return ``treatment_id`` if the table has it, else raise a ValueError listing the ids."""
    return check_choice("treatment", treatment_id, list(frame.index))


# --- filtering and sorting ---------------------------------------------------------------


def stances_wanted(stance: str) -> tuple[str, ...]:
    """The stances a stance filter keeps: one stance, or a group ("for", "against", "no position").

    Examples
    --------
    >>> stances_wanted("for"), stances_wanted("option")
    (('recommended', 'option'), ('option',))
    """
    if stance in STANCE_GROUPS:
        return STANCE_GROUPS[stance]
    return (check_choice("stance", stance, (*STANCE_GROUPS, *STANCES)),)


def seed_matches(frame: pd.DataFrame, seed: str | bool) -> pd.Series:
    """Row by row: mentioned in any seed (True), in none (False), or in one seed article."""
    listed = frame[COLUMNS["seeds"]].fillna("")
    if seed is True:
        return listed != ""
    if seed is False:
        return listed == ""
    number = seed_number(seed)
    return listed.map(lambda cell: number in [part.strip() for part in cell.split(",")])


def filter_treatments(
    frame: pd.DataFrame,
    phase: str | None = None,
    category: str | None = None,
    guideline: str | None = None,
    stance: str | None = None,
    seed: str | bool | None = None,
) -> pd.DataFrame:
    """Return the rows that match every filter given; ``None`` means any.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table from :func:`treatment_frame`.
    phase : {"acute", "chronic"}, optional
        Which phase the stance filter looks at (both when None).
    category : str, optional
        One of :data:`CATEGORIES`.
    guideline : {"acp", "nice", "who"}, optional
        Which guideline the stance filter looks at (any of them when None).
    stance : str, optional
        A stance (:data:`STANCES`) or a group: "for" (recommended or option),
        "against" (not recommended) or "no position". A row matches when any
        of the selected guideline-and-phase columns has it.
    seed : bool or str, optional
        True: mentioned in any seed article; False: in none; a seed number
        ("000") or file name: mentioned in that article.

    Raises
    ------
    ValueError
        If a value is not one of the allowed ones.

    Examples
    --------
    >>> frame = treatment_frame()
    >>> list(filter_treatments(frame, category="medicine", guideline="who", phase="chronic",
    ...     stance="for").index)
    ['nsaids']
    """
    keep = pd.Series(True, index=frame.index)
    if category is not None:
        keep &= frame["Category"] == check_choice("category", category, CATEGORIES)
    if stance is not None:
        wanted = stances_wanted(stance)
        columns = stance_columns(guideline, phase)
        keep &= frame[columns].isin(wanted).any(axis=1)
    elif guideline is not None or phase is not None:
        stance_columns(guideline, phase)  # validates the values
    if seed is not None:
        keep &= seed_matches(frame, seed)
    return frame[keep]


def sort_treatments(frame: pd.DataFrame, by: str = "name") -> pd.DataFrame:
    """Return the table sorted for reading; ties are broken by name (A to Z).

    ``"name"`` sorts A to Z; ``"effect"`` puts the largest drop in pain first
    (treatments without a number last); ``"certainty"`` puts the most certain
    evidence first; ``"category"`` groups treatments by category.

    Examples
    --------
    >>> list(sort_treatments(treatment_frame(), "effect").index[:2])
    ['heat', 'structured-exercise']
    """
    check_choice("by", by, SORT_KEYS)
    names = frame["Treatment"].str.lower().rename("_name")
    keyed = frame.assign(_name=names)
    if by == "effect":
        keyed = keyed.assign(_points=-frame["Points less pain"].fillna(-math.inf))
        order = keyed.sort_values(["_points", "_name"], kind="stable")
    elif by == "certainty":
        order = keyed.sort_values(["Certainty", "_name"], kind="stable")
    elif by == "category":
        rank = frame["Category"].map({c: i for i, c in enumerate(CATEGORIES)})
        order = keyed.assign(_rank=rank).sort_values(["_rank", "_name"], kind="stable")
    else:
        order = keyed.sort_values("_name", kind="stable")
    return frame.loc[order.index]


def count_line(shown: int, total: int) -> str:
    """Say how many treatments are shown.

    Examples
    --------
    >>> count_line(7, 36)
    'Showing 7 of 36 treatments'
    """
    return f"Showing {shown} of {total} treatments"


def describe_filters(
    phase: str | None,
    category: str | None,
    guideline: str | None,
    stance: str | None,
    seed: str | bool | None,
) -> str:
    """Describe the active filters in plain words.

    Examples
    --------
    >>> describe_filters("chronic", None, "nice", "against", True)
    'NICE, long-lasting pain (chronic, over 12 weeks): against; mentioned in a seed article'
    >>> describe_filters(None, None, None, None, None)
    'no filters'
    """
    parts = []
    if category is not None:
        parts.append(f"category: {category}")
    if stance is not None:
        who = GUIDELINES[guideline] if guideline else "any guideline"
        when = PHASES[phase] if phase else "either phase"
        parts.append(f"{who}, {when}: {stance}")
    if seed is True:
        parts.append("mentioned in a seed article")
    elif seed is False:
        parts.append("not mentioned in the seed articles")
    elif seed is not None:
        parts.append(f"mentioned in seed {seed_number(seed)}")
    return "; ".join(parts) or "no filters"


# --- rendering ---------------------------------------------------------------------------


def stance_label(stance: str) -> str:
    """A stance as symbol and words, e.g. ``"✘ not recommended"``.

    Examples
    --------
    >>> stance_label("recommended"), stance_label("not addressed")
    ('✔ recommended', '○ not addressed')
    """
    return f"{STANCE_SYMBOLS.get(stance, '?')} {stance}"


def stance_css(stance: str) -> str:
    """The background of a stance cell (an extra cue beside the words)."""
    colour = STANCE_COLOURS.get(stance)
    return f"background-color:{colour}" if colour else ""


def format_points(value: float, decimals: int = 1) -> str:
    """Format a number of points, using a real minus sign.

    Examples
    --------
    >>> format_points(7.29), format_points(-1.9), format_points(15.0, decimals=0)
    ('7.3', '−1.9', '15')
    """
    return f"{value:.{decimals}f}".replace("-", "−")


def points_text(points: float, low: float, high: float) -> str:
    """Points less pain with its interval, or a dash when the sources give no number.

    Whole numbers stay whole; otherwise all three numbers get one decimal.

    Examples
    --------
    >>> points_text(7.29, 3.61, 10.98), points_text(15, 12, 18)
    ('7.3 (3.6 to 11.0)', '15 (12 to 18)')
    >>> points_text(0.5, -1.9, 2.9)
    '0.5 (−1.9 to 2.9)'
    >>> points_text(math.nan, math.nan, math.nan)
    '–'
    """
    if math.isnan(points):
        return "–"
    decimals = 0 if all(float(v).is_integer() for v in (points, low, high)) else 1
    first, lowest, highest = (format_points(v, decimals) for v in (points, low, high))
    return f"{first} ({lowest} to {highest})"


def with_points_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the column that writes points and interval as one phrase."""
    texts = [
        points_text(p, lo, hi)
        for p, lo, hi in zip(
            frame["Points less pain"], frame["Lowest"], frame["Highest"], strict=True
        )
    ]
    return frame.assign(**{POINTS_TEXT: texts})


def display_columns(phase: str | None = None, guideline: str | None = None) -> list[str]:
    """The columns the comparison table shows for a phase and guideline (``None``: all).

    Examples
    --------
    >>> display_columns("acute", "nice")[:3]
    ['Treatment', 'Category', 'NICE, acute']
    """
    return [
        "Treatment",
        "Category",
        *stance_columns(guideline, phase),
        "Certainty",
        "Effect on pain",
        POINTS_TEXT,
        "Needs a prescription",
        "Seed articles",
    ]


def new_styler(frame: pd.DataFrame, uuid: str) -> Any:
    """A pandas Styler with fixed ids, so the same table renders to the same HTML every time."""
    from pandas.io.formats.style import Styler  # needs jinja2; loaded only when rendering

    return Styler(frame, uuid=uuid, cell_ids=False)


def styled_table(
    frame: pd.DataFrame, phase: str | None = None, guideline: str | None = None
) -> Any:
    """Return a pandas ``Styler`` of the comparison table: words and symbols, light colour cues.

    The index is hidden (no empty corner header), the ids are fixed (the same
    HTML every time), and a caption says what the table shows.
    """
    shown = with_points_text(frame)[display_columns(phase, guideline)].astype(object)
    shown = shown.fillna("")
    stance_cols = stance_columns(guideline, phase)
    styler = new_styler(shown, "treatments")
    return (
        styler.hide(axis="index")
        .set_table_styles(TABLE_STYLES)
        .format(escape="html")
        .format(stance_label, subset=stance_cols, escape="html")
        .map(stance_css, subset=stance_cols)
        .set_table_styles(width_styles(shown.columns), overwrite=False)
        .set_caption(html.escape(table_caption(phase, guideline)))
        .set_table_attributes('class="treatment-table"')
    )


def width_styles(columns: Iterable[str]) -> dict[str, list[dict[str, str]]]:
    """Styler table styles that give long text columns a minimum width."""
    return {
        column: [{"selector": "td", "props": f"min-width:{COLUMN_WIDTHS[column]}"}]
        for column in columns
        if column in COLUMN_WIDTHS
    }


def table_caption(phase: str | None, guideline: str | None) -> str:
    """What the comparison table shows, in words.

    Examples
    --------
    >>> table_caption("acute", None)
    'Treatments compared: stances of ACP, NICE and WHO for new pain (acute, under 12 weeks)'
    """
    who = GUIDELINES[guideline] if guideline else "ACP, NICE and WHO"
    when = f" for {PHASES[phase]}" if phase else " for new (acute) and long-lasting (chronic) pain"
    return f"Treatments compared: stances of {who}{when}"


def table_html(frame: pd.DataFrame, phase: str | None = None, guideline: str | None = None) -> str:
    """Render the comparison table as HTML (or a 'no match' line when it is empty).

    Examples
    --------
    >>> html_text = table_html(treatment_frame().loc[["tens"]], phase="chronic")
    >>> "✘ not recommended" in html_text and "<caption>" in html_text
    True
    >>> table_html(treatment_frame().iloc[0:0]) == NO_MATCH
    True
    """
    if frame.empty:
        return NO_MATCH
    return scrollable(str(styled_table(frame, phase, guideline).to_html()))


def scrollable(table: str) -> str:
    """Wrap a wide table so that it scrolls sideways instead of squeezing its columns."""
    return f'<div class="treatment-scroll" style="overflow-x:auto;max-width:100%">{table}</div>'


COLUMN_WIDTHS: dict[str, str] = {
    "Treatment": "11em",
    "Effect on pain": "20em",
    "What the guidelines say, and why": "26em",
    POINTS_TEXT: "7em",
}
"""Minimum widths, so that long text columns stay readable."""


def legend_html() -> str:
    """Explain the stance symbols, the certainty levels and the 10-point threshold.

    Examples
    --------
    >>> "✘ not recommended" in legend_html()
    True
    """
    stances = "; ".join(
        f"{html.escape(stance_label(s))}: {html.escape(STANCE_MEANINGS[s])}" for s in STANCES
    )
    certainty = "; ".join(
        f"{html.escape(level)}: {html.escape(meaning)}"
        for level, meaning in CERTAINTY_MEANINGS.items()
    )
    return (
        '<div class="treatment-legend" style="line-height:1.35">'
        f"<p><strong>Guideline stances:</strong> {stances}.</p>"
        f"<p><strong>Certainty of evidence:</strong> {certainty}.</p>"
        f"<p><strong>Points less pain:</strong> how much lower pain was, on a 0 to 100 scale, "
        f"than in the comparison group; the interval is the range the true value probably "
        f"lies in. Under about {IMPORTANT_POINTS} points is usually not counted as an "
        f"important difference.</p></div>"
    )


# --- guideline agreement -----------------------------------------------------------------


def agreement_level(stances: Iterable[str]) -> str:
    """Classify a set of guideline stances: do they agree, differ, or barely speak?

    Examples
    --------
    >>> agreement_level(["recommended", "option", "not addressed"])
    'agree: for'
    >>> agreement_level(["recommended", "not recommended", "option"])
    'differ'
    >>> agreement_level(["no recommendation", "not recommended", "not addressed"])
    'one guideline only'
    """
    positions = [s for s in stances if s not in STANCE_GROUPS["no position"]]
    in_favour = sum(s in STANCE_GROUPS["for"] for s in positions)
    against = len(positions) - in_favour
    if not positions:
        return "no position"
    if in_favour and against:
        return "differ"
    if len(positions) == 1:
        return "one guideline only"
    return "agree: for" if in_favour else "agree: against"


def agreement_frame(frame: pd.DataFrame, phase: str) -> pd.DataFrame:
    """Return, for one phase, each treatment's three stances, how they agree, and why.

    Rows are ordered by agreement (agree for, agree against, differ, one
    guideline only, no position), then by name.

    Examples
    --------
    >>> view = agreement_frame(treatment_frame(), "chronic")
    >>> view.loc["acupuncture", "Agreement"], view.loc["tens", "Agreement"]
    ('differ', 'agree: against')
    """
    check_choice("phase", phase, tuple(PHASES))
    columns = stance_columns(phase=phase)
    view = frame[["Treatment", *columns]].copy()
    view.columns = ["Treatment", *GUIDELINES.values()]
    levels = [agreement_level(row) for row in frame[columns].itertuples(index=False)]
    view["Agreement"] = pd.Categorical(levels, categories=AGREEMENTS, ordered=True)
    view["What the guidelines say, and why"] = frame["What the guidelines say, and why"]
    names = view["Treatment"].str.lower()
    order = view.assign(_name=names).sort_values(["Agreement", "_name"], kind="stable").index
    return view.loc[order]


def filter_agreement(view: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """Keep the rows of an agreement view at one level (``None`` keeps all)."""
    if level is None:
        return view
    return view[view["Agreement"] == check_choice("agreement", level, AGREEMENTS)]


def agreement_counts(view: pd.DataFrame) -> dict[str, int]:
    """How many treatments sit at each agreement level.

    Examples
    --------
    >>> agreement_counts(agreement_frame(treatment_frame(), "chronic"))["differ"] > 0
    True
    """
    counts = view["Agreement"].value_counts()
    return {level: int(counts.get(level, 0)) for level in AGREEMENTS}


def agreement_html(view: pd.DataFrame, phase: str) -> str:
    """Render an agreement view with Styler: stances and agreement in words and symbols."""
    if view.empty:
        return NO_MATCH
    shown = view.astype(object)
    guideline_cols = list(GUIDELINES.values())
    styler = new_styler(shown, "agreement")
    styled = (
        styler.hide(axis="index")
        .format(escape="html")
        .format(stance_label, subset=guideline_cols, escape="html")
        .format(lambda level: AGREEMENT_WORDS[level], subset=["Agreement"], escape="html")
        .map(stance_css, subset=guideline_cols)
        .set_caption(html.escape(f"Where ACP, NICE and WHO agree and differ, for {PHASES[phase]}"))
        .set_table_styles(TABLE_STYLES)
        .set_table_styles(width_styles(shown.columns), overwrite=False)
        .set_table_attributes('class="treatment-agreement"')
    )
    return scrollable(str(styled.to_html()))


# --- comparing two treatments ------------------------------------------------------------


def compare(frame: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Put two treatments side by side, one field per row, stances as words and symbols.

    Examples
    --------
    >>> side = compare(treatment_frame(), "heat", "paracetamol")
    >>> list(side.columns)
    ['Superficial heat (heat wrap, hot-water bottle, heat pad)', 'Paracetamol (acetaminophen) on its own']
    >>> side.loc["NICE, acute"].tolist()
    ['– no recommendation', '✘ not recommended']
    """
    check_treatment(frame, first)
    check_treatment(frame, second)
    rows = with_points_text(frame.loc[[first, second]])
    side = rows[list(COMPARE_FIELDS)].astype(object).fillna("").replace("", "–").T
    for column in stance_columns():
        side.loc[column] = [stance_label(str(value)) for value in side.loc[column]]
    side.columns = list(rows["Treatment"]) if first != second else [rows["Treatment"].iloc[0]] * 2
    return side


def compare_html(frame: pd.DataFrame, first: str, second: str) -> str:
    """Render two treatments side by side as an accessible table (row headers, caption).

    Examples
    --------
    >>> "<th scope=\\"row\\">Main harms</th>" in compare_html(treatment_frame(), "nsaids", "opioids")
    True
    """
    side = compare(frame, first, second)
    head = "".join(f'<th scope="col">{html.escape(str(name))}</th>' for name in side.columns)
    body = "".join(
        f'<tr><th scope="row">{html.escape(str(field))}</th>'
        + "".join(f"<td>{html.escape(str(value))}</td>" for value in values)
        + "</tr>"
        for field, values in side.iterrows()
    )
    caption = f"{side.columns[0]} compared with {side.columns[1]}"
    return (
        '<table class="treatment-compare" style="border-collapse:collapse;font-size:0.9em">'
        f'<caption style="text-align:left;font-weight:bold">{html.escape(caption)}</caption>'
        f'<thead><tr><th scope="col">What</th>{head}</tr></thead><tbody>{body}</tbody></table>'
        "<style>.treatment-compare th,.treatment-compare td{border:1px solid #999;"
        "padding:4px 6px;text-align:left;vertical-align:top;line-height:1.35}</style>"
    )


# --- the effect chart's data -------------------------------------------------------------


def effect_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The treatments that have an effect size, largest drop in pain first.

    Examples
    --------
    >>> list(effect_rows(treatment_frame()).index)
    ['heat', 'structured-exercise', 'muscle-relaxants', 'nsaids', 'paracetamol']
    """
    with_numbers = frame[frame["Points less pain"].notna()]
    return with_numbers.sort_values("Points less pain", ascending=False, kind="stable")


# --- checks for ``python -m course check`` -----------------------------------------------


def treatments_file(path: Path | None = None) -> Path:
    """The treatment table's path (the course's, unless a test passes another)."""
    return path if path is not None else paths.data_dir() / f"{TABLE}.csv"


def load_rows(path: Path | None = None) -> list[dict[str, Any]]:
    """Load and validate the table's rows (the schema checks enums and types)."""
    if path is None:
        return content.table(TABLE)
    return loading.load_csv(path, TABLE)


def check_treatments(today: date | None = None, path: Path | None = None) -> list[ContentError]:
    """Check the treatment table beyond its schema; return every problem found.

    Checks: the schema (enums, types, required cells), one row per id, no
    empty stance cell, every reference key resolves, review dates neither
    older than :data:`REVIEW_MONTHS` months nor in the future, and each
    effect size inside its interval.

    Parameters
    ----------
    today : datetime.date, optional
        The date to judge review dates against (default: ``date.today()``).
    path : pathlib.Path, optional
        Another table to check (tests use fixture files).

    Examples
    --------
    >>> check_treatments(today=date(2026, 11, 21))
    []
    """
    file = loading.display_path(treatments_file(path))
    empty = empty_stance_problems(treatments_file(path), file)
    try:
        rows = load_rows(path)
    except ContentError as exc:
        return empty or [exc]
    known = set(content.references())
    when = today or date.today()
    problems = duplicate_problems(rows, file)
    for line, row in enumerate(rows, start=3):
        where = f"line {line} (id '{row.get('id', '?')}')"
        problems += row_problems(row, file, where, known, when)
    return problems


def empty_stance_problems(path: Path, file: str) -> list[ContentError]:
    """Empty stance cells, read from the raw CSV so that each is named by its column.

    (The schema also refuses them, but only as "a required field is missing".)
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # the loader reports unreadable files
    body = text.partition("\n")[2]
    problems = []
    for line, raw in enumerate(csv.DictReader(io.StringIO(body)), start=3):
        where = f"line {line} (id '{(raw.get('id') or '?').strip()}')"
        problems += stance_problems({k: v for k, v in raw.items() if k}, file, where)
    return problems


def duplicate_problems(rows: Sequence[Mapping[str, Any]], file: str) -> list[ContentError]:
    """Ids used by more than one row."""
    seen: set[str] = set()
    problems = []
    for line, row in enumerate(rows, start=3):
        if row["id"] in seen:
            problems.append(
                ContentError(
                    file,
                    f"line {line} (id '{row['id']}')",
                    "repeats an id used by an earlier row",
                    "give each treatment one row with its own id",
                )
            )
        seen.add(row["id"])
    return problems


def row_problems(
    row: Mapping[str, Any], file: str, where: str, known: set[str], today: date
) -> list[ContentError]:
    """Every problem of one row."""
    return [
        *stance_problems(row, file, where),
        *enum_problems(row, file, where),
        *reference_problems(row, file, where, known),
        *review_problems(row, file, where, today),
        *effect_problems(row, file, where),
    ]


def stance_problems(row: Mapping[str, Any], file: str, where: str) -> list[ContentError]:
    """Stance cells that are empty."""
    return [
        ContentError(
            file,
            f"{where}, column '{field}'",
            "the stance cell is empty",
            "write one of: " + ", ".join(STANCES) + " (use 'not addressed' when out of scope)",
        )
        for field in (f"{g}_{p}" for g in GUIDELINES for p in PHASES)
        if not str(row.get(field, "")).strip()
    ]


def enum_problems(row: Mapping[str, Any], file: str, where: str) -> list[ContentError]:
    """Categorical cells whose value is not allowed (the schema checks this too)."""
    allowed: dict[str, Sequence[str]] = {
        "category": CATEGORIES,
        "certainty": CERTAINTIES,
        **{f"{g}_{p}": STANCES for g in GUIDELINES for p in PHASES},
    }
    return [
        ContentError(
            file,
            f"{where}, column '{field}'",
            f"{row[field]!r} is not an allowed value",
            "use one of: " + ", ".join(values),
        )
        for field, values in allowed.items()
        if str(row.get(field, "")).strip() and row[field] not in values
    ]


def reference_problems(
    row: Mapping[str, Any], file: str, where: str, known: set[str]
) -> list[ContentError]:
    """Reference keys that do not resolve in ``data/references.yaml``."""
    return [
        ContentError(
            file,
            f"{where}, column 'references'",
            f"reference key '{key}' does not resolve",
            "add it to data/references.yaml or correct the key",
        )
        for key in row.get("references", [])
        if key not in known
    ]


def months_before(today: date, months: int) -> date:
    """The same day ``months`` months earlier (the last day of the month when it is shorter).

    Examples
    --------
    >>> months_before(date(2026, 11, 21), 24), months_before(date(2028, 2, 29), 24)
    (datetime.date(2024, 11, 21), datetime.date(2026, 2, 28))
    """
    year, month_index = divmod(today.year * 12 + today.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(today.day, last_day))


def review_problems(
    row: Mapping[str, Any], file: str, where: str, today: date
) -> list[ContentError]:
    """A review date that is not a date, is in the future, or is older than allowed."""
    location = f"{where}, column 'reviewed'"
    try:
        reviewed = date.fromisoformat(str(row.get("reviewed", "")))
    except ValueError:
        return [
            ContentError(
                file, location, f"{row.get('reviewed')!r} is not a date", "write YYYY-MM-DD"
            )
        ]
    if reviewed > today:
        return [
            ContentError(
                file,
                location,
                f"the review date {reviewed} is in the future (today is {today})",
                "write the date the row was actually checked",
            )
        ]
    oldest = months_before(today, REVIEW_MONTHS)
    if reviewed < oldest:
        return [
            ContentError(
                file,
                location,
                f"was last reviewed on {reviewed}, more than {REVIEW_MONTHS} months ago",
                "check the row against the current evidence and update the date",
            )
        ]
    return []


def effect_problems(row: Mapping[str, Any], file: str, where: str) -> list[ContentError]:
    """An effect size outside its own interval."""
    if "effect_points" not in row:
        return []
    low, points, high = row["effect_low"], row["effect_points"], row["effect_high"]
    if low <= points <= high:
        return []
    return [
        ContentError(
            file,
            f"{where}, column 'effect_points'",
            f"the effect {points} is not inside its interval {low} to {high}",
            "write the interval as effect_low <= effect_points <= effect_high",
        )
    ]
