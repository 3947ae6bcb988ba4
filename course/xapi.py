"""Progress records as xAPI-style statements, for export and import.

The progress store keeps four kinds of record in four tables (quiz attempts,
lesson events, exercise sessions and pain-diary entries). Each record is a
*row*: a dict of column name to a plain value (text, number, bool or None).
This module turns rows into statements shaped like the Experience API (xAPI):
``id``, ``actor``, ``verb``, ``object``, ``result``, ``context``, ``timestamp``,
and back again, validating every field on the way in.

Nothing here touches files or databases: :mod:`course.progress` reads and
writes; this module only converts and checks.

Examples
--------
>>> row = {"statement_id": "0b0e5c1e-3a43-4a51-9b55-3f3a4f1e0c11", "learner": "ada",
...        "lesson_id": "00-start-here", "event": "opened",
...        "timestamp": "2026-11-21T10:00:00.000000+00:00"}
>>> statement = to_statement("lesson_events", row)
>>> statement["verb"]["display"]["en-US"], statement["object"]["id"]
('experienced', 'urn:lowback-course:lesson:00-start-here')
>>> from_statement(statement) == ("lesson_events", row)
True
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

FORMAT = "lowback-course-progress"
FORMAT_VERSION = 1
IRI = "urn:lowback-course"
ADL = "http://adlnet.gov/expapi/verbs/"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"

Row = dict[str, Any]

VERBS: dict[str, str] = {
    "answered": f"{ADL}answered",
    "experienced": f"{ADL}experienced",
    "completed": f"{ADL}completed",
    "attempted": f"{ADL}attempted",
    "recorded": f"{IRI}:verb:recorded",
}
LESSON_VERBS = {"opened": "experienced", "completed": "completed"}


class StatementError(ValueError):
    """One statement breaks a rule; the message says which field and why."""


def new_statement_id() -> str:
    """Return a fresh statement id (a random UUID as text)."""
    return str(uuid.uuid4())


def format_time(moment: datetime) -> str:
    """Write a moment as ISO 8601 in UTC with microseconds; naive times count as local time.

    Examples
    --------
    >>> format_time(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    '2026-01-02T03:04:05.000000+00:00'
    """
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    """Read a timestamp written by :func:`format_time` (or any ISO 8601 time with an offset)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise StatementError(f"timestamp {text!r} has no time zone; add one such as +00:00")
    return moment.astimezone(UTC)


def dump_json(value: Any) -> str:
    """Serialise a value as compact JSON (the stored form of responses and extras)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- rows -> statements


def actor(learner: str) -> dict[str, Any]:
    """The xAPI actor for a learner name."""
    return {"objectType": "Agent", "name": learner, "account": {"homePage": IRI, "name": learner}}


def verb(name: str) -> dict[str, Any]:
    """The xAPI verb for one of :data:`VERBS`."""
    return {"id": VERBS[name], "display": {"en-US": name}}


def activity(kind: str, *parts: str, name: str = "") -> dict[str, Any]:
    """An xAPI activity object with an id such as ``urn:lowback-course:lesson:00-start-here``."""
    definition: dict[str, Any] = {"type": f"{IRI}:activity:{kind}"}
    if name:
        definition["name"] = {"en-US": name}
    return {"objectType": "Activity", "id": ":".join([IRI, kind, *parts]), "definition": definition}


def extensions(**values: Any) -> dict[str, Any]:
    """Context extensions keyed by IRIs such as ``urn:lowback-course:ext:lesson``."""
    return {f"{IRI}:ext:{key}": value for key, value in values.items()}


def envelope(row: Row, verb_name: str, obj: dict[str, Any]) -> dict[str, Any]:
    """The fields every statement shares."""
    return {
        "id": row["statement_id"],
        "actor": actor(row["learner"]),
        "verb": verb(verb_name),
        "object": obj,
        "timestamp": row["timestamp"],
    }


def attempt_statement(row: Row) -> dict[str, Any]:
    """A quiz attempt as an ``answered`` statement."""
    obj = activity("question", row["quiz_id"], row["question_id"], name=row["question_id"])
    obj["definition"]["type"] = INTERACTION
    statement = envelope(row, "answered", obj)
    statement["result"] = {
        "success": row["correct"],
        "score": {"scaled": row["score"]},
        "response": row["response"],
    }
    statement["context"] = {
        "extensions": extensions(
            lesson=row["lesson_id"],
            quiz=row["quiz_id"],
            question=row["question_id"],
            objective=row["objective"],
            first_try=row["first_try"],
            extra=json.loads(row["extra"]),
        )
    }
    return statement


def lesson_statement(row: Row) -> dict[str, Any]:
    """A lesson event as an ``experienced`` (opened) or ``completed`` statement."""
    obj = activity("lesson", row["lesson_id"], name=row["lesson_id"])
    return envelope(row, LESSON_VERBS[row["event"]], obj)


def exercise_statement(row: Row) -> dict[str, Any]:
    """An exercise session as an ``attempted`` statement with completion and steps."""
    statement = envelope(row, "attempted", activity("exercise", row["exercise_id"]))
    statement["result"] = {"completion": row["completed"]}
    statement["context"] = {
        "extensions": extensions(
            exercise=row["exercise_id"],
            steps_done=row["steps_done"],
            steps_total=row["steps_total"],
            seconds=row["seconds"],
        )
    }
    return statement


def diary_statement(row: Row) -> dict[str, Any]:
    """A pain-diary entry as a ``recorded`` statement."""
    statement = envelope(row, "recorded", activity("diary", row["day"]))
    statement["context"] = {
        "extensions": extensions(
            day=row["day"], pain=row["pain"], activity=row["activity"], helped=row["helped"]
        )
    }
    return statement


TO_STATEMENT: dict[str, Callable[[Row], dict[str, Any]]] = {
    "attempts": attempt_statement,
    "lesson_events": lesson_statement,
    "exercise_sessions": exercise_statement,
    "diary_entries": diary_statement,
}


def to_statement(kind: str, row: Row) -> dict[str, Any]:
    """Turn one stored row of a kind (a table name) into an xAPI-style statement."""
    return TO_STATEMENT[kind](row)


def to_document(statements: list[dict[str, Any]], exported_at: datetime) -> dict[str, Any]:
    """Wrap statements in the export file's top-level object."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": format_time(exported_at),
        "statements": statements,
    }


