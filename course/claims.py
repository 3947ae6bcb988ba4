"""Claims quoted from the seed articles, with the course's evidence-based corrections.

The claims live in ``data/seed_claims.csv`` (schema ``seed_claims.schema.json``):
a short exact quote from one seed article, a verdict, a correction in plain words,
the lesson that corrects it and the reference keys behind the correction.

This module is pure: it loads :class:`Claim` records and renders them as
accessible HTML cards ("myth versus evidence"). ``course.display.show_corrections``
puts that HTML on the screen.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from course import content, loading, paths
from course.errors import ContentError
from course.models import Reference

TABLE = "seed_claims"

#: verdict -> (symbol, words). The symbol is decoration; the words carry the meaning.
VERDICTS: dict[str, tuple[str, str]] = {
    "supported": ("✔", "Supported"),
    "partly supported": ("◐", "Partly supported"),
    "unsupported": ("?", "Unsupported"),
    "wrong": ("✘", "Wrong"),
    "dangerous": ("⚠", "Dangerous"),
}

#: verdict -> border colour of its card (an extra cue only: never the only one).
VERDICT_COLOURS: dict[str, str] = {
    "supported": "#2e7d32",
    "partly supported": "#8d6e00",
    "unsupported": "#616161",
    "wrong": "#c62828",
    "dangerous": "#8e0000",
}

Cite = Callable[[str], Reference]


@dataclass(frozen=True)
class Claim:
    """One claim quoted from a seed article, its verdict and its correction."""

    id: str
    seed: str
    claim: str
    verdict: str
    correction: str
    lesson: str
    references: tuple[str, ...]

    @property
    def seed_label(self) -> str:
        """The short name learners see for the seed article.

        Examples
        --------
        >>> claim = Claim("claim-x", "004_2a95f418f73c09b4.txt", "q", "wrong", "c", "04", ())
        >>> claim.seed_label
        'seed 004'
        """
        return f"seed {self.seed.split('_', 1)[0]}"


def claims_file() -> str:
    """The claims table's path, as error messages show it."""
    return loading.display_path(paths.data_dir() / f"{TABLE}.csv")


def to_claim(row: dict[str, Any]) -> Claim:
    """Build a Claim from one validated row of the claims table."""
    return Claim(
        id=row["id"],
        seed=row["seed"],
        claim=row["claim"],
        verdict=row["verdict"],
        correction=row["correction"],
        lesson=row["lesson"],
        references=tuple(row["references"]),
    )


def check_unique_ids(claims: Iterable[Claim]) -> None:
    """Raise a ContentError if two claims share an id."""
    seen: set[str] = set()
    for claim in claims:
        if claim.id in seen:
            raise ContentError(
                claims_file(),
                f"id '{claim.id}'",
                "is used by more than one claim",
                "give each claim its own id",
            )
        seen.add(claim.id)


def load_claims() -> list[Claim]:
    """Return every claim in ``data/seed_claims.csv``, in file order, validated."""
    claims = [to_claim(row) for row in content.table(TABLE)]
    check_unique_ids(claims)
    return claims


def lesson_ids() -> tuple[str, ...]:
    """The lesson ids a claim may name (the schema's list).

    Examples
    --------
    >>> "04-treatments" in lesson_ids()
    True
    """
    schema = loading.load_schema(TABLE)
    return tuple(schema["$defs"]["row"]["properties"]["lesson"]["enum"])


def claims_for(lesson_id: str) -> list[Claim]:
    """Return the claims that one lesson corrects, in file order.

    Raises a ContentError for a lesson id the claims table does not know.
    """
    if lesson_id not in lesson_ids():
        raise ContentError(
            claims_file(),
            "",
            f"there is no lesson '{lesson_id}' for seed claims",
            f"use one of: {', '.join(lesson_ids())}",
        )
    return [claim for claim in load_claims() if claim.lesson == lesson_id]


def verdict_label(verdict: str) -> str:
    """Return a verdict as a symbol and words, so it never depends on colour.

    Examples
    --------
    >>> verdict_label("wrong"), verdict_label("partly supported")
    ('✘ Wrong', '◐ Partly supported')
    """
    if verdict not in VERDICTS:
        raise ContentError(
            claims_file(),
            "verdict",
            f"'{verdict}' is not a known verdict",
            f"use one of: {', '.join(VERDICTS)}",
        )
    symbol, words = VERDICTS[verdict]
    return f"{symbol} {words}"


