"""The course's own exception types.

Every error a learner, author or instructor can meet names the file, the place
inside it, what is wrong and how to fix it.
"""

from __future__ import annotations

from pathlib import Path


class CourseError(Exception):
    """Base class for every error the course raises on purpose."""


class ContentError(CourseError):
    """A data file is missing, unreadable or breaks a rule.

    Examples
    --------
    >>> err = ContentError("data/course.yaml", "lessons[2]", "has no 'title'", "add a title")
    >>> str(err)
    "data/course.yaml: lessons[2]: has no 'title'; fix: add a title"
    """

    def __init__(self, file: str | Path, location: str, problem: str, fix: str) -> None:
        self.file = str(file)
        self.location = location
        self.problem = problem
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.file}: {self.location}: " if self.location else f"{self.file}: "
        return f"{where}{self.problem}; fix: {self.fix}"


class AnswerError(CourseError):
    """A learner's response cannot be graded (empty, not a number, out of range).

    The message is written for the learner; such responses are never recorded.
    """


class ProgressError(CourseError):
    """The progress store cannot be used as asked (for example a newer schema)."""
