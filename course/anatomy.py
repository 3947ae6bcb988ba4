"""The parts of the lower back (lesson 01): pure helpers over ``data/anatomy.csv``.

The table lists each structure with its group (bone, disc, joint, ligament,
muscle, fascia, nervous system), where it is, what it does, why it matters for
back pain, and reference keys. Other lessons name structures by their stable id
(for example ``multifidus``). Nothing here imports widgets: the view lives in
:mod:`course.widgets.anatomy`.
"""

from __future__ import annotations

from html import escape
from typing import Any

import pandas as pd

from course import content, loading
from course.errors import ContentError

TABLE = "anatomy"
FILE = "data/anatomy.csv"

#: data column -> the heading learners read
COLUMNS: dict[str, str] = {
    "structure": "Structure",
    "group": "Group",
    "location": "Where it is",
    "function": "What it does",
    "why_it_matters": "Why it matters for back pain",
    "references": "References",
}

#: group -> plural heading for the group filter
GROUP_NAMES: dict[str, str] = {
    "bone": "Bones",
    "disc": "Discs",
    "joint": "Joints",
    "ligament": "Ligaments",
    "muscle": "Muscles",
    "fascia": "Fascia",
    "nervous system": "Nervous system",
}


def groups() -> tuple[str, ...]:
    """Return the groups a structure can belong to, in teaching order (from the schema).

    Examples
    --------
    >>> groups()[:3]
    ('bone', 'disc', 'joint')
    """
    row = loading.load_schema(TABLE)["$defs"]["row"]
    return tuple(row["properties"]["group"]["enum"])


def check_group(group: str | None) -> None:
    """Raise a ContentError that lists the groups when ``group`` is not one of them."""
    if group is not None and group not in groups():
        raise ContentError(
            FILE,
            f"group '{group}'",
            "is not a group of the anatomy table",
            f"use one of: {', '.join(groups())}, or None for every part",
        )


def anatomy_rows(group: str | None = None) -> list[dict[str, Any]]:
    """Return the rows of the anatomy table, all of them or one group's, in file order.

    Examples
    --------
    >>> [row["id"] for row in anatomy_rows("bone")]
    ['lumbar-vertebrae', 'sacrum']
    """
    check_group(group)
    return [row for row in content.table(TABLE) if group is None or row["group"] == group]


def structure(structure_id: str) -> dict[str, Any]:
    """Return one structure by its id, or raise a ContentError listing similar ids.

    Examples
    --------
    >>> structure("multifidus")["group"]
    'muscle'
    """
    for row in content.table(TABLE):
        if row["id"] == structure_id:
            return row
    known = ", ".join(row["id"] for row in content.table(TABLE))
    raise ContentError(
        FILE,
        f"id '{structure_id}'",
        "is not a structure in the anatomy table",
        f"use one of: {known}",
    )


def group_counts() -> dict[str, int]:
    """Return how many structures each group has, in teaching order (empty groups included).

    Examples
    --------
    >>> group_counts()["disc"]
    2
    """
    counts = dict.fromkeys(groups(), 0)
    for row in content.table(TABLE):
        counts[row["group"]] += 1
    return counts


def anatomy_frame(group: str | None = None) -> pd.DataFrame:
    """Return the table (or one group) as a DataFrame with readable headings, indexed by id.

    Examples
    --------
    >>> frame = anatomy_frame("disc")
    >>> list(frame.index), frame.columns[0]
    (['annulus-fibrosus', 'nucleus-pulposus'], 'Structure')
    """
    rows = anatomy_rows(group)
    records = [
        {
            **{column: row[column] for column in COLUMNS if column != "references"},
            "references": ", ".join(row["references"]),
        }
        for row in rows
    ]
    frame = pd.DataFrame(records, columns=list(COLUMNS), index=[row["id"] for row in rows])
    frame.index.name = "id"
    return frame.rename(columns=COLUMNS)


def group_label(group: str | None) -> str:
    """Return the words for a group filter: its plural name, or "All parts".

    Examples
    --------
    >>> group_label("nervous system"), group_label(None)
    ('Nervous system', 'All parts')
    """
    return "All parts" if group is None else GROUP_NAMES.get(group, group.capitalize())


def caption(group: str | None) -> str:
    """Return the table caption, saying what is shown and how many rows.

    Examples
    --------
    >>> caption("disc").startswith("Parts of the lower back: Discs (2 of ")
    True
    """
    shown, total = len(anatomy_rows(group)), len(content.table(TABLE))
    return f"Parts of the lower back: {group_label(group)} ({shown} of {total})"


def anatomy_table_html(group: str | None = None) -> str:
    """Return an accessible HTML table of the structures (caption, column and row headers)."""
    head = "".join(
        f'<th scope="col">{escape(COLUMNS[c])}</th>' for c in COLUMNS if c != "structure"
    )
    body = "".join(row_html(row) for row in anatomy_rows(group))
    return (
        '<table class="course-anatomy" style="border-collapse:collapse;text-align:left">'
        '<caption style="text-align:left;font-weight:bold">'
        f"{escape(caption(group))}</caption>"
        f'<thead><tr><th scope="col">{escape(COLUMNS["structure"])}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def row_html(row: dict[str, Any]) -> str:
    """Return one table row: the structure's name as a row header, then its cells."""
    cell = 'style="vertical-align:top;padding:4px 8px;border-top:1px solid #ccc"'
    keys = ", ".join(f"[{escape(key)}]" for key in row["references"])
    cells = "".join(
        f"<td {cell}>{escape(str(row[c]))}</td>"
        for c in ("group", "location", "function", "why_it_matters")
    )
    return (
        f'<tr id="anatomy-{escape(row["id"])}"><th scope="row" {cell}>'
        f"{escape(row['structure'])}</th>{cells}<td {cell}>{keys}</td></tr>"
    )