def split_outside_brackets(text: str) -> list[str]:
    """Split a list of names at commas and semicolons that are not inside brackets.

    Examples
    --------
    >>> split_outside_brackets("NHS Trust (Sheffield, UK), Doe J; Roe K")
    ['NHS Trust (Sheffield, UK)', ' Doe J', ' Roe K']
    """
    parts: list[str] = []
    current, depth = "", 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def first_author(authors: str) -> str:
    """Shorten an author list to its first author's surname, with "et al." for a list of people.

    Examples
    --------
    >>> first_author("Qaseem A, Wilt TJ, McLean RM")
    'Qaseem et al.'
    >>> first_author("Sheffield Aches and Pains (NHS musculoskeletal service, Sheffield)")
    'Sheffield Aches and Pains'
    >>> first_author("National Institute for Health and Care Excellence (NICE)")
    'National Institute for Health and Care Excellence (NICE)'
    """
    parts = [part.strip() for part in split_outside_brackets(authors) if part.strip()]
    first = parts[0] if parts else authors.strip()
    if "(" in first and "," in first:
        first = first.split("(", 1)[0].strip()
    words = first.split()
    initials = words[-1] if len(words) > 1 else ""
    is_person = initials.isalpha() and initials.isupper() and len(initials) <= 3
    if is_person:
        first = " ".join(words[:-1])
    more = len(parts) > 1 or "et al" in authors
    return f"{first} et al." if is_person and more else first


def render_citation(ref: Reference) -> str:
    """Return one short citation as HTML: first author, year, linked title.

    Examples
    --------
    >>> ref = Reference("K", "trial", "Doe J, Roe K", "A <b> trial", "BMJ", 2020, doi="10.1/x")
    >>> render_citation(ref)
    'Doe et al. (2020). <a href="https://doi.org/10.1/x">A &lt;b&gt; trial</a>.'
    """
    who = html.escape(first_author(ref.authors))
    title = html.escape(ref.title.rstrip("."))
    linked = f'<a href="{html.escape(ref.link, quote=True)}">{title}</a>' if ref.link else title
    return f"{who} ({ref.year}). {linked}."


def render_card(claim: Claim, cite: Cite, heading_level: int = 3) -> str:
    """Return one claim as an HTML card: the quote, the verdict, the correction, the sources."""
    h = f"h{heading_level}"
    colour = VERDICT_COLOURS.get(claim.verdict, "#616161")
    width = 6 if claim.verdict == "dangerous" else 4
    symbol, words = VERDICTS.get(claim.verdict, ("", claim.verdict))
    sources = "".join(f"<li>{render_citation(cite(key))}</li>" for key in claim.references)
    style = (
        f"border:1px solid {colour};border-left:{width}px solid {colour};"
        "border-radius:4px;padding:0.4em 1em;margin:0.8em 0"
    )
    return (
        f'<article class="course-claim course-claim-{claim.verdict.replace(" ", "-")}" '
        f'id="{html.escape(claim.id, quote=True)}" style="{style}">'
        f"<{h}>What the seed said</{h}>"
        f"<p><q>{html.escape(claim.claim)}</q> (<cite>{html.escape(claim.seed_label)}</cite>)</p>"
        f'<p class="course-claim-verdict"><strong>Verdict: '
        f'<span aria-hidden="true">{symbol}</span> {html.escape(words)}</strong></p>'
        f"<{h}>What the evidence says</{h}>"
        f"<p>{html.escape(claim.correction)}</p>"
        f'<p><strong>Sources</strong></p><ul class="course-claim-sources">{sources}</ul>'
        "</article>"
    )


def cite_reference(key: str) -> Reference:
    """Look a reference key up in ``data/references.yaml``, naming the claims table on error."""
    return content.reference(key, where=claims_file())


def render_corrections_html(
    claims: Iterable[Claim], cite: Cite | None = None, heading_level: int = 3
) -> str:
    """Return the claims as accessible HTML cards ("myth versus evidence").

    Every data string is escaped; each verdict shows a symbol and words, never colour alone.
    ``cite`` turns a reference key into a Reference (default: ``data/references.yaml``).

    Examples
    --------
    >>> claim = Claim("claim-x", "000_26a76c70eea5af2f.txt", "Rest <b>a week</b>.", "wrong",
    ...               "Stay active.", "04-treatments", ("K",))
    >>> ref = Reference("K", "trial", "Doe J", "A trial", "BMJ", 2020, url="https://example.org")
    >>> page = render_corrections_html([claim], cite=lambda key: ref)
    >>> "<q>Rest &lt;b&gt;a week&lt;/b&gt;.</q>" in page, "seed 000" in page
    (True, True)
    >>> "✘</span> Wrong" in page
    True
    """
    lookup = cite or cite_reference
    cards = [render_card(claim, lookup, heading_level) for claim in claims]
    if not cards:
        return '<p class="course-corrections-empty">No seed claims are corrected here yet.</p>'
    return (
        '<section class="course-corrections" aria-label="Myth versus evidence">'
        + "".join(cards)
        + "</section>"
    )
