"""What the course's filterable views share: a wrapped ipywidgets box, redraw on change, short text.

A view keeps its widgets in ``self.box``, redraws in ``refresh()``, and shows a
short, stable ``repr`` as its plain text (nbval compares it; the stored notebook
keeps it in place of the widget).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class BoxedView:
    """Mixin for views that wrap ``self.box`` and redraw when a control changes."""

    box: Any
    _paused: bool = False

    def refresh(self) -> None:
        """Redraw the view from its controls (each view defines this)."""
        raise NotImplementedError

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Change several controls without redrawing after each one."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False

    def _on_change(self, change: dict[str, Any]) -> None:
        if not self._paused:
            self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle: dict[str, Any] = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle
