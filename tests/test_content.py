"""Content tests over every real data file: valid, referenced, and citing primary sources only."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from course import content, paths
from course.validation import check_course, used_reference_keys

DATA = paths.data_dir()
CSV_FILES = sorted(DATA.glob("*.csv"))
MIRROR_HOSTS = (
    "scribd",
    "docslib",
    "slideplayer",
    "fdokumen",
    "abcdocz",
    "pages.dev",
    "rt.http3.lol",
    "quizlet",
    "blogspot",
    "grokipedia",
    "droracle",
    "studylib",
    "docobook",
)


def test_course_check_passes() -> None:
    problems = check_course()
    assert problems == [], "\n".join(str(problem) for problem in problems)


@pytest.mark.parametrize("path", CSV_FILES, ids=[p.name for p in CSV_FILES])
def test_every_row_of_every_table_carries_reference_keys(path: Path) -> None:
    rows = content.table(path.stem)
    assert rows, f"{path.name} has no rows"
    missing = [row.get("id", index) for index, row in enumerate(rows) if not row.get("references")]
    assert missing == [], f"{path.name}: rows without reference keys: {missing}"


def test_every_used_reference_key_resolves() -> None:
    known = set(content.references())
    dangling = [
        (file, where, key) for file, where, key in used_reference_keys() if key not in known
    ]
    assert dangling == []


@pytest.mark.parametrize("key", sorted(content.references()))
def test_references_link_to_primary_sources_not_mirrors(key: str) -> None:
    record = content.references()[key]
    assert record.doi or record.url
    host = urlparse(record.link).netloc
    assert not any(mirror in host for mirror in MIRROR_HOSTS), (
        f"{key} links to a mirror: {record.link}"
    )
    assert record.link.startswith("https://")


def test_no_reference_record_is_a_summary_or_secondary_page() -> None:
    from tests.sources import NEVER_CITED

    assert NEVER_CITED.isdisjoint(content.references())
