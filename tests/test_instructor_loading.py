"""Loading an exchange folder: every kind of bad file is set aside with its reason; the rest load."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from course import content
from course.instructor.loading import load_results, read_roster, system_owner
from course.instructor.results import MAX_BYTES

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = {
    "ada+00-start-here+20261102T100000Z+a1a1a1a1.json",
    "ada+01-lower-back-and-spasm+20261103T100000Z+c3c3c3c3.json",
}
EXPECTED = {  # file -> (kind, words in the reason)
    "ada+00-start-here+20261101T100000Z+b2b2b2b2.json": (
        "duplicate",
        "older submission of 00-start-here by ada; the newest, "
        "ada+00-start-here+20261102T100000Z+a1a1a1a1.json, is used",
    ),
    "ada+01-lower-back-and-spasm+copy.json": ("duplicate", "is a copy of submission c3c3c3c3"),
    "bad_cut_short.json": ("malformed", "is not complete JSON"),
    "bad_missing_scores.json": ("malformed", "the field 'scores' is missing"),
    "bad_newer_version.json": ("newer version", "schema_version 2 is newer than this course reads"),
    "bad_unknown_lesson.json": ("unknown lesson", "lesson '99-not-a-lesson', not in this course"),
    "bad_mislabelled.json": ("mislabelled", "says learner 'mallory' but belongs to user 'ada'"),
    "bad_time_without_offset.json": ("malformed", "not an ISO 8601 time with a UTC offset"),
    "bad_not_utf8.json": ("malformed", "is not UTF-8 text"),
    "notes.txt": ("not a results file", "is not a .json results file"),
    "link-to-a-results-file.json": ("symbolic link", "links are never followed"),
    "link-to-passwd.json": ("symbolic link", "links are never followed"),
    "huge.json": ("oversized", f"more than the {MAX_BYTES:,}-byte limit"),
    "pipe.json": ("not a regular file", "is not a regular file"),
    "folder.json": ("not a regular file", "is not a regular file"),
}


@pytest.fixture
def exchange(tmp_path: Path) -> Path:
    """The fixture folder, plus bad entries git cannot hold: links, a 1 MiB+ file, a FIFO, a folder."""
    folder = tmp_path / "exchange"
    shutil.copytree(FIXTURES / "results_load", folder)
    (folder / "link-to-a-results-file.json").symlink_to(folder / sorted(GOOD)[0])
    (folder / "link-to-passwd.json").symlink_to("/etc/passwd")
    big = json.loads((folder / sorted(GOOD)[0]).read_text())
    big["attempts"][0]["response"] = "x" * MAX_BYTES
    (folder / "huge.json").write_text(json.dumps(big))
    os.mkfifo(folder / "pipe.json")
    (folder / "folder.json").mkdir()
    return folder


def lessons() -> set[str]:
    return {lesson.id for lesson in content.manifest().lessons}


def test_each_bad_file_is_set_aside_with_its_reason_and_the_rest_load(exchange: Path) -> None:
    report = load_results(exchange, lessons=lessons(), owners=lambda uid: "ada")
    assert {results.file for results in report.accepted} == GOOD
    found = {rejection.file: rejection for rejection in report.rejected}
    assert set(found) == set(EXPECTED), "hidden files are skipped; everything else is listed"
    for name, (kind, words) in EXPECTED.items():
        assert found[name].kind == kind, name
        assert words in found[name].reason, (name, found[name].reason)
    assert report.learners == ("ada",)


def test_the_owner_check_uses_the_system_user_that_owns_the_file(tmp_path: Path) -> None:
    me = system_owner(os.getuid())
    if me is None:
        pytest.skip("this user has no name in the system's user database")
    source = json.loads((FIXTURES / "results_load" / sorted(GOOD)[0]).read_text())
    for number, learner in enumerate((me, "mallory")):
        document = {**source, "learner": learner, "submission_id": f"{number:032x}"}
        (tmp_path / f"{learner}.json").write_text(json.dumps(document))
    report = load_results(tmp_path)
    assert [results.learner for results in report.accepted] == [me]
    assert [(r.file, r.kind) for r in report.rejected] == [("mallory.json", "mislabelled")]
    assert f"belongs to user '{me}'" in report.rejected[0].reason


def test_an_owner_the_system_does_not_know_is_not_held_against_the_file(exchange: Path) -> None:
    report = load_results(exchange, lessons=lessons(), owners=lambda uid: None)
    assert "bad_mislabelled.json" in {results.file for results in report.accepted}


def test_the_littlest_jupyterhub_owner_format(exchange: Path) -> None:
    report = load_results(
        exchange,
        lessons=lessons(),
        owners=lambda uid: "jupyter-ada",
        owner_format="jupyter-{learner}",
    )
    assert {results.file for results in report.accepted} == GOOD


def test_without_the_owner_check_every_well_formed_file_loads(exchange: Path) -> None:
    report = load_results(exchange, lessons=lessons(), check_owner=False)
    assert not report.owner_checked
    assert "bad_mislabelled.json" in {results.file for results in report.accepted}


def test_a_learner_name_with_markup_loads_as_plain_data(tmp_path: Path) -> None:
    source = json.loads((FIXTURES / "results_load" / sorted(GOOD)[0]).read_text())
    source["learner"] = '<script>alert("x")</script>'
    (tmp_path / "odd.json").write_text(json.dumps(source))
    report = load_results(tmp_path, check_owner=False)
    assert report.learners == ('<script>alert("x")</script>',)


def test_read_roster_skips_blank_lines_and_comments(tmp_path: Path) -> None:
    roster = tmp_path / "roster.txt"
    roster.write_text("# class of 2026\nada\n\n  ben  \n# left: cal\n")
    assert read_roster(roster) == ["ada", "ben"]
