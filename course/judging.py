"""Judging health information: score a learner's verdicts on the seed claims, and the page checklist.

Pure logic, no widgets.

* The claim-judging activity: the learner gives each claim from
  ``data/seed_claims.csv`` one of the five verdicts of :mod:`course.claims`
  before seeing the course's verdict. :func:`judge` compares the two on the
  ordered verdict scale (supported → dangerous): the same verdict earns 1 point,
  a neighbouring one half a point, anything further none. Trusting a claim that is
  dangerous is counted separately, because it is the mistake that can hurt.
* The page checklist in ``data/page_checklist.yaml``: five questions to ask of
  any health web page, applied to each seed article, and the signs of writing
  made for search engines found in each. :func:`load_checklist` checks that
  every seed answers every question once and that every sign is defined.

HTML renderers here escape every data string and pair each symbol with words.

Examples
--------
>>> judge_verdict("claim-x", "wrong", "wrong").credit
1.0
>>> judge_verdict("claim-x", "unsupported", "wrong").closeness
'close'
>>> judge_verdict("claim-x", "supported", "dangerous").trusted_danger
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from course import claims, content, loading, paths
from course.errors import AnswerError, ContentError

DOCUMENT = "page_checklist"

#: The verdicts in order, from most to least trustworthy (the order of :data:`course.claims.VERDICTS`).
SCALE: tuple[str, ...] = tuple(claims.VERDICTS)

#: What each verdict means, in plain words.
VERDICT_MEANINGS: dict[str, str] = {
    "supported": "the evidence backs the claim as it is stated",
    "partly supported": "part of it is right, but it overstates, oversimplifies or leaves out something important",
    "unsupported": "there is no good evidence for it; it goes beyond what is known",
    "wrong": "the evidence contradicts it",
    "dangerous": "following it could delay urgent care or cause harm",
}

#: Points for a verdict this many steps away on the scale (further away: none).
CREDIT_BY_DISTANCE = {0: 1.0, 1: 0.5}
TRUSTING = ("supported", "partly supported")

#: checklist answer -> (symbol, words, points)
ANSWERS: dict[str, tuple[str, str, float]] = {
    "yes": ("✔", "Yes", 1.0),
    "partly": ("◐", "Partly", 0.5),
    "no": ("✘", "No", 0.0),
}


# ---------------------------------------------------------------- judging claims


@dataclass(frozen=True)
class Judgement:
    """A learner's verdict on one claim, the course's verdict, and the credit earned."""

    claim_id: str
    chosen: str
    actual: str

    @property
    def distance(self) -> int:
        """How many steps apart the two verdicts are on the scale."""
        return abs(SCALE.index(self.chosen) - SCALE.index(self.actual))

    @property
    def credit(self) -> float:
        """1 for the same verdict, 0.5 for a neighbouring one, 0 otherwise."""
        return CREDIT_BY_DISTANCE.get(self.distance, 0.0)

    @property
    def closeness(self) -> str:
        """``"exact"``, ``"close"`` (one step away) or ``"far"``."""
        return {0: "exact", 1: "close"}.get(self.distance, "far")

    @property
    def trusted_danger(self) -> bool:
        """True when the claim is dangerous but the learner judged it supported or partly supported."""
        return self.actual == "dangerous" and self.chosen in TRUSTING


@dataclass(frozen=True)
class JudgingScore:
    """How well a learner judged the claims they checked."""

    checked: int
    total: int
    exact: int
    close: int
    far: int
    points: float
    trusted_dangers: tuple[str, ...]

    @property
    def percent(self) -> float:
        """Points as a percentage of the claims checked (0 before any)."""
        return 100.0 * self.points / self.checked if self.checked else 0.0

    @property
    def summary(self) -> str:
        """The score in one plain sentence.

        Examples
        --------
        >>> score_judgements([judge_verdict("a", "wrong", "wrong"),
        ...                   judge_verdict("b", "unsupported", "wrong")], total=10).summary
        'Checked 2 of 10 claims: 1 exactly right, 1 one step away, 0 further off. Score 1.5 out of 2 (75%).'
        """
        if not self.checked:
            return f"No claims checked yet (0 of {self.total})."
        return (
            f"Checked {self.checked} of {self.total} claims: {self.exact} exactly right, "
            f"{self.close} one step away, {self.far} further off. "
            f"Score {format_points(self.points)} out of {self.checked} ({self.percent:.0f}%)."
        )


def format_points(points: float) -> str:
    """Points without a needless ``.0``.

    Examples
    --------
    >>> format_points(3.0), format_points(2.5)
    ('3', '2.5')
    """
    return f"{points:g}"


def check_verdict(verdict: str) -> str:
    """Return a known verdict, or raise AnswerError listing the five."""
    if verdict not in SCALE:
        raise AnswerError(
            f"'{verdict}' is not one of the five verdicts: {', '.join(SCALE)}. Please choose one."
        )
    return verdict


def judge_verdict(claim_id: str, chosen: str, actual: str) -> Judgement:
    """Compare a learner's verdict with the course's verdict for one claim."""
    return Judgement(claim_id, check_verdict(chosen), check_verdict(actual))


def judge(claim: claims.Claim, chosen: str) -> Judgement:
    """Compare a learner's verdict with a claim's verdict."""
    return judge_verdict(claim.id, chosen, claim.verdict)


def score_judgements(judgements: Iterable[Judgement], total: int) -> JudgingScore:
    """Add up judgements: counts by closeness, points, and the dangerous claims trusted."""
    items = list(judgements)
    return JudgingScore(
        checked=len(items),
        total=total,
        exact=sum(j.closeness == "exact" for j in items),
        close=sum(j.closeness == "close" for j in items),
        far=sum(j.closeness == "far" for j in items),
        points=sum(j.credit for j in items),
        trusted_dangers=tuple(j.claim_id for j in items if j.trusted_danger),
    )


def verdict_options() -> list[tuple[str, str]]:
    """(label, verdict) pairs for a verdict picker, symbol and words for each.

    Examples
    --------
    >>> verdict_options()[0]
    ('✔ Supported', 'supported')
    """
    return [(claims.verdict_label(verdict), verdict) for verdict in SCALE]


# ---------------------------------------------------------------- the page checklist


@dataclass(frozen=True)
class ChecklistItem:
    """One question to ask of a health web page."""

    id: str
    question: str
    look_for: str
    why: str
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sign:
    """One sign of writing made for search engines rather than readers."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Check:
    """One checklist question answered for one seed article."""

    item: str
    answer: str
    finding: str
    quotes: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """One sign of search-engine-driven writing found in a seed article, with quotes."""

    sign: str
    note: str
    quotes: tuple[str, ...]
    keyword: str | None = None
    count: int | None = None


