"""Lesson 04's widgets, driven through their verbs and controls as a learner would."""

from __future__ import annotations

import re
from typing import Any

import pytest

import course
from course import treatments
from course.widgets.treatments import (
    GuidelineAgreement,
    TreatmentComparison,
    TreatmentExplorer,
    compare_treatments,
    show_guideline_agreement,
    show_treatments,
)


@pytest.fixture(scope="module")
def frame() -> Any:
    return treatments.treatment_frame()


def shown_names(html: str) -> list[str]:
    """The treatment names in the first column of a rendered table, in order."""
    return re.findall(r'<td class="data row\d+ col0" >([^<]*)</td>', html)


# --- the comparison table ----------------------------------------------------------------


def test_explorer_starts_with_every_treatment_for_new_pain(frame: Any) -> None:
    explorer = TreatmentExplorer(frame)
    state = explorer.state
    assert state["phase"] == "acute"
    assert state["shown"] == state["total"] == len(frame)
    assert f"Showing {len(frame)} of {len(frame)} treatments" in explorer.count.value
    assert "ACP, acute" in explorer.table.value and "ACP, chronic" not in explorer.table.value
    assert repr(explorer) == f"TreatmentExplorer(Showing {len(frame)} of {len(frame)} treatments)"


def test_nice_do_not_offer_list_for_chronic_pain(frame: Any) -> None:
    explorer = TreatmentExplorer(frame)
    explorer.set_filter(phase="chronic", guideline="nice", stance="against")
    ids = set(explorer.state["ids"])
    assert {"tens", "paracetamol", "opioids", "acupuncture", "belts-braces"} <= ids
    assert "structured-exercise" not in ids
    assert all(treatments.stance_of(frame, i, "nice", "chronic") == "not recommended" for i in ids)
    assert "NICE, chronic" in explorer.table.value and "ACP, chronic" not in explorer.table.value
    assert "against" in explorer.count.value


def test_changing_a_control_redraws_the_table(frame: Any) -> None:
    explorer = TreatmentExplorer(frame)
    before = explorer.table.value
    explorer.category.value = "medicine"
    assert explorer.table.value != before
    assert set(explorer.state["ids"]) == set(frame.index[frame["Category"] == "medicine"])


def test_seed_filter_and_clear(frame: Any) -> None:
    explorer = TreatmentExplorer(frame)
    explorer.set_filter(seed="001")
    assert "muscle-relaxants" in explorer.state["ids"]
    assert "cbt" not in explorer.state["ids"]
    explorer.set_filter(seed=False)
    assert "cbt" in explorer.state["ids"] and "heat" not in explorer.state["ids"]
    explorer.clear_filters()
    assert explorer.state["shown"] == len(frame)
    assert explorer.state["seed"] is None


def test_both_phases_show_six_stance_columns(frame: Any) -> None:
    explorer = TreatmentExplorer(frame)
    explorer.set_filter(phase=None)
    assert explorer.state["phase"] is None
    for column in treatments.stance_columns():
        assert column in explorer.table.value


def test_sort_by_effect_puts_numbers_first(frame: Any) -> None:
    explorer = TreatmentExplorer(frame)
    explorer.sort("effect")
    assert explorer.state["ids"][:5] == list(treatments.effect_rows(frame).index)
    assert shown_names(explorer.table.value)[0].startswith("Superficial heat")


def test_bad_values_raise_and_change_nothing(frame: Any) -> None:
    explorer = TreatmentExplorer(frame)
    explorer.set_filter(category="device")
    with pytest.raises(ValueError):
        explorer.set_filter(category="medicine", guideline="cdc")
    assert explorer.state["category"] == "device"
    assert explorer.state["guideline"] is None
    with pytest.raises(ValueError):
        explorer.sort("colour")


def test_no_match_says_so(frame: Any) -> None:
    explorer = TreatmentExplorer(frame)
    explorer.set_filter(category="device", guideline="acp", stance="recommended", phase="acute")
    assert explorer.state["shown"] == 0
    assert explorer.table.value == treatments.NO_MATCH


def test_the_legend_explains_the_symbols_and_the_threshold(frame: Any) -> None:
    legend = TreatmentExplorer(frame).legend.value
    for stance in treatments.STANCES:
        assert treatments.stance_label(stance) in legend
    assert "10 points" in legend


# --- the agreement view ------------------------------------------------------------------


def test_agreement_view_for_chronic_pain(frame: Any) -> None:
    view = GuidelineAgreement(frame)
    state = view.state
    assert state["phase"] == "chronic" and state["shown"] == len(frame)
    assert sum(state["counts"].values()) == len(frame)
    assert "For long-lasting pain" in view.summary.value
    assert repr(view) == f"GuidelineAgreement(phase='chronic', shown={len(frame)})"


def test_agreement_view_shows_the_disagreements_with_reasons(frame: Any) -> None:
    view = GuidelineAgreement(frame)
    view.show_level("differ")
    assert "acupuncture" in view.state["ids"]
    assert "reversing its 2009 advice" in view.table.value
    view.set_phase("acute")
    assert view.state["level"] == "differ"
    assert view.state["ids"] == [
        i for i in view.state["ids"] if i in {"acupuncture", "opioids", "muscle-relaxants"}
    ]
    view.show_level(None)
    assert view.state["shown"] == len(frame)
    with pytest.raises(ValueError):
        view.set_phase("subacute")


# --- compare two -------------------------------------------------------------------------


def test_compare_two_and_swap(frame: Any) -> None:
    comparison = TreatmentComparison("heat", "paracetamol", frame)
    assert comparison.state == {"first": "heat", "second": "paracetamol"}
    assert "✘ not recommended" in comparison.table.value
    comparison.choose(second="nsaids")
    assert "NSAIDs" in comparison.table.value and "Paracetamol" not in comparison.table.value
    comparison.swap()
    assert comparison.state == {"first": "nsaids", "second": "heat"}
    assert repr(comparison) == "TreatmentComparison('nsaids' and 'heat')"


def test_compare_refuses_unknown_ids(frame: Any) -> None:
    with pytest.raises(ValueError, match="is not known"):
        TreatmentComparison("heat", "snake-oil", frame)
    comparison = TreatmentComparison(frame=frame)
    with pytest.raises(ValueError):
        comparison.choose(first="snake-oil")
    assert comparison.state["first"] == "heat"


def test_dropdown_changes_redraw_the_comparison(frame: Any) -> None:
    comparison = TreatmentComparison(frame=frame)
    comparison.first.value = "tens"
    assert "TENS" in comparison.table.value


# --- notebook verbs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verb", "args", "text"),
    [
        (show_treatments, (), "TreatmentExplorer(Showing"),
        (show_guideline_agreement, (), "GuidelineAgreement(phase='chronic'"),
        (
            compare_treatments,
            ("acupuncture", "tens"),
            "TreatmentComparison('acupuncture' and 'tens')",
        ),
    ],
)
def test_verbs_display_one_widget_with_a_short_text(
    monkeypatch: pytest.MonkeyPatch, verb: Any, args: tuple[str, ...], text: str
) -> None:
    shown: list[Any] = []
    monkeypatch.setattr("course.widgets.treatments.display", shown.append)
    verb(*args)
    [widget] = shown
    assert repr(widget).startswith(text)
    assert widget._repr_mimebundle_()["text/plain"] == repr(widget)


def test_the_notebook_verbs_are_exported() -> None:
    for name in (
        "show_treatments",
        "show_guideline_agreement",
        "compare_treatments",
        "treatment_table",
    ):
        assert name in course.__all__
    assert len(course.treatment_table()) >= 25
