"""A synthetic class, so instructors can try the dashboard before teaching (and nbval can run it).

``python -m course demo-class --learners 40 --seed 7 --out DIR`` writes one
results file per learner and lesson into ``DIR``, in the same format and
through the same function as the Submit button. The class is made to vary the
way real classes do, so the item analysis has something to find:

- each learner has an ability, each question a difficulty (from its bank's
  1-3 rating) and a discrimination; the chance of a right first try follows a
  two-parameter logistic model, as in item response theory;
- a few questions are made to discriminate *negatively* (as a wrongly keyed
  question would) and some distractors are made unattractive, so both flags show;
- learners move through the lessons at their own pace: some stop early, some
  stop part-way through a lesson, a few never submit anything (only on the roster);
- wrong first tries are often put right on the second or third try;
- one learner submits a lesson twice and one file is cut short, so the
  dashboard's "set aside" list has something in it.

Everything depends only on the seed; times start on Monday 2 November 2026.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     demo = make_demo_class(Path(folder), learners=6, seed=1)
>>> len(demo.roster), demo.files > 0, len(demo.set_aside)
(6, True, 2)
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from course.grading import check_answer, correct_path, correct_response
from course.instructor.exchange import write_results
from course.instructor.results import (
    FORMAT,
    SCHEMA_VERSION,
    fold_attempts,
    score_summary,
)
from course.models import Lesson, Manifest
from course.questions import (
    Case,
    LabelFigure,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    QuizBank,
    SingleChoice,
    TrueFalse,
)

DEMO_START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DAYS_PER_LESSON = 3
NAMES = (
    "amara", "ben", "chen", "dara", "eli", "fatima", "gus", "hana", "ivan", "jo",
    "kofi", "lena", "mo", "nia", "omar", "priya", "quinn", "rosa", "sam", "tariq",
    "uma", "vik", "wen", "xan", "yara", "zoe",
)  # fmt: skip


@dataclass(frozen=True)
class DemoClass:
    """What :func:`make_demo_class` wrote."""

    folder: Path
    roster: tuple[str, ...]
    files: int
    set_aside: tuple[str, ...]


@dataclass(frozen=True)
class ItemModel:
    """How one question behaves: difficulty, discrimination and how attractive each option is."""

    difficulty: float
    discrimination: float
    weights: tuple[float, ...]


@dataclass(frozen=True)
class LearnerModel:
    """How one learner behaves: ability, how many lessons they reach, where they stop."""

    name: str
    ability: float
    lessons: int
    stop_share: float | None
    start_hours: float


def learner_names(count: int) -> list[str]:
    """``count`` user names: first names, then numbered when the list runs out."""
    return [
        NAMES[i % len(NAMES)] + (str(i // len(NAMES) + 1) if i >= len(NAMES) else "")
        for i in range(count)
    ]


def option_count(question: Question) -> int:
    """How many options a question has that a learner could wrongly pick (at least 1)."""
    if isinstance(question, (SingleChoice, MultipleSelect)):
        return len(question.choices)
    if isinstance(question, (Matching, LabelFigure)):
        return len(question.options)
    if isinstance(question, Case):
        return max(len(part.choices) for part in question.parts)
    return 1


def item_model(question: Question, rng: random.Random, broken: bool) -> ItemModel:
    """Difficulty from the bank's rating; a negative discrimination when ``broken``.

    About one option in eight gets no weight, so some distractors go unpicked.
    """
    difficulty = (question.difficulty - 2) * 0.8 + rng.gauss(0, 0.4)
    discrimination = -1.2 if broken else rng.uniform(0.7, 2.2)
    weights = tuple(
        0.0 if rng.random() < 0.12 else rng.uniform(0.3, 1.0) for _ in range(option_count(question))
    )
    return ItemModel(difficulty, discrimination, weights)


def chance_right(learner: LearnerModel, item: ItemModel) -> float:
    """Two-parameter logistic: the chance of a right first try."""
    return 1 / (1 + math.exp(-item.discrimination * (learner.ability - item.difficulty)))


def pick(options: Sequence[Any], weights: Sequence[float], rng: random.Random) -> Any:
    """One option by weight (uniform when every weight is 0)."""
    usable = list(weights[: len(options)]) + [0.5] * max(0, len(options) - len(weights))
    if sum(usable) <= 0:
        usable = [1.0] * len(options)
    return rng.choices(list(options), weights=usable)[0]


def wrong_single(question: SingleChoice, item: ItemModel, rng: random.Random) -> Any:
    """A wrong choice, by attractiveness."""
    wrong = [i for i, choice in enumerate(question.choices) if not choice.correct]
    return pick(wrong, [item.weights[i] for i in wrong], rng)


def wrong_multiple(question: MultipleSelect, item: ItemModel, rng: random.Random) -> Any:
    """The right set with one right choice missed or one wrong choice added."""
    chosen = set(question.correct_indices)
    wrong = [i for i in range(len(question.choices)) if i not in chosen]
    if wrong and (rng.random() < 0.6 or len(chosen) == 1):
        chosen.add(pick(wrong, [item.weights[i] for i in wrong], rng))
    else:
        chosen.discard(rng.choice(sorted(chosen)))
    return sorted(chosen)


def wrong_numeric(question: Numeric, rng: random.Random) -> Any:
    """A number outside the accepted range, inside the range a learner may enter."""
    low, high = question.range
    step = max(question.tolerance, 1.0) * rng.uniform(1.5, 4.0)
    below = question.answer - question.tolerance - step
    above = question.answer + question.tolerance + step
    value = below if (rng.random() < 0.5 and below >= low) or above > high else above
    return f"{min(max(value, low), high):g}"


def wrong_placement(
    rights: Mapping[Any, str], options: Sequence[str], item: ItemModel, rng: random.Random
) -> dict[Any, str]:
    """The right placement with one entry changed to another option."""
    chosen = dict(rights)
    target = rng.choice(sorted(chosen, key=str))
    others = [option for option in options if option != chosen[target]]
    chosen[target] = pick(others, [item.weights[options.index(o)] for o in others], rng)
    return chosen


def wrong_ordering(question: Ordering, rng: random.Random) -> list[str]:
    """The right order with two neighbouring steps swapped."""
    steps = [step.text for step in question.steps]
    place = rng.randrange(len(steps) - 1)
    steps[place], steps[place + 1] = steps[place + 1], steps[place]
    return steps


def walk_case(question: Case, item: ItemModel, rng: random.Random, right: float) -> list[int]:
    """Choose part by part: right with chance ``right`` each time, following each choice's next."""
    path: list[int] = []
    part: str | None = question.parts[0].id
    while part is not None and len(path) < len(question.parts):
        choices = question.part(part).choices
        good = [i for i, choice in enumerate(choices) if choice.correct]
        bad = [i for i, choice in enumerate(choices) if not choice.correct]
        index = good[0] if rng.random() < right or not bad else pick(bad, item.weights, rng)
        path.append(index)
        part = choices[index].next
    return path


