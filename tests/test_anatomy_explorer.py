"""Lesson 01's anatomy explorer widget, driven through its verbs as a learner would."""

from __future__ import annotations

import pytest

from course import anatomy
from course.errors import ContentError
from course.widgets.anatomy import ALL, AnatomyExplorer, group_options, show_anatomy


def test_starts_with_every_part() -> None:
    explorer = AnatomyExplorer()
    total = len(anatomy.anatomy_rows())
    assert explorer.state == {
        "group": None,
        "shown": total,
        "total": total,
        "ids": [row["id"] for row in anatomy.anatomy_rows()],
    }
    assert explorer.choice.value == ALL
    assert anatomy.caption(None) in explorer.table.value


def test_select_filters_the_table_and_the_dropdown() -> None:
    explorer = AnatomyExplorer()
    explorer.select("ligament")
    assert explorer.choice.value == "ligament"
    assert explorer.state["ids"] == [row["id"] for row in anatomy.anatomy_rows("ligament")]
    assert "Ligamentum flavum" in explorer.table.value
    assert "Multifidus" not in explorer.table.value
    explorer.select(None)
    assert explorer.state["group"] is None and "Multifidus" in explorer.table.value


def test_changing_the_dropdown_like_a_learner_redraws() -> None:
    explorer = AnatomyExplorer()
    explorer.choice.value = "disc"
    assert explorer.state["shown"] == 2
    assert anatomy.caption("disc") in explorer.table.value


def test_can_open_on_a_group() -> None:
    explorer = AnatomyExplorer("muscle")
    assert explorer.group == "muscle" and "Psoas major" in explorer.table.value


def test_unknown_group_is_refused_and_changes_nothing() -> None:
    explorer = AnatomyExplorer("bone")
    with pytest.raises(ContentError):
        explorer.select("organ")
    assert explorer.group == "bone"
    with pytest.raises(ContentError):
        AnatomyExplorer("organ")


def test_options_list_every_non_empty_group_with_its_count() -> None:
    options = dict((value, label) for label, value in group_options())
    assert options[ALL].startswith("All parts (")
    for group, count in anatomy.group_counts().items():
        assert options[group].endswith(f"({count})")


def test_repr_is_short_and_stable() -> None:
    explorer = AnatomyExplorer("disc")
    total = len(anatomy.anatomy_rows())
    assert repr(explorer) == f"AnatomyExplorer(group='disc', shown=2 of {total})"
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == repr(explorer)
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"] == explorer.table.value  # a static table where widgets cannot run


def test_show_anatomy_displays_without_printing_feedback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    show_anatomy("joint")
    printed = capsys.readouterr().out
    assert printed.strip() in (
        "",
        f"AnatomyExplorer(group='joint', shown=1 of {len(anatomy.anatomy_rows())})",
    )
