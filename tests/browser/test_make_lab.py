"""`make lab`, the README's first command, serves the start page in a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.lab import PANEL, ROOT, LabServer, start_lab, wait_until


@pytest.fixture
def make_lab(tmp_path: Path, chromium_path: str) -> Iterator[LabServer]:
    server = start_lab(tmp_path, ROOT, tmp_path / "progress.sqlite3", via_make=True)
    yield server
    server.stop()


def test_make_lab_serves_the_start_page(make_lab: LabServer, page: Any) -> None:
    model = make_lab.api("/api/contents/00-start-here.ipynb?content=0")
    assert model["type"] == "notebook"
    page.goto(make_lab.url("/lab/tree/00-start-here.ipynb?reset"))
    page.wait_for_selector(f"{PANEL} .jp-Notebook", timeout=60_000)
    heading = page.locator(f"{PANEL} h1", has_text="Start here").first
    wait_until(lambda: heading.count() > 0, 30, "the start page's title never appeared")
    body = page.locator(PANEL).inner_text()
    assert "Education, not medical advice" in body
    assert "Error displaying widget" not in body
