"""The learner's progress: checklist ticks, quiz attempts and the last place read.

Kept in one TinyDB file (``progress.json`` in the data directory) through
``AtomicJSONStorage``; a sidecar lock file (``progress.json.lock``, held with ``filelock``)
makes one process the writer, and a second process gets ``ProgressLocked`` or opens the
file read-only. Records are keyed by the content's stable ids (lesson id, checklist item
id, question id); records whose ids are no longer in the content are kept untouched.

Tables (schema version 1):

``meta``       one document: ``{"schema_version": 1}``
``checklist``  ``{"lesson": str, "item": str, "done": bool, "at": ISO-8601 UTC}``
``attempts``   ``{"question": str, "correct": bool, "answer": str, "at": ISO-8601 UTC}``
``position``   one document: ``{"lesson": str, "section": str, "at": ISO-8601 UTC}``
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB

from oslearn.progress.locations import progress_path
from oslearn.progress.storage import AtomicJSONStorage, atomic_write_bytes, sweep_temp_files

#: The schema this version of oslearn reads and writes.
SCHEMA_VERSION = 1
TABLES = ("meta", "checklist", "attempts", "position")


class ProgressLocked(RuntimeError):
    """Another oslearn process holds the progress file for writing.

    Attributes:
        path: the progress file.
    """

    def __init__(self, path: Path):
        super().__init__(f"another oslearn is using {path}; open it read-only or close the other one")
        self.path = path


def utc_now() -> str:
    """Return the current time as an ISO-8601 UTC string with seconds (``2026-11-22T10:00:00+00:00``)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _valid_shape(data: object) -> bool:
    """Whether ``data`` looks like a TinyDB file: a dict of tables, each a dict of documents."""
    if not isinstance(data, dict):
        return False
    for table in data.values():
        if not isinstance(table, dict):
            return False
        if not all(isinstance(doc, dict) for doc in table.values()):
            return False
    return True


