"""The ``oslearn`` command: opens the app, or runs a subcommand for people and scripts.

Subcommands never import Textual (only opening the app does), so ``oslearn --version``,
``list``, ``progress`` and ``check`` start fast and work without a terminal. Output is plain
text; nothing here uses colour, so ``NO_COLOR`` and pipes need no special case.

Exit codes: 0 success; 1 content problems found by ``check``, a page ``import`` could not
write, or ``reset`` declined; 2 usage or data errors (argparse's convention), including
"another oslearn holds the progress"; 141 when the reader of the output went away (a
closed pipe), quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from typing import TYPE_CHECKING

# Light imports only: the progress store (TinyDB, filelock) and the content loader are
# imported by the commands that use them, so `oslearn --version` and `oslearn check` do not
# pay for them (tests/benchmarks/bench_app.py times both).
from oslearn.progress.locations import DATA_DIR_ENV, data_dir, progress_path

if TYPE_CHECKING:
    from oslearn.progress.store import ProgressStore


def count(number: int, noun: str, many: str | None = None) -> str:
    """``"1 section"``, ``"2 sections"``: ``number`` and ``noun``, plural unless 1
    (``many``, default ``noun + "s"``)."""
    return f"{number} {noun if number == 1 else (many or noun + 's')}"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("oslearn")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


class _VersionAction(argparse.Action):
    """``--version``: print ``oslearn VERSION`` and exit. The version is looked up only when
    asked for (``importlib.metadata`` costs every other command a few tens of ms)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help="show program's version number and exit"):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"oslearn {_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for ``oslearn`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="oslearn",
        description="Learn server operating systems for Python web deployments in the terminal. "
                    "With no subcommand, opens the app.",
        epilog=f"Progress is kept in the data directory: --data-dir, else ${DATA_DIR_ENV}, "
               "else the platform's user data folder (see `oslearn locate`).",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--data-dir", metavar="DIR", help=f"where progress is kept (overrides ${DATA_DIR_ENV})")
    parser.add_argument("--read-only", action="store_true",
                        help="open the app without saving anything (e.g. while another oslearn is open)")
    parser.add_argument("--seed", type=int, metavar="N",
                        help="shuffle quiz questions and choices the same way every run")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("list", help="list the lessons and how much of each checklist is done")
    progress = sub.add_parser("progress", help="show progress (checklists ticked, quiz attempts)")
    what = progress.add_mutually_exclusive_group()
    what.add_argument("--json", action="store_true", help="print the whole progress as JSON")
    what.add_argument("--export", metavar="FILE", type=Path,
                      help="write all progress to FILE ('-' for standard output) to move it to another machine")
    what.add_argument("--import", dest="import_file", metavar="FILE", type=Path,
                      help="merge progress exported with --export (nothing stored here is dropped)")
    check = sub.add_parser("check", help="validate lesson and quiz files; exit 1 if any is broken")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="files or content folders (default: the built-in curriculum)")
    check.add_argument("--stats", action="store_true",
                       help="also print what loaded: lessons, sections, resources, checklist items, "
                            "questions by type, topic and bank, and the authoring figures (topic shares, "
                            "page-history share, longest-answer share per bank, near-duplicates, "
                            "questions per learning objective)")
    check.add_argument("--strict", action="store_true",
                       help="exit 1 on authoring warnings too (telling answer lengths, near-duplicate "
                            "prompts, questions without explanation or source, untested objectives)")
    sub.add_parser("locate", help="print the data directory, progress file and content folders in use")
    reset = sub.add_parser("reset", help="forget one lesson's checklist, or all progress (backed up first)")
    reset.add_argument("lesson", nargs="?", metavar="LESSON_ID",
                       help="the lesson to reset (see `oslearn list`); omit to reset everything")
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation (for scripts)")
    add_app_options(parser, sub)
    add_curriculum_options(parser)
    add_import_command(sub)
    add_verify_command(sub)
    return parser