@dataclass(frozen=True)
class SeedReview:
    """The checklist applied to one seed article."""

    seed: str
    description: str
    checks: tuple[Check, ...]
    found: tuple[Found, ...]

    @property
    def label(self) -> str:
        """The short name learners see (``seed 000``)."""
        return f"seed {self.seed.split('_', 1)[0]}"

    @property
    def points(self) -> float:
        """Checklist points: 1 per yes, 0.5 per partly."""
        return sum(ANSWERS[check.answer][2] for check in self.checks)

    def check(self, item_id: str) -> Check:
        """The answer to one checklist question."""
        for check in self.checks:
            if check.item == item_id:
                return check
        raise KeyError(f"{self.label} has no answer for '{item_id}'")


@dataclass(frozen=True)
class Checklist:
    """The checklist, the signs, and the worked examples."""

    items: tuple[ChecklistItem, ...]
    signs: tuple[Sign, ...]
    seeds: tuple[SeedReview, ...]

    def sign(self, sign_id: str) -> Sign:
        """One sign by id."""
        for sign in self.signs:
            if sign.id == sign_id:
                return sign
        raise KeyError(f"no sign '{sign_id}' in {checklist_file()}")

    def review(self, seed: str) -> SeedReview:
        """The worked example for a seed, by file name or by number (``"002"``)."""
        for review in self.seeds:
            if review.seed == seed or review.seed.startswith(f"{seed}_"):
                return review
        known = ", ".join(r.seed[:3] for r in self.seeds)
        raise ContentError(
            checklist_file(), f"seed '{seed}'", "has no worked example", f"use one of: {known}"
        )


def checklist_file() -> str:
    """The checklist file's path, as error messages show it."""
    return loading.display_path(paths.data_dir() / f"{DOCUMENT}.yaml")


def to_review(raw: dict[str, Any]) -> SeedReview:
    """Build one seed's worked example from its validated entry."""
    checks = tuple(
        Check(
            c["item"],
            c["answer"],
            " ".join(c["finding"].split()),
            tuple(c.get("quotes", ())),
            tuple(c.get("references", ())),
        )
        for c in raw["checks"]
    )
    found = tuple(
        Found(
            f["sign"],
            " ".join(f["note"].split()),
            tuple(f["quotes"]),
            f.get("keyword"),
            f.get("count"),
        )
        for f in raw["found"]
    )
    return SeedReview(raw["seed"], raw["description"], checks, found)


def review_problems(
    review: SeedReview, item_ids: Sequence[str], sign_ids: Sequence[str]
) -> list[ContentError]:
    """What is wrong with one worked example: questions missing or repeated, unknown ids."""
    where = f"seeds '{review.seed}'"
    answered = [check.item for check in review.checks]
    problems = [
        ContentError(
            checklist_file(),
            where,
            f"answers '{item_id}' {answered.count(item_id)} times",
            "answer every checklist question exactly once",
        )
        for item_id in item_ids
        if answered.count(item_id) != 1
    ]
    problems += [
        ContentError(
            checklist_file(),
            where,
            f"answers an unknown checklist question '{item_id}'",
            f"use one of: {', '.join(item_ids)}",
        )
        for item_id in answered
        if item_id not in item_ids
    ]
    problems += [
        ContentError(
            checklist_file(),
            where,
            f"names an unknown sign '{found.sign}'",
            f"use one of: {', '.join(sign_ids)}",
        )
        for found in review.found
        if found.sign not in sign_ids
    ]
    return problems