def wrong_response(question: Question, item: ItemModel, rng: random.Random) -> Any:
    """A plausible wrong response of the question's kind."""
    if isinstance(question, SingleChoice):
        return wrong_single(question, item, rng)
    if isinstance(question, MultipleSelect):
        return wrong_multiple(question, item, rng)
    if isinstance(question, TrueFalse):
        return not question.answer
    if isinstance(question, Numeric):
        return wrong_numeric(question, rng)
    if isinstance(question, Matching):
        rights = {pair.item: pair.match for pair in question.pairs}
        return wrong_placement(rights, question.options, item, rng)
    if isinstance(question, LabelFigure):
        rights = {str(marker.marker): marker.label for marker in question.markers}
        return wrong_placement(rights, question.options, item, rng)
    if isinstance(question, Ordering):
        return wrong_ordering(question, rng)
    return walk_case(question, item, rng, right=0.4)


def right_response(question: Question) -> Any:
    """A response that scores 1, as the quiz records it (JSON-friendly)."""
    if isinstance(question, Case):
        return correct_path(question)
    response = correct_response(question)
    if isinstance(response, set):
        return sorted(response)
    if isinstance(response, dict):
        return {str(key): value for key, value in response.items()}
    if isinstance(question, Numeric):
        return f"{response:g}"
    return response


def attempt(
    question: Question, quiz_id: str, response: Any, moment: datetime, first: bool
) -> dict[str, Any]:
    """One attempt entry, graded by the course's own grading."""
    graded = check_answer(question, response)
    return {
        "quiz_id": quiz_id,
        "question_id": question.id,
        "objective": question.objective,
        "kind": question.kind,
        "response": response,
        "correct": graded.correct,
        "score": graded.score,
        "first_try": first,
        "timestamp": moment.isoformat(timespec="microseconds"),
    }


def answer_question(
    question: Question,
    quiz_id: str,
    learner: LearnerModel,
    item: ItemModel,
    moment: datetime,
    rng: random.Random,
) -> list[dict[str, Any]]:
    """One to three attempts: a first try, then tries again until right (or three tries)."""
    attempts: list[dict[str, Any]] = []
    right = rng.random() < chance_right(learner, item)
    for number in range(3):
        response = right_response(question) if right else wrong_response(question, item, rng)
        entry = attempt(question, quiz_id, response, moment, first=number == 0)
        attempts.append(entry)
        if entry["correct"]:
            break
        moment += timedelta(seconds=rng.randint(20, 90))
        right = rng.random() < min(0.95, max(0.3, 0.7 + 0.1 * learner.ability))
    return attempts


