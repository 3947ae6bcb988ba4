"""The risk-factor table as a pandas DataFrame: load, filter, sort and render.

Pure logic for lesson 02's risk-factor explorer; nothing here imports ipywidgets.
The rows come from ``data/risk_factors.csv`` (schema ``risk_factors.schema.json``).

Examples
--------
>>> frame = risk_frame()
>>> causes = filter_risks(frame, kind="specific cause")
>>> set(causes["Kind"]) == {"specific cause"}
True
>>> sort_risks(frame, "evidence", ascending=False)["Evidence"].iloc[0]
'strong'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from course import content

TABLE = "risk_factors"

KINDS = ("risk factor", "yellow flag", "specific cause")
EVIDENCE_LEVELS = ("strong", "moderate", "weak", "not supported")
"""Evidence levels from strongest to weakest."""

EVIDENCE_MEANINGS: dict[str, str] = {
    "strong": "a consistent finding of major reviews or large studies",
    "moderate": "found in one good study, or listed by clinical guidance",
    "weak": "indirect support only",
    "not supported": "studies that looked did not support it, or no source shows it",
}
"""What each evidence level means, in plain words (shown under the explorer)."""

# data column -> column name the learner reads
COLUMNS: dict[str, str] = {
    "factor": "Factor",
    "kind": "Kind",
    "modifiable": "Can it be changed?",
    "evidence": "Evidence",
    "what_it_does": "What the evidence shows",
    "how_common": "How common (specific causes)",
    "references": "References",
}

SORT_KEYS: dict[str, str] = {
    "factor": "Factor",
    "kind": "Kind",
    "evidence": "Evidence",
    "modifiable": "Can it be changed?",
}

NO_MATCH = (
    "<p><em>No factor matches these filters. Clear a filter or the search to see more.</em></p>"
)

TABLE_STYLE = (
    "<style>.risk-table{border-collapse:collapse;font-size:0.9em}"
    ".risk-table th,.risk-table td{border:1px solid #999;padding:4px 6px;"
    "text-align:left;vertical-align:top;white-space:normal;line-height:1.35}"
    ".risk-table th{font-weight:bold}</style>"
)


def risk_frame(rows: Iterable[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Return the risk-factor table as a DataFrame with readable column names.

    Parameters
    ----------
    rows : iterable of mappings, optional
        Validated rows as ``content.table("risk_factors")`` returns them
        (the default). Tests pass their own.

    Returns
    -------
    pandas.DataFrame
        Indexed by row id; "Kind" and "Evidence" are ordered categoricals
        (evidence from "not supported" up to "strong"), "Can it be changed?"
        holds "yes" or "no", references are joined with "; ".

    Examples
    --------
    >>> frame = risk_frame([{"id": "smoking", "factor": "Smoking", "kind": "risk factor",
    ...     "modifiable": True, "evidence": "strong", "what_it_does": "Raises the risk.",
    ...     "references": ["Hartvigsen2018"]}])
    >>> frame.loc["smoking", "Can it be changed?"], frame.loc["smoking", "References"]
    ('yes', 'Hartvigsen2018')
    """
    records = [to_record(row) for row in (content.table(TABLE) if rows is None else rows)]
    frame = pd.DataFrame(records, columns=["id", *COLUMNS.values()]).set_index("id")
    frame["Kind"] = pd.Categorical(frame["Kind"], categories=KINDS)
    frame["Evidence"] = pd.Categorical(
        frame["Evidence"], categories=EVIDENCE_LEVELS[::-1], ordered=True
    )
    return frame


def to_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """Turn one validated CSV row into a record keyed by readable column names."""
    record: dict[str, Any] = {"id": row["id"]}
    for field, column in COLUMNS.items():
        record[column] = row.get(field, "")
    record[COLUMNS["modifiable"]] = "yes" if row["modifiable"] else "no"
    record[COLUMNS["references"]] = "; ".join(row["references"])
    return record


def filter_risks(
    frame: pd.DataFrame,
    kind: str | None = None,
    modifiable: bool | None = None,
    evidence: str | None = None,
    text: str | None = None,
) -> pd.DataFrame:
    """Return the rows that match every filter given; ``None`` (or empty text) means any.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table from :func:`risk_frame`.
    kind : {"risk factor", "yellow flag", "specific cause"}, optional
    modifiable : bool, optional
        True keeps factors a person can change, False those they cannot.
    evidence : {"strong", "moderate", "weak", "not supported"}, optional
    text : str, optional
        Case-insensitive search in the factor, what the evidence shows and how common.

    Raises
    ------
    ValueError
        If ``kind`` or ``evidence`` is not one of the allowed values.

    Examples
    --------
    >>> frame = risk_frame()
    >>> list(filter_risks(frame, text="SMOK").index)
    ['physically-demanding-work', 'smoking']
    """
    keep = pd.Series(True, index=frame.index)
    if kind is not None:
        keep &= frame["Kind"] == check_choice("kind", kind, KINDS)
    if modifiable is not None:
        keep &= frame[COLUMNS["modifiable"]] == ("yes" if modifiable else "no")
    if evidence is not None:
        keep &= frame["Evidence"] == check_choice("evidence", evidence, EVIDENCE_LEVELS)
    if text and text.strip():
        keep &= text_matches(frame, text.strip())
    return frame[keep]


