"""Every path oslearn reads or writes for the learner, in one place.

The data directory is, in order of precedence: the ``--data-dir`` option, the environment
variable ``OSLEARN_DATA_DIR``, then ``platformdirs.user_data_path("oslearn")`` (on Linux
``~/.local/share/oslearn``). ``oslearn locate`` prints what is in use.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable that overrides the data directory.
DATA_DIR_ENV = "OSLEARN_DATA_DIR"
#: File name of the progress database inside the data directory.
PROGRESS_FILE = "progress.json"
#: File name of the quiz history (append-only JSON Lines) inside the data directory.
HISTORY_FILE = "attempts.jsonl"
#: Suffix of the sidecar lock file held by the one writer.
LOCK_SUFFIX = ".lock"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """Return the data directory to use (not created here).

    Args:
        override: a path from ``--data-dir``; wins over the environment and the default.
    Returns:
        an absolute ``Path`` with ``~`` expanded.
    """
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return platformdirs.user_data_path("oslearn")


def progress_path(directory: Path) -> Path:
    """Return the progress file inside ``directory``."""
    return directory / PROGRESS_FILE


def history_path(directory: Path) -> Path:
    """Return the quiz history file inside ``directory``."""
    return directory / HISTORY_FILE


def lock_path(directory: Path) -> Path:
    """Return the writer's sidecar lock file (never the data file itself).

    It sits beside the progress file that is really written: inside ``directory``, or,
    when ``progress.json`` is a symbolic link (written through, never replaced), beside the
    file it points to, so that two data directories sharing one progress file through a
    link share one lock too, and never both write.
    """
    data = progress_path(directory)
    if data.is_symlink():
        return Path(os.path.realpath(data) + LOCK_SUFFIX)
    return directory / (PROGRESS_FILE + LOCK_SUFFIX)


def table_log_path(directory: Path, table: str) -> Path:
    """Return the append-only file holding TinyDB table ``table`` (``reviews.jsonl``)."""
    return directory / f"{table}.jsonl"