def add_app_options(parser: argparse.ArgumentParser, sub) -> None:
    """Add ``--theme``, the hidden ``--web`` flag and the ``serve`` subcommand."""
    parser.add_argument("--theme", metavar="NAME",
                        help="open the app with this Textual theme (remembered); see ctrl+p › Theme")
    # Set by `oslearn serve` for the app it starts per browser tab: there is no terminal to
    # ask on, so a progress file held by another tab is opened read-only with a notice.
    parser.add_argument("--web", action="store_true", help=argparse.SUPPRESS)
    serve = sub.add_parser("serve", help="serve the app to a web browser (textual-serve)",
                           description="Serve oslearn to web browsers. Open the address it prints: it holds "
                                       "a secret token, and every request without it is refused, so no other "
                                       "web page can drive the app. Each browser tab runs its own app on this "
                                       "machine's data directory; while one tab holds the progress file, the "
                                       "others open read-only.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--token", metavar="TOKEN",
                       help="the secret a browser must present (default: a random one each start; "
                            "$OSLEARN_SERVE_TOKEN also sets it, and keeps it out of the process list)")


def add_curriculum_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--lessons DIR`` (repeatable) and ``--watch`` to the top-level parser."""
    from oslearn.lessons.curricula import ENV_VAR

    parser.add_argument("--lessons", metavar="DIR", type=Path, action="append", default=[],
                        help="also load the curriculum in DIR: a folder of lesson .md files, or one with "
                             f"lessons/ and quizzes/ (repeatable; ${ENV_VAR} lists more, separated by "
                             f"{os.pathsep!r})")
    parser.add_argument("--watch", action="store_true",
                        help="reload lessons in the app when their files change (F5 reloads by hand)")


def add_import_command(sub) -> None:
    """Add the ``import`` subcommand to the subparsers ``sub``."""
    command = sub.add_parser("import", help="turn Full Stack Python pages into lesson files",
                             description="Convert pages of the open book Full Stack Python (its Markdown "
                                         "source with the metadata header, or best effort, the text of a "
                                         "rendered page) into oslearn lesson files, one <id>.md each.")
    command.add_argument("pages", nargs="+", type=Path, metavar="PAGE", help="page files (.markdown, .md or .txt)")
    command.add_argument("--out", type=Path, default=Path("."), metavar="DIR",
                         help="folder to write the lessons to (default: the current folder)")
    command.add_argument("--force", action="store_true", help="overwrite lesson files that already exist")


def add_verify_command(sub) -> None:
    """Add the ``verify`` subcommand to the subparsers ``sub``."""
    command = sub.add_parser(
        "verify", help="check the checklist's steps on this machine, a host over SSH, or a mounted tree",
        description="Check the learning checklist's steps on a real server, read-only: one POSIX sh script "
                    "gathers facts there (--show-script prints it) and oslearn judges them. Exit 0 when no "
                    "check fails, 1 when one fails, 2 when the target cannot be reached or read.")
    where = command.add_mutually_exclusive_group()
    where.add_argument("--host", metavar="[USER@]HOST[:PORT]",
                       help="check this host over SSH with the system ssh client (your ~/.ssh/config, agent "
                            "and known hosts apply; no password prompt)")
    where.add_argument("--root", metavar="DIR", type=Path,
                       help="check the system image or container file system mounted at DIR (files only)")
    command.add_argument("--ssh-config", metavar="FILE", type=Path, help="ssh configuration file (ssh -F FILE)")
    command.add_argument("--json", action="store_true", help="print the report as JSON for scripts and CI")
    command.add_argument("--show-script", action="store_true",
                         help="print the script that runs on the target, and exit")


def extra_lesson_dirs(args) -> list[Path]:
    """The added curriculum folders: ``$OSLEARN_LESSONS`` then ``--lessons``, deduplicated."""
    from oslearn.lessons.curricula import lesson_dirs

    return lesson_dirs(getattr(args, "lessons", None) or [])


def load_lessons(args):
    """Load the built-in curriculum and the added ones (a ``Curriculum`` with ``parts``)."""
    from oslearn.lessons.curricula import load_library

    return load_library(extra_lesson_dirs(args))


def cmd_import(args) -> int:
    """Convert pages into lesson files in ``--out``; report each, then the pages that were
    not imported; exit 1 if any page was not written or a written file does not pass
    ``oslearn check``. One page that fails never stops the others."""
    import reprlib

    from oslearn.lessons.importer import import_pages
    from oslearn.lessons.text import visible

    short = reprlib.Repr()
    short.maxstring = 80
    outcomes = import_pages(args.pages, args.out, force=args.force)

    def say(text: str, **options) -> None:
        """Print ``text`` with control characters written as escapes: page paths and errors
        may hold them, and none must reach the terminal."""
        print(visible(text), **options)

    failed = 0
    for outcome in outcomes:
        lesson = outcome.lesson
        if outcome.written is None:
            failed += 1
            say(f"not imported: {outcome.error}", file=sys.stderr)
            continue
        form = "book source" if lesson.form == "source" else "rendered text, best effort"
        say(f"wrote {outcome.written}  ({outcome.page}, {form})")
        say(f"  id {lesson.id}, order {lesson.order}: {short.repr(lesson.title)}; "
              f"{count(len(lesson.section_titles), 'section')}, {count(len(lesson.resources), 'resource')}, "
              f"{count(len(lesson.checklist), 'checklist item')}")
        for note in lesson.notes:
            say(f"  note: {note}")
        for problem in outcome.problems:
            failed += 1
            say(f"  check: {problem}", file=sys.stderr)
    written = [outcome for outcome in outcomes if outcome.written is not None]
    if written and not any(outcome.problems for outcome in written):
        say(f"{len(written)} lesson file(s) in {args.out} pass `oslearn check`. "
            f"Open them with: oslearn --lessons {args.out}")
    missing = [outcome for outcome in outcomes if outcome.written is None]
    if missing:
        say(f"{len(missing)} of {len(outcomes)} page(s) not imported: "
            + ", ".join(outcome.page for outcome in missing), file=sys.stderr)
    return 1 if failed else 0


def _open_store_for_reading(directory: Path) -> ProgressStore:
    """Open the store read-only, printing its notices to stderr.

    Commands that only read (``list``, ``progress``, ``--export``, ``locate``) never change
    a file: a damaged file is reported, not set aside, an old schema is shown as migrated
    without being written, and a torn last line is left for the next writer.
    """
    from oslearn.progress.store import ProgressStore

    store = ProgressStore.open(directory, read_only=True)
    _print_notices(store)
    return store


def _print_notices(store: ProgressStore) -> None:
    """Print the store's notices to stderr, worded (``oslearn.tui.notices``)."""
    from oslearn.tui.notices import notice_text

    for notice in store.notices:
        print(f"oslearn: {notice_text(notice)}", file=sys.stderr)


