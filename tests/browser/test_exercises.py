"""Lesson 05 in JupyterLab: answer the safety check, step through an exercise, watch the hold timer move."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.lab import (
    PANEL,
    LabServer,
    click_button,
    error_texts,
    open_notebook,
    restart_and_run_all,
    screenshot,
)

NOTEBOOK = "05-exercises.ipynb"


def player(page: Any) -> Any:
    """The first exercise player of the lesson (the pelvic tilt)."""
    return page.locator(f"{PANEL} .course-exercise-player").first


def step_caption(scope: Any) -> str:
    """The caption of the step picture on show: 'Step n of m. ...'."""
    return str(scope.locator(".course-step-figure figcaption").first.inner_text())


def timer_reading(scope: Any) -> int:
    """The seconds shown by the hold timer's slider."""
    text = scope.locator(".course-hold .widget-readout").first.inner_text()
    return int(text.strip() or 0)


def answer_the_safety_check_with_none_ticked(page: Any) -> None:
    check = page.locator(f"{PANEL} .course-safety-check").first
    check.wait_for(timeout=15_000)
    click_button(check, "None of these")
    check.locator(".course-safety-outcome", has_text="No warning sign ticked").first.wait_for(
        timeout=15_000
    )


def test_safety_check_then_step_through_and_hold(lab: LabServer, page: Any) -> None:
    open_notebook(page, lab, NOTEBOOK)
    restart_and_run_all(page, lab, NOTEBOOK)
    assert error_texts(page) == []

    tilt = player(page)
    tilt.locator("text=Locked until the safety check is answered").first.wait_for(timeout=15_000)
    answer_the_safety_check_with_none_ticked(page)

    tilt.locator(".course-step-figure", has_text="Step 1 of 4.").first.wait_for(timeout=15_000)
    alt = tilt.locator(".course-step-figure img").first.get_attribute("alt") or ""
    assert alt.startswith("Pelvic tilt, step 1 of 4: a stick figure lying on its back"), alt

    for number in (2, 3):
        click_button(tilt, "Next ▶")
        tilt.locator(".course-step-figure", has_text=f"Step {number} of 4.").first.wait_for(
            timeout=15_000
        )
    assert "Hold the tilt" in step_caption(tilt)

    hold = tilt.locator(".course-hold").first
    hold.wait_for(state="visible", timeout=15_000)
    click_button(tilt, "Start hold")
    page.wait_for_timeout(1_500)
    first = timer_reading(tilt)
    page.wait_for_timeout(1_600)
    second = timer_reading(tilt)
    assert 0 < first < second <= 5, (first, second)

    click_button(tilt, "Count a repetition")
    tilt.locator("text=1 of 5").first.wait_for(timeout=15_000)
    screenshot(page, "05-exercises-hold")

    click_button(tilt, "This hurts")
    alert = tilt.locator(".course-hurts").first
    alert.wait_for(timeout=15_000)
    text = alert.inner_text()
    assert "Stop this exercise now" in text and re.search(r"\b999\b", text)
    assert error_texts(page) == []
    screenshot(page, "05-exercises-hurts")
