"""The quiz history: an append-only JSON Lines file beside ``progress.json``.

Why a separate file: TinyDB's storage interface can only read and write the *whole*
database, so with quiz attempts inside ``progress.json`` every checklist tick re-serialised
and re-wrote every answer the learner ever gave (measured by
``tests/benchmarks/bench_progress.py``: the tick slows roughly linearly with the history).
Attempts are never edited, only added, so they live in ``attempts.jsonl``, one JSON object
a line, and recording one costs one small append and one ``fsync`` whatever the history's
length. ``progress.json`` keeps only what is bounded by the size of the content
(checklist ticks, the reading position, review cards), so a tick stays cheap.

Record shape (one a line, UTF-8, ``\\n``-terminated, keys in this order)::

    {"question": str, "correct": bool, "answer": str, "at": ISO-8601 UTC str}

Unknown extra keys are kept as they are (a later version may add some).

Crash safety:

* An append seeks to the end of the last *complete* record this process knows of,
  truncates anything after it, writes the whole line in one go and fsyncs. On failure
  (``ENOSPC``) it truncates back, so a failed append leaves the file as it was.
* A process killed mid-append can leave a torn last line with no ``\\n``. That write never
  returned, so nobody was told it was saved; the next writer drops the fragment on open
  (or keeps it, with a newline added, if it happens to be one complete valid record).
* A line in the middle that is not a valid record cannot come from a torn append; it means
  the file was damaged or edited. The whole file is then copied, byte-identical, to
  ``attempts.jsonl.corrupt-<timestamp>``, the readable records replace it atomically, and
  the learner is told both paths. (Copy, then replace: if either step fails the original
  is still in place.)
* Whole-file rewrites (a migration, ``oslearn progress --import``, ``oslearn reset``) go
  through ``atomic_write_bytes``.

The file has no header: its format is governed by ``schema_version`` in ``progress.json``
(see ``oslearn.progress.schema``).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from oslearn.progress.locations import HISTORY_FILE
from oslearn.progress.storage import (
    FILE_MODE, StorageError, write_all, atomic_write_bytes, copy_durably, encode, fsync_directory,
)


def valid_attempt(record: object) -> bool:
    """Whether ``record`` has the attempt shape given in the module docstring."""
    return (isinstance(record, dict)
            and isinstance(record.get("question"), str) and record["question"] != ""
            and isinstance(record.get("correct"), bool)
            and isinstance(record.get("answer", ""), str)
            and isinstance(record.get("at"), str))


def attempt_key(record: dict) -> tuple:
    """Identity of an attempt for merging: two records with the same question, verdict,
    answer and time are the same answer seen twice (for example after importing an export
    of this same store)."""
    return (record.get("question"), record.get("correct"), record.get("answer", ""), record.get("at"))


def merge_attempts(*sources: list[dict]) -> list[dict]:
    """Merge attempt lists without ever dropping one.

    Each distinct attempt (``attempt_key``) appears as many times as in the source that has
    it most often, so merging a list with itself or with its own export is a no-op, and
    two genuinely separate answers given in the same second both stay.

    Returns:
        the merged attempts sorted by ``at`` (oldest first; ties keep source order).
    """
    wanted: Counter = Counter()
    for source in sources:
        for key, count in Counter(attempt_key(r) for r in source).items():
            wanted[key] = max(wanted[key], count)
    merged = []
    for source in sources:
        for record in source:
            key = attempt_key(record)
            if wanted[key] > 0:
                wanted[key] -= 1
                merged.append(record)
    merged.sort(key=lambda r: str(r.get("at", "")))
    return merged


def encode_lines(records: list[dict]) -> bytes:
    """Serialise attempts to JSON Lines bytes (each line ``\\n``-terminated)."""
    return b"".join(encode(r) + b"\n" for r in records)


class AttemptLog:
    """The quiz history file (see the module docstring). Create it with ``AttemptLog.open``.

    Attributes:
        path: ``attempts.jsonl`` in the data directory.
        read_only: ``append`` and ``replace`` raise ``PermissionError``.
    """

    def __init__(self, path: Path, records: list[dict], size: int, read_only: bool):
        self.path = path
        self.read_only = read_only
        self._records = records
        self._size = size  # bytes of complete, valid records at the start of the file

    @classmethod
    def open(cls, path: Path, *, read_only: bool, notices: list[str]) -> "AttemptLog":
        """Read the history at ``path`` (missing means empty), repairing it when writable.

        Args:
            path: the history file.
            read_only: never modify the file (another process may be writing it, or the
                store is read-only); damaged lines are then skipped in memory only.
            notices: learner-facing messages are appended here (damaged file moved aside).
        Returns:
            the log.
        Raises:
            OSError: the file exists but cannot be read, or (when writable) a damaged file
                could not be set aside or repaired (``StorageError``); the file is then as
                it was, and the caller opens read-only.
        """
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path, [], 0, read_only)
        complete, newline, tail = raw.rpartition(b"\n")
        complete += newline
        records, bad = _parse_lines([line for line in complete.split(b"\n") if line.strip()])
        tail_record = _parse_line(tail) if tail.strip() else None
        if tail_record is not None:
            records.append(tail_record)
        log = cls(path, records, len(complete), read_only)
        if read_only:
            if bad:
                notices.append(f"{bad} line(s) of your quiz history in {path} could not be read; "
                               "they are skipped for now and will be set aside the next time oslearn "
                               "opens the progress for writing.")
            return log
        if bad:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            backup = path.with_name(f"{path.name}.corrupt-{stamp}")
            copy_durably(path, backup)
            log.replace(records)
            notices.append(f"{bad} line(s) of your quiz history could not be read. The damaged file was "
                           f"moved to {backup}; the {len(records)} readable answer(s) were kept in {path}.")
        elif tail_record is not None or tail:
            # A torn final append (or a last line missing its newline): repair in place.
            log._repair_tail(tail_record)
        return log

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

    def records(self, question_id: str | None = None) -> list[dict]:
        """Return copies of the stored attempts, oldest first, for one question or all."""
        if question_id is None:
            return [dict(r) for r in self._records]
        return [dict(r) for r in self._records if r["question"] == question_id]

    def __len__(self) -> int:
        return len(self._records)

    def show(self, records: list[dict]) -> None:
        """Replace the records held in memory without touching the file (used to display
        an old-schema store read-only as if it had been migrated).

        Raises:
            PermissionError: the log is writable (memory and file must then agree).
        """
        if not self.read_only:
            raise PermissionError("show() is only for a read-only history")
        self._records = [dict(r) for r in records]

    # --- writing ------------------------------------------------------------------------

    def append(self, record: dict) -> None:
        """Append one attempt durably (fsynced when this returns).

        Args:
            record: an attempt with the shape in the module docstring.
        Raises:
            ValueError: ``record`` does not have that shape; nothing was written.
            PermissionError: the log is read-only.
            StorageError: the write failed (``ENOSPC``...); the file is as it was before.
        """
        if not valid_attempt(record):
            raise ValueError(f"not a quiz attempt record: {record!r}")
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only; this answer was not saved")
        line = encode(record) + b"\n"
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
                    write_all(fd, line)
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
        self._size += len(line)
        self._records.append(dict(record))

    def replace(self, records: list[dict]) -> None:
        """Replace the whole history with ``records`` atomically (migration, import, reset).

        Raises:
            ValueError: a record does not have the attempt shape; nothing was written.
            PermissionError: the log is read-only.
            StorageError: the write failed; the old file is byte-identical.
        """
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only; nothing was changed")
        for record in records:
            if not valid_attempt(record):
                raise ValueError(f"not a quiz attempt record: {record!r}")
        payload = encode_lines(records)
        atomic_write_bytes(self.path, payload)
        self._records = [dict(r) for r in records]
        self._size = len(payload)


def _parse_lines(lines: list[bytes]) -> tuple[list[dict], int]:
    """Parse complete lines into records; return ``(records, number of bad lines)``.

    The common case, every line valid, is parsed as one JSON array (several times faster
    than a ``json.loads`` a line); any doubt falls back to line by line.
    """
    try:
        records = json.loads(b"[" + b",".join(lines) + b"]")
    except ValueError:
        records = None
    if records is not None and len(records) == len(lines):
        for record in records:  # valid_attempt, inlined: this loop runs once per stored answer
            if not (type(record) is dict and type(record.get("question")) is str and record["question"]
                    and type(record.get("correct")) is bool and type(record.get("at")) is str
                    and type(record.get("answer", "")) is str):
                break
        else:
            return records, 0
    records, bad = [], 0
    for line in lines:
        record = _parse_line(line)
        if record is None:
            bad += 1
        else:
            records.append(record)
    return records, bad


def _parse_line(line: bytes) -> dict | None:
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return record if valid_attempt(record) else None


__all__ = ["AttemptLog", "HISTORY_FILE", "attempt_key", "encode_lines", "merge_attempts", "valid_attempt"]
