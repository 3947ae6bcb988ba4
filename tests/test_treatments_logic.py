"""Pure logic of course.treatments: filter, sort, agreement, compare, render."""

from __future__ import annotations

import re
from typing import Any

import pytest

from course import treatments

REFERENCE = "K1"


def make_row(row_id: str, name: str, category: str, stances: tuple[str, ...], **extra: Any) -> Any:
    fields = ("acp_acute", "acp_chronic", "nice_acute", "nice_chronic", "who_acute", "who_chronic")
    row = {
        "id": row_id,
        "name": name,
        "category": category,
        "how_it_works": "How it works, in words.",
        "stance_notes": "Why the guidelines say this.",
        "certainty": "low",
        "effect_words": "An effect in words.",
        "main_harms": "None reported.",
        "prescription": False,
        "references": [REFERENCE],
        "reviewed": "2026-11-21",
        **dict(zip(fields, stances, strict=True)),
    }
    row.update(extra)
    return row


R, OPT, N, NR, NA = treatments.STANCES


@pytest.fixture
def frame() -> Any:
    return treatments.treatment_frame(
        [
            make_row(
                "alpha", "Alpha <b>", "medicine", (R, OPT, OPT, N, NA, N), seeds=["000_aa.txt"]
            ),
            make_row(
                "beta",
                "beta",
                "device",
                (NR, NR, N, N, NA, N),
                certainty="moderate",
                effect_points=12.0,
                effect_low=8.0,
                effect_high=16.0,
                effect_label="Beta, long-lasting",
                effect_context="long-lasting pain, one review",
                seeds=["001_bb.txt", "000_aa.txt"],
            ),
            make_row(
                "gamma",
                "Gamma",
                "self-care",
                (R, R, R, R, NA, OPT),
                certainty="high",
                effect_points=3.0,
                effect_low=-1.0,
                effect_high=7.0,
                effect_label="Gamma, new pain",
                effect_context="new pain, one trial",
                prescription=True,
            ),
            make_row(
                "delta", "Delta", "self-care", (NR, NR, NR, NR, NA, NR), certainty="not rated"
            ),
        ]
    )


def test_frame_has_readable_columns_and_types(frame: Any) -> None:
    assert list(frame.index) == ["alpha", "beta", "gamma", "delta"]
    assert frame.loc["gamma", "Needs a prescription"] == "yes"
    assert frame.loc["beta", "Seed articles"] == "001, 000"
    assert frame.loc["alpha", "References"] == REFERENCE
    assert frame["Certainty"].cat.ordered


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["alpha", "beta", "gamma", "delta"]),
        ({"category": "self-care"}, ["gamma", "delta"]),
        ({"guideline": "nice", "phase": "chronic", "stance": "against"}, ["alpha", "beta"]),
        ({"guideline": "nice", "phase": "acute", "stance": "against"}, ["beta"]),
        ({"guideline": "acp", "stance": "for"}, ["alpha", "gamma"]),
        (
            {"stance": "no position", "phase": "acute", "guideline": "who"},
            ["alpha", "beta", "gamma", "delta"],
        ),
        ({"stance": "option"}, ["alpha", "gamma"]),
        ({"seed": True}, ["alpha", "beta"]),
        ({"seed": False}, ["gamma", "delta"]),
        ({"seed": "001"}, ["beta"]),
        ({"seed": "000_aa.txt", "category": "medicine"}, ["alpha"]),
    ],
)
def test_filter_treatments(frame: Any, filters: dict[str, Any], expected: list[str]) -> None:
    assert list(treatments.filter_treatments(frame, **filters).index) == expected


@pytest.mark.parametrize(
    "filters",
    [{"category": "pill"}, {"guideline": "cdc"}, {"phase": "subacute"}, {"stance": "maybe"}],
)
def test_unknown_filter_values_raise(frame: Any, filters: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="use one of"):
        treatments.filter_treatments(frame, **filters)


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("name", ["alpha", "beta", "delta", "gamma"]),
        ("effect", ["beta", "gamma", "alpha", "delta"]),
        ("certainty", ["gamma", "beta", "alpha", "delta"]),
        ("category", ["delta", "gamma", "alpha", "beta"]),
    ],
)
def test_sort_treatments(frame: Any, by: str, expected: list[str]) -> None:
    assert list(treatments.sort_treatments(frame, by).index) == expected


def test_sort_refuses_an_unknown_key(frame: Any) -> None:
    with pytest.raises(ValueError):
        treatments.sort_treatments(frame, "colour")