def _course(curriculum, store: ProgressStore):
    """The course rules over ``curriculum`` and ``store`` (``oslearn.progress.course``)."""
    from oslearn.progress.course import Course

    return Course(curriculum, store)


def _open_store_for_writing(directory: Path) -> ProgressStore | None:
    """Open the store as the writer for a command that changes it; print why not and
    return ``None`` when that is impossible (another oslearn, unwritable data)."""
    from oslearn.progress.store import ProgressLocked, ProgressStore

    try:
        store = ProgressStore.open(directory)
    except ProgressLocked as error:
        print(f"oslearn: {error.path} is in use by another oslearn; close it and run this again. "
              "Nothing was changed.", file=sys.stderr)
        return None
    _print_notices(store)
    if store.read_only:
        print("oslearn: progress cannot be changed now (see above). Nothing was changed.", file=sys.stderr)
        store.close()
        return None
    return store


def _confirm(question: str) -> bool:
    """Ask a yes/no question on the terminal; anything but y/yes (or no terminal) is no."""
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def cmd_list(args) -> int:
    """Print one line a lesson: done/total checklist items, id and title."""
    curriculum = load_lessons(args)
    with _open_store_for_reading(data_dir(args.data_dir)) as store:
        completion = _course(curriculum, store).completion()
    for lesson in curriculum.lessons:
        done = completion.lessons[lesson.id]
        mark = "x" if done.complete else " "
        print(f"[{mark}] {done.done:>2}/{done.total:<2} {lesson.id:<22} {lesson.title}")
    for problem in curriculum.problems:
        print(f"oslearn: broken content: {problem}", file=sys.stderr)
    return 0


