"""The learner's app settings (the theme), kept in ``settings.json`` in the data directory.

Written with ``oslearn.progress.storage.atomic_write_bytes`` (temp file, fsync, rename;
a symbolic link is written through), so a crash never leaves a half-written file.

Reading never changes the file and never fails the app: a missing file means "no
settings"; a file that cannot be read, is not a JSON object (``NaN``, nesting deeper than
settings need and binary junk included), or holds a value of the wrong type (``{"theme":
[1, 2]}``) gives the defaults for what is wrong plus a sentence saying so
(``read_settings``). Saving over a damaged file first copies it, byte for byte, to
``settings.json.corrupt-<timestamp>`` and says where. Does not import Textual.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from oslearn.progress.storage import JSONDamage, atomic_write_bytes, encode, parse_json

SETTINGS_FILE = "settings.json"

#: Each known setting and the type its value must have.
KNOWN = {"theme": str}

#: Settings are one object of plain values: deeper nesting is damage.
MAX_DEPTH = 4


def settings_path(directory: Path) -> Path:
    """Return the settings file inside the data ``directory``."""
    return Path(directory) / SETTINGS_FILE


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def read_settings(directory: Path) -> tuple[dict, list[str], bool]:
    """Read the settings stored in ``directory``.

    Returns:
        ``(settings, problems, damaged)``: the usable settings (known keys with a value of
        the right type, unknown keys as they are); one sentence for the learner per problem
        found, naming the file, the key and what was used instead; whether the file as a
        whole could not be read (so saving must set it aside first). Never raises.
    """
    path = settings_path(directory)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, [], False
    except OSError as error:
        return {}, [f"{path} could not be read ({error.strerror or error}); the default settings are used."], False
    try:
        data = parse_json(raw, MAX_DEPTH)
    except JSONDamage as error:
        return {}, [f"{path} is damaged ({error}); the default settings are used. It will be kept as a "
                    "backup the next time a setting is saved."], True
    if not isinstance(data, dict):
        return {}, [f"{path} holds {_type_name(data)}, not an object of settings; the default settings are "
                    "used. It will be kept as a backup the next time a setting is saved."], True
    settings, problems = {}, []
    for key, value in data.items():
        wanted = KNOWN.get(key)
        if wanted is not None and type(value) is not wanted:
            problems.append(f"{path}: {key}: expected {_type_name(wanted())}, found {_type_name(value)}; "
                            "the default is used (choose one again to replace it).")
            continue
        settings[key] = value
    return settings, problems, False


def load_settings(directory: Path) -> dict:
    """Return the usable settings stored in ``directory`` (see ``read_settings``)."""
    return read_settings(directory)[0]


def save_setting(directory: Path, key: str, value) -> str | None:
    """Set ``key`` to ``value`` (JSON-serialisable) in ``directory``'s settings, keeping the
    other keys.

    Returns:
        ``None``, or, when the old file was damaged, a sentence naming the backup it was
        copied to before being replaced.
    Raises:
        oslearn.progress.StorageError: the file (or the backup) could not be written; the
            old file is intact.
    """
    settings, _, damaged = read_settings(directory)
    Path(directory).mkdir(parents=True, exist_ok=True)
    notice = None
    if damaged:
        path = settings_path(directory)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        backup = path.with_name(f"{path.name}.corrupt-{stamp}")
        atomic_write_bytes(backup, path.read_bytes())
        notice = f"The damaged {path} was copied unchanged to {backup} before the new settings were saved."
    settings[key] = value
    encode(settings)  # refuses what JSON cannot hold before anything is written
    data = (json.dumps(settings, indent=2, sort_keys=True) + "\n").encode("utf-8")
    atomic_write_bytes(settings_path(directory), data)
    return notice
