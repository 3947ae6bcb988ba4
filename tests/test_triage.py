"""Tests for course/triage.py: the triage rules are the maximum urgency, and emergency always wins.

The safety invariant, "any combination that contains an emergency sign yields
emergency", is checked exhaustively over every subset of the emergency signs
crossed with every subset of a handful of other signs, and by hypothesis over
tens of thousands of random combinations of all the signs.
"""

from __future__ import annotations

import copy
from itertools import chain, combinations
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import content, loading, paths
from course.errors import ContentError
from course.triage import (
    Rules,
    UnknownSignError,
    build_rules,
    check_vignette,
    load_rules,
    most_urgent,
    triage,
)

RULES = load_rules()
ALL_IDS = [sign.id for sign in RULES.signs]
EMERGENCY_IDS = [sign.id for sign in RULES.signs_with("emergency")]
SOON_IDS = [sign.id for sign in RULES.signs_with("soon")]
ROUTINE_IDS = [sign.id for sign in RULES.signs_with("routine")]
# A handful of non-emergency signs from several categories, crossed with every emergency subset.
OTHERS = [
    "high-temperature",
    "cancer-history",
    "one-leg-numbness",
    "inflammatory-pattern",
    "stiffness",
    "muscle-tightness",
]


def subsets(items: list[str]) -> list[tuple[str, ...]]:
    """Every subset of ``items``, the empty one included."""
    return list(chain.from_iterable(combinations(items, size) for size in range(len(items) + 1)))


def expected_urgency(sign_ids: set[str], rules: Rules = RULES) -> str:
    """The most urgent level among the signs, computed independently of ``triage``."""
    levels = {rules.sign(sign_id).urgency for sign_id in sign_ids}
    for level in ("emergency", "soon", "routine"):
        if level in levels:
            return level
    return "routine"


def raw_document() -> dict[str, Any]:
    """A deep copy of the real data file, to break on purpose."""
    return copy.deepcopy(content.document("red_flags"))


# ---- the data gives the levels in the right order ----------------------------------------
def test_urgency_levels_are_ordered_most_urgent_first() -> None:
    assert [level.id for level in RULES.urgencies] == ["emergency", "soon", "routine"]
    assert [RULES.rank(level) for level in ("emergency", "soon", "routine")] == [0, 1, 2]


def test_every_level_has_signs() -> None:
    assert EMERGENCY_IDS and SOON_IDS and ROUTINE_IDS
    assert len(EMERGENCY_IDS) + len(SOON_IDS) + len(ROUTINE_IDS) == len(ALL_IDS)


# ---- exhaustive -----------------------------------------------------------------------------
def test_exhaustive_emergency_subsets_crossed_with_others() -> None:
    """Every subset of the emergency signs, with every subset of six other signs."""
    assert len(EMERGENCY_IDS) <= 12, "keep the exhaustive product small enough to run quickly"
    checked = 0
    for emergency in subsets(EMERGENCY_IDS):
        for others in subsets(OTHERS):
            ticked = set(emergency) | set(others)
            result = triage(ticked, RULES)
            if emergency:
                assert result.urgency == "emergency", ticked
                assert {reason.sign_id for reason in result.reasons} == set(emergency)
                assert set(result.also_ticked) == set(others)
            else:
                assert result.urgency == expected_urgency(ticked), ticked
            checked += 1
    assert checked == 2 ** len(EMERGENCY_IDS) * 2 ** len(OTHERS)


def test_exhaustive_every_single_sign_and_every_pair() -> None:
    for sign_id in ALL_IDS:
        assert triage([sign_id], RULES).urgency == RULES.sign(sign_id).urgency
    for first, second in combinations(ALL_IDS, 2):
        assert triage([first, second], RULES).urgency == expected_urgency({first, second})


