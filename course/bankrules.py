"""Rules every question bank keeps, beyond what its JSON Schema can say.

:func:`bank_problems` checks one bank on its own (one correct choice, numeric
answer in range, case parts that resolve, ...); :func:`course.questions.load_bank`
refuses a bank that breaks one. :func:`check_banks` checks every bank in
``data/quizzes/`` and the rules that span the course (ids unique course-wide,
objectives in the manifest and assessed at least twice, reference keys that
resolve, figures and markers that exist). ``python -m course check`` runs it.

Every problem is a :class:`~course.errors.ContentError` naming the file, the
question id and the fix; all problems are collected, not only the first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from course import content, loading, paths
from course.errors import ContentError
from course.grading import format_number
from course.models import Manifest
from course.questions import (
    Case,
    Choice,
    LabelFigure,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    QuizBank,
    SingleChoice,
    parse_bank,
)

MIN_QUESTIONS_PER_OBJECTIVE = 2


@dataclass(frozen=True)
class LoadedBank:
    """A parsed bank and the file it came from."""

    bank: QuizBank
    file: str


def problem(file: str, question_id: str, what: str, fix: str) -> ContentError:
    """A ContentError located at one question of a bank."""
    return ContentError(file, f"question '{question_id}'", what, fix)


# --- rules for one bank --------------------------------------------------------------------


def bank_problems(bank: QuizBank, file: str) -> list[ContentError]:
    """Every problem in one bank that can be found from the bank alone."""
    problems = duplicate_id_problems(bank, file)
    for question in bank.questions:
        problems += question_problems(question, file)
    return problems


def duplicate_id_problems(bank: QuizBank, file: str) -> list[ContentError]:
    """Question ids repeated inside one bank."""
    counts = Counter(question.id for question in bank.questions)
    return [
        problem(
            file, qid, f"is used by {n} questions in this bank", "give each question its own id"
        )
        for qid, n in counts.items()
        if n > 1
    ]


def question_problems(question: Question, file: str) -> list[ContentError]:
    """The problems of one question, by its kind."""
    match question:
        case SingleChoice():
            return single_choice_problems(question, file)
        case MultipleSelect():
            return multiple_select_problems(question, file)
        case Numeric():
            return numeric_problems(question, file)
        case Matching():
            return matching_problems(question, file)
        case Ordering():
            return repeated(file, question.id, [s.text for s in question.steps], "step")
        case LabelFigure():
            return label_problems(question, file)
        case Case():
            return case_problems(question, file)
    return []


def repeated(file: str, question_id: str, texts: Iterable[str], noun: str) -> list[ContentError]:
    """Texts that appear more than once where each must be told apart."""
    return [
        problem(
            file,
            question_id,
            f"has the {noun} {text!r} {n} times",
            f"make each {noun} different (or delete the repeat)",
        )
        for text, n in Counter(texts).items()
        if n > 1
    ]


def count_correct(choices: Sequence[Choice]) -> int:
    """How many choices are marked correct."""
    return sum(choice.correct for choice in choices)


def single_choice_problems(question: SingleChoice, file: str) -> list[ContentError]:
    """A single-choice question has exactly one correct choice and no repeated choice."""
    problems = repeated(file, question.id, [c.text for c in question.choices], "choice")
    correct = count_correct(question.choices)
    if correct != 1:
        problems.append(
            problem(
                file,
                question.id,
                f"marks {correct} choices correct, but a single-choice question needs exactly one",
                "mark exactly one choice with 'correct: true' (or make it a "
                "multiple_select question)",
            )
        )
    return problems


def multiple_select_problems(question: MultipleSelect, file: str) -> list[ContentError]:
    """A multiple-select question has at least one correct choice and no repeated choice."""
    problems = repeated(file, question.id, [c.text for c in question.choices], "choice")
    if count_correct(question.choices) == 0:
        problems.append(
            problem(
                file,
                question.id,
                "marks no choice correct",
                "mark at least one choice with 'correct: true'",
            )
        )
    return problems


def numeric_problems(question: Numeric, file: str) -> list[ContentError]:
    """A numeric question's range is ordered and holds its answer."""
    low, high = question.range
    if low >= high:
        return [
            problem(
                file,
                question.id,
                f"has the range [{format_number(low)}, {format_number(high)}], whose "
                "smallest value is not below its largest",
                "write the range as [smallest, largest]",
            )
        ]
    if not low <= question.answer <= high:
        return [
            problem(
                file,
                question.id,
                f"has the answer {format_number(question.answer)}, outside its range "
                f"[{format_number(low)}, {format_number(high)}]",
                "widen the range to include the answer, or correct the answer",
            )
        ]
    return []


def matching_problems(question: Matching, file: str) -> list[ContentError]:
    """A matching question's items are unique and no distractor is a real match."""
    problems = repeated(file, question.id, [p.item for p in question.pairs], "item")
    matches = {pair.match for pair in question.pairs}
    problems += [
        problem(
            file,
            question.id,
            f"lists {d!r} as a distractor, but it is also a match",
            "remove it from distractors",
        )
        for d in question.distractors
        if d in matches
    ]
    return problems


