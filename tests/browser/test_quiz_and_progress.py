"""A learner answers quiz questions by clicking and typing; the answers survive a kernel restart."""

from __future__ import annotations

from typing import Any

from tests.browser.lab import (
    PANEL,
    LabServer,
    click_button,
    error_texts,
    feedback_text,
    open_notebook,
    quiz,
    restart_and_run_all,
    screenshot,
)

START = "00-start-here.ipynb"


def answer_first_two(page: Any) -> None:
    """Single choice by clicking a radio button; numeric by typing '1,0' (a comma decimal)."""
    start = quiz(page)
    start.locator(".widget-radio-box label", has_text="Teaching you about lower back pain").click()
    click_button(start, "Check")
    assert "Right. The course is education" in feedback_text(start, "Right.")
    for _ in range(3):
        click_button(start, "Next question")
    box = start.locator(".widget-text input[type=text]").first
    box.fill("1,0")
    click_button(start, "Check")
    assert "One NHS referral guideline" in feedback_text(start, "Right.")


def test_single_choice_and_numeric_answered_in_the_browser(lab: LabServer, page: Any) -> None:
    open_notebook(page, lab, START)
    restart_and_run_all(page, lab, START)
    answer_first_two(page)
    assert error_texts(page) == []
    screenshot(page, "00-quiz-answered")


def test_attempt_survives_kernel_restart_on_the_course_map(lab: LabServer, page: Any) -> None:
    open_notebook(page, lab, START)
    restart_and_run_all(page, lab, START)
    answer_first_two(page)
    restart_and_run_all(page, lab, START)
    course_map = page.locator(f"{PANEL} .course-progress-map").first
    course_map.wait_for(timeout=15_000)
    text = course_map.inner_text()
    assert "Start here" in text
    assert "2 of 8" in text, text
    screenshot(page, "00-progress-after-restart")
