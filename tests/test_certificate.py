"""The printable certificate (course/certificate.py): escaped name, file written, print styles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from course.assessment import AssessmentResult
from course.certificate import (
    MAX_NAME_LENGTH,
    certificate_file_name,
    certificate_html,
    clean_name,
    long_date,
    write_certificate,
)
from course.errors import AnswerError

DAY = date(2026, 11, 21)
HOSTILE = """Ada <script>alert("x")</script> O'Brien & <img src=x onerror='y'>"""


def result(
    score: float = 0.85, passed: bool = True, title: str = "Lower back spasms"
) -> AssessmentResult:
    return AssessmentResult(
        learner="ada",
        course_title=title,
        score=score,
        pass_mark=0.7,
        passed=passed,
        answered=30,
        total=30,
        by_objective=(),
        day=DAY,
    )


def test_the_name_is_escaped_and_never_becomes_markup() -> None:
    page = certificate_html(HOSTILE, result())
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "onerror='y'" not in page
    assert (
        "Ada &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#x27;Brien &amp; "
        "&lt;img src=x onerror=&#x27;y&#x27;&gt;"
    ) in page


def test_the_course_title_is_escaped_too() -> None:
    page = certificate_html("Ada", result(title='Backs & "spasms" <b>'))
    assert (
        "<title>Certificate of completion: Backs &amp; &quot;spasms&quot; &lt;b&gt;</title>" in page
    )
    assert "<h1>Backs &amp; &quot;spasms&quot; &lt;b&gt;</h1>" in page


def test_the_page_shows_name_course_date_and_score() -> None:
    page = certificate_html("Ada Lovelace", result(score=0.85))
    assert '<p class="name">Ada Lovelace</p>' in page
    assert "<h1>Lower back spasms</h1>" in page
    assert '<time datetime="2026-11-21">21 November 2026</time>' in page
    assert "Score: 85 out of 100 (pass mark 70)" in page
    assert "not medical advice and not a clinical qualification" in page


def test_the_page_has_a_print_stylesheet_and_no_scripts_or_outside_files() -> None:
    page = certificate_html("Ada", result())
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "@media print" in page and "@page" in page and "landscape" in page
    assert "<script" not in page and "http" not in page and "<link" not in page


def test_the_certificate_is_written_to_the_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_OUTPUT", str(tmp_path / "out"))
    path = write_certificate(HOSTILE, result())
    assert path.parent == tmp_path / "out"
    assert path.name == "certificate-ada-script-alert-x-script-o-brien-img-sr-2026-11-21.html"
    text = path.read_text(encoding="utf-8")
    assert text == certificate_html(HOSTILE, result())
    assert "<script" not in text


def test_the_certificate_can_go_to_a_chosen_folder(tmp_path: Path) -> None:
    path = write_certificate("Zoë Ødegaard", result(), folder=tmp_path / "certs")
    assert path == tmp_path / "certs" / "certificate-zoe-degaard-2026-11-21.html"
    assert "Zoë Ødegaard" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada", "certificate-ada-2026-11-21.html"),
        ("../../etc/passwd", "certificate-etc-passwd-2026-11-21.html"),
        ("<>\"'", "certificate-learner-2026-11-21.html"),
        ("李雷", "certificate-learner-2026-11-21.html"),
        ("A" * 80, f"certificate-{'a' * 40}-2026-11-21.html"),
    ],
)
def test_file_names_are_safe(name: str, expected: str) -> None:
    assert certificate_file_name(name, DAY) == expected


def test_no_certificate_without_a_pass(tmp_path: Path) -> None:
    with pytest.raises(AnswerError, match="at least 70 out of 100; yours is 55"):
        write_certificate("Ada", result(score=0.55, passed=False), folder=tmp_path)
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["", "   ", "\n\t"])
def test_an_empty_name_is_refused(name: str) -> None:
    with pytest.raises(AnswerError, match="type the name"):
        certificate_html(name, result())


def test_a_too_long_name_is_refused() -> None:
    with pytest.raises(AnswerError, match=f"at most {MAX_NAME_LENGTH} characters"):
        clean_name("x" * (MAX_NAME_LENGTH + 1))


def test_names_are_tidied() -> None:
    assert clean_name("  Ada \t  Lovelace\n") == "Ada Lovelace"
    assert clean_name("Ada\x00\x07 Lovelace") == "Ada Lovelace"


@pytest.mark.parametrize(
    ("day", "words"),
    [(date(2026, 1, 5), "5 January 2026"), (date(2027, 12, 31), "31 December 2027")],
)
def test_dates_are_written_in_words(day: date, words: str) -> None:
    assert long_date(day) == words
