"""The one module that knows where files live.

Content lives in the repository's ``data/`` folder, or wherever the
``COURSE_DATA`` environment variable points. Package assets (the JSON Schemas)
ship inside the package and are read with :mod:`importlib.resources`.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_ROOT.parent


def data_dir() -> Path:
    """Return the content folder: ``$COURSE_DATA`` if set, else the repository's ``data/``.

    Examples
    --------
    >>> data_dir().name in {"data"} or "COURSE_DATA" in os.environ
    True
    """
    override = os.environ.get("COURSE_DATA")
    if override:
        return Path(override).expanduser().resolve()
    if (REPO_ROOT / "data" / "course.yaml").is_file():
        return REPO_ROOT / "data"
    return find_data_upwards(Path.cwd()) or REPO_ROOT / "data"


def find_data_upwards(start: Path) -> Path | None:
    """Find a ``data/course.yaml`` in ``start`` or a parent (the course installed from a wheel)."""
    for folder in (start, *start.parents):
        if (folder / "data" / "course.yaml").is_file():
            return folder / "data"
    return None


def notebooks_dir() -> Path:
    """Return the folder of lesson notebooks (beside the content folder)."""
    override = os.environ.get("COURSE_NOTEBOOKS")
    return Path(override).expanduser().resolve() if override else data_dir().parent / "notebooks"


def schema_file(kind: str) -> Traversable:
    """Return the packaged JSON Schema for a kind of data file, e.g. ``"quiz"``."""
    return resources.files("course").joinpath("schemas", f"{kind}.schema.json")


def manifest_file() -> Path:
    """Return the path of the course manifest, ``course.yaml``."""
    return data_dir() / "course.yaml"


def references_file() -> Path:
    """Return the path of the references file, ``references.yaml``."""
    return data_dir() / "references.yaml"


def quiz_file(quiz_id: str) -> Path:
    """Return the path of one question bank, ``quizzes/<quiz-id>.yaml``."""
    return data_dir() / "quizzes" / f"{quiz_id}.yaml"


def output_dir() -> Path:
    """Return a writable folder for files the course makes for the learner (exports, plans)."""
    override = os.environ.get("COURSE_OUTPUT")
    return Path(override).expanduser().resolve() if override else Path.cwd() / "course-output"


def cache_dir() -> Path:
    """Return the folder for the course's own caches (``$COURSE_CACHE`` or the user cache folder)."""
    override = os.environ.get("COURSE_CACHE")
    if override:
        return Path(override).expanduser().resolve()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("lowback-course"))
