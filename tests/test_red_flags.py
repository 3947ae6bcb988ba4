"""Content tests over every row of data/red_flags.yaml: what the data must guarantee for safety."""

from __future__ import annotations

import re

import pytest

from course import content
from course.triage import Sign, load_rules, triage
from tests.sources import NEVER_CITED

RULES = load_rules()
SIGNS = RULES.signs


# The emergency list of the NHS back-pain page and the cauda equina pages (fact sheet 2.2 and 2.4).
REQUIRED_EMERGENCY = {
    "saddle-numbness",
    "difficulty-peeing",
    "bladder-control-loss",
    "bowel-control-loss",
    "sexual-problems",
    "both-legs",
    "worsening-weakness",
    "chest-pain",
    "serious-accident",
}

# Words that, in a sign's text, always mean an emergency (cauda equina syndrome warning signs).
EMERGENCY_WORDS = re.compile(
    r"bladder|bowel control|genitals|both legs|urin|\bpee\b|erection", re.IGNORECASE
)


def sign_id(sign: Sign) -> str:
    """Name parametrized cases after the sign."""
    return sign.id


def test_sign_ids_are_unique() -> None:
    ids = [sign.id for sign in SIGNS]
    assert len(ids) == len(set(ids))


def test_vignette_ids_are_unique() -> None:
    ids = [vignette.id for vignette in RULES.vignettes]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("sign", SIGNS, ids=sign_id)
def test_every_sign_has_references_that_resolve_to_primary_sources(sign: Sign) -> None:
    assert sign.references, f"{sign.id} has no references"
    for key in sign.references:
        assert key not in NEVER_CITED, f"{sign.id} cites {key}, a summary or secondary source"
        content.reference(key, where=f"data/red_flags.yaml: signs (id '{sign.id}')")


def test_every_urgency_level_has_references_that_resolve() -> None:
    for level in RULES.urgencies:
        assert level.references
        for key in level.references:
            assert key not in NEVER_CITED
            content.reference(key, where=f"data/red_flags.yaml: urgencies (id '{level.id}')")


@pytest.mark.parametrize("sign", SIGNS, ids=sign_id)
def test_every_why_is_one_plain_sentence(sign: Sign) -> None:
    body = sign.why.strip()
    assert body.endswith("."), f"{sign.id}: end the 'why' with a full stop"
    assert not re.search(r"[.!?]\s+[A-Z]", body), f"{sign.id}: keep 'why' to one sentence"


@pytest.mark.parametrize("sign", SIGNS, ids=sign_id)
def test_bladder_bowel_genital_and_both_leg_signs_are_emergencies(sign: Sign) -> None:
    if EMERGENCY_WORDS.search(sign.text):
        assert sign.urgency == "emergency", f"{sign.id} ({sign.text!r}) must be an emergency sign"


def test_the_nhs_and_cauda_equina_emergency_signs_are_all_emergencies() -> None:
    urgency = {sign.id: sign.urgency for sign in SIGNS}
    for required in REQUIRED_EMERGENCY:
        assert urgency.get(required) == "emergency", required


def test_every_cauda_equina_sign_is_an_emergency() -> None:
    signs = RULES.signs_in("cauda equina")
    assert len(signs) >= 6
    assert all(sign.urgency == "emergency" for sign in signs)


# ---- the seeds' wrong symptom list (seed 000) -------------------------------------------------
def test_seed_urinary_incontinence_is_an_emergency_sign() -> None:
    incontinence = RULES.sign("bladder-control-loss")
    assert "urinary incontinence" in incontinence.text.lower()
    assert incontinence.urgency == "emergency"
    assert (
        incontinence.seed_symptom is not None
        and "Urinary incontinence" in incontinence.seed_symptom
    )
    assert triage(["bladder-control-loss", "muscle-tightness"]).urgency == "emergency"


def test_seed_numbness_in_legs_is_an_emergency_sign() -> None:
    both_legs = RULES.sign("both-legs")
    assert "numbness" in both_legs.text and "both legs" in both_legs.text
    assert both_legs.urgency == "emergency"
    assert (
        both_legs.seed_symptom is not None and "Numbness in legs and feet" in both_legs.seed_symptom
    )
    assert triage(["both-legs", "stiffness", "low-back-pain"]).urgency == "emergency"


def test_every_seed_symptom_names_seed_000_and_a_quote() -> None:
    marked = [sign for sign in SIGNS if sign.seed_symptom]
    assert len(marked) >= 4
    for sign in marked:
        assert sign.seed_symptom is not None
        assert sign.seed_symptom.startswith("seed 000: '"), sign.id
        assert len(sign.seed_symptom) < 60, "quote the seeds only in short phrases"


# ---- urgency texts ---------------------------------------------------------------------
def test_emergency_action_names_the_emergency_numbers_and_department() -> None:
    action = RULES.urgency("emergency").action
    assert all(number in action for number in ("999", "112", "911"))
    assert "emergency department" in action


def test_soon_action_names_111_and_says_when_to_call_999() -> None:
    action = RULES.urgency("soon").action
    assert "111" in action and "999" in action


def test_routine_action_says_see_a_clinician_if_not_improving() -> None:
    action = RULES.urgency("routine").action
    assert "not improving" in action and "warning sign" in action


def test_disclaimer_says_teaching_tool_not_a_diagnosis() -> None:
    assert "teaching tool" in RULES.disclaimer and "not a diagnosis" in RULES.disclaimer


def test_symbols_differ_between_levels() -> None:
    symbols = [level.symbol for level in RULES.urgencies]
    labels = [level.label for level in RULES.urgencies]
    assert len(set(symbols)) == 3 and len(set(labels)) == 3


# ---- vignettes --------------------------------------------------------------------------------
EXPECTED_VIGNETTES = {
    "sam-lifting": "routine",
    "priya-saddle": "emergency",
    "george-night-pain": "soon",
    "alex-months": "soon",
}


def test_vignettes_lead_to_the_intended_urgency() -> None:
    found = {v.id: triage(v.signs).urgency for v in RULES.vignettes}
    assert found == EXPECTED_VIGNETTES


def test_vignettes_cover_every_urgency_level() -> None:
    assert set(EXPECTED_VIGNETTES.values()) == {level.id for level in RULES.urgencies}


def test_every_category_used_is_listed_and_every_listed_category_has_signs() -> None:
    listed = [category.id for category in RULES.categories]
    used = {sign.category for sign in SIGNS}
    assert used == set(listed)


def test_the_emergency_word_check_covers_the_cauda_equina_signs() -> None:
    matched = {sign.id for sign in SIGNS if EMERGENCY_WORDS.search(sign.text)}
    assert {
        "saddle-numbness",
        "difficulty-peeing",
        "bladder-control-loss",
        "bowel-control-loss",
        "sexual-problems",
        "both-legs",
    } <= matched
