"""The ``oslearn`` command: opens the app, or runs a subcommand for people and scripts.

Subcommands never import Textual (only opening the app does), so ``oslearn --version``,
``list``, ``progress`` and ``check`` start fast and work without a terminal. Output is plain
text; nothing here uses colour, so ``NO_COLOR`` and pipes need no special case.

Exit codes: 0 success; 1 content problems found by ``check``; 2 usage or data errors
(argparse's convention).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from oslearn.lessons import load_curriculum
from oslearn.progress import DATA_DIR_ENV, ProgressLocked, ProgressStore, data_dir, progress_path


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("oslearn")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for ``oslearn`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="oslearn",
        description="Learn server operating systems for Python web deployments in the terminal. "
                    "With no subcommand, opens the app.",
        epilog=f"Progress is kept in the data directory: --data-dir, else ${DATA_DIR_ENV}, "
               "else the platform's user data folder (see `oslearn locate`).",
    )
    parser.add_argument("--version", action="version", version=f"oslearn {_version()}")
    parser.add_argument("--data-dir", metavar="DIR", help=f"where progress is kept (overrides ${DATA_DIR_ENV})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("list", help="list the lessons and how much of each checklist is done")
    progress = sub.add_parser("progress", help="show progress (checklists ticked, quiz attempts)")
    progress.add_argument("--json", action="store_true", help="print the whole progress as JSON")
    check = sub.add_parser("check", help="validate lesson and quiz files; exit 1 if any is broken")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="files or content folders (default: the built-in curriculum)")
    check.add_argument("--stats", action="store_true",
                       help="also print what loaded: lessons, sections, resources, checklist items, "
                            "questions by type, topic and bank")
    sub.add_parser("locate", help="print the data directory, progress file and content folders in use")
    return parser


def _open_store_for_reading(directory: Path) -> ProgressStore:
    store = ProgressStore.open(directory, read_only=True)
    for notice in store.notices:
        print(f"oslearn: {notice}", file=sys.stderr)
    return store


def cmd_list(args) -> int:
    """Print one line a lesson: done/total checklist items, id and title."""
    curriculum = load_curriculum()
    with _open_store_for_reading(data_dir(args.data_dir)) as store:
        for lesson in curriculum.lessons:
            done = len(store.done_items(lesson.id) & {item.id for item in lesson.checklist})
            total = len(lesson.checklist)
            mark = "x" if total and done == total else " "
            print(f"[{mark}] {done:>2}/{total:<2} {lesson.id:<22} {lesson.title}")
    for problem in curriculum.problems:
        print(f"oslearn: broken content: {problem}", file=sys.stderr)
    return 0


def cmd_progress(args) -> int:
    """Print progress: a summary, or with ``--json`` everything the store holds."""
    curriculum = load_curriculum()
    with _open_store_for_reading(data_dir(args.data_dir)) as store:
        known = {lesson.id: {item.id for item in lesson.checklist} for lesson in curriculum.lessons}
        snapshot = store.snapshot(known, {q.id for q in curriculum.questions})
    if args.json:
        json.dump(snapshot, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    ticked = sum(len(v) for v in snapshot["checklist"].values())
    total = sum(len(v) for v in known.values())
    attempts = snapshot["attempts"]
    right = sum(1 for a in attempts if a.get("correct"))
    print(f"Progress file: {snapshot['file']}")
    print(f"Checklist: {ticked} of {total} items ticked")
    print(f"Quiz: {len(attempts)} answers, {right} right")
    if snapshot["position"]:
        print(f"Last read: {snapshot['position']['lesson']} / {snapshot['position']['section']}")
    return 0


def cmd_check(args) -> int:
    """Validate content; print ``file:line: field: problem; fix`` for each problem.

    Exit 0 when everything is valid, 1 when any problem was found. Never a traceback: the
    loader turns anything a file holds into problems. With ``--stats``, the counts of
    what loaded follow (``oslearn.lessons.loader.curriculum_stats``).
    """
    from oslearn.lessons import check_paths
    from oslearn.lessons.loader import curriculum_stats

    curriculum, problems = check_paths(args.paths)
    for problem in problems:
        print(problem)
    if getattr(args, "stats", False):
        _print_stats(curriculum_stats(curriculum))
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    if not args.paths:
        print(f"ok: {len(curriculum.lessons)} lessons, {len(curriculum.questions)} questions")
    else:
        print("ok: no problems found")
    return 0


def _print_stats(stats: dict) -> None:
    """Print the counts from ``curriculum_stats`` as aligned ``name: count`` lines."""
    print(f"lessons: {stats['lessons']}")
    print(f"sections: {stats['sections']}")
    print(f"resources: {stats['resources']} ({stats['resource_urls']} distinct addresses)")
    print(f"checklist items: {stats['checklist_items']}")
    print(f"questions: {stats['questions']}")
    for title, key in (("by type", "questions_by_type"), ("by topic", "questions_by_topic"),
                       ("by bank", "questions_by_bank")):
        print(f"  {title}:")
        width = max((len(name) for name in stats[key]), default=0)
        for name, count in stats[key].items():
            print(f"    {name:<{width}}  {count:>3}")


def cmd_locate(args) -> int:
    """Print every path oslearn uses."""
    from oslearn.lessons.loader import builtin_content, builtin_sources

    directory = data_dir(args.data_dir)
    print(f"data directory: {directory}")
    print(f"progress file:  {progress_path(directory)}")
    print(f"lessons:        {builtin_content()}")
    print(f"sources:        {builtin_sources()}")
    return 0


def cmd_app(args) -> int:
    """Open the Textual app on the learner's progress."""
    directory = data_dir(args.data_dir)
    read_only_reason = ""
    try:
        store = ProgressStore.open(directory)
    except ProgressLocked as error:
        if not sys.stdin.isatty():
            print(f"oslearn: {error}", file=sys.stderr)
            return 2
        answer = input(f"Another oslearn is using {error.path}.\nOpen read-only (nothing will be saved)? [Y/n] ")
        if answer.strip().lower() not in ("", "y", "yes"):
            return 2
        store = ProgressStore.open(directory, read_only=True)
        read_only_reason = "Another oslearn holds the progress file: this window is read-only."
    from oslearn.tui.app import OSLearnApp

    curriculum = load_curriculum()
    app = OSLearnApp(curriculum=curriculum, store=store)
    if read_only_reason:
        store.notices.insert(0, read_only_reason)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0


COMMANDS = {"list": cmd_list, "progress": cmd_progress, "check": cmd_check, "locate": cmd_locate}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``oslearn`` console script.

    Args:
        argv: arguments without the program name (default ``sys.argv[1:]``).
    Returns:
        the exit code (also passed to ``sys.exit`` by the console script).
    """
    args = build_parser().parse_args(argv)
    handler = COMMANDS.get(args.command, cmd_app)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(f"oslearn: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
