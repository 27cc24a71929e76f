"""Notices: what the progress store has to tell the learner, as data, never as sentences.

The store (``oslearn.progress.store``), its log files (``oslearn.progress.logfile``) and
the schema migrations (``oslearn.progress.schema``) report what happened to the learner's
files as ``Notice`` values: a ``kind`` (one of the constants below) and the ``data`` that
kind carries. Each front end (``oslearn.tui.notices`` for the CLI and the app) turns them
into words; nothing in ``oslearn.progress`` composes a sentence for the learner.

Kinds and their data (paths are ``str``; ``reason`` is the operating system's words for an
``OSError``, such as ``Permission denied``):

================================  =============================================================
``READ_ONLY_REQUESTED``           ``{}``: opened read-only on purpose (``--read-only``).
``HELD_ELSEWHERE``                ``{"path", "web": bool}``: another oslearn holds the writer
                                  lock, so this one is read-only (``web``: a browser tab of
                                  ``oslearn serve``).
``OPENED_READ_ONLY``              ``{}``: opened read-only by a command that only reads.
``DIRECTORY_UNWRITABLE``          ``{"directory", "reason"}``: read-only, nothing can be saved.
``FILE_UNREADABLE``               ``{"path", "reason"}``: ``progress.json`` could not be read;
                                  read-only.
``NEWER_SCHEMA``                  ``{"path", "version", "known"}``: written by a newer oslearn;
                                  read-only, never written.
``DAMAGED_LEFT``                  ``{"path", "problem"}``: damaged, left as it is (read-only
                                  open); set aside at the next writable open.
``DAMAGED_STUCK``                 ``{"path", "problem", "reason"}``: damaged and could not be
                                  set aside; read-only.
``DAMAGED_MOVED``                 ``{"path", "problem", "backup"}``: damaged, moved to
                                  ``backup``, a fresh file started.
``UPGRADE_FAILED``                ``{"path", "from", "to", "error", "backup": str or None}``:
                                  left at the old schema; read-only.
``UPGRADED``                      ``{"path", "from", "to", "backups": [str], "notes":
                                  [Notice]}``: migrated; the files as they were are kept.
``LOG_UNREADABLE``                ``{"path", "log", "reason"}``: a log file (``log`` is its
                                  stem: ``attempts``, ``quiz_history``) could not be read or
                                  repaired; read-only.
``LOG_LINES_SKIPPED``             ``{"path", "log", "count"}``: damaged lines skipped (read-only
                                  open); set aside at the next writable open.
``LOG_LINES_SET_ASIDE``           ``{"path", "log", "count", "backup", "kept"}``: the damaged
                                  file copied to ``backup``, its ``kept`` readable records kept.
``CANNOT_SAVE``                   ``{"error"}``: a first write failed (``error`` is the
                                  ``StorageError``'s text); read-only.
``ANSWERS_UNREADABLE``            ``{"count"}`` (a note of ``UPGRADED``): stored answers not
                                  carried over.
``REVIEWS_UNREADABLE``            ``{"count"}`` (note): FSRS reviews not carried over.
``REVIEWS_WITHOUT_ANSWER``        ``{"count"}`` (note): reviews kept as answers without text.
``SCHEDULES_LOST``                ``{"count"}`` (note): questions whose review schedule had no
                                  answer left to carry it.
================================  =============================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field

READ_ONLY_REQUESTED = "read_only_requested"
HELD_ELSEWHERE = "held_elsewhere"
OPENED_READ_ONLY = "opened_read_only"
DIRECTORY_UNWRITABLE = "directory_unwritable"
FILE_UNREADABLE = "file_unreadable"
NEWER_SCHEMA = "newer_schema"
DAMAGED_LEFT = "damaged_left"
DAMAGED_STUCK = "damaged_stuck"
DAMAGED_MOVED = "damaged_moved"
UPGRADE_FAILED = "upgrade_failed"
UPGRADED = "upgraded"
LOG_UNREADABLE = "log_unreadable"
LOG_LINES_SKIPPED = "log_lines_skipped"
LOG_LINES_SET_ASIDE = "log_lines_set_aside"
CANNOT_SAVE = "cannot_save"
ANSWERS_UNREADABLE = "answers_unreadable"
REVIEWS_UNREADABLE = "reviews_unreadable"
REVIEWS_WITHOUT_ANSWER = "reviews_without_answer"
SCHEDULES_LOST = "schedules_lost"

#: Every kind above.
KINDS = frozenset({
    READ_ONLY_REQUESTED, HELD_ELSEWHERE, OPENED_READ_ONLY, DIRECTORY_UNWRITABLE, FILE_UNREADABLE, NEWER_SCHEMA,
    DAMAGED_LEFT, DAMAGED_STUCK, DAMAGED_MOVED, UPGRADE_FAILED, UPGRADED, LOG_UNREADABLE, LOG_LINES_SKIPPED,
    LOG_LINES_SET_ASIDE, CANNOT_SAVE, ANSWERS_UNREADABLE, REVIEWS_UNREADABLE, REVIEWS_WITHOUT_ANSWER,
    SCHEDULES_LOST,
})


@dataclass(frozen=True)
class Notice:
    """Something the learner must be told about their progress files.

    Attributes:
        kind: one of ``KINDS`` (see the module docstring for each kind's data).
        data: the facts the wording needs (paths, counts, reasons), by name.
    Raises:
        ValueError: ``kind`` is not one of ``KINDS`` (a typo would otherwise reach the learner
            as an unworded notice).
    """

    kind: str
    data: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown notice kind {self.kind!r}")

    def __getitem__(self, key: str):
        """``notice["path"]`` is ``notice.data["path"]``."""
        return self.data[key]

    def __contains__(self, key: object) -> bool:
        """``"path" in notice``: whether the data has ``key``."""
        return key in self.data

    @property
    def read_only(self) -> bool:
        """Whether this kind leaves the store read-only."""
        return self.kind in _READ_ONLY_KINDS


_READ_ONLY_KINDS = frozenset({
    READ_ONLY_REQUESTED, HELD_ELSEWHERE, OPENED_READ_ONLY, DIRECTORY_UNWRITABLE, FILE_UNREADABLE, NEWER_SCHEMA,
    DAMAGED_STUCK, UPGRADE_FAILED, LOG_UNREADABLE, CANNOT_SAVE,
})


__all__ = [
    "ANSWERS_UNREADABLE", "CANNOT_SAVE", "DAMAGED_LEFT", "DAMAGED_MOVED", "DAMAGED_STUCK", "DIRECTORY_UNWRITABLE",
    "FILE_UNREADABLE", "HELD_ELSEWHERE", "KINDS", "LOG_LINES_SET_ASIDE", "LOG_LINES_SKIPPED", "LOG_UNREADABLE",
    "NEWER_SCHEMA", "Notice", "OPENED_READ_ONLY", "READ_ONLY_REQUESTED", "REVIEWS_UNREADABLE",
    "REVIEWS_WITHOUT_ANSWER", "SCHEDULES_LOST", "UPGRADED", "UPGRADE_FAILED",
]
