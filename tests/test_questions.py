"""Question kinds and bank parsing (course/questions.py)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from quiz_support import every_kind_bank, make_test_course, read_fixture

from course.errors import ContentError
from course.questions import (
    Case,
    Choice,
    LabelFigure,
    Matching,
    MultipleSelect,
    Numeric,
    Ordering,
    SingleChoice,
    Step,
    TrueFalse,
    display_order,
    load_bank,
    parse_bank,
    seeded_order,
    starting_order,
)

FILE = "data/quizzes/00-demo.yaml"


@pytest.fixture
def test_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield make_test_course(tmp_path, monkeypatch, ["quiz_every_kind.yaml"])


def raw_bank(**question: Any) -> dict[str, Any]:
    base = {
        "id": "q1",
        "prompt": "Prompt?",
        "objective": "L00-O1",
        "references": ["K"],
        "difficulty": 1,
        "explanation": "Because.",
    }
    return {
        "id": "00-demo",
        "lesson": "00-start-here",
        "title": "Demo",
        "questions": [{**base, **question}],
    }


def test_parse_bank_builds_every_kind() -> None:
    bank = every_kind_bank()
    assert (bank.id, bank.lesson, bank.title) == (
        "00-every-kind",
        "00-start-here",
        "Every kind of question",
    )
    kinds = [type(q) for q in bank.questions]
    assert kinds == [
        SingleChoice,
        MultipleSelect,
        TrueFalse,
        Numeric,
        Matching,
        Ordering,
        LabelFigure,
        Case,
    ]
    assert all(q.quiz_id == "00-every-kind" and q.lesson == "00-start-here" for q in bank.questions)


def test_fields_of_each_kind() -> None:
    bank = every_kind_bank()
    single = bank.question("ek-single")
    assert isinstance(single, SingleChoice)
    assert single.choices[0] == Choice("Right choice", "Feedback for the right choice.", True)
    assert single.references == ("REF-A",) and single.difficulty == 1 and single.shuffle
    numeric = bank.question("ek-numeric")
    assert isinstance(numeric, Numeric)
    assert (numeric.answer, numeric.tolerance, numeric.unit, numeric.range) == (
        6.0,
        0.5,
        "weeks",
        (0.0, 52.0),
    )
    matching = bank.question("ek-matching")
    assert isinstance(matching, Matching)
    assert matching.options == ("Match one", "Match two", "Distractor")
    label = bank.question("ek-label")
    assert isinstance(label, LabelFigure)
    assert label.options == ("Top", "Bottom", "Middle")
    case = bank.question("ek-case")
    assert isinstance(case, Case)
    assert case.part("detour").choices[0].next == "middle"
    with pytest.raises(KeyError, match="known parts: start, middle, detour"):
        case.part("nowhere")
    multiple = bank.question("ek-multiple")
    assert isinstance(multiple, MultipleSelect)
    assert multiple.correct_indices == frozenset({0, 1})


def test_true_false_feedback_keys_written_as_booleans_are_accepted() -> None:
    raw = raw_bank(kind="true_false", answer=True, feedback={True: "Yes.", False: "No."})
    question = parse_bank(raw, FILE).questions[0]
    assert isinstance(question, TrueFalse)
    assert question.feedback == {"true": "Yes.", "false": "No."}


def test_unknown_kind_names_file_question_and_fix() -> None:
    with pytest.raises(ContentError) as caught:
        parse_bank(raw_bank(kind="essay"), FILE)
    error = caught.value
    assert (error.file, error.location) == (FILE, "question 'q1'")
    assert "unknown kind 'essay'" in error.problem
    assert "single_choice" in error.fix


def test_missing_field_names_file_question_and_fix() -> None:
    with pytest.raises(ContentError) as caught:
        parse_bank(raw_bank(kind="numeric", answer=1), FILE)
    assert caught.value.location == "question 'q1'"
    assert "numeric question needs" in caught.value.problem
    assert "quiz.schema.json" in caught.value.fix


def test_bank_question_lookup_names_known_ids() -> None:
    with pytest.raises(KeyError, match="known: ek-single"):
        every_kind_bank().question("nope")


def test_load_bank_reads_validates_and_parses(test_course: Path) -> None:
    bank = load_bank("00-every-kind")
    assert len(bank.questions) == 8
    assert bank == parse_bank(read_fixture("quiz_every_kind.yaml"), "x")


def test_load_bank_unknown_id(test_course: Path) -> None:
    with pytest.raises(ContentError, match="there is no question bank '00-nothing'"):
        load_bank("00-nothing")


# --- deterministic shuffling ----------------------------------------------------------------


def test_seeded_order_is_a_permutation_and_repeatable() -> None:
    order = seeded_order("ek-single:", 7)
    assert sorted(order) == list(range(7))
    assert seeded_order("ek-single:", 7) == order
    assert any(seeded_order(f"q{n}:", 7) != order for n in range(5))


@pytest.mark.parametrize("hash_seed", ["0", "12345"])
def test_seeded_order_is_the_same_in_another_process(hash_seed: str) -> None:
    code = "from course.questions import seeded_order; print(seeded_order('ek-single:', 9))"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": hash_seed, "PATH": ""},
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert run.stdout.strip() == str(seeded_order("ek-single:", 9))


def test_display_order_without_shuffle_is_the_bank_order() -> None:
    assert display_order("q", 4, shuffle=False) == (0, 1, 2, 3)
    assert display_order("q", 4, shuffle=True) == seeded_order("q:", 4)


@pytest.mark.parametrize("count", [3, 4, 5])
def test_ordering_never_starts_in_the_right_order(count: int) -> None:
    for n in range(200):
        question = Ordering(
            id=f"o{n}",
            prompt="p",
            objective="L00-O1",
            references=("K",),
            difficulty=1,
            explanation="e",
            steps=tuple(Step(str(i), "why") for i in range(count)),
        )
        order = starting_order(question)
        assert sorted(order) == list(range(count))
        assert order != tuple(range(count))
