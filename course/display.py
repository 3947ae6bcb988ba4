"""Show course content in a notebook: figures, corrections, notices, the course map.

Each verb displays one output whose ``text/plain`` is short and stable (nbval
compares it) and whose ``text/html`` is accessible (alt text, captions, words
and symbols rather than colour alone).
"""

from __future__ import annotations

import base64
from html import escape

from IPython.display import display

from course import content, figures

NOTICE_HTML = """<aside class="course-notice" role="note" aria-label="Safety notice">
<p><strong>Education, not medical advice.</strong>
This course explains what the evidence says about low back pain.
It cannot examine you, diagnose you or choose a treatment for you; a clinician who sees you can.</p>
<p><strong>⚠ Get emergency care now</strong> (999 in the UK, 112 in Europe, 911 in North America,
or go to an emergency department) if back pain comes with any of these:</p>
<ul>
<li>numbness or tingling around the genitals, buttocks, inner thighs or back passage;</li>
<li>new difficulty peeing, or new loss of control of the bladder or bowel;</li>
<li>pain, tingling, weakness or numbness in <em>both</em> legs, or weakness that is getting worse;</li>
<li>chest pain, or back pain that started after a serious accident.</li>
</ul>
<p>See a doctor within a few days if back pain comes with a high temperature, weight loss you cannot explain,
a history of cancer, or pain that is worse at night and does not ease when you change position.</p>
</aside>"""

NOTICE_TEXT = (
    "Education, not medical advice. Emergency care now for back pain with numbness around the genitals "
    "or buttocks, new bladder or bowel problems, or weakness or numbness in both legs."
)


def show_html(html: str, text: str) -> None:
    """Display one output with an HTML view and a short plain-text view."""
    display({"text/html": html, "text/plain": text}, raw=True)


def figure_html(figure_id: str, labelled: bool = True) -> str:
    """Return an accessible ``<figure>`` (image with alt text and a caption) for a course figure."""
    rendered = figures.render(figure_id, labelled)
    data = base64.b64encode(rendered.png).decode("ascii")
    return (
        f'<figure class="course-figure" style="margin:0">'
        f'<img src="data:image/png;base64,{data}" alt="{escape(rendered.alt)}" '
        f'style="max-width:100%;height:auto">'
        f"<figcaption><strong>{escape(rendered.title)}.</strong> {escape(rendered.alt)}</figcaption>"
        f"</figure>"
    )


def show_figure(figure_id: str, labelled: bool = True) -> None:
    """Show a figure drawn by the course, with its alt text as a caption."""
    rendered = figures.render(figure_id, labelled)
    show_html(figure_html(figure_id, labelled), f"Figure: {rendered.title}")


def show_notice() -> None:
    """Show the 'education, not medical advice' notice with when to get urgent help."""
    show_html(NOTICE_HTML, NOTICE_TEXT)


def show_corrections(lesson_id: str) -> None:
    """Show the seed articles' claims this lesson corrects, with the evidence."""
    from course import claims

    selected = claims.claims_for(lesson_id)
    html = claims.render_corrections_html(selected)
    show_html(html, f"{len(selected)} claims from the seed articles, checked against the evidence")


def course_map_html() -> str:
    """Return the lessons of the manifest as an accessible HTML table with links."""
    rows = []
    for number, lesson in enumerate(content.manifest().lessons):
        rows.append(
            f"<tr><td>{number}</td>"
            f'<th scope="row"><a href="{escape(lesson.notebook)}">{escape(lesson.title)}</a></th>'
            f"<td>{escape(lesson.promise)}</td><td>{lesson.minutes} min</td></tr>"
        )
    return (
        '<table class="course-map"><caption>Lessons of the course, in order</caption>'
        '<thead><tr><th scope="col">No.</th><th scope="col">Lesson</th>'
        '<th scope="col">What you will get from it</th><th scope="col">Time</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def show_course_map() -> None:
    """Show the lessons in order, with their promise and time, linked to their notebooks."""
    lessons = content.manifest().lessons
    total = sum(lesson.minutes for lesson in lessons)
    show_html(course_map_html(), f"Course map: {len(lessons)} lessons, about {total} minutes")


def glossary_html(lesson_id: str | None = None) -> str:
    """Return the glossary (optionally one lesson's terms) as an accessible two-column table."""
    rows = "".join(
        f'<tr><th scope="row" style="text-align:left;vertical-align:top">{escape(t["term"])}</th>'
        f'<td style="text-align:left">{escape(t["definition"])}</td></tr>'
        for t in glossary_terms(lesson_id)
    )
    return (
        '<table class="course-glossary"><caption>Glossary: the words this course defines</caption>'
        '<thead><tr><th scope="col">Term</th><th scope="col">Meaning</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def glossary_terms(lesson_id: str | None) -> list[dict[str, str]]:
    """The glossary entries of one lesson, or all of them, in alphabetical order."""
    return [
        term
        for term in content.glossary().values()
        if lesson_id is None or term["file"] == f"{lesson_id}.yaml"
    ]


def show_glossary(lesson_id: str | None = None) -> None:
    """Show the glossary of the course, or of one lesson."""
    show_html(glossary_html(lesson_id), f"Glossary: {len(glossary_terms(lesson_id))} terms")
