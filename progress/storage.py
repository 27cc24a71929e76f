"""Crash-safe file writes for the progress store, and the TinyDB storage built on them.

Stock ``tinydb.JSONStorage`` truncates and rewrites its file in place, so a process killed
mid-write or a full disk leaves invalid JSON, and two processes writing the same file
interleave. This module never writes a file in place:

* ``atomic_write_bytes`` serialises nothing itself: it takes the complete new contents,
  writes them to a temporary file *in the same directory* (so the rename cannot cross file
  systems), loops until every byte is written, ``fsync``\\ s the file, renames it over the
  old one with ``os.replace`` (atomic on POSIX and Windows) and ``fsync``\\ s the directory
  so the rename itself survives a power cut. A reader sees the old file or the new one,
  never a mixture. If any step fails the temporary file is removed and the old file is
  byte-identical to before.
* Temporary files are named ``.tmp-<target name>.<pid>.<random>``; a writer killed between
  creating and renaming one leaves it behind, and ``sweep_temp_files`` removes such
  leftovers when the next writer opens the store (it holds the writer lock, so no live
  writer can own them).
* ``AtomicJSONStorage`` is the TinyDB ``Storage``. It serialises the whole database to
  UTF-8 JSON *before* touching the disk (an unserialisable value fails without any file
  being created), then writes with ``atomic_write_bytes``. It keeps the parsed data in
  memory, so TinyDB's many ``read()`` calls cost nothing; that is only valid while this
  process is the one writer, which ``oslearn.progress.store`` guarantees with a lock on a
  sidecar file. TinyDB mutates the dict ``read()`` returned *before* calling ``write()``,
  so when a write fails the storage restores its in-memory copy from the last bytes known
  to be on disk: memory never claims something the disk does not hold.
* Tables that grow with every answer (``oslearn.progress.schema.LOG_TABLES``) are not in
  ``path`` at all: each lives in an append-only ``oslearn.progress.logfile.TableLog``.
  ``ProgressDB`` (a ``TinyDB``) gives them a ``LogTable``, whose ``insert`` appends one
  line and fsyncs, and whose other changes mark the table so ``write`` rewrites that log
  atomically. ``write`` skips rewriting ``path`` when its own tables did not change, so a
  tick costs what the content bounds, not what the learner's history has grown to.

Design references: the write-temp/fsync/rename/fsync-directory sequence is the one SQLite's
and PostgreSQL's documentation describe for durable renames on POSIX (``rename(2)``,
``fsync(2)``); TinyDB's storage interface is ``tinydb.storages.Storage`` (``read``,
``write``, ``close``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from collections.abc import Iterable, Mapping

from tinydb import TinyDB

from oslearn.lessons.files import TEMP_PREFIX, fsync_directory, temp_name, write_all
from oslearn.lessons.files import atomic_write_bytes as _atomic_write_bytes
from tinydb.storages import Storage
from tinydb.table import Table

#: Permissions of files oslearn creates: the learner's data is private to them.
FILE_MODE = 0o600


class StorageError(OSError):
    """Writing a progress file failed; the previous file on disk is untouched.

    Attributes:
        path: the file that was being written.
        errno: from the underlying ``OSError`` (``errno.ENOSPC`` for a full disk,
            ``errno.EACCES``/``EROFS`` for a directory that cannot be written), or ``None``.
        strerror: a full sentence for the learner naming the file and the cause.
    """

    def __init__(self, path: Path, error: BaseException):
        cause = getattr(error, "strerror", None) or str(error) or type(error).__name__
        super().__init__(getattr(error, "errno", None),
                         f"could not save progress to {path}: {cause}")
        self.path = path

    def __str__(self) -> str:
        return self.strerror


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably (``oslearn.lessons.files.
    atomic_write_bytes``: temporary file, fsync, rename, directory fsync; a symbolic link
    is written through, so a linked data file stays a link to up-to-date data).

    Args:
        path: the destination file; its directory must exist.
        data: the complete new contents.
    Raises:
        StorageError: creating, writing, fsyncing or renaming the temporary file failed
            (for example ``ENOSPC``, ``EACCES``, ``EROFS``); the old file, if any, is
            byte-identical to before and the temporary file has been removed.
    """
    try:
        _atomic_write_bytes(path, data, mode=FILE_MODE)
    except OSError as error:
        raise StorageError(Path(path), error) from error


def copy_durably(source: Path, destination: Path) -> None:
    """Copy ``source`` to ``destination`` byte for byte, atomically and durably.

    Used for backups taken before a migration, a reset or an import.

    Raises:
        StorageError: the copy could not be written (the source is untouched).
        OSError: ``source`` could not be read.
    """
    atomic_write_bytes(destination, Path(source).read_bytes())


def sweep_temp_files(path: Path) -> list[Path]:
    """Delete temporary files a killed writer left behind for ``path`` or for any file
    whose name starts with ``path.name`` (its backups: ``progress.json.corrupt-...``).

    Only call this while holding the writer lock (a live writer's temporary file would
    otherwise be deleted under it).

    Returns:
        the files removed.
    """
    removed = []
    for leftover in path.parent.glob(f"{TEMP_PREFIX}{path.name}*"):
        try:
            leftover.unlink()
            removed.append(leftover)
        except OSError:
            pass
    return removed


