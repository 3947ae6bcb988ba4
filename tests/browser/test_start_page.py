"""The start page runs in a real JupyterLab in Chromium, and every notebook opens cleanly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.lab import (
    PANEL,
    LabServer,
    error_texts,
    open_notebook,
    restart_and_run_all,
    screenshot,
)


def test_start_page_runs_without_errors(lab: LabServer, page: Any) -> None:
    open_notebook(page, lab, "00-start-here.ipynb")
    restart_and_run_all(page, lab, "00-start-here.ipynb")
    assert error_texts(page) == []
    panel = page.locator(PANEL)
    assert panel.locator(".course-notice").count() == 1
    assert panel.locator("table.course-map a").count() >= 4
    assert panel.locator(".widget-radio-box, .widget-checkbox, .widget-text").count() >= 1
    assert screenshot(page, "00-start-here").stat().st_size > 10_000


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (Path(__file__).parents[2] / "notebooks").glob("*.ipynb"))
)
def test_notebook_opens_without_widget_errors_before_running(
    lab: LabServer, page: Any, name: str
) -> None:
    open_notebook(page, lab, name)
    page.wait_for_timeout(1500)
    body = page.locator(PANEL).inner_text()
    assert "Error displaying widget" not in body
    assert "model not found" not in body
