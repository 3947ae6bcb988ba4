"""xAPI-style statements: every kind of record round-trips unchanged; bad ones are named."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from course import xapi

BASE = {"learner": "ada", "timestamp": "2026-11-21T09:00:00.000000+00:00"}
ROWS: dict[str, dict[str, Any]] = {
    "attempts": {
        **BASE,
        "statement_id": "9f1c3e0a-6a7c-4a3e-9a4b-0c1d2e3f4a5b",
        "lesson_id": "00-start-here",
        "quiz_id": "00-start-here",
        "question_id": "q1",
        "objective": "L00-O1",
        "response": '{"picked":[0,2]}',
        "correct": False,
        "score": 0.5,
        "first_try": True,
        "extra": '{"kind":"multiple_select"}',
    },
    "lesson_events": {
        **BASE,
        "statement_id": "1f1c3e0a-6a7c-4a3e-9a4b-0c1d2e3f4a5b",
        "lesson_id": "00-start-here",
        "event": "completed",
    },
    "exercise_sessions": {
        **BASE,
        "statement_id": "2f1c3e0a-6a7c-4a3e-9a4b-0c1d2e3f4a5b",
        "exercise_id": "pelvic-tilt",
        "completed": True,
        "steps_done": 6,
        "steps_total": 6,
        "seconds": 95.0,
    },
    "diary_entries": {
        **BASE,
        "statement_id": "3f1c3e0a-6a7c-4a3e-9a4b-0c1d2e3f4a5b",
        "day": "2026-11-20",
        "pain": 3,
        "activity": "walked",
        "helped": "heat",
    },
}


@pytest.mark.parametrize("kind", list(ROWS))
def test_every_kind_round_trips(kind: str) -> None:
    statement = xapi.to_statement(kind, ROWS[kind])
    assert {"id", "actor", "verb", "object", "timestamp"} <= set(statement)
    assert xapi.from_statement(statement) == (kind, ROWS[kind])


def test_an_attempt_carries_result_success_score_and_response() -> None:
    statement = xapi.to_statement("attempts", ROWS["attempts"])
    assert statement["result"] == {
        "success": False,
        "score": {"scaled": 0.5},
        "response": '{"picked":[0,2]}',
    }
    assert statement["object"]["id"] == "urn:lowback-course:question:00-start-here:q1"
    assert statement["object"]["definition"]["type"] == xapi.INTERACTION


def test_other_time_zones_are_normalised_to_utc() -> None:
    statement = xapi.to_statement("lesson_events", ROWS["lesson_events"])
    statement["timestamp"] = "2026-11-21T10:00:00+01:00"
    assert xapi.from_statement(statement)[1]["timestamp"] == BASE["timestamp"]


def broken(kind: str, change: Any) -> dict[str, Any]:
    statement = copy.deepcopy(xapi.to_statement(kind, ROWS[kind]))
    change(statement)
    return statement


@pytest.mark.parametrize(
    "statement, message",
    [
        (broken("attempts", lambda s: s["result"]["score"].update(scaled=1.5)), "from 0 to 1"),
        (broken("attempts", lambda s: s["result"].update(success="yes")), "not true or false"),
        (broken("attempts", lambda s: s["result"].update(response="{not json")), "not JSON text"),
        (broken("attempts", lambda s: s.pop("context")), "has no 'context'"),
        (broken("lesson_events", lambda s: s.update(id="42")), "not a UUID"),
        (broken("lesson_events", lambda s: s.update(timestamp="yesterday")), "not an ISO 8601"),
        (
            broken("lesson_events", lambda s: s.update(timestamp="2026-11-21T10:00:00")),
            "no time zone",
        ),
        (
            broken("lesson_events", lambda s: s["object"].update(id="urn:other")),
            "does not name a lesson",
        ),
        (
            broken("lesson_events", lambda s: s["verb"].update(id="http://x/verbs/liked")),
            "not one this",
        ),
        (
            broken(
                "exercise_sessions",
                lambda s: s["context"]["extensions"].update(
                    {"urn:lowback-course:ext:steps_done": True}
                ),
            ),
            "not a whole number",
        ),
        (
            broken(
                "diary_entries",
                lambda s: s["context"]["extensions"].update(
                    {"urn:lowback-course:ext:day": "20/11/2026"}
                ),
            ),
            "YYYY-MM-DD",
        ),
        ("not a statement", "has no 'verb'"),
    ],
)
def test_bad_statements_are_named(statement: Any, message: str) -> None:
    with pytest.raises(xapi.StatementError, match=message):
        xapi.from_statement(statement)


def test_a_document_names_the_position_of_a_bad_statement() -> None:
    good = xapi.to_statement("lesson_events", ROWS["lesson_events"])
    document = {"format": xapi.FORMAT, "format_version": 1, "statements": [good, {"verb": {}}]}
    with pytest.raises(xapi.StatementError, match=r"statements\[1\]: verb has no 'id'"):
        xapi.read_statements(document)
