"""Several kernels of one learner writing to one progress file at once lose nothing."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import UTC, datetime, timedelta
from multiprocessing.synchronize import Barrier
from pathlib import Path

from course.models import Attempt
from course.progress import ProgressStore

PROCESSES = 4
WRITES = 500


def write_attempts(path: str, worker: int, start: Barrier) -> None:
    """One 'kernel': open the store (all at once, on a new file), then write WRITES attempts."""
    start.wait()
    store = ProgressStore(path, learner="ada")
    moment = datetime(2026, 11, 21, tzinfo=UTC)
    for number in range(WRITES):
        attempt = Attempt(
            "00-start-here",
            f"w{worker}-q{number}",
            "L00-O1",
            number,
            number % 3 == 0,
            1.0 if number % 3 == 0 else 0.0,
            True,
            moment + timedelta(seconds=number),
            {"worker": worker},
        )
        store.record_attempt(attempt, "00-start-here")
        if number % 100 == 0:
            store.record_lesson("00-start-here", "opened")
    store.close()


def test_four_processes_writing_500_attempts_each_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "progress.sqlite3"
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    workers = [
        context.Process(target=write_attempts, args=(str(path), worker, start))
        for worker in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=240)
    assert [process.exitcode for process in workers] == [0] * PROCESSES

    store = ProgressStore(path)
    attempts = store.attempts()
    assert len(attempts) == PROCESSES * WRITES
    assert len({a.question_id for a in attempts}) == PROCESSES * WRITES
    assert len({a.statement_id for a in attempts}) == PROCESSES * WRITES
    assert len(store.lesson_events()) == PROCESSES * WRITES // 100
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
