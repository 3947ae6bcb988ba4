"""The demo class: deterministic, valid, and varied enough for the item analysis to find something."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.cli import main
from course.instructor.demo import make_demo_class
from course.instructor.loading import load_results
from course.instructor.report import class_results


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_the_same_seed_writes_the_same_class(tmp_path: Path) -> None:
    first = make_demo_class(tmp_path / "a", learners=8, seed=11)
    second = make_demo_class(tmp_path / "b", learners=8, seed=11)
    assert first.roster == second.roster
    assert contents(tmp_path / "a") == contents(tmp_path / "b")
    assert contents(tmp_path / "a") != contents(make_demo_class(tmp_path / "c", 8, seed=12).folder)


def test_every_file_loads_except_the_two_set_aside_on_purpose(tmp_path: Path) -> None:
    demo = make_demo_class(tmp_path, learners=20, seed=5)
    report = load_results(tmp_path, check_owner=False)
    assert len(report.accepted) == demo.files
    assert sorted((r.file, r.kind) for r in report.rejected) == sorted(
        zip(demo.set_aside, ("duplicate", "malformed"), strict=True)
    )


def test_a_class_of_forty_shows_flags_concerns_and_spread(tmp_path: Path) -> None:
    demo = make_demo_class(tmp_path, learners=40, seed=7)
    report = class_results(tmp_path, demo.roster, check_owner=False).report
    codes = {flag.code for item in report.items for flag in item.flags}
    assert codes == {"negative-discrimination", "unpicked-distractor"}
    situations = {concern.situation for concern in report.concerns}
    assert {"not started", "stalled"} <= situations
    finals = sorted(report.final.values())
    assert finals[-1] - finals[0] > 0.3, "learners differ"
    started = [lesson.started for lesson in report.lessons if lesson.questions]
    assert started[0] > started[-1], "fewer learners reach the later lessons"


def test_the_command_writes_a_class_and_a_roster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.txt"
    code = main(
        [
            "demo-class",
            "--learners",
            "5",
            "--seed",
            "2",
            "--out",
            str(tmp_path / "c"),
            "--roster",
            str(roster),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "for 5 learners" in out and "check_owner=False" in out
    assert len(roster.read_text().split()) == 5
    assert main(["demo-class", "--learners", "0", "--out", str(tmp_path / "d")]) == 1
