"""Tests for course/recovery.py and data/recovery.yaml: the numbers lesson 06 teaches and charts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from course import content, recovery
from course.errors import ContentError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVIDENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "evidence.md"
DATA = recovery.load_recovery()

# News, summary and secondary pages: the course cites the primary source they summarise.
FORBIDDEN_KEYS = re.compile(
    r"^(MedTalks-ACP|GuidelineCentral-.*|MedRepublic-WHO|Medscape-.*|Pulse-.*|IHME-News"
    r"|McKnights-GBD|HFMA-NG59|NICEBites-NG59|IndPharm-.*|Devon-NG59|ESCEO-WHO|PNN-WHO|BPS-WHO"
    r"|ClinicalAdvisor-ACP|Univadis-ACP|PCMed-WalkBack)$"
)

# The fact sheet's numbers (sections 1.6, 3.2, 3.3): finding id -> (value, low, high).
EXPECTED = {
    "pace-median-recovery": (16, 16, 17),
    "henschke-median-disability": (31, None, None),
    "henschke-median-pain": (58, None, None),
    "henschke-work-3-months": (83, None, None),
    "henschke-recovered-1-year": (72, None, None),
    "itz-recovered-3-months": (33, None, None),
    "itz-pain-1-year": (65, 57, 71),
    "dasilva-any-recurrence": (69, None, None),
    "dasilva-care-seeking": (41, None, None),
    "dasilva-activity-limiting": (40, None, None),
    "dasilva-median-days": (139, None, None),
    "review-one-year-recurrence": (33, None, None),
    "walkback-people": (701, None, None),
    "walkback-median-walking": (208, None, None),
    "walkback-median-comparison": (112, None, None),
    "walkback-hazard-ratio": (0.72, 0.60, 0.85),
}


# ------------------------------------------------------------------ the data file


def test_cohorts_match_the_fact_sheet() -> None:
    acute, persistent = DATA.cohort("acute"), DATA.cohort("persistent")
    assert acute.weeks == persistent.weeks == (0, 6, 26, 52)
    assert acute.pain == (52, 23, 12, 6)
    assert persistent.pain == (51, 33, 26, 23)
    assert DATA.scale == (0, 100)


@pytest.mark.parametrize("finding_id", sorted(EXPECTED))
def test_findings_match_the_fact_sheet(finding_id: str) -> None:
    value, low, high = EXPECTED[finding_id]
    finding = DATA.finding(finding_id)
    assert finding.value == pytest.approx(value)
    assert (finding.low, finding.high) == (low, high)


@pytest.mark.parametrize("finding", DATA.findings, ids=lambda f: f.id)
def test_statement_says_its_number(finding: recovery.Finding) -> None:
    number = recovery.format_number(finding.value)
    assert number in finding.statement or f"{finding.value:.2f}" in finding.statement


def test_ids_are_unique_and_every_topic_is_covered() -> None:
    ids = [f.id for f in DATA.findings] + [c.id for c in DATA.cohorts]
    assert len(ids) == len(set(ids))
    assert {f.topic for f in DATA.findings} == {"recovery", "recurrence", "prevention"}


def all_reference_keys() -> set[str]:
    keys = set(DATA.references)
    keys |= {key for cohort in DATA.cohorts for key in cohort.references}
    keys |= {key for finding in DATA.findings for key in finding.references}
    return keys


def test_every_item_has_primary_references_that_resolve() -> None:
    assert all(cohort.references for cohort in DATA.cohorts)
    assert all(finding.references for finding in DATA.findings)
    keys = all_reference_keys()
    assert not [key for key in keys if FORBIDDEN_KEYS.match(key)]
    assert keys <= set(content.references())


@pytest.mark.skipif(not EVIDENCE.is_file(), reason=f"fact sheet not found at {EVIDENCE}")
def test_no_key_the_fact_sheet_flags_secondary() -> None:
    text = EVIDENCE.read_text(encoding="utf-8")
    secondary = set(re.findall(r"\*\*\[([^\]]+)\]\*\*\s*\(secondary", text))
    assert secondary and not all_reference_keys() & secondary


def test_about_keeps_file_order_and_topic() -> None:
    recurrence = DATA.about("recurrence")
    assert recurrence[0].id == "dasilva-any-recurrence"
    assert {f.topic for f in recurrence} == {"recurrence"}


# ------------------------------------------------------------------ arithmetic


def test_most_of_the_fall_comes_in_the_first_six_weeks() -> None:
    acute = DATA.cohort("acute")
    assert acute.percent_fall_by(6) == pytest.approx(100 * 29 / 52)
    assert acute.share_of_fall_by(6) == pytest.approx(100 * 29 / 46)
    assert acute.share_of_fall_by(52) == pytest.approx(100)
    persistent = DATA.cohort("persistent")
    assert persistent.percent_fall_by(6) < acute.percent_fall_by(6)


def test_pain_at_an_unmeasured_week_is_a_content_error() -> None:
    with pytest.raises(ContentError, match="measured weeks: 0, 6, 26, 52"):
        DATA.cohort("acute").pain_at(10)


@pytest.mark.parametrize(
    ("percent", "words"),
    [
        (69, "about 7 in 10"),
        (40, "4 in 10"),
        (41, "about 4 in 10"),
        (33, "about 3 in 10"),
        (0, "0 in 10"),
    ],
)
def test_in_ten(percent: float, words: str) -> None:
    assert recovery.in_ten(percent) == words


def test_walkback_delay_is_96_days() -> None:
    assert recovery.walkback_delay_days(DATA) == 96


@pytest.mark.parametrize(
    ("finding_id", "words"),
    [
        ("dasilva-any-recurrence", "69%"),
        ("pace-median-recovery", "16 to 17 days"),
        ("walkback-hazard-ratio", "0.72 (0.60 to 0.85)"),
        ("walkback-people", "701 people"),
        ("itz-pain-1-year", "65%"),
    ],
)
def test_in_words(finding_id: str, words: str) -> None:
    assert DATA.finding(finding_id).in_words == words


@pytest.mark.parametrize(
    ("kind", "unknown"), [("cohort", "chronic"), ("finding", "no-such-finding")]
)
def test_unknown_ids_raise_content_errors_listing_known_ones(kind: str, unknown: str) -> None:
    lookup = DATA.cohort if kind == "cohort" else DATA.finding
    with pytest.raises(ContentError, match="use one of") as caught:
        lookup(unknown)
    assert "recovery.yaml" in str(caught.value)


# ------------------------------------------------------------------ broken files


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("recovery_weeks_out_of_order.yaml", "weeks in increasing order"),
        ("recovery_value_outside_range.yaml", "outside its range"),
        ("recovery_missing_references.yaml", "'references' is missing"),
    ],
)
def test_broken_recovery_files_raise_content_errors(
    empty_data: Path, fixture: str, words: str
) -> None:
    shutil.copy(FIXTURES / fixture, empty_data / "recovery.yaml")
    with pytest.raises(ContentError) as caught:
        recovery.load_recovery()
    assert "recovery.yaml" in str(caught.value)
    assert words in str(caught.value)
