"""Figures drawn by the course with matplotlib, each with alt text and numbered markers.

A figure module registers drawing functions with :func:`register`. Every figure
can be drawn *labelled* (for teaching: names beside the numbered markers) or
*unlabelled* (for label-the-figure questions: numbers only). Nothing is
downloaded; everything is drawn from code.
"""

from __future__ import annotations

import io
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from course.errors import ContentError

DrawFunction = Callable[[bool], Any]  # (labelled) -> matplotlib.figure.Figure


@dataclass(frozen=True)
class FigureSpec:
    """How to draw one figure, and what a reader who cannot see it needs to know.

    ``alt`` describes the labelled figure; ``alt_unlabelled`` describes where each
    numbered marker points without naming the structure (so it does not give
    away a label-the-figure answer). ``markers`` maps marker number to label.
    """

    id: str
    title: str
    alt: str
    alt_unlabelled: str
    markers: dict[int, str]
    draw: DrawFunction


@dataclass(frozen=True)
class RenderedFigure:
    """A drawn figure: PNG bytes plus the text that goes with them."""

    id: str
    title: str
    alt: str
    png: bytes
    markers: dict[int, str]
    labelled: bool


_REGISTRY: dict[str, FigureSpec] = {}


def register(spec: FigureSpec) -> FigureSpec:
    """Add a figure to the registry (figure modules call this at import)."""
    _REGISTRY[spec.id] = spec
    return spec


def figure_modules() -> list[str]:
    """Every module in this package: each registers its figures when imported.

    Examples
    --------
    >>> "course.figures.anatomy" in figure_modules()
    True
    """
    return sorted(f"{__name__}.{info.name}" for info in pkgutil.iter_modules(__path__))


@cache
def registry() -> dict[str, FigureSpec]:
    """Return every registered figure, importing the figure modules once."""
    for module in figure_modules():
        import_module(module)
    return dict(_REGISTRY)


def figure_ids() -> list[str]:
    """Return the ids of every figure the course can draw."""
    return sorted(registry())


def spec(figure_id: str) -> FigureSpec:
    """Return one figure's spec, or raise a ContentError listing the known ids."""
    figures = registry()
    if figure_id not in figures:
        known = ", ".join(sorted(figures)) or "none"
        raise ContentError(
            "course/figures",
            f"figure '{figure_id}'",
            "is not a figure the course draws",
            f"use one of: {known}",
        )
    return figures[figure_id]


@cache
def render(figure_id: str, labelled: bool = True) -> RenderedFigure:
    """Draw a figure to PNG (cached), with the alt text for that variant."""
    figure_spec = spec(figure_id)
    figure = figure_spec.draw(labelled)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    alt = figure_spec.alt if labelled else figure_spec.alt_unlabelled
    return RenderedFigure(
        figure_spec.id,
        figure_spec.title,
        alt,
        buffer.getvalue(),
        dict(figure_spec.markers),
        labelled,
    )
