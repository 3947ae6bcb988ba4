"""Lesson 08 runs in JupyterLab: no errors, a case part answered by clicking, a result shown."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.lab import (
    PANEL,
    LabServer,
    click_button,
    error_texts,
    feedback_text,
    open_notebook,
    restart_and_run_all,
    screenshot,
)

NOTEBOOK = "08-final-assessment.ipynb"


def test_final_assessment_runs_and_a_case_part_is_answered_by_clicking(
    lab: LabServer, page: Any
) -> None:
    open_notebook(page, lab, NOTEBOOK)
    restart_and_run_all(page, lab, NOTEBOOK)
    assert error_texts(page) == []

    view = page.locator(f"{PANEL} .course-assessment").first
    view.wait_for(timeout=30_000)
    assert "first the 4 clinical cases" in view.inner_text()

    # The first question is the first case: choose the self-care choice by clicking its label.
    case = view.locator(".course-question-case").first
    case.wait_for(timeout=15_000)
    assert "Question 1 of" in case.inner_text()
    case.locator(".widget-radio-box label", has_text="Self-care; keep moving").first.click()
    click_button(case, "Check")
    text = feedback_text(case, "Right")
    assert "✔" in text and "The story goes on below" in text
    assert "Part 2" in case.inner_text()

    # Finishing now scores the unanswered questions as 0 and says what to review.
    click_button(view, "Finish and see my result")
    result = view.locator(".course-assessment-result").first
    result.wait_for(timeout=15_000)
    words = result.inner_text()
    assert re.search(r"Not passed yet: \d+ out of 100", words), words
    assert "What to review" in words
    assert error_texts(page) == []
    screenshot(page, "08-final-assessment")
