"""environment.yml (conda, Binder) and pyproject.toml must declare the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"^([A-Za-z0-9_.-]+)\s*(.*)$")


def normalise(requirement: str) -> tuple[str, str]:
    """Split 'Name>=1.0' into ('name', '>=1.0'), with PEP 503 name normalisation."""
    match = NAME.match(requirement.strip())
    assert match, f"cannot read requirement {requirement!r}"
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return name, match.group(2).replace(" ", "")


def pyproject_dependencies() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return dict(normalise(item) for item in project["dependencies"])


def conda_dependencies() -> tuple[dict[str, str], str]:
    document = yaml.safe_load((ROOT / "environment.yml").read_text())
    entries = [item for item in document["dependencies"] if isinstance(item, str)]
    python = next(item for item in entries if item.startswith("python"))
    packages = dict(normalise(item) for item in entries if not item.startswith(("python", "pip")))
    return packages, python


def test_environment_matches_pyproject() -> None:
    packages, _ = conda_dependencies()
    assert packages == pyproject_dependencies()


def test_environment_pins_python_within_supported_range() -> None:
    _, python = conda_dependencies()
    assert re.fullmatch(r"python=3\.(1[1-9])", python), python
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11"


def test_postbuild_installs_the_course_package() -> None:
    script = (ROOT / "postBuild").read_text()
    assert "pip install" in script and "-e ." in script
