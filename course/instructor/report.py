"""Load an exchange folder and analyse it against this course: the one call the dashboard,
the command line and the benchmark share."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from course.instructor.analysis import ClassReport, Settings, analyse_class
from course.instructor.loading import (
    DEFAULT_OWNER_FORMAT,
    LoadReport,
    OwnerLookup,
    load_results,
    system_owner,
)
from course.models import Manifest
from course.questions import QuizBank


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a class is loaded and analysed.

    Loading builds hundreds of thousands of small objects and no cycles; each
    automatic collection rescans everything built so far, so without the pause a
    class of 10,000 learners took far more than 10 times as long as one of 1,000.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class ClassResults:
    """What was loaded and what the analysis found."""

    loaded: LoadReport
    report: ClassReport


def class_results(
    folder: Path | str,
    roster: Iterable[str] = (),
    check_owner: bool = True,
    owner_format: str = DEFAULT_OWNER_FORMAT,
    settings: Settings | None = None,
    manifest: Manifest | None = None,
    banks: Mapping[str, QuizBank] | None = None,
    owners: OwnerLookup = system_owner,
) -> ClassResults:
    """Load every results file in ``folder`` and analyse the class.

    The manifest and banks default to this course's (banks not written yet are
    skipped); ``owners`` is the uid-to-user-name lookup (tests and the benchmark
    pass their own).
    """
    from course import content
    from course.instructor.results import course_banks

    manifest = manifest or content.manifest()
    banks = banks if banks is not None else course_banks(manifest)
    with paused_gc():
        loaded = load_results(
            folder,
            lessons={lesson.id for lesson in manifest.lessons},
            check_owner=check_owner,
            owner_format=owner_format,
            owners=owners,
        )
        report = analyse_class(loaded.accepted, manifest, banks, roster, settings=settings)
    return ClassResults(loaded, report)
