"""Lesson 04 in JupyterLab: it runs without errors, and changing a filter changes the table."""

from __future__ import annotations

from typing import Any

from course import treatments
from tests.browser.lab import (
    PANEL,
    LabServer,
    error_texts,
    open_notebook,
    restart_and_run_all,
    screenshot,
    wait_until,
)

NOTEBOOK = "04-treatments.ipynb"


def dropdown(scope: Any, label: str) -> Any:
    """The <select> of the ipywidgets Dropdown whose label is ``label``."""
    return scope.locator(".widget-dropdown", has_text=label).locator("select").first


def table_rows(scope: Any, table_class: str) -> int:
    return int(scope.locator(f"table.{table_class} tbody tr").count())


def test_changing_a_filter_changes_the_treatment_table(lab: LabServer, page: Any) -> None:
    frame = treatments.treatment_frame()
    medicines = int((frame["Category"] == "medicine").sum())
    open_notebook(page, lab, NOTEBOOK)
    restart_and_run_all(page, lab, NOTEBOOK)
    assert error_texts(page) == []

    explorer = page.locator(f"{PANEL} .course-treatments").first
    explorer.locator("table.treatment-table").wait_for(timeout=30_000)
    assert table_rows(explorer, "treatment-table") == len(frame)
    assert "✔ recommended" in explorer.inner_text()

    dropdown(explorer, "Category").select_option(label="medicine")
    wait_until(
        lambda: table_rows(explorer, "treatment-table") == medicines,
        20,
        "the table did not change after choosing the category 'medicine'",
    )
    status = explorer.locator('[role="status"]').inner_text()
    assert f"Showing {medicines} of {len(frame)} treatments" in status
    assert "Paracetamol" in explorer.locator("table.treatment-table").inner_text()
    assert "Massage" not in explorer.locator("table.treatment-table").inner_text()

    comparison = page.locator(f"{PANEL} .course-treatment-compare").first
    dropdown(comparison, "Second").select_option(label=frame.loc["tens", "Treatment"])
    wait_until(
        lambda: "TENS" in comparison.locator("table.treatment-compare").inner_text(),
        20,
        "the comparison did not change after choosing TENS",
    )

    alts = page.locator(f"{PANEL} figure.course-figure img").evaluate_all(
        "images => images.map(image => image.alt)"
    )
    assert any("heated blanket" in alt for alt in alts), alts
    assert error_texts(page) == []
    screenshot(page, "04-treatments")
    agreement = page.locator(f"{PANEL} .course-guideline-agreement").first
    for name, widget in (("table", explorer), ("agreement", agreement), ("compare", comparison)):
        widget.evaluate("element => element.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        screenshot(page, f"04-treatments-{name}")
