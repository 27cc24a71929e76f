"""Append-only JSON Lines files: what the progress store keeps records that only grow in.

Why: TinyDB's storage interface reads and writes the *whole* database, so records added
with every quiz answer (the attempts, FSRS review logs, finished quizzes) would make every
later write, a checklist tick included, re-serialise and re-write all of them: the tick
would slow down linearly with the learner's history (``tests/benchmarks/bench_progress.py``
measures it). Records that are only ever added go to their own file instead, one JSON
object a line, where adding one costs one small append and one ``fsync`` whatever the
file's length, and ``progress.json`` keeps only what the content bounds (checklist ticks,
the reading position, one FSRS card per question).

``LogFile`` is the mechanism; ``oslearn.progress.history.AttemptLog`` (quiz attempts) and
``TableLog`` (a TinyDB table kept in a log: each line ``{"id": doc_id, "doc": {...}}``,
used through ``oslearn.progress.storage.LogTable``) are its two uses.

Crash safety:

* An append seeks to the end of the last *complete* record this process knows of,
  truncates anything after it, writes the whole batch of lines in one call and fsyncs. On
  failure (``ENOSPC``) it truncates back, so a failed append leaves the file as it was.
* A process killed mid-append can leave a torn last line with no ``\\n``. That write never
  returned, so nobody was told it was saved; the next writer drops the fragment on open
  (or keeps it, newline added, when it happens to be one complete valid record).
* A line in the middle that is not a valid record cannot come from a torn append; it means
  the file was damaged or edited. The whole file is then copied, byte-identical, to
  ``<name>.corrupt-<timestamp>``, the readable records replace it atomically, and the
  learner is told both paths. (Copy, then replace: if either step fails the original is
  still in place.)
* Whole-file rewrites (a migration, an import, a reset, a TinyDB update or removal in a
  ``TableLog``) go through ``atomic_write_bytes``.

The files have no header: their formats are governed by ``schema_version`` in
``progress.json`` (``oslearn.progress.schema``).
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from oslearn.progress.notices import LOG_LINES_SET_ASIDE, LOG_LINES_SKIPPED, Notice
from oslearn.progress.storage import (
    FILE_MODE, StorageError, atomic_write_bytes, copy_durably, encode, fsync_directory, write_all,
)


def encode_lines(records: list[dict]) -> bytes:
    """Serialise records to JSON Lines bytes (each line ``\\n``-terminated).

    Raises:
        TypeError, ValueError: a record holds something JSON cannot represent.
    """
    return b"".join(encode(r) + b"\n" for r in records)


class LogFile:
    """One append-only JSON Lines file (see the module docstring). Open with ``open``.

    Subclasses set ``valid`` (is this parsed line a record?) and ``label`` (what the file
    holds, for the learner: "quiz history").

    Attributes:
        path: the file.
        read_only: ``append`` and ``replace`` raise ``PermissionError``.
    """

    label = "records"

    @classmethod
    def describe(cls, path: Path) -> str:
        """What the file at ``path`` holds, in words for the learner."""
        return cls.label

    @staticmethod
    def valid(record: object) -> bool:
        """Whether a parsed line is a record of this file."""
        return isinstance(record, dict)

    def __init__(self, path: Path, records: list[dict], size: int, read_only: bool):
        self.path = Path(path)
        self.read_only = read_only
        self._records = records
        self._size = size  # bytes of complete, valid records at the start of the file

    @classmethod
    def open(cls, path: Path, *, read_only: bool, notices: list[str]):
        """Read the file at ``path`` (missing means empty), repairing it when writable.

        Args:
            path: the file.
            read_only: never modify the file (another process may be writing it, or the
                store is read-only); damaged lines are then skipped in memory only.
            notices: ``oslearn.progress.notices.Notice`` values are appended here (damaged
                lines skipped or set aside).
        Returns:
            the log.
        Raises:
            OSError: the file exists but cannot be read, or (when writable) a damaged file
                could not be set aside or repaired (``StorageError``); the file is then as
                it was, and the caller opens read-only.
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path, [], 0, read_only)
        complete, newline, tail = raw.rpartition(b"\n")
        complete += newline
        records, bad = cls._parse_lines([line for line in complete.split(b"\n") if line.strip()])
        tail_record = cls._parse_line(tail) if tail.strip() else None
        if tail_record is not None:
            records.append(tail_record)
        log = cls(path, records, len(complete), read_only)
        if read_only:
            if bad:
                notices.append(Notice(LOG_LINES_SKIPPED, {"path": str(path), "log": path.stem, "count": bad}))
            return log
        if bad:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            backup = path.with_name(f"{path.name}.corrupt-{stamp}")
            copy_durably(path, backup)
            log.replace(records)
            notices.append(Notice(LOG_LINES_SET_ASIDE, {"path": str(path), "log": path.stem, "count": bad,
                                                        "backup": str(backup), "kept": len(records)}))
        elif tail_record is not None or tail:
            # A torn final append (or a last line missing its newline): repair in place.
            log._repair_tail(tail_record)
        return log

    @classmethod
    def _parse_lines(cls, lines: list[bytes]) -> tuple[list[dict], int]:
        """Parse complete lines into records; return ``(records, number of bad lines)``.

        The common case, every line valid, is parsed as one JSON array (several times
        faster than a ``json.loads`` a line); any doubt falls back to line by line.
        """
        try:
            records = json.loads(b"[" + b",".join(lines) + b"]")
        except ValueError:
            records = None
        if records is not None and len(records) == len(lines) and cls._all_valid(records):
            return records, 0
        records, bad = [], 0
        for line in lines:
            record = cls._parse_line(line)
            if record is None:
                bad += 1
            else:
                records.append(record)
        return records, bad

    @classmethod
    def _all_valid(cls, records: list) -> bool:
        return all(map(cls.valid, records))

    @classmethod
    def _parse_line(cls, line: bytes) -> dict | None:
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        return record if cls.valid(record) else None

    def _repair_tail(self, tail_record: dict | None) -> None:
        fd = os.open(self.path, os.O_RDWR)
        try:
            os.ftruncate(fd, self._size)
            if tail_record is not None:
                line = encode(tail_record) + b"\n"
                os.lseek(fd, self._size, os.SEEK_SET)
                write_all(fd, line)
                self._size += len(line)
            os.fsync(fd)
        finally:
            os.close(fd)

    # --- reading ------------------------------------------------------------------------

    def records(self) -> list[dict]:
        """Return the records, oldest first (the list and its dicts are the log's own:
        callers that keep or change them must copy)."""
        return self._records

    def __len__(self) -> int:
        return len(self._records)

    def show(self, records: list[dict]) -> None:
        """Replace the records held in memory without touching the file (used to display
        an old-schema store read-only as if it had been migrated).

        Raises:
            PermissionError: the log is writable (memory and file must then agree).
        """
        if not self.read_only:
            raise PermissionError("show() is only for a read-only log")
        self._records = list(records)

    # --- writing ------------------------------------------------------------------------

    def _check(self, records: list[dict], what: str) -> None:
        for record in records:
            if not self.valid(record):
                raise ValueError(f"not a record of the {self.describe(self.path)}: {record!r}")
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only; {what}")

    def append(self, *records: dict) -> None:
        """Append ``records`` durably (fsynced when this returns), in one write.

        Raises:
            ValueError: a record does not have this file's shape; nothing was written.
            PermissionError: the log is read-only.
            StorageError: the write failed (``ENOSPC``...); the file is as it was before.
        """
        self._check(list(records), "this was not saved")
        data = encode_lines(list(records))
        created = False
        try:
            try:
                fd = os.open(self.path, os.O_RDWR)
            except FileNotFoundError:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE)
                created = True
            try:
                if os.fstat(fd).st_size != self._size:
                    os.ftruncate(fd, self._size)
                os.lseek(fd, self._size, os.SEEK_SET)
                try:
                    write_all(fd, data)
                    os.fsync(fd)
                except OSError:
                    try:
                        os.ftruncate(fd, self._size)
                    except OSError:
                        pass  # the next append or open truncates the fragment
                    raise
            finally:
                os.close(fd)
        except OSError as error:
            raise StorageError(self.path, error) from error
        if created:
            fsync_directory(self.path.parent)
        self._size += len(data)
        self._records.extend(records)

    def prepare(self, records: list[dict]) -> bytes:
        """Check and serialise ``records`` for ``replace`` without touching the disk.

        Raises:
            ValueError, TypeError: a record is not valid or not serialisable.
            PermissionError: the log is read-only.
        """
        self._check(records, "nothing was changed")
        return encode_lines(records)

    def replace(self, records: list[dict], payload: bytes | None = None) -> None:
        """Replace the whole file with ``records`` atomically.

        Args:
            records: the new contents.
            payload: ``prepare(records)``, when the caller serialised them already.
        Raises:
            ValueError, TypeError, PermissionError: as ``prepare``; nothing was written.
            StorageError: the write failed; the old file is byte-identical.
        """
        if payload is None:
            payload = self.prepare(records)
        atomic_write_bytes(self.path, payload)
        self._records = list(records)
        self._size = len(payload)

    def reload(self) -> None:
        """Read the records back from the file (after a failed multi-file write, so memory
        matches the disk). A damaged file is read as in a read-only ``open``."""
        fresh = type(self).open(self.path, read_only=True, notices=[])
        self._records, self._size = fresh._records, fresh._size


