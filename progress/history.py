"""The quiz history: every answer the learner gave, in ``attempts.jsonl`` beside ``progress.json``.

An append-only JSON Lines file (``oslearn.progress.logfile``: why, and how it survives
crashes), so recording an answer is one small fsynced append and a checklist tick never
rewrites the history.

Record shape (one a line, UTF-8, ``\\n``-terminated, keys in this order)::

    {"question": str, "correct": bool, "answer": str, "at": ISO-8601 UTC str,
     "review": {"rating": int, "duration_ms": int or null, "card": {...}}}

``review`` (schema 3) is the FSRS review the answer gave: the rating (1 Again to 4 Easy,
or null for a card carried over by a migration without its rating) and the question's card
after it (``fsrs.Card.to_dict``); ``oslearn.progress.review`` reads the cards from it.
Answers stored without a review (imports of older exports, tools) have no ``review`` key.
Unknown extra keys are kept as they are (a later version may add some).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from oslearn.progress import history_cache
from oslearn.progress.locations import HISTORY_FILE
from oslearn.progress.logfile import LogFile, encode_lines


def valid_attempt(record: object) -> bool:
    """Whether ``record`` has the attempt shape given in the module docstring."""
    return (type(record) is dict
            and type(record.get("question")) is str and record["question"] != ""
            and type(record.get("correct")) is bool
            and type(record.get("answer", "")) is str
            and type(record.get("at")) is str)


def attempt_key(record: dict) -> tuple:
    """Identity of an attempt for merging: two records with the same question, verdict,
    answer and time are the same answer seen twice (for example after importing an export
    of this same store)."""
    return (record.get("question"), record.get("correct"), record.get("answer", ""), record.get("at"))


def merge_attempts(*sources: list[dict]) -> list[dict]:
    """Merge attempt lists without ever dropping one.

    Each distinct attempt (``attempt_key``) appears as many times as in the source that has
    it most often, so merging a list with itself or with its own export is a no-op, and
    two genuinely separate answers given in the same second both stay.

    Returns:
        the merged attempts sorted by ``at`` (oldest first; ties keep source order).
    """
    wanted: Counter = Counter()
    for source in sources:
        for key, count in Counter(attempt_key(r) for r in source).items():
            wanted[key] = max(wanted[key], count)
    merged = []
    for source in sources:
        for record in source:
            key = attempt_key(record)
            if wanted[key] > 0:
                wanted[key] -= 1
                merged.append(record)
    merged.sort(key=lambda r: str(r.get("at", "")))
    return merged


class AttemptLog(LogFile):
    """The quiz history file. Create it with ``AttemptLog.open`` (``LogFile.open``).

    Attributes:
        path: ``attempts.jsonl`` in the data directory.
        read_only: ``append`` and ``replace`` raise ``PermissionError``.
    """

    label = "quiz history"
    valid = staticmethod(valid_attempt)
    keeps_digest = True
    _saved: tuple[int, str] | None = None  # (size, digest) of the summary last written

    @classmethod
    def _known_beginning(cls, path: Path, raw: bytes):
        """The beginning of the file that ``oslearn.progress.history_cache`` describes, when
        the file still begins with exactly those bytes (see ``LogFile._known_beginning``)."""
        summary = history_cache.load(path, valid_attempt)
        if summary is None or summary.size > len(raw) or (summary.size and raw[summary.size - 1] != 0x0A):
            return None
        digest = history_cache.new_digest(raw[:summary.size])
        if digest.hexdigest() != summary.digest:
            return None
        return summary.size, summary.count, digest, summary

    @classmethod
    def _all_valid(cls, records: list) -> bool:
        for record in records:  # valid_attempt, inlined: this loop runs once per stored answer
            if not (type(record) is dict and type(record.get("question")) is str and record["question"]
                    and type(record.get("correct")) is bool and type(record.get("at")) is str
                    and type(record.get("answer", "")) is str):
                return False
        return True

    def records(self, question_id: str | None = None) -> list[dict]:
        """Return copies of the stored attempts, oldest first, for one question or all."""
        if question_id is None:
            return [dict(r) for r in self._records]
        return [dict(r) for r in self._records if r["question"] == question_id]

    def stored(self) -> list[dict]:
        """Return the log's own list of records, oldest first, without copying (for readers
        that go over the whole history often, such as ``oslearn.progress.review.Reviews``).
        The list only grows while the file is appended to and is replaced by a new list
        when the file is rewritten; callers must not change it or its records."""
        return self._records

    def answered_right(self) -> set[str]:
        """Return the ids of the questions with at least one right attempt."""
        if self.has_unread:
            return set(self.summary.right) | {r["question"] for r in self._loaded if r["correct"]}
        return {r["question"] for r in self._records if r["correct"]}

    def newest_reviewed(self) -> dict[str, dict]:
        """Return, per question id, its newest record (by position) whose ``review`` is an
        object: ``{question_id: record}`` (the log's own records: do not change them).
        Read from the cache's summary and the records after it while the beginning of the
        file is unread."""
        newest = dict(self.summary.reviewed) if self.has_unread else {}
        for record in (self._loaded if self.has_unread else self._records):
            if type(record.get("review")) is dict:
                newest[record["question"]] = record
        return newest

    def save_summary(self) -> None:
        """Write the cache of this file's summary (``oslearn.progress.history_cache``) when
        it would change; never raises. Nothing is written for a file whose last line has no
        ``\n`` yet (the next append adds it)."""
        if self.digest is None or self._open_line:
            return
        digest = self.digest.hexdigest()
        if (self._size, digest) in (self._saved, (self.summary.size, self.summary.digest) if self.summary else None):
            return
        history_cache.save(self.path, history_cache.HistorySummary(
            self._size, digest, len(self), frozenset(self.answered_right()), self.newest_reviewed()))
        self._saved = (self._size, digest)

    def append(self, *records: dict) -> None:
        """Append attempts durably (see ``LogFile.append``); stores copies."""
        super().append(*(dict(r) for r in records))


__all__ = ["AttemptLog", "HISTORY_FILE", "attempt_key", "encode_lines", "merge_attempts", "valid_attempt"]