def cmd_progress(args) -> int:
    """Print progress: a summary, or with ``--json`` everything the store holds; or
    ``--export``/``--import`` it."""
    if args.export is not None:
        return cmd_progress_export(args)
    if args.import_file is not None:
        return cmd_progress_import(args)
    curriculum = load_lessons(args)
    with _open_store_for_reading(data_dir(args.data_dir)) as store:
        course = _course(curriculum, store)
        snapshot = course.snapshot()
        completion = course.completion()
    if args.json:
        json.dump(snapshot, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    ticked, total = completion.done, completion.total
    attempts = snapshot["attempts"]
    right = sum(1 for a in attempts if a.get("correct"))
    print(f"Progress file: {snapshot['file']}")
    print(f"Checklist: {ticked} of {total} items ticked")
    print(f"Quiz: {len(attempts)} answers, {right} right")
    if snapshot["position"]:
        print(f"Last read: {snapshot['position']['lesson']} / {snapshot['position']['section']}")
    orphaned = snapshot["orphaned"]
    if orphaned["checklist"] or orphaned["attempts"]:
        print(f"Kept for content no longer present: {count(len(orphaned['checklist']), 'tick')}, "
              f"{count(len(orphaned['attempts']), 'answer')} (listed by --json)")
    return 0


def cmd_progress_export(args) -> int:
    """Write every stored record to ``args.export`` (``-``: stdout) in the export format."""
    from oslearn.progress.storage import atomic_write_bytes

    with _open_store_for_reading(data_dir(args.data_dir)) as store:
        document = store.export_data()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if str(args.export) == "-":
        sys.stdout.write(text)
        return 0
    target = args.export.expanduser().resolve()
    atomic_write_bytes(target, text.encode("utf-8"))
    ticks = sum(1 for row in document["tables"].get("checklist", []) if row.get("done") is True)
    print(f"Exported {count(ticks, 'checklist tick')} and {count(len(document['attempts']), 'quiz answer')} "
          f"to {target}")
    print(f"On the other machine: oslearn progress --import {target}")
    return 0


def cmd_progress_import(args) -> int:
    """Validate ``args.import_file`` and merge it into the store (backed up first)."""
    from oslearn.progress.storage import StorageError
    from oslearn.progress.transfer import ImportProblem, read_export

    source = args.import_file.expanduser()
    try:
        document = read_export(source)
    except ImportProblem as problem:
        print(f"oslearn: {problem}. Nothing was changed.", file=sys.stderr)
        return 2
    store = _open_store_for_writing(data_dir(args.data_dir))
    if store is None:
        return 2
    with store:
        try:
            summary = store.import_data(document, str(source))
        except ImportProblem as problem:
            print(f"oslearn: {problem}. Nothing was changed.", file=sys.stderr)
            return 2
        except StorageError as error:
            backup = getattr(error, "backup", None)
            if backup is None:
                print(f"oslearn: {error}. The backup could not be written, so nothing was imported and "
                      "nothing was changed.", file=sys.stderr)
            else:
                print(f"oslearn: {error}. The import stopped part-way: what it wrote before this file is kept, "
                      f"the rest is not imported. Your progress as it was before the import is in {backup}. "
                      "Free some space and run the same import again: it completes the merge and never "
                      "doubles a tick or an answer.", file=sys.stderr)
            return 2
    print(f"Imported {source}: {count(summary['ticks'], 'checklist tick')} and "
          f"{count(summary['attempts'], 'quiz answer')} added"
          + ("; last place read updated" if summary["position"] else "") + ".")
    for name, counts in summary["tables"].items():
        print(f"  {name}: {counts['added']} added, {counts['skipped']} kept as they were here")
    print(f"Backup of the progress before the import: {summary['backup']}")
    return 0


def cmd_reset(args) -> int:
    """Forget one lesson's checklist and position, or everything; confirm and back up first."""
    directory = data_dir(args.data_dir)
    curriculum = load_lessons(args)
    if args.lesson is not None and curriculum.lesson(args.lesson) is None:
        with _open_store_for_reading(directory) as store:
            known = _course(curriculum, store).has_lesson(args.lesson)
        if not known:
            print(f"oslearn: no lesson {args.lesson!r} in the content or in your progress; "
                  "`oslearn list` shows the lesson ids.", file=sys.stderr)
            return 2
    what = (f"the checklist and reading position of lesson {args.lesson!r}" if args.lesson
            else "ALL progress: every checklist tick, every quiz answer, the reading position")
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"oslearn: reset would forget {what}; run it with --yes to confirm without a terminal.",
                  file=sys.stderr)
            return 2
        if not _confirm(f"Forget {what}? A backup is made first. [y/N] "):
            print("Nothing was reset.")
            return 1
    store = _open_store_for_writing(directory)
    if store is None:
        return 2
    with store:
        removed = _course(curriculum, store).reset(args.lesson)
    print(f"Reset {args.lesson or 'everything'}: {count(removed['ticks'], 'checklist entry', 'checklist entries')} and "
          f"{count(removed['attempts'], 'quiz answer')} removed" + ("; reading position cleared" if removed["position"] else "")
          + ".")
    print(f"Backup: {removed['backup']} (undo with: oslearn progress --import {removed['backup']})")
    return 0