def label_problems(question: LabelFigure, file: str) -> list[ContentError]:
    """A label-the-figure question's markers are unique and no distractor is a real label."""
    problems = repeated(file, question.id, [str(m.marker) for m in question.markers], "marker")
    labels = {marker.label for marker in question.markers}
    problems += [
        problem(
            file,
            question.id,
            f"lists {d!r} as a distractor, but it is also a label",
            "remove it from distractors",
        )
        for d in question.distractors
        if d in labels
    ]
    return problems


def case_problems(question: Case, file: str) -> list[ContentError]:
    """A case's parts are unique, every ``next`` resolves, every part is reachable, no cycle."""
    problems = repeated(file, question.id, [part.id for part in question.parts], "part id")
    ids = {part.id for part in question.parts}
    for part in question.parts:
        where = f"question '{question.id}' > part '{part.id}'"
        problems += [
            ContentError(
                file,
                where,
                f"has the choice {text!r} {n} times",
                "make each choice different (or delete the repeat)",
            )
            for text, n in Counter(c.text for c in part.choices).items()
            if n > 1
        ]
        if count_correct(part.choices) == 0:
            problems.append(
                ContentError(
                    file,
                    where,
                    "marks no choice correct",
                    "mark at least one choice with 'correct: true'",
                )
            )
        problems += [
            ContentError(
                file,
                where,
                f"has a choice whose next part '{c.next}' does not exist",
                f"use one of the part ids: {', '.join(sorted(ids))}",
            )
            for c in part.choices
            if c.next is not None and c.next not in ids
        ]
    graph = case_graph(question)
    problems += [
        problem(
            file,
            question.id,
            f"has part '{part_id}', which no choice leads to",
            "add a choice with 'next: " + part_id + "' in an earlier part, or delete the part",
        )
        for part_id in unreachable(question.parts[0].id, graph)
    ]
    cycle = find_cycle(question.parts[0].id, graph)
    if cycle:
        problems.append(
            problem(
                file,
                question.id,
                f"has parts that lead in a circle: {' → '.join(cycle)}",
                "make every path end at a choice without 'next'",
            )
        )
    return problems


def case_graph(question: Case) -> dict[str, list[str]]:
    """Part id -> the part ids its choices lead to (only ids that exist)."""
    ids = {part.id for part in question.parts}
    return {
        part.id: list(
            dict.fromkeys(c.next for c in part.choices if c.next is not None and c.next in ids)
        )
        for part in question.parts
    }


def unreachable(start: str, graph: Mapping[str, Sequence[str]]) -> list[str]:
    """Parts that cannot be reached from the first part, in bank order.

    Examples
    --------
    >>> unreachable("a", {"a": ["b"], "b": [], "c": []})
    ['c']
    """
    seen, todo = {start}, [start]
    while todo:
        for target in graph.get(todo.pop(), []):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return [part for part in graph if part not in seen]


def find_cycle(start: str, graph: Mapping[str, Sequence[str]]) -> list[str]:
    """The first circle of parts reachable from ``start`` (empty when there is none).

    Examples
    --------
    >>> find_cycle("a", {"a": ["b"], "b": ["c"], "c": ["a"]})
    ['a', 'b', 'c', 'a']
    >>> find_cycle("a", {"a": ["b"], "b": []})
    []
    """
    path: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        path.append(node)
        for target in graph.get(node, []):
            found = visit(target)
            if found:
                return found
        path.pop()
        done.add(node)
        return []

    return visit(start)


# --- rules across the course ---------------------------------------------------------------


def check_banks() -> list[ContentError]:
    """Check every bank in ``data/quizzes/`` and the course-wide rules; return every problem."""
    problems: list[ContentError] = []
    banks: list[LoadedBank] = []
    for quiz_id in content.quiz_ids():
        file = loading.display_path(paths.quiz_file(quiz_id))
        try:
            bank = parse_bank(content.quiz_bank(quiz_id), file)
        except ContentError as exc:
            problems.append(exc)
            continue
        banks.append(LoadedBank(bank, file))
        problems += bank_problems(bank, file)
    for rule in COURSE_RULES:
        problems += rule(banks)
    return problems


def course_id_problems(banks: Sequence[LoadedBank]) -> list[ContentError]:
    """Question ids used in more than one bank."""
    owners: dict[str, list[str]] = defaultdict(list)
    for loaded in banks:
        for qid in dict.fromkeys(q.id for q in loaded.bank.questions):
            owners[qid].append(loaded.file)
    return [
        problem(
            files[1],
            qid,
            f"uses an id already used in {files[0]}",
            "give each question an id unique in the whole course (start it with a word "
            "from the lesson)",
        )
        for qid, files in owners.items()
        if len(files) > 1
    ]


def load_manifest() -> tuple[Manifest | None, list[ContentError]]:
    """The manifest, or the error that stops the manifest rules."""
    try:
        return content.manifest(), []
    except ContentError as exc:
        return None, [exc]


