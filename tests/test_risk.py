"""Lesson 02's risk-factor table: every row's promises, and the pure filter/sort/render logic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from course import content, loading, risk
from course.errors import ContentError
from tests.sources import NEVER_CITED

FIXTURES = Path(__file__).resolve().parent / "fixtures"


# Topics the lesson must cover (issue 5 and the lesson brief), by row id.
REQUIRED_IDS = {
    "physically-demanding-work",
    "lifting-and-twisting",
    "long-sitting",
    "low-activity",
    "smoking",
    "obesity",
    "previous-episodes",
    "older-age",
    "low-socioeconomic-status",
    "fear-of-movement",
    "catastrophising",
    "low-mood",
    "poor-sleep",
    "work-problems",
    "disc-herniation",
    "degenerative-changes",
    "vertebral-fracture",
    "cancer",
    "infection",
    "cauda-equina-syndrome",
    "axial-spondyloarthritis",
    "dehydration",
    "weak-waist-muscles",
    "posture-main-cause",
}
MYTH_IDS = {"dehydration", "weak-waist-muscles", "posture-main-cause"}

ROWS = content.table("risk_factors")


def row_id(row: dict[str, Any]) -> str:
    return str(row["id"])


def small_rows() -> list[dict[str, Any]]:
    """Four hand-made rows whose names sort differently from their evidence."""
    return [
        {
            "id": "a",
            "factor": "Alpha",
            "kind": "risk factor",
            "modifiable": True,
            "evidence": "weak",
            "what_it_does": "Alpha text about sitting.",
            "references": ["K1"],
        },
        {
            "id": "b",
            "factor": "beta",
            "kind": "yellow flag",
            "modifiable": True,
            "evidence": "strong",
            "what_it_does": "Beta text.",
            "references": ["K1", "K2"],
        },
        {
            "id": "c",
            "factor": "Gamma <b>bold</b>",
            "kind": "specific cause",
            "modifiable": False,
            "evidence": "moderate",
            "what_it_does": "Gamma text.",
            "how_common": "About 1 in 100.",
            "references": ["K3"],
        },
        {
            "id": "d",
            "factor": "Delta",
            "kind": "risk factor",
            "modifiable": False,
            "evidence": "not supported",
            "what_it_does": "Delta text.",
            "references": ["K4"],
        },
    ]


# --- the data file ---------------------------------------------------------------------------


def test_ids_are_unique() -> None:
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids))


def test_required_topics_are_covered() -> None:
    missing = REQUIRED_IDS - {row["id"] for row in ROWS}
    assert not missing, f"data/risk_factors.csv lacks rows: {sorted(missing)}"


def test_every_kind_and_evidence_level_appears() -> None:
    assert {row["kind"] for row in ROWS} == set(risk.KINDS)
    assert {row["evidence"] for row in ROWS} == set(risk.EVIDENCE_LEVELS)


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_references_resolve_to_primary_sources(row: dict[str, Any]) -> None:
    assert row["references"], row["id"]
    for key in row["references"]:
        assert key not in NEVER_CITED, f"{row['id']} cites secondary source {key}"
        content.reference(key, f"data/risk_factors.csv: {row['id']}")


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_how_common_is_given_for_specific_causes_only(row: dict[str, Any]) -> None:
    if row["kind"] == "specific cause":
        assert any(char.isdigit() for char in row["how_common"]), row["id"]
        assert row["modifiable"] is False, row["id"]
    else:
        assert "how_common" not in row, row["id"]


def test_myths_are_marked_not_supported() -> None:
    evidence = {row["id"]: row["evidence"] for row in ROWS}
    assert all(evidence[myth] == "not supported" for myth in MYTH_IDS)
    assert {i for i, level in evidence.items() if level == "not supported"} == MYTH_IDS


def test_yellow_flags_cite_yellow_flag_evidence() -> None:
    for row in ROWS:
        if row["kind"] == "yellow flag":
            assert {"Alhowimel2021", "DG-YellowFlags"} & set(row["references"]), row["id"]
            assert row["modifiable"] is True, row["id"]


def test_cauda_equina_row_routes_to_emergency_care() -> None:
    row = next(row for row in ROWS if row["id"] == "cauda-equina-syndrome")
    assert "emergency" in row["what_it_does"].lower()


def test_serious_causes_are_rare_around_one_in_a_hundred() -> None:
    for cause in ("vertebral-fracture", "cancer", "infection"):
        row = next(row for row in ROWS if row["id"] == cause)
        assert "1 in 100" in row["how_common"] and "Devon-IBP" in row["references"]


BAD_FILES = [
    (
        "risk_factors_specific_cause_without_how_common.csv",
        ["line 3 (id 'vertebral-fracture')", "the field 'how_common' is missing"],
    ),
    (
        "risk_factors_bad_evidence_value.csv",
        [
            "line 3 (id 'smoking'), column 'evidence'",
            "'very strong' is not an allowed value",
            "'not supported'",
        ],
    ),
    (
        "risk_factors_no_references.csv",
        ["line 3 (id 'smoking')", "the field 'references' is missing"],
    ),
    (
        "risk_factors_modifiable_not_yes_no.csv",
        ["column 'modifiable'", "'maybe' is not of type boolean"],
    ),
]


@pytest.mark.parametrize(("fixture", "expected"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_table_names_line_and_fix(fixture: str, expected: list[str]) -> None:
    with pytest.raises(ContentError) as caught:
        loading.load_csv(FIXTURES / fixture, "risk_factors")
    for part in expected:
        assert part in str(caught.value), str(caught.value)


# --- risk_frame ------------------------------------------------------------------------------


def test_frame_has_readable_columns_and_id_index() -> None:
    frame = risk.risk_frame()
    assert list(frame.columns) == list(risk.COLUMNS.values())
    assert list(frame.index) == [row["id"] for row in ROWS]
    assert set(frame["Can it be changed?"]) == {"yes", "no"}


def test_frame_joins_references_and_leaves_how_common_empty() -> None:
    frame = risk.risk_frame(small_rows())
    assert frame.loc["b", "References"] == "K1; K2"
    assert frame.loc["a", "How common (specific causes)"] == ""
    assert frame.loc["c", "How common (specific causes)"] == "About 1 in 100."


# --- filter_risks ----------------------------------------------------------------------------


def test_no_filters_keep_everything() -> None:
    frame = risk.risk_frame(small_rows())
    assert list(risk.filter_risks(frame).index) == ["a", "b", "c", "d"]
    assert list(risk.filter_risks(frame, text="   ").index) == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "risk factor"}, ["a", "d"]),
        ({"kind": "specific cause"}, ["c"]),
        ({"modifiable": True}, ["a", "b"]),
        ({"modifiable": False}, ["c", "d"]),
        ({"evidence": "strong"}, ["b"]),
        ({"evidence": "not supported"}, ["d"]),
        ({"text": "SITTING"}, ["a"]),
        ({"text": "1 in 100"}, ["c"]),
        ({"kind": "risk factor", "modifiable": False}, ["d"]),
        ({"kind": "yellow flag", "evidence": "weak"}, []),
    ],
)
def test_filters_combine(filters: dict[str, Any], expected: list[str]) -> None:
    frame = risk.risk_frame(small_rows())
    assert list(risk.filter_risks(frame, **filters).index) == expected


def test_text_search_is_literal_not_a_pattern() -> None:
    frame = risk.risk_frame(small_rows())
    assert risk.filter_risks(frame, text="<b>").index.tolist() == ["c"]
    assert risk.filter_risks(frame, text=".*").empty


def test_unknown_filter_values_are_refused() -> None:
    frame = risk.risk_frame(small_rows())
    with pytest.raises(ValueError, match="use one of: 'risk factor'"):
        risk.filter_risks(frame, kind="red flag")
    with pytest.raises(ValueError, match="evidence 'proven'"):
        risk.filter_risks(frame, evidence="proven")


def test_real_table_filters_find_the_expected_groups() -> None:
    frame = risk.risk_frame()
    causes = risk.filter_risks(frame, kind="specific cause")
    assert {"vertebral-fracture", "cauda-equina-syndrome"} <= set(causes.index)
    changeable = risk.filter_risks(frame, kind="risk factor", modifiable=True, evidence="strong")
    assert {"smoking", "obesity", "physically-demanding-work"} <= set(changeable.index)
    assert "older-age" not in changeable.index


# --- sort_risks ------------------------------------------------------------------------------


def test_evidence_sorts_by_strength_not_alphabet() -> None:
    frame = risk.risk_frame(small_rows())
    assert list(risk.sort_risks(frame, "evidence", ascending=False).index) == ["b", "c", "a", "d"]
    assert list(risk.sort_risks(frame, "evidence", ascending=True).index) == ["d", "a", "c", "b"]


def test_factor_sorts_ignoring_case() -> None:
    frame = risk.risk_frame(small_rows())
    assert list(risk.sort_risks(frame, "factor", ascending=True).index) == ["a", "b", "d", "c"]
    assert list(risk.sort_risks(frame, "factor", ascending=False).index) == ["c", "d", "b", "a"]


def test_kind_and_modifiable_sorts_break_ties_by_name() -> None:
    frame = risk.risk_frame(small_rows())
    assert list(risk.sort_risks(frame, "kind", ascending=True).index) == ["a", "d", "b", "c"]
    assert list(risk.sort_risks(frame, "modifiable", ascending=False).index) == ["a", "b", "d", "c"]


def test_real_table_strongest_evidence_comes_first_and_myths_last() -> None:
    ordered = risk.sort_risks(risk.risk_frame(), "evidence", ascending=False)
    levels = [risk.EVIDENCE_LEVELS.index(level) for level in ordered["Evidence"]]
    assert levels == sorted(levels)
    assert set(ordered.index[-3:]) == MYTH_IDS


def test_unknown_sort_column_is_refused() -> None:
    with pytest.raises(ValueError, match="by 'colour'"):
        risk.sort_risks(risk.risk_frame(small_rows()), "colour")


# --- rendering -------------------------------------------------------------------------------


def test_table_html_escapes_text_and_has_no_index() -> None:
    rendered = risk.risk_table_html(risk.risk_frame(small_rows()))
    assert "Gamma &lt;b&gt;bold&lt;/b&gt;" in rendered
    assert "<b>bold</b>" not in rendered
    assert "<th></th>" not in rendered and ">a</th>" not in rendered
    assert "<th>Evidence</th>" in rendered and "nan" not in rendered


def test_empty_selection_says_so() -> None:
    frame = risk.risk_frame(small_rows())
    assert risk.risk_table_html(frame.iloc[0:0]) == risk.NO_MATCH


def test_count_line_and_filter_words() -> None:
    assert risk.count_line(7, 21) == "Showing 7 of 21 factors"
    assert risk.describe_filters(None, False, "weak", None) == "cannot be changed; evidence: weak"


def test_evidence_legend_names_every_level() -> None:
    legend = risk.evidence_legend_html()
    assert all(f"{level}:" in legend for level in risk.EVIDENCE_LEVELS)


def test_how_common_column_only_when_a_shown_row_has_it() -> None:
    frame = risk.risk_frame(small_rows())
    assert "<th>How common (specific causes)</th>" in risk.risk_table_html(frame)
    without = risk.risk_table_html(risk.filter_risks(frame, kind="risk factor"))
    assert "How common" not in without and "<th>References</th>" in without
