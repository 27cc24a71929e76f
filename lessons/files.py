"""Writing a file so that a crash, a full disk or a second writer never leaves half of it.

``atomic_write_bytes`` is the one writer of whole files in oslearn: lesson files made by
``oslearn import``, the lesson cache, and (through ``oslearn.progress.storage``) every
progress file. The sequence is the one SQLite's and PostgreSQL's documentation give for
durable renames on POSIX (``rename(2)``, ``fsync(2)``):

1. write the complete contents to a temporary file *in the destination's directory* (so the
   rename cannot cross file systems), looping until every byte is written;
2. ``fsync`` it;
3. ``os.replace`` it over the destination (atomic on POSIX and Windows) or, for
   ``exclusive=True``, ``os.link`` it to the destination, which fails if the destination
   exists, so two writers of one name can never both succeed;
4. ``fsync`` the directory so the rename survives a power cut.

A reader sees the old file or the new one, never a mixture. If any step fails the
temporary file is removed and the destination is as it was.

Symbolic links are written *through*: when the destination is a link, the file it points
to is replaced (its directory holds the temporary file), and the link stays a link. So a
data file kept elsewhere and linked into the data directory is updated where it lives,
never turned into a regular file while its target keeps old data.

Temporary files are named ``.tmp-<name>.<pid>.<random>``; ``TEMP_PREFIX`` lets a writer
that holds a lock sweep the leftovers of one that was killed.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

#: Prefix of temporary files.
TEMP_PREFIX = ".tmp-"


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
    path = Path(path)
    return path.parent / f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{secrets.token_hex(4)}"


def resolve_link(path: Path) -> Path:
    """Return the file ``path`` stands for: itself, or where its symbolic link(s) point."""
    path = Path(path)
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def _create_exclusive(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` with ``O_EXCL`` and write ``data`` into it (for file systems without
    hard links); a failed write removes the partial file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(path)
        raise
    os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, exclusive: bool = False, mode: int = 0o600) -> Path:
    """Write ``data`` as the whole new contents of ``path``, atomically and durably.

    Args:
        path: the destination; its directory must exist. A symbolic link is written
            through (the module docstring says why).
        data: the complete contents.
        exclusive: create the file only if nothing has that name yet.
        mode: permissions of a newly created file (before the umask).
    Returns:
        the file written (``path``, or its link's target).
    Raises:
        FileExistsError: ``exclusive`` and ``path`` exists (nothing was written).
        OSError: creating, writing, fsyncing or renaming failed (``ENOSPC``, ``EACCES``,
            ``EROFS``, ``ENAMETOOLONG``...); the destination is as it was and the temporary
            file has been removed.
    """
    target = resolve_link(path)
    temp = temp_name(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if exclusive:
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
            try:
                os.link(temp, target)
            except FileExistsError:
                raise
            except OSError as error:
                if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                    raise
                _create_exclusive(target, data, mode)  # no hard links on this file system
            os.unlink(temp)
        else:
            os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    fsync_directory(target.parent)
    return target


__all__ = ["TEMP_PREFIX", "atomic_write_bytes", "fsync_directory", "resolve_link", "temp_name", "write_all"]