# ---------------------------------------------------------------- statements -> rows


def need(mapping: Any, key: str, kinds: type | tuple[type, ...], where: str) -> Any:
    """Return ``mapping[key]`` if present and of the right type, else raise StatementError."""
    if not isinstance(mapping, Mapping) or key not in mapping:
        raise StatementError(f"{where} has no '{key}'")
    value = mapping[key]
    bad_bool = isinstance(value, bool) and bool not in _as_tuple(kinds)
    if not isinstance(value, kinds) or bad_bool:
        raise StatementError(f"{where} > {key} is {value!r}, which is not {_type_words(kinds)}")
    return value


def _as_tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _type_words(kinds: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        dict: "an object",
        list: "a list",
        type(None): "null",
    }
    return " or ".join(names.get(kind, kind.__name__) for kind in _as_tuple(kinds))


def ext(statement: Mapping[str, Any], key: str, kinds: type | tuple[type, ...]) -> Any:
    """Return one context extension of a statement, checked for type."""
    context = need(statement, "context", dict, "statement")
    values = need(context, "extensions", dict, "context")
    return need(values, f"{IRI}:ext:{key}", kinds, "context > extensions")


def common(statement: Mapping[str, Any]) -> Row:
    """Read the fields every statement shares: id, learner and timestamp."""
    statement_id = need(statement, "id", str, "statement")
    try:
        uuid.UUID(statement_id)
    except ValueError as exc:
        raise StatementError(f"statement id {statement_id!r} is not a UUID") from exc
    account = need(need(statement, "actor", dict, "statement"), "account", dict, "actor")
    learner = need(account, "name", str, "actor > account")
    timestamp = need(statement, "timestamp", str, "statement")
    try:
        moment = parse_time(timestamp)
    except StatementError:
        raise
    except ValueError as exc:
        raise StatementError(f"timestamp {timestamp!r} is not an ISO 8601 time") from exc
    return {"statement_id": statement_id, "learner": learner, "timestamp": format_time(moment)}


