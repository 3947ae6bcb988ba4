"""The instructors' answer key (course/answer_key.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from quiz_support import make_test_course

from course.answer_key import render_answer_key
from course.errors import ContentError


@pytest.fixture(autouse=True)
def test_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield make_test_course(tmp_path, monkeypatch, ["quiz_every_kind.yaml", "quiz_lesson_one.yaml"])


def test_markdown_key_lists_every_question_with_answer_explanation_references() -> None:
    key = render_answer_key(None, "md")
    assert key.startswith("# Answer key: every lesson\n")
    for text in (
        "## Every kind of question (`00-every-kind`, lesson `00-start-here`)",
        "### 1. `ek-single`: single choice, objective L00-O1, difficulty 1",
        "- Right choice",
        "- Right A\n- Right B",
        "- False",
        "- 6 weeks (5.5 to 6.5 accepted)",
        "- Item three → Match two",
        "- 4. Fourth step",
        "- Marker 2 → Bottom",
        "- Part 1: What first? → Good start",
        "- Part 2: What next? → Good end",
        "Explanation of the case.",
        "- [REF-A] Doe J, Roe R. A test guideline. Journal of Tests. 2020. "
        "https://doi.org/10.1000/test-a",
        "## Lesson one quiz",
    ):
        assert text in key, text


def test_key_for_one_lesson() -> None:
    key = render_answer_key("01-lesson-one", "md")
    assert "Lesson one quiz" in key and "Every kind of question" not in key
    assert key.startswith("# Answer key: lesson 01-lesson-one")


def test_html_key_is_a_page_with_escaped_content() -> None:
    page = render_answer_key("00-start-here", "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<h3>1. <code>ek-single</code>: single choice" in page
    assert "Item three → Match two" in page
    assert "<script" not in page


def test_unknown_lesson_names_the_known_ones() -> None:
    with pytest.raises(ContentError, match="use one of: 00-start-here, 01-lesson-one"):
        render_answer_key("07-nothing", "md")


def test_unknown_format() -> None:
    with pytest.raises(ContentError, match="use md or html"):
        render_answer_key(None, "pdf")
