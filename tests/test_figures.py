"""Figures drawn by the course: every one renders in both variants, with honest alt text."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import struct

import pytest

from course import figures
from course.errors import ContentError

FIGURE_IDS = figures.figure_ids()
# Anatomy drawings carry numbered markers; charts (e.g. lesson 03's) have none.
MARKED_IDS = [figure_id for figure_id in FIGURE_IDS if figures.spec(figure_id).markers]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Return (width, height) from a PNG header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_the_lesson_figures_are_registered() -> None:
    assert {"lumbar_segment_side", "back_muscles_cross_section"} <= set(FIGURE_IDS)


@pytest.mark.parametrize("labelled", [True, False], ids=["labelled", "unlabelled"])
@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_renders_a_modest_non_empty_png(figure_id: str, labelled: bool) -> None:
    rendered = figures.render(figure_id, labelled)
    assert rendered.png.startswith(PNG_SIGNATURE) and len(rendered.png) > 5_000
    width, height = png_size(rendered.png)
    assert 400 <= width <= 1000 and 300 <= height <= 800, (width, height)
    assert rendered.labelled is labelled and rendered.id == figure_id


@pytest.mark.parametrize("figure_id", MARKED_IDS)
def test_labelled_and_unlabelled_variants_differ(figure_id: str) -> None:
    assert figures.render(figure_id, True).png != figures.render(figure_id, False).png


@pytest.mark.parametrize("figure_id", MARKED_IDS)
def test_markers_are_numbered_one_to_n(figure_id: str) -> None:
    markers = figures.spec(figure_id).markers
    assert sorted(markers) == list(range(1, len(markers) + 1))
    assert 6 <= len(markers) <= 9
    assert all(label.strip() for label in markers.values())
    assert len({label.lower() for label in markers.values()}) == len(markers)


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_alt_text_has_a_reasonable_length(figure_id: str) -> None:
    spec = figures.spec(figure_id)
    for alt in (spec.alt, spec.alt_unlabelled):
        assert 150 <= len(alt) <= 1500, len(alt)
        assert alt.endswith(".")
    assert spec.title and len(spec.title) < 120


@pytest.mark.parametrize("figure_id", MARKED_IDS)
def test_unlabelled_alt_mentions_each_marker_without_naming_it(figure_id: str) -> None:
    spec = figures.spec(figure_id)
    for number, label in spec.markers.items():
        assert re.search(rf"\bMarker {number}\b", spec.alt_unlabelled), number
        assert label.lower() not in spec.alt_unlabelled.lower(), label


@pytest.mark.parametrize("figure_id", MARKED_IDS)
def test_labelled_alt_names_each_marker(figure_id: str) -> None:
    spec = figures.spec(figure_id)
    for number, label in spec.markers.items():
        first_word = label.split()[0].lower()
        assert re.search(rf"\b{number} {re.escape(first_word)}", spec.alt.lower()), label


@pytest.mark.parametrize("figure_id", MARKED_IDS)
def test_alt_text_says_which_way_is_front(figure_id: str) -> None:
    spec = figures.spec(figure_id)
    for alt in (spec.alt, spec.alt_unlabelled):
        assert "front" in alt and "back" in alt


def test_cross_section_alt_gives_left_and_right() -> None:
    spec = figures.spec("back_muscles_cross_section")
    assert "left" in spec.alt and "left" in spec.alt_unlabelled


def test_figure_modules_never_use_pyplot() -> None:
    for module_name in figures.figure_modules():
        tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
        imported = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        imported += [
            f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        ]
        assert not [name for name in imported if "pyplot" in name], module_name


def test_unknown_figure_names_the_known_ones() -> None:
    with pytest.raises(ContentError) as caught:
        figures.spec("lumbar_segment_front")
    assert "lumbar_segment_side" in str(caught.value)


def test_segment_markers_are_stable() -> None:
    # The start-here quiz and lesson 01's quiz label this figure by these numbers.
    assert figures.spec("lumbar_segment_side").markers == {
        1: "Vertebral body",
        2: "Annulus fibrosus",
        3: "Nucleus pulposus",
        4: "Anterior longitudinal ligament",
        5: "Posterior longitudinal ligament",
        6: "Nerve root in the intervertebral foramen",
        7: "Ligamentum flavum",
        8: "Facet joint",
        9: "Spinous process",
    }
