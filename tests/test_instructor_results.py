"""The results-file format: the fast checker agrees with the JSON Schema; building from the store."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from course import content
from course.instructor import results
from course.instructor.results import (
    MAX_ATTEMPTS,
    build_results,
    course_banks,
    fold_attempts,
    problems,
    schema_problems,
    valid_attempt,
)
from course.models import Attempt
from course.progress import ProgressStore

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = json.loads(
    (Path(results.__file__).parent.parent / "schemas" / "results.schema.json").read_text()
)
T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def valid_document() -> dict[str, Any]:
    """A fixture results file that passes every check."""
    path = FIXTURES / "results_item_stats" / "eve+00-start-here+20261110T100000Z+0005.json"
    document: dict[str, Any] = json.loads(path.read_text())
    return document


def schema_says_valid(document: Any) -> bool:
    return not list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))


def set_path(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = document
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def delete_path(document: dict[str, Any], path: tuple[Any, ...]) -> None:
    node: Any = document
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]


# Each breaks exactly one rule of results.schema.json.
BREAKS: list[tuple[str, tuple[Any, ...], Any]] = [
    ("version 0", ("schema_version",), 0),
    ("version as text", ("schema_version",), "1"),
    ("version true", ("schema_version",), True),
    ("other format", ("format",), "something-else"),
    ("short submission id", ("submission_id",), "abc"),
    ("upper-case submission id", ("submission_id",), "A" * 32),
    ("empty learner", ("learner",), ""),
    ("learner not text", ("learner",), 7),
    ("long learner", ("learner",), "x" * 201),
    ("lesson not an id", ("lesson",), "Start here"),
    ("lesson number short", ("lesson",), "0-start"),
    ("timestamp too short", ("timestamp",), "2026"),
    ("attempts not a list", ("attempts",), {"a": 1}),
    ("attempt not an object", ("attempts", 0), "q1"),
    ("attempt score above 1", ("attempts", 0, "score"), 1.5),
    ("attempt score negative", ("attempts", 0, "score"), -0.1),
    ("attempt score as text", ("attempts", 0, "score"), "1"),
    ("attempt score boolean", ("attempts", 0, "score"), True),
    ("attempt correct as number", ("attempts", 0, "correct"), 1),
    ("attempt first_try as text", ("attempts", 0, "first_try"), "yes"),
    ("attempt empty question id", ("attempts", 0, "question_id"), ""),
    ("attempt long objective", ("attempts", 0, "objective"), "L" * 21),
    ("attempt kind not text", ("attempts", 0, "kind"), 3),
    ("attempt unknown field", ("attempts", 0, "hint"), "x"),
    ("unknown top field", ("extra",), 1),
    ("scores not an object", ("scores",), [1]),
    ("score above 1", ("scores", "score"), 2),
    ("questions fractional", ("scores", "questions"), 2.5),
    ("answered negative", ("scores", "answered"), -1),
    ("unknown score field", ("scores", "bonus"), 1),
]
MISSING = [
    ("learner",),
    ("scores",),
    ("attempts",),
    ("submission_id",),
    ("attempts", 0, "response"),
    ("attempts", 0, "timestamp"),
    ("scores", "score"),
]


def test_the_valid_fixture_passes_both_checkers() -> None:
    document = valid_document()
    assert schema_says_valid(document)
    assert problems(document) == []


@pytest.mark.parametrize("name, path, value", BREAKS, ids=[b[0] for b in BREAKS])
def test_the_fast_checker_agrees_with_the_schema_on_a_broken_field(
    name: str, path: tuple[Any, ...], value: Any
) -> None:
    document = valid_document()
    set_path(document, path, value)
    assert not schema_says_valid(document), f"the fixture change '{name}' should break the schema"
    assert schema_problems(document), name


@pytest.mark.parametrize("path", MISSING, ids=["/".join(map(str, p)) for p in MISSING])
def test_the_fast_checker_agrees_with_the_schema_on_a_missing_field(path: tuple[Any, ...]) -> None:
    document = valid_document()
    delete_path(document, path)
    assert not schema_says_valid(document)
    found = schema_problems(document)
    assert any(f"'{path[-1]}' is missing" in problem for problem in found), found


@pytest.mark.parametrize(
    "change",
    [
        lambda d: set_path(d, ("scores", "questions"), 3.0),  # an integer written as 3.0
        lambda d: delete_path(d, ("attempts", 0, "objective")),  # optional fields
        lambda d: delete_path(d, ("attempts", 0, "first_try")),
        lambda d: set_path(d, ("attempts", 0, "response"), {"any": ["json", 1]}),
        lambda d: set_path(d, ("attempts",), []),
        lambda d: set_path(d, ("learner",), "<script>alert(1)</script>"),
    ],
)
def test_both_checkers_accept_valid_variations(change: Any) -> None:
    document = valid_document()
    change(document)
    assert schema_says_valid(document)
    assert schema_problems(document) == []


def test_the_fast_path_never_accepts_an_attempt_the_full_check_refuses() -> None:
    for _, path, value in BREAKS:
        if path[:1] == ("attempts",) and len(path) > 2:
            attempt = copy.deepcopy(valid_document()["attempts"][0])
            attempt[path[2]] = value
            assert not valid_attempt(attempt)
            assert results.attempt_problems(attempt, 0)
    assert valid_attempt(valid_document()["attempts"][0])


def test_the_one_pass_reader_refuses_every_break_the_checker_finds() -> None:
    """read_document's fast path must never accept what schema_problems refuses."""
    for name, path, value in BREAKS:
        document = valid_document()
        set_path(document, path, value)
        with pytest.raises(results.ResultsProblem):
            results.read_document(document, name)
    for path in MISSING:
        document = valid_document()
        delete_path(document, path)
        with pytest.raises(results.ResultsProblem, match="is missing"):
            results.read_document(document, "missing")
    assert results.read_document(valid_document(), "ok").learner == "eve"


