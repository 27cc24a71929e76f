"""A cache of parsed lesson files, so that a curriculum of hundreds of lessons opens fast.

Reading a lesson file means parsing and checking its YAML front matter (``loader.
parse_lesson``), about half a millisecond a file: with an added curriculum of 500 lessons
(``oslearn --lessons DIR``) that was most of the app's start-up beyond Textual's own. The
cache keeps what ``parse_lesson`` returned for each file (the ``Lesson``, or ``None``, and
the problems it recorded) and hands it back while the file's bytes are the same.

Validity, checked on every load:

* each file is read and its bytes hashed (BLAKE2b): a hit is the same content, not merely
  the same timestamp;
* the cache file records a hash of the loader's, the model's and the text reader's source code and the set of
  known seed files; if either differs, nothing in it is used;
* anything unreadable or unexpected in the cache file (another format, damage, a class
  other than the lesson model's) makes it be ignored and rewritten.

Where: one file per curriculum folder, in ``$OSLEARN_CACHE_DIR/lessons`` when that variable
is set, else in the platform's user cache folder (``platformdirs.user_cache_path``; on Linux
``~/.cache/oslearn/lessons``). It is written with ``oslearn.lessons.files.atomic_write_bytes``
(temporary file, fsync, rename) and only when something changed. Failing to read or write it never fails a
load: the files are then simply parsed. ``oslearn check`` never uses it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
from pathlib import Path

from oslearn.lessons.files import atomic_write_bytes
from oslearn.lessons.model import ChecklistItem, Lesson, Resource, Section, SourceRef

#: Environment variable naming oslearn's cache folder (the lesson cache is its ``lessons``).
CACHE_DIR_ENV = "OSLEARN_CACHE_DIR"
#: Changes whenever the layout of a cache file changes.
FORMAT = 1


def cache_root(kind: str) -> Path:
    """Return oslearn's cache folder for ``kind`` (``lessons``, ``history``; not created
    here): ``$OSLEARN_CACHE_DIR/<kind>`` when that variable is set, else
    ``<the platform's user cache folder>/oslearn/<kind>`` (``platformdirs.user_cache_path``)."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser() / kind
    import platformdirs

    return platformdirs.user_cache_path("oslearn") / kind


def cache_path(kind: str, source: Path, suffix: str) -> Path:
    """Return the cache file of ``kind`` for the file or folder ``source``: one per resolved
    path, named by a BLAKE2b digest of it, with ``suffix`` (".pickle", ".json")."""
    key = hashlib.blake2b(str(Path(source).resolve()).encode("utf-8", "surrogateescape"), digest_size=12)
    return cache_root(kind) / f"{key.hexdigest()}{suffix}"


def cache_dir() -> Path:
    """Return the folder lesson caches go in (not created here)."""
    return cache_root("lessons")


def cache_file(folder: Path) -> Path:
    """Return the cache file for the curriculum in ``folder``."""
    return cache_path("lessons", folder, ".pickle")


@functools.lru_cache(maxsize=1)
def _code_digest() -> bytes | None:
    """A hash of the loader's and the model's source, or ``None`` if they cannot be read
    (then no cache is used: a changed parser must never be answered from an old cache)."""
    from oslearn.lessons import loader, model, text

    digest = hashlib.blake2b(str(FORMAT).encode(), digest_size=16)
    try:
        for module in (loader, model, text):
            digest.update(Path(module.__file__).read_bytes())
    except (OSError, TypeError):
        return None
    return digest.digest()


class _ModelUnpickler(pickle.Unpickler):
    """Builds only the lesson model's classes and paths (a cache file cannot run code)."""

    ALLOWED = {
        ("oslearn.lessons.model", cls.__name__) for cls in (Lesson, SourceRef, Resource, ChecklistItem, Section)
    } | {("pathlib", name) for name in ("Path", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath")}

    def find_class(self, module: str, name: str):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a lesson cache")
        return super().find_class(module, name)


class LessonCache:
    """The parsed lessons of one curriculum folder; see the module docstring.

    Use ``LessonCache.open(folder)``, pass ``cache.parse_lesson`` where ``loader.parse_lesson``
    would be called, then ``cache.save()``.

    Attributes:
        path: the cache file, or ``None`` when caching is off (the code cannot be hashed).
        hits: how many files this load answered from the cache.
    """

    def __init__(self, path: Path | None, seeds: frozenset[str], entries: dict):
        self.path = path
        self.hits = 0
        self._seeds = seeds
        self._old = entries
        self._new: dict[str, tuple] = {}
        self._parsed = 0

    @classmethod
    def open(cls, folder: Path, seeds: set[str] | None = None) -> "LessonCache":
        """Read the cache of ``folder`` (an empty cache if there is none or it is unusable).

        Args:
            seeds: the seed file names lessons may cite (default the shipped ones).
        Never raises.
        """
        from oslearn.lessons.loader import known_source_files

        seeds = frozenset(known_source_files() if seeds is None else seeds)
        code = _code_digest()
        if code is None:
            return cls(None, seeds, {})
        path = cache_file(folder)
        entries: dict = {}
        try:
            with path.open("rb") as handle:
                header, stored = _ModelUnpickler(io.BytesIO(handle.read())).load()
            if header == (FORMAT, code, tuple(sorted(seeds))) and isinstance(stored, dict):
                entries = stored
        except Exception:  # noqa: BLE001 - missing, damaged or foreign: start afresh
            entries = {}
        return cls(path, seeds, entries)

    def parse_lesson(self, path, problems: list, seeds: set[str] | None = None) -> Lesson | None:
        """``loader.parse_lesson(path, problems, seeds)``, answered from the cache when the
        file's bytes are those parsed before (the same ``Lesson`` fields and problems)."""
        from oslearn.lessons.loader import MAX_FILE_BYTES, ContentError, parse_lesson

        if self.path is None or (seeds is not None and frozenset(seeds) != self._seeds):
            return parse_lesson(path, problems, seeds)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return parse_lesson(path, problems, seeds)  # it records why the file cannot be read
        key = str(path)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        held = self._old.get(key)
        if held is not None and held[0] == digest:
            _, lesson, found = held
            self.hits += 1
        else:
            recorded: list = []
            lesson = parse_lesson(path, recorded, seeds)
            self._parsed += 1
            found = tuple((p.path, p.line, p.field, p.problem, p.fix) for p in recorded)
        problems.extend(ContentError(*fields) for fields in found)
        self._new[key] = (digest, lesson, found)
        return lesson

    def save(self) -> None:
        """Write the entries of this load (files no longer read drop out) if they differ
        from what was read. Errors are ignored: it is only a cache."""
        if self.path is None or (not self._parsed and self._new.keys() == self._old.keys()):
            return
        try:
            payload = pickle.dumps(((FORMAT, _code_digest(), tuple(sorted(self._seeds))), self._new),
                                   protocol=pickle.HIGHEST_PROTOCOL)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, payload)
        except Exception:  # noqa: BLE001 - a read-only or full disk only costs speed
            return