def manifest_problems(banks: Sequence[LoadedBank]) -> list[ContentError]:
    """Each bank's lesson exists; each question's objective exists and is its bank's lesson's."""
    manifest, problems = load_manifest()
    if manifest is None:
        return problems
    lessons = {lesson.id for lesson in manifest.lessons}
    objectives = {objective.id: objective for objective in manifest.objectives}
    for loaded in banks:
        bank = loaded.bank
        if bank.lesson not in lessons:
            problems.append(
                ContentError(
                    loaded.file,
                    "lesson",
                    f"names the lesson '{bank.lesson}', which is not in data/course.yaml",
                    f"use one of: {', '.join(sorted(lessons))}",
                )
            )
            continue
        for question in bank.questions:
            objective = objectives.get(question.objective)
            if objective is None:
                problems.append(
                    problem(
                        loaded.file,
                        question.id,
                        f"assesses the objective '{question.objective}', which is "
                        "not in data/course.yaml",
                        "use an objective id of the lesson " + bank.lesson,
                    )
                )
            elif objective.lesson_id != bank.lesson:
                problems.append(
                    problem(
                        loaded.file,
                        question.id,
                        f"assesses '{question.objective}', an objective of the "
                        f"lesson '{objective.lesson_id}', not of this bank's "
                        f"lesson '{bank.lesson}'",
                        "use an objective of this bank's lesson, or move the "
                        "question to the right bank",
                    )
                )
    return problems


def coverage_problems(banks: Sequence[LoadedBank]) -> list[ContentError]:
    """Every objective in the manifest is assessed by at least two questions."""
    manifest, _ = load_manifest()
    if manifest is None:
        return []
    counts = Counter(q.objective for loaded in banks for q in loaded.bank.questions)
    problems: list[ContentError] = []
    for lesson in manifest.lessons:
        file = lesson_bank_file(lesson.quizzes)
        for objective in lesson.objectives:
            n = counts[objective.id]
            if n < MIN_QUESTIONS_PER_OBJECTIVE:
                problems.append(
                    ContentError(
                        file,
                        f"objective '{objective.id}'",
                        f"is assessed by {n} question{'s' if n != 1 else ''}; "
                        f"every objective needs at least {MIN_QUESTIONS_PER_OBJECTIVE}",
                        f"add questions with 'objective: {objective.id}'",
                    )
                )
    return problems


def lesson_bank_file(quiz_ids: Sequence[str]) -> str:
    """The file to name for a lesson's coverage: its first bank, or the manifest."""
    if quiz_ids:
        return loading.display_path(paths.quiz_file(quiz_ids[0]))
    return loading.display_path(paths.manifest_file())


def reference_problems(banks: Sequence[LoadedBank]) -> list[ContentError]:
    """Every reference key a question cites resolves in ``data/references.yaml``."""
    try:
        known = content.references()
    except ContentError as exc:
        return [exc]
    return [
        problem(
            loaded.file,
            q.id,
            f"cites the reference key '{key}', which does not resolve",
            "add a record with this key to data/references.yaml, or correct the key",
        )
        for loaded in banks
        for q in loaded.bank.questions
        for key in q.references
        if key not in known
    ]


def figure_problems(banks: Sequence[LoadedBank]) -> list[ContentError]:
    """Each label-the-figure question names a drawn figure, with its markers and labels."""
    questions = [
        (loaded.file, q)
        for loaded in banks
        for q in loaded.bank.questions
        if isinstance(q, LabelFigure)
    ]
    if not questions:
        return []
    from course import figures

    try:
        registry = figures.registry()
    except Exception as exc:  # a broken figure module is reported, not raised
        return [
            ContentError(
                "course/figures",
                "",
                f"the figures could not be loaded ({exc})",
                "fix the figure module named in the message",
            )
        ]
    problems: list[ContentError] = []
    for file, question in questions:
        spec = registry.get(question.figure)
        if spec is None:
            known = ", ".join(sorted(registry)) or "none"
            problems.append(
                problem(
                    file,
                    question.id,
                    f"uses the figure '{question.figure}', which the course does not draw",
                    f"use one of: {known}",
                )
            )
            continue
        problems += marker_problems(file, question, spec.markers)
    return problems


def marker_problems(
    file: str, question: LabelFigure, markers: Mapping[int, str]
) -> list[ContentError]:
    """Each marker number is on the figure, and its label is the figure's label for it."""
    problems: list[ContentError] = []
    for marker in question.markers:
        if marker.marker not in markers:
            numbers = ", ".join(str(n) for n in sorted(markers))
            problems.append(
                problem(
                    file,
                    question.id,
                    f"asks about marker {marker.marker}, which the figure "
                    f"'{question.figure}' does not have",
                    f"use one of its markers: {numbers}",
                )
            )
        elif marker.label != markers[marker.marker]:
            problems.append(
                problem(
                    file,
                    question.id,
                    f"labels marker {marker.marker} {marker.label!r}, but the "
                    f"figure names it {markers[marker.marker]!r}",
                    f"use the figure's label {markers[marker.marker]!r}",
                )
            )
    return problems


COURSE_RULES: tuple[Callable[[Sequence[LoadedBank]], list[ContentError]], ...] = (
    course_id_problems,
    manifest_problems,
    coverage_problems,
    reference_problems,
    figure_problems,
)
