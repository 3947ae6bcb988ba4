"""The class dashboard: learner-provided text is shown as text, charts have alt text, verbs work."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from course.instructor import dashboard as html
from course.instructor.analysis import Settings
from course.instructor.report import ClassResults, class_results
from course.models import Lesson, Manifest, Objective
from course.questions import QuizBank, parse_bank
from course.widgets.dashboard import ClassDashboard, show_class_dashboard

FIXTURE = Path(__file__).parent / "fixtures" / "results_item_stats"
LESSON = "00-start-here"
SCRIPT = '<script>alert("pwned")</script>'
IMAGE = "<img src=x onerror=alert(1)>"


def fixture_course() -> tuple[Manifest, dict[str, QuizBank]]:
    objectives = (Objective("L00-O1", "First.", LESSON), Objective("L00-O2", "Second.", LESSON))
    lesson = Lesson(LESSON, "Start here", "00.ipynb", "p", objectives, (), 10, 10, (LESSON,))
    raw = yaml.safe_load((FIXTURE / "bank.yaml").read_text())
    return Manifest("Fixture", 0.7, (lesson,)), {LESSON: parse_bank(raw, "bank.yaml")}


@pytest.fixture
def hostile_class(tmp_path: Path) -> Path:
    """The item-statistics class, a learner renamed to a script, and a file named like markup."""
    folder = tmp_path / "exchange"
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("*.yaml"))
    cal = next(folder.glob("cal+*.json"))  # cal keeps missing: named in "need a look" too
    document = json.loads(cal.read_text())
    document["learner"] = SCRIPT
    cal.write_text(json.dumps(document))
    (folder / f"{IMAGE}.json").write_text("{ cut short")
    return folder


def results_for(folder: Path, roster: tuple[str, ...] = ()) -> ClassResults:
    manifest, banks = fixture_course()
    settings = Settings(min_responses=5)
    return class_results(folder, roster, False, settings=settings, manifest=manifest, banks=banks)


def every_html(results: ClassResults) -> str:
    report, loaded = results.report, results.loaded
    return html.report_html(report, loaded) + html.items_html(report, LESSON, flagged_only=True)


def test_a_learner_name_with_html_or_script_renders_as_text(hostile_class: Path) -> None:
    results = results_for(hostile_class, roster=(IMAGE,))
    assert SCRIPT in results.report.learners
    page = every_html(results)
    assert "<script" not in page
    assert "<img src=x" not in page
    escaped = "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"
    assert page.count(escaped) == 2  # in "need a look" and in "scores by learner"
    assert "&lt;img src=x onerror=alert(1)&gt;.json" in page  # the file set aside, by name


def test_every_chart_has_alt_text_with_the_numbers(hostile_class: Path) -> None:
    page = every_html(results_for(hostile_class))
    alts = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]*)"', page)
    assert len(alts) == 2
    assert alts[0].startswith("Completion per lesson, 6 learners. Start here: 6 completed")
    assert "Final scores of 6 learners: median" in alts[1]


def test_tables_have_captions_and_header_scopes(hostile_class: Path) -> None:
    page = every_html(results_for(hostile_class))
    assert page.count("<table") == page.count("<caption>")
    assert 'class="course-instructor course-item-analysis"' in page
    assert '<th scope="col">Point-biserial</th>' in page


def test_the_item_table_shows_the_figures_and_flags(hostile_class: Path) -> None:
    results = results_for(hostile_class)
    page = html.items_html(results.report, LESSON)
    assert "⚠ q3" in page and "−0.43" in page
    assert "0 of 6 ⚠" in page  # the distractors nobody picked
    flagged = html.items_html(results.report, LESSON, flagged_only=True)
    assert "q2" not in flagged.split("<tbody>")[1]


def test_the_widget_loads_filters_and_exports(hostile_class: Path, tmp_path: Path) -> None:
    dashboard = ClassDashboard(hostile_class, check_owner=False)
    assert repr(dashboard) == "ClassDashboard(6 learners, 1 files set aside)"
    assert "course-item-analysis" in dashboard.items.value
    dashboard.select_lesson("01-lower-back-and-spasm")
    assert dashboard.picker.value == "01-lower-back-and-spasm"
    assert (
        "No questions to show" in dashboard.items.value
        or "course-item-analysis" in dashboard.items.value
    )
    dashboard.select_lesson(None)
    dashboard.show_flagged_only(True)
    assert dashboard.flag_box.value is True
    path = dashboard.export_gradebook(tmp_path / "grades.csv")
    assert path is not None and path.read_text(encoding="utf-8-sig").startswith("learner_id,")
    assert "Gradebook written to" in dashboard.message.value
    assert dashboard.state["rejected"] == [(f"{IMAGE}.json", "malformed")]


def test_without_a_folder_the_widget_says_how_to_name_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    dashboard = show_class_dashboard()
    assert repr(dashboard) == "ClassDashboard(no exchange folder)"
    assert "COURSE_EXCHANGE" in dashboard.summary.value
    assert "demo=True" in dashboard.summary.value
    assert dashboard.export_gradebook() is None


def test_the_demo_dashboard_shows_a_made_up_class() -> None:
    dashboard = show_class_dashboard(demo=True, demo_learners=12, demo_seed=3)
    assert repr(dashboard).startswith("ClassDashboard(12 learners, 2 files set aside)")
    assert "made-up class of 12 learners" in dashboard.summary.value
    assert dashboard.state["accepted"] > 0
