"""Course-wide checks: every file valid, every cross-reference resolving.

:func:`check_course` returns a list of problems (``ContentError``) rather than
stopping at the first, so ``python -m course check`` can print them all.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import Any

from course import content, loading, paths
from course.errors import ContentError

CITATION = re.compile(r"\[@([A-Za-z][A-Za-z0-9-]*)\]")

Check = Callable[[], list[ContentError]]


def check_course() -> list[ContentError]:
    """Run every check and return all problems found (empty when the course is sound).

    Every file is validated afresh: the loaders' validation cache is switched off here.
    """
    os.environ[loading.VALIDATION_CACHE_ENV] = "off"
    content.clear_caches()
    problems: list[ContentError] = []
    for check in CHECKS:
        try:
            problems.extend(check())
        except ContentError as exc:
            problems.append(exc)
    return dedupe(problems)


def dedupe(problems: Iterable[ContentError]) -> list[ContentError]:
    """Drop repeated problems (a broken file can be reported by several checks)."""
    seen: dict[str, ContentError] = {}
    for problem in problems:
        seen.setdefault(problem.message, problem)
    return list(seen.values())


def check_files_load() -> list[ContentError]:
    """Every data file parses and matches its schema."""
    problems: list[ContentError] = []
    for loader in (content.manifest, content.references, content.glossary):
        problems.extend(attempt(loader))
    for quiz_id in content.quiz_ids():
        problems.extend(attempt(partial(content.quiz_bank, quiz_id)))
    for path in sorted(paths.data_dir().glob("*.csv")):
        problems.extend(attempt(partial(content.table, path.stem)))
    for path in sorted(paths.data_dir().glob("*.yaml")):
        if path.stem not in ("course", "references"):
            problems.extend(attempt(partial(content.document, path.stem)))
    return problems


def attempt(loader: Callable[[], Any]) -> list[ContentError]:
    """Call a loader; return its ContentError as a one-item list, or nothing."""
    try:
        loader()
    except ContentError as exc:
        return [exc]
    return []


def check_manifest() -> list[ContentError]:
    """Lesson and objective ids are unique; quizzes and notebooks named in the manifest exist."""
    manifest = content.manifest()
    where = loading.display_path(paths.manifest_file())
    problems = [
        ContentError(
            where,
            f"lesson '{lesson_id}'",
            "is listed more than once",
            "give each lesson a unique id",
        )
        for lesson_id in duplicates(lesson.id for lesson in manifest.lessons)
    ]
    problems += [
        ContentError(
            where,
            f"objective '{objective_id}'",
            "is used more than once",
            "give each objective a unique id",
        )
        for objective_id in duplicates(obj.id for obj in manifest.objectives)
    ]
    known_quizzes = set(content.quiz_ids())
    for lesson in manifest.lessons:
        problems += [
            ContentError(
                where,
                f"lesson '{lesson.id}' > quizzes",
                f"names quiz '{quiz}' which has no file",
                f"create data/quizzes/{quiz}.yaml or remove '{quiz}' from the lesson",
            )
            for quiz in lesson.quizzes
            if quiz not in known_quizzes
        ]
    return problems


def check_notebooks_match() -> list[ContentError]:
    """Every notebook in the manifest exists, and every lesson notebook is in the manifest."""
    manifest = content.manifest()
    where = loading.display_path(paths.manifest_file())
    listed = {lesson.notebook for lesson in manifest.lessons}
    folder = paths.notebooks_dir()
    present = {path.name for path in folder.glob("*.ipynb")}
    problems = [
        ContentError(
            where,
            f"lesson notebook '{name}'",
            "does not exist in notebooks/",
            "create the notebook (python -m course scaffold writes its header) or fix the name",
        )
        for name in sorted(listed - present)
    ]
    problems += [
        ContentError(
            f"notebooks/{name}",
            "",
            "is not listed in data/course.yaml",
            "add a lesson entry for it to the manifest, or delete the notebook",
        )
        for name in sorted(present - listed)
    ]
    return problems


def check_reference_keys() -> list[ContentError]:
    """Every reference key used anywhere in data/ or in a notebook citation resolves."""
    known = set(content.references())
    problems = []
    for file, location, key in used_reference_keys():
        if key not in known and "/quizzes/" not in file:  # question banks: reported by bankrules
            problems.append(
                ContentError(
                    file,
                    location,
                    f"reference key '{key}' does not resolve",
                    "add it to data/references.yaml or correct the key",
                )
            )
    return problems


def used_reference_keys() -> Iterator[tuple[str, str, str]]:
    """Yield (file, location, key) for every reference key the course uses."""
    for path in content.data_files():
        if path.name == "references.yaml":
            continue
        try:
            data = loaded(path)
        except ContentError:
            continue  # reported by check_files_load
        for location, key in walk_references(data, ""):
            yield loading.display_path(path), location, key
    for path in sorted(paths.notebooks_dir().glob("*.ipynb")):
        for index, key in notebook_citations(path):
            yield f"notebooks/{path.name}", f"cell {index + 1}", key


def loaded(path: Path) -> Any:
    """Return a data file's parsed content (rows for a CSV) without re-validating."""
    if path.suffix == ".csv":
        return content.table(path.stem)
    return loading.parse_yaml(path)


