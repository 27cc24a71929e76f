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
* A process killed mid-append can leave a torn last line with no ``\\n``: the beginning of
  a record. That write never returned, so nobody was told it was saved; the next writer
  moves its bytes to ``<name>.torn-<timestamp>`` and cuts them off, without a notice (the
  only repair made silently). A last line without ``\\n`` that is a whole valid record is
  read like any other, and the next append starts a new line first.
* Anything else that is not one valid record a line (binary junk, records merged on one
  line or split over two, wrong types, ``NaN``/``Infinity``, nesting deeper than the store
  writes, ``\\r`` or ``\\x0b`` where a newline should be) means the file was damaged or
  edited. A writer copies the whole file, byte-identical, to ``<name>.corrupt-<timestamp>``,
  the readable records replace it atomically, and the learner is told both paths. (Copy,
  then replace: if either step fails the original is still in place.) A read-only open
  (``oslearn list``, ``progress``, another process's reader) never changes the file: it
  skips the damaged lines in memory and says so.
* Whole-file rewrites (a migration, an import, a reset, a TinyDB update or removal in a
  ``TableLog``) go through ``atomic_write_bytes``.

Reading: a log may leave the beginning of its file unparsed at ``open`` when a cache vouches
for those exact bytes (``_known_beginning``; the quiz history does, through
``oslearn.progress.history_cache``); the records there are parsed the first time every record
is needed. ``generation`` changes whenever the records are replaced, for readers that keep
something derived from them.

The files have no header: their formats are governed by ``schema_version`` in
``progress.json`` (``oslearn.progress.schema``).
"""

from __future__ import annotations

import gc
import json
import os
import threading
from datetime import datetime, timezone
from pathlib import Path

from oslearn.progress.history_cache import new_digest
from oslearn.progress.notices import LOG_LINES_SET_ASIDE, LOG_LINES_SKIPPED, Notice
from oslearn.progress.storage import (
    FILE_MODE, MAX_JSON_DEPTH, JSONDamage, StorageError, atomic_write_bytes, check_json, encode, fsync_directory,
    parse_json, write_all,
)

#: Largest batch one ``append`` writes, in bytes (one quiz answer's records are far
#: smaller). A last line longer than this cannot be a torn append.
MAX_APPEND_BYTES = 1024 * 1024


def _stamp() -> str:
    """A timestamp for backup file names, UTC, to the microsecond."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


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

    #: Keep a running digest of the bytes read and written (``digest``), for a cache keyed
    #: by the file's contents (``oslearn.progress.history_cache``).
    keeps_digest = False

    def __init__(self, path: Path, records: list[dict], size: int, read_only: bool):
        self.path = Path(path)
        self.read_only = read_only
        self._unread: bytes | None = None  # lines known to be valid, parsed on first use
        self._unread_count = 0  # how many records they hold
        self._unread_lock = threading.Lock()
        self._records = records
        self._size = size  # bytes of complete, valid records at the start of the file
        self._open_line = False  # the last record has no final newline: append adds it first
        #: Changes whenever the records are replaced (``replace``, ``reload``, ``show``), so a reader that
        #: keeps something derived from the records knows to derive it again.
        self.generation = 0
        #: BLAKE2b of the file's first ``_size`` bytes (``keeps_digest``), else ``None``.
        self.digest = None
        #: What a cache said of the unread beginning (see ``_known_beginning``), or ``None``.
        self.summary = None

    @property
    def _records(self) -> list[dict]:
        """Every record, oldest first; the lines left unread at ``open`` are parsed now."""
        if self._unread is not None:
            self._read_unread()
        return self._loaded

    @_records.setter
    def _records(self, records: list[dict]) -> None:
        self._loaded = records
        self._unread, self._unread_count = None, 0

    def _read_unread(self) -> None:
        with self._unread_lock:
            if self._unread is None:
                return
            lines = [line for line in self._unread.split(b"\n") if line.strip()]
            records, _bad = self._parse_lines(lines)  # bytes found valid before, by this same code
            self._loaded = records + self._loaded
            self._unread, self._unread_count = None, 0

    @property
    def has_unread(self) -> bool:
        """Whether the beginning of the file was left unparsed at ``open`` (its records known
        from a cache, see ``_known_beginning``); reading ``records()`` parses it."""
        return self._unread is not None

    def since(self, index: int) -> list[dict]:
        """Return the log's own records from position ``index`` on (not copies), parsing the
        unread beginning only if ``index`` falls in it."""
        if self._unread is not None and index >= self._unread_count:
            return self._loaded[index - self._unread_count:]
        return self._records[index:]

    @classmethod
    def _known_beginning(cls, path: Path, raw: bytes):
        """Return ``(size, count, digest, summary)`` when the first ``size`` bytes of ``raw``
        (whole lines, ``count`` records) are known to be valid records, so ``open`` need not
        parse them now; ``digest`` is the running digest of those bytes and ``summary`` what
        is known of them. ``None`` (the default) means parse everything."""
        return None

    @classmethod
    def open(cls, path: Path, *, read_only: bool, notices: list[str]):
        """Read the file at ``path`` (missing means empty): completely, or not at all.

        Every line must be one record of this file (``valid``): one JSON object, finite
        numbers, nested no deeper than ``storage.MAX_JSON_DEPTH``. Otherwise:

        * a last line without ``\\n`` that is a valid record (an edited file, or one written
          elsewhere) is read like the others; the next append starts a new line first;
        * a last line that is the beginning of a record (``is_torn``) was left by a crash in
          the middle of an append, which nobody was told had succeeded. A writer moves its
          bytes to ``<name>.torn-<timestamp>`` and truncates it, without a notice (the one
          silent repair); a reader ignores it;
        * anything else (binary junk, records merged on one line or split over two, a line
          of the wrong shape, ``NaN``, a missing final newline after two merged records...)
          is damage. A writer copies the whole file, byte-identical, to
          ``<name>.corrupt-<timestamp>`` before replacing it with the records that could be
          read, and says so naming both files; a reader changes nothing and says the file
          will be set aside the next time progress is opened for writing.

        Args:
            path: the file; a symbolic link is read and written through.
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
            log = cls(path, [], 0, read_only)
            log.digest = new_digest() if cls.keeps_digest else None
            return log
        known = cls._known_beginning(path, raw)
        start, digest = (known[0], known[2]) if known else (0, new_digest() if cls.keeps_digest else None)
        complete, newline, tail = raw.rpartition(b"\n")
        complete += newline
        records, bad = cls._parse_lines([line for line in complete[start:].split(b"\n") if line.strip()])
        size = len(complete)
        torn = False
        open_line = False
        if tail.strip():
            tail_record = cls._parse_line(tail)
            if tail_record is not None:
                records.append(tail_record)
                size, open_line = len(raw), True
            elif cls.is_torn(tail):
                torn = True
            else:
                bad += 1
        log = cls(path, records, size, read_only)
        log._open_line = open_line
        if known:
            log._unread, log._unread_count, log.summary = raw[:start], known[1], known[3]
        if digest is not None:
            digest.update(raw[start:size])
            log.digest = digest
        if bad:
            if read_only:
                log.digest = None  # memory is not the file: no cache may be made of it
                notices.append(Notice(LOG_LINES_SKIPPED, {"path": str(path), "log": path.stem, "count": bad}))
                return log
            backup = path.with_name(f"{path.name}.corrupt-{_stamp()}")
            atomic_write_bytes(backup, raw)
            records = list(log._records)  # with the beginning read from the cache, if it was
            log.replace(records)
            notices.append(Notice(LOG_LINES_SET_ASIDE, {"path": str(path), "log": path.stem, "count": bad,
                                                        "backup": str(backup), "kept": len(records)}))
        elif torn and not read_only:
            log._set_aside_torn_tail(tail)
        return log

    @staticmethod
    def is_torn(tail: bytes) -> bool:
        """Whether ``tail`` (the bytes after the last ``\\n``) can be the beginning of a
        record cut short by a crash: it starts like one (``{``), is no longer than an
        append writes, holds no line break of any kind, and JSON runs out of input in it
        (rather than meeting a wrong character)."""
        if not tail.startswith(b"{") or len(tail) > MAX_APPEND_BYTES or any(c in tail for c in b"\r\x0b\x0c"):
            return False
        for cut in range(4):  # a crash can cut a UTF-8 sequence short
            try:
                text = tail[:len(tail) - cut].decode("utf-8")
                break
            except UnicodeDecodeError:
                continue
        else:
            return False
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            if error.msg == "Extra data" or error.msg.startswith("Invalid control character"):
                return False
            return error.msg.startswith("Unterminated string") or error.pos >= len(text) - 5
        except ValueError:
            return False
        return False

    @classmethod
    def _parse_lines(cls, lines: list[bytes]) -> tuple[list[dict], int]:
        """Parse complete lines into records; return ``(records, number of bad lines)``.

        The common case, every line valid, is parsed as one JSON array whose items are the
        lines each wrapped in its own array (several times faster than a ``json.loads`` a
        line), with Python's cyclic garbage collector paused: the parse builds tens of
        thousands of dicts, none of them garbage, and each collection it would trigger walks
        them all again (10,000 answers with their reviews: about 11 ms of 64). The wrapping
        keeps each line its own value: a record split over two lines or two records on one
        line cannot parse as something else. Any doubt falls back to line by line.
        """
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of new records, none garbage: no cyclic collection meanwhile
        try:
            wrapped = parse_json(b"[[" + b"],\n[".join(lines) + b"]]", check=False) if lines else []
        except JSONDamage:
            wrapped = None
        finally:
            if collecting:
                gc.enable()
        if (wrapped is not None and len(wrapped) == len(lines) and all(len(item) == 1 for item in wrapped)):
            records = [item[0] for item in wrapped]
            if cls._all_valid(records):
                try:
                    cls._check_depth(records, lines)
                    return records, 0
                except JSONDamage:
                    pass
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

    @staticmethod
    def _check_depth(records: list[dict], lines: list[bytes]) -> None:
        """Raise ``JSONDamage`` if a record nests deeper than ``MAX_JSON_DEPTH``
        (``storage.check_json``; the parser has already refused numbers that are not
        finite). A record cannot nest deeper than its line has ``{`` and ``[`` characters,
        so only the records of lines with more than ``MAX_JSON_DEPTH`` of them are walked:
        one count per line instead of a walk through every record."""
        for record, line in zip(records, lines):
            if line.count(b"{") + line.count(b"[") > MAX_JSON_DEPTH:
                check_json(record, MAX_JSON_DEPTH)

    @classmethod
    def _parse_line(cls, line: bytes) -> dict | None:
        try:
            record = parse_json(line)
        except JSONDamage:
            return None
        return record if cls.valid(record) else None

    def _set_aside_torn_tail(self, tail: bytes) -> None:
        """Keep the bytes of a torn last line in ``<name>.torn-<timestamp>``, then cut them
        off the file (through a symbolic link, like every write)."""
        atomic_write_bytes(self.path.with_name(f"{self.path.name}.torn-{_stamp()}"), tail)
        fd = os.open(self.path, os.O_RDWR)
        try:
            os.ftruncate(fd, self._size)
            os.fsync(fd)
        finally:
            os.close(fd)

    # --- reading ------------------------------------------------------------------------

    def records(self) -> list[dict]:
        """Return the records, oldest first (the list and its dicts are the log's own:
        callers that keep or change them must copy)."""
        return self._records

    def __len__(self) -> int:
        if self._unread is not None:
            return self._unread_count + len(self._loaded)
        return len(self._loaded)

    def show(self, records: list[dict]) -> None:
        """Replace the records held in memory without touching the file (used to display
        an old-schema store read-only as if it had been migrated).

        Raises:
            PermissionError: the log is writable (memory and file must then agree).
        """
        if not self.read_only:
            raise PermissionError("show() is only for a read-only log")
        self._records = list(records)
        self.generation += 1

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
        data = (b"\n" if self._open_line else b"") + encode_lines(list(records))
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
        self._open_line = False
        self._loaded.extend(records)
        if self.digest is not None:
            self.digest.update(data)

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
        self._open_line = False
        self.generation += 1
        if self.keeps_digest:
            self.digest = new_digest(payload)

    def reload(self) -> None:
        """Read the records back from the file (after a failed multi-file write, so memory
        matches the disk). A damaged file is read as in a read-only ``open``."""
        fresh = type(self).open(self.path, read_only=True, notices=[])
        self._records, self._size, self._open_line = fresh._records, fresh._size, fresh._open_line
        self.digest = fresh.digest
        self.generation += 1


def _is_doc_id(value: object) -> bool:
    return type(value) is int and value > 0


class TableLog(LogFile):
    """A TinyDB table kept in an append-only file: each line ``{"id": doc_id, "doc": {...}}``.

    ``oslearn.progress.storage.AtomicJSONStorage`` loads it as the table's documents and
    appends to it on ``insert``; any other change to the table rewrites the file.
    """

    #: Words for the learner for the known table logs; others read "<table> log".
    DESCRIPTIONS = {"reviews": "review log (schema 2)", "quiz_history": "quiz scores"}

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
