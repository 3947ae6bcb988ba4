"""Frozen dataclasses for what the course is made of.

Nothing here reads files or imports widgets: loaders build these objects and
everything else consumes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Objective:
    """A learning objective, e.g. ``L03-O2``: what the learner can do after the lesson."""

    id: str
    text: str
    lesson_id: str


@dataclass(frozen=True)
class Lesson:
    """One lesson as the manifest describes it."""

    id: str
    title: str
    notebook: str
    promise: str
    objectives: tuple[Objective, ...]
    key_points: tuple[str, ...]
    teaching_minutes: int
    activity_minutes: int
    quizzes: tuple[str, ...]

    @property
    def minutes(self) -> int:
        """Total minutes: teaching plus activities."""
        return self.teaching_minutes + self.activity_minutes


@dataclass(frozen=True)
class Reference:
    """A citation record from ``data/references.yaml``."""

    key: str
    kind: str
    authors: str
    title: str
    venue: str
    year: int
    doi: str | None = None
    url: str | None = None
    note: str | None = None

    @property
    def link(self) -> str:
        """The best link: the DOI resolver when there is a DOI, else the URL."""
        return f"https://doi.org/{self.doi}" if self.doi else (self.url or "")

    def citation(self) -> str:
        """A one-line citation in plain text.

        Examples
        --------
        >>> Reference("K", "trial", "Doe J", "A trial", "BMJ", 2020, doi="10.1/x").citation()
        'Doe J. A trial. BMJ. 2020. https://doi.org/10.1/x'
        """
        parts = (self.authors, self.title, self.venue, str(self.year))
        return " ".join(f"{part.rstrip('.')}." for part in parts) + f" {self.link}"


@dataclass(frozen=True)
class Manifest:
    """The course manifest: title, pass mark and lessons in order."""

    title: str
    pass_mark: float
    lessons: tuple[Lesson, ...]

    def lesson(self, lesson_id: str) -> Lesson:
        """Return the lesson with this id; raise ``KeyError`` naming the known ids."""
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        known = ", ".join(item.id for item in self.lessons)
        raise KeyError(f"no lesson '{lesson_id}' in the manifest; known lessons: {known}")

    @property
    def objectives(self) -> tuple[Objective, ...]:
        """Every objective of every lesson, in course order."""
        return tuple(obj for lesson in self.lessons for obj in lesson.objectives)


@dataclass(frozen=True)
class Attempt:
    """One graded response to one question, as the progress store records it.

    ``response`` is JSON-serialisable; ``score`` runs from 0 to 1.
    """

    quiz_id: str
    question_id: str
    objective: str
    response: Any
    correct: bool
    score: float
    first_try: bool
    timestamp: datetime
    extra: dict[str, Any] = field(default_factory=dict)
