"""Tests for course/widgets/triage.py, driven through the widget's verbs and buttons."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pytest

from course import triage as rules_module
from course.triage import UnknownSignError, load_rules
from course.widgets import triage as view
from course.widgets.triage import (
    CHANGED,
    FREE_PRACTICE,
    WAITING,
    TriagePractice,
    red_flags_html,
    show_red_flags,
    show_triage,
)

RULES = load_rules()


@pytest.fixture
def practice() -> TriagePractice:
    return TriagePractice(RULES)


def test_starts_with_the_first_person_and_nothing_ticked(practice: TriagePractice) -> None:
    first = RULES.vignettes[0]
    assert practice.state == {"vignette": first.id, "ticked": [], "urgency": None}
    assert first.name in practice.story.value
    assert practice.result.value == WAITING
    assert "not a diagnosis" in practice.notice.value


def test_repr_is_short_and_stable(practice: TriagePractice) -> None:
    assert repr(practice) == "TriagePractice(vignette='sam-lifting', ticked=0, decided=None)"
    practice.tick("stiffness").decide()
    assert repr(practice) == "TriagePractice(vignette='sam-lifting', ticked=1, decided='routine')"


def test_every_sign_has_one_checkbox_labelled_with_its_text(practice: TriagePractice) -> None:
    assert list(practice.boxes) == [sign.id for sign in RULES.signs]
    for sign in RULES.signs:
        assert practice.boxes[sign.id].description == sign.text


def test_signs_are_grouped_under_category_headings(practice: TriagePractice) -> None:
    grid = next(child for child in practice.children if isinstance(child, widgets.GridBox))
    headings = [group.children[0].value for group in grid.children]
    used = [c for c in RULES.categories if RULES.signs_in(c.id)]
    assert headings == [f"<strong>{c.label}</strong>" for c in used]
    for group, category in zip(grid.children, used, strict=True):
        boxes = list(group.children[1:])
        assert boxes == [practice.boxes[sign.id] for sign in RULES.signs_in(category.id)]


def test_tick_and_decide_writes_the_result_in_words_and_a_symbol(practice: TriagePractice) -> None:
    result = practice.tick("stiffness", "muscle-tightness", "saddle-numbness").decide()
    assert result.urgency == "emergency"
    page = practice.result.value
    assert "Emergency now" in page and result.symbol in page
    assert 'aria-hidden="true"' in page
    assert view.escape(RULES.sign("saddle-numbness").why) in page
    assert "999" in page
    assert "teaching tool, not a diagnosis" in page
    assert practice.state["urgency"] == "emergency"


def test_clicking_the_button_decides(practice: TriagePractice) -> None:
    practice.tick("high-temperature")
    practice.decide_button.click()
    assert practice.state["urgency"] == "soon"
    assert "See a clinician within days" in practice.result.value


def test_an_emergency_sign_wins_whatever_else_is_ticked(practice: TriagePractice) -> None:
    practice.tick(*[sign.id for sign in RULES.signs if sign.urgency != "emergency"])
    assert practice.decide().urgency == "soon"
    practice.tick("both-legs")
    assert practice.decide().urgency == "emergency"
    assert "Also ticked, less urgent" in practice.result.value


def test_changing_ticks_marks_the_result_out_of_date(practice: TriagePractice) -> None:
    practice.tick("stiffness").decide()
    practice.untick("stiffness")
    assert practice.result.value == CHANGED
    assert practice.state["urgency"] is None
    assert practice.decide().urgency == "routine"


def test_clear_unticks_everything(practice: TriagePractice) -> None:
    practice.tick("stiffness", "weight-loss").decide()
    practice.clear_button.click()
    assert practice.state["ticked"] == [] and practice.state["urgency"] is None
    assert practice.result.value == WAITING


def test_unknown_sign_raises_and_ticks_nothing(practice: TriagePractice) -> None:
    with pytest.raises(UnknownSignError, match="did you mean 'stiffness'"):
        practice.tick("stiffness", "stifness")
    assert practice.ticked == ()


def test_choosing_a_person_shows_the_story_and_clears_ticks(practice: TriagePractice) -> None:
    practice.tick("stiffness")
    practice.choose("priya-saddle")
    assert practice.state == {"vignette": "priya-saddle", "ticked": [], "urgency": None}
    assert "Priya" in practice.story.value


def test_the_picker_drives_the_same_verb(practice: TriagePractice) -> None:
    practice.picker.value = "george-night-pain"
    assert "George" in practice.story.value
    assert practice.state["vignette"] == "george-night-pain"


def test_unknown_person_is_refused(practice: TriagePractice) -> None:
    with pytest.raises(KeyError, match="known vignettes"):
        practice.choose("nobody")


def test_the_result_compares_ticks_with_the_story(practice: TriagePractice) -> None:
    practice.choose("priya-saddle").tick("stiffness")
    practice.decide()
    page = practice.result.value
    assert "The story&#x27;s signs call for: Emergency now" in page
    assert RULES.sign("saddle-numbness").text in page
    assert RULES.vignette("priya-saddle").explanation in page


def test_finding_every_sign_is_praised(practice: TriagePractice) -> None:
    story = RULES.vignette("george-night-pain").signs
    practice.choose("george-night-pain").tick(*story)
    assert practice.decide().urgency == "soon"
    assert "You found every sign in the story." in practice.result.value


def test_free_practice_has_no_story_comparison(practice: TriagePractice) -> None:
    practice.choose(FREE_PRACTICE).tick("chest-pain")
    assert practice.decide().urgency == "emergency"
    assert "Free practice" in practice.story.value
    assert "Compare with the story" not in practice.result.value


def test_deciding_with_nothing_ticked_gives_self_care(practice: TriagePractice) -> None:
    practice.choose(FREE_PRACTICE)
    assert practice.decide().urgency == "routine"
    assert "Self-care for now" in practice.result.value
    assert "not improving" in practice.result.value


def test_show_triage_can_start_with_a_chosen_person() -> None:
    shown = show_triage("alex-months")
    assert shown.state["vignette"] == "alex-months"
    assert "Alex" in shown.story.value


def test_text_is_escaped() -> None:
    page = view.result_html(rules_module.triage(["muscle-tightness"], RULES), RULES)
    assert "&quot;in spasm&quot;" in page


def test_red_flag_table_lists_every_sign_by_urgency() -> None:
    page = red_flags_html(RULES)
    positions = [page.index(level.label) for level in RULES.urgencies]
    assert positions == sorted(positions)
    for sign in RULES.signs:
        assert view.escape(sign.text) in page
    assert page.count("<table") == 3 and page.count('scope="col"') == 12
    assert "not a diagnosis" in page


def test_show_red_flags_displays_html_with_a_short_text(monkeypatch: Any) -> None:
    shown: list[dict[str, str]] = []
    monkeypatch.setattr(view, "display", lambda bundle, raw: shown.append(bundle))
    show_red_flags()
    assert shown[0]["text/plain"] == f"Red flags: {len(RULES.signs)} signs in 3 levels of urgency"
    assert "<table" in shown[0]["text/html"]
