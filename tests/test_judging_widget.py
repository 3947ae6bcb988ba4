"""Tests for course/widgets/judging.py, driven through the widget's verbs, buttons and pickers."""

from __future__ import annotations

from typing import Any

import pytest

from course import claims
from course.claims import Claim
from course.errors import AnswerError
from course.widgets import judging as view
from course.widgets.judging import ALL_SEEDS, WAITING, ClaimJudging

ALL_CLAIMS = claims.load_claims()
DANGEROUS = next(c for c in ALL_CLAIMS if c.verdict == "dangerous")
WRONG = next(c for c in ALL_CLAIMS if c.verdict == "wrong")


@pytest.fixture
def activity() -> ClaimJudging:
    return ClaimJudging()


def test_starts_on_the_first_claim_of_all_seeds_with_nothing_checked(
    activity: ClaimJudging,
) -> None:
    assert activity.state == {
        "seed": ALL_SEEDS,
        "claim": ALL_CLAIMS[0].id,
        "position": 0,
        "chosen": None,
        "checked": False,
        "score": {"checked": 0, "points": 0, "total": len(ALL_CLAIMS)},
    }
    assert f"Claim 1 of {len(ALL_CLAIMS)}" in activity.counter.value
    assert activity.result.value == WAITING
    assert activity.verdict.value == "" and not activity.verdict.disabled


def test_the_quote_is_shown_and_credited_to_its_seed(activity: ClaimJudging) -> None:
    first = ALL_CLAIMS[0]
    assert first.seed_label in activity.quote.value
    assert "<q>" in activity.quote.value


def test_repr_is_short_and_does_not_depend_on_the_number_of_claims(activity: ClaimJudging) -> None:
    assert repr(activity) == "ClaimJudging(checked=0, points=0)"
    activity.judge(WRONG.id, "unsupported").reveal()
    assert repr(activity) == "ClaimJudging(checked=1, points=0.5)"


def test_the_verdict_is_hidden_until_the_learner_has_judged(activity: ClaimJudging) -> None:
    assert activity.reveal() is None
    assert WAITING in activity.result.value
    assert activity.score.checked == 0


def test_judging_then_revealing_shows_both_verdicts_why_and_the_score(
    activity: ClaimJudging,
) -> None:
    judgement = activity.judge(WRONG.id, "wrong").reveal()
    assert judgement is not None and judgement.credit == 1.0
    page = activity.result.value
    assert "Your verdict: <strong>✘ Wrong</strong>" in page
    assert "Exactly right: 1 point." in page
    assert "Why:" in page and WRONG.references[0] in page
    assert activity.verdict.disabled and activity.check_button.disabled
    assert "Score 1 out of 1 (100%)" in activity.score_html.value


def test_a_checked_verdict_cannot_be_changed(activity: ClaimJudging) -> None:
    activity.judge(WRONG.id, "supported").reveal()
    with pytest.raises(AnswerError, match="cannot be changed"):
        activity.judge(WRONG.id, "wrong")
    activity.verdict.value = "wrong"  # even through the picker
    assert activity.reveal(WRONG.id).chosen == "supported"  # type: ignore[union-attr]


def test_trusting_a_dangerous_claim_is_called_out(activity: ClaimJudging) -> None:
    judgement = activity.judge(DANGEROUS.id, "supported").reveal()
    assert judgement is not None and judgement.trusted_danger
    assert "This claim is dangerous, and you trusted it" in activity.result.value
    assert "You trusted 1 dangerous claim" in activity.score_html.value
    assert DANGEROUS.id in activity.score_html.value


@pytest.mark.parametrize(
    ("claim_id", "verdict", "words"),
    [("claim-no-such-claim", "wrong", "no claim"), (WRONG.id, "probably", "five verdicts")],
)
def test_unknown_claims_and_verdicts_are_refused(
    activity: ClaimJudging, claim_id: str, verdict: str, words: str
) -> None:
    with pytest.raises(AnswerError, match=words):
        activity.judge(claim_id, verdict)


def test_choosing_a_seed_shows_only_its_claims(activity: ClaimJudging) -> None:
    activity.choose_seed("002")
    shown = activity.shown_claims
    assert shown and all(claim.seed.startswith("002_") for claim in shown)
    assert f"Claim 1 of {len(shown)}" in activity.counter.value
    with pytest.raises(AnswerError, match="not a seed"):
        activity.choose_seed("009")


def test_the_seed_picker_lists_every_seed_with_its_count(activity: ClaimJudging) -> None:
    labels = [label for label, _ in activity.seed_picker.options]
    assert labels[0] == f"All five seeds ({len(ALL_CLAIMS)} claims)"
    assert [value for _, value in activity.seed_picker.options][1:] == [
        "000",
        "001",
        "002",
        "003",
        "004",
    ]


def test_next_and_previous_wrap_around(activity: ClaimJudging) -> None:
    activity.previous()
    assert activity.current.id == ALL_CLAIMS[-1].id
    activity.next()
    activity.next()
    assert activity.current.id == ALL_CLAIMS[1].id


def test_go_to_a_claim_of_another_seed_switches_to_all_seeds(activity: ClaimJudging) -> None:
    activity.choose_seed("000")
    other = next(c for c in ALL_CLAIMS if c.seed.startswith("004_"))
    activity.go_to(other.id)
    assert activity.seed_picker.value == ALL_SEEDS and activity.current.id == other.id


def test_a_choice_is_remembered_when_moving_between_claims(activity: ClaimJudging) -> None:
    activity.verdict.value = "unsupported"
    activity.next()
    assert activity.verdict.value == ""
    activity.previous()
    assert activity.verdict.value == "unsupported"
    assert activity.state["chosen"] == "unsupported"


def test_clicking_check_after_picking_a_verdict(activity: ClaimJudging) -> None:
    first: Claim = activity.current
    activity.verdict.value = first.verdict
    activity.check_button.click()
    assert activity.state["checked"] is True
    assert activity.score.exact == 1


def test_the_buttons_move_between_claims(activity: ClaimJudging) -> None:
    activity.next_button.click()
    assert activity.position == 1
    activity.previous_button.click()
    assert activity.position == 0


def test_judge_claims_can_start_on_one_seed() -> None:
    shown = view.judge_claims(seed="003")
    assert shown.seed_picker.value == "003"
    assert all(claim.seed.startswith("003_") for claim in shown.shown_claims)


def test_an_empty_claim_list_is_refused() -> None:
    with pytest.raises(AnswerError, match="no claims"):
        ClaimJudging(all_claims=[])


def test_data_strings_are_escaped() -> None:
    evil = "<script>x</script>"
    claim = Claim(
        "claim-evil", "000_26a76c70eea5af2f.txt", evil, "wrong", evil, "04-treatments", (evil,)
    )
    activity = ClaimJudging(all_claims=[claim])
    activity.judge("claim-evil", "wrong").reveal()
    for html in (activity.quote.value, activity.result.value):
        assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("function", "words"),
    [
        (view.show_page_checklist, "Page checklist: 5 questions applied to 5 seed articles"),
        (view.show_search_signs, "Signs of writing for search engines: 4 signs"),
    ],
)
def test_checklist_verbs_display_html_with_a_short_text(
    monkeypatch: Any, function: Any, words: str
) -> None:
    shown: list[dict[str, str]] = []
    monkeypatch.setattr(view, "display", lambda bundle, raw: shown.append(bundle))
    function()
    assert shown[0]["text/plain"].startswith(words)
    assert "<section" in shown[0]["text/html"]
