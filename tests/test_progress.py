"""The progress store: records, identity, schema versions, failures, export and import."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from course import coursemap, progress, progress_db
from course.errors import AnswerError, ContentError, ProgressError
from course.models import Attempt
from course.progress import ProgressStore, ProgressWarning

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def make_attempt(
    number: int = 0, correct: bool = True, response: Any = "b", quiz_id: str = "00-start-here"
) -> Attempt:
    """An attempt at question q<number % 4 + 1>, one minute after the previous number."""
    return Attempt(
        quiz_id,
        f"q{number % 4 + 1}",
        "L00-O1",
        response,
        correct,
        1.0 if correct else 0.0,
        number < 4,
        T0 + timedelta(minutes=number),
        {"seconds": number},
    )


def fill(store: ProgressStore) -> None:
    """Put one record of every kind (and a few attempts) into a store."""
    for number in range(6):
        store.record_attempt(make_attempt(number, correct=number % 2 == 0), "00-start-here")
    store.record_lesson("00-start-here", "opened")
    store.record_lesson("00-start-here", "completed")
    store.record_exercise_session("knee-to-chest", True, 5, steps_total=5, seconds=62.5)
    store.add_diary_entry(date(2026, 11, 20), 4, "walked 20 minutes", "heat pad")


def everything(store: ProgressStore) -> tuple[list[Any], ...]:
    """Every record of a store, kind by kind."""
    return (store.attempts(), store.lesson_events(), store.exercise_sessions(), store.diary())


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (to prove a file was left unchanged)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[ProgressStore]:
    opened = ProgressStore(db_path, learner="ada")
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def fresh_default_store() -> Iterator[None]:
    progress.reset_default_store()
    yield
    progress.reset_default_store()


# ---------------------------------------------------------------- records


def test_attempt_round_trip_keeps_every_field(store: ProgressStore) -> None:
    attempt = make_attempt(2, correct=False, response={"order": [2, 0, 1]})
    store.record_attempt(attempt, "00-start-here")
    [stored] = store.attempts()
    assert isinstance(stored, Attempt)
    assert (stored.quiz_id, stored.question_id, stored.objective) == (
        "00-start-here",
        "q3",
        "L00-O1",
    )
    assert stored.response == {"order": [2, 0, 1]}
    assert (stored.correct, stored.score, stored.first_try) == (False, 0.0, True)
    assert stored.timestamp == attempt.timestamp
    assert stored.extra == {"seconds": 2}
    assert (stored.lesson_id, stored.learner) == ("00-start-here", "ada")
    assert len(stored.statement_id) == 36


def test_attempts_filter_by_quiz_and_learner(db_path: Path) -> None:
    ada, bea = ProgressStore(db_path, learner="ada"), ProgressStore(db_path, learner="bea")
    ada.record_attempt(make_attempt(0), "00-start-here")
    bea.record_attempt(
        make_attempt(1, quiz_id="01-lower-back-and-spasm"), "01-lower-back-and-spasm"
    )
    assert len(ada.attempts()) == 2
    assert [a.learner for a in ada.attempts(learner="bea")] == ["bea"]
    assert [a.quiz_id for a in ada.attempts(quiz_id="00-start-here")] == ["00-start-here"]


def test_attempts_come_back_oldest_first(store: ProgressStore) -> None:
    for number in (3, 1, 2):
        store.record_attempt(make_attempt(number), "00-start-here")
    assert [a.question_id for a in store.attempts()] == ["q2", "q3", "q4"]


def test_naive_timestamps_count_as_local_time(store: ProgressStore) -> None:
    naive = datetime(2026, 11, 21, 9, 0)
    store.record_attempt(
        Attempt("00-start-here", "q1", "L00-O1", "a", True, 1.0, True, naive), "00-start-here"
    )
    assert store.attempts()[0].timestamp == naive.astimezone(UTC)


def test_set_responses_are_stored_as_sorted_lists(store: ProgressStore) -> None:
    store.record_attempt(make_attempt(0, response={"picked": {2, 0}}), "00-start-here")
    assert store.attempts()[0].response == {"picked": [0, 2]}


def test_unstorable_response_or_score_is_refused(store: ProgressStore) -> None:
    with pytest.raises(ProgressError, match="response cannot be stored"):
        store.record_attempt(make_attempt(0, response=object()), "00-start-here")
    bad = Attempt("00-start-here", "q1", "L00-O1", "a", True, 1.5, True, T0)
    with pytest.raises(ProgressError, match="outside 0 to 1"):
        store.record_attempt(bad, "00-start-here")
    assert store.attempts() == []


def test_records_survive_reopening(db_path: Path, store: ProgressStore) -> None:
    fill(store)
    store.close()
    again = ProgressStore(db_path, learner="ada")
    assert [len(records) for records in everything(again)] == [6, 2, 1, 1]


def test_lesson_events(store: ProgressStore) -> None:
    store.record_lesson("00-start-here", "opened")
    store.record_lesson("01-lower-back-and-spasm", "completed")
    assert [(e.lesson_id, e.event) for e in store.lesson_events()] == [
        ("00-start-here", "opened"),
        ("01-lower-back-and-spasm", "completed"),
    ]
    assert len(store.lesson_events(lesson_id="00-start-here")) == 1
    with pytest.raises(ProgressError, match="use 'opened' or 'completed'"):
        store.record_lesson("00-start-here", "closed")  # type: ignore[arg-type]


def test_exercise_sessions(store: ProgressStore) -> None:
    store.record_exercise_session("pelvic-tilt", False, 3, steps_total=6)
    [session] = store.exercise_sessions()
    assert (session.exercise_id, session.completed, session.steps_done) == ("pelvic-tilt", False, 3)
    assert (session.steps_total, session.seconds) == (6, None)
    with pytest.raises(ProgressError, match="cannot be negative"):
        store.record_exercise_session("pelvic-tilt", False, -1)


def test_diary_entry_is_stored(store: ProgressStore) -> None:
    store.add_diary_entry(date(2026, 11, 20), 6, " gardening ", "rest and walking")
    [entry] = store.diary()
    assert (entry.day, entry.pain, entry.activity, entry.helped) == (
        date(2026, 11, 20),
        6,
        "gardening",
        "rest and walking",
    )


@pytest.mark.parametrize("pain", [-1, 11, 3.5, True, "4"])
def test_diary_refuses_pain_outside_0_to_10(store: ProgressStore, pain: Any) -> None:
    with pytest.raises(AnswerError, match=r"from 0 .* to 10"):
        store.add_diary_entry(date(2026, 11, 20), pain, "walking", "")
    assert store.diary() == []


def test_diary_refuses_a_future_day(store: ProgressStore) -> None:
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(AnswerError, match="in the future"):
        store.add_diary_entry(tomorrow, 3, "walking", "")
    store.add_diary_entry(date.today(), 3, "walking", "")
    assert len(store.diary()) == 1


# ---------------------------------------------------------------- identity and location


def test_learner_is_the_hub_user_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-learner")
    assert progress.current_learner() == "hub-learner"


def test_learner_is_the_os_user_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr(progress.getpass, "getuser", lambda: "os-learner")
    assert progress.current_learner() == "os-learner"

    def no_user() -> str:
        raise OSError("no user name")

    monkeypatch.setattr(progress.getpass, "getuser", no_user)
    assert progress.current_learner() == "learner"


def test_default_path_is_in_the_jupyter_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("COURSE_PROGRESS_DB", raising=False)
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    assert progress.default_path() == tmp_path / "jupyter" / "lowback-course" / "progress.sqlite3"


def test_default_store_honours_the_variable_and_is_cached(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "a" / "mine.sqlite3"))
    first = progress.default_store()
    assert first is progress.default_store()
    assert first.location == str(tmp_path / "a" / "mine.sqlite3")
    assert (tmp_path / "a" / "mine.sqlite3").is_file()
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(tmp_path / "other.sqlite3"))
    assert progress.default_store() is not first


# ---------------------------------------------------------------- schema versions


def test_a_new_file_gets_the_current_schema_and_wal(store: ProgressStore, db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        assert (
            connection.execute("PRAGMA user_version").fetchone()[0] == progress_db.schema_version()
        )
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_older_schema_is_migrated_in_place(
    store: ProgressStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record_attempt(make_attempt(0), "00-start-here")
    store.close()
    step = ("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)",)
    monkeypatch.setattr(progress_db, "MIGRATIONS", [*progress_db.MIGRATIONS, step])
    again = ProgressStore(db_path)
    assert len(again.attempts()) == 1
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
        assert connection.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_a_newer_schema_is_refused_and_left_unchanged(store: ProgressStore, db_path: Path) -> None:
    store.record_attempt(make_attempt(0), "00-start-here")
    store.close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA user_version = 99")
    before = file_digest(db_path)
    with pytest.raises(ProgressError, match=r"schema version 99.*newer version.*not been changed"):
        ProgressStore(db_path)
    assert file_digest(db_path) == before


def test_default_store_keeps_working_in_memory_beside_a_newer_file(
    store: ProgressStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA user_version = 99")
    before = file_digest(db_path)
    monkeypatch.setenv("COURSE_PROGRESS_DB", str(db_path))
    with pytest.warns(ProgressWarning, match="newer version"):
        fallback = progress.default_store()
    assert fallback.in_memory
    fallback.record_attempt(make_attempt(0), "00-start-here")
    assert len(fallback.attempts()) == 1
    assert file_digest(db_path) == before


# ---------------------------------------------------------------- damaged files


@pytest.mark.parametrize("garbage", [b"garbage", os.urandom(4096), b"\x00" * 100 + b"x" * 9000])
def test_a_corrupt_file_is_moved_aside_and_replaced(db_path: Path, garbage: bytes) -> None:
    db_path.write_bytes(garbage)
    with pytest.warns(ProgressWarning, match="damaged"):
        store = ProgressStore(db_path)
    moved = list(db_path.parent.glob("progress.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    assert not store.in_memory
    store.record_attempt(make_attempt(0), "00-start-here")
    assert len(store.attempts()) == 1
    assert store.take_notices()[0].startswith(f"Your progress file {db_path} was damaged")
    assert store.take_notices() == []


def test_a_database_with_damaged_pages_is_moved_aside(store: ProgressStore, db_path: Path) -> None:
    for number in range(400):
        store.record_attempt(make_attempt(number, response="x" * 200), "00-start-here")
    store.close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db_path.read_bytes())
    data[page_size * 3 : page_size * 6] = os.urandom(page_size * 3)
    db_path.write_bytes(bytes(data))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = ProgressStore(db_path)
    assert [str(w.message) for w in caught if issubclass(w.category, ProgressWarning)]
    assert list(db_path.parent.glob("progress.sqlite3.corrupt-*"))
    assert again.attempts() == []


def test_two_damaged_files_in_one_second_keep_both(db_path: Path) -> None:
    moment = datetime(2026, 11, 21, 20, 3, 4, tzinfo=UTC)
    for _ in range(2):
        db_path.write_bytes(b"garbage")
        progress_db.move_aside(db_path, moment)
    names = sorted(p.name for p in db_path.parent.glob("*.corrupt-*"))
    assert names == [
        "progress.sqlite3.corrupt-20261121T200304Z",
        "progress.sqlite3.corrupt-20261121T200304Z-2",
    ]


# ---------------------------------------------------------------- folders that cannot be written


def test_a_folder_that_cannot_exist_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file where a folder should be")
    with pytest.warns(ProgressWarning, match="in memory only"):
        store = ProgressStore(blocker / "progress.sqlite3")
    assert store.in_memory
    store.record_attempt(make_attempt(0), "00-start-here")
    assert len(store.attempts()) == 1
    assert len(store.take_notices()) == 1


def test_sqlite_refusing_to_open_falls_back_to_memory(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = sqlite3.connect

    def refuse_files(location: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if location != progress_db.MEMORY:
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(location, *args, **kwargs)

    monkeypatch.setattr(progress_db.sqlite3, "connect", refuse_files)
    with pytest.warns(ProgressWarning, match="unable to open database file"):
        store = ProgressStore(db_path)
    assert store.in_memory
    fill(store)
    assert [len(records) for records in everything(store)] == [6, 2, 1, 1]


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="chmod does not stop root from writing"
)
def test_a_read_only_folder_falls_back_to_memory_with_the_old_record(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = folder / "progress.sqlite3"
    first = ProgressStore(path, learner="ada")
    first.record_attempt(make_attempt(0), "00-start-here")
    first.close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        with pytest.warns(ProgressWarning, match="in memory only"):
            store = ProgressStore(path, learner="ada")
        assert store.in_memory
        assert len(store.attempts()) == 1
        store.record_attempt(make_attempt(1), "00-start-here")
        assert len(store.attempts()) == 2
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_a_full_disk_mid_session_moves_to_memory_and_keeps_the_record(store: ProgressStore) -> None:
    store.record_attempt(make_attempt(0), "00-start-here")
    connection = store._connection
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.warns(ProgressWarning, match="database or disk is full"):
        for number in range(1, 60):
            store.record_attempt(make_attempt(number, response="y" * 500), "00-start-here")
    assert store.in_memory
    assert len(store.attempts()) == 60
    assert len(store.take_notices()) == 1


def test_programming_errors_are_not_hidden_by_the_fallback(store: ProgressStore) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.insert_rows(
            [
                (
                    "lesson_events",
                    {
                        "statement_id": "x",
                        "learner": "ada",
                        "lesson_id": "00",
                        "event": "closed",
                        "timestamp": "2026-01-01T00:00:00+00:00",
                    },
                )
            ]
        )
    assert not store.in_memory


def test_sql_aggregation_agrees_with_the_pure_fold(store: ProgressStore) -> None:
    moments = [T0 + timedelta(minutes=m) for m in (5, 1, 5, 3, 1, 9, 9, 2)]
    for number, moment in enumerate(moments):  # ties in time on purpose
        attempt = Attempt(
            "00-start-here",
            f"q{number % 3}",
            "L00-O1",
            number,
            number % 2 == 0,
            (number % 4) / 4,
            False,
            moment,
        )
        store.record_attempt(attempt, "00-start-here")
    assert store.question_states() == coursemap.summarise_attempts(store.attempts())
    assert store.question_states(learner="someone-else") == {}


def test_the_map_of_10000_attempts_is_read_correctly(store: ProgressStore) -> None:
    rows = [
        progress.attempt_to_row(make_attempt(n, correct=n % 3 == 0), "00-start-here", "ada")
        for n in range(10_000)
    ]
    store.insert_rows(("attempts", row) for row in rows)
    states = store.question_states()
    assert sum(state.tries for state in states.values()) == 10_000
    assert states[("00-start-here", "q1")].first_score == 1.0
    assert states[("00-start-here", "q4")].last_seen == T0 + timedelta(minutes=9_999)


# ---------------------------------------------------------------- export and import


def test_export_writes_xapi_style_statements(store: ProgressStore, tmp_path: Path) -> None:
    fill(store)
    count = progress.export_progress(store, tmp_path / "out" / "record.json")
    document = json.loads((tmp_path / "out" / "record.json").read_text(encoding="utf-8"))
    assert count == len(document["statements"]) == 10
    answered = document["statements"][0]
    assert set(answered) >= {"id", "actor", "verb", "object", "result", "timestamp"}
    assert answered["actor"]["account"]["name"] == "ada"
    assert answered["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert answered["result"] == {"success": True, "score": {"scaled": 1.0}, "response": '"b"'}
    assert not list((tmp_path / "out").glob("*.tmp"))


def test_export_then_import_into_an_empty_store_gives_identical_records(
    store: ProgressStore, tmp_path: Path
) -> None:
    fill(store)
    progress.export_progress(store, tmp_path / "record.json")
    empty = ProgressStore(tmp_path / "laptop.sqlite3", learner="someone-else")
    report = progress.import_progress(empty, tmp_path / "record.json")
    assert (report.read, report.added_total, report.duplicates) == (10, 10, 0)
    assert report.added == {
        "attempts": 6,
        "lesson_events": 2,
        "exercise_sessions": 1,
        "diary_entries": 1,
    }
    assert everything(empty) == everything(store)


def test_importing_twice_adds_nothing(store: ProgressStore, tmp_path: Path) -> None:
    fill(store)
    progress.export_progress(store, tmp_path / "record.json")
    other = ProgressStore(tmp_path / "other.sqlite3")
    progress.import_progress(other, tmp_path / "record.json")
    again = progress.import_progress(other, tmp_path / "record.json")
    assert (again.added_total, again.duplicates) == (0, 10)
    assert str(again) == "read 10 statements: 0 added, 10 already present"
    assert len(other.attempts()) == 6
    # importing a store's own export into itself adds nothing either
    assert progress.import_progress(store, tmp_path / "record.json").added_total == 0


def test_import_merges_with_records_already_there(store: ProgressStore, tmp_path: Path) -> None:
    fill(store)
    progress.export_progress(store, tmp_path / "record.json")
    laptop = ProgressStore(tmp_path / "laptop.sqlite3", learner="ada")
    laptop.record_attempt(make_attempt(9), "00-start-here")
    progress.import_progress(laptop, tmp_path / "record.json")
    assert len(laptop.attempts()) == 7


def test_a_half_written_export_is_refused_and_nothing_changes(
    store: ProgressStore, tmp_path: Path
) -> None:
    fill(store)
    progress.export_progress(store, tmp_path / "record.json")
    text = (tmp_path / "record.json").read_text(encoding="utf-8")
    (tmp_path / "cut.json").write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    target = ProgressStore(tmp_path / "target.sqlite3")
    target.record_attempt(make_attempt(0), "00-start-here")
    before = everything(target)
    with pytest.raises(ContentError) as caught:
        progress.import_progress(target, tmp_path / "cut.json")
    assert caught.value.file == str(tmp_path / "cut.json")
    assert "not complete JSON" in caught.value.problem
    assert "export the record again" in caught.value.fix
    assert everything(target) == before


def test_one_bad_statement_refuses_the_whole_file(store: ProgressStore, tmp_path: Path) -> None:
    fill(store)
    progress.export_progress(store, tmp_path / "record.json")
    document = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    document["statements"][-1]["context"]["extensions"]["urn:lowback-course:ext:pain"] = 12
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    target = ProgressStore(tmp_path / "target.sqlite3")
    with pytest.raises(ContentError, match=r"statements\[9\]: pain is 12"):
        progress.import_progress(target, tmp_path / "bad.json")
    assert everything(target) == ([], [], [], [])


@pytest.mark.parametrize(
    "content, problem",
    [
        ("", "not complete JSON"),
        ("[]", "has no 'format'"),
        ('{"format": "something-else"}', "format is not"),
        (
            '{"format": "lowback-course-progress", "format_version": 2, "statements": []}',
            "format_version 2",
        ),
    ],
)
def test_files_that_are_not_exports_are_refused(
    tmp_path: Path, store: ProgressStore, content: str, problem: str
) -> None:
    (tmp_path / "other.json").write_text(content, encoding="utf-8")
    with pytest.raises(ContentError, match=problem):
        progress.import_progress(store, tmp_path / "other.json")


def test_a_missing_import_file_is_named(tmp_path: Path, store: ProgressStore) -> None:
    with pytest.raises(ContentError, match="does not exist"):
        progress.import_progress(store, tmp_path / "nowhere.json")
