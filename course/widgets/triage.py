"""The triage practice widget and the red-flag table of lesson 03.

The learner reads about a described person, ticks the signs they find, and
presses "What should they do?". The decision comes from :func:`course.triage.triage`
(pure logic over ``data/red_flags.yaml``); this module only wires widgets to it
and writes the result into ``HTML.value`` in one assignment. Every result says
that this is a teaching tool, not a diagnosis.

Tests drive the widget through its verbs: ``tick``, ``untick``, ``clear``,
``choose``, ``decide`` and ``state``.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from course.triage import Rules, TriageResult, Vignette, check_vignette, load_rules, triage

FREE_PRACTICE = "free"
FREE_PRACTICE_LABEL = "Free practice: no story, tick any signs"
DECIDE_LABEL = "What should they do?"
WAITING = "Tick the signs you find, then press <strong>What should they do?</strong>"
CHANGED = "The ticks changed: press <strong>What should they do?</strong> again."

# Table cells are styled inline: notebook front ends restyle tables and may drop <style> blocks.
CELL = "text-align: left; vertical-align: top"
TABLE_COLUMNS = ("Sign", "Category", "Why it matters", "References")

# Lets long sign texts wrap instead of being cut off (checkbox labels do not wrap by default).
STYLE = """<style>
.course-triage .widget-checkbox { width: 100%; height: auto; }
.course-triage .widget-checkbox .widget-label-basic { white-space: normal; line-height: 1.35; }
.course-triage .widget-html-content { line-height: 1.45; }
.course-triage-result { border: 2px solid currentColor; padding: 0.4em 0.8em; }
</style>"""


class TriagePractice(widgets.VBox):  # type: ignore[misc]
    """A described person, the signs grouped by category, and a "What should they do?" button.

    Examples
    --------
    >>> practice = TriagePractice(vignette="priya-saddle")
    >>> practice.tick("saddle-numbness").decide().urgency
    'emergency'
    >>> practice
    TriagePractice(vignette='priya-saddle', ticked=1, decided='emergency')
    """

    def __init__(self, rules: Rules | None = None, vignette: str | None = None) -> None:
        self.rules = rules or load_rules()
        self.decided: TriageResult | None = None
        self.picker = widgets.Dropdown(
            options=picker_options(self.rules),
            description="Person:",
            style={"description_width": "initial"},
        )
        self.story = widgets.HTML()
        self.boxes = {sign.id: sign_checkbox(sign.text) for sign in self.rules.signs}
        self.decide_button = widgets.Button(
            description=DECIDE_LABEL,
            button_style="primary",
            layout=widgets.Layout(width="auto"),
            tooltip="Show the urgency, the reasons and what to do",
        )
        self.clear_button = widgets.Button(description="Clear ticks")
        self.result = widgets.HTML(value=WAITING)
        self.notice = widgets.HTML(value=f"<p><em>{escape(self.rules.disclaimer)}</em></p>")
        super().__init__(children=self.layout_children())
        self.add_class("course-triage")
        self.wire()
        self.choose(vignette or self.rules.vignettes[0].id)

    def layout_children(self) -> list[Any]:
        """Arrange the parts: notice, picker, story, grouped signs, buttons, result."""
        groups = [
            category_group(self.rules, category_id, self.boxes)
            for category_id in [c.id for c in self.rules.categories]
            if self.rules.signs_in(category_id)
        ]
        grid = widgets.GridBox(
            groups,
            layout=widgets.Layout(
                grid_template_columns="repeat(auto-fit, minmax(18em, 1fr))", grid_gap="0.2em 1.5em"
            ),
        )
        buttons = widgets.HBox([self.decide_button, self.clear_button])
        return [
            widgets.HTML(STYLE),
            self.notice,
            self.picker,
            self.story,
            grid,
            buttons,
            self.result,
        ]

    def wire(self) -> None:
        """Connect the buttons, the picker and the checkboxes to the verbs."""
        self.decide_button.on_click(lambda _button: self.decide())
        self.clear_button.on_click(lambda _button: self.clear())
        self.picker.observe(lambda change: self.choose(change["new"]), names="value")
        for box in self.boxes.values():
            box.observe(self.on_tick_change, names="value")

    def on_tick_change(self, _change: dict[str, Any]) -> None:
        """Mark an earlier result as out of date when the ticks change."""
        if self.decided is not None:
            self.decided = None
            self.result.value = CHANGED

    # ---- verbs ---------------------------------------------------------------------------
    def choose(self, vignette_id: str) -> TriagePractice:
        """Show a described person (or free practice) and clear every tick."""
        if vignette_id != FREE_PRACTICE:
            self.rules.vignette(vignette_id)
        if self.picker.value != vignette_id:
            self.picker.value = vignette_id  # the observer calls choose again
            return self
        self.story.value = story_html(self.current_vignette)
        self.clear()
        return self

    def tick(self, *sign_ids: str) -> TriagePractice:
        """Tick signs by id; an unknown id raises UnknownSignError and ticks nothing."""
        return self.set_ticks(sign_ids, True)

    def untick(self, *sign_ids: str) -> TriagePractice:
        """Untick signs by id; an unknown id raises UnknownSignError and unticks nothing."""
        return self.set_ticks(sign_ids, False)

    def set_ticks(self, sign_ids: tuple[str, ...], value: bool) -> TriagePractice:
        """Check every id first, then set those checkboxes to ``value``."""
        for sign_id in sign_ids:
            self.rules.sign(sign_id)
        for sign_id in sign_ids:
            self.boxes[sign_id].value = value
        return self

    def clear(self) -> TriagePractice:
        """Untick every sign and forget the last result."""
        for box in self.boxes.values():
            box.value = False
        self.decided = None
        self.result.value = WAITING
        return self

    def decide(self) -> TriageResult:
        """Triage the ticked signs, write the result into the result HTML, and return it."""
        result = triage(self.ticked, self.rules)
        page = result_html(result, self.rules)
        if self.current_vignette is not None:
            page += comparison_html(self.current_vignette, self.ticked, self.rules)
        self.result.value = f'<div class="course-triage-result" role="status">{page}</div>'
        self.decided = result
        return result

    # ---- state ---------------------------------------------------------------------------
    @property
    def ticked(self) -> tuple[str, ...]:
        """The ids of the ticked signs, in data order."""
        return tuple(sign_id for sign_id, box in self.boxes.items() if box.value)

    @property
    def current_vignette(self) -> Vignette | None:
        """The described person on show, or None in free practice."""
        if self.picker.value == FREE_PRACTICE:
            return None
        return self.rules.vignette(self.picker.value)

    @property
    def state(self) -> dict[str, Any]:
        """What the widget shows: the person, the ticked signs, and the last decided urgency."""
        return {
            "vignette": self.picker.value,
            "ticked": list(self.ticked),
            "urgency": self.decided.urgency if self.decided else None,
        }

    def __repr__(self) -> str:
        decided = self.decided.urgency if self.decided else None
        return (
            f"TriagePractice(vignette={self.picker.value!r}, ticked={len(self.ticked)}, "
            f"decided={decided!r})"
        )


def picker_options(rules: Rules) -> list[tuple[str, str]]:
    """Return the (label, id) options of the person picker: each vignette, then free practice."""
    return [(vignette.name, vignette.id) for vignette in rules.vignettes] + [
        (FREE_PRACTICE_LABEL, FREE_PRACTICE)
    ]


def sign_checkbox(text: str) -> widgets.Checkbox:
    """Return an unticked checkbox labelled with a sign's text."""
    return widgets.Checkbox(
        value=False,
        description=text,
        indent=False,
        layout=widgets.Layout(width="100%", height="auto"),
    )


