"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium per session.

Without a chromium binary these tests skip with a one-line reason, except under
CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.lab import CHROMIUM_ARGS, ROOT, LabServer, chromium_binary, start_lab


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    binary = chromium_binary()
    if binary:
        return binary
    if os.environ.get("CI") == "true":
        pytest.fail(
            "CI=true but no chromium binary: `make test` installs Debian's chromium as root"
        )
    pytest.skip("no chromium binary on PATH (install Debian's chromium to run the browser tests)")


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[LabServer]:
    home = tmp_path_factory.mktemp("lab")
    server = start_lab(home, ROOT / "notebooks", home / "progress.sqlite3")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb"))