def _is_doc_id(value: object) -> bool:
    return type(value) is int and value > 0


class TableLog(LogFile):
    """A TinyDB table kept in an append-only file: each line ``{"id": doc_id, "doc": {...}}``.

    ``oslearn.progress.storage.AtomicJSONStorage`` loads it as the table's documents and
    appends to it on ``insert``; any other change to the table rewrites the file.
    """

    #: Words for the learner for the known table logs; others read "<table> log".
    DESCRIPTIONS = {"reviews": "review log", "quiz_history": "quiz scores"}

    @classmethod
    def describe(cls, path: Path) -> str:
        """``reviews.jsonl`` -> "review log"."""
        stem = Path(path).stem
        return cls.DESCRIPTIONS.get(stem, f"{stem.replace('_', ' ')} log")

    @staticmethod
    def valid(record: object) -> bool:
        """Whether ``record`` is ``{"id": positive int, "doc": object}``."""
        return type(record) is dict and _is_doc_id(record.get("id")) and type(record.get("doc")) is dict

    def documents(self) -> dict[str, dict]:
        """Return the table as TinyDB stores it: ``{str(doc_id): doc}`` (the last line wins
        for an id written twice)."""
        return {str(r["id"]): r["doc"] for r in self._records}


def merge_documents(existing: dict[str, dict], incoming: dict[str, dict]) -> dict[str, dict]:
    """Merge two TinyDB tables without losing a document.

    A document of ``incoming`` equal to one of ``existing`` is skipped; one whose id is
    free keeps its id; one whose id is taken by a different document gets the next free
    id. Merging a table with itself, or again, changes nothing.

    Returns:
        the merged table ``{str(doc_id): doc}``.
    """
    def key(doc: dict) -> str:
        return json.dumps(doc, sort_keys=True, ensure_ascii=False)

    merged = dict(existing)
    seen = {key(doc) for doc in existing.values()}
    next_id = max((int(k) for k in merged), default=0) + 1
    for doc_id, doc in incoming.items():
        k = key(doc)
        if k in seen:
            continue
        seen.add(k)
        if doc_id in merged:
            doc_id, next_id = str(next_id), next_id + 1
        else:
            next_id = max(next_id, int(doc_id) + 1)
        merged[doc_id] = doc
    return merged


__all__ = ["LogFile", "TableLog", "encode_lines", "merge_documents"]
