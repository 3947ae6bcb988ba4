"""Root pytest configuration: what not to collect, nbval's comparison rules, a private progress store."""

from __future__ import annotations

import os
import tempfile
from typing import Any

collect_ignore = ["course/__main__.py", "build", "benchmarks"]


def pytest_configure(config: Any) -> None:
    """Validate content afresh, and give nbval's kernels a throw-away progress database."""
    os.environ["COURSE_VALIDATION_CACHE"] = "off"  # tests always validate every file afresh
    if "COURSE_PROGRESS_DB" not in os.environ:
        folder = tempfile.mkdtemp(prefix="course-test-progress-")
        os.environ["COURSE_PROGRESS_DB"] = os.path.join(folder, "progress.sqlite3")


def pytest_collectstart(collector: Any) -> None:
    """Compare notebooks on text only: pandas' and our HTML depend on library versions."""
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html", "application/javascript", "image/png")
