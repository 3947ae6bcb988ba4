"""Root pytest configuration: what not to collect, and nbval's comparison rules."""

collect_ignore = ["course/__main__.py", "build", "benchmarks"]


def pytest_collectstart(collector):  # type: ignore[no-untyped-def]
    """Compare notebooks on text only: pandas' and our HTML depend on library versions."""
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html", "application/javascript", "image/png")
