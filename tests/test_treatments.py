"""The treatment table (data/treatments.csv): every row, and the facts that matter for safety.

The safety facts are asserted directly against the table, so a careless edit of
a stance cell fails here with the guideline and the treatment named.
"""

from __future__ import annotations

import json
import math
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from course import claims, content, paths, treatments

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("COURSE_SEEDS", ROOT.parent / "shared" / "seeds"))
LESSON = "04-treatments"
REVIEWED_ON = date(2026, 11, 21)

# Keys of news, summary or secondary pages: never cited; the primary source is cited instead.
NOT_PRIMARY = {
    "MedTalks-ACP",
    "GuidelineCentral-ACP",
    "GuidelineCentral-WHO",
    "MedRepublic-WHO",
    "Medscape-NG59",
    "Medscape-Drugs",
    "Pulse-NG59",
    "Pulse-STarT",
    "IHME-News",
    "McKnights-GBD",
    "HFMA-NG59",
    "NICEBites-NG59",
    "IndPharm-NG59",
    "IndPharm-Pharm",
    "Devon-NG59",
    "ESCEO-WHO",
    "PNN-WHO",
    "BPS-WHO",
    "ClinicalAdvisor-ACP",
    "Univadis-ACP",
    "DCAcu-ACP",
    "2MinMed-Cashin",
    "FDA-Cyclobenzaprine",
    "NHS-BackPain-Mirror",
}

# Every treatment the issue asks for (seed articles and guidelines), by id.
REQUIRED_IDS = {
    "heat",
    "cold",
    "heat-cold-alternating",
    "bed-rest",
    "massage",
    "ointments-menthol",
    "nsaids",
    "paracetamol",
    "muscle-relaxants",
    "spinal-injections",
    "opioids",
    "tens",
    "spa-water-exercise",
    "foam-roller",
    "spinal-manipulation",
    "physiotherapy",
    "yoga",
    "tai-chi",
    "acupuncture",
    "mindfulness",
    "biofeedback",
    "laser",
    "stay-active",
    "structured-exercise",
    "multidisciplinary-rehab",
    "cbt",
    "traction",
    "ultrasound",
    "belts-braces",
    "antidepressants",
    "gabapentinoids",
    "systemic-steroids",
    "surgery-referral",
}

# Effect sizes exactly as the evidence fact sheet gives them: (points, low, high).
EFFECTS = {
    "nsaids": (7.29, 3.61, 10.98),
    "muscle-relaxants": (7.7, 3.3, 12.1),
    "paracetamol": (0.5, -1.9, 2.9),
    "structured-exercise": (15, 12, 18),
    "heat": (32.2, 25.71, 38.69),
}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    content.clear_caches()
    return content.table("treatments")


@pytest.fixture(scope="module")
def frame() -> Any:
    return treatments.treatment_frame()


def row_ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["id"] for row in rows]


def stance(frame: Any, treatment_id: str, guideline: str, phase: str) -> str:
    return treatments.stance_of(frame, treatment_id, guideline, phase)


# --- every row -----------------------------------------------------------------------------


def test_at_least_25_treatments_with_unique_ids(rows: list[dict[str, Any]]) -> None:
    ids = row_ids(rows)
    assert len(ids) >= 25
    assert len(ids) == len(set(ids))


def test_every_treatment_the_issue_lists_is_in_the_table(rows: list[dict[str, Any]]) -> None:
    assert REQUIRED_IDS - set(row_ids(rows)) == set()


def test_the_table_passes_its_check_on_its_review_day() -> None:
    assert treatments.check_treatments(today=REVIEWED_ON) == []


def test_the_table_passes_its_check_today() -> None:
    """Fails once a row is older than 24 months: the table is due for review."""
    assert treatments.check_treatments() == []


def test_schema_enums_are_the_module_constants() -> None:
    schema = json.loads(paths.schema_file("treatments").read_text(encoding="utf-8"))
    row = schema["$defs"]["row"]["properties"]
    assert tuple(schema["$defs"]["stance"]["enum"]) == treatments.STANCES
    assert tuple(row["category"]["enum"]) == treatments.CATEGORIES
    assert tuple(row["certainty"]["enum"]) == treatments.CERTAINTIES


def test_every_row_cites_only_primary_sources_that_resolve(rows: list[dict[str, Any]]) -> None:
    known = set(content.references())
    for row in rows:
        keys = set(row["references"])
        assert keys <= known, (row["id"], keys - known)
        assert not keys & NOT_PRIMARY, (row["id"], keys & NOT_PRIMARY)