def category_group(
    rules: Rules, category_id: str, boxes: dict[str, widgets.Checkbox]
) -> widgets.VBox:
    """Return one category's heading and its signs' checkboxes."""
    category = rules.category(category_id)
    heading = widgets.HTML(f"<strong>{escape(category.label)}</strong>")
    return widgets.VBox([heading, *(boxes[sign.id] for sign in rules.signs_in(category_id))])


def story_html(vignette: Vignette | None) -> str:
    """Return the described person's story, or the free-practice instructions."""
    if vignette is None:
        return (
            "<p><strong>Free practice.</strong> Tick any combination of signs and see "
            "what it calls for. Try adding an emergency sign to a list of milder ones.</p>"
        )
    return f"<p><strong>{escape(vignette.name)}.</strong> {escape(vignette.story)}</p>"


def result_html(result: TriageResult, rules: Rules) -> str:
    """Return a triage result as HTML: urgency in words and a symbol, reasons, action, disclaimer.

    Examples
    --------
    >>> page = result_html(triage(["both-legs"]), load_rules())
    >>> "Emergency now" in page and "not a diagnosis" in page
    True
    """
    parts = [
        f'<p style="font-size: 1.15em"><span aria-hidden="true">{result.symbol}</span> '
        f"<strong>{escape(result.label)}</strong></p>",
        f"<p>{escape(result.message)}</p>",
    ]
    if result.reasons:
        items = "".join(
            f"<li><strong>{escape(r.text)}</strong> "
            f"({escape(rules.category(r.category).label)}): {escape(r.why)}</li>"
            for r in result.reasons
        )
        parts.append(f"<p>Why:</p><ul>{items}</ul>")
    if result.also_ticked:
        others = "; ".join(escape(rules.sign(sign_id).text) for sign_id in result.also_ticked)
        parts.append(
            f"<p>Also ticked, less urgent (they do not change the decision): {others}.</p>"
        )
    parts.append(f"<p><strong>What to do:</strong> {escape(result.action)}</p>")
    parts.append(f"<p><em>{escape(result.disclaimer)}</em></p>")
    parts.append(f"<p><small>References: {escape(', '.join(result.references))}</small></p>")
    return "".join(parts)


