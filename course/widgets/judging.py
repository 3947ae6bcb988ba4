"""Lesson 07's activities: judge the seed claims yourself, and the page checklist.

``judge_claims()`` shows one claim from ``data/seed_claims.csv`` at a time. The
learner picks one of the five verdicts in a Dropdown and presses "Check my
verdict"; only then does the course's verdict appear, with why and the sources.
A running score says how well they judged (:mod:`course.judging`, pure). A
verdict cannot be changed once checked, so the score reflects first judgements.

``show_page_checklist()`` and ``show_search_signs()`` display the checklist of
``data/page_checklist.yaml`` applied to the five seed articles.

Feedback is written into ``HTML.value`` in one assignment, never printed. Tests
drive the widget through its verbs: ``judge``, ``reveal``, ``next``,
``previous``, ``go_to``, ``choose_seed``, ``score`` and ``state``.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from course import claims, judging
from course.claims import Claim
from course.errors import AnswerError

ALL_SEEDS = "all"
NO_CHOICE = ""
CHECK_LABEL = "Check my verdict"
WAITING = "Choose your verdict, then press <strong>Check my verdict</strong>."
STYLE = """<style>
.course-judging .widget-html-content { line-height: 1.45; }
.course-judging-quote { font-size: 1.1em; border-left: 4px solid #888; padding-left: 0.8em; }
.course-judging-result { border: 2px solid currentColor; padding: 0.4em 0.8em; }
</style>"""


class ClaimJudging(widgets.VBox):  # type: ignore[misc]
    """One seed claim at a time: the learner's verdict first, then the evidence's, and a score.

    Examples
    --------
    >>> activity = ClaimJudging()
    >>> first = activity.current
    >>> activity.judge(first.id, first.verdict).reveal().credit
    1.0
    >>> activity.score.exact
    1
    """

    def __init__(self, all_claims: list[Claim] | None = None, seed: str = ALL_SEEDS) -> None:
        self.all_claims = all_claims if all_claims is not None else claims.load_claims()
        if not self.all_claims:
            raise AnswerError("There are no claims to judge.")
        self.choices: dict[str, str] = {}
        self.judgements: dict[str, judging.Judgement] = {}
        self.position = 0
        self.seed_picker = widgets.Dropdown(
            options=seed_options(self.all_claims),
            value=ALL_SEEDS,
            description="Claims from:",
            style={"description_width": "initial"},
        )
        self.counter = widgets.HTML()
        self.quote = widgets.HTML()
        self.verdict = widgets.Dropdown(
            options=[("Choose a verdict…", NO_CHOICE), *judging.verdict_options()],
            value=NO_CHOICE,
            description="Your verdict:",
            style={"description_width": "initial"},
        )
        self.check_button = widgets.Button(
            description=CHECK_LABEL,
            button_style="primary",
            layout=widgets.Layout(width="auto"),
            tooltip="See the course's verdict on this claim, and why",
        )
        self.previous_button = widgets.Button(description="Previous claim")
        self.next_button = widgets.Button(description="Next claim")
        self.result = widgets.HTML(WAITING)
        self.score_html = widgets.HTML()
        super().__init__(children=self.layout_children())
        self.add_class("course-judging")
        self.wire()
        self.choose_seed(seed)

    def layout_children(self) -> list[Any]:
        """Arrange the parts: seed picker, counter, quote, verdict, buttons, result, score."""
        return [
            widgets.HTML(STYLE),
            self.seed_picker,
            self.counter,
            self.quote,
            self.verdict,
            widgets.HBox([self.check_button, self.previous_button, self.next_button]),
            self.result,
            self.score_html,
        ]

    def wire(self) -> None:
        """Connect buttons and pickers to the verbs."""
        self.check_button.on_click(lambda _button: self.reveal())
        self.previous_button.on_click(lambda _button: self.previous())
        self.next_button.on_click(lambda _button: self.next())
        self.seed_picker.observe(lambda change: self.choose_seed(change["new"]), names="value")
        self.verdict.observe(self.on_verdict_change, names="value")

    def on_verdict_change(self, change: dict[str, Any]) -> None:
        """Remember the verdict the learner picked for the claim on show (until it is checked)."""
        claim = self.current
        if claim.id in self.judgements:
            return
        if change["new"] == NO_CHOICE:
            self.choices.pop(claim.id, None)
        else:
            self.choices[claim.id] = change["new"]

    # ---- verbs ---------------------------------------------------------------------------
    def choose_seed(self, seed: str) -> ClaimJudging:
        """Show the claims of one seed (``"000"`` ... ``"004"``) or of all (``"all"``)."""
        known = [value for _, value in self.seed_picker.options]
        if seed not in known:
            raise AnswerError(f"'{seed}' is not a seed; choose one of: {', '.join(known)}.")
        if self.seed_picker.value != seed:
            self.seed_picker.value = seed  # the observer calls choose_seed again
            return self
        self.position = 0
        self.show()
        return self

    def judge(self, claim_id: str, verdict: str) -> ClaimJudging:
        """Give a verdict on a claim (shown first if needed); refused once it is checked."""
        judging.check_verdict(verdict)
        self.go_to(claim_id)
        if claim_id in self.judgements:
            raise AnswerError(
                "You have already checked your verdict on this claim; it cannot be changed."
            )
        self.verdict.value = verdict
        return self

    def reveal(self, claim_id: str | None = None) -> judging.Judgement | None:
        """Check the learner's verdict on a claim (default: the one on show) and show why.

        Returns None, with a reminder in the result, if no verdict was chosen yet.
        """
        if claim_id is not None:
            self.go_to(claim_id)
        claim = self.current
        if claim.id not in self.judgements:
            chosen = self.choices.get(claim.id)
            if chosen is None:
                self.result.value = f"<p>{WAITING}</p>"
                return None
            self.judgements[claim.id] = judging.judge(claim, chosen)
        self.show()
        return self.judgements[claim.id]

    def go_to(self, claim_id: str) -> ClaimJudging:
        """Show one claim by id (switching to all seeds if it is not in the current set)."""
        if claim_id not in [claim.id for claim in self.all_claims]:
            raise AnswerError(f"There is no claim '{claim_id}' to judge.")
        if claim_id not in [claim.id for claim in self.shown_claims]:
            self.choose_seed(ALL_SEEDS)
        self.position = [claim.id for claim in self.shown_claims].index(claim_id)
        self.show()
        return self

    def next(self) -> ClaimJudging:
        """Show the next claim (wrapping to the first)."""
        self.position = (self.position + 1) % len(self.shown_claims)
        self.show()
        return self

    def previous(self) -> ClaimJudging:
        """Show the previous claim (wrapping to the last)."""
        self.position = (self.position - 1) % len(self.shown_claims)
        self.show()
        return self

    # ---- drawing -------------------------------------------------------------------------
    def show(self) -> None:
        """Draw the claim on show, its verdict picker and result, and the score."""
        claim = self.current
        shown = self.shown_claims
        self.counter.value = f"<p><strong>Claim {self.position + 1} of {len(shown)}</strong></p>"
        self.quote.value = quote_html(claim)
        judgement = self.judgements.get(claim.id)
        self.verdict.value = (
            judgement.chosen if judgement else self.choices.get(claim.id, NO_CHOICE)
        )
        self.verdict.disabled = self.check_button.disabled = judgement is not None
        self.result.value = result_html(claim, judgement) if judgement else WAITING
        self.score_html.value = score_html(self.score)

    # ---- state ---------------------------------------------------------------------------
    @property
    def shown_claims(self) -> list[Claim]:
        """The claims of the chosen seed (or all), in file order."""
        seed = self.seed_picker.value
        return [c for c in self.all_claims if seed == ALL_SEEDS or c.seed.startswith(f"{seed}_")]

    @property
    def current(self) -> Claim:
        """The claim on show."""
        return self.shown_claims[self.position]

    @property
    def score(self) -> judging.JudgingScore:
        """How well the learner judged the claims checked so far."""
        return judging.score_judgements(self.judgements.values(), len(self.all_claims))

    @property
    def state(self) -> dict[str, Any]:
        """What the widget shows: seed, claim, choice, whether checked, and the score."""
        claim = self.current
        score = self.score
        return {
            "seed": self.seed_picker.value,
            "claim": claim.id,
            "position": self.position,
            "chosen": self.choices.get(claim.id),
            "checked": claim.id in self.judgements,
            "score": {"checked": score.checked, "points": score.points, "total": score.total},
        }

    def __repr__(self) -> str:
        score = self.score
        return (
            f"ClaimJudging(checked={score.checked}, points={judging.format_points(score.points)})"
        )


def seed_options(all_claims: list[Claim]) -> list[tuple[str, str]]:
    """(label, value) options of the seed picker: all seeds, then each seed with its count."""
    numbers = sorted({claim.seed[:3] for claim in all_claims})
    counts = {n: sum(c.seed.startswith(f"{n}_") for c in all_claims) for n in numbers}
    return [(f"All five seeds ({len(all_claims)} claims)", ALL_SEEDS)] + [
        (f"Seed {n} ({counts[n]} claims)", n) for n in numbers
    ]


def quote_html(claim: Claim) -> str:
    """The claim as a quotation attributed to its seed."""
    return (
        f'<blockquote class="course-judging-quote"><p><q>{escape(claim.claim)}</q></p>'
        f"<footer>(<cite>{escape(claim.seed_label)}</cite>)</footer></blockquote>"
    )


def result_html(claim: Claim, judgement: judging.Judgement) -> str:
    """The learner's verdict beside the course's, the credit, why, and the sources."""
    closeness = {
        "exact": ("✔", "Exactly right: 1 point."),
        "close": ("◐", "One step away on the scale: half a point."),
        "far": ("✘", "Further off: no points."),
    }[judgement.closeness]
    danger = (
        "<p><strong>⚠ This claim is dangerous, and you trusted it.</strong> "
        "Following it could delay urgent care.</p>"
        if judgement.trusted_danger
        else ""
    )
    meaning = judging.VERDICT_MEANINGS[claim.verdict]
    sources = ", ".join(escape(key) for key in claim.references)
    return (
        '<div class="course-judging-result course-feedback" role="status">'
        f"<p>Your verdict: <strong>{escape(claims.verdict_label(judgement.chosen))}</strong>. "
        f"The evidence: <strong>{escape(claims.verdict_label(claim.verdict))}</strong> "
        f"({escape(meaning)}).</p>"
        f'<p><span aria-hidden="true">{closeness[0]}</span> {closeness[1]}</p>{danger}'
        f"<p><strong>Why:</strong> {escape(claim.correction)}</p>"
        f"<p><small>Sources: {sources}</small></p></div>"
    )


def score_html(score: judging.JudgingScore) -> str:
    """The running score, and the dangerous claims trusted, if any."""
    warning = (
        f"<p>⚠ You trusted {len(score.trusted_dangers)} dangerous "
        f"claim{'s' if len(score.trusted_dangers) != 1 else ''}: look at "
        f"{escape(', '.join(score.trusted_dangers))} again.</p>"
        if score.trusted_dangers
        else ""
    )
    return f'<p class="course-judging-score"><strong>Your score.</strong> {escape(score.summary)}</p>{warning}'


def judge_claims(seed: str = ALL_SEEDS) -> ClaimJudging:
    """Show the claim-judging activity: your verdict on each seed claim first, then the evidence's."""
    return ClaimJudging(seed=seed)


def show_page_checklist(seed: str | None = None) -> None:
    """Show the checklist for judging a health page, applied to the seed articles."""
    checklist = judging.load_checklist()
    text = (
        f"Page checklist: {len(checklist.items)} questions applied to "
        f"{len(checklist.seeds)} seed articles"
    )
    display({"text/html": judging.checklist_html(checklist, seed), "text/plain": text}, raw=True)


def show_search_signs() -> None:
    """Show the signs of writing made for search engines, with examples from the seed articles."""
    checklist = judging.load_checklist()
    found = sum(len(review.found) for review in checklist.seeds)
    text = f"Signs of writing for search engines: {len(checklist.signs)} signs, {found} examples"
    display({"text/html": judging.signs_html(checklist), "text/plain": text}, raw=True)
