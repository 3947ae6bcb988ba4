"""Tests for course.claims and data/seed_claims.csv (the "myth versus evidence" corrections)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from course import claims, content
from course.claims import Claim
from course.errors import ContentError
from course.models import Reference

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(os.environ.get("COURSE_SEEDS", ROOT.parent / "shared" / "seeds"))
EVIDENCE = Path(os.environ.get("COURSE_EVIDENCE", ROOT.parent / "shared" / "evidence.md"))

ALL_CLAIMS = claims.load_claims()

# News, summary and secondary pages: the course cites the primary source they summarise.
FORBIDDEN_KEYS = re.compile(
    r"^(MedTalks-ACP|GuidelineCentral-.*|MedRepublic-WHO|Medscape-.*|Pulse-.*|IHME-News"
    r"|McKnights-GBD|HFMA-NG59|NICEBites-NG59|IndPharm-.*|Devon-NG59|ESCEO-WHO|PNN-WHO|BPS-WHO"
    r"|ClinicalAdvisor-ACP|Univadis-ACP)$"
)

# Section 6 of the fact sheet: (seed number, distinctive phrase, verdicts its wording allows).
SECTION_6 = [
    ("000", "only injection therapy reduces the pain", {"wrong"}),
    ("000", "rest for 1 week", {"wrong"}),
    ("000", "there is no method to relieve muscle pain", {"wrong"}),
    ("000", "urinary incontinence", {"dangerous"}),
    ("000", "numbness in legs and feet", {"dangerous"}),
    ("000", "lying on warm sand", {"unsupported"}),
    ("000", "only thing that will stop the spasm pain is a gentle massage", {"wrong"}),
    ("001", "dehydration can trigger muscle spasms", {"unsupported"}),
    ("001", "muscle relaxants for up to 72 hrs", {"partly supported", "wrong"}),
    ("001", "reduce the spasm within 30 - 60 minutes", {"partly supported", "wrong"}),
    ("001", "if you feel a pulse", {"partly supported", "unsupported", "wrong"}),
    ("000", "shock to the waist with electricity", {"partly supported", "wrong"}),
    ("004", "last for only a few days", {"partly supported", "wrong"}),
    ("004", "use cold therapy first", {"unsupported"}),
]


def normalise(text: str) -> str:
    """Fold curly quotes and runs of whitespace so a quote matches however the seed is wrapped."""
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("″", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


def seed_text(seed: str) -> str:
    return normalise((SEEDS / seed).read_text(encoding="utf-8"))


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?][\"')]?(?:\s|$)", text))


def find(seed_number: str, phrase: str) -> list[Claim]:
    return [
        claim
        for claim in ALL_CLAIMS
        if claim.seed.startswith(seed_number) and phrase in normalise(claim.claim).lower()
    ]


def fake_reference(key: str) -> Reference:
    return Reference(key, "trial", "Doe J, Roe K", f"Title of {key}", "BMJ", 2020, doi="10.1/x")


# ------------------------------------------------------------------ the data file


def test_there_are_enough_claims_from_every_seed() -> None:
    assert len(ALL_CLAIMS) >= 24
    assert {claim.seed[:3] for claim in ALL_CLAIMS} == {"000", "001", "002", "003", "004"}


def test_ids_are_unique() -> None:
    ids = [claim.id for claim in ALL_CLAIMS]
    assert len(ids) == len(set(ids))


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
@pytest.mark.parametrize("claim", ALL_CLAIMS, ids=lambda claim: claim.id)
def test_quote_appears_in_its_seed(claim: Claim) -> None:
    assert normalise(claim.claim) in seed_text(claim.seed), (
        f"{claim.id}: the quote is not in {claim.seed}; copy it exactly from the seed"
    )


@pytest.mark.parametrize("claim", ALL_CLAIMS, ids=lambda claim: claim.id)
def test_quote_is_short_and_correction_is_one_to_four_sentences(claim: Claim) -> None:
    assert len(claim.claim.split()) <= 22, f"{claim.id}: quote only a short phrase"
    assert 1 <= sentences(claim.correction) <= 4, f"{claim.id}: write 1 to 4 sentences"


@pytest.mark.parametrize(
    ("seed_number", "phrase", "verdicts"), SECTION_6, ids=[p for _, p, _ in SECTION_6]
)
def test_every_section_6_claim_is_corrected(
    seed_number: str, phrase: str, verdicts: set[str]
) -> None:
    found = find(seed_number, phrase)
    assert found, f"no claim from seed {seed_number} quotes '{phrase}'"
    assert {claim.verdict for claim in found} <= verdicts


def test_dehydration_is_corrected_in_each_seed_that_says_it() -> None:
    assert find("000", "electrolyte imbalance")
    assert find("001", "dehydration")
    assert find("003", "electrolyte")


def test_verdicts_span_right_and_wrong() -> None:
    verdicts = {claim.verdict for claim in ALL_CLAIMS}
    assert verdicts == set(claims.VERDICTS)
    assert sum(claim.verdict == "supported" for claim in ALL_CLAIMS) >= 3


@pytest.mark.parametrize(
    "claim", [c for c in ALL_CLAIMS if c.verdict == "dangerous"], ids=lambda claim: claim.id
)
def test_dangerous_claims_route_to_emergency_care(claim: Claim) -> None:
    assert re.search(r"\bemergency\b|\burgent", claim.correction, re.IGNORECASE)


def test_lessons_are_known_and_today_s_lessons_have_claims() -> None:
    assert {claim.lesson for claim in ALL_CLAIMS} <= set(claims.lesson_ids())
    for lesson in (
        "01-lower-back-and-spasm",
        "02-causes-and-risk-factors",
        "03-symptoms-and-red-flags",
        "04-treatments",
    ):
        assert claims.claims_for(lesson)


# ------------------------------------------------------------------ references


@pytest.mark.parametrize("claim", ALL_CLAIMS, ids=lambda claim: claim.id)
def test_references_are_present_and_primary(claim: Claim) -> None:
    assert claim.references
    assert not [key for key in claim.references if FORBIDDEN_KEYS.match(key)]


@pytest.mark.skipif(not EVIDENCE.is_file(), reason=f"fact sheet not found at {EVIDENCE}")
def test_no_key_the_fact_sheet_flags_secondary() -> None:
    text = EVIDENCE.read_text(encoding="utf-8")
    secondary = set(re.findall(r"\*\*\[([^\]]+)\]\*\*\s*\(secondary", text))
    cited = {key for claim in ALL_CLAIMS for key in claim.references}
    assert secondary, "the fact sheet's format changed; update this test"
    assert not cited & secondary


@pytest.mark.skipif(
    not (ROOT / "data" / "references.yaml").is_file(), reason="data/references.yaml not written yet"
)
def test_every_reference_key_resolves() -> None:
    known = content.references()
    missing = sorted({k for claim in ALL_CLAIMS for k in claim.references} - set(known))
    assert not missing, f"add these keys to data/references.yaml or change them: {missing}"


# ------------------------------------------------------------------ loading errors


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("seed_claims_bad_verdict.csv", "not an allowed value"),
        ("seed_claims_unknown_seed.csv", "not an allowed value"),
        ("seed_claims_missing_references.csv", "'references' is missing"),
        ("seed_claims_duplicate_id.csv", "more than one claim"),
    ],
)
def test_broken_tables_raise_content_errors(empty_data: Path, fixture: str, words: str) -> None:
    shutil.copy(FIXTURES / fixture, empty_data / "seed_claims.csv")
    with pytest.raises(ContentError) as caught:
        claims.load_claims()
    assert "seed_claims.csv" in str(caught.value)
    assert words in str(caught.value)


def test_unknown_lesson_raises_content_error() -> None:
    with pytest.raises(ContentError, match="use one of"):
        claims.claims_for("99-no-such-lesson")


def test_claims_for_keeps_only_that_lesson() -> None:
    red_flags = claims.claims_for("03-symptoms-and-red-flags")
    assert {claim.lesson for claim in red_flags} == {"03-symptoms-and-red-flags"}
    assert "claim-incontinence-symptom" in [claim.id for claim in red_flags]


# ------------------------------------------------------------------ verdict labels and HTML


@pytest.mark.parametrize("verdict", list(claims.VERDICTS))
def test_verdict_label_has_a_symbol_and_words(verdict: str) -> None:
    symbol, _, words = claims.verdict_label(verdict).partition(" ")
    assert symbol and not symbol.isalpha()
    assert words.lower() == verdict


def test_unknown_verdict_label_raises() -> None:
    with pytest.raises(ContentError, match="not a known verdict"):
        claims.verdict_label("maybe")


def test_html_escapes_every_data_string() -> None:
    evil = "<script>alert(1)</script>"
    claim = Claim(
        "claim-evil", "002_50777d7faa97dcf1.txt", evil, "dangerous", evil, "04-treatments", ("K",)
    )
    ref = Reference("K", "trial", evil, evil, "BMJ", 2020, url='https://x.org/"><script>')
    page = claims.render_corrections_html([claim], cite=lambda key: ref)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert 'href="https://x.org/&quot;&gt;&lt;script&gt;"' in page


def test_card_shows_quote_seed_verdict_words_correction_and_citation() -> None:
    claim = next(c for c in ALL_CLAIMS if c.id == "claim-incontinence-symptom")
    page = claims.render_corrections_html([claim], cite=fake_reference)
    assert "<q>Urinary incontinence</q>" in page
    assert "<cite>seed 000</cite>" in page
    assert "What the seed said" in page and "What the evidence says" in page
    assert '<span aria-hidden="true">⚠</span> Dangerous' in page
    assert "Doe et al. (2020)." in page
    assert '<a href="https://doi.org/10.1/x">Title of RoyalFree-CES</a>' in page


def test_every_real_claim_renders_with_real_references() -> None:
    if not (ROOT / "data" / "references.yaml").is_file():
        pytest.skip("data/references.yaml not written yet")
    page = claims.render_corrections_html(ALL_CLAIMS)
    assert page.count("<article") == len(ALL_CLAIMS)
    for _, words in claims.VERDICTS.values():
        assert f"</span> {words}</strong>" in page


def test_no_claims_render_a_short_note() -> None:
    assert "No seed claims" in claims.render_corrections_html([])


def test_heading_level_can_follow_the_page() -> None:
    page = claims.render_corrections_html(ALL_CLAIMS[:1], cite=fake_reference, heading_level=4)
    assert "<h4>What the seed said</h4>" in page and "<h3>" not in page


@pytest.mark.parametrize(
    ("authors", "short"),
    [
        ("Qaseem A, Wilt TJ; Clinical Guidelines Committee", "Qaseem et al."),
        ("Schwellnus MP", "Schwellnus"),
        ("World Health Organization", "World Health Organization"),
        (
            "Sheffield Aches and Pains (NHS musculoskeletal service, Sheffield)",
            "Sheffield Aches and Pains",
        ),
        ("Sadler S, et al.", "Sadler et al."),
    ],
)
def test_first_author(authors: str, short: str) -> None:
    assert claims.first_author(authors) == short
