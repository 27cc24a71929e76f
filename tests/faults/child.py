"""A child process for the fault tests: ``python child.py SCENARIO DATA_DIR [ARG]``.

Each scenario opens the progress store in DATA_DIR the way the app does and reports on
stdout, one line a fact, flushed at once, so the parent knows exactly which writes had
returned before it killed or inspected the child. Exit code 0 means the scenario ran as
designed; anything the parent must check, it checks on disk.

When the environment variable ``OSLEARN_TEST_SITE`` is set, it is added as a site
directory first (used when the child runs as another user with an interpreter outside the
test's virtual environment).
"""

from __future__ import annotations

import errno
import os
import sys

if os.environ.get("OSLEARN_TEST_SITE"):
    import site

    site.addsitedir(os.environ["OSLEARN_TEST_SITE"])

from pathlib import Path  # noqa: E402

from oslearn.progress import ProgressStore, StorageError  # noqa: E402
from oslearn.tui.notices import notice_text  # noqa: E402


def say(*words: object) -> None:
    """Write one whole line in one call and flush it (a kill can still cut it short; the
    parent ignores a last line without its newline)."""
    sys.stdout.write(" ".join(map(str, words)) + "\n")
    sys.stdout.flush()


def writer(directory: Path, run: str) -> int:
    """Write forever: ticks, attempts and documents of a table kept in a log (``quiz_history``)
    with ids unique to ``run``; ack each after it returns."""
    store = ProgressStore.open(directory)
    say("ready", len(store.notices))
    reviews = store.db.table("quiz_history")  # a table kept in an append-only log
    i = 0
    while True:
        if i % 3 == 2:
            store.record_attempt(f"{run}-q{i}", i % 2 == 0, f"answer {i}")
            say("attempt", f"{run}-q{i}")
        elif i % 6 == 1:
            reviews.insert({"question": f"{run}-r{i}", "log": {"rating": 3}, "card": {"due": "2026-12-01"}})
            say("review", f"{run}-r{i}")
        else:
            store.set_done(f"lesson-{i % 7}", f"{run}-item{i}", True)
            say("tick", f"lesson-{i % 7}", f"{run}-item{i}")
        i += 1


def hold(directory: Path, _arg: str) -> int:
    """Be the first instance: open as the writer, tick one item, wait until stdin closes."""
    with ProgressStore.open(directory) as store:
        store.set_done("choosing-an-os", "pick-lts", True)
        store.record_attempt("held-q", True, "apt")
        say("ready")
        sys.stdin.read()
    say("closed")
    return 0


def _fail_writes(after_bytes: int) -> None:
    """Make ``os.write`` behave like a full disk: write up to ``after_bytes`` for real,
    then fail with ``ENOSPC``."""
    real_write = os.write
    budget = [after_bytes]

    def full_disk_write(fd, data):
        if budget[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = real_write(fd, bytes(data)[:budget[0]])
        budget[0] -= n
        return n

    os.write = full_disk_write


def enospc(directory: Path, _arg: str) -> int:
    """Open the store, then make the disk 'full' and try every kind of write."""
    with ProgressStore.open(directory) as store:
        say("ready")
        real_write = os.write
        for label, call in (("tick", lambda: store.set_done("choosing-an-os", "new-item", True)),
                            ("attempt", lambda: store.record_attempt("new-q", False, "yum"))):
            os.write = real_write
            _fail_writes(after_bytes=7)  # a few bytes reach the disk, then it is full
            try:
                call()
            except StorageError as error:
                say(label, "StorageError", error.errno, error)
            else:
                say(label, "no error")
                return 1
        # What the store shows in memory must still be what the disk holds.
        say("memory", sorted(store.done_items("choosing-an-os")), len(store.attempts()))
    return 0


def replace_fails(directory: Path, _arg: str) -> int:
    """Open the store, then make ``os.replace`` fail (as on an I/O error) and tick."""
    with ProgressStore.open(directory) as store:
        say("ready")

        def broken_replace(src, dst, **kwargs):
            raise OSError(errno.EIO, os.strerror(errno.EIO))

        os.replace = broken_replace
        try:
            store.set_done("choosing-an-os", "new-item", True)
        except StorageError as error:
            say("tick", "StorageError", error.errno, error)
        else:
            say("tick", "no error")
            return 1
        say("memory", sorted(store.done_items("choosing-an-os")))
    return 0


def read_only_dir(directory: Path, _arg: str) -> int:
    """As a user who cannot write ``directory``: open, read, try to write."""
    with ProgressStore.open(directory) as store:
        say("read_only", store.read_only)
        for notice in store.notices:
            say("notice", notice_text(notice))
        say("done", sorted(store.done_items("choosing-an-os")))
        say("attempts", len(store.attempts()))
        store.set_position("choosing-an-os", "somewhere")  # must not raise
        for label, call in (("tick", lambda: store.set_done("choosing-an-os", "new-item", True)),
                            ("attempt", lambda: store.record_attempt("new-q", True, "x"))):
            try:
                call()
            except PermissionError as error:
                say(label, "PermissionError", error)
            else:
                say(label, "no error")
                return 1
    return 0


def migrate_fails(directory: Path, how: str) -> int:
    """Open an old-schema store while its upgrade fails: in the migration step itself
    (``how="step"``) or when writing the upgraded ``progress.json`` (``how="write"``)."""
    from oslearn.progress import schema

    if how == "step":
        def broken_step(state):
            state.tables.clear()  # damage the in-memory copy first: it must not matter
            raise KeyError("checklist")

        schema.MIGRATIONS[1] = broken_step
    else:
        real_replace = os.replace

        def replace_except_progress(src, dst, **kwargs):
            if Path(dst).name == "progress.json":
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_replace(src, dst, **kwargs)

        os.replace = replace_except_progress
    with ProgressStore.open(directory) as store:
        say("read_only", store.read_only)
        for notice in store.notices:
            say("notice", notice_text(notice))
        say("done", sorted(store.done_items("choosing-an-os")))
        try:
            store.set_done("choosing-an-os", "new-item", True)
        except PermissionError:
            say("tick", "PermissionError")
    return 0


def open_and_print_notices(directory: Path, _arg: str) -> int:
    """Open the store for writing, as the app does, print its notices and close it."""
    with ProgressStore.open(directory) as store:
        say("read_only", store.read_only)
        for notice in store.notices:
            say("notice", notice_text(notice))
    return 0


SCENARIOS = {"open_and_print_notices": open_and_print_notices, "writer": writer, "hold": hold, "enospc": enospc, "replace_fails": replace_fails,
             "read_only_dir": read_only_dir, "migrate_fails": migrate_fails}

if __name__ == "__main__":
    scenario, data = sys.argv[1], Path(sys.argv[2])
    sys.exit(SCENARIOS[scenario](data, sys.argv[3] if len(sys.argv) > 3 else ""))