def cmd_check(args) -> int:
    """Validate content; print ``file:line: field: problem; fix`` for each problem.

    Exit 0 when everything is valid, 1 when any problem was found. Never a traceback: the
    loader turns anything a file holds into problems. Authoring warnings
    (``oslearn.lessons.lint``) go to stderr and fail the run only with ``--strict``. With
    ``--stats``, the counts of what loaded follow (``oslearn.lessons.loader.curriculum_stats``),
    then the authoring figures (``oslearn.lessons.lint.lint_stats``).
    """
    from oslearn.lessons import check_paths
    from oslearn.lessons.lint import lint, lint_stats
    from oslearn.lessons.loader import curriculum_stats

    curriculum, problems = check_paths(args.paths)
    for problem in problems:
        print(problem)
    warnings = lint(curriculum)  # on stderr: stdout keeps one line per problem for scripts
    for warning in warnings:
        print(warning, file=sys.stderr)
    if getattr(args, "stats", False):
        _print_stats(curriculum_stats(curriculum))
        _print_lint_stats(lint_stats(curriculum))
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    if warnings and getattr(args, "strict", False):
        print(f"{len(warnings)} warning(s) found (--strict).", file=sys.stderr)
        return 1
    if not args.paths:
        print(f"ok: {len(curriculum.lessons)} lessons, {len(curriculum.questions)} questions")
    else:
        print("ok: no problems found")
    return 0


