"""Write feedback, revealed answers and quiz summaries as HTML strings.

Pure functions over :class:`~course.grading.Feedback` and the question
dataclasses: the widgets put the strings into an ``HTML`` widget's ``value`` in
one assignment. Every result is shown with a symbol and words, never by
colour alone, inside a ``role="status"`` region that screen readers announce.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from course import markdown
from course.errors import ContentError
from course.grading import Feedback, QuizSummary, answer_lines
from course.models import Reference
from course.questions import Question

SURNAME_PATTERN = re.compile(r"^(?P<surname>[^\s,;]+(?:[ -][^\s,;]+)*?) [A-Z]{1,4}$")
ACRONYM_PATTERN = re.compile(r"\(([A-Z]{2,8})\)")
BRACKETS_PATTERN = re.compile(r"\s*\([^)]*\)")


def short_citation(ref: Reference) -> str:
    """A short in-text citation: ``"Qaseem et al. 2017"``, ``"NICE 2016"`` or an organisation.

    People are named by the first author's surname; an organisation by its
    acronym in brackets when it has one, else by its name without the brackets.

    Examples
    --------
    >>> short_citation(Reference("K", "guideline", "Qaseem A, Wilt TJ", "T", "Ann Intern Med",
    ...                          2017))
    'Qaseem et al. 2017'
    >>> short_citation(Reference("N", "guideline",
    ...                          "National Institute for Health and Care Excellence (NICE)", "T",
    ...                          "NICE", 2016))
    'NICE 2016'
    >>> short_citation(Reference("S", "patient information",
    ...                          "Sheffield Aches and Pains (NHS service, Sheffield)", "T", "W",
    ...                          2026))
    'Sheffield Aches and Pains 2026'
    """
    authors = BRACKETS_PATTERN.sub("", ref.authors).strip()
    first = re.split(r"[;,]", authors, maxsplit=1)[0].strip()
    person = SURNAME_PATTERN.match(first)
    if person is None:
        return f"{organisation_name(ref.authors, first)} {ref.year}"
    more = bool(re.search(r"[;,]| and | & ", authors))
    return f"{person.group('surname')}{' et al.' if more else ''} {ref.year}"


def organisation_name(authors: str, name: str) -> str:
    """An organisation's acronym in brackets, when its letters come from the name's initials.

    Examples
    --------
    >>> organisation_name("National Institute for Health and Care Excellence (NICE)", "N")
    'NICE'
    >>> organisation_name("National Guideline Centre (UK)", "National Guideline Centre")
    'National Guideline Centre'
    """
    found = ACRONYM_PATTERN.search(authors)
    if found is None:
        return name
    initials = iter(word[0] for word in authors[: found.start()].split() if word[0].isupper())
    acronym = found.group(1)
    return acronym if all(letter in initials for letter in acronym) else name


def lookup(key: str) -> Reference | None:
    """Return the reference for a key, or None when it does not resolve (the checks report that)."""
    from course import content

    try:
        return content.reference(key)
    except ContentError:
        return None


def citation_html(key: str) -> str:
    """A short citation as a link to the source, its full title as the hover text."""
    ref = lookup(key)
    if ref is None:
        return html.escape(key)
    text = html.escape(short_citation(ref))
    title = html.escape(ref.citation(), quote=True)
    if not ref.link:
        return f'<span title="{title}">{text}</span>'
    link = html.escape(ref.link, quote=True)
    return f'<a href="{link}" target="_blank" rel="noopener noreferrer" title="{title}">{text}</a>'


def references_html(keys: Sequence[str]) -> str:
    """``<p>References: A 2017; B 2016</p>``, or nothing for no keys."""
    if not keys:
        return ""
    return f"<p><em>References:</em> {'; '.join(citation_html(key) for key in keys)}</p>"


def status_box(body: str, css: str) -> str:
    """Wrap feedback in a live region that screen readers announce."""
    return f'<div class="course-feedback {css}" role="status" aria-live="polite">{body}</div>'


def items_html(feedback: Feedback) -> str:
    """One list entry per part of the response: symbol, what was chosen, and why."""
    entries = [
        f'<li><span aria-hidden="true">{item.symbol}</span> '
        f'<span class="course-sr">{"right" if item.correct else "wrong"}:</span> '
        f"<strong>{markdown.to_inline_html(item.label)}</strong>: "
        f"{markdown.to_inline_html(item.text)}</li>"
        for item in feedback.items
    ]
    return f"<ul>{''.join(entries)}</ul>" if entries else ""


def score_text(feedback: Feedback) -> str:
    """The score in words, e.g. ``"Score: 67 out of 100."``, for partly right responses."""
    if feedback.status != "partly":
        return ""
    return f" Score: {round(feedback.score * 100)} out of 100."


def feedback_html(feedback: Feedback) -> str:
    """The feedback for a graded response: result, per-item feedback, explanation, references."""
    head = (
        f"<p><strong>{html.escape(feedback.label)}</strong>{html.escape(score_text(feedback))}</p>"
    )
    body = (
        head
        + items_html(feedback)
        + markdown.to_html(feedback.explanation)
        + references_html(feedback.references)
    )
    return status_box(body, f"course-feedback-{feedback.status}")


def part_feedback_html(feedback: Feedback) -> str:
    """Feedback on the part of a case just answered, while the case goes on."""
    item = feedback.items[-1]
    word = "Right" if item.correct else "Not the best choice"
    head = f"<p><strong>{item.symbol} {word}</strong></p>"
    body = f"{head}<p>{markdown.to_inline_html(item.text)}</p><p>The story goes on below.</p>"
    return status_box(body, "course-feedback-part")


def message_html(message: str) -> str:
    """A friendly message for a response that could not be graded (not recorded)."""
    return status_box(
        f"<p><strong>⚠ Not checked yet:</strong> {html.escape(message)}</p>",
        "course-feedback-message",
    )


def prompt_again_html() -> str:
    """What the feedback area says after Try again."""
    return status_box(
        "<p>Change your response, then press <strong>Check</strong>.</p>", "course-feedback-ready"
    )


def reveal_html(question: Question) -> str:
    """The right answer, the explanation and the references, shown after Reveal."""
    lines = "".join(f"<li>{markdown.to_inline_html(line)}</li>" for line in answer_lines(question))
    body = (
        f"<p><strong>👁 The answer</strong></p><ul>{lines}</ul>"
        + markdown.to_html(question.explanation)
        + references_html(question.references)
    )
    return status_box(body, "course-feedback-revealed")


def summary_html(summary: QuizSummary) -> str:
    """The quiz summary: first-try score in words and numbers, and the objectives to review."""
    right, total = summary.first_try_correct, summary.total
    score = round(summary.first_try_score * 100)
    lines = [
        f"<p><strong>Quiz summary.</strong> Right on the first try: {right} of {total} "
        f"questions (first-try score {score} out of 100).</p>"
    ]
    if summary.answered < total:
        lines.append(f"<p>Not answered yet: {total - summary.answered} of {total} questions.</p>")
    if summary.review:
        entries = "".join(
            f"<li>{html.escape(o.id)}: {markdown.to_inline_html(o.text)}</li>"
            for o in summary.review
        )
        lines.append(f"<p>Objectives to review:</p><ul>{entries}</ul>")
    elif summary.answered:
        lines.append("<p>No objectives to review so far: well done.</p>")
    return status_box("".join(lines), "course-summary")
