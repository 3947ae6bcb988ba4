"""Render course Markdown to safe HTML with markdown-it-py.

Raw HTML in the Markdown is escaped, not passed through, and markdown-it's
link check drops ``javascript:``, ``vbscript:``, ``file:`` and most ``data:``
links, so text from a question bank cannot run code in the learner's browser.

Examples
--------
>>> to_html("**Heat** helps <script>alert(1)</script>")
'<p><strong>Heat</strong> helps &lt;script&gt;alert(1)&lt;/script&gt;</p>\\n'
>>> to_inline_html("A *short* label")
'A <em>short</em> label'
>>> to_plain("A **bold** [link](https://example.org) & more")
'A bold link & more'
"""

from __future__ import annotations

import html
import re
from functools import cache

from markdown_it import MarkdownIt

TAG_PATTERN = re.compile(r"<[^>]+>")


@cache
def renderer() -> MarkdownIt:
    """The one Markdown renderer: CommonMark plus tables and strikethrough, raw HTML off."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def to_html(text: str) -> str:
    """Render a Markdown block (paragraphs, lists, tables) to safe HTML."""
    rendered: str = renderer().render(text)
    return rendered


def to_inline_html(text: str) -> str:
    """Render one line of Markdown without wrapping it in a paragraph."""
    rendered: str = renderer().renderInline(text)
    return rendered


def to_plain(text: str) -> str:
    """Turn one line of Markdown into plain text, for controls that show text only."""
    return html.unescape(TAG_PATTERN.sub("", to_inline_html(text))).strip()
