"""The instructor commands: exchange init, gradebook, instructor-table."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from course.cli import main
from course.instructor.demo import make_demo_class
from course.instructor.loading import load_results


def test_exchange_init_creates_the_drop_box_and_prints_what_it_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["exchange", "init", str(tmp_path / "box")]) == 0
    out = capsys.readouterr().out
    assert "mode 1733 (drwx-wx-wt)" in out
    assert f"COURSE_EXCHANGE={tmp_path / 'box'}" in out
    assert stat.S_IMODE((tmp_path / "box").stat().st_mode) == 0o1733


def test_exchange_init_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["exchange", "init", str(tmp_path / "file")]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_gradebook_lists_files_set_aside_and_writes_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = make_demo_class(tmp_path / "class", learners=6, seed=4)
    out = tmp_path / "grades.csv"
    code = main(
        ["gradebook", "--exchange", str(demo.folder), "--out", str(out), "--no-owner-check"]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert printed.count("set aside") == 2
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("learner_id,00-start-here,")
    assert rows[0].endswith(",final_score")
    learners = load_results(demo.folder, check_owner=False).learners
    assert [row.split(",")[0] for row in rows[1:]] == list(learners)


def test_gradebook_without_a_folder_says_how_to_name_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    assert main(["gradebook", "--out", str(tmp_path / "g.csv")]) == 1
    assert "--exchange DIR" in capsys.readouterr().err


def test_instructor_table_check_passes_on_the_repository(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["instructor-table", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
