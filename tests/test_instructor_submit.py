"""The Submit button at the end of a lesson."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from course.models import Attempt
from course.progress import ProgressStore
from course.widgets.submit import SubmitResults, submit_results


def test_without_an_exchange_the_button_is_off_and_says_how_to_export(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    widget = submit_results("03-symptoms-and-red-flags")
    assert repr(widget) == "SubmitResults('03-symptoms-and-red-flags')"
    assert widget.button.disabled
    assert "python -m course progress export my-progress.json" in widget.message.value
    assert widget.submit() is None
    assert "Not sent" in widget.message.value


def test_submit_writes_the_results_file_and_says_what_was_sent(tmp_path: Path) -> None:
    store = ProgressStore(None, learner="ada")
    moment = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
    attempt = Attempt("00-start-here", "start-single-choice", "L00-O1", 0, True, 1.0, True, moment)
    store.record_attempt(attempt, "00-start-here")
    widget = SubmitResults("00-start-here", folder=tmp_path, store=store)
    assert not widget.button.disabled
    path = widget.submit()
    assert path is not None and path.parent == tmp_path
    assert json.loads(path.read_text())["learner"] == "ada"
    assert "✔ Sent: 1 of" in widget.message.value
    assert widget.state["submitted"] == [path.name]


def test_a_failed_submission_is_shown_not_raised(tmp_path: Path) -> None:
    widget = SubmitResults("00-start-here", folder=tmp_path / "gone", store=ProgressStore(None))
    assert widget.submit() is None
    assert "does not exist" in widget.message.value
