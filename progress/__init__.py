"""The learner's progress, kept in TinyDB: crash-safe storage, locations, the store.

Modules: ``locations`` (where files live), ``storage`` (atomic writes and the TinyDB
storage), ``history`` (the append-only quiz history, each answer with its FSRS review),
``schema`` (shape checks, versions, migrations), ``store`` (``ProgressStore``: reading and
writing the learner's files), ``review`` (FSRS cards and quiz scores), ``course`` (the
course rules the app and the CLI share), ``notices`` (what the store tells the learner, as
data), ``transfer`` (export, import, merge). This package never imports Textual (a test
enforces it).
"""

from typing import TYPE_CHECKING

from oslearn.progress.locations import DATA_DIR_ENV, data_dir, progress_path

if TYPE_CHECKING:
    from oslearn.progress.storage import AtomicJSONStorage, StorageError
    from oslearn.progress.store import SCHEMA_VERSION, ProgressLocked, ProgressStore

__all__ = [
    "DATA_DIR_ENV", "SCHEMA_VERSION", "AtomicJSONStorage", "ProgressLocked", "ProgressStore",
    "StorageError", "data_dir", "progress_path",
]

#: Names imported from their module on first use (PEP 562), so that importing
#: ``oslearn.progress.locations`` (as ``oslearn --version`` and ``oslearn check`` do) does
#: not load TinyDB and filelock.
_LAZY = {
    "AtomicJSONStorage": "storage", "StorageError": "storage",
    "SCHEMA_VERSION": "store", "ProgressLocked": "store", "ProgressStore": "store",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