def text_matches(frame: pd.DataFrame, text: str) -> pd.Series:
    """Say, row by row, whether ``text`` appears in the searchable columns (any case)."""
    columns = ["Factor", COLUMNS["what_it_does"], COLUMNS["how_common"]]
    found = pd.Series(False, index=frame.index)
    for column in columns:
        found |= frame[column].fillna("").str.contains(text, case=False, regex=False)
    return found


def check_choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    """Return ``value`` if it is allowed, else raise a ValueError listing the allowed values."""
    if value not in allowed:
        choices = ", ".join(repr(item) for item in allowed)
        raise ValueError(f"{name} {value!r} is not known; use one of: {choices}, or None for any")
    return value


def sort_risks(frame: pd.DataFrame, by: str = "evidence", ascending: bool = False) -> pd.DataFrame:
    """Return the table sorted by one column, ties broken by factor name (A to Z).

    Evidence sorts by strength, not alphabetically: ascending goes from
    "not supported" up to "strong"; descending puts "strong" first.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table from :func:`risk_frame`.
    by : {"evidence", "factor", "kind", "modifiable"}
    ascending : bool

    Raises
    ------
    ValueError
        If ``by`` is not a sortable column.

    Examples
    --------
    >>> frame = risk_frame()
    >>> list(sort_risks(frame, "evidence", ascending=True)["Evidence"].unique())
    ['not supported', 'weak', 'moderate', 'strong']
    """
    column = SORT_KEYS[check_choice("by", by, tuple(SORT_KEYS))]
    if column == "Factor":
        return frame.sort_values(
            "Factor", ascending=ascending, kind="stable", key=lambda names: names.str.lower()
        )
    return frame.sort_values([column, "Factor"], ascending=[ascending, True], kind="stable")


def count_line(shown: int, total: int) -> str:
    """Say how many factors are shown.

    Examples
    --------
    >>> count_line(7, 31), count_line(1, 31)
    ('Showing 7 of 31 factors', 'Showing 1 of 31 factors')
    """
    return f"Showing {shown} of {total} factors"


def risk_table_html(frame: pd.DataFrame) -> str:
    """Render the table as accessible HTML: escaped text, no index, borders, no colour coding.

    The "how common" column is left out when no row shown has a value in it.

    Examples
    --------
    >>> frame = risk_frame()
    >>> "<table" in risk_table_html(frame), "<th>Factor</th>" in risk_table_html(frame)
    (True, True)
    >>> risk_table_html(frame.iloc[0:0])
    '<p><em>No factor matches these filters. Clear a filter or the search to see more.</em></p>'
    """
    if frame.empty:
        return NO_MATCH
    shown = frame.astype(object).fillna("")
    how_common = COLUMNS["how_common"]
    if (shown[how_common] == "").all():
        shown = shown.drop(columns=how_common)
    table = str(
        shown.to_html(
            index=False, escape=True, border=0, classes="risk-table", na_rep="", justify="left"
        )
    )
    return TABLE_STYLE + table


def evidence_legend_html() -> str:
    """Explain the evidence levels in one escaped HTML paragraph.

    Examples
    --------
    >>> "<strong>Evidence levels:</strong> strong:" in evidence_legend_html()
    True
    """
    parts = "; ".join(
        f"{html.escape(level)}: {html.escape(meaning)}"
        for level, meaning in EVIDENCE_MEANINGS.items()
    )
    return f'<p style="line-height:1.35"><strong>Evidence levels:</strong> {parts}.</p>'


def describe_filters(
    kind: str | None, modifiable: bool | None, evidence: str | None, text: str | None
) -> str:
    """Describe the active filters in plain words (the widget shows this beside the count).

    Examples
    --------
    >>> describe_filters("yellow flag", True, None, "sleep")
    'kind: yellow flag; can be changed; search: "sleep"'
    >>> describe_filters(None, None, None, "")
    'no filters'
    """
    parts = []
    if kind is not None:
        parts.append(f"kind: {kind}")
    if modifiable is not None:
        parts.append("can be changed" if modifiable else "cannot be changed")
    if evidence is not None:
        parts.append(f"evidence: {evidence}")
    if text and text.strip():
        parts.append(f'search: "{text.strip()}"')
    return "; ".join(parts) or "no filters"