#: Deepest nesting of arrays and objects any progress file may hold. The store writes at most
#: five levels (an export: document > tables > table > document > FSRS card); anything
#: deeper was not written by oslearn, and is refused before it can exhaust the stack of
#: code that walks it.
MAX_JSON_DEPTH = 16


class JSONDamage(ValueError):
    """Bytes that are not a JSON value oslearn could have written; the message says why
    (``"not valid JSON: ..."``, ``"nested deeper than 16 levels"``, ``"holds NaN, which is not
    a finite number"``)."""


def _refuse_constant(name: str):
    raise JSONDamage(f"holds {name}, which is not a finite number")


_INFINITIES = (float("inf"), float("-inf"))


def _finite_float(text: str) -> float:
    """``json``'s float parser, refusing numbers too large for a float (``1e999``)."""
    value = float(text)
    if value in _INFINITIES:
        raise JSONDamage(f"holds {text}, which is not a finite number")
    return value


def check_json(value: object, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Raise ``JSONDamage`` if ``value`` nests arrays and objects deeper than ``max_depth``
    or holds a float that is not finite (``1e999`` parses as infinity). Iterative, so any
    depth is checked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        kind = type(item)
        if kind is float:
            if item != item or item in (float("inf"), float("-inf")):
                raise JSONDamage(f"holds {item!r}, which is not a finite number")
            continue
        if depth > max_depth:
            raise JSONDamage(f"nested deeper than {max_depth} levels")
        for child in (item.values() if kind is dict else item):
            child_kind = type(child)
            if child_kind is dict or child_kind is list or child_kind is float:
                stack.append((child, depth + 1))


def parse_json(data: bytes | str, max_depth: int = MAX_JSON_DEPTH, *, check: bool = True) -> object:
    """Parse JSON read from a progress file (or an export, or ``settings.json``).

    Stricter than ``json.loads``: ``NaN``, ``Infinity`` and numbers too large for a float
    are refused (every number must be finite), and so is nesting deeper than ``max_depth``
    (however deep: no ``RecursionError`` escapes).

    Args:
        data: the bytes (UTF-8) or text.
        max_depth: the deepest nesting accepted.
        check: run ``check_json`` on the result (a caller that checks the nesting
            itself passes ``False``; numbers that are not finite, ``NaN``, ``Infinity`` and
            ``1e999`` alike, are refused either way).
    Raises:
        JSONDamage: not UTF-8, not JSON, too deep, or not finite; nothing else.
    """
    try:
        if isinstance(data, bytes):
            data = data.decode("utf-8")
        value = json.loads(data, parse_constant=_refuse_constant, parse_float=_finite_float)
    except UnicodeDecodeError as error:
        raise JSONDamage(f"not valid UTF-8 at byte {error.start}") from None
    except RecursionError:
        raise JSONDamage(f"nested deeper than {max_depth} levels") from None
    except JSONDamage:
        raise
    except ValueError as error:
        raise JSONDamage(f"not valid JSON: {error}") from None
    if check and (type(value) is dict or type(value) is list or type(value) is float):
        check_json(value, max_depth)
    return value


def encode(data: object) -> bytes:
    """Serialise ``data`` to the compact UTF-8 JSON bytes stored on disk.

    Raises:
        TypeError, ValueError: ``data`` holds something JSON cannot represent.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage that writes ``path`` atomically (see the module docstring), with
    some tables kept in append-only log files instead (``logs``).

    The caller reads and validates the files first (``oslearn.progress.store`` does) and
    hands the parsed data over; this storage never reads ``path`` itself, so a damaged file
    can never reach TinyDB.

    Args:
        path: the JSON file; created on the first write.
        initial: the database as a dict of tables (``{"table": {"1": {...}}}``), or
            ``None``/``{}`` for an empty database.
        read_only: refuse every write with ``PermissionError``.
        logs: table name -> ``oslearn.progress.logfile.TableLog``. Those tables are read
            from their logs, never written to ``path``; ``LogTable.insert`` appends to the
            log, and any other change to such a table rewrites its log atomically.
    """

    def __init__(self, path: str | os.PathLike, initial: dict | None = None, read_only: bool = False,
                 logs: dict | None = None):
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.logs = dict(logs or {})
        self._dirty: set[str] = set()
        self._data: dict = initial if initial is not None else {}
        #: The last state of ``path`` known to be durable: failed writes return to it.
        self._committed: bytes = encode(self._data)
        for name, log in self.logs.items():
            documents = log.documents()
            if name in self._data:  # a log table inside the main file: move it on the next write
                documents = {**self._data[name], **documents}
                self._dirty.add(name)
            if documents:
                self._data[name] = documents

    def read(self) -> dict:
        """Return the database as a dict of tables (the in-memory copy)."""
        return self._data

    def mark_dirty(self, table: str) -> None:
        """Note that ``table`` (a log table) is being changed other than by appending, so
        the next ``write`` rewrites its log."""
        self._dirty.add(table)

    def write(self, data: dict) -> None:
        """Serialise ``data`` and replace the files that changed, atomically and durably.

        ``path`` is rewritten when its tables changed; a log table's file when the table
        was marked dirty or was dropped. Everything is serialised before any file is
        touched. The log files are written before ``path``; a failure part-way leaves each
        file either old or new.

        Raises:
            PermissionError: the storage is read-only; nothing was written.
            TypeError, ValueError: ``data`` is not JSON-serialisable; nothing was written.
            StorageError: a disk write failed (full disk, unwritable directory); the file
                being written is unchanged.
            In every case the in-memory copy is restored to what the disks hold.
        """
        if self.read_only:
            self._rollback()
            self._dirty.clear()
            raise PermissionError(f"{self.path} is open read-only; this change was not saved")
        try:
            payload = encode({name: table for name, table in data.items() if name not in self.logs})
            rewrites = {}
            for name, log in self.logs.items():
                if name in self._dirty or (name not in data and len(log)):
                    records = [{"id": int(doc_id), "doc": doc} for doc_id, doc in data.get(name, {}).items()]
                    rewrites[name] = (records, log.prepare(records))
            for name, (records, log_payload) in rewrites.items():
                self.logs[name].replace(records, log_payload)
            if payload != self._committed:
                atomic_write_bytes(self.path, payload)
        except BaseException:
            self._rollback()
            raise
        finally:
            self._dirty.clear()
        self._data = data
        self._committed = payload

    def append(self, table: str, documents: list[tuple[int, dict]]) -> None:
        """Append documents to a log table's file durably, then add them in memory.

        Args:
            table: a name in ``logs``.
            documents: ``(doc_id, document)`` pairs.
        Raises:
            PermissionError: the storage is read-only.
            ValueError, TypeError: a document is not valid or not serialisable.
            StorageError: the append failed; the log file is as it was.
        """
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only; this change was not saved")
        self.logs[table].append(*({"id": doc_id, "doc": doc} for doc_id, doc in documents))
        stored = self._data.setdefault(table, {})
        for doc_id, doc in documents:
            stored[str(doc_id)] = doc

    def _rollback(self) -> None:
        self._data = json.loads(self._committed.decode("utf-8"))
        for name, log in self.logs.items():
            log.reload()
            if len(log):
                self._data[name] = log.documents()

    def close(self) -> None:
        """Nothing to release: no file handle is kept open between writes."""


class LogTable(Table):
    """A TinyDB ``Table`` whose inserts append to its log file (one small fsynced write)
    instead of rewriting the database. Every other change (update, upsert of an existing
    document, remove, truncate) goes through TinyDB as usual and rewrites the log file.
    Reading is unchanged."""

    def insert(self, document: Mapping) -> int:
        """Insert ``document`` durably by appending it; return its id (as TinyDB's ``insert``).

        Raises:
            ValueError: not a mapping, or a ``Document`` whose id is taken.
            PermissionError, StorageError: see ``AtomicJSONStorage.append``.
        """
        return self.insert_multiple([document])[0]

    def insert_multiple(self, documents: Iterable[Mapping]) -> list[int]:
        """Insert ``documents`` in one append; return their ids (as TinyDB's)."""
        existing = self._read_table()
        pairs: list[tuple[int, dict]] = []
        for document in documents:
            if not isinstance(document, Mapping):
                raise ValueError("Document is not a Mapping")
            if isinstance(document, self.document_class):
                doc_id = document.doc_id
                if str(doc_id) in existing or any(doc_id == taken for taken, _ in pairs):
                    raise ValueError(f"Document with ID {doc_id} already exists")
                self._next_id = None
            else:
                doc_id = self._get_next_id()
            pairs.append((doc_id, dict(document)))
        if pairs:
            try:
                self._storage.append(self.name, pairs)
            except BaseException:
                self._next_id = None
                raise
            self.clear_cache()
        return [doc_id for doc_id, _ in pairs]

    def _update_table(self, updater) -> None:
        self._storage.mark_dirty(self.name)
        super()._update_table(updater)


class ProgressDB(TinyDB):
    """``TinyDB`` whose tables kept in logs (``AtomicJSONStorage.logs``) are ``LogTable`` objects.
    Everything else is plain TinyDB."""

    def table(self, name: str, **kwargs) -> Table:
        """Return the table ``name`` (see ``TinyDB.table``)."""
        if name not in self._tables and name in getattr(self.storage, "logs", {}):
            self._tables[name] = LogTable(self.storage, name, **kwargs)
        return super().table(name, **kwargs)


__all__ = [
    "AtomicJSONStorage", "LogTable", "ProgressDB", "FILE_MODE", "StorageError", "TEMP_PREFIX", "atomic_write_bytes", "copy_durably",
    "JSONDamage", "MAX_JSON_DEPTH", "check_json", "encode", "fsync_directory", "parse_json", "write_all",
    "sweep_temp_files", "temp_name",
]
