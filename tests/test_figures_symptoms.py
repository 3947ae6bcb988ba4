"""Tests for course/figures/symptoms.py: lesson 03's charts draw; alt text states the numbers."""

from __future__ import annotations

import io

import pytest

from course import figures
from course.figures import symptoms


@pytest.mark.parametrize("figure_id", ["pain_over_a_year", "scan_findings_without_pain"])
def test_figure_is_registered_and_draws_a_png(figure_id: str) -> None:
    spec = figures._REGISTRY[figure_id]
    buffer = io.BytesIO()
    spec.draw(True).savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")
    assert len(spec.alt) > 100 and spec.alt == spec.alt_unlabelled


def test_pain_alt_text_gives_every_plotted_value() -> None:
    for value in (*symptoms.ACUTE_PAIN, *symptoms.PERSISTENT_PAIN):
        assert str(value) in symptoms.PAIN_ALT
    assert "circles" in symptoms.PAIN_ALT and "dashed" in symptoms.PAIN_ALT


def test_scan_alt_text_gives_every_finding_and_percentage() -> None:
    for name, at_20, at_80 in symptoms.FINDINGS:
        assert name.split("\n")[0] in symptoms.SCANS_ALT
        assert f"{at_20}% at 20" in symptoms.SCANS_ALT and f"{at_80}% at 80" in symptoms.SCANS_ALT


def test_numbers_match_the_fact_sheet() -> None:
    assert symptoms.ACUTE_PAIN == (52, 23, 12, 6)
    assert [row[1:] for row in symptoms.FINDINGS] == [(37, 96), (30, 84), (29, 43), (19, 29)]
