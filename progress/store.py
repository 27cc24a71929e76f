"""The learner's progress: checklist ticks, quiz attempts, the last place read.

Files in the data directory (see ``oslearn.progress.locations``):

``progress.json``        TinyDB database written by ``AtomicJSONStorage`` (temp file, fsync,
                         ``os.replace``, directory fsync). Schema in ``oslearn.progress.schema``.
``attempts.jsonl``       the quiz history, append-only (``oslearn.progress.history``).
``reviews.jsonl``, ``quiz_history.jsonl``
                         the TinyDB tables of ``oslearn.progress.review`` that gain a document
                         with every answer, append-only (``oslearn.progress.logfile``), read
                         and written through ``db`` like any table.
``progress.json.lock``   sidecar lock file: whoever holds an exclusive ``filelock`` lock on it
                         is the one writer. The data files themselves are never locked, so a
                         reader never waits and a rename never breaks the lock.
``progress.json.corrupt-<timestamp>``, ``attempts.jsonl.corrupt-<timestamp>``
                         damaged files, set aside byte for byte.
``progress.json.schema<N>-<timestamp>``  the file as it was before a schema migration.
``progress-backup-<timestamp>.json``     an export taken before ``reset`` and ``import``;
                         ``oslearn progress --import`` restores it.

Tables of ``progress.json`` (schema 2)::

    meta       {"schema_version": 2}                                     (one document)
    checklist  {"lesson": str, "item": str, "done": bool, "at": ISO-8601 UTC}
    position   {"lesson": str, "section": str, "at": ISO-8601 UTC}        (document 1)

Other modules may add tables through ``ProgressStore.db`` (a ``TinyDB`` on the same atomic
storage); writes through it are durable and refused when the store is read-only. A table
that grows with every answer must be listed in ``schema.LOG_TABLES`` so it lives in its own
append-only file: a tick then rewrites only what the content bounds, and stays as fast with
10,000 answers stored as with 100 (``tests/benchmarks/bench_progress.py``).

Records are keyed by the content's stable ids (lesson id, checklist item id, question
id). Records whose ids are no longer in the content are kept untouched and ignored by the
readers; ``snapshot`` lists them as orphaned. Malformed rows (a field of the wrong type)
are likewise kept and ignored, never crashed on.

Opening (``ProgressStore.open``) decides between writing and read-only:

* the writer lock is taken without waiting: held elsewhere -> ``ProgressLocked`` (the CLI
  then offers read-only); the directory cannot be created or written -> read-only with a
  notice;
* leftover temporary files of a killed writer are swept;
* a damaged ``progress.json`` is moved aside and a fresh one started, with a notice naming
  the backup; a newer schema -> read-only, never written; an older one -> backed up, then
  migrated (a failing migration -> read-only, nothing written);
* ``notices`` collects every sentence the learner must see; the CLI prints them and the
  app shows them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB
from tinydb.table import Document

from oslearn.progress import schema
from oslearn.progress.history import AttemptLog
from oslearn.progress.locations import history_path, lock_path, progress_path, table_log_path
from oslearn.progress.logfile import LogFile, TableLog
from oslearn.progress.schema import LOG_TABLES, SCHEMA_VERSION, TABLES, MigrationError, ShapeError
from oslearn.progress.storage import (
    AtomicJSONStorage, ProgressDB, StorageError, atomic_write_bytes, copy_durably, encode, fsync_directory,
    sweep_temp_files, temp_name,
)


class ProgressLocked(RuntimeError):
    """Another oslearn process holds the progress file for writing.

    Attributes:
        path: the progress file.
    """

    def __init__(self, path: Path):
        super().__init__(f"another oslearn is using {path}; close it, or open this one read-only")
        self.path = path


#: Backups taken before a reset or an import: ``progress-backup-<timestamp>.json``.
BACKUP_PREFIX = "progress-backup-"


def utc_now() -> str:
    """Return the current time as an ISO-8601 UTC string with seconds (``2026-11-22T10:00:00+00:00``)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _stamp() -> str:
    """A timestamp for backup file names, UTC, to the microsecond so two never collide."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


@dataclass
class ProgressStore:
    """Read and write a learner's progress.

    Create it with ``ProgressStore.open``; close it (or use it as a context manager) to
    release the writer lock. Every write is durable when the method returns.

    Attributes:
        path: the progress file (``progress.json``).
        db: the TinyDB database in ``path``; other modules may add tables through it.
        read_only: writes raise ``PermissionError`` (another process holds the lock, the
            directory is not writable, the file is from a newer oslearn, or an upgrade
            failed); ``read_only_reason`` says which.
        notices: messages the learner must see (a damaged file moved aside, read-only
            mode), each a full sentence naming the files involved.
        history: the quiz history (``attempts.jsonl``).
        read_only_reason: one sentence, empty when writable.
        schema_version: the schema of the data held (``SCHEMA_VERSION``, or a newer one for
            a file from a newer oslearn, shown read-only).
    """

    path: Path
    db: TinyDB
    read_only: bool = False
    notices: list[str] = field(default_factory=list)
    _lock: FileLock | None = None
    history: AttemptLog | None = None
    read_only_reason: str = ""
    schema_version: int = SCHEMA_VERSION

    # --- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, *, read_only: bool = False) -> "ProgressStore":
        """Open (creating if needed) the progress store in ``directory``.

        Args:
            directory: the data directory; created if missing (unless ``read_only``).
            read_only: open without taking the writer lock and never write anything
                (not even to repair a damaged file).
        Returns:
            the store. Problems with the files never raise: they end up in ``notices``
            and, where writing would risk the learner's data, in ``read_only``.
        Raises:
            ProgressLocked: another process is the writer (only when ``read_only`` is False).
        """
        directory = Path(directory)
        path = progress_path(directory)
        notices: list[str] = []
        reason = "opened read-only" if read_only else ""
        lock = None
        if not read_only:
            lock, problem = cls._take_lock(directory, path)
            if lock is None:
                notices.append(problem)
                reason = problem
        writer = lock is not None

        def give_up_writing(why: str) -> None:
            nonlocal writer, lock, reason
            writer = False
            reason = reason or why
            if lock is not None:
                lock.release()
                lock = None

        hist = history_path(directory)
        log_paths = {name: table_log_path(directory, name) for name in LOG_TABLES}
        if writer:
            for name in (path, hist, directory / BACKUP_PREFIX, *log_paths.values()):
                sweep_temp_files(name)

        tables, version, newer = cls._load(path, notices, writer, give_up_writing)
        history = cls._open_log(AttemptLog, hist, writer and not newer, notices, give_up_writing)
        table_logs = {name: cls._open_log(TableLog, log_path, writer and not newer, notices, give_up_writing)
                      for name, log_path in log_paths.items()}
        if not writer:
            for log in (history, *table_logs.values()):
                log.read_only = True

        if version is not None and version < SCHEMA_VERSION:
            tables = cls._migrate(path, tables, version, history, table_logs, notices, writer, give_up_writing)

        for log in (history, *table_logs.values()):
            log.read_only = not writer
        db = ProgressDB(path, storage=AtomicJSONStorage, initial=tables, read_only=not writer, logs=table_logs)
        store = cls(path=path, db=db, read_only=not writer, notices=notices, _lock=lock,
                    history=history, read_only_reason=reason if not writer else "",
                    schema_version=version if newer else SCHEMA_VERSION)
        if writer and not db.table("meta").all():
            try:
                db.table("meta").insert({"schema_version": SCHEMA_VERSION})
            except StorageError as error:
                store._become_read_only(f"Progress cannot be saved: {error}. You can read lessons and take "
                                        "quizzes; nothing is stored.")
        return store

    @staticmethod
    def _open_log(kind: type[LogFile], path: Path, writable: bool, notices: list[str], give_up_writing) -> LogFile:
        """Open one log file; when it cannot be read or repaired, go read-only and say so."""
        try:
            return kind.open(path, read_only=not writable, notices=notices)
        except OSError as error:
            message = (f"Your {kind.describe(path)} {path} could not be read or repaired ({_reason(error)}); "
                       "progress is open read-only so nothing in it is overwritten.")
            notices.append(message)
            give_up_writing(message)
            try:
                return kind.open(path, read_only=True, notices=[])
            except OSError:
                return kind(path, [], 0, True)

    @staticmethod
    def _take_lock(directory: Path, path: Path) -> tuple[FileLock | None, str]:
        """Take the writer lock and check the directory can be written.

        Returns:
            ``(lock, "")`` or ``(None, sentence for the learner)``.
        Raises:
            ProgressLocked: another process holds the lock.
        """
        cannot = ("Progress cannot be saved: the data directory {dir} is not writable ({why}). You can read "
                  "lessons and take quizzes; answers and ticks are not stored, and what is already saved "
                  "is left untouched.")
        try:
            directory.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(lock_path(directory)), timeout=0, thread_local=False)
            lock.acquire()
        except Timeout:
            raise ProgressLocked(path) from None
        except OSError as error:
            return None, cannot.format(dir=directory, why=_reason(error))
        probe = temp_name(path)
        try:
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.unlink(probe)
        except OSError as error:
            lock.release()
            return None, cannot.format(dir=directory, why=_reason(error))
        return lock, ""

    @staticmethod
    def _load(path: Path, notices: list[str], writer: bool, give_up_writing) -> tuple[dict, int | None, bool]:
        """Read, parse and check ``progress.json``; set a damaged one aside when writing.

        Returns:
            ``(tables, schema version or None for a fresh store, newer)``; ``newer`` is
            True for a file from a newer oslearn (``give_up_writing`` has been called).
        """
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}, None, False
        except OSError as error:
            message = (f"Could not read your progress file {path} ({_reason(error)}). It is left as it is and "
                       "progress is open read-only; fix the file's permissions and start oslearn again.")
            notices.append(message)
            give_up_writing(message)
            return {}, None, False
        try:
            data = schema.parse(raw)
            version = schema.file_version(data)
            if version is not None and version > SCHEMA_VERSION:
                message = (f"{path} was written by a newer oslearn (schema {version}; this one knows up to "
                           f"{SCHEMA_VERSION}). It is open read-only and will not be changed; upgrade oslearn "
                           "to save progress again.")
                notices.append(message)
                give_up_writing(message)
                return schema.readable_tables(data), version, True
            schema.check_shape(data)
            return data, version, False
        except ShapeError as problem:
            if not writer:
                message = (f"Your progress file {path} is damaged ({problem}). It is left as it is for now; "
                           "oslearn will set it aside and start a fresh one the next time it opens the "
                           "progress for writing.")
                notices.append(message)
                return {}, None, False
            backup = path.with_name(f"{path.name}.corrupt-{_stamp()}")
            try:
                if path.is_symlink():
                    # Keep the link: copy the damaged bytes aside; the fresh store is then
                    # written through the link, where the file lives.
                    copy_durably(path, backup)
                else:
                    os.replace(path, backup)
                    fsync_directory(path.parent)
            except OSError as error:
                message = (f"Your progress file {path} is damaged ({problem}) and could not be set aside "
                           f"({_reason(error)}). It is left as it is and progress is open read-only.")
                notices.append(message)
                give_up_writing(message)
                return {}, None, False
            notices.append(f"Your progress file was damaged ({problem}) and could not be read. It was moved "
                           f"to {backup} and a fresh progress file was started; your quiz history is kept.")
            return {}, None, False

    @staticmethod
    def _migrate(path: Path, tables: dict, version: int, history: AttemptLog, table_logs: dict[str, TableLog],
                 notices: list[str], writer: bool, give_up_writing) -> dict:
        """Upgrade schema ``version`` data: back up, migrate in memory, then write.

        Write order: the backup, the logs, then ``progress.json`` (each atomically). An
        interruption before the last write leaves ``progress.json`` at the old version and
        the next open migrates again; the merges in the migration steps make that a no-op
        for what was already moved.

        Returns:
            the tables to use: migrated, or (when the upgrade failed) the old tables for
            read-only display.
        """
        backup = path.with_name(f"{path.name}.schema{version}-{_stamp()}")
        try:
            state = schema.migrate(tables, history.records(), version,
                                   {name: log.documents() for name, log in table_logs.items()})
            log_records = {name: [{"id": int(k), "doc": doc} for k, doc in state.logs.get(name, {}).items()]
                           for name in table_logs}
            if writer:
                copy_durably(path, backup)
                if state.attempts != history.records():
                    history.replace(state.attempts)
                for name, log in table_logs.items():
                    if log_records[name] != log.records():
                        log.replace(log_records[name])
                atomic_write_bytes(path, encode(state.tables))
        except (MigrationError, OSError, ValueError, TypeError) as error:
            where = f" A copy of it is at {backup}." if backup.exists() else ""
            message = (f"Your progress file {path} could not be upgraded from schema {version} to "
                       f"{SCHEMA_VERSION} ({error}). It is left as it was and progress is open read-only.{where}")
            notices.append(message)
            give_up_writing(message)
            return tables
        if not writer:
            history.show(state.attempts)
            for name, log in table_logs.items():
                log.show(log_records[name])
            return state.tables
        extra = f" ({'; '.join(state.notes)})" if state.notes else ""
        notices.append(f"Your progress file was upgraded from schema {version} to {SCHEMA_VERSION}{extra}; "
                       f"the file as it was before is kept at {backup}.")
        return state.tables

    def _become_read_only(self, reason: str) -> None:
        self.notices.append(reason)
        self.read_only = True
        self.read_only_reason = reason
        self.db.storage.read_only = True
        if self.history is not None:
            self.history.read_only = True
        for log in getattr(self.db.storage, "logs", {}).values():
            log.read_only = True
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        """Close the database and release the writer lock (safe to call twice)."""
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "ProgressStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def directory(self) -> Path:
        """The data directory holding ``path``."""
        return self.path.parent

    # --- checklist ------------------------------------------------------------------------

    def done_items(self, lesson_id: str) -> set[str]:
        """Return the ids of the ticked checklist items of ``lesson_id`` (malformed rows ignored)."""
        rows = self.db.table("checklist").search(Query().lesson == lesson_id)
        return {row["item"] for row in rows if row.get("done") is True and isinstance(row.get("item"), str)}

    def done_by_lesson(self) -> dict[str, set[str]]:
        """Return every ticked checklist item, by lesson: ``{lesson_id: {item_id, ...}}``.

        One pass over the checklist table, for lists of many lessons (``done_items`` once per
        lesson would search the table once per lesson). Malformed rows are ignored.
        """
        out: dict[str, set[str]] = {}
        for row in self.db.table("checklist").all():
            lesson, item = row.get("lesson"), row.get("item")
            if row.get("done") is True and isinstance(lesson, str) and isinstance(item, str):
                out.setdefault(lesson, set()).add(item)
        return out

    def set_done(self, lesson_id: str, item_id: str, done: bool) -> None:
        """Tick (``done=True``) or untick a checklist item, durably.

        Raises:
            PermissionError: the store is read-only.
            StorageError: the disk write failed; the previous state is kept on disk and in memory.
        """
        self._writable()
        row = Query()
        self.db.table("checklist").upsert(
            {"lesson": lesson_id, "item": item_id, "done": bool(done), "at": utc_now()},
            (row.lesson == lesson_id) & (row.item == item_id),
        )

    # --- quiz attempts ----------------------------------------------------------------------

    def record_attempt(self, question_id: str, correct: bool, answer: str = "") -> None:
        """Store one answer to a question, durably (one append to ``attempts.jsonl``).

        Args:
            question_id: the question's stable id.
            correct: whether it was graded right.
            answer: the learner's response as display text.
        Raises:
            PermissionError, StorageError: as ``set_done``.
        """
        self._writable()
        self.history.append({"question": question_id, "correct": bool(correct), "answer": str(answer),
                             "at": utc_now()})

    def record_attempts(self, rows) -> None:
        """Store many answers at once, durably, in one append (for imports and tools).

        Args:
            rows: iterable of ``(question_id, correct, answer)`` tuples, as ``record_attempt``.
        Raises:
            PermissionError, StorageError: as ``set_done``; nothing was stored then.
        """
        self._writable()
        at = utc_now()
        self.history.append(*({"question": q, "correct": bool(c), "answer": str(a), "at": at} for q, c, a in rows))

    def answered_right(self) -> set[str]:
        """Return the ids of the questions answered right at least once (no copies of the
        history are made, so this stays cheap with many thousands of answers)."""
        return self.history.answered_right()

    def attempts(self, question_id: str | None = None) -> list[dict]:
        """Return stored attempts, oldest first, for one question or all of them.

        Returns:
            copies of ``{"question", "correct", "answer", "at"}`` dicts.
        """
        return self.history.records(question_id)

    # --- position ---------------------------------------------------------------------------

    def set_position(self, lesson_id: str, section_id: str) -> None:
        """Remember the lesson and section last viewed (for "continue where you left off").

        Never raises: on a read-only store or a failing disk the position is simply not
        kept (losing it is not worth interrupting the learner; a tick or an answer that
        fails to save is reported by its own call).
        """
        if self.read_only:
            return
        table = self.db.table("position")
        current = table.get(doc_id=1)
        if current and current.get("lesson") == lesson_id and current.get("section") == section_id:
            return
        try:
            table.upsert(_doc(1, {"lesson": lesson_id, "section": section_id, "at": utc_now()}))
        except StorageError:
            pass

    def position(self) -> tuple[str, str] | None:
        """Return ``(lesson_id, section_id)`` last viewed, or ``None``."""
        doc = self.db.table("position").get(doc_id=1)
        if not doc or not isinstance(doc.get("lesson"), str):
            return None
        return doc["lesson"], str(doc.get("section", ""))

    # --- export, import, reset --------------------------------------------------------------

    def snapshot(self, known_lessons: dict[str, set[str]] | None = None,
                 known_questions: set[str] | None = None) -> dict:
        """Return the progress as plain JSON-ready data (for ``oslearn progress --json``).

        Args:
            known_lessons: lesson id -> its checklist item ids in the current content; when
                given, ticks for other ids are listed under ``"orphaned"`` instead.
            known_questions: the question ids in the current content, likewise for attempts.
        Returns:
            ``{"file", "history_file", "schema_version", "read_only", "position",
            "checklist": {lesson: [items]}, "attempts": [...],
            "orphaned": {"checklist": [{"lesson", "item"}], "attempts": [...]}}``.
        """
        checklist: dict[str, list[str]] = {}
        orphaned_ticks = []
        for row in self.db.table("checklist").all():
            lesson, item = row.get("lesson"), row.get("item")
            if row.get("done") is not True or not isinstance(lesson, str) or not isinstance(item, str):
                continue
            if known_lessons is not None and item not in known_lessons.get(lesson, set()):
                orphaned_ticks.append({"lesson": lesson, "item": item})
                continue
            checklist.setdefault(lesson, []).append(item)
        attempts = self.attempts()
        orphaned_attempts = []
        if known_questions is not None:
            orphaned_attempts = [a for a in attempts if a["question"] not in known_questions]
            attempts = [a for a in attempts if a["question"] in known_questions]
        position = self.position()
        return {
            "file": str(self.path),
            "history_file": str(self.history.path),
            "schema_version": self.schema_version,
            "read_only": self.read_only,
            "position": {"lesson": position[0], "section": position[1]} if position else None,
            "checklist": {k: sorted(v) for k, v in sorted(checklist.items())},
            "attempts": attempts,
            "orphaned": {"checklist": orphaned_ticks, "attempts": orphaned_attempts},
        }

    def export_data(self) -> dict:
        """Return everything stored, in the export format of ``oslearn.progress.transfer``."""
        from oslearn.progress.transfer import export_document

        return export_document(self)

    def backup(self) -> Path:
        """Write an export of everything stored to ``progress-backup-<timestamp>.json``.

        Returns:
            the backup file (restore it with ``oslearn progress --import FILE``).
        Raises:
            StorageError: it could not be written.
        """
        target = self.directory / f"{BACKUP_PREFIX}{_stamp()}.json"
        atomic_write_bytes(target, encode(self.export_data()))
        return target

    def import_data(self, document: dict, source: str = "<import>") -> dict:
        """Validate an export, back up this store, then merge the export into it.

        Args:
            document: a parsed export (``oslearn.progress.transfer.read_export``).
            source: the file name, used in error messages.
        Returns:
            what was added (``oslearn.progress.transfer.merge``) plus ``"backup"``: the
            backup taken before anything was changed.
        Raises:
            oslearn.progress.transfer.ImportProblem: not a valid export; nothing written.
            PermissionError, StorageError: as ``set_done`` (a failure part-way leaves every
                file valid; importing again completes the merge). A ``StorageError`` raised
                after the backup was taken has it as ``backup``.
        """
        from oslearn.progress.transfer import merge, validate_export

        self._writable()
        validate_export(document, source)
        backup = self.backup()
        try:
            summary = merge(self, document)
        except StorageError as error:
            error.backup = backup  # the state before the import, for the message
            raise
        summary["backup"] = str(backup)
        return summary

    def reset(self, lesson_id: str | None = None) -> dict:
        """Back up, then forget one lesson's checklist and position, or (``None``) everything.

        Quiz history belongs to question banks, not lessons, so only a full reset clears it
        (with every table, review cards included).

        Returns:
            ``{"ticks": n removed, "attempts": n removed, "position": bool removed,
            "backup": the backup file, restorable with ``oslearn progress --import``}``.
        Raises:
            PermissionError, StorageError: as ``set_done``; when the backup cannot be
                written nothing is removed.
        """
        self._writable()
        backup = str(self.backup())
        checklist = self.db.table("checklist")
        position = self.position()
        if lesson_id is None:
            removed = {"ticks": len(checklist), "attempts": len(self.history),
                       "position": position is not None, "backup": backup}
            self.history.replace([])
            self.db.drop_tables()
            self.db.table("meta").insert({"schema_version": SCHEMA_VERSION})
            return removed
        gone = checklist.remove(Query().lesson == lesson_id)
        removed = {"ticks": len(gone), "attempts": 0, "position": False, "backup": backup}
        if position and position[0] == lesson_id:
            self.db.table("position").truncate()
            removed["position"] = True
        return removed

    def _writable(self) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only ({self.read_only_reason or 'opened read-only'}); "
                                  "this change was not saved")


def _doc(doc_id: int, value: dict) -> Document:
    return Document(value, doc_id=doc_id)


__all__ = ["ProgressLocked", "ProgressStore", "SCHEMA_VERSION", "TABLES", "atomic_write_bytes", "utc_now"]