@pytest.mark.parametrize("field", ["stance_notes", "effect_words", "how_it_works", "main_harms"])
def test_no_text_cell_is_empty(rows: list[dict[str, Any]], field: str) -> None:
    assert all(str(row[field]).strip() for row in rows)


def test_rows_were_reviewed_on_the_day_they_were_written(rows: list[dict[str, Any]]) -> None:
    assert {row["reviewed"] for row in rows} == {REVIEWED_ON.isoformat()}


def test_who_2023_covers_long_lasting_pain_only(frame: Any) -> None:
    assert set(frame["WHO, acute"]) == {"not addressed"}


def test_a_stance_that_could_not_be_confirmed_is_explained(rows: list[dict[str, Any]]) -> None:
    """Where press reports claim a WHO stance the course could not confirm, the notes say so."""
    for treatment_id in ("gabapentinoids", "systemic-steroids"):
        row = next(r for r in rows if r["id"] == treatment_id)
        assert row["who_chronic"] == "no recommendation"
        assert "could not confirm" in row["stance_notes"]


# --- effect sizes ------------------------------------------------------------------------


def test_effect_sizes_are_exactly_those_of_the_fact_sheet(rows: list[dict[str, Any]]) -> None:
    with_numbers = {
        row["id"]: (row["effect_points"], row["effect_low"], row["effect_high"])
        for row in rows
        if "effect_points" in row
    }
    assert with_numbers == EFFECTS


def test_the_heated_blanket_number_says_it_is_one_small_trial(rows: list[dict[str, Any]]) -> None:
    heat = next(row for row in rows if row["id"] == "heat")
    assert "one small trial" in heat["effect_context"]
    assert "90 people" in heat["effect_context"]


def test_small_effects_are_called_small_against_the_10_point_threshold(
    rows: list[dict[str, Any]],
) -> None:
    for treatment_id in ("nsaids", "muscle-relaxants"):
        row = next(r for r in rows if r["id"] == treatment_id)
        assert row["effect_points"] < treatments.IMPORTANT_POINTS
        assert "10 points" in row["effect_words"]


# --- safety facts, asserted against the table -------------------------------------------


@pytest.mark.parametrize("phase", ["acute", "chronic"])
def test_nice_does_not_recommend_paracetamol_alone(frame: Any, phase: str) -> None:
    assert stance(frame, "paracetamol", "nice", phase) == "not recommended"


@pytest.mark.parametrize("guideline", ["nice", "who"])
def test_opioids_are_not_recommended_for_chronic_pain_by_nice_and_who(
    frame: Any, guideline: str
) -> None:
    assert stance(frame, "opioids", guideline, "chronic") == "not recommended"


def test_acp_says_avoid_opioids_for_new_pain(frame: Any) -> None:
    assert stance(frame, "opioids", "acp", "acute") == "not recommended"


@pytest.mark.parametrize("phase", ["acute", "chronic"])
def test_nice_does_not_recommend_tens(frame: Any, phase: str) -> None:
    assert stance(frame, "tens", "nice", phase) == "not recommended"


def test_who_does_not_recommend_tens_for_chronic_pain(frame: Any) -> None:
    assert stance(frame, "tens", "who", "chronic") == "not recommended"


def test_acp_recommends_heat_for_acute_pain(frame: Any) -> None:
    assert stance(frame, "heat", "acp", "acute") == "recommended"


def test_acp_does_not_recommend_systemic_steroids_for_acute_pain(frame: Any) -> None:
    assert stance(frame, "systemic-steroids", "acp", "acute") == "not recommended"


def test_acupuncture_acp_for_nice_against_who_may_offer(frame: Any) -> None:
    assert stance(frame, "acupuncture", "acp", "chronic") == "recommended"
    assert stance(frame, "acupuncture", "nice", "acute") == "not recommended"
    assert stance(frame, "acupuncture", "nice", "chronic") == "not recommended"
    assert stance(frame, "acupuncture", "who", "chronic") == "option"


@pytest.mark.parametrize("phase", ["acute", "chronic"])
def test_nice_does_not_offer_spinal_injections(frame: Any, phase: str) -> None:
    assert stance(frame, "spinal-injections", "nice", phase) == "not recommended"


@pytest.mark.parametrize("treatment_id", ["traction", "ultrasound", "belts-braces"])
def test_nice_and_who_advise_against_passive_devices(frame: Any, treatment_id: str) -> None:
    assert stance(frame, treatment_id, "nice", "chronic") == "not recommended"
    assert stance(frame, treatment_id, "who", "chronic") == "not recommended"


