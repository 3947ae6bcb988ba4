"""The risk-factor explorer, driven through its verbs and controls as a learner would."""

from __future__ import annotations

import re
from typing import Any

import pytest

from course import risk
from course.widgets.risk_explorer import RiskExplorer, show_risk_explorer


def small_frame() -> Any:
    rows = [
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
            "factor": "Beta",
            "kind": "yellow flag",
            "modifiable": True,
            "evidence": "strong",
            "what_it_does": "Beta text.",
            "references": ["K2"],
        },
        {
            "id": "c",
            "factor": "Gamma <script>",
            "kind": "specific cause",
            "modifiable": False,
            "evidence": "moderate",
            "what_it_does": "Gamma text.",
            "how_common": "About 1 in 100.",
            "references": ["K3"],
        },
    ]
    return risk.risk_frame(rows)


@pytest.fixture
def explorer() -> RiskExplorer:
    return RiskExplorer(small_frame())


def table_factors(explorer: RiskExplorer) -> list[str]:
    """Read the factor names back out of the rendered table, in order."""
    return re.findall(r"<tr>\s*<td>([^<]*)</td>", explorer.table.value)


def test_starts_with_everything_strongest_evidence_first(explorer: RiskExplorer) -> None:
    assert explorer.state == {
        "kind": None,
        "modifiable": None,
        "evidence": None,
        "text": "",
        "sort_by": "evidence",
        "ascending": False,
        "shown": 3,
        "total": 3,
        "ids": ["b", "c", "a"],
    }
    assert "Showing 3 of 3 factors" in explorer.count.value
    assert table_factors(explorer) == ["Beta", "Gamma &lt;script&gt;", "Alpha"]


def test_set_filter_narrows_table_and_count(explorer: RiskExplorer) -> None:
    explorer.set_filter(modifiable=True)
    assert explorer.state["ids"] == ["b", "a"]
    assert "Showing 2 of 3 factors" in explorer.count.value
    assert "can be changed" in explorer.count.value
    explorer.set_filter(kind="risk factor")
    assert explorer.state["ids"] == ["a"]
    assert explorer.state["modifiable"] is True, "arguments left out keep their setting"


def test_search_box_filters_as_the_learner_types(explorer: RiskExplorer) -> None:
    explorer.search.value = "SITTING"
    assert explorer.state["ids"] == ["a"]
    assert "search: &quot;SITTING&quot;" in explorer.count.value


def test_controls_drive_the_same_logic(explorer: RiskExplorer) -> None:
    explorer.kind.value = "specific cause"
    assert explorer.state["ids"] == ["c"]
    explorer.modifiable.value = "yes"
    assert explorer.state["shown"] == 0
    assert explorer.table.value == risk.NO_MATCH
    explorer.evidence.value = "strong"
    assert explorer.state["evidence"] == "strong"


def test_clear_filters_shows_everything_and_keeps_the_order(explorer: RiskExplorer) -> None:
    explorer.sort("factor", ascending=True)
    explorer.set_filter(kind="yellow flag", evidence="strong", text="beta")
    explorer.clear_filters()
    assert explorer.state["ids"] == ["a", "b", "c"]
    assert explorer.state["sort_by"] == "factor"


@pytest.mark.parametrize(
    ("by", "ascending", "expected"),
    [
        ("evidence", True, ["a", "c", "b"]),
        ("evidence", False, ["b", "c", "a"]),
        ("factor", True, ["a", "b", "c"]),
        ("factor", False, ["c", "b", "a"]),
        ("kind", True, ["a", "b", "c"]),
        ("modifiable", True, ["c", "a", "b"]),
    ],
)
def test_sort_verb_orders_the_table(
    explorer: RiskExplorer, by: str, ascending: bool, expected: list[str]
) -> None:
    explorer.sort(by, ascending)
    assert explorer.state["ids"] == expected
    assert explorer.order.value == f"{by}-{'asc' if ascending else 'desc'}"


def test_every_sort_choice_in_the_dropdown_works(explorer: RiskExplorer) -> None:
    for _label, value in explorer.order.options:
        explorer.order.value = value
        assert explorer.state["shown"] == 3


def test_unknown_values_are_refused_and_change_nothing(explorer: RiskExplorer) -> None:
    with pytest.raises(ValueError, match="kind 'red flag'"):
        explorer.set_filter(kind="red flag", modifiable=False)
    assert explorer.state["modifiable"] is None
    with pytest.raises(ValueError, match="by 'colour'"):
        explorer.sort("colour")


def test_table_is_escaped_and_readable_without_colour(explorer: RiskExplorer) -> None:
    assert "<script>" not in explorer.table.value
    assert "color" not in explorer.table.value.lower()
    assert "<th>Evidence</th>" in explorer.table.value
    assert "Evidence levels:" in explorer.legend.value


def test_repr_is_short_and_stable(explorer: RiskExplorer) -> None:
    assert repr(explorer) == "RiskExplorer(Showing 3 of 3 factors)"
    explorer.set_filter(kind="yellow flag")
    assert repr(explorer) == "RiskExplorer(Showing 1 of 3 factors)"
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == repr(explorer)
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_verbs_print_nothing(explorer: RiskExplorer, capsys: pytest.CaptureFixture[str]) -> None:
    explorer.set_filter(kind="risk factor", text="alpha")
    explorer.sort("factor")
    explorer.clear_filters()
    assert capsys.readouterr() == ("", "")


def test_real_table_yellow_flags(capsys: pytest.CaptureFixture[str]) -> None:
    explorer = RiskExplorer()
    explorer.set_filter(kind="yellow flag")
    assert explorer.state["shown"] >= 8
    assert "fear-of-movement" in explorer.state["ids"]
    assert f"Showing {explorer.state['shown']} of {explorer.state['total']} factors" in (
        explorer.count.value
    )


def test_show_risk_explorer_displays_one_explorer(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Any] = []
    monkeypatch.setattr("course.widgets.risk_explorer.display", shown.append)
    assert show_risk_explorer() is None
    assert len(shown) == 1 and isinstance(shown[0], RiskExplorer)
