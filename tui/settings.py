"""The learner's app settings (the theme), kept in ``settings.json`` in the data directory.

Written atomically with ``oslearn.progress.storage.atomic_write_bytes`` (temp file, fsync,
rename), so a crash never leaves a half-written file. A missing, unreadable or malformed
file means "no settings": the app starts with its defaults and never fails over it.
Does not import Textual.
"""

from __future__ import annotations

import json
from pathlib import Path

from oslearn.progress.storage import atomic_write_bytes

SETTINGS_FILE = "settings.json"


def settings_path(directory: Path) -> Path:
    """Return the settings file inside the data ``directory``."""
    return Path(directory) / SETTINGS_FILE


def load_settings(directory: Path) -> dict:
    """Return the settings stored in ``directory`` as a dict (``{}`` when there are none or
    the file is not a JSON object)."""
    try:
        data = json.loads(settings_path(directory).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(directory: Path, key: str, value) -> None:
    """Set ``key`` to ``value`` (JSON-serialisable) in ``directory``'s settings, keeping the
    other keys.

    Raises:
        oslearn.progress.StorageError: the file could not be written (the old one is intact).
    """
    settings = load_settings(directory)
    settings[key] = value
    data = (json.dumps(settings, indent=2, sort_keys=True) + "\n").encode("utf-8")
    Path(directory).mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(settings_path(directory), data)