@pytest.mark.parametrize("treatment_id", ["antidepressants", "gabapentinoids"])
def test_nice_advises_against_antidepressants_and_anticonvulsants(
    frame: Any, treatment_id: str
) -> None:
    assert stance(frame, treatment_id, "nice", "acute") == "not recommended"
    assert stance(frame, treatment_id, "nice", "chronic") == "not recommended"


def test_who_advises_against_muscle_relaxants_and_nice_makes_no_recommendation(
    frame: Any,
) -> None:
    assert stance(frame, "muscle-relaxants", "who", "chronic") == "not recommended"
    assert stance(frame, "muscle-relaxants", "nice", "acute") == "no recommendation"


def test_no_guideline_recommends_bed_rest(frame: Any) -> None:
    stances = set(frame.loc["bed-rest", treatments.stance_columns()])
    assert not stances & set(treatments.STANCE_GROUPS["for"])


def test_all_guidelines_that_speak_favour_exercise_for_chronic_pain(frame: Any) -> None:
    view = treatments.agreement_frame(frame, "chronic")
    assert view.loc["structured-exercise", "Agreement"] == "agree: for"


def test_non_invasive_acp_does_not_address_injections_or_surgery(frame: Any) -> None:
    for treatment_id in ("spinal-injections", "surgery-referral"):
        assert set(frame.loc[treatment_id, ["ACP, acute", "ACP, chronic"]]) == {"not addressed"}


def test_prescription_medicines_are_marked(frame: Any) -> None:
    for treatment_id in ("muscle-relaxants", "opioids", "antidepressants", "systemic-steroids"):
        assert frame.loc[treatment_id, "Needs a prescription"] == "yes"


# --- seeds -------------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
def test_every_seed_file_named_exists(rows: list[dict[str, Any]]) -> None:
    named = {seed for row in rows for seed in row.get("seeds", [])}
    assert named, "no row names a seed article"
    assert {path.name for path in SEEDS.glob("*.txt")} >= named


def test_seed_mentions_match_the_treatments_they_describe(frame: Any) -> None:
    assert "000" in frame.loc["tens", "Seed articles"]  # "shock to the waist with electricity"
    assert "001" in frame.loc["muscle-relaxants", "Seed articles"]
    assert "000" in frame.loc["warm-sand", "Seed articles"]


@pytest.mark.parametrize(
    "quote",
    [
        "Only injection therapy",
        "rest for 1 week",
        "no method to relieve muscle pain",
        "Lying on warm sand",
        "only thing that will stop the spasm pain is a gentle massage",
        "muscle relaxants for up to 72 hrs",
        "30 - 60 minutes",
        "shock to the waist with electricity",
        "use cold therapy first",
    ],
)
def test_the_seed_claims_on_treatment_are_corrected_in_this_lesson(quote: str) -> None:
    """Fact sheet section 6, claims 1, 2, 3, 5, 6, 8, 9, 11 and 13."""
    corrected = [claim.claim for claim in claims.claims_for(LESSON)]
    assert any(quote.lower() in text.lower() for text in corrected), quote


# --- the question bank agrees with the table ---------------------------------------------


def question(question_id: str) -> dict[str, Any]:
    bank = content.quiz_bank(LESSON)
    return next(q for q in bank["questions"] if q["id"] == question_id)


@pytest.mark.parametrize(
    ("question_id", "treatment_id"),
    [("treat-read-nsaid-points", "nsaids"), ("treat-exercise-points", "structured-exercise")],
)
def test_numeric_answers_are_read_off_the_table(
    frame: Any, question_id: str, treatment_id: str
) -> None:
    numeric = question(question_id)
    points = float(frame.loc[treatment_id, "Points less pain"])
    assert math.isclose(numeric["answer"], points, abs_tol=numeric["tolerance"])


def test_the_matching_question_gives_nices_stances_from_the_table(frame: Any) -> None:
    words = {
        "Not recommended": "not recommended",
        "Option (consider it)": "option",
        "Recommended": "recommended",
        "No recommendation": "no recommendation",
    }
    rows = {
        "TENS (electrical nerve stimulation)": "tens",
        "A group exercise programme": "structured-exercise",
        "Carrying on with normal activities": "stay-active",
        "Muscle relaxants": "muscle-relaxants",
    }
    for pair in question("treat-match-nice")["pairs"]:
        assert stance(frame, rows[pair["item"]], "nice", "chronic") == words[pair["match"]]