def lesson_document(
    learner: LearnerModel,
    lesson: Lesson,
    number: int,
    banks: Mapping[str, QuizBank],
    items: Mapping[tuple[str, str], ItemModel],
    last_lesson: bool,
    rng: random.Random,
) -> dict[str, Any]:
    """One learner's results document for one lesson."""
    moment = DEMO_START + timedelta(days=number * DAYS_PER_LESSON, hours=learner.start_hours)
    keys = [(q, question) for q in lesson.quizzes if q in banks for question in banks[q].questions]
    if last_lesson and learner.stop_share is not None:
        keys = keys[: max(1, int(len(keys) * learner.stop_share))]
    entries: list[dict[str, Any]] = []
    for quiz_id, question in keys:
        moment += timedelta(seconds=rng.randint(40, 240))
        entries += answer_question(
            question, quiz_id, learner, items[(quiz_id, question.id)], moment, rng
        )
        moment = datetime.fromisoformat(entries[-1]["timestamp"])
    return {
        "schema_version": SCHEMA_VERSION,
        "format": FORMAT,
        "submission_id": f"{rng.getrandbits(128):032x}",
        "learner": learner.name,
        "course_version": course_version(),
        "lesson": lesson.id,
        "timestamp": (moment + timedelta(minutes=2)).isoformat(timespec="microseconds"),
        "attempts": entries,
        "scores": score_summary(fold_attempts(entries), question_keys(lesson, banks)),
    }


def course_version() -> str:
    """``course.__version__``."""
    from course import __version__

    return __version__


def learner_models(count: int, lessons: int, rng: random.Random) -> list[LearnerModel]:
    """Abilities, pace and stopping points; about 1 in 20 never submits (0 lessons)."""
    models = []
    for name in learner_names(count):
        ability = rng.gauss(0.3, 1.0)
        never = rng.random() < 0.05
        reached = 0 if never else max(1, round(lessons * min(1.0, rng.uniform(0.3, 1.3))))
        stop_share = rng.uniform(0.3, 0.8) if reached and rng.random() < 0.25 else None
        models.append(LearnerModel(name, ability, reached, stop_share, rng.uniform(0, 10)))
    return models


def item_models(
    lessons: Sequence[Lesson], banks: Mapping[str, QuizBank], rng: random.Random
) -> dict[tuple[str, str], ItemModel]:
    """A model for every question; about 1 in 25 discriminates negatively (at least one)."""
    keys = [
        (quiz_id, question)
        for lesson in lessons
        for quiz_id in lesson.quizzes
        if quiz_id in banks
        for question in banks[quiz_id].questions
    ]
    broken = set(rng.sample(range(len(keys)), k=max(1, len(keys) // 25))) if keys else set()
    return {
        (quiz_id, question.id): item_model(question, rng, index in broken)
        for index, (quiz_id, question) in enumerate(keys)
    }


def question_keys(lesson: Lesson, banks: Mapping[str, QuizBank]) -> list[tuple[str, str]]:
    """The (quiz id, question id) of a lesson's questions."""
    return [
        (q, question.id) for q in lesson.quizzes if q in banks for question in banks[q].questions
    ]


def earlier_submission(
    document: Mapping[str, Any], keys: Sequence[tuple[str, str]], rng: random.Random
) -> dict[str, Any]:
    """The same learner's submission of the same lesson made half-way through it."""
    entries = list(document["attempts"][: max(1, len(document["attempts"]) // 2)])
    moment = datetime.fromisoformat(entries[-1]["timestamp"]) + timedelta(minutes=1)
    return {
        **document,
        "submission_id": f"{rng.getrandbits(128):032x}",
        "timestamp": moment.isoformat(timespec="microseconds"),
        "attempts": entries,
        "scores": score_summary(fold_attempts(entries), keys),
    }


def cut_short(folder: Path, name: str) -> str:
    """Write a copy of one results file cut in half (as an interrupted copy would be)."""
    broken = name.replace(".json", "-copy.json")
    data = (folder / name).read_bytes()
    (folder / broken).write_bytes(data[: len(data) // 2])
    return broken


def make_demo_class(
    folder: Path,
    learners: int = 40,
    seed: int = 7,
    manifest: Manifest | None = None,
    banks: Mapping[str, QuizBank] | None = None,
) -> DemoClass:
    """Write a synthetic class of results files into ``folder`` (created if needed)."""
    from course import content
    from course.instructor.results import course_banks

    manifest = manifest or content.manifest()
    banks = banks if banks is not None else course_banks(manifest)
    rng = random.Random(seed)
    lessons = [lesson for lesson in manifest.lessons if question_keys(lesson, banks)]
    items = item_models(lessons, banks, rng)
    models = learner_models(learners, len(lessons), rng)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    first: tuple[dict[str, Any], list[tuple[str, str]]] | None = None
    for model in models:
        for number, lesson in enumerate(lessons[: model.lessons]):
            last = number == model.lessons - 1
            document = lesson_document(model, lesson, number, banks, items, last, rng)
            first = first or (document, question_keys(lesson, banks))
            written.append(write(document, folder, rng))
    if first is None:
        return DemoClass(folder, tuple(m.name for m in models), 0, ())
    earlier = write(earlier_submission(*first, rng), folder, rng)
    set_aside = (earlier, cut_short(folder, written[-1]))
    return DemoClass(folder, tuple(m.name for m in models), len(written), set_aside)


def write(document: Mapping[str, Any], folder: Path, rng: random.Random) -> str:
    """Write one results file with a seeded token; return its name."""
    return write_results(document, folder, token=f"{rng.getrandbits(64):016x}").name