def comparison_html(vignette: Vignette, ticked: tuple[str, ...], rules: Rules) -> str:
    """Return how the learner's ticks compare with the story's signs, and the explanation."""
    check = check_vignette(vignette.id, ticked, rules)
    expected = rules.urgency(check.expected)
    verdict = (
        "Your ticks lead to the same decision as the story's signs."
        if check.right_urgency
        else f"The story's signs call for: {expected.label}. "
        "Your ticks lead to a different decision."
    )
    parts = [f"<hr><p><strong>Compare with the story.</strong> {escape(verdict)}</p>"]
    if check.missed:
        missed = "; ".join(escape(rules.sign(s).text) for s in check.missed)
        parts.append(f"<p>Signs in the story you did not tick: {missed}.</p>")
    if check.extra:
        extra = "; ".join(escape(rules.sign(s).text) for s in check.extra)
        parts.append(f"<p>Ticked, but not in the story: {extra}.</p>")
    if check.all_signs_found:
        parts.append("<p>You found every sign in the story.</p>")
    parts.append(f"<p>{escape(vignette.explanation)}</p>")
    return "".join(parts)


def red_flags_html(rules: Rules) -> str:
    """Return every sign as HTML tables, one per urgency level, most urgent first.

    Examples
    --------
    >>> page = red_flags_html(load_rules())
    >>> page.index("Emergency now") < page.index("See a clinician within days") < page.index(
    ...     "Self-care for now")
    True
    """
    sections = [level_table(rules, level.id) for level in rules.urgencies]
    sections.append(f"<p><em>{escape(rules.disclaimer)}</em></p>")
    return "".join(sections)


def level_table(rules: Rules, urgency_id: str) -> str:
    """Return one urgency level's heading, action and table of signs."""
    level = rules.urgency(urgency_id)
    head = "".join(f'<th scope="col" style="{CELL}">{name}</th>' for name in TABLE_COLUMNS)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td style="{CELL}">{escape(cell)}</td>'
            for cell in (
                sign.text,
                rules.category(sign.category).label,
                sign.why,
                ", ".join(sign.references),
            )
        )
        + "</tr>"
        for sign in rules.signs_with(level.id)
    )
    return (
        f'<h4><span aria-hidden="true">{level.symbol}</span> {escape(level.label)}</h4>'
        f"<p>{escape(level.action)}</p>"
        f'<table class="course-triage-flags"><caption>Signs that call for: {escape(level.label)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def show_triage(vignette: str | None = None) -> TriagePractice:
    """Show the triage practice widget, starting with a described person (the first by default)."""
    return TriagePractice(vignette=vignette)


def show_red_flags() -> None:
    """Show every warning sign, grouped by urgency, with its category, reason and references."""
    rules = load_rules()
    text = f"Red flags: {len(rules.signs)} signs in {len(rules.urgencies)} levels of urgency"
    display({"text/html": red_flags_html(rules), "text/plain": text}, raw=True)