def walk_references(node: Any, location: str) -> Iterator[tuple[str, str]]:
    """Yield (location, key) for every ``references`` list inside a parsed data structure.

    Examples
    --------
    >>> list(walk_references({"terms": [{"term": "disc", "references": ["K1"]}]}, ""))
    [("terms 'disc'", 'K1')]
    """
    if isinstance(node, dict):
        for field_name, value in node.items():
            if field_name == "references" and isinstance(value, list):
                yield from ((location or "top level", str(key)) for key in value)
            elif isinstance(value, list):
                yield from walk_references(value, f"{location} {field_name}".strip())
            else:
                yield from walk_references(value, location)
    elif isinstance(node, list):
        for item in node:
            label = item_label(item)
            yield from walk_references(item, f"{location} '{label}'" if label else location)


def item_label(item: Any) -> str:
    """The id-like field that names a list item, or an empty string."""
    if isinstance(item, dict):
        for field_name in ("id", "key", "term"):
            if field_name in item:
                return str(item[field_name])
    return ""


def notebook_citations(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (cell index, key) for every ``[@key]`` citation in a notebook's markdown cells."""
    for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8")).get("cells", [])):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            for key in citations_in(source if isinstance(source, str) else "".join(source)):
                yield index, key


def citations_in(markdown: str) -> list[str]:
    """Return the ``[@key]`` citation keys in a markdown text, in order.

    Examples
    --------
    >>> citations_in("Heat helps a little [@Cochrane-Heat-2006] [@ACP2017].")
    ['Cochrane-Heat-2006', 'ACP2017']
    """
    return [match.group(1) for match in CITATION.finditer(markdown)]


def check_unique_ids() -> list[ContentError]:
    """Row ids in each CSV table are unique."""
    problems = []
    for path in sorted(paths.data_dir().glob("*.csv")):
        rows = content.table(path.stem)
        problems += [
            ContentError(
                loading.display_path(path),
                f"id '{row_id}'",
                "appears in more than one row",
                "give each row a unique id",
            )
            for row_id in duplicates(str(row.get("id")) for row in rows if "id" in row)
        ]
    return problems


def check_question_banks() -> list[ContentError]:
    """The question-bank rules (exactly one correct single choice, objectives assessed twice, ...)."""
    from course import bankrules

    return bankrules.check_banks()


def check_optional(data_file: str, module: str, function: str) -> Check:
    """A check that runs ``module.function()`` when ``data/<data_file>`` exists.

    The function either returns a list of problems, or is a loader that raises a
    ContentError (its return value is then ignored).
    """

    def check() -> list[ContentError]:
        if not (paths.data_dir() / data_file).is_file():
            return []
        found = getattr(import_module(module), function)()
        return list(found) if isinstance(found, list) else []

    check.__name__ = f"check_{function}"
    return check


def duplicates(values: Iterable[str]) -> list[str]:
    """Return the values that occur more than once, in first-seen order.

    Examples
    --------
    >>> duplicates(["a", "b", "a", "c", "b"])
    ['a', 'b']
    """
    counts = Counter(values)
    return [value for value, count in counts.items() if count > 1]


CHECKS: tuple[Check, ...] = (
    check_files_load,
    check_manifest,
    check_notebooks_match,
    check_unique_ids,
    check_reference_keys,
    check_question_banks,
    check_optional("red_flags.yaml", "course.triage", "load_rules"),
    check_optional("treatments.csv", "course.treatments", "check_treatments"),
    check_optional("assessment.yaml", "course.assessment", "check_assessment"),
    check_optional("page_checklist.yaml", "course.judging", "load_checklist"),
    check_optional("recovery.yaml", "course.recovery", "load_recovery"),
    check_optional("exercises.yaml", "course.exercises", "check_exercises"),
)
