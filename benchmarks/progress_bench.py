"""Progress benchmark: record 10,000 attempts, then rebuild the course map.

Prints the time to record the attempts (one transaction each, as a quiz does),
the time to rebuild the map from the store (as the widget's Refresh does: SQL
aggregation per question, then the map arithmetic) at 1,000 and at 10,000
attempts, and the database size.
Target: the rebuild at 10,000 attempts takes at most 12 times its time at 1,000
(no worse than linear) and under half a second.

Run alone with ``python benchmarks/progress_bench.py``; ``benchmarks/run.py``
can list :func:`bench_progress` among its benchmarks (it returns an object
with the same ``line()`` as theirs).
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course import content  # noqa: E402
from course.models import Attempt, Manifest  # noqa: E402
from course.progress import ProgressStore, read_course_map  # noqa: E402

QUESTIONS_PER_OBJECTIVE = 10
T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class ProgressResult:
    """The benchmark's figures, printed like ``benchmarks/run.py``'s results."""

    name: str
    measured: str
    ratio: float
    target: str
    met: bool

    def line(self) -> str:
        verdict = "meets target" if self.met else "MISSES target"
        figures = f"ratio {self.ratio:.2f} (target {self.target}, {verdict})"
        return f"{self.name}: {self.measured}; {figures}"


def synthetic_banks(manifest: Manifest) -> dict[str, dict[str, Any]]:
    """Ten questions per objective, in each lesson's first bank (real banks may be unfinished)."""
    return {
        lesson.quizzes[0]: {
            "questions": [
                {"id": f"{objective.id.lower()}-q{n}", "objective": objective.id}
                for objective in lesson.objectives
                for n in range(QUESTIONS_PER_OBJECTIVE)
            ]
        }
        for lesson in manifest.lessons
        if lesson.quizzes
    }


def synthetic_attempts(banks: dict[str, dict[str, Any]], count: int) -> list[tuple[Attempt, str]]:
    """``count`` attempts over every question, a third of them correct, a minute apart."""
    keys = [
        (quiz_id, question) for quiz_id, bank in banks.items() for question in bank["questions"]
    ]
    attempts = []
    for number in range(count):
        quiz_id, question = keys[number % len(keys)]
        correct = number % 3 == 0
        attempt = Attempt(
            quiz_id,
            question["id"],
            question["objective"],
            {"choice": number % 4},
            correct,
            float(correct),
            number < len(keys),
            T0 + timedelta(minutes=number),
            {"kind": "single_choice"},
        )
        attempts.append((attempt, quiz_id))
    return attempts


def record(store: ProgressStore, attempts: list[tuple[Attempt, str]]) -> float:
    """Seconds to record every attempt, one transaction each."""
    start = time.perf_counter()
    for attempt, lesson_id in attempts:
        store.record_attempt(attempt, lesson_id)
    return time.perf_counter() - start


def rebuild(store: ProgressStore, manifest: Manifest, banks: dict[str, dict[str, Any]]) -> float:
    """Best seconds (of 7) to rebuild the map from the store, as the widget's Refresh does.

    The best of several runs is the least disturbed by other work on the machine.
    """
    timings = []
    for _ in range(7):
        gc.collect()
        start = time.perf_counter()
        read_course_map(store, manifest, banks)
        timings.append(time.perf_counter() - start)
    return min(timings)


def database_bytes(path: Path) -> int:
    """Size of the database and its WAL file."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def measure(
    folder: Path, count: int, manifest: Manifest, banks: dict[str, dict[str, Any]]
) -> tuple[float, float, int]:
    """Record ``count`` attempts into a new database; return record time, rebuild time, size."""
    path = folder / f"progress-{count}.sqlite3"
    store = ProgressStore(path, learner="bench")
    recorded = record(store, synthetic_attempts(banks, count))
    rebuilt = rebuild(store, manifest, banks)
    store.close()
    return recorded, rebuilt, database_bytes(path)


def bench_progress() -> ProgressResult:
    """Rebuild time at 10,000 attempts ÷ at 1,000; record time and size at 10,000."""
    manifest = content.manifest()
    banks = synthetic_banks(manifest)
    with tempfile.TemporaryDirectory() as tmp:
        _, small, _ = measure(Path(tmp), 1_000, manifest, banks)
        recorded, large, size = measure(Path(tmp), 10_000, manifest, banks)
    ratio = large / small
    measured = (
        f"recorded 10,000 attempts in {recorded:.2f} s; map rebuilt in {large * 1000:.0f} ms "
        f"at 10,000 and {small * 1000:.1f} ms at 1,000; database {size / 1024 / 1024:.1f} MiB"
    )
    return ProgressResult(
        "progress map", measured, ratio, "<= 12 and under 0.5 s", ratio <= 12 and large < 0.5
    )


if __name__ == "__main__":
    print(bench_progress().line())
