"""Malformed content fails loading with a message naming the file, the place and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course import content, loading
from course.errors import ContentError
from course.validation import check_course

FIXTURES = Path(__file__).resolve().parent / "fixtures"

LOAD_CASES = [
    (
        "course_missing_field.yaml",
        "course",
        [
            "course_missing_field.yaml",
            "lessons[0] (id '00-start-here')",
            "the field 'title' is missing",
            "add 'title'",
        ],
    ),
    (
        "course_wrong_type.yaml",
        "course",
        ["minutes > teaching", "'ten' is not of type integer", "write a value of type integer"],
    ),
    (
        "course_bad_yaml_syntax.yaml",
        "course",
        ["line 5, column 17", "YAML syntax error", "check indentation"],
    ),
    ("course_empty.yaml", "course", ["the file is empty", "schema_version: 1"]),
    (
        "course_wrong_schema_version.yaml",
        "course",
        ["schema_version", "has 2 where 1 is required", "set it to 1"],
    ),
    (
        "course_bad_objective_id.yaml",
        "course",
        [
            "objectives[0] (id 'objective-one')",
            "does not have the expected form",
            "write it like 'L03-O2'",
        ],
    ),
    ("course_not_utf8.yaml", "course", ["is not valid UTF-8", "save the file as UTF-8"]),
    (
        "references_missing_doi_and_url.yaml",
        "references",
        [
            "references[0] (key 'NoLink2020')",
            "has none of the fields 'doi' or 'url'",
            "add 'doi' or 'url'",
        ],
    ),
    (
        "references_bad_kind.yaml",
        "references",
        [
            "(key 'Blog2020') > kind",
            "'blog post' is not an allowed value",
            "use one of: 'guideline'",
        ],
    ),
]


@pytest.mark.parametrize(
    ("fixture", "kind", "expected"), LOAD_CASES, ids=[case[0] for case in LOAD_CASES]
)
def test_loader_names_file_place_and_fix(fixture: str, kind: str, expected: list[str]) -> None:
    with pytest.raises(ContentError) as caught:
        loading.load_yaml(FIXTURES / fixture, kind)
    message = str(caught.value)
    for part in expected:
        assert part in message, message
    assert "; fix: " in message


def test_missing_file_says_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="the file does not exist; fix: create it"):
        loading.load_yaml(tmp_path / "nowhere.yaml", "course")


def test_csv_without_version_line_is_refused() -> None:
    with pytest.raises(
        ContentError, match="line 1: does not declare the schema version; fix: make the first line"
    ):
        loading.load_csv(FIXTURES / "table_missing_version_line.csv", "glossary")


def test_unknown_kind_of_schema_is_a_content_error() -> None:
    with pytest.raises(ContentError, match="no such schema"):
        loading.load_schema("no-such-kind")


def problems_after(course_copy: Path, replace: dict[str, Path]) -> str:
    """Replace files in the course copy, run the whole check, and return all messages."""
    for target, source in replace.items():
        destination = course_copy / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, destination)
    content.clear_caches()
    return "\n".join(str(problem) for problem in check_course())


CHECK_CASES = [
    (
        {"data/course.yaml": FIXTURES / "course_duplicate_lesson_id.yaml"},
        [
            "data/course.yaml: lesson '00-start-here': is listed more than once; fix: give each lesson a unique id"
        ],
    ),
    (
        {"data/course.yaml": FIXTURES / "course_unknown_quiz.yaml"},
        [
            "names quiz '99-no-such-quiz' which has no file",
            "create data/quizzes/99-no-such-quiz.yaml",
        ],
    ),
    (
        {"data/course.yaml": FIXTURES / "course_notebook_missing.yaml"},
        ["lesson notebook '42-missing.ipynb': does not exist in notebooks/"],
    ),
    (
        {"notebooks/99-stray.ipynb": FIXTURES / "notebook_not_in_manifest.ipynb"},
        ["notebooks/99-stray.ipynb: is not listed in data/course.yaml; fix: add a lesson entry"],
    ),
    (
        {"notebooks/00-start-here.ipynb": FIXTURES / "notebook_dangling_citation.ipynb"},
        ["notebooks/00-start-here.ipynb: cell 1: reference key 'NoSuchKey2099' does not resolve"],
    ),
    (
        {"data/glossary/zz-dangling.yaml": FIXTURES / "glossary_dangling_reference.yaml"},
        [
            "data/glossary/zz-dangling.yaml: terms 'made-up term': reference key 'NoSuchKey2099' does not resolve",
            "add it to data/references.yaml",
        ],
    ),
    (
        {"data/glossary/zz-duplicate.yaml": FIXTURES / "glossary_duplicate_term.yaml"},
        ["term 'zebra TERM': is defined twice in the glossary; fix: keep one definition"],
    ),
    ({"data/course.yaml": FIXTURES / "course_empty.yaml"}, ["data/course.yaml: the file is empty"]),
]


@pytest.mark.parametrize(
    ("replace", "expected"), CHECK_CASES, ids=[next(iter(c[0].values())).name for c in CHECK_CASES]
)
def test_check_reports_cross_reference_problems(
    course_copy: Path, replace: dict[str, Path], expected: list[str]
) -> None:
    report = problems_after(course_copy, replace)
    for part in expected:
        assert part in report, report
