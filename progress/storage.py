"""A crash-safe JSON storage for TinyDB.

Stock ``tinydb.JSONStorage`` truncates and rewrites its file in place, so a process killed
mid-write or a full disk leaves invalid JSON. ``AtomicJSONStorage`` instead serialises the
whole database first, writes it to a temporary file in the same directory, flushes and
fsyncs it, renames it over the old file with ``os.replace`` (atomic on POSIX and Windows)
and fsyncs the directory so the rename itself is durable. A reader therefore sees either
the old file or the new one, never a mixture.

The storage keeps the last data it read or wrote in memory, so TinyDB's many ``read()``
calls do not re-parse the file. That is only valid while this process is the one writer,
which ``oslearn.progress.store`` guarantees with a lock on a sidecar file.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from tinydb.storages import Storage

#: Prefix of temporary files; leftovers from a killed writer are swept on open.
TEMP_PREFIX = ".tmp-"


class StorageError(OSError):
    """Writing the progress file failed; the previous file is untouched.

    Attributes:
        path: the progress file.
        errno/strerror: from the underlying ``OSError`` (``errno.ENOSPC`` for a full disk).
    """

    def __init__(self, path: Path, error: OSError):
        super().__init__(error.errno, f"could not save progress to {path}: {error.strerror or error}")
        self.path = path


def fsync_directory(directory: Path) -> None:
    """fsync ``directory`` so a rename inside it survives a power cut (no-op where the
    platform cannot open directories, e.g. Windows)."""
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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    Args:
        path: the destination file; its directory must exist.
        data: the complete new contents.
    Raises:
        StorageError: the write, fsync or rename failed (for example ``ENOSPC``); the old
            file, if any, is byte-identical to before and the temporary file is removed.
    """
    directory = path.parent
    temp = directory / f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{secrets.token_hex(4)}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
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
    fsync_directory(directory)


def sweep_temp_files(path: Path) -> list[Path]:
    """Delete temporary files a killed writer of ``path`` left behind.

    Returns:
        the files removed. Only call this while holding the writer lock.
    """
    removed = []
    for leftover in path.parent.glob(f"{TEMP_PREFIX}{path.name}.*"):
        try:
            leftover.unlink()
            removed.append(leftover)
        except OSError:
            pass
    return removed


def encode(data: dict) -> bytes:
    """Serialise TinyDB's data (a dict of tables) to the UTF-8 JSON bytes stored on disk."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage that writes ``path`` atomically (see the module docstring).

    Args:
        path: the JSON file; created on first write, never at open.
        initial: data already read and validated by the caller (the store parses and checks
            the file before handing it over), or ``None`` to read ``path`` lazily.
        read_only: refuse every write with ``PermissionError``.
    """

    def __init__(self, path: str | os.PathLike, initial: dict | None = None, read_only: bool = False):
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self._data: dict | None = initial

    def read(self) -> dict | None:
        """Return the database as a dict of tables, or ``None`` when the file does not exist."""
        if self._data is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            self._data = json.loads(raw.decode("utf-8")) if raw.strip() else None
        return self._data

    def write(self, data: dict) -> None:
        """Serialise ``data`` and replace the file with it atomically.

        Raises:
            PermissionError: the storage was opened read-only.
            StorageError: the disk write failed; the file on disk is unchanged and the
                in-memory copy is dropped so the next read reflects the disk.
        """
        if self.read_only:
            self._data = None
            raise PermissionError(f"{self.path} is open read-only")
        payload = encode(data)
        try:
            atomic_write_bytes(self.path, payload)
        except StorageError:
            self._data = None
            raise
        self._data = data

    def close(self) -> None:
        """Nothing to release: no file handle is kept open between writes."""