def test_a_newer_version_gets_one_clear_problem() -> None:
    document = valid_document()
    document["schema_version"] = 3
    document["something_new"] = True
    assert schema_problems(document) == ["schema_version 3 is newer than this course reads (1)"]


def test_times_need_a_utc_offset() -> None:
    document = valid_document()
    document["attempts"][2]["timestamp"] = "2026-11-10T09:03:00"
    assert problems(document) == [
        "attempts[2]: 'timestamp' is not an ISO 8601 time with a UTC offset"
    ]


def test_folding_keeps_the_first_try_and_the_latest_by_time() -> None:
    stamp = "2026-11-10T09:0{}:00+00:00"
    attempts = [
        {"quiz_id": "q", "question_id": "a", "response": 2, "correct": False, "score": 0.0,
         "timestamp": stamp.format(5)},
        {"quiz_id": "q", "question_id": "a", "response": 1, "correct": False, "score": 0.5,
         "timestamp": stamp.format(1)},
        {"quiz_id": "q", "question_id": "a", "response": 0, "correct": True, "score": 1.0,
         "timestamp": stamp.format(3)},
    ]  # fmt: skip
    record = fold_attempts(attempts)[("q", "a")]
    assert (record.tries, record.first_response, record.first_score) == (3, 1, 0.5)
    assert record.latest_correct is False  # the latest by time is the 09:05 attempt
    assert record.last_seen == datetime(2026, 11, 10, 9, 5, tzinfo=UTC)


def attempt(question: str, correct: bool, minutes: int, quiz: str = "00-start-here") -> Attempt:
    return Attempt(
        quiz, question, "L00-O1", 0 if correct else 1, correct, float(correct), True,
        T0 + timedelta(minutes=minutes), {"kind": "single_choice"},
    )  # fmt: skip


def test_build_results_from_the_store_has_the_lesson_attempts_and_scores() -> None:
    manifest = content.manifest()
    banks = course_banks(manifest)
    first, second = (q.id for q in banks["00-start-here"].questions[:2])
    store = ProgressStore(None, learner="ada")
    store.record_attempt(attempt(first, False, 1), "00-start-here")
    store.record_attempt(attempt(first, True, 2), "00-start-here")
    store.record_attempt(attempt(second, True, 3), "00-start-here")
    store.record_attempt(attempt("anat-cord-end", True, 4, "01-lower-back-and-spasm"), "01-x")
    document = build_results(
        store, "00-start-here", manifest, banks, T0 + timedelta(hours=1), "0.1.0", "ab" * 16
    )
    assert problems(document) == []
    assert schema_says_valid(document)
    assert document["learner"] == "ada"
    assert document["course_version"] == "0.1.0"
    assert [a["question_id"] for a in document["attempts"]] == [first, first, second]
    questions = len(banks["00-start-here"].questions)
    assert document["scores"] == {
        "questions": questions,
        "answered": 2,
        "first_try_correct": 1,
        "latest_correct": 2,
        "score": round(1 / questions, 6),
    }


def test_an_unknown_lesson_is_a_content_error_naming_the_lessons() -> None:
    from course.errors import ContentError

    manifest = content.manifest()
    with pytest.raises(ContentError, match="use one of: 00-start-here"):
        build_results(ProgressStore(None), "99-x", manifest, {}, T0, "0.1.0")


def test_a_huge_record_keeps_first_and_latest_attempts_only() -> None:
    entries = [
        {"quiz_id": "q", "question_id": f"x{n % 3}", "response": n, "correct": False,
         "score": 0.0, "timestamp": (T0 + timedelta(seconds=n)).isoformat()}
        for n in range(MAX_ATTEMPTS + 10)
    ]  # fmt: skip
    kept = results.fit_attempts(entries)
    assert len(kept) == 6
    assert {(e["question_id"], e["response"]) for e in kept} >= {("x0", 0), ("x1", 1), ("x2", 2)}
