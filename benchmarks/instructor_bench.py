"""Instructor benchmark: load and analyse a class of 1,000 and of 10,000 learners, 100 questions each.

A synthetic course of 10 lessons with 10 single-choice questions each; every
learner submits one results file per lesson (10 files per learner, 100,000
files for the large class), with about 1.4 attempts per question. The timed
work is what the dashboard does on Reload: scan the exchange folder, open,
check and fold every file, then the whole analysis (completion, scores,
learners who need a look, item analysis, mastery).

Prints both times and their ratio. Target: 10,000 learners take at most 12
times as long as 1,000 (no worse than linear), and 1,000 learners under 2 s.

Run alone with ``python benchmarks/instructor_bench.py``; ``benchmarks/run.py``
can list :func:`bench_instructor` (it returns an object with the same
``line()`` as theirs).
"""

from __future__ import annotations

import gc
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course.instructor.report import class_results  # noqa: E402
from course.instructor.results import FORMAT, SCHEMA_VERSION, to_bytes  # noqa: E402
from course.models import Lesson, Manifest, Objective  # noqa: E402
from course.questions import Choice, QuizBank, SingleChoice  # noqa: E402

LESSONS = 10
QUESTIONS_PER_LESSON = 10
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
REPEATS = 2  # each size is timed twice and the faster run kept, the same for both sizes


@dataclass(frozen=True)
class InstructorResult:
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


def synthetic_course() -> tuple[Manifest, dict[str, QuizBank]]:
    """10 lessons, 2 objectives each, 10 four-choice questions per lesson."""
    lessons, banks = [], {}
    for number in range(LESSONS):
        lesson_id = f"{number:02d}-lesson"
        objectives = tuple(
            Objective(f"L{number:02d}-O{o}", f"Objective {o}", lesson_id) for o in (1, 2)
        )
        questions = tuple(
            SingleChoice(
                id=f"q{q}",
                prompt=f"Question {q}?",
                objective=objectives[q % 2].id,
                references=("K",),
                difficulty=1 + q % 3,
                explanation="e",
                choices=tuple(Choice(f"choice {c}", "f", c == 0) for c in range(4)),
                quiz_id=lesson_id,
                lesson=lesson_id,
            )
            for q in range(QUESTIONS_PER_LESSON)
        )
        banks[lesson_id] = QuizBank(lesson_id, lesson_id, lesson_id, questions)
        lessons.append(
            Lesson(lesson_id, f"Lesson {number}", "", "", objectives, (), 10, 10, (lesson_id,))
        )
    return Manifest("Benchmark", 0.7, tuple(lessons)), banks


def attempts_for(lesson_id: str, ability: float, rng: random.Random) -> list[dict[str, Any]]:
    """About 1.4 attempts per question: a first try, and a second after a wrong one."""
    entries = []
    moment = T0
    for q in range(QUESTIONS_PER_LESSON):
        right = rng.random() < ability
        for response in (0,) if right else (rng.randrange(1, 4), 0):
            moment += timedelta(seconds=40)
            entries.append(
                {
                    "quiz_id": lesson_id,
                    "question_id": f"q{q}",
                    "objective": f"L{lesson_id[:2]}-O{1 + q % 2}",
                    "kind": "single_choice",
                    "response": response,
                    "correct": response == 0,
                    "score": 1.0 if response == 0 else 0.0,
                    "first_try": response != 0 or right,
                    "timestamp": moment.isoformat(timespec="microseconds"),
                }
            )
    return entries


def write_class(folder: Path, learners: int, seed: int = 7) -> None:
    """One results file per learner and lesson (written directly: no fsync, to save time)."""
    rng = random.Random(seed)
    for index in range(learners):
        name = f"learner{index:05d}"
        ability = rng.uniform(0.3, 0.95)
        for number in range(LESSONS):
            lesson_id = f"{number:02d}-lesson"
            document = {
                "schema_version": SCHEMA_VERSION,
                "format": FORMAT,
                "submission_id": f"{rng.getrandbits(128):032x}",
                "learner": name,
                "course_version": "bench",
                "lesson": lesson_id,
                "timestamp": T0.isoformat(timespec="microseconds"),
                "attempts": attempts_for(lesson_id, ability, rng),
                "scores": {"questions": QUESTIONS_PER_LESSON, "answered": 10, "score": 0.5},
            }
            (folder / f"{name}+{lesson_id}+{number:04d}.json").write_bytes(to_bytes(document))


def load_and_analyse(folder: Path, manifest: Manifest, banks: dict[str, QuizBank]) -> int:
    """What the dashboard's Reload does; returns the number of learners found.

    The owner lookup runs for every file but answers "unknown", since the
    made-up learners have no system accounts.
    """
    found = class_results(folder, manifest=manifest, banks=banks, owners=lambda uid: None)
    return len(found.report.learners)


def timed(folder: Path, manifest: Manifest, banks: dict[str, QuizBank], repeats: int) -> float:
    """Best seconds of ``repeats`` runs (the least disturbed by other work)."""
    timings = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        load_and_analyse(folder, manifest, banks)
        timings.append(time.perf_counter() - start)
    return min(timings)


def measure(learners: int, repeats: int) -> float:
    """Write a class of ``learners`` into a temporary folder; time loading and analysing it."""
    manifest, banks = synthetic_course()
    with tempfile.TemporaryDirectory(prefix="course-instructor-bench-") as tmp:
        folder = Path(tmp)
        write_class(folder, learners)
        os.sync()  # let the disk finish writing first: time the dashboard, not the writeback
        return timed(folder, manifest, banks, repeats)


def bench_instructor() -> InstructorResult:
    """Load and analyse 10,000 learners ÷ 1,000 learners (100 questions each)."""
    small = measure(1_000, repeats=REPEATS)
    large = measure(10_000, repeats=REPEATS)
    ratio = large / small
    measured = (
        f"1,000 learners x 100 questions {small:.2f} s, "
        f"10,000 learners x 100 questions {large:.2f} s"
    )
    return InstructorResult(
        "class dashboard load+analyse",
        measured,
        ratio,
        "<= 12 and 1,000 learners under 2 s",
        ratio <= 12 and small < 2.0,
    )


if __name__ == "__main__":
    print(bench_instructor().line())