def cmd_verify(args) -> int:
    """Check the target and print the report (a table, or JSON with ``--json``).

    Exit 0 when no check fails, 1 when any fails, 2 when the target cannot be reached or
    read (a one-line reason on stderr) or the options do not fit together.
    """
    from oslearn.lessons.verify import Target, TargetError, script_text, verify

    if args.show_script:
        sys.stdout.write(script_text())
        return 0
    if args.ssh_config is not None and not args.host:
        print("oslearn: --ssh-config goes with --host (it is passed to ssh as -F FILE).", file=sys.stderr)
        return 2
    target = Target(host=args.host, ssh_config=args.ssh_config, root=args.root)
    try:
        report = verify(target)
    except TargetError as error:
        print(f"oslearn: cannot check {target.label}: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a defect in the judging is reported, never a traceback
        print(f"oslearn: the facts of {target.label} could not be judged ({type(error).__name__}: {error}); "
              "this is a defect in oslearn: please report it.", file=sys.stderr)
        return 2
    if args.json:
        json.dump(report.to_json(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        import shutil

        from oslearn.lessons.verify.render import table

        terminal = sys.stdout.isatty()
        colour = terminal and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size((100, 24)).columns if terminal else 100
        sys.stdout.write(table(report, width, colour=colour))
    return 1 if report.failed else 0


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


def _print_lint_stats(stats: dict) -> None:
    """Print the authoring figures from ``oslearn.lessons.lint.lint_stats``."""
    print("  share by topic:")
    width = max((len(name) for name in stats["topic_shares"]), default=0)
    for topic, share in stats["topic_shares"].items():
        print(f"    {topic:<{width}}  {share:>4.0%}")
    count, total = stats["opt_in"]
    print(f"page-history share: {count} of {total} ({count / (total or 1):.1%}); left out of mixed quizzes")
    print("right answer is the longest choice (single-choice questions, per bank):")
    width = max((len(name) for name in stats["longest_answer"]), default=0)
    for bank, (longest, singles) in stats["longest_answer"].items():
        share = f"{longest / singles:.0%}" if singles else "-"
        print(f"    {bank:<{width}}  {longest:>2} of {singles:>2}  {share:>4}")
    pairs = stats["near_duplicates"]
    print(f"near-duplicate prompts (word-set Jaccard >= 0.6): {len(pairs)}")
    for first, second, index in pairs:
        print(f"    {first} ~ {second} ({index:.2f})")
    print("learning objectives (questions testing each, by lesson and section):")
    lesson = None
    for lesson_id, text, section, count in stats["objectives"]:
        if lesson_id != lesson:
            print(f"  {lesson_id}")
            lesson = lesson_id
        print(f"    {count:>3}  {text} (#{section})")


def cmd_locate(args) -> int:
    """Print every path oslearn uses."""
    from oslearn.lessons.loader import builtin_content, builtin_sources
    from oslearn.progress.locations import history_path, lock_path, table_log_path
    from oslearn.progress.logfile import TableLog
    from oslearn.progress.schema import LOG_TABLES

    directory = data_dir(args.data_dir)
    content = builtin_content()
    print(f"data directory: {directory}")
    print(f"progress file:  {progress_path(directory)}")
    print(f"quiz answers:   {history_path(directory)}")
    for table in LOG_TABLES:
        print(f"{TableLog.describe(table_log_path(directory, table)) + ':':<16}{table_log_path(directory, table)}")
    print(f"writer lock:    {lock_path(directory)}")
    print(f"lessons:        {content / 'lessons'}")
    print(f"quizzes:        {content / 'quizzes'}")
    print(f"sources:        {builtin_sources()}")
    for folder in extra_lesson_dirs(args):
        print(f"added lessons:  {folder}")
    from oslearn.lessons.cache import cache_dir
    from oslearn.progress.history_cache import cache_file

    print(f"lesson cache:   {cache_dir()}")
    print(f"history cache:  {cache_file(history_path(directory))}")
    return 0


def open_store_for_app(args) -> ProgressStore | int:
    """Open the store for the app, dealing with a second instance.

    When another oslearn holds the progress: on a terminal, ask whether to open read-only
    (Enter means yes); without one (or on no), say so and return exit code 2 without
    writing anything. ``--read-only`` opens read-only without asking, and so does a browser
    tab of ``oslearn serve`` (``--web``), which has no terminal to ask on.

    Returns:
        the store (with a notice saying why when read-only), or an exit code.
    """
    from oslearn.progress.notices import HELD_ELSEWHERE, READ_ONLY_REQUESTED, Notice
    from oslearn.progress.store import ProgressLocked, ProgressStore

    directory = data_dir(args.data_dir)
    if args.read_only:
        return ProgressStore.open(directory, read_only=True, reason=Notice(READ_ONLY_REQUESTED))
    try:
        return ProgressStore.open(directory)
    except ProgressLocked as error:
        if getattr(args, "web", False):  # a browser tab of `oslearn serve`: nobody to ask
            return ProgressStore.open(directory, read_only=True,
                                      reason=Notice(HELD_ELSEWHERE, {"path": str(error.path), "web": True}))
        message = (f"Another oslearn is using {error.path}, so this one cannot save progress. Close the other "
                   "one, or open this one read-only (nothing will be saved).")
        if not sys.stdin.isatty():
            print(f"oslearn: {message}\noslearn: to read without saving: oslearn --read-only", file=sys.stderr)
            return 2
        try:
            answer = input(f"{message}\nOpen read-only? [Y/n] ")
        except EOFError:
            answer = "n"
        if answer.strip().lower() not in ("", "y", "yes"):
            print("Nothing was opened.")
            return 2
        return ProgressStore.open(directory, read_only=True,
                                  reason=Notice(HELD_ELSEWHERE, {"path": str(error.path), "web": False}))


def has_terminal() -> bool:
    """Whether stdin and stdout are both a terminal (the app can be seen and driven)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_app(args) -> int:
    """Open the Textual app on the learner's progress.

    Without a terminal on stdin and stdout (a pipe, a cron job, CI) the app could not be
    seen or driven, so it says so and exits 2 instead of running unseen; ``--web`` (the
    mode ``oslearn serve`` starts, whose screen goes to a browser) is exempt. A second
    instance is refused first, with the advice that goes with it.
    """
    store = open_store_for_app(args)
    if isinstance(store, int):
        return store
    if not getattr(args, "web", False) and not has_terminal():
        store.close()
        print("oslearn: the app needs a terminal. For scripts use `oslearn list`, "
              "`oslearn progress --json` or `oslearn check`; see `oslearn --help`.", file=sys.stderr)
        return 2
    return _run_app(args, store)


def _run_app(args, store: ProgressStore) -> int:
    """Run the app on ``store`` (closed afterwards); its notices are shown first."""
    from oslearn.tui.app import OSLearnApp

    curriculum = load_lessons(args)
    app = OSLearnApp(curriculum=curriculum, store=store, reload=lambda: load_lessons(args),
                     watch=args.watch, watch_dirs=extra_lesson_dirs(args), seed=args.seed,
                     theme=getattr(args, "theme", None))
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def cmd_serve(args) -> int:
    """Serve the app to web browsers with textual-serve until interrupted (Ctrl+C, SIGTERM).

    Each browser connection starts ``python -m oslearn.tui.cli --web`` (with this command's
    ``--data-dir``, ``--theme``, ``--lessons`` and ``--seed``) as a subprocess; textual-serve relays its screen and keys
    over a websocket. Every request must carry the token (``oslearn.tui.serve.TokenServer``);
    the address printed holds it. Importing textual-serve does not import Textual.
    """
    import shlex

    from oslearn.tui.serve import LOOPBACK_HOSTS, TOKEN_ENV, TokenServer

    command = [sys.executable, "-m", "oslearn.tui.cli", "--web"]
    if args.data_dir:
        command += ["--data-dir", str(data_dir(args.data_dir))]
    if args.theme:
        command += ["--theme", args.theme]
    for folder in getattr(args, "lessons", None) or []:
        command += ["--lessons", str(Path(folder).resolve())]
    if getattr(args, "seed", None) is not None:
        command += ["--seed", str(args.seed)]
    token = args.token or os.environ.get(TOKEN_ENV) or None
    if args.host not in LOOPBACK_HOSTS:
        print(f"oslearn: serving on {args.host}: anyone who can reach it and has the token can use the app and "
              "change the progress in this data directory. The connection is not encrypted.", file=sys.stderr)
    server = TokenServer(shlex.join(command), host=args.host, port=args.port, token=token)
    server.serve()
    return 0


COMMANDS = {"list": cmd_list, "progress": cmd_progress, "check": cmd_check, "locate": cmd_locate,
            "reset": cmd_reset, "import": cmd_import, "serve": cmd_serve, "verify": cmd_verify}


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
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    except OSError as error:
        print(f"oslearn: {error}", file=sys.stderr)
        return 2


#: Exit code after the reader of the output went away (``oslearn progress --json | head -1``):
#: 128 + SIGPIPE, what a shell reports for a command the signal ended.
CLOSED_PIPE_EXIT = 141


def _closed_pipe() -> int:
    """End quietly when standard output's reader has gone: nothing more can be shown, and
    the interpreter must not complain while flushing at exit (Python's documentation, "Note
    on SIGPIPE", gives this pattern)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return CLOSED_PIPE_EXIT


if __name__ == "__main__":
    sys.exit(main())
