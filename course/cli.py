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
    add_instructor_commands(commands)
    add_class_commands(commands)
    return parser


def add_instructor_commands(commands: Any) -> None:
    """Sub-commands for handing out the course: link, exchange init."""
    link = commands.add_parser("link", help="print the nbgitpuller link that opens the course")
    link.add_argument(
        "--hub", required=True, help="the hub's address, e.g. https://hub.example.org"
    )
    link.add_argument("--repo", required=True, help="the course repository's clone URL")
    link.add_argument("--branch", help="the branch to pull (default: the repository's default)")
    link.set_defaults(handler=run_link)

    exchange = commands.add_parser("exchange", help="set up the folder learners submit into")
    actions = exchange.add_subparsers(required=True, metavar="ACTION")
    init = actions.add_parser("init", help="create DIR as a drop box (mode 1733)")
    init.add_argument("dir", type=Path)
    init.set_defaults(handler=run_exchange_init)


def add_class_commands(commands: Any) -> None:
    """Sub-commands over a class's results: demo-class, gradebook, instructor-table."""
    demo = commands.add_parser("demo-class", help="write a made-up class of results files")
    demo.add_argument("--learners", type=int, default=40)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--out", type=Path, required=True, help="folder to write into")
    demo.add_argument("--roster", type=Path, help="also write the learner names to this file")
    demo.set_defaults(handler=run_demo_class)

    book = commands.add_parser("gradebook", help="write the gradebook CSV from an exchange folder")
    book.add_argument(
        "--exchange", type=Path, help="the exchange folder (default: $COURSE_EXCHANGE)"
    )
    book.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    book.add_argument("--roster", type=Path, help="learner names, one per line")
    book.add_argument("--owner-format", default="{learner}", help='e.g. "jupyter-{learner}"')
    book.add_argument(
        "--no-owner-check", action="store_true", help="do not compare learners with file owners"
    )
    book.set_defaults(handler=run_gradebook)

    table = commands.add_parser(
        "instructor-table", help="write the lesson table in docs/instructors.md from the manifest"
    )
    table.add_argument("--check", action="store_true", help="only report whether it is out of date")
    table.set_defaults(handler=run_instructor_table)


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


def run_link(args: argparse.Namespace) -> int:
    """Print the nbgitpuller link."""
    from course.instructor.links import nbgitpuller_link

    print(nbgitpuller_link(args.hub, args.repo, args.branch))
    return 0


def run_exchange_init(args: argparse.Namespace) -> int:
    """Create the drop box and say what was set."""
    from course.instructor.exchange import init_exchange

    print("\n".join(init_exchange(args.dir).describe()))
    return 0


def run_demo_class(args: argparse.Namespace) -> int:
    """Write a made-up class and say how to open it."""
    from course.instructor.demo import make_demo_class

    if args.learners < 1:
        raise CourseError("--learners must be 1 or more")
    made = make_demo_class(args.out, args.learners, args.seed)
    if args.roster:
        args.roster.write_text("\n".join(made.roster) + "\n", encoding="utf-8")
    print(
        f"Wrote {made.files} results files for {len(made.roster)} learners into {args.out}, "
        f"plus {len(made.set_aside)} files the dashboard sets aside on purpose."
    )
    print(
        "The files all belong to you, so open them with the owner check off: "
        f'show_class_dashboard(exchange_dir="{args.out}", check_owner=False'
        + (f', roster="{args.roster}")' if args.roster else ")")
    )
    return 0


def run_gradebook(args: argparse.Namespace) -> int:
    """Load the exchange folder, list files set aside, write the gradebook CSV."""
    from course.instructor.exchange import exchange_dir
    from course.instructor.gradebook import write_gradebook
    from course.instructor.loading import read_roster
    from course.instructor.report import class_results

    folder = args.exchange or exchange_dir()
    if folder is None or not Path(folder).is_dir():
        raise CourseError(
            f"no exchange folder ({folder}); fix: pass --exchange DIR or set COURSE_EXCHANGE"
        )
    roster = read_roster(args.roster) if args.roster else []
    results = class_results(folder, roster, not args.no_owner_check, args.owner_format)
    for rejection in results.loaded.rejected:
        print(f"set aside {rejection.file}: {rejection.reason}")
    write_gradebook(results.report, args.out)
    print(f"Gradebook for {len(results.report.learners)} learners written to {args.out}.")
    return 0


def run_instructor_table(args: argparse.Namespace) -> int:
    """Rewrite (or check) the lesson table in docs/instructors.md."""
    from course.instructor.timetable import docs_file, update_docs

    changed = update_docs(check=args.check)
    if args.check and changed:
        print(
            f"{docs_file()}: the lesson table is out of date; run 'python -m course instructor-table'."
        )
        return 1
    print(f"{docs_file()}: lesson table {'updated' if changed else 'up to date'}.")
    return 0
