"""Tests for course/figures/recovery.py: lesson 06's charts draw from the data, and their alt text states it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from course import figures, recovery
from course.figures import recovery as charts

FIGURE_IDS = ["recovery_timeline", "recurrence_within_a_year", "walking_delays_recurrence"]
DATA = recovery.load_recovery()


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_figure_is_registered_and_draws_a_png(figure_id: str) -> None:
    rendered = figures.render(figure_id)
    assert rendered.png.startswith(b"\x89PNG") and len(rendered.png) > 5_000
    spec = figures.spec(figure_id)
    assert spec.markers == {} and spec.alt == spec.alt_unlabelled


def test_timeline_alt_gives_every_plotted_value_and_the_time_bands() -> None:
    for cohort in DATA.cohorts:
        for pain in cohort.pain:
            assert recovery.format_number(pain) in charts.TIMELINE_ALT
    for words in (
        "acute (under 4 weeks)",
        "subacute (4 to 12 weeks)",
        "chronic",
        "circles",
        "dashed",
    ):
        assert words in charts.TIMELINE_ALT


def test_recurrence_alt_gives_every_bar_with_its_natural_frequency() -> None:
    for finding_id, _label in charts.RECURRENCE_BARS:
        value = DATA.finding(finding_id).value
        assert (
            f"{recovery.format_number(value)}% ({recovery.in_ten(value)})" in charts.RECURRENCE_ALT
        )


def test_walking_alt_gives_both_medians_the_delay_and_the_hazard_ratio() -> None:
    for finding_id in ("walkback-median-comparison", "walkback-median-walking", "walkback-people"):
        assert recovery.format_number(DATA.finding(finding_id).value) in charts.WALKING_ALT
    assert f"{recovery.walkback_delay_days(DATA)} days later" in charts.WALKING_ALT
    assert DATA.finding("walkback-hazard-ratio").in_words in charts.WALKING_ALT


def test_the_charts_plot_the_data_file() -> None:
    timeline = charts.draw_recovery_timeline()
    lines = timeline.axes[0].get_lines()
    assert [list(line.get_ydata()) for line in lines] == [
        list(DATA.cohort("acute").pain),
        list(DATA.cohort("persistent").pain),
    ]
    bars = charts.draw_recurrence().axes[0].patches
    assert [bar.get_width() for bar in bars] == [
        DATA.finding(finding_id).value for finding_id, _ in charts.RECURRENCE_BARS
    ]


@pytest.mark.parametrize("days", [1, 2, 30])
def test_a_diary_chart_draws_for_any_number_of_days(days: int) -> None:
    start = date(2026, 11, 1)
    points = [(start + timedelta(days=n), float(n % 10)) for n in range(days)]
    png = charts.png_bytes(charts.draw_diary(points, -0.5 if days > 1 else None))
    assert png.startswith(b"\x89PNG")
