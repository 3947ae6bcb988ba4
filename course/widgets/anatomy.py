"""Lesson 01's anatomy explorer: the parts of the lower back, filtered by group.

A thin view over :mod:`course.anatomy`: a Dropdown chooses a group and the table
is written into ``HTML.value`` in one assignment (never printed). Tests drive it
with the verb :meth:`AnatomyExplorer.select` and read :attr:`AnatomyExplorer.state`.
"""

from __future__ import annotations

from typing import Any

from IPython.display import display
from ipywidgets import HTML, Dropdown, VBox

from course import anatomy

ALL = "all"


def group_options() -> list[tuple[str, str]]:
    """Return the Dropdown choices: every part, then each group with its count.

    Examples
    --------
    >>> group_options()[0][1], group_options()[0][0].startswith("All parts (")
    ('all', True)
    """
    counts = anatomy.group_counts()
    options = [(f"{anatomy.group_label(None)} ({sum(counts.values())})", ALL)]
    options += [
        (f"{anatomy.group_label(group)} ({count})", group)
        for group, count in counts.items()
        if count
    ]
    return options


class AnatomyExplorer:
    """Show the anatomy table, one group at a time or all of it.

    Parameters
    ----------
    group : str, optional
        The group to show first (``"muscle"``, ``"nervous system"``...); default every part.

    Examples
    --------
    >>> explorer = AnatomyExplorer()
    >>> explorer.select("muscle")
    >>> explorer.state["group"], "multifidus" in explorer.state["ids"]
    ('muscle', True)
    >>> repr(explorer).startswith("AnatomyExplorer(group='muscle', shown=")
    True
    """

    def __init__(self, group: str | None = None) -> None:
        anatomy.check_group(group)
        self.choice = Dropdown(
            options=group_options(),
            value=group or ALL,
            description="Show",
            style={"description_width": "initial"},
        )
        self.table = HTML()
        self.box = VBox([self.choice, self.table])
        self.choice.observe(self._on_change, names="value")
        self.refresh()

    # verbs ----------------------------------------------------------------

    def select(self, group: str | None = None) -> None:
        """Show one group (``None`` for every part), as a learner would with the Dropdown."""
        anatomy.check_group(group)
        self.choice.value = group or ALL

    @property
    def group(self) -> str | None:
        """The group shown now, or None when every part is shown."""
        value = str(self.choice.value)
        return None if value == ALL else value

    @property
    def state(self) -> dict[str, Any]:
        """What the explorer shows, as plain Python values."""
        ids = [row["id"] for row in anatomy.anatomy_rows(self.group)]
        return {
            "group": self.group,
            "shown": len(ids),
            "total": len(anatomy.anatomy_rows()),
            "ids": ids,
        }

    # glue -----------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw the table for the chosen group (one assignment)."""
        self.table.value = anatomy.anatomy_table_html(self.group)

    def _on_change(self, change: dict[str, Any]) -> None:
        self.refresh()

    # display --------------------------------------------------------------

    def __repr__(self) -> str:
        state = self.state
        return (
            f"AnatomyExplorer(group={state['group']!r}, shown={state['shown']} of {state['total']})"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle: dict[str, Any] = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = self.table.value  # shown where widgets cannot run
        return bundle


def show_anatomy(group: str | None = None) -> None:
    """Show the parts of the lower back in a table you can filter by group."""
    display(AnatomyExplorer(group))
