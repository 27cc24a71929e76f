"""The learner's progress: checklist ticks, quiz attempts, the last place read.

Files in the data directory (see ``oslearn.progress.locations``):

``progress.json``        TinyDB database written by ``AtomicJSONStorage`` (temp file, fsync,
                         ``os.replace``, directory fsync). Schema in ``oslearn.progress.schema``.
``attempts.jsonl``       the quiz history, append-only (``oslearn.progress.history``).
``quiz_history.jsonl``   the TinyDB table of ``oslearn.progress.review`` that gains a document
                         with every finished quiz, append-only (``oslearn.progress.logfile``),
                         read and written through ``db`` like any table.
``progress.json.lock``   sidecar lock file: whoever holds an exclusive ``filelock`` lock on it
                         is the one writer. The data files themselves are never locked, so a
                         reader never waits and a rename never breaks the lock.
``progress.json.corrupt-<timestamp>``, ``attempts.jsonl.corrupt-<timestamp>``
                         damaged files, set aside byte for byte.
``<file>.schema<N>-<timestamp>``  a file as it was before a schema migration.
``progress-backup-<timestamp>.json``     an export taken before ``reset`` and ``import``;
                         ``oslearn progress --import`` restores it.

Tables of ``progress.json`` (schema 3)::

    meta       {"schema_version": 3}                                     (one document)
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
* ``notices`` collects what the learner must be told, as ``oslearn.progress.notices.Notice``
  values (a kind and its data); the CLI and the app word them (``oslearn.tui.notices``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB
from tinydb.table import Document

from oslearn.progress import notices as kinds
from oslearn.progress import schema
from oslearn.progress.history import AttemptLog
from oslearn.progress.locations import history_path, lock_path, progress_path, table_log_path
from oslearn.progress.logfile import LogFile, TableLog
from oslearn.progress.notices import Notice
from oslearn.progress.schema import LOG_TABLES, RETIRED_LOG_TABLES, SCHEMA_VERSION, TABLES, MigrationError, ShapeError
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
        notices: what the learner must be told (a damaged file moved aside, read-only
            mode...): ``Notice`` values, worded by the front end.
        history: the quiz history (``attempts.jsonl``).
        read_only_reason: the ``Notice`` saying why the store is read-only; ``None`` when
            writable.
        schema_version: the schema of the data held (``SCHEMA_VERSION``, or a newer one for
            a file from a newer oslearn, shown read-only).
    """

    path: Path
    db: TinyDB
    read_only: bool = False
    notices: list[Notice] = field(default_factory=list)
    _lock: FileLock | None = None
    history: AttemptLog | None = None
    read_only_reason: Notice | None = None
    schema_version: int = SCHEMA_VERSION

    # --- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, *, read_only: bool = False, reason: Notice | None = None) -> "ProgressStore":
        """Open (creating if needed) the progress store in ``directory``.

        Args:
            directory: the data directory; created if missing (unless ``read_only``).
            read_only: open without taking the writer lock and never write anything
                (not even to repair a damaged file).
            reason: with ``read_only``, why (``READ_ONLY_REQUESTED``, ``HELD_ELSEWHERE``);
                it becomes ``read_only_reason`` and the first notice. Without it, a
                read-only store's reason is ``OPENED_READ_ONLY`` and nothing is noticed.
        Returns:
            the store. Problems with the files never raise: they end up in ``notices``
            and, where writing would risk the learner's data, in ``read_only``.
        Raises:
            ProgressLocked: another process is the writer (only when ``read_only`` is False).
        """
        directory = Path(directory)
        path = progress_path(directory)
        notices: list[Notice] = []
        if read_only and reason is not None:
            notices.append(reason)
        reason = (reason or Notice(kinds.OPENED_READ_ONLY)) if read_only else None
        lock = None
        if not read_only:
            lock, problem = cls._take_lock(directory, path)
            if lock is None:
                notices.append(problem)
                reason = problem
        writer = lock is not None

        def give_up_writing(why: Notice) -> None:
            nonlocal writer, lock, reason
            writer = False
            reason = reason or why
            if lock is not None:
                lock.release()
                lock = None

        hist = history_path(directory)
        log_paths = {name: table_log_path(directory, name) for name in LOG_TABLES}
        retired_paths = {name: table_log_path(directory, name) for name in RETIRED_LOG_TABLES}
        if writer:
            for name in (path, hist, directory / BACKUP_PREFIX, *log_paths.values(), *retired_paths.values()):
                sweep_temp_files(name)

        tables, version, newer = cls._load(path, notices, writer, give_up_writing)
        history = cls._open_log(AttemptLog, hist, writer and not newer, notices, give_up_writing)
        table_logs = {name: cls._open_log(TableLog, log_path, writer and not newer, notices, give_up_writing)
                      for name, log_path in log_paths.items()}
        if not writer:
            for log in (history, *table_logs.values()):
                log.read_only = True

        if version is not None and version < SCHEMA_VERSION:
            retired = {name: cls._open_log(TableLog, log_path, writer, notices, give_up_writing)
                       for name, log_path in retired_paths.items() if log_path.exists()}
            tables = cls._migrate(path, tables, version, history, table_logs, retired, notices, writer,
                                  give_up_writing)

        for log in (history, *table_logs.values()):
            log.read_only = not writer
        db = ProgressDB(path, storage=AtomicJSONStorage, initial=tables, read_only=not writer, logs=table_logs)
        store = cls(path=path, db=db, read_only=not writer, notices=notices, _lock=lock,
                    history=history, read_only_reason=reason if not writer else None,
                    schema_version=version if newer else SCHEMA_VERSION)
        if writer and not db.table("meta").all():
            try:
                db.table("meta").insert({"schema_version": SCHEMA_VERSION})
            except StorageError as error:
                store._become_read_only(Notice(kinds.CANNOT_SAVE, {"error": str(error)}))
        return store

    @staticmethod
    def _open_log(kind: type[LogFile], path: Path, writable: bool, notices: list[Notice], give_up_writing) -> LogFile:
        """Open one log file; when it cannot be read or repaired, go read-only and say so."""
        try:
            return kind.open(path, read_only=not writable, notices=notices)
        except OSError as error:
            message = Notice(kinds.LOG_UNREADABLE, {"path": str(path), "log": path.stem, "reason": _reason(error)})
            notices.append(message)
            give_up_writing(message)
            try:
                return kind.open(path, read_only=True, notices=[])
            except OSError:
                return kind(path, [], 0, True)

    @staticmethod
    def _take_lock(directory: Path, path: Path) -> tuple[FileLock | None, Notice | None]:
        """Take the writer lock and check the directory can be written.

        Returns:
            ``(lock, None)`` or ``(None, a DIRECTORY_UNWRITABLE notice)``.
        Raises:
            ProgressLocked: another process holds the lock.
        """
        def cannot(why: OSError) -> Notice:
            return Notice(kinds.DIRECTORY_UNWRITABLE, {"directory": str(directory), "reason": _reason(why)})

        try:
            directory.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(lock_path(directory)), timeout=0, thread_local=False)
            lock.acquire()
        except Timeout:
            raise ProgressLocked(path) from None
        except OSError as error:
            return None, cannot(error)
        probe = temp_name(path)
        try:
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.unlink(probe)
        except OSError as error:
            lock.release()
            return None, cannot(error)
        return lock, None

    @staticmethod
    def _load(path: Path, notices: list[Notice], writer: bool, give_up_writing) -> tuple[dict, int | None, bool]:
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
            message = Notice(kinds.FILE_UNREADABLE, {"path": str(path), "reason": _reason(error)})
            notices.append(message)
            give_up_writing(message)
            return {}, None, False
        try:
            data = schema.parse(raw)
            version = schema.file_version(data)
            if version is not None and version > SCHEMA_VERSION:
                message = Notice(kinds.NEWER_SCHEMA, {"path": str(path), "version": version,
                                                      "known": SCHEMA_VERSION})
                notices.append(message)
                give_up_writing(message)
                return schema.readable_tables(data), version, True
            schema.check_shape(data)
            return data, version, False
        except ShapeError as problem:
            if not writer:
                notices.append(Notice(kinds.DAMAGED_LEFT, {"path": str(path), "problem": str(problem)}))
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
                message = Notice(kinds.DAMAGED_STUCK, {"path": str(path), "problem": str(problem),
                                                       "reason": _reason(error)})
                notices.append(message)
                give_up_writing(message)
                return {}, None, False
            notices.append(Notice(kinds.DAMAGED_MOVED, {"path": str(path), "problem": str(problem),
                                                        "backup": str(backup)}))
            return {}, None, False

    @staticmethod
    def _migrate(path: Path, tables: dict, version: int, history: AttemptLog, table_logs: dict[str, TableLog],
                 retired: dict[str, TableLog], notices: list[Notice], writer: bool, give_up_writing) -> dict:
        """Upgrade schema ``version`` data: back up, migrate in memory, then write.

        ``retired`` holds the logs of tables the current schema no longer keeps (read for
        the migration, then removed). Write order: the backups (``progress.json`` and every
        log that is rewritten or removed), the history, the logs, then ``progress.json``
        (each atomically), then the retired logs are removed. An interruption before
        ``progress.json`` is written leaves it at the old version and the next open
        migrates again; the migration steps make that a no-op for what was already moved.

        Returns:
            the tables to use: migrated, or (when the upgrade failed) the old tables for
            read-only display.
        """
        stamp = _stamp()

        def backup_of(file: Path) -> Path:
            return file.with_name(f"{file.name}.schema{version}-{stamp}")

        backup = backup_of(path)
        try:
            state = schema.migrate(tables, history.records(), version,
                                   {name: log.documents() for name, log in {**retired, **table_logs}.items()})
            log_records = {name: [{"id": int(k), "doc": doc} for k, doc in state.logs.get(name, {}).items()]
                           for name in table_logs}
            backups = [backup]
            if writer:
                new_history = state.attempts != history.records()
                changed = [name for name, log in table_logs.items() if log_records[name] != log.records()]
                copy_durably(path, backup)
                for log in ([history] if new_history else []) + [table_logs[n] for n in changed] + list(retired.values()):
                    if log.path.exists():
                        copy_durably(log.path, backup_of(log.path))
                        backups.append(backup_of(log.path))
                if new_history:
                    history.replace(state.attempts)
                for name in changed:
                    table_logs[name].replace(log_records[name])
                atomic_write_bytes(path, encode(state.tables))
                for log in retired.values():
                    log.path.unlink(missing_ok=True)
                if retired:
                    fsync_directory(path.parent)
        except (MigrationError, OSError, ValueError, TypeError) as error:
            message = Notice(kinds.UPGRADE_FAILED, {"path": str(path), "from": version, "to": SCHEMA_VERSION,
                                                    "error": str(error),
                                                    "backup": str(backup) if backup.exists() else None})
            notices.append(message)
            give_up_writing(message)
            return tables
        if not writer:
            history.show(state.attempts)
            for name, log in table_logs.items():
                log.show(log_records[name])
            return state.tables
        notices.append(Notice(kinds.UPGRADED, {"path": str(path), "from": version, "to": SCHEMA_VERSION,
                                               "backups": [str(b) for b in backups], "notes": list(state.notes)}))
        return state.tables

    def _become_read_only(self, reason: Notice) -> None:
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
        """Close the database and release the writer lock (safe to call twice). The quiz
        history's summary is cached for the next open (``oslearn.progress.history_cache``)."""
        if self.history is not None:
            self.history.save_summary()
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

    def checklist_state(self) -> dict[tuple[str, str], bool]:
        """Return every stored checklist row, ticked or not: ``{(lesson_id, item_id): done}``
        (one pass; malformed rows ignored). A row with ``done`` false is an untick, which
        ``oslearn.progress.course`` needs to let it win over a tick under a step's old id."""
        out: dict[tuple[str, str], bool] = {}
        for row in self.db.table("checklist").all():
            lesson, item = row.get("lesson"), row.get("item")
            if isinstance(lesson, str) and isinstance(item, str) and isinstance(row.get("done"), bool):
                out[(lesson, item)] = row["done"]
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

    def record_attempt(self, question_id: str, correct: bool, answer: str = "", *, at: datetime | None = None,
                       review: dict | None = None) -> None:
        """Store one answer to a question, durably: one append to ``attempts.jsonl``.

        This is the one write path of an answer: its FSRS review, when it has one, is stored
        in the same record (``oslearn.progress.review.Reviews.review`` passes it).

        Args:
            question_id: the question's stable id.
            correct: whether it was graded right.
            answer: the learner's response as display text.
            at: when it was given (aware datetime; default now), stored to the second.
            review: ``{"rating", "duration_ms", "card"}`` (``oslearn.progress.history``).
        Raises:
            PermissionError, StorageError: as ``set_done``.
        """
        self._writable()
        moment = utc_now() if at is None else at.astimezone(timezone.utc).isoformat(timespec="seconds")
        record = {"question": question_id, "correct": bool(correct), "answer": str(answer), "at": moment}
        if review is not None:
            record["review"] = review
        self.history.append(record)

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
        from oslearn.progress.transfer import ImportProblem, merge, validate_export

        self._writable()
        validate_export(document, source)
        try:
            document = schema.upgrade_export(document)  # an export of an older schema
        except MigrationError as error:
            raise ImportProblem(f"{source}: could not be read as schema {SCHEMA_VERSION} ({error}); "
                                "export it again with this oslearn's `oslearn progress --export`") from None
        backup = self.backup()
        try:
            summary = merge(self, document)
        except StorageError as error:
            error.backup = backup  # the state before the import, for the message
            raise
        summary["backup"] = str(backup)
        return summary

    def reset(self, lesson_id: str | None = None, *, old_steps=(), old_lessons=()) -> dict:
        """Back up, then forget one lesson's checklist and position, or (``None``) everything.

        Quiz history belongs to question banks, not lessons, so only a full reset clears it
        (with every table: the FSRS cards are part of the history, the quiz scores a table).

        Args:
            lesson_id: the lesson, or ``None`` for everything.
            old_steps: ``(lesson, item)`` ids the lesson's steps had before, whose ticks count
                for it (``oslearn.progress.course.Course.reset``): forgotten with it.
            old_lessons: lessons no longer in the content whose reading position continues
                in this one: that position is cleared with it.

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
        row = Query()
        gone = checklist.remove(row.lesson == lesson_id)
        for old_lesson, old_item in old_steps:
            gone += checklist.remove((row.lesson == old_lesson) & (row.item == old_item))
        removed = {"ticks": len(gone), "attempts": 0, "position": False, "backup": backup}
        if position and (position[0] == lesson_id or position[0] in old_lessons):
            self.db.table("position").truncate()
            removed["position"] = True
        return removed

    def _writable(self) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only; this change was not saved")


def _doc(doc_id: int, value: dict) -> Document:
    return Document(value, doc_id=doc_id)


__all__ = ["ProgressLocked", "ProgressStore", "SCHEMA_VERSION", "TABLES", "atomic_write_bytes", "utc_now"]
