"""Markdown is rendered safely: raw HTML escaped, script links dropped (course/markdown.py)."""

from __future__ import annotations

import pytest

from course.markdown import to_html, to_inline_html, to_plain


def test_markdown_is_rendered() -> None:
    html = to_html("**Heat** helps.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<strong>Heat</strong>" in html
    assert "<li>one</li>" in html
    assert "<td>1</td>" in html


@pytest.mark.parametrize(
    "unsafe",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "<iframe src='https://example.org'></iframe>",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_raw_html_is_escaped(unsafe: str) -> None:
    for rendered in (to_html(unsafe), to_inline_html(unsafe)):
        assert "<script" not in rendered and "<img" not in rendered
        assert "<iframe" not in rendered and "<a " not in rendered
        assert "&lt;" in rendered


@pytest.mark.parametrize(
    "link",
    [
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:alert(1)>",
    ],
)
def test_script_links_are_inert(link: str) -> None:
    rendered = to_html(link)
    assert "href" not in rendered.lower()


def test_ordinary_links_are_kept() -> None:
    assert '<a href="https://www.nice.org.uk/guidance/ng59">NICE</a>' in to_html(
        "[NICE](https://www.nice.org.uk/guidance/ng59)"
    )


def test_inline_rendering_has_no_paragraph() -> None:
    assert to_inline_html("a *b*") == "a <em>b</em>"


def test_plain_text_for_controls() -> None:
    assert to_plain("Call **999** & go to <b>A&E</b>") == "Call 999 & go to <b>A&E</b>"
