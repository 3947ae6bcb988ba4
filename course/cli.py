"""``python -m course``: check content, scaffold notebooks, print answer keys, move progress.

Every command prints what it did and exits non-zero on a problem, with a
message that names the file and the fix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from course.errors import CourseError

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per job."""
    parser = argparse.ArgumentParser(prog="python -m course", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate all of data/ and the notebooks against it")
    check.set_defaults(handler=run_check)

    scaffold = commands.add_parser(
        "scaffold", help="write each notebook's header and footer from the manifest"
    )
    scaffold.add_argument(
        "--check", action="store_true", help="only report notebooks that are out of date"
    )
    scaffold.set_defaults(handler=run_scaffold)

    key = commands.add_parser(
        "answer-key", help="print every question with its answer, for instructors"
    )
    key.add_argument("--lesson", help="only this lesson id")
    key.add_argument("--format", choices=("md", "html"), default="md")
    key.set_defaults(handler=run_answer_key)

    progress = commands.add_parser(
        "progress", help="export or import the learner's progress record"
    )
    moves = progress.add_subparsers(required=True, metavar="ACTION")
    export = moves.add_parser("export", help="write the progress record to a JSON file")
    export.add_argument("file", type=Path)
    export.set_defaults(handler=run_progress_export)
    imports = moves.add_parser("import", help="merge a JSON progress file into the record")
    imports.add_argument("file", type=Path)
    imports.set_defaults(handler=run_progress_import)
    return parser


def run_check(args: argparse.Namespace) -> int:
    """Validate the course; print every problem, or a summary when all is well."""
    from course import content
    from course.validation import check_course

    problems = check_course()
    for problem in problems:
        print(f"✘ {problem}")
    if problems:
        print(
            f"\n{len(problems)} problem(s) found. Fix them and run 'python -m course check' again."
        )
        return 1
    manifest = content.manifest()
    questions = sum(len(content.quiz_bank(q)["questions"]) for q in content.quiz_ids())
    print(
        f"✔ Course content is valid: {len(manifest.lessons)} lessons, {len(manifest.objectives)} objectives, "
        f"{questions} questions, {len(content.references())} references, "
        f"{len(content.glossary())} glossary terms."
    )
    return 0


def run_scaffold(args: argparse.Namespace) -> int:
    """Write (or check) the generated header and footer of every lesson notebook."""
    from course.scaffold import scaffold_all

    results = scaffold_all(check=args.check)
    stale = [result for result in results if result.changed]
    for result in stale:
        verb = "would create" if result.created else "out of date:" if args.check else "updated"
        if result.created and not args.check:
            verb = "created"
        print(f"{verb} {result.notebook.name}")
    if args.check and stale:
        print("Run 'python -m course scaffold' (or 'make scaffold') to regenerate them.")
        return 1
    print(
        f"{len(results)} lesson notebooks checked; {len(stale)} {'stale' if args.check else 'written'}."
    )
    return 0


def run_answer_key(args: argparse.Namespace) -> int:
    """Print the answer key."""
    from course.answer_key import render_answer_key

    print(render_answer_key(args.lesson, args.format))
    return 0


def run_progress_export(args: argparse.Namespace) -> int:
    """Export the learner's record to JSON."""
    from course import progress

    progress.export_progress(cli_store(), args.file)
    print(f"Progress exported to {args.file}.")
    return 0


def run_progress_import(args: argparse.Namespace) -> int:
    """Import a JSON progress file, merging without duplicates."""
    from course import progress

    report = progress.import_progress(cli_store(), args.file)
    print(f"Imported from {args.file}: {report}")
    return 0


def cli_store() -> Any:
    """The learner's store, opened strictly: a newer-schema database is refused, not bypassed."""
    from course import progress

    store = progress.ProgressStore(progress.default_path())
    if store.in_memory:
        notices = "; ".join(store.notices) or "the progress database could not be opened"
        raise CourseError(f"{progress.default_path()}: {notices}; nothing was exported or imported")
    return store
