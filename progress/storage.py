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

Design references: the write-temp/fsync/rename/fsync-directory sequence is the one SQLite's
and PostgreSQL's documentation describe for durable renames on POSIX (``rename(2)``,
``fsync(2)``); TinyDB's storage interface is ``tinydb.storages.Storage`` (``read``,
``write``, ``close``).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from tinydb.storages import Storage

#: Prefix of temporary files; leftovers from a killed writer are swept on open.
TEMP_PREFIX = ".tmp-"
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


def fsync_directory(directory: Path) -> None:
    """fsync ``directory`` so a rename or a new file inside it survives a power cut.

    A no-op where the platform cannot open directories (Windows) or refuses to fsync them;
    the data itself has already been fsynced by then.
    """
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (``os.write`` may write fewer than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def temp_name(path: Path) -> Path:
    """Return a fresh temporary file name for writing ``path``, in the same directory."""
    return path.parent / f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{secrets.token_hex(4)}"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    Args:
        path: the destination file; its directory must exist.
        data: the complete new contents.
    Raises:
        StorageError: creating, writing, fsyncing or renaming the temporary file failed
            (for example ``ENOSPC``, ``EACCES``, ``EROFS``); the old file, if any, is
            byte-identical to before and the temporary file has been removed.
    """
    path = Path(path)
    temp = temp_name(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise StorageError(path, error) from error
    fsync_directory(path.parent)


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


def encode(data: object) -> bytes:
    """Serialise ``data`` to the compact UTF-8 JSON bytes stored on disk.

    Raises:
        TypeError, ValueError: ``data`` holds something JSON cannot represent.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage that writes ``path`` atomically (see the module docstring).

    The caller reads and validates the file first (``oslearn.progress.store`` does) and
    hands the parsed data over; this storage never reads the disk itself, so a damaged
    file can never reach TinyDB.

    Args:
        path: the JSON file; created on the first write.
        initial: the database as a dict of tables (``{"table": {"1": {...}}}``), or
            ``None``/``{}`` for an empty database.
        read_only: refuse every write with ``PermissionError``.
    """

    def __init__(self, path: str | os.PathLike, initial: dict | None = None, read_only: bool = False):
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self._data: dict = initial if initial is not None else {}
        #: The last state known to be durable (or the initial state): failed writes return to it.
        self._committed: bytes = encode(self._data)

    def read(self) -> dict:
        """Return the database as a dict of tables (the in-memory copy)."""
        return self._data

    def write(self, data: dict) -> None:
        """Serialise ``data`` and replace the file with it atomically and durably.

        Raises:
            PermissionError: the storage is read-only; nothing was written.
            TypeError, ValueError: ``data`` is not JSON-serialisable; nothing was written.
            StorageError: the disk write failed (full disk, unwritable directory); the
                file on disk is unchanged.
            In every case the in-memory copy is restored to what the disk holds.
        """
        if self.read_only:
            self._rollback()
            raise PermissionError(f"{self.path} is open read-only; this change was not saved")
        try:
            payload = encode(data)
            atomic_write_bytes(self.path, payload)
        except BaseException:
            self._rollback()
            raise
        self._data = data
        self._committed = payload

    def _rollback(self) -> None:
        self._data = json.loads(self._committed.decode("utf-8"))

    def close(self) -> None:
        """Nothing to release: no file handle is kept open between writes."""


__all__ = [
    "AtomicJSONStorage", "FILE_MODE", "StorageError", "TEMP_PREFIX", "atomic_write_bytes", "copy_durably",
    "encode", "fsync_directory", "write_all", "sweep_temp_files", "temp_name",
]
