"""Benchmarks: each figure is a ratio against a baseline measured in the same run.

Run with ``python benchmarks/run.py`` (or ``make bench``). Prints one line per
benchmark: the measured values, the ratio and its target. Exit code is 0 even
when a target is missed: benchmarks report, tests decide.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable


@dataclass(frozen=True)
class Result:
    """One benchmark's figures."""

    name: str
    measured: str
    ratio: float
    target: str
    met: bool

    def line(self) -> str:
        verdict = "meets target" if self.met else "MISSES target"
        return f"{self.name}: {self.measured}; ratio {self.ratio:.2f} (target {self.target}, {verdict})"


def wall(command: list[str], cwd: Path) -> float:
    """Seconds one command takes; fails loudly if it fails."""
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-2000:]}"
        )
    return elapsed


def median_time(command: list[str], cwd: Path, repeats: int) -> float:
    return statistics.median(wall(command, cwd) for _ in range(repeats))


def lesson_notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def empty_notebooks(folder: Path, count: int) -> list[Path]:
    """``count`` notebooks with one trivial cell each: the kernel start-up floor."""
    paths = []
    for index in range(count):
        notebook = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("1 + 1", execution_count=1)
        cell.outputs = [
            nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
        ]
        notebook.cells = [cell]
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        path = folder / f"empty-{index}.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    return paths


NBVAL = [
    "-m",
    "pytest",
    "-q",
    "-p",
    "no:cacheprovider",
    "--nbval",
    "--nbval-current-env",
    "--nbval-cell-timeout=120",
    "-o",
    "addopts=",
]


def bench_nbval() -> Result:
    """nbval over every notebook ÷ nbval over as many empty notebooks."""
    notebooks = lesson_notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        empties = empty_notebooks(Path(tmp), len(notebooks))
        floor = wall([PY, *NBVAL, *map(str, empties)], Path(tmp))
    real = wall(
        [PY, *NBVAL, "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", *map(str, notebooks)],
        ROOT,
    )
    ratio = real / floor
    return Result(
        "nbval wall time",
        f"{len(notebooks)} notebooks {real:.1f} s, {len(notebooks)} empty {floor:.1f} s",
        ratio,
        "<= 1.5",
        ratio <= 1.5,
    )


MEASURE_RSS = "import psutil; print(psutil.Process().memory_info().rss)"


def kernel_rss(cells: list[str], cwd: Path) -> int:
    """Resident memory of a fresh kernel after running ``cells`` (bytes)."""
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in [*cells, MEASURE_RSS]]
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return int(notebook.cells[-1].outputs[-1]["text"].strip())


def code_cells(path: Path) -> list[str]:
    return [
        cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
    ]


def bench_memory() -> Result:
    """Kernel memory after the heaviest lesson ÷ a kernel that imported pandas, ipywidgets, matplotlib."""
    baseline = kernel_rss(["import pandas, ipywidgets, matplotlib"], ROOT / "notebooks")
    per_lesson = {
        path.name: kernel_rss(code_cells(path), ROOT / "notebooks") for path in lesson_notebooks()
    }
    heaviest = max(per_lesson, key=lambda name: per_lesson[name])
    ratio = per_lesson[heaviest] / baseline
    mib = 1024 * 1024
    return Result(
        "kernel memory",
        f"heaviest lesson {heaviest} {per_lesson[heaviest] / mib:.0f} MiB, "
        f"baseline {baseline / mib:.0f} MiB",
        ratio,
        "<= 1.10",
        ratio <= 1.10,
    )


def bench_import() -> Result:
    """``import course`` time ÷ ``import pandas, ipywidgets`` time (interpreter start subtracted)."""
    repeats = 7
    bare = median_time([PY, "-c", "pass"], ROOT, repeats)
    ours = median_time([PY, "-c", "from course import *"], ROOT, repeats) - bare
    theirs = median_time([PY, "-c", "import pandas, ipywidgets"], ROOT, repeats) - bare
    first_use = median_time([PY, "-c", "import course.widgets.quiz"], ROOT, repeats) - bare
    ratio = max(ours, 0.0) / theirs
    return Result(
        "import time",
        f"'from course import *' {ours * 1000:.0f} ms, "
        f"'import pandas, ipywidgets' {theirs * 1000:.0f} ms "
        f"(for transparency: the first show_quiz call imports the quiz stack, {first_use * 1000:.0f} ms)",
        ratio,
        "<= 1.10",
        ratio <= 1.10,
    )


def bench_progress() -> Result:
    """Course-map rebuild at 10,000 attempts ÷ at 1,000 (see benchmarks/progress_bench.py)."""
    from benchmarks.progress_bench import bench_progress as measure

    found = measure()
    return Result(found.name, found.measured, found.ratio, found.target, found.met)


def best_time(work: Callable[[], object], repeats: int = 15) -> float:
    """The fastest of several runs (least disturbed by other load), in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_quiz() -> Result:
    """Build a 10-question quiz ÷ build 10 bare ipywidgets controls (RadioButtons)."""
    import ipywidgets

    from course import content
    from course.widgets.quiz import build_quiz

    ids = [q["id"] for quiz in content.quiz_ids() for q in content.quiz_bank(quiz)["questions"]]
    ten = ids[:10]
    options = ["first choice", "second choice", "third choice"]

    def bare() -> list[object]:
        return [ipywidgets.RadioButtons(options=options, description="Q") for _ in ten]

    def quiz() -> object:
        return build_quiz(questions=ten, title="Benchmark", store=MemoryRecorder())

    def quiz_all_views() -> object:
        built = quiz()
        return [built.question(question_id) for question_id in ten]  # type: ignore[attr-defined]

    quiz(), bare()  # warm caches: bank loading and widget classes are paid once per kernel
    ours, theirs, full = best_time(quiz), best_time(bare), best_time(quiz_all_views, 5)
    ratio = ours / theirs
    return Result(
        "quiz build",
        f"10-question quiz {ours * 1000:.1f} ms (all 10 question views built: {full * 1000:.1f} ms, "
        f"{full / theirs:.1f}x), 10 bare RadioButtons {theirs * 1000:.1f} ms",
        ratio,
        "<= 2.0",
        ratio <= 2.0,
    )


class MemoryRecorder:
    """Keeps attempts in memory, so the benchmark never touches a progress database."""

    def record_attempt(self, attempt: object, lesson_id: str) -> None:
        return None


def bench_instructor() -> Result:
    """Load and analyse 10,000 learners ÷ 1,000 (see benchmarks/instructor_bench.py)."""
    from benchmarks.instructor_bench import bench_instructor as measure

    found = measure()
    return Result(found.name, found.measured, found.ratio, found.target, found.met)


BENCHMARKS: dict[str, Callable[[], Result]] = {
    "instructor": bench_instructor,
    "quiz": bench_quiz,
    "import": bench_import,
    "progress": bench_progress,
    "memory": bench_memory,
    "nbval": bench_nbval,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "names", nargs="*", choices=[*BENCHMARKS, []], help="which benchmarks (default: all)"
    )
    args = parser.parse_args()
    for name in args.names or BENCHMARKS:
        print(BENCHMARKS[name]().line(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