def test_points_text_handles_decimals_minus_signs_and_no_number() -> None:
    assert treatments.points_text(3.0, -1.0, 7.0) == "3 (−1 to 7)"
    assert treatments.points_text(7.29, 3.61, 10.98) == "7.3 (3.6 to 11.0)"
    assert treatments.points_text(float("nan"), float("nan"), float("nan")) == "–"


def test_table_html_uses_words_and_symbols_escapes_text_and_hides_the_index(frame: Any) -> None:
    html = treatments.table_html(frame, phase="chronic")
    assert "✘ not recommended" in html and "◐ option" in html
    assert "Alpha &lt;b&gt;" in html
    assert "<caption>" in html
    assert "NICE, acute" not in html and "NICE, chronic" in html
    assert 'class="blank' not in html and "index_name" not in html  # no empty corner header
    assert "12.0 (8.0 to 16.0)" not in html and "12 (8 to 16)" in html


def test_table_html_is_the_same_every_time(frame: Any) -> None:
    assert treatments.table_html(frame) == treatments.table_html(frame)


def test_table_html_for_one_guideline_shows_only_its_columns(frame: Any) -> None:
    html = treatments.table_html(frame, guideline="who")
    assert re.findall(r">(\w+), (acute|chronic)</th>", html) == [
        ("WHO", "acute"),
        ("WHO", "chronic"),
    ]


def test_empty_table_says_so(frame: Any) -> None:
    assert treatments.table_html(frame.iloc[0:0]) == treatments.NO_MATCH


@pytest.mark.parametrize(
    ("stances", "level"),
    [
        ((R, OPT, NA), "agree: for"),
        ((N, N, NR), "agree: against"),
        ((R, N, OPT), "differ"),
        ((NR, OPT, NA), "one guideline only"),
        ((NR, NR, NA), "no position"),
    ],
)
def test_agreement_level(stances: tuple[str, ...], level: str) -> None:
    assert treatments.agreement_level(stances) == level


def test_agreement_frame_orders_by_level_and_keeps_the_reasons(frame: Any) -> None:
    view = treatments.agreement_frame(frame, "chronic")
    assert list(view.index) == ["gamma", "beta", "alpha", "delta"]
    assert list(view["Agreement"].astype(str)) == [
        "agree: for",
        "agree: against",
        "differ",
        "no position",
    ]
    assert list(view.columns) == [
        "Treatment",
        "ACP",
        "NICE",
        "WHO",
        "Agreement",
        "What the guidelines say, and why",
    ]
    assert treatments.agreement_counts(view) == {
        "agree: for": 1,
        "agree: against": 1,
        "differ": 1,
        "one guideline only": 0,
        "no position": 1,
    }


def test_filter_agreement_and_its_html(frame: Any) -> None:
    view = treatments.agreement_frame(frame, "chronic")
    differ = treatments.filter_agreement(view, "differ")
    assert list(differ.index) == ["alpha"]
    html = treatments.agreement_html(differ, "chronic")
    assert "⇄ differ" in html and "◐ option" in html and "Why the guidelines say this." in html
    assert "Alpha &lt;b&gt;" in html
    assert treatments.agreement_html(view.iloc[0:0], "chronic") == treatments.NO_MATCH
    with pytest.raises(ValueError):
        treatments.filter_agreement(view, "mostly")


def test_compare_puts_two_treatments_side_by_side(frame: Any) -> None:
    side = treatments.compare(frame, "alpha", "beta")
    assert list(side.columns) == ["Alpha <b>", "beta"]
    assert side.loc["NICE, chronic"].tolist() == ["✘ not recommended", "✘ not recommended"]
    assert side.loc[treatments.POINTS_TEXT].tolist() == ["–", "12 (8 to 16)"]
    assert list(side.index) == list(treatments.COMPARE_FIELDS)


def test_compare_html_has_row_headers_and_escapes(frame: Any) -> None:
    html = treatments.compare_html(frame, "alpha", "gamma")
    assert '<th scope="row">Certainty</th>' in html
    assert "Alpha &lt;b&gt;" in html and "<b>" not in html


def test_compare_refuses_an_unknown_treatment(frame: Any) -> None:
    with pytest.raises(ValueError, match="treatment 'omega' is not known"):
        treatments.compare(frame, "alpha", "omega")


def test_effect_rows_keeps_only_numbers_largest_first(frame: Any) -> None:
    assert list(treatments.effect_rows(frame).index) == ["beta", "gamma"]


def test_describe_filters_names_a_seed() -> None:
    assert treatments.describe_filters(None, "device", None, None, "001_bb.txt") == (
        "category: device; mentioned in seed 001"
    )
    assert "any guideline, either phase: for" in treatments.describe_filters(
        None, None, None, "for", False
    )
