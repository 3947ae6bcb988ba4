"""Tests for data/prevention.csv and its rendering: what helps recovery and prevention, and what does not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from course import content, recovery
from course.errors import ContentError
from course.widgets import recovery as view

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MEASURES = recovery.load_prevention()
BY_ID = {measure.id: measure for measure in MEASURES}

FORBIDDEN_KEYS = re.compile(
    r"^(MedTalks-ACP|GuidelineCentral-.*|MedRepublic-WHO|Medscape-.*|Pulse-.*|IHME-News"
    r"|McKnights-GBD|HFMA-NG59|NICEBites-NG59|IndPharm-.*|Devon-NG59|ESCEO-WHO|PNN-WHO|BPS-WHO"
    r"|ClinicalAdvisor-ACP|Univadis-ACP|PCMed-WalkBack)$"
)


# ------------------------------------------------------------------ every row


def test_ids_are_unique() -> None:
    ids = [measure.id for measure in MEASURES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.id)
def test_every_row_has_primary_references_that_resolve(measure: recovery.Measure) -> None:
    assert measure.references
    assert not [key for key in measure.references if FORBIDDEN_KEYS.match(key)]
    assert set(measure.references) <= set(content.references())


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.id)
def test_every_row_says_what_the_evidence_shows(measure: recovery.Measure) -> None:
    assert measure.verdict in recovery.PREVENTION_VERDICTS
    assert measure.aim in recovery.AIMS
    assert len(measure.summary) >= 40


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.id)
def test_no_evidence_found_means_the_verdict_is_unproven(measure: recovery.Measure) -> None:
    if measure.evidence == "none found":
        assert measure.verdict == "unproven"


# ------------------------------------------------------------------ what the issue asks for


@pytest.mark.parametrize("measure_id", ["belts-braces", "shoe-inserts"])
def test_belts_and_shoe_inserts_do_not_help_per_nice(measure_id: str) -> None:
    measure = BY_ID[measure_id]
    assert measure.verdict == "does not help"
    assert "NICE-NG59" in measure.references


def test_walking_programme_helps_with_the_trial_numbers() -> None:
    walking = BY_ID["walking-programme"]
    assert walking.verdict == "helps" and walking.evidence == "randomised trial"
    assert walking.references == ("Pocovi2024",)
    assert "208" in walking.summary and "112" in walking.summary


def test_exercise_helps_and_its_strength_is_stated() -> None:
    exercise = BY_ID["exercise"]
    assert exercise.verdict == "helps"
    assert "moderate certainty" in exercise.summary
    assert "guidance rather than a tested finding" in exercise.summary


@pytest.mark.parametrize("measure_id", ["lifting-technique", "sitting-and-posture"])
def test_lifting_and_sitting_advice_is_unproven(measure_id: str) -> None:
    assert BY_ID[measure_id].verdict == "unproven"


def test_bed_rest_does_not_help() -> None:
    assert BY_ID["bed-rest"].verdict == "does not help"
    assert "Cochrane-BedRest-2010" in BY_ID["bed-rest"].references


def test_measures_with_filters_and_refuses_unknown_verdicts() -> None:
    assert [m.id for m in recovery.measures_with("helps")] == [
        "walking-programme",
        "exercise",
        "staying-active",
    ]
    with pytest.raises(ContentError, match="use one of"):
        recovery.measures_with("works wonders")


# ------------------------------------------------------------------ HTML and display


def test_html_lists_every_row_helps_first_with_symbols_and_words() -> None:
    page = recovery.prevention_html(MEASURES)
    assert page.count('<tr><th scope="row"') == len(MEASURES)
    assert page.index("✔</span> Helps") < page.index("✘</span> Does not help")
    assert "<caption>" in page


def test_html_escapes_data() -> None:
    evil = "<script>alert(1)</script>"
    row = recovery.Measure("x", evil, "both", "helps", "guideline", evil + " long enough", (evil,))
    page = recovery.prevention_html([row])
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_show_prevention_displays_html_with_a_short_text(monkeypatch: Any) -> None:
    shown: list[dict[str, str]] = []
    monkeypatch.setattr(view, "display", lambda bundle, raw: shown.append(bundle))
    view.show_prevention()
    assert shown[0]["text/plain"].startswith("Prevention and recovery: 10 measures")
    assert "course-prevention" in shown[0]["text/html"]


# ------------------------------------------------------------------ broken files


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("prevention_bad_verdict.csv", "not an allowed value"),
        ("prevention_duplicate_id.csv", "more than one row"),
        ("prevention_no_references.csv", "'references' is missing"),
    ],
)
def test_broken_tables_raise_content_errors(empty_data: Path, fixture: str, words: str) -> None:
    shutil.copy(FIXTURES / fixture, empty_data / "prevention.csv")
    with pytest.raises(ContentError) as caught:
        recovery.load_prevention()
    assert "prevention.csv" in str(caught.value)
    assert words in str(caught.value)