def test_exhaustive_without_an_emergency_sign_never_emergency() -> None:
    """Every subset of eight "soon" signs and all "routine" signs: never an emergency."""
    pool = [*SOON_IDS[:8], *ROUTINE_IDS]
    for ticked in subsets(pool):
        result = triage(ticked, RULES)
        assert result.urgency != "emergency"
        assert result.urgency == expected_urgency(set(ticked))


# ---- property-based ----------------------------------------------------------------------
def pick(ids: list[str], mask: int) -> set[str]:
    """The subset of ``ids`` whose bits are set in ``mask``."""
    return {sign_id for bit, sign_id in enumerate(ids) if mask >> bit & 1}


NON_EMERGENCY_IDS = SOON_IDS + ROUTINE_IDS
# Subsets as bit masks: fast to draw, and every combination of signs is reachable.
emergency_masks = st.integers(0, 2 ** len(EMERGENCY_IDS) - 1)
other_masks = st.integers(0, 2 ** len(NON_EMERGENCY_IDS) - 1)


@settings(max_examples=10_000, deadline=None)
@given(emergency_masks, other_masks)
def test_result_is_the_maximum_urgency(emergency_mask: int, other_mask: int) -> None:
    ticked = pick(EMERGENCY_IDS, emergency_mask) | pick(NON_EMERGENCY_IDS, other_mask)
    result = triage(ticked, RULES)
    assert result.urgency == expected_urgency(ticked)
    if emergency_mask:
        assert result.urgency == "emergency"
    deciding = {sign_id for sign_id in ticked if RULES.sign(sign_id).urgency == result.urgency}
    assert {reason.sign_id for reason in result.reasons} == deciding
    assert set(result.also_ticked) == ticked - deciding
    assert "not a diagnosis" in result.disclaimer


@settings(max_examples=10_000, deadline=None)
@given(st.integers(1, 2 ** len(EMERGENCY_IDS) - 1), other_masks)
def test_any_combination_with_an_emergency_sign_is_an_emergency(
    emergency_mask: int, other_mask: int
) -> None:
    emergency = pick(EMERGENCY_IDS, emergency_mask)
    result = triage(emergency | pick(NON_EMERGENCY_IDS, other_mask), RULES)
    assert result.urgency == "emergency"
    assert {reason.sign_id for reason in result.reasons} == emergency
    assert "999" in result.action


any_signs = st.sets(st.sampled_from(ALL_IDS))


@settings(max_examples=1_000, deadline=None)
@given(st.lists(st.sampled_from(ALL_IDS)), st.randoms())
def test_order_and_repeats_do_not_matter(ticked: list[str], random: Any) -> None:
    shuffled = ticked * 2
    random.shuffle(shuffled)
    assert triage(ticked, RULES) == triage(shuffled, RULES)


@settings(max_examples=1_000, deadline=None)
@given(any_signs, any_signs)
def test_adding_signs_never_lowers_the_urgency(first: set[str], more: set[str]) -> None:
    before = triage(first, RULES)
    after = triage(first | more, RULES)
    assert RULES.rank(after.urgency) <= RULES.rank(before.urgency)


# ---- results ----------------------------------------------------------------------------------
def test_no_sign_gives_self_care_and_see_a_clinician_if_not_improving() -> None:
    result = triage([], RULES)
    assert result.urgency == "routine"
    assert result.reasons == ()
    assert result.message == RULES.no_sign_reason
    assert "not improving" in result.action
    assert "not a diagnosis" in result.disclaimer


def test_emergency_result_says_what_to_do_in_words_and_a_symbol() -> None:
    result = triage(["bladder-control-loss", "stiffness"], RULES)
    assert result.label == "Emergency now"
    assert result.symbol
    assert all(number in result.action for number in ("999", "112", "911"))
    summary = result.summary()
    assert summary.startswith(f"{result.symbol} Emergency now")
    assert RULES.sign("bladder-control-loss").why in summary
    assert result.disclaimer in summary


