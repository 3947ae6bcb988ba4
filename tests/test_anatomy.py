"""Lesson 01's anatomy table: every row's promises, and the pure helpers in course.anatomy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from course import anatomy, content, loading, paths
from course.errors import ContentError
from tests.sources import NEVER_CITED

FIXTURES = Path(__file__).resolve().parent / "fixtures"


# Structures the lesson must teach (issue 5 and the lesson brief), by row id.
REQUIRED_IDS = {
    "lumbar-vertebrae",
    "sacrum",
    "annulus-fibrosus",
    "nucleus-pulposus",
    "facet-joints",
    "anterior-longitudinal-ligament",
    "posterior-longitudinal-ligament",
    "ligamentum-flavum",
    "interspinous-supraspinous-ligaments",
    "erector-spinae",
    "iliocostalis",
    "longissimus",
    "spinalis",
    "multifidus",
    "quadratus-lumborum",
    "psoas-major",
    "transversus-abdominis",
    "gluteus-maximus",
    "gluteus-medius-minimus",
    "thoracolumbar-fascia",
    "conus-medullaris",
    "cauda-equina",
    "sciatic-nerve-roots",
}

# Ids the exercise lesson uses to name muscles: they must never change.
EXERCISE_IDS = {
    "erector-spinae",
    "multifidus",
    "quadratus-lumborum",
    "psoas-major",
    "transversus-abdominis",
    "gluteus-maximus",
    "gluteus-medius-minimus",
    "thoracolumbar-fascia",
}

ROWS = content.table("anatomy")


def row_id(row: dict[str, Any]) -> str:
    return str(row["id"])


# --- the data file ---------------------------------------------------------------------------


def test_ids_are_unique() -> None:
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids))


def test_structure_names_are_unique() -> None:
    names = [row["structure"].lower() for row in ROWS]
    assert len(names) == len(set(names))


def test_required_structures_are_covered() -> None:
    missing = REQUIRED_IDS - {row["id"] for row in ROWS}
    assert not missing, f"data/anatomy.csv lacks rows: {sorted(missing)}"


def test_exercise_lesson_ids_exist_and_name_muscles_or_fascia() -> None:
    for structure_id in EXERCISE_IDS:
        assert anatomy.structure(structure_id)["group"] in {"muscle", "fascia"}, structure_id


def test_every_group_has_at_least_one_structure() -> None:
    counts = anatomy.group_counts()
    assert set(counts) == set(anatomy.groups())
    assert all(counts.values()), counts


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_every_row_cites_no_secondary_source(row: dict[str, Any]) -> None:
    assert row["references"], row["id"]
    cited = set(row["references"])
    assert not cited & NEVER_CITED, f"{row['id']} cites {sorted(cited & NEVER_CITED)}"
    assert len(cited) == len(row["references"]), f"{row['id']} repeats a key"


@pytest.mark.skipif(
    not paths.references_file().is_file(), reason="data/references.yaml not written yet"
)
@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_reference_keys_resolve(row: dict[str, Any]) -> None:
    for key in row["references"]:
        content.reference(key, f"data/anatomy.csv: {row['id']}")


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_text_cells_are_full_sentences(row: dict[str, Any]) -> None:
    for column in ("location", "function", "why_it_matters"):
        text = row[column]
        assert text[0].isupper() and text.rstrip().endswith("."), f"{row['id']}.{column}"


def test_cauda_equina_row_routes_to_emergency_care() -> None:
    why = anatomy.structure("cauda-equina")["why_it_matters"].lower()
    assert "emergency" in why
    for sign in ("bladder", "bowel", "numbness", "both legs"):
        assert sign in why, sign


def test_nerve_root_rows_send_leg_symptoms_to_a_clinician() -> None:
    for structure_id in ("lumbar-nerve-roots", "sciatic-nerve-roots"):
        why = anatomy.structure(structure_id)["why_it_matters"]
        assert "clinician" in why and "red flag" in why, structure_id


def test_spinal_cord_ends_at_about_l1_to_l2() -> None:
    row = anatomy.structure("conus-medullaris")
    assert "L1" in row["location"] and "L2" in row["location"]


def test_sciatic_roots_are_l4_to_s3() -> None:
    location = anatomy.structure("sciatic-nerve-roots")["location"]
    assert all(root in location for root in ("L4", "L5", "S1", "S2", "S3"))


def test_erector_spinae_names_its_three_columns_in_order() -> None:
    function = anatomy.structure("erector-spinae")["function"]
    positions = [function.index(name) for name in ("iliocostalis", "longissimus", "spinalis")]
    assert positions == sorted(positions)


BAD_FILES = [
    (
        "anatomy_bad_group.csv",
        [
            "line 3 (id 'sacrum'), column 'group'",
            "'organ' is not an allowed value",
            "'nervous system'",
        ],
    ),
    ("anatomy_no_references.csv", ["line 3 (id 'sacrum')", "the field 'references' is missing"]),
]


@pytest.mark.parametrize(("fixture", "expected"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_table_names_line_and_fix(fixture: str, expected: list[str]) -> None:
    with pytest.raises(ContentError) as caught:
        loading.load_csv(FIXTURES / fixture, "anatomy")
    for part in expected:
        assert part in str(caught.value), str(caught.value)


# --- pure helpers ----------------------------------------------------------------------------


def test_groups_come_from_the_schema_in_teaching_order() -> None:
    assert anatomy.groups() == (
        "bone",
        "disc",
        "joint",
        "ligament",
        "muscle",
        "fascia",
        "nervous system",
    )


def test_rows_filter_by_group_and_keep_file_order() -> None:
    assert [row["id"] for row in anatomy.anatomy_rows()] == [row["id"] for row in ROWS]
    nervous = anatomy.anatomy_rows("nervous system")
    assert {row["group"] for row in nervous} == {"nervous system"}
    assert "cauda-equina" in [row["id"] for row in nervous]


def test_unknown_group_is_refused_with_the_choices() -> None:
    with pytest.raises(ContentError) as caught:
        anatomy.anatomy_rows("organ")
    message = str(caught.value)
    assert "data/anatomy.csv" in message and "'organ'" in message and "nervous system" in message


def test_unknown_structure_is_refused_with_the_known_ids() -> None:
    with pytest.raises(ContentError) as caught:
        anatomy.structure("piriformis")
    assert "'piriformis'" in str(caught.value) and "multifidus" in str(caught.value)


def test_frame_has_readable_columns_and_id_index() -> None:
    frame = anatomy.anatomy_frame()
    assert list(frame.columns) == list(anatomy.COLUMNS.values())
    assert frame.index.name == "id" and frame.index.is_unique and len(frame) == len(ROWS)
    assert frame.loc["multifidus", "References"] == ", ".join(
        anatomy.structure("multifidus")["references"]
    )


def test_frame_of_one_group() -> None:
    frame = anatomy.anatomy_frame("disc")
    assert list(frame.index) == ["annulus-fibrosus", "nucleus-pulposus"]
    assert set(frame["Group"]) == {"disc"}


def test_caption_counts_rows() -> None:
    assert (
        anatomy.caption(None) == f"Parts of the lower back: All parts ({len(ROWS)} of {len(ROWS)})"
    )
    assert anatomy.caption("bone").startswith("Parts of the lower back: Bones (2 of ")


def test_table_html_is_accessible_and_escaped() -> None:
    html = anatomy.anatomy_table_html("nervous system")
    assert html.count("<caption") == 1 and 'scope="col"' in html
    assert html.count('scope="row"') == len(anatomy.anatomy_rows("nervous system"))
    assert "&#x27;horse&#x27;s tail&#x27;" in html  # quotes in the data are escaped
    assert "[Sheffield-CES]" in html
    assert "<td></td>" not in html and "<th></th>" not in html
