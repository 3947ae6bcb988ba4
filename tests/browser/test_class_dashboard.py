"""The instructor's class dashboard runs in JupyterLab on the demo class and shows the item analysis."""

from __future__ import annotations

import re
from pathlib import Path
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

NOTEBOOK = "instructor/class-dashboard.ipynb"
LESSON_TITLE = "Symptoms, red flags and when to seek care"


def item_table(page: Any) -> Any:
    """The item-analysis table of the open notebook, once it is shown."""
    table = page.locator(f"{PANEL} table.course-item-analysis").first
    table.wait_for(timeout=60_000)
    return table


def test_the_dashboard_shows_the_item_analysis_of_the_demo_class(lab: LabServer, page: Any) -> None:
    open_notebook(page, lab, NOTEBOOK)
    restart_and_run_all(page, lab, NOTEBOOK, timeout_s=240)
    assert error_texts(page) == []
    table = item_table(page)
    headers = table.locator("thead th").all_inner_texts()
    assert headers[:5] == [
        "Question",
        "Kind",
        "Prompt",
        "First tries",
        "Difficulty (right first time)",
    ]
    assert "Point-biserial" in headers and "Upper−lower" in headers
    assert table.locator("tbody tr").count() > 20
    assert "⚠" in table.inner_text(), "the demo class has questions that look broken"
    panel = page.locator(PANEL)
    images = panel.locator("section.course-completion-section figure img")
    assert images.count() == 2
    assert all(len(images.nth(i).get_attribute("alt") or "") > 60 for i in range(2))
    assert "set aside" in panel.locator("table.course-rejected-files caption").first.inner_text()
    screenshot(page, "class-dashboard")


def test_the_lesson_filter_and_the_gradebook_button_work_by_clicking(
    lab: LabServer, page: Any
) -> None:
    open_notebook(page, lab, NOTEBOOK)
    restart_and_run_all(page, lab, NOTEBOOK, timeout_s=240)
    item_table(page)
    dashboard = page.locator(f"{PANEL} .course-class-dashboard-widget").first
    dashboard.locator(".widget-dropdown select").first.select_option(label=LESSON_TITLE)
    caption = dashboard.locator("table.course-item-analysis caption").first
    caption.filter(has_text=LESSON_TITLE).wait_for(timeout=15_000)
    rows = dashboard.locator("table.course-item-analysis tbody tr")
    assert all("flag-" in row for row in rows.all_inner_texts())
    click_button(dashboard, "Export gradebook as CSV")
    message = dashboard.locator("p[role=status]", has_text="Gradebook written to").first
    message.wait_for(timeout=15_000)
    path = Path(message.locator("code").inner_text())
    try:
        assert path.read_text(encoding="utf-8-sig").startswith("learner_id,00-start-here,")
    finally:  # the notebook's folder is the learner-facing repository: leave nothing behind
        path.unlink(missing_ok=True)
        if path.parent.name == "course-output" and not any(path.parent.iterdir()):
            path.parent.rmdir()
    assert error_texts(page) == []
    assert re.search(r"\d+ learners", dashboard.inner_text())
    screenshot(page, "class-dashboard-filtered")


def test_a_lesson_ends_with_the_submit_button_and_the_export_advice(
    lab: LabServer, page: Any
) -> None:
    name = "00-start-here.ipynb"
    open_notebook(page, lab, name)
    restart_and_run_all(page, lab, name)
    submit = page.locator(f"{PANEL} .course-submit").first
    submit.wait_for(timeout=30_000)
    button = submit.locator("button.jupyter-button", has_text="Submit my results")
    assert button.is_disabled(), "the test server has no COURSE_EXCHANGE"
    assert "python -m course progress export my-progress.json" in submit.inner_text()
    assert error_texts(page) == []
