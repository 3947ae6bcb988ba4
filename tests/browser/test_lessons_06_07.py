"""Lessons 06 and 07 run in JupyterLab: no errors, figures with alt text, a diary entry and a claim judged by clicking."""

from __future__ import annotations

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

LESSON_06 = "06-prevention-and-recovery.ipynb"
LESSON_07 = "07-judging-health-information.ipynb"


def figures_with_alt(page: Any) -> list[str]:
    """The alt text of every course figure shown in the open notebook."""
    images = page.locator(f"{PANEL} figure.course-figure img")
    return [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]


def test_lesson_06_runs_with_figures_and_a_diary_entry_added_by_clicking(
    lab: LabServer, page: Any
) -> None:
    open_notebook(page, lab, LESSON_06)
    restart_and_run_all(page, lab, LESSON_06)
    assert error_texts(page) == []
    alts = figures_with_alt(page)
    assert len(alts) >= 3, alts
    assert all(len(alt) > 40 for alt in alts), alts
    assert page.locator(f"{PANEL} table.course-prevention").count() == 1

    diary = page.locator(f"{PANEL} .course-diary").first
    diary.scroll_into_view_if_needed()
    diary.locator(".widget-text input[type=text]").first.fill("walked 20 minutes")
    click_button(diary, "Add to my diary")
    diary.locator("p[role=status]", has_text="Saved for").first.wait_for(timeout=15_000)
    chart = diary.locator("figure.course-diary-chart img").first
    chart.wait_for(timeout=15_000)
    assert "Line chart of your pain diary" in (chart.get_attribute("alt") or "")
    assert error_texts(page) == []
    screenshot(page, "06-prevention-and-recovery")
    page.locator(f"{PANEL} table.course-prevention").first.scroll_into_view_if_needed()
    screenshot(page, "06-prevention-table")


def test_lesson_07_runs_and_a_claim_is_judged_by_clicking(lab: LabServer, page: Any) -> None:
    open_notebook(page, lab, LESSON_07)
    restart_and_run_all(page, lab, LESSON_07)
    assert error_texts(page) == []
    assert page.locator(f"{PANEL} table.course-checklist-overview").count() == 1
    assert page.locator(f"{PANEL} section.course-search-signs").count() == 1

    activity = page.locator(f"{PANEL} .course-judging").first
    activity.scroll_into_view_if_needed()
    activity.locator(".widget-dropdown select").nth(1).select_option(label="✘ Wrong")
    click_button(activity, "Check my verdict")
    result = activity.locator(".course-judging-result", has_text="Your verdict").first
    result.wait_for(timeout=15_000)
    text = str(result.inner_text())
    assert "✘ Wrong" in text and "The evidence:" in text
    score = activity.locator(".course-judging-score").first
    assert "Checked 1 of" in str(score.inner_text())
    assert error_texts(page) == []
    screenshot(page, "07-judging-health-information")
    page.locator(f"{PANEL} table.course-checklist-overview").first.scroll_into_view_if_needed()
    screenshot(page, "07-checklist")
    page.locator(f"{PANEL} section.course-search-signs").first.scroll_into_view_if_needed()
    screenshot(page, "07-search-signs")
