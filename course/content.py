"""Typed access to the course content in ``data/``, loaded once and validated.

Everything the notebooks, widgets and checks know about the course comes
through these functions. Each returns validated data or raises a
:class:`~course.errors.ContentError`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from course import loading, paths
from course.errors import ContentError
from course.models import Lesson, Manifest, Objective, Reference


@cache
def manifest() -> Manifest:
    """Return the course manifest from ``data/course.yaml``."""
    raw = loading.load_yaml(paths.manifest_file(), "course")
    lessons = tuple(to_lesson(item) for item in raw["lessons"])
    return Manifest(title=raw["title"], pass_mark=float(raw.get("pass_mark", 0.7)), lessons=lessons)


def to_lesson(raw: dict[str, Any]) -> Lesson:
    """Build a Lesson from its validated manifest entry."""
    objectives = tuple(Objective(o["id"], o["text"], raw["id"]) for o in raw["objectives"])
    return Lesson(
        id=raw["id"],
        title=raw["title"],
        notebook=raw["notebook"],
        promise=raw["promise"],
        objectives=objectives,
        key_points=tuple(raw["key_points"]),
        teaching_minutes=raw["minutes"]["teaching"],
        activity_minutes=raw["minutes"]["activity"],
        quizzes=tuple(raw["quizzes"]),
    )


@cache
def references() -> dict[str, Reference]:
    """Return the citation records from ``data/references.yaml``, by key."""
    raw = loading.load_yaml(paths.references_file(), "references")
    return {item["key"]: Reference(**item) for item in raw["references"]}


def reference(key: str, where: str = "") -> Reference:
    """Return one reference, or raise a ContentError saying where the dangling key was used."""
    records = references()
    if key not in records:
        raise ContentError(
            where or "data/references.yaml",
            "",
            f"reference key '{key}' does not resolve",
            "add a record with this key to data/references.yaml or correct the key",
        )
    return records[key]


def quiz_ids() -> list[str]:
    """Return the ids of every question bank file in ``data/quizzes/``, sorted."""
    folder = paths.data_dir() / "quizzes"
    return sorted(path.stem for path in folder.glob("*.yaml"))


@cache
def quiz_bank(quiz_id: str) -> dict[str, Any]:
    """Return one validated question bank as a dict (see ``quiz.schema.json``)."""
    path = paths.quiz_file(quiz_id)
    if not path.is_file():
        known = ", ".join(quiz_ids()) or "none"
        raise ContentError(
            loading.display_path(path),
            "",
            f"there is no question bank '{quiz_id}'",
            f"use one of: {known}, or create the file",
        )
    bank = loading.load_yaml(path, "quiz")
    if bank["id"] != quiz_id:
        raise ContentError(
            loading.display_path(path),
            "id",
            f"says '{bank['id']}' but the file is named '{quiz_id}'",
            f"set id: {quiz_id} or rename the file",
        )
    return bank


@cache
def table(name: str) -> list[dict[str, Any]]:
    """Return the validated rows of ``data/<name>.csv`` (schema ``<name>.schema.json``)."""
    return loading.load_csv(paths.data_dir() / f"{name}.csv", name)


@cache
def document(name: str) -> dict[str, Any]:
    """Return a validated YAML data file ``data/<name>.yaml`` (schema ``<name>.schema.json``)."""
    return loading.load_yaml(paths.data_dir() / f"{name}.yaml", name)


@cache
def glossary() -> dict[str, dict[str, Any]]:
    """Return every glossary term from ``data/glossary/*.yaml``, keyed by lower-case term."""
    terms: dict[str, dict[str, Any]] = {}
    for path in sorted((paths.data_dir() / "glossary").glob("*.yaml")):
        for entry in loading.load_yaml(path, "glossary")["terms"]:
            key = entry["term"].lower()
            if key in terms:
                raise ContentError(
                    loading.display_path(path),
                    f"term '{entry['term']}'",
                    "is defined twice in the glossary",
                    "keep one definition and delete the other",
                )
            terms[key] = {**entry, "file": path.name}
    return dict(sorted(terms.items()))


def clear_caches() -> None:
    """Forget loaded content (tests and ``COURSE_DATA`` changes call this)."""
    for function in (manifest, references, quiz_bank, table, document, glossary):
        function.cache_clear()
    loading.load_schema.cache_clear()
    loading.validator_for.cache_clear()


def data_files() -> list[Path]:
    """Every content file under ``data/`` that the checks read."""
    root = paths.data_dir()
    return sorted(
        [
            *root.glob("*.yaml"),
            *root.glob("*.csv"),
            *root.glob("quizzes/*.yaml"),
            *root.glob("glossary/*.yaml"),
        ]
    )
