"""Tests for course/judging.py and data/page_checklist.yaml: scoring judgements, and the checklist."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from course import claims, content, judging
from course.errors import AnswerError, ContentError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(os.environ.get("COURSE_SEEDS", ROOT.parent / "shared" / "seeds"))
EVIDENCE = Path(os.environ.get("COURSE_EVIDENCE", ROOT.parent / "shared" / "evidence.md"))
SEED_FILES = [
    "000_26a76c70eea5af2f.txt",
    "001_11d37fe23ba99fce.txt",
    "002_50777d7faa97dcf1.txt",
    "003_e6f9aafae11c4861.txt",
    "004_2a95f418f73c09b4.txt",
]
CHECKLIST = judging.load_checklist()
QUOTES = [
    (review.seed, quote)
    for review in CHECKLIST.seeds
    for part in (*review.checks, *review.found)
    for quote in part.quotes
]
FORBIDDEN_KEYS = re.compile(
    r"^(MedTalks-ACP|GuidelineCentral-.*|MedRepublic-WHO|Medscape-.*|Pulse-.*|IHME-News"
    r"|McKnights-GBD|HFMA-NG59|NICEBites-NG59|IndPharm-.*|Devon-NG59|ESCEO-WHO|PNN-WHO|BPS-WHO"
    r"|ClinicalAdvisor-ACP|Univadis-ACP)$"
)


def normalise(text: str) -> str:
    """Fold curly quotes, primes and runs of whitespace (as tests/test_claims.py does)."""
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("″", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


def seed_text(seed: str) -> str:
    return normalise((SEEDS / seed).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ judging claims


@pytest.mark.parametrize(
    ("chosen", "actual", "credit", "closeness"),
    [
        ("wrong", "wrong", 1.0, "exact"),
        ("unsupported", "wrong", 0.5, "close"),
        ("dangerous", "wrong", 0.5, "close"),
        ("supported", "wrong", 0.0, "far"),
        ("supported", "dangerous", 0.0, "far"),
        ("partly supported", "supported", 0.5, "close"),
    ],
)
def test_credit_follows_the_distance_on_the_scale(
    chosen: str, actual: str, credit: float, closeness: str
) -> None:
    judgement = judging.judge_verdict("claim-x", chosen, actual)
    assert judgement.credit == credit and judgement.closeness == closeness


def test_the_scale_runs_from_supported_to_dangerous() -> None:
    assert judging.SCALE == ("supported", "partly supported", "unsupported", "wrong", "dangerous")
    assert set(judging.VERDICT_MEANINGS) == set(judging.SCALE)


@pytest.mark.parametrize(
    ("chosen", "trusted"),
    [("supported", True), ("partly supported", True), ("unsupported", False), ("wrong", False)],
)
def test_trusting_a_dangerous_claim_is_flagged(chosen: str, trusted: bool) -> None:
    assert judging.judge_verdict("claim-x", chosen, "dangerous").trusted_danger is trusted


def test_an_unknown_verdict_is_refused_with_the_five_listed() -> None:
    with pytest.raises(AnswerError, match="supported, partly supported, unsupported"):
        judging.judge_verdict("claim-x", "probably fine", "wrong")


def test_judge_compares_with_the_claims_verdict() -> None:
    claim = next(c for c in claims.load_claims() if c.id == "claim-incontinence-symptom")
    assert judging.judge(claim, "dangerous").credit == 1.0
    assert judging.judge(claim, "supported").trusted_danger


def test_score_adds_up_and_says_so_in_words() -> None:
    judgements = [
        judging.judge_verdict("a", "wrong", "wrong"),
        judging.judge_verdict("b", "unsupported", "wrong"),
        judging.judge_verdict("c", "supported", "dangerous"),
    ]
    score = judging.score_judgements(judgements, total=40)
    assert (score.checked, score.exact, score.close, score.far) == (3, 1, 1, 1)
    assert score.points == 1.5 and score.percent == pytest.approx(50)
    assert score.trusted_dangers == ("c",)
    assert score.summary == (
        "Checked 3 of 40 claims: 1 exactly right, 1 one step away, 1 further off. "
        "Score 1.5 out of 3 (50%)."
    )


def test_an_empty_score() -> None:
    score = judging.score_judgements([], total=40)
    assert score.percent == 0 and score.summary == "No claims checked yet (0 of 40)."


def test_every_seed_claim_has_a_verdict_and_references() -> None:
    for claim in claims.load_claims():
        assert claim.verdict in judging.SCALE
        assert claim.references


def test_the_quiz_matching_question_agrees_with_the_claims_table() -> None:
    bank = content.quiz_bank("07-judging-health-information")
    question = next(q for q in bank["questions"] if q["id"] == "judge-verdict-match")
    all_claims = claims.load_claims()
    for pair in question["pairs"]:
        quoted = re.search(r'"(.+?)"', pair["item"])
        assert quoted, pair["item"]
        found = [c for c in all_claims if normalise(quoted.group(1)) in normalise(c.claim)]
        assert found, f"no claim quotes {quoted.group(1)!r}"
        assert {c.verdict for c in found} == {pair["match"].lower()}


# ------------------------------------------------------------------ the checklist data


def test_the_checklist_asks_the_five_questions_of_the_issue() -> None:
    assert [item.id for item in CHECKLIST.items] == [
        "author",
        "evidence",
        "date",
        "conflicts",
        "seek-care",
    ]


def test_every_seed_has_a_worked_example_answering_every_question_once() -> None:
    assert [review.seed for review in CHECKLIST.seeds] == SEED_FILES
    for review in CHECKLIST.seeds:
        assert [check.item for check in review.checks] == [item.id for item in CHECKLIST.items]


def test_the_three_signs_of_the_issue_are_found_where_the_issue_says() -> None:
    found = {(review.seed[:3], f.sign) for review in CHECKLIST.seeds for f in review.found}
    assert {("003", "machine-translation"), ("002", "unrelated-links")} <= found
    assert {sign for _, sign in found} >= {
        "repeated-keywords",
        "machine-translation",
        "unrelated-links",
    }
    quotes_003 = [q for f in CHECKLIST.review("003").found for q in f.quotes]
    assert any("fits" in quote for quote in quotes_003)
    quotes_002 = [q for f in CHECKLIST.review("002").found for q in f.quotes]
    assert any(quote.startswith("You may also like to watch") for quote in quotes_002)


def test_every_seed_shows_at_least_two_signs_and_every_sign_is_used() -> None:
    for review in CHECKLIST.seeds:
        assert len({f.sign for f in review.found}) >= 2, review.label
    used = {f.sign for review in CHECKLIST.seeds for f in review.found}
    assert used == {sign.id for sign in CHECKLIST.signs}


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
@pytest.mark.parametrize(("seed", "quote"), QUOTES, ids=[f"{s[:3]}-{q[:30]}" for s, q in QUOTES])
def test_every_quote_appears_exactly_in_its_seed(seed: str, quote: str) -> None:
    assert normalise(quote) in seed_text(seed), f"not in {seed}: copy the quote exactly"


@pytest.mark.parametrize(("seed", "quote"), QUOTES, ids=[f"{s[:3]}-{q[:30]}" for s, q in QUOTES])
def test_quotes_are_short(seed: str, quote: str) -> None:
    assert len(quote.split()) <= 20


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
def test_keyword_counts_match_the_seeds() -> None:
    counted = [(review.seed, f) for review in CHECKLIST.seeds for f in review.found if f.keyword]
    assert counted
    for seed, found in counted:
        pattern = re.compile(rf"\b{re.escape(found.keyword or '')}", re.IGNORECASE)
        assert len(pattern.findall(seed_text(seed))) == found.count, (seed, found.keyword)
        assert str(found.count) in found.note or found.sign != "repeated-keywords"


def checklist_keys() -> set[str]:
    keys = {key for item in CHECKLIST.items for key in item.references}
    return keys | {key for r in CHECKLIST.seeds for c in r.checks for key in c.references}


def test_references_resolve_and_are_primary() -> None:
    keys = checklist_keys()
    assert keys and keys <= set(content.references())
    assert not [key for key in keys if FORBIDDEN_KEYS.match(key)]


@pytest.mark.skipif(not EVIDENCE.is_file(), reason=f"fact sheet not found at {EVIDENCE}")
def test_no_key_the_fact_sheet_flags_secondary() -> None:
    secondary = set(re.findall(r"\*\*\[([^\]]+)\]\*\*\s*\(secondary", EVIDENCE.read_text()))
    assert secondary and not checklist_keys() & secondary


def test_the_seek_care_findings_of_the_dangerous_page_name_the_emergency_sources() -> None:
    check = CHECKLIST.review("000").check("seek-care")
    assert check.answer == "no"
    assert {"RoyalFree-CES", "Sheffield-NHS-BackPain"} <= set(check.references)


def test_points_and_review_lookup() -> None:
    assert CHECKLIST.review("002").points == 1.5
    assert CHECKLIST.review("000_26a76c70eea5af2f.txt").points == 0
    with pytest.raises(ContentError, match="use one of"):
        CHECKLIST.review("009")


# ------------------------------------------------------------------ broken files


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("page_checklist_missing_answer.yaml", "answers 'evidence' 0 times"),
        ("page_checklist_unknown_sign.yaml", "unknown sign 'keyword-stuffing'"),
        ("page_checklist_bad_answer.yaml", "not an allowed value"),
    ],
)
def test_broken_checklists_raise_content_errors(empty_data: Path, fixture: str, words: str) -> None:
    shutil.copy(FIXTURES / fixture, empty_data / "page_checklist.yaml")
    with pytest.raises(ContentError) as caught:
        judging.load_checklist()
    assert "page_checklist.yaml" in str(caught.value)
    assert words in str(caught.value)


# ------------------------------------------------------------------ HTML


def test_checklist_html_has_the_questions_the_table_and_every_worked_example() -> None:
    page = judging.checklist_html(CHECKLIST)
    assert page.count("<li><strong>") >= len(CHECKLIST.items)
    assert page.count('<tr><th scope="row"') == len(CHECKLIST.seeds)
    assert page.count('class="course-checklist-seed"') == len(CHECKLIST.seeds)
    assert '<span aria-hidden="true">✘</span> No' in page
    assert "<cite>seed 002</cite>" in page


def test_checklist_html_for_one_seed() -> None:
    page = judging.checklist_html(CHECKLIST, seed="004")
    assert page.count('class="course-checklist-seed"') == 1 and "Seed 004" in page


def test_signs_html_lists_every_sign_with_quotes() -> None:
    page = judging.signs_html(CHECKLIST)
    for sign in CHECKLIST.signs:
        assert f"<h4>{sign.name}</h4>" in page
    assert "<q>You may also like to watch : Who Is Kamala Harris?</q>" in page


def test_html_escapes_every_data_string() -> None:
    evil = "<script>x</script>"
    checklist = judging.Checklist(
        (judging.ChecklistItem("author", evil, evil, evil),),
        (judging.Sign("repeated-keywords", evil, evil),),
        (
            judging.SeedReview(
                SEED_FILES[0],
                evil,
                (judging.Check("author", "no", evil, (evil,), (evil,)),),
                (judging.Found("repeated-keywords", evil, (evil,)),),
            ),
        ),
    )
    for page in (judging.checklist_html(checklist), judging.signs_html(checklist)):
        assert "<script>" not in page and "&lt;script&gt;" in page
