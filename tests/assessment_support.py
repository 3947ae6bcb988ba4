"""A small synthetic course for the final-assessment tests: three lessons, their banks, the rules.

Lessons ``00-alpha`` (objectives L00-O1, L00-O2) and ``01-beta`` (L01-O1) have
``pool`` true/false questions per objective; ``08-final`` (L08-O1) has two case
questions, always included, and three more true/false questions. The rules ask
for one question per objective, and three on L08-O1 (the two cases and one drawn).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from course import content

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LESSONS: dict[str, tuple[str, ...]] = {
    "00-alpha": ("L00-O1", "L00-O2"),
    "01-beta": ("L01-O1",),
    "08-final": ("L08-O1",),
}
CASES = ("final-case-a", "final-case-b")
EXPECTED_PER_OBJECTIVE = {"L00-O1": 1, "L00-O2": 1, "L01-O1": 1, "L08-O1": 3}


def manifest(lessons: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """A course manifest with one bank per lesson and a pass mark of 0.7."""
    return {
        "schema_version": 1,
        "title": "A <test> course & its assessment",
        "pass_mark": 0.7,
        "lessons": [
            {
                "id": lesson,
                "title": f"Lesson {lesson}",
                "notebook": f"{lesson}.ipynb",
                "promise": f"The promise of lesson {lesson}.",
                "objectives": [{"id": oid, "text": f"Do what {oid} asks."} for oid in objectives],
                "key_points": ["A key point."],
                "minutes": {"teaching": 5, "activity": 5},
                "quizzes": [lesson],
            }
            for lesson, objectives in lessons.items()
        ],
    }


def true_false(question_id: str, objective: str) -> dict[str, Any]:
    """A true/false question whose answer is True."""
    return {
        "id": question_id,
        "kind": "true_false",
        "objective": objective,
        "difficulty": 1,
        "references": ["REF-A"],
        "prompt": f"Is {question_id} true?",
        "answer": True,
        "feedback": {"true": "Right, it is.", "false": "No, it is true."},
        "explanation": "Because it is.",
    }


def case(question_id: str, objective: str) -> dict[str, Any]:
    """A two-part case whose right path is choice 0, then choice 0."""
    choices_start = [
        {"text": "Right start", "correct": True, "next": "end", "feedback": "Right, go on."},
        {"text": "Wrong start", "next": "end", "feedback": "Not the best, go on."},
    ]
    choices_end = [
        {"text": "Right end", "correct": True, "feedback": "Right, the end."},
        {"text": "Wrong end", "feedback": "Not the best, the end."},
    ]
    return {
        "id": question_id,
        "kind": "case",
        "objective": objective,
        "difficulty": 2,
        "references": ["REF-A"],
        "prompt": f"**{question_id}.** A story in two parts.",
        "parts": [
            {
                "id": "start",
                "story": "The story starts.",
                "question": "What now?",
                "choices": choices_start,
            },
            {
                "id": "end",
                "story": "The story ends.",
                "question": "And now?",
                "choices": choices_end,
            },
        ],
        "explanation": "How the case goes.",
    }


def bank(lesson: str, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """A question bank for a lesson."""
    return {
        "schema_version": 1,
        "id": lesson,
        "lesson": lesson,
        "title": f"Quiz of {lesson}",
        "questions": questions,
    }


def lesson_questions(lesson: str, objectives: tuple[str, ...], pool: int) -> list[dict[str, Any]]:
    """``pool`` true/false questions per objective, ids like ``00-alpha-l00-o1-2``."""
    return [
        true_false(f"{lesson}-{objective.lower()}-{n}", objective)
        for objective in objectives
        for n in range(1, pool + 1)
    ]


def rules(**changes: Any) -> dict[str, Any]:
    """The assessment rules of the synthetic course, with any fields changed."""
    return {
        "schema_version": 1,
        "title": "Test final assessment",
        "bank": "08-final",
        "seed": "test-seed",
        "always_include": list(CASES),
        "per_objective": 1,
        "per_objective_in_lesson": {"08-final": 3},
        **changes,
    }


def write_yaml(path: Path, data: Mapping[str, Any]) -> None:
    """Write one YAML file."""
    path.write_text(yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True), "utf-8")


def make_assessment_course(
    root: Path,
    monkeypatch: pytest.MonkeyPatch,
    pool: int = 3,
    rule_changes: Mapping[str, Any] | None = None,
    lessons: Mapping[str, tuple[str, ...]] = LESSONS,
) -> Path:
    """Write the synthetic course under ``root/data``, point COURSE_DATA at it; return data/."""
    data = root / "data"
    (data / "quizzes").mkdir(parents=True)
    write_yaml(data / "course.yaml", manifest(lessons))
    shutil.copy(FIXTURES / "quiz_references.yaml", data / "references.yaml")
    for lesson, objectives in lessons.items():
        if lesson == "08-final":
            questions = [case(qid, "L08-O1") for qid in CASES]
            questions += [true_false(f"final-extra-{n}", "L08-O1") for n in range(1, 4)]
        else:
            questions = lesson_questions(lesson, objectives, pool)
        write_yaml(data / "quizzes" / f"{lesson}.yaml", bank(lesson, questions))
    write_yaml(data / "assessment.yaml", rules(**(rule_changes or {})))
    monkeypatch.setenv("COURSE_DATA", str(data))
    content.clear_caches()
    return data


class RecordingStore:
    """Records attempts and lesson events like the progress store does, in lists."""

    def __init__(self) -> None:
        self.attempts: list[tuple[Any, str]] = []
        self.events: list[tuple[str, str]] = []

    def record_attempt(self, attempt: Any, lesson_id: str) -> None:
        """Keep the attempt."""
        self.attempts.append((attempt, lesson_id))

    def record_lesson(self, lesson_id: str, event: str) -> None:
        """Keep the lesson event."""
        self.events.append((lesson_id, event))