def test_result_references_cover_the_level_and_the_deciding_signs() -> None:
    result = triage(["high-temperature", "stiffness"], RULES)
    assert set(RULES.urgency("soon").references) <= set(result.references)
    assert set(RULES.sign("high-temperature").references) <= set(result.references)
    assert len(result.references) == len(set(result.references))


def test_one_string_is_one_sign_id() -> None:
    assert triage("saddle-numbness", RULES).urgency == "emergency"


def test_unknown_sign_raises_a_clear_error_with_a_suggestion() -> None:
    with pytest.raises(UnknownSignError, match=r"unknown sign id 'saddle-numb'.*saddle-numbness"):
        triage(["stiffness", "saddle-numb"], RULES)
    with pytest.raises(ValueError, match=r"data/red_flags\.yaml"):
        triage(["no-such-thing"], RULES)


def test_most_urgent_with_no_levels_is_the_least_urgent() -> None:
    assert most_urgent([], RULES) == "routine"
    assert most_urgent(["soon", "routine"], RULES) == "soon"


# ---- vignettes ---------------------------------------------------------------------------------
def test_check_vignette_reports_missed_and_extra_signs() -> None:
    check = check_vignette("priya-saddle", ["stiffness", "fragile-bones-fall"], RULES)
    assert check.expected == "emergency"
    assert check.decided == "soon"
    assert not check.right_urgency
    assert set(check.missed) == {"low-back-pain", "saddle-numbness", "difficulty-peeing"}
    assert check.extra == ("fragile-bones-fall",)
    assert not check.all_signs_found


def test_check_vignette_all_found() -> None:
    story = RULES.vignette("sam-lifting").signs
    check = check_vignette("sam-lifting", story, RULES)
    assert check.right_urgency and check.all_signs_found


def test_unknown_vignette_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="sam-lifting"):
        check_vignette("nobody", [], RULES)


# ---- rules that the schema cannot check ------------------------------------------------------
def test_duplicate_sign_id_is_a_content_error() -> None:
    raw = raw_document()
    raw["signs"].append(dict(raw["signs"][0]))
    with pytest.raises(ContentError, match=r"signs \(id 'saddle-numbness'\): the id is used twice"):
        build_rules(raw)


def test_vignette_with_unknown_sign_is_a_content_error() -> None:
    raw = raw_document()
    raw["vignettes"][0]["signs"].append("stiffnes")
    with pytest.raises(ContentError, match="did you mean 'stiffness'"):
        build_rules(raw)


def test_sign_in_an_unlisted_category_is_a_content_error() -> None:
    raw = raw_document()
    raw["categories"] = [c for c in raw["categories"] if c["id"] != "infection"]
    with pytest.raises(ContentError, match="category 'infection'"):
        build_rules(raw)


def test_schema_refuses_urgency_levels_out_of_order() -> None:
    raw = raw_document()
    raw["urgencies"][0], raw["urgencies"][1] = raw["urgencies"][1], raw["urgencies"][0]
    with pytest.raises(ContentError, match="urgencies"):
        loading.validate(raw, "red_flags", paths.data_dir() / "red_flags.yaml")


def test_schema_refuses_a_sign_without_references() -> None:
    raw = raw_document()
    raw["signs"][0]["references"] = []
    with pytest.raises(ContentError, match="references"):
        loading.validate(raw, "red_flags", paths.data_dir() / "red_flags.yaml")


def test_rules_follow_the_data_file(course_copy: Any) -> None:
    """Changing a sign's urgency in the data changes the decision: the rules live in the data."""
    path = course_copy / "data" / "red_flags.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "  - id: stiffness\n    text: Stiffness, or finding it hard to bend or turn\n"
    assert marker in text
    changed = text.replace(
        marker + "    category: simple back pain\n    urgency: routine",
        marker + "    category: simple back pain\n    urgency: soon",
    )
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    content.clear_caches()
    assert triage(["stiffness"]).urgency == "soon"
