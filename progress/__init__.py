"""The learner's progress, kept in TinyDB: crash-safe storage, locations, the store.

This package never imports Textual (a test enforces it).
"""

from oslearn.progress.locations import DATA_DIR_ENV, data_dir, progress_path
from oslearn.progress.storage import AtomicJSONStorage, StorageError
from oslearn.progress.store import SCHEMA_VERSION, ProgressLocked, ProgressStore

__all__ = [
    "DATA_DIR_ENV", "SCHEMA_VERSION", "AtomicJSONStorage", "ProgressLocked", "ProgressStore",
    "StorageError", "data_dir", "progress_path",
]