def load_checklist() -> Checklist:
    """Return the validated checklist; the first cross-reference problem raises a ContentError."""
    raw = content.document(DOCUMENT)
    items = tuple(
        ChecklistItem(
            i["id"],
            i["question"],
            " ".join(i["look_for"].split()),
            " ".join(i["why"].split()),
            tuple(i.get("references", ())),
        )
        for i in raw["items"]
    )
    signs = tuple(
        Sign(s["id"], s["name"], " ".join(s["description"].split())) for s in raw["signs"]
    )
    reviews = tuple(to_review(entry) for entry in raw["seeds"])
    item_ids = [item.id for item in items]
    sign_ids = [sign.id for sign in signs]
    for review in reviews:
        problems = review_problems(review, item_ids, sign_ids)
        if problems:
            raise problems[0]
    return Checklist(items, signs, reviews)


# ---------------------------------------------------------------- HTML


CELL = "text-align:left;vertical-align:top"


def answer_html(answer: str) -> str:
    """A checklist answer as a symbol (hidden from screen readers) and words.

    Examples
    --------
    >>> answer_html("partly")
    '<span aria-hidden="true">◐</span> Partly'
    """
    symbol, words, _ = ANSWERS[answer]
    return f'<span aria-hidden="true">{symbol}</span> {words}'


def quotes_html(quotes: Iterable[str], label: str) -> str:
    """Short quotes, each marked as a quotation and attributed to its seed."""
    shown = "; ".join(f"<q>{html.escape(quote)}</q>" for quote in quotes)
    return f" <em>From the page:</em> {shown} (<cite>{html.escape(label)}</cite>)" if shown else ""


def items_html(checklist: Checklist) -> str:
    """The checklist's questions as an ordered list: what to look for and why."""
    rows = "".join(
        f"<li><strong>{html.escape(item.question)}</strong> "
        f"Look for: {html.escape(item.look_for)} "
        f"<em>Why:</em> {html.escape(item.why)}</li>"
        for item in checklist.items
    )
    return f'<ol class="course-checklist">{rows}</ol>'


def overview_html(checklist: Checklist) -> str:
    """A table: one row per seed, one column per question, and the checklist points."""
    head = "".join(
        f'<th scope="col" style="{CELL}">{html.escape(item.question)}</th>'
        for item in checklist.items
    )
    rows = "".join(
        f'<tr><th scope="row" style="{CELL}">{html.escape(review.label)}</th>'
        + "".join(
            f'<td style="{CELL}">{answer_html(review.check(item.id).answer)}</td>'
            for item in checklist.items
        )
        + f'<td style="{CELL}">{format_points(review.points)} of {len(checklist.items)}</td></tr>'
        for review in checklist.seeds
    )
    return (
        '<table class="course-checklist-overview"><caption>The checklist applied to the five '
        "seed articles (yes = 1 point, partly = half a point)</caption>"
        f'<thead><tr><th scope="col" style="{CELL}">Article</th>{head}'
        f'<th scope="col" style="{CELL}">Points</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def review_html(review: SeedReview, checklist: Checklist) -> str:
    """One seed's worked example: each question, the answer, what the page shows, and quotes."""
    rows = "".join(
        f"<li><strong>{html.escape(checklist_item(checklist, check.item).question)}</strong> "
        f"{answer_html(check.answer)}. {html.escape(check.finding)}"
        f"{quotes_html(check.quotes, review.label)}"
        f"{references_html(check.references)}</li>"
        for check in review.checks
    )
    return (
        f'<section class="course-checklist-seed" aria-label="{html.escape(review.label)}">'
        f"<h4>{html.escape(review.label.capitalize())}: {html.escape(review.description)}</h4>"
        f"<ul>{rows}</ul></section>"
    )


def checklist_item(checklist: Checklist, item_id: str) -> ChecklistItem:
    """One checklist question by id."""
    return next(item for item in checklist.items if item.id == item_id)


def references_html(keys: Sequence[str]) -> str:
    """Reference keys in small print (empty when there are none)."""
    return f" <small>[{html.escape(', '.join(keys))}]</small>" if keys else ""


def checklist_html(checklist: Checklist, seed: str | None = None) -> str:
    """The checklist, the overview table and the worked examples (of one seed, or all)."""
    reviews = checklist.seeds if seed is None else (checklist.review(seed),)
    return (
        items_html(checklist)
        + overview_html(checklist)
        + "".join(review_html(review, checklist) for review in reviews)
    )


def signs_html(checklist: Checklist) -> str:
    """Each sign of search-engine-driven writing, defined, with what each seed shows of it."""
    sections = []
    for sign in checklist.signs:
        examples = "".join(
            f"<li><strong>{html.escape(review.label.capitalize())}.</strong> "
            f"{html.escape(found.note)}{quotes_html(found.quotes, review.label)}</li>"
            for review in checklist.seeds
            for found in review.found
            if found.sign == sign.id
        )
        sections.append(
            f"<h4>{html.escape(sign.name)}</h4><p>{html.escape(sign.description)}</p>"
            f"<ul>{examples}</ul>"
        )
    return f'<section class="course-search-signs">{"".join(sections)}</section>'
