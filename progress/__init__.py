"""The learner's progress, kept in TinyDB: crash-safe storage, locations, the store.

Modules: ``locations`` (where files live), ``storage`` (atomic writes and the TinyDB
storage), ``history`` (the append-only quiz history), ``schema`` (shape checks, versions,
migrations), ``store`` (``ProgressStore``: the one API the app and the CLI use),
``transfer`` (export, import, merge). This package never imports Textual (a test enforces it).
"""

from oslearn.progress.locations import DATA_DIR_ENV, data_dir, progress_path
from oslearn.progress.storage import AtomicJSONStorage, StorageError
from oslearn.progress.store import SCHEMA_VERSION, ProgressLocked, ProgressStore

__all__ = [
    "DATA_DIR_ENV", "SCHEMA_VERSION", "AtomicJSONStorage", "ProgressLocked", "ProgressStore",
    "StorageError", "data_dir", "progress_path",
]
