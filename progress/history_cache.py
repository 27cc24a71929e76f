"""A cache of what the home screen needs from a long quiz history, so that it opens fast.

Why: the home screen shows which questions were answered right and how many reviews are
due, which depend on every answer stored. With 10,000 answers ``attempts.jsonl`` is about
3 MB of JSON, and parsing it (and checking every record) took about 55 ms of CPU before the
first frame (``tests/benchmarks/bench_app.py``, the "FSRS history" row). Those two figures
need far less than the records themselves: the ids answered right, and each question's
newest answer that carries a review (the newest FSRS card is in it).

What the cache holds, for one history file: how many bytes of its beginning it describes
(``size``, always whole lines), a BLAKE2b digest of exactly those bytes, the number of
records in them, the ids answered right in them and, per question, the newest of them with
a review. When the file opens, its first ``size`` bytes are hashed: if the digest matches,
those bytes are the ones the cache was made from, already read and found valid, so only the
lines after them are parsed now; the records of the beginning are parsed later, the first
time something needs them (a quiz's question choice, the statistics, an export). Anything
else (another file, a rewritten or damaged beginning, another version of the parsing code,
an unreadable cache file) is a miss, and the file is read in full, as without the cache.

Where: ``$OSLEARN_CACHE_DIR/history`` when that variable is set, else the platform's user
cache folder (``platformdirs.user_cache_path``; on Linux ``~/.cache/oslearn/history``),
one small JSON file per history file. It is written when the store closes
(``oslearn.progress.ProgressStore.close``) with ``atomic_write_bytes``, and only when it
would change. Failing to read or write it never fails anything: the file is then read in
full. Deleting the folder is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from oslearn.lessons.cache import cache_path, cache_root
from oslearn.lessons.files import atomic_write_bytes

#: Changes whenever the layout of a cache file changes.
FORMAT = 1

#: The modules whose rules decide which lines of a history are valid records: a cache made
#: under other rules is not used.
_PARSING_MODULES = ("logfile.py", "history.py", "storage.py", "history_cache.py")


def cache_dir() -> Path:
    """Return the folder history caches go in (not created here)."""
    return cache_root("history")


def cache_file(history: Path) -> Path:
    """Return the cache file for the history file at ``history`` (one per resolved path)."""
    return cache_path("history", history, ".json")


def new_digest(data: bytes = b"") -> "hashlib.blake2b":
    """Return a running BLAKE2b digest of ``data`` (extend it with ``update``)."""
    return hashlib.blake2b(data, digest_size=32)


@functools.lru_cache(maxsize=1)
def _code_digest() -> str | None:
    """A digest of the parsing modules' source, or ``None`` if it cannot be read (the
    cache is then never used)."""
    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).resolve().parent
    try:
        for name in _PARSING_MODULES:
            digest.update((here / name).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


@dataclass(frozen=True)
class HistorySummary:
    """What the cache says of the first ``size`` bytes of a history file.

    Attributes:
        size: how many bytes of the file's beginning it describes (whole lines, ``\\n``
            ending the last one; 0 for none).
        digest: the BLAKE2b digest (32 bytes, hex) of those bytes.
        count: how many records those bytes hold.
        right: the question ids answered right at least once in them.
        reviewed: per question id, its newest record (by position) in them whose
            ``review`` is an object: ``{question_id: record}``.
    """

    size: int
    digest: str
    count: int
    right: frozenset[str]
    reviewed: dict[str, dict]


def load(history: Path, valid_record) -> HistorySummary | None:
    """Return the cached summary of the history file at ``history``, or ``None`` when there
    is none, it is unreadable, or it was made by other parsing code.

    Args:
        history: the history file (``attempts.jsonl``).
        valid_record: ``record -> bool``, the history's own record check; a summary holding
            a record it refuses is not used.
    Returns:
        the summary; the caller still checks that the file begins with the bytes it
        describes (``size`` and ``digest``).
    """
    code = _code_digest()
    if code is None:
        return None
    try:
        data = json.loads(cache_file(history).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    try:
        if data["format"] != FORMAT or data["code"] != code:
            return None
        size, count, digest = data["size"], data["count"], data["digest"]
        right, reviewed = data["right"], data["reviewed"]
        if not (type(size) is int and size >= 0 and type(count) is int and count >= 0 and type(digest) is str
                and type(right) is list and all(type(q) is str for q in right) and type(reviewed) is dict
                and all(type(record) is dict and valid_record(record) and record["question"] == question
                        for question, record in reviewed.items())):
            return None
    except (KeyError, TypeError):
        return None
    return HistorySummary(size, digest, count, frozenset(right), reviewed)


def save(history: Path, summary: HistorySummary) -> None:
    """Write ``summary`` as the cache of the history file at ``history``; never raises (a
    cache that cannot be written only makes the next start read the whole file)."""
    code = _code_digest()
    if code is None:
        return
    payload = json.dumps({"format": FORMAT, "code": code, "size": summary.size, "digest": summary.digest,
                          "count": summary.count, "right": sorted(summary.right), "reviewed": summary.reviewed},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target = cache_file(history)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, payload)
    except (OSError, ValueError):
        pass


__all__ = ["FORMAT", "HistorySummary", "cache_dir", "cache_file", "load", "new_digest", "save"]
