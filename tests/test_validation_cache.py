"""The loaders' validation cache: identical content is trusted, any change is validated again."""

from __future__ import annotations

from pathlib import Path

import pytest

from course import loading
from course.errors import ContentError

GOOD = "schema_version: 1\nlesson: 00-start-here\nterms:\n  - term: disc\n    definition: A cushion between two vertebrae.\n"
BAD = GOOD.replace("definition: A cushion between two vertebrae.", "definition: short")


@pytest.fixture
def cache_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(loading.VALIDATION_CACHE_ENV, "on")
    monkeypatch.setenv("COURSE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def no_validator(kind: str) -> None:
    raise AssertionError(f"validated {kind} again although the content is unchanged")


def test_unchanged_content_is_not_validated_twice(
    tmp_path: Path, cache_on: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(GOOD)
    loading.load_yaml(path, "glossary")
    assert len(list((cache_on / "validated").iterdir())) == 1
    monkeypatch.setattr(loading, "validator_for", no_validator)
    assert loading.load_yaml(path, "glossary")["terms"][0]["term"] == "disc"


def test_changed_content_is_validated_and_refused(tmp_path: Path, cache_on: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(GOOD)
    loading.load_yaml(path, "glossary")
    path.write_text(BAD)
    with pytest.raises(ContentError, match="definition"):
        loading.load_yaml(path, "glossary")
    assert len(list((cache_on / "validated").iterdir())) == 1  # failures are never remembered


def test_cache_off_always_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(loading.VALIDATION_CACHE_ENV, "off")
    monkeypatch.setenv("COURSE_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "glossary.yaml"
    path.write_text(GOOD)
    loading.load_yaml(path, "glossary")
    assert not (tmp_path / "cache").exists()


def test_unwritable_cache_only_costs_speed(tmp_path: Path, cache_on: Path) -> None:
    cache_on.parent.mkdir(exist_ok=True)
    cache_on.write_text("a file where the cache folder should be")
    path = tmp_path / "glossary.yaml"
    path.write_text(GOOD)
    assert loading.load_yaml(path, "glossary")["lesson"] == "00-start-here"
