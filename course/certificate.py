"""A printable certificate of completion, as a self-contained HTML file.

The learner types their name; everything they type is escaped before it goes
into the page, so a name such as ``<script>`` is shown as text, never run. The
page has no scripts and no external files, and a print stylesheet lays it out
on one landscape A4 page. Files are written to :func:`course.paths.output_dir`.

Examples
--------
>>> clean_name("  Ada   Lovelace ")
'Ada Lovelace'
>>> certificate_file_name("Zoë O'Brien <b>", date(2026, 11, 21))
'certificate-zoe-o-brien-b-2026-11-21.html'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from html import escape
from pathlib import Path

from course import paths
from course.assessment import AssessmentResult
from course.errors import AnswerError

MAX_NAME_LENGTH = 100
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STYLE = """
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #eeeae2; color: #1d2733;
       font-family: Georgia, "Times New Roman", serif; }
.certificate { max-width: 960px; margin: 32px auto; padding: 56px 64px; background: #fff;
               border: 14px double #23446e; text-align: center; }
.kicker { margin: 0; font-size: 15px; letter-spacing: 0.25em; text-transform: uppercase;
          color: #23446e; }
h1 { margin: 16px 0 36px; font-size: 30px; font-weight: normal; line-height: 1.3; }
.lead { margin: 0; font-size: 18px; }
.name { margin: 16px 0 22px; font-size: 40px; line-height: 1.2; overflow-wrap: anywhere;
        border-bottom: 1px solid #8a97a8; display: inline-block; padding: 0 24px 8px; }
.detail { margin: 8px 0; font-size: 18px; }
.score { margin: 24px 0 8px; font-size: 20px; font-weight: bold; }
.note { margin: 36px auto 0; max-width: 640px; font-size: 13px; color: #46515f; }
.how-to-print { max-width: 960px; margin: 0 auto 32px; font-family: system-ui, sans-serif;
                font-size: 14px; color: #46515f; text-align: center; }
@media print {
  body { background: #fff; }
  .certificate { margin: 0; max-width: none; border-color: #000; }
  .how-to-print { display: none; }
}
"""


def clean_name(name: str) -> str:
    """The name as it will be printed: spaces tidied, control characters removed.

    Raises
    ------
    AnswerError
        For an empty name, or one longer than ``MAX_NAME_LENGTH`` characters.
    """
    printable = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    tidy = " ".join(printable.split())
    if not tidy:
        raise AnswerError("Please type the name to print on your certificate.")
    if len(tidy) > MAX_NAME_LENGTH:
        raise AnswerError(
            f"Please use at most {MAX_NAME_LENGTH} characters for the name "
            f"(this one has {len(tidy)})."
        )
    return tidy


def long_date(day: date) -> str:
    """A date in words, the same in every locale: ``21 November 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def certificate_html(name: str, result: AssessmentResult) -> str:
    """The certificate as a complete HTML page, with the name and course title escaped.

    Raises
    ------
    AnswerError
        When the result did not pass, or the name is empty or too long.
    """
    if not result.passed:
        raise AnswerError(
            f"A certificate needs a score of at least {round(result.pass_mark * 100)} out of 100; "
            f"yours is {result.percent}."
        )
    person = escape(clean_name(name), quote=True)
    course = escape(result.course_title, quote=True)
    day = long_date(result.day)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Certificate of completion: {course}</title>
<style>{STYLE}</style>
</head>
<body>
<main class="certificate">
<p class="kicker">Certificate of completion</p>
<h1>{course}</h1>
<p class="lead">This certifies that</p>
<p class="name">{person}</p>
<p class="detail">completed the course and passed its final assessment</p>
<p class="detail">on <time datetime="{result.day.isoformat()}">{day}</time>.</p>
<p class="score">Score: {result.percent} out of 100 (pass mark {round(result.pass_mark * 100)})</p>
<p class="note">An open educational course about low back pain.
It teaches what the evidence says; it is not medical advice and not a clinical qualification,
and it does not qualify anyone to diagnose or treat.</p>
</main>
<p class="how-to-print">To print, use your browser's Print command (Ctrl+P, or Cmd+P on a Mac).
This line is not printed.</p>
</body>
</html>
"""


def certificate_file_name(name: str, day: date) -> str:
    """A safe file name from the learner's name and the day: letters, digits and hyphens only."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    return f"certificate-{slug or 'learner'}-{day.isoformat()}.html"


def write_certificate(name: str, result: AssessmentResult, folder: Path | None = None) -> Path:
    """Write the certificate to ``folder`` (default: the course's output folder); return its path.

    Raises
    ------
    AnswerError
        When the result did not pass, or the name is empty or too long.
    """
    page = certificate_html(name, result)
    target = folder or paths.output_dir()
    target.mkdir(parents=True, exist_ok=True)
    path = target / certificate_file_name(clean_name(name), result.day)
    path.write_text(page, encoding="utf-8")
    return path
