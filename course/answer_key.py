"""The answer key for instructors: every question with its answer, explanation and references.

``python -m course answer-key [--lesson ID] [--format md|html]`` prints
:func:`render_answer_key`. The HTML form is the Markdown form rendered by
:mod:`course.markdown`, so anything unsafe in a bank is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Literal

from course import content, markdown
from course.errors import ContentError
from course.grading import answer_lines
from course.questions import Question, QuizBank, load_bank

Format = Literal["md", "html"]

KIND_WORDS = {
    "single_choice": "single choice",
    "multiple_select": "multiple select",
    "true_false": "true or false",
    "numeric": "numeric",
    "matching": "matching",
    "ordering": "ordering",
    "label_figure": "label the figure",
    "case": "case",
}


def render_answer_key(lesson_id: str | None = None, fmt: str = "md") -> str:
    """Return the answer key for one lesson (or every lesson) as Markdown or HTML.

    Parameters
    ----------
    lesson_id
        A lesson id from the manifest, e.g. ``"03-symptoms-and-red-flags"``; None for all.
    fmt
        ``"md"`` for Markdown, ``"html"`` for a standalone HTML page.

    Raises
    ------
    ContentError
        For an unknown lesson or format, or a bank that cannot be loaded.
    """
    if fmt not in ("md", "html"):
        raise ContentError(
            "answer-key", "--format", f"{fmt!r} is not a format the key can use", "use md or html"
        )
    banks = banks_for(lesson_id)
    text = key_markdown(banks, lesson_id)
    return text if fmt == "md" else html_page(text)


def banks_for(lesson_id: str | None) -> list[QuizBank]:
    """Every bank, or the banks of one lesson (which must be in the manifest)."""
    if lesson_id is not None:
        lessons = [lesson.id for lesson in content.manifest().lessons]
        if lesson_id not in lessons:
            raise ContentError(
                "data/course.yaml",
                f"lesson '{lesson_id}'",
                "is not a lesson of the course",
                f"use one of: {', '.join(lessons)}",
            )
    banks = [load_bank(quiz_id) for quiz_id in content.quiz_ids()]
    return [bank for bank in banks if lesson_id is None or bank.lesson == lesson_id]


def key_markdown(banks: Sequence[QuizBank], lesson_id: str | None) -> str:
    """The whole key as Markdown."""
    scope = f"lesson {lesson_id}" if lesson_id else "every lesson"
    parts = [
        f"# Answer key: {scope}",
        "",
        "For instructors: each question with its answer, explanation and references.",
        "",
    ]
    if not banks:
        parts += ["No question banks found for this lesson.", ""]
    for bank in banks:
        parts += bank_markdown(bank)
    return "\n".join(parts).rstrip() + "\n"


def bank_markdown(bank: QuizBank) -> list[str]:
    """One bank's section."""
    lines = [f"## {bank.title} (`{bank.id}`, lesson `{bank.lesson}`)", ""]
    for number, question in enumerate(bank.questions, start=1):
        lines += question_markdown(number, question)
    return lines


def question_markdown(number: int, question: Question) -> list[str]:
    """One question: heading, prompt, answer, explanation, references."""
    head = (
        f"### {number}. `{question.id}`: {KIND_WORDS[question.kind]}, objective "
        f"{question.objective}, difficulty {question.difficulty}"
    )
    return [
        head,
        "",
        question.prompt.strip(),
        "",
        "**Answer**",
        "",
        *[f"- {line}" for line in answer_lines(question)],
        "",
        "**Explanation**",
        "",
        question.explanation.strip(),
        "",
        "**References**",
        "",
        *[f"- {citation(key)}" for key in question.references],
        "",
    ]


def citation(key: str) -> str:
    """The full citation for a key, or a note that the key does not resolve."""
    try:
        return f"[{key}] {content.reference(key).citation()}"
    except ContentError:
        return f"[{key}] (not found in data/references.yaml)"


def html_page(text: str) -> str:
    """A standalone HTML page holding the rendered key."""
    title = html.escape(text.splitlines()[0].lstrip("# "))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{markdown.to_html(text)}</body>\n</html>\n"
    )
