"""Feedback, reveal and summary HTML (course/feedback.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from quiz_support import every_kind_bank, make_test_course

from course.feedback import (
    citation_html,
    feedback_html,
    message_html,
    reveal_html,
    short_citation,
    summary_html,
)
from course.grading import QuestionResult, check_answer, summarise
from course.models import Reference

BANK = every_kind_bank()


@pytest.fixture(autouse=True)
def test_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield make_test_course(tmp_path, monkeypatch, ["quiz_every_kind.yaml"])


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("Qaseem A, Wilt TJ, McLean RM; Clinical Guidelines Committee", "Qaseem et al. 2017"),
        ("Schwellnus MP", "Schwellnus 2017"),
        ("van der Gaag WH, Roelofs PDDM", "van der Gaag et al. 2017"),
        ("National Institute for Health and Care Excellence (NICE)", "NICE 2017"),
        ("National Guideline Centre (UK)", "National Guideline Centre 2017"),
        (
            "Sheffield Aches and Pains (NHS musculoskeletal service, Sheffield)",
            "Sheffield Aches and Pains 2017",
        ),
        ("World Health Organization", "World Health Organization 2017"),
    ],
)
def test_short_citations(authors: str, expected: str) -> None:
    assert (
        short_citation(
            Reference("K", "guideline", authors, "Title", "Venue", 2017, url="https://example.org")
        )
        == expected
    )


def test_citation_links_to_the_source_with_the_full_citation_as_title() -> None:
    html = citation_html("REF-A")
    assert html.startswith('<a href="https://doi.org/10.1000/test-a"')
    assert 'rel="noopener noreferrer"' in html
    assert 'title="Doe J, Roe R. A test guideline. Journal of Tests. 2020.' in html
    assert ">Doe et al. 2020</a>" in html


def test_an_unresolved_key_is_shown_as_the_key() -> None:
    assert citation_html("NOT-A-KEY") == "NOT-A-KEY"


def test_feedback_html_has_status_symbol_words_items_explanation_references() -> None:
    result = check_answer(
        BANK.question("ek-matching"),
        {"Item one": "Match one", "Item two": "Distractor", "Item three": "Match two"},
    )
    html = feedback_html(result)
    assert html.startswith(
        '<div class="course-feedback course-feedback-partly" role="status" aria-live="polite">'
    )
    for text in (
        "◐ Partly right",
        "Score: 67 out of 100",
        "Item two → Distractor",
        "Feedback for item two.",
        "Explanation of the matching question.",
        "References:",
        "Doe et al. 2020",
    ):
        assert text in html
    assert '<span class="course-sr">wrong:</span>' in html


def test_message_html_escapes_the_message() -> None:
    assert "&lt;b&gt;" in message_html("<b>not bold</b>")


def test_reveal_html_gives_the_answer_explanation_and_references() -> None:
    html = reveal_html(BANK.question("ek-ordering"))
    for text in (
        "The answer",
        "1. First step",
        "4. Fourth step",
        "Explanation of the ordering question.",
        "THS 2024",
    ):
        assert text in html


def test_summary_html_in_words_and_numbers() -> None:
    summary = summarise(
        "q",
        [
            QuestionResult("a", "L00-O1", True, 1.0, True, False),
            QuestionResult("b", "L00-O2", True, 0.0, False, False),
        ],
        {"L00-O2": "Know *when* to get help."},
    )
    html = summary_html(summary)
    assert "Right on the first try: 1 of 2 questions (first-try score 50 out of 100)" in html
    assert "L00-O2: Know <em>when</em> to get help." in html
    perfect = summarise("q", [QuestionResult("a", "L00-O1", True, 1.0, True, False)], {})
    assert "No objectives to review" in summary_html(perfect)