@dataclass
class ProgressStore:
    """Read and write a learner's progress.

    Create it with ``ProgressStore.open``. Every write is durable when the method returns.

    Attributes:
        path: the progress file.
        read_only: writes raise ``PermissionError`` (another process holds the lock, the
            directory is not writable, or the file is from a newer oslearn).
        notices: messages the learner must see (a corrupt file moved aside, read-only mode),
            each a full sentence naming the files involved.
    """

    path: Path
    db: TinyDB
    read_only: bool = False
    notices: list[str] = field(default_factory=list)
    _lock: FileLock | None = None

    # --- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, *, read_only: bool = False) -> "ProgressStore":
        """Open (creating if needed) the progress store in ``directory``.

        Args:
            directory: the data directory; created if missing.
            read_only: open without taking the writer lock and never write.
        Returns:
            the store. A file that is not valid progress JSON is moved to
            ``progress.json.corrupt-<timestamp>`` and a fresh store starts; ``notices`` says so.
        Raises:
            ProgressLocked: another process is the writer (only when ``read_only`` is False).
        """
        path = progress_path(directory)
        notices: list[str] = []
        lock = None
        if not read_only:
            try:
                directory.mkdir(parents=True, exist_ok=True)
                lock = FileLock(str(path) + ".lock", timeout=0)
                lock.acquire()
            except Timeout:
                raise ProgressLocked(path) from None
            except OSError as error:
                notices.append(f"Progress cannot be saved: {directory} is not writable "
                               f"({error.strerror or error}). You can read and take quizzes; nothing is stored.")
                read_only = True
                lock = None
        if lock is not None:
            sweep_temp_files(path)
        data = cls._read(path, notices, may_move=lock is not None)
        if data is not None and not read_only:
            version = data.get("meta", {}).get("1", {}).get("schema_version", SCHEMA_VERSION)
            if isinstance(version, int) and version > SCHEMA_VERSION:
                notices.append(f"{path} was written by a newer oslearn (schema {version}); "
                               "it is open read-only so nothing in it is lost. Upgrade oslearn to save progress.")
                read_only = True
        storage_kwargs = {"initial": data, "read_only": read_only}
        db = TinyDB(path, storage=AtomicJSONStorage, **storage_kwargs)
        store = cls(path=path, db=db, read_only=read_only, notices=notices, _lock=lock)
        if not read_only and not db.table("meta").all():
            db.table("meta").insert({"schema_version": SCHEMA_VERSION})
        return store

    @staticmethod
    def _read(path: Path, notices: list[str], may_move: bool) -> dict | None:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            notices.append(f"Could not read {path} ({error.strerror or error}); starting without saved progress.")
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            if not _valid_shape(data):
                raise ValueError("not a mapping of tables")
            return data
        except (UnicodeDecodeError, ValueError):
            if not may_move:
                notices.append(f"{path} is damaged and another process holds it; showing no progress.")
                return None
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            backup = path.with_name(f"{path.name}.corrupt-{stamp}")
            os.replace(path, backup)
            notices.append(f"Your progress file was damaged and could not be read. It was moved to {backup} "
                           "and a fresh progress file was started.")
            return None

    def close(self) -> None:
        """Close the database and release the writer lock."""
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "ProgressStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- checklist ------------------------------------------------------------------------

    def done_items(self, lesson_id: str) -> set[str]:
        """Return the ids of the ticked checklist items of ``lesson_id``."""
        rows = self.db.table("checklist").search(Query().lesson == lesson_id)
        return {row["item"] for row in rows if row.get("done")}

    def set_done(self, lesson_id: str, item_id: str, done: bool) -> None:
        """Tick (``done=True``) or untick a checklist item, durably.

        Raises:
            PermissionError: the store is read-only.
            StorageError: the disk write failed; the previous state is kept on disk.
        """
        self._writable()
        row = Query()
        self.db.table("checklist").upsert(
            {"lesson": lesson_id, "item": item_id, "done": bool(done), "at": utc_now()},
            (row.lesson == lesson_id) & (row.item == item_id),
        )

    # --- quiz attempts ----------------------------------------------------------------------

    def record_attempt(self, question_id: str, correct: bool, answer: str = "") -> None:
        """Store one answer to a question, durably.

        Args:
            question_id: the question's stable id.
            correct: whether it was graded right.
            answer: the learner's response as display text.
        Raises:
            PermissionError, StorageError: as ``set_done``.
        """
        self._writable()
        self.db.table("attempts").insert(
            {"question": question_id, "correct": bool(correct), "answer": answer, "at": utc_now()}
        )

    def attempts(self, question_id: str | None = None) -> list[dict]:
        """Return stored attempts, oldest first, for one question or all of them."""
        table = self.db.table("attempts")
        rows = table.all() if question_id is None else table.search(Query().question == question_id)
        return [dict(row) for row in rows]

    # --- position ---------------------------------------------------------------------------

    def set_position(self, lesson_id: str, section_id: str) -> None:
        """Remember the lesson and section last viewed (for "continue where you left off").

        A read-only store keeps nothing and raises nothing here: losing the reading
        position is not worth interrupting the learner for.
        """
        if self.read_only:
            return
        table = self.db.table("position")
        current = table.get(doc_id=1)
        if current and current.get("lesson") == lesson_id and current.get("section") == section_id:
            return
        table.upsert(_doc(1, {"lesson": lesson_id, "section": section_id, "at": utc_now()}))

    def position(self) -> tuple[str, str] | None:
        """Return ``(lesson_id, section_id)`` last viewed, or ``None``."""
        doc = self.db.table("position").get(doc_id=1)
        if not doc:
            return None
        return str(doc.get("lesson", "")), str(doc.get("section", ""))

    # --- export -----------------------------------------------------------------------------

    def snapshot(self, known_lessons: dict[str, set[str]] | None = None,
                 known_questions: set[str] | None = None) -> dict:
        """Return the progress as plain JSON-ready data (for ``oslearn progress --json``).

        Args:
            known_lessons: lesson id -> its checklist item ids in the current content; when
                given, records for other ids are listed under ``"orphaned"``.
            known_questions: the question ids in the current content, likewise.
        Returns:
            ``{"file", "schema_version", "position", "checklist": {lesson: [items]},
            "attempts": [...], "orphaned": {"checklist": [...], "attempts": [...]}}``.
        """
        checklist: dict[str, list[str]] = {}
        orphaned_ticks = []
        for row in self.db.table("checklist").all():
            if not row.get("done"):
                continue
            lesson, item = row.get("lesson"), row.get("item")
            if known_lessons is not None and item not in known_lessons.get(lesson, set()):
                orphaned_ticks.append({"lesson": lesson, "item": item})
                continue
            checklist.setdefault(lesson, []).append(item)
        attempts = self.attempts()
        orphaned_attempts = []
        if known_questions is not None:
            orphaned_attempts = [a for a in attempts if a.get("question") not in known_questions]
            attempts = [a for a in attempts if a.get("question") in known_questions]
        position = self.position()
        return {
            "file": str(self.path),
            "schema_version": SCHEMA_VERSION,
            "position": {"lesson": position[0], "section": position[1]} if position else None,
            "checklist": {k: sorted(v) for k, v in sorted(checklist.items())},
            "attempts": attempts,
            "orphaned": {"checklist": orphaned_ticks, "attempts": orphaned_attempts},
        }

    def _writable(self) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only; this change was not saved")


def _doc(doc_id: int, value: dict):
    from tinydb.table import Document

    return Document(value, doc_id=doc_id)


__all__ = ["ProgressLocked", "ProgressStore", "SCHEMA_VERSION", "atomic_write_bytes", "utc_now"]