def attempt_row(statement: Mapping[str, Any]) -> Row:
    """Read an ``answered`` statement back into an attempts row."""
    result = need(statement, "result", dict, "statement")
    score = need(need(result, "score", dict, "result"), "scaled", (int, float), "result > score")
    if not 0 <= score <= 1:
        raise StatementError(f"result > score > scaled is {score}; it must be from 0 to 1")
    response = need(result, "response", str, "result")
    try:
        json.loads(response)
    except ValueError as exc:
        raise StatementError("result > response is not JSON text") from exc
    return {
        **common(statement),
        "lesson_id": ext(statement, "lesson", str),
        "quiz_id": ext(statement, "quiz", str),
        "question_id": ext(statement, "question", str),
        "objective": ext(statement, "objective", str),
        "response": response,
        "correct": need(result, "success", bool, "result"),
        "score": float(score),
        "first_try": ext(statement, "first_try", bool),
        "extra": dump_json(ext(statement, "extra", dict)),
    }


def lesson_row(statement: Mapping[str, Any], event: str) -> Row:
    """Read a lesson statement back into a lesson_events row."""
    object_id = need(need(statement, "object", dict, "statement"), "id", str, "object")
    prefix = f"{IRI}:lesson:"
    if not object_id.startswith(prefix) or len(object_id) == len(prefix):
        raise StatementError(f"object > id {object_id!r} does not name a lesson ({prefix}<id>)")
    return {**common(statement), "lesson_id": object_id[len(prefix) :], "event": event}


def exercise_row(statement: Mapping[str, Any]) -> Row:
    """Read an ``attempted`` statement back into an exercise_sessions row."""
    result = need(statement, "result", dict, "statement")
    steps_done = ext(statement, "steps_done", int)
    if steps_done < 0:
        raise StatementError(f"steps_done is {steps_done}; it cannot be negative")
    seconds = ext(statement, "seconds", (int, float, type(None)))
    return {
        **common(statement),
        "exercise_id": ext(statement, "exercise", str),
        "completed": need(result, "completion", bool, "result"),
        "steps_done": steps_done,
        "steps_total": ext(statement, "steps_total", (int, type(None))),
        "seconds": None if seconds is None else float(seconds),
    }


def diary_row(statement: Mapping[str, Any]) -> Row:
    """Read a ``recorded`` statement back into a diary_entries row."""
    day = ext(statement, "day", str)
    try:
        date.fromisoformat(day)
    except ValueError as exc:
        raise StatementError(f"day {day!r} is not a date written as YYYY-MM-DD") from exc
    pain = ext(statement, "pain", int)
    if not 0 <= pain <= 10:
        raise StatementError(f"pain is {pain}; it must be from 0 to 10")
    return {
        **common(statement),
        "day": day,
        "pain": pain,
        "activity": ext(statement, "activity", str),
        "helped": ext(statement, "helped", str),
    }


def from_statement(statement: Any) -> tuple[str, Row]:
    """Turn one statement into ``(kind, row)``; raise StatementError saying what is wrong."""
    verb_id = need(need(statement, "verb", dict, "statement"), "id", str, "verb")
    if verb_id == VERBS["answered"]:
        return "attempts", attempt_row(statement)
    if verb_id in (VERBS["experienced"], VERBS["completed"]):
        event = "opened" if verb_id == VERBS["experienced"] else "completed"
        return "lesson_events", lesson_row(statement, event)
    if verb_id == VERBS["attempted"]:
        return "exercise_sessions", exercise_row(statement)
    if verb_id == VERBS["recorded"]:
        return "diary_entries", diary_row(statement)
    known = ", ".join(VERBS.values())
    raise StatementError(f"verb > id {verb_id!r} is not one this course records (known: {known})")


def read_statements(document: Any) -> list[tuple[str, Row]]:
    """Check an export document's top level and convert every statement.

    Raises StatementError naming the first bad statement by its position.
    """
    if need(document, "format", str, "the file") != FORMAT:
        raise StatementError(f"the file's format is not {FORMAT!r}")
    version = need(document, "format_version", int, "the file")
    if version != FORMAT_VERSION:
        raise StatementError(
            f"the file has format_version {version}; this course reads version {FORMAT_VERSION}"
        )
    records: list[tuple[str, Row]] = []
    for index, statement in enumerate(need(document, "statements", list, "the file")):
        try:
            records.append(from_statement(statement))
        except StatementError as exc:
            raise StatementError(f"statements[{index}]: {exc}") from exc
    return records
