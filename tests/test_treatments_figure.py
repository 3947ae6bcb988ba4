"""The effect-size chart of lesson 04: drawn from the table, and its alt text says what it shows."""

from __future__ import annotations

from course import figures, treatments
from course.figures import treatments as chart


def test_the_chart_is_registered_and_draws_a_png() -> None:
    rendered = figures.render("treatment_effects")
    assert rendered.png.startswith(b"\x89PNG")
    assert rendered.markers == {}
    assert len(rendered.alt) > 200


def test_the_alt_text_gives_every_number_on_the_chart() -> None:
    rows = treatments.effect_rows(treatments.treatment_frame())
    for points, low, high in zip(
        rows["Points less pain"], rows["Lowest"], rows["Highest"], strict=True
    ):
        assert treatments.points_text(points, low, high) in chart.EFFECTS_ALT


def test_the_alt_text_says_the_heat_number_is_one_small_trial() -> None:
    assert "one small trial" in chart.EFFECTS_ALT
    assert "10 points" in chart.EFFECTS_ALT


def test_every_number_is_written_on_the_chart() -> None:
    figure = chart.draw_treatment_effects()
    texts = " ".join(text.get_text() for text in figure.axes[0].texts)
    rows = treatments.effect_rows(treatments.treatment_frame())
    for points, low, high in zip(
        rows["Points less pain"], rows["Lowest"], rows["Highest"], strict=True
    ):
        assert treatments.points_text(points, low, high) in texts
    assert "one small trial: uncertain" in texts
    labels = [label.get_text().replace("\n", " ") for label in figure.axes[0].get_yticklabels()]
    assert labels == list(rows["Chart label"])
