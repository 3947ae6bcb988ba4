"""Lessons 01-03 run in JupyterLab: no errors, figures with alt text, a quiz answered by clicking."""

from __future__ import annotations

from typing import Any

import pytest

from course import content
from tests.browser.lab import (
    PANEL,
    LabServer,
    click_button,
    error_texts,
    open_notebook,
    quiz,
    restart_and_run_all,
    screenshot,
)

LESSONS = [
    "01-lower-back-and-spasm.ipynb",
    "02-causes-and-risk-factors.ipynb",
    "03-symptoms-and-red-flags.ipynb",
]


def figures_with_alt(page: Any) -> list[str]:
    """The alt text of every course figure shown in the open notebook."""
    images = page.locator(f"{PANEL} figure.course-figure img")
    return [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]


def go_to_question(page: Any, position: int) -> Any:
    """Press Next until the quiz shows the question at this 0-based position; return the quiz."""
    shown = quiz(page)
    for number in range(2, position + 2):
        click_button(shown, "Next question")
        shown.locator(".course-question", has_text=f"Question {number} of").first.wait_for(
            timeout=15_000
        )
    return shown


def answer_a_choice_question_by_clicking(page: Any, quiz_id: str) -> str:
    """Go to the bank's first single-choice question, click a choice and Check; return the feedback."""
    kinds = [question["kind"] for question in content.quiz_bank(quiz_id)["questions"]]
    shown = go_to_question(page, kinds.index("single_choice"))
    shown.locator(
        ".course-question-single-choice .widget-radio-box input[type=radio]"
    ).first.click()
    click_button(shown, "Check")
    feedback = shown.locator(".course-feedback").first
    feedback.wait_for(timeout=15_000)
    return str(feedback.inner_text())


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_with_figures_and_a_quiz_answered(lab: LabServer, page: Any, name: str) -> None:
    open_notebook(page, lab, name)
    restart_and_run_all(page, lab, name)
    assert error_texts(page) == []
    alts = figures_with_alt(page)
    assert alts, f"{name} shows no course figure"
    assert all(len(alt) > 40 for alt in alts), alts
    text = answer_a_choice_question_by_clicking(page, name.removesuffix(".ipynb"))
    assert any(symbol in text for symbol in ("✔", "✘", "◐")), text
    assert error_texts(page) == []
    screenshot(page, name.removesuffix(".ipynb"))
