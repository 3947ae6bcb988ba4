"""An open interactive course on lower back spasms: the verbs the notebooks call.

Notebooks use ``from course import *`` and then one-line calls such as
``show_quiz("03-symptoms-and-red-flags")``. Each verb imports its module on first
use, so ``import course`` costs almost nothing until a lesson shows something.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# verb -> module that defines it
_VERBS: dict[str, str] = {
    "show_class_dashboard": "course.widgets.dashboard",
    "submit_results": "course.widgets.submit",
    "show_quiz": "course.widgets.quiz",
    "show_progress": "course.widgets.progress_map",
    "show_figure": "course.display",
    "show_course_map": "course.display",
    "show_glossary": "course.display",
    "show_notice": "course.display",
    "show_corrections": "course.display",
    "show_anatomy": "course.widgets.anatomy",
    "show_risk_explorer": "course.widgets.risk_explorer",
    "show_triage": "course.widgets.triage",
    "show_red_flags": "course.widgets.triage",
    "play_exercise": "course.widgets.exercise_player",
    "show_safety_check": "course.widgets.exercise_player",
    "show_routine_builder": "course.widgets.exercise_player",
    "show_exercises": "course.widgets.exercise_player",
    "show_diary": "course.widgets.diary",
    "show_prevention": "course.widgets.recovery",
    "judge_claims": "course.widgets.judging",
    "show_page_checklist": "course.widgets.judging",
    "show_search_signs": "course.widgets.judging",
    "show_treatments": "course.widgets.treatments",
    "show_guideline_agreement": "course.widgets.treatments",
    "compare_treatments": "course.widgets.treatments",
    "treatment_table": "course.treatments",
    "show_final_assessment": "course.widgets.assessment",
}

__all__ = sorted(_VERBS)


def _lazy_verb(name: str, module: str) -> Callable[..., Any]:
    """A notebook verb that imports its module only when first called.

    ``from course import *`` therefore stays cheap: the widgets, pandas and
    matplotlib load when a lesson first shows something, not at import.
    """

    def verb(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(module), name)(*args, **kwargs)

    verb.__name__ = verb.__qualname__ = name
    verb.__doc__ = f"See :func:`{module}.{name}` (imported on first use)."
    return verb


globals().update({name: _lazy_verb(name, module) for name, module in _VERBS.items()})


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
