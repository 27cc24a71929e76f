"""The progress file's schema: parsing, shape checks, versions and migrations.

``progress.json`` is a TinyDB database: a JSON object of tables, each an object mapping
document ids (decimal strings, ``"1"``, ``"2"``...) to documents (objects). The ``meta``
table holds one document with ``schema_version`` (an integer), which also governs the
format of the quiz history file ``attempts.jsonl`` beside it.

Schema history:

1. Tables ``meta``, ``checklist``, ``attempts``, ``position``, all in ``progress.json``.
   Tables added by ``oslearn.progress.review`` (``cards``, ``reviews``, ``quiz_history``)
   also lived in ``progress.json``.
2. (current) Everything that grows with each answer moved out to append-only JSON Lines
   files (``oslearn.progress.logfile``), so a tick no longer rewrites the learner's whole
   history: the ``attempts`` table to ``attempts.jsonl`` (records without ids, see
   ``oslearn.progress.history``), and each of ``LOG_TABLES`` to ``<name>.jsonl`` (lines
   ``{"id": doc_id, "doc": {...}}``). ``progress.json`` holds ``meta``, ``checklist``,
   ``position``, ``cards`` (one per question) and any table another module adds through
   ``ProgressStore.db``; a new table needs no migration while absent means empty, but a
   table that grows with every answer belongs in ``LOG_TABLES``.

Rules the store follows with these helpers:

* A file that is not UTF-8 JSON (empty, truncated, trailing garbage, NUL bytes, invalid
  UTF-8) or does not have the shape above (``[]``, a table that is not an object, a
  document id that is not a number, a ``schema_version`` that is not a positive integer)
  raises ``ShapeError``; the store moves such a file aside and starts fresh.
* A file whose ``schema_version`` is newer than ``SCHEMA_VERSION`` is never written: the
  store opens it read-only and shows what it can (``readable_tables``).
* An older file is migrated: the store copies it byte for byte to
  ``progress.json.schema<N>-<timestamp>`` first, runs ``migrate`` on copies in memory, and
  only then writes the results atomically. A migration that raises leaves every file as it
  was and the store opens read-only.

To change the schema: bump ``SCHEMA_VERSION``, add ``MIGRATIONS[old] = function`` taking a
``Migration`` and changing it in place, describe the new version above, and add a test
that migrates a file of the old version.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

from oslearn.progress.history import merge_attempts, valid_attempt
from oslearn.progress.logfile import merge_documents

#: The schema this version of oslearn reads and writes.
SCHEMA_VERSION = 2
#: Tables this module knows the meaning of (others are carried along untouched).
TABLES = ("meta", "checklist", "position")
#: Tables that gain a document with every answer (``oslearn.progress.review``'s review
#: logs and finished quizzes). Each is kept in its own append-only file ``<name>.jsonl``
#: (``oslearn.progress.logfile.TableLog``), never in ``progress.json``.
LOG_TABLES = ("reviews", "quiz_history")


class ShapeError(ValueError):
    """The progress file is not valid JSON or not shaped like a TinyDB database.

    The message says what is wrong and where (for example ``not valid JSON: Expecting
    value at line 1, column 1 (byte 0)``).
    """


class MigrationError(RuntimeError):
    """A migration failed; nothing was written. The message names the versions and cause."""


def parse(raw: bytes) -> dict:
    """Decode and parse the bytes of a progress file.

    Args:
        raw: the whole file.
    Returns:
        the parsed JSON object (shape not yet checked: see ``check_shape``).
    Raises:
        ShapeError: empty file, invalid UTF-8, invalid JSON (truncation, trailing data, NUL
            bytes and other control characters included), nesting deeper than the store
            writes, a number that is not finite (``NaN``, ``Infinity``), or a top level that
            is not an object.
    """
    if not raw.strip():
        raise ShapeError("the file is empty")
    from oslearn.progress.storage import JSONDamage, parse_json

    try:
        data = parse_json(raw)
    except JSONDamage as error:
        raise ShapeError(str(error)) from None
    if not isinstance(data, dict):
        raise ShapeError(f"expected an object of tables at the top level, found {type(data).__name__}")
    return data


def _is_doc_id(key: str) -> bool:
    return key.isascii() and key.isdigit() and int(key) > 0


def check_table(name: str, table: object) -> None:
    """Raise ``ShapeError`` unless ``table`` maps decimal document ids to objects."""
    if not isinstance(table, dict):
        raise ShapeError(f"table {name!r} is a {type(table).__name__}, not an object of documents")
    for key, doc in table.items():
        if not _is_doc_id(key):
            raise ShapeError(f"table {name!r} has document id {key!r}; ids are positive whole numbers")
        if not isinstance(doc, dict):
            raise ShapeError(f"table {name!r} document {key} is a {type(doc).__name__}, not an object")


def file_version(data: dict) -> int | None:
    """Return the schema version recorded in ``data``.

    Returns:
        the ``schema_version`` in the ``meta`` table; ``None`` for a database with no
        documents at all (a fresh store); ``1`` for documents but no ``meta`` (files from
        before ``meta`` existed are schema 1).
    Raises:
        ShapeError: ``meta`` is not a table of objects, or its ``schema_version`` is
            missing, not a positive integer, or given twice with different values.
    """
    meta = data.get("meta")
    if meta is None or meta == {}:
        has_documents = any(isinstance(t, dict) and t for t in data.values())
        return 1 if has_documents else None
    check_table("meta", meta)
    versions = {doc["schema_version"] for doc in meta.values() if "schema_version" in doc}
    if not versions:
        raise ShapeError("table 'meta' has no schema_version")
    if len(versions) > 1:
        raise ShapeError(f"table 'meta' gives several schema versions: {sorted(map(str, versions))}")
    version = versions.pop()
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ShapeError(f"schema_version is {version!r}; it must be a positive whole number")
    return version


def check_shape(data: dict) -> None:
    """Raise ``ShapeError`` unless every table of ``data`` is an object of documents."""
    for name, table in data.items():
        check_table(name, table)


def readable_tables(data: dict) -> dict:
    """Return the tables of ``data`` that pass ``check_table`` (for read-only display of a
    file written by a newer oslearn, whose other tables this version cannot interpret)."""
    readable = {}
    for name, table in data.items():
        try:
            check_table(name, table)
        except ShapeError:
            continue
        readable[name] = table
    return readable


def meta_document(version: int = SCHEMA_VERSION) -> dict:
    """Return the ``meta`` table for ``version``: ``{"1": {"schema_version": version}}``."""
    return {"1": {"schema_version": version}}


@dataclass
class Migration:
    """What a migration step works on, in memory.

    Attributes:
        tables: the TinyDB data (``{table: {doc_id: doc}}``).
        attempts: the quiz history: the records already in ``attempts.jsonl`` on the way
            in (usually none before schema 2, but an upgrade interrupted after writing the
            history leaves some), the complete new history on the way out.
        logs: the documents of each of ``LOG_TABLES`` kept in its own file, by table name
            (``{"reviews": {"1": {...}}}``), on the way in and out like ``attempts``.
        notes: sentences for the learner about anything the step could not carry over.
    """

    tables: dict
    attempts: list[dict] = field(default_factory=list)
    logs: dict[str, dict] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _v1_to_v2(state: Migration) -> None:
    """Schema 1 -> 2: move the ``attempts`` table into the quiz history, oldest first, and
    each of ``LOG_TABLES`` into its own log.

    Merged (``history.merge_attempts``, ``logfile.merge_documents``), so running it again
    after an upgrade that was interrupted between writing the logs and writing
    ``progress.json`` does not double a record.
    """
    for name in LOG_TABLES:
        table = state.tables.pop(name, None)
        if table:
            state.logs[name] = merge_documents(state.logs.get(name, {}), table)
    table = state.tables.pop("attempts", {}) or {}
    moved, unreadable = [], 0
    for _, doc in sorted(table.items(), key=lambda item: int(item[0])):
        record = {"question": doc.get("question"), "correct": doc.get("correct"),
                  "answer": doc.get("answer", ""), "at": doc.get("at")}
        record.update({k: v for k, v in doc.items() if k not in record})
        if valid_attempt(record):
            moved.append(record)
        else:
            unreadable += 1
    state.attempts[:] = merge_attempts(state.attempts, moved)
    if unreadable:
        state.notes.append(f"{unreadable} stored quiz answer(s) were unreadable and were not carried over")


#: ``MIGRATIONS[n]`` turns a schema ``n`` state into schema ``n + 1``.
MIGRATIONS: dict[int, Callable[[Migration], None]] = {1: _v1_to_v2}


def migrate(tables: dict, attempts: list[dict], version: int, logs: dict[str, dict] | None = None) -> Migration:
    """Bring data of schema ``version`` up to ``SCHEMA_VERSION``, working on deep copies.

    Args:
        tables: the parsed ``progress.json`` (left untouched).
        attempts: the records already in ``attempts.jsonl`` (left untouched).
        logs: the documents already in each table log (left untouched).
    Returns the complete new tables and history (not a difference to apply).
        version: the file's schema version, ``1 <= version <= SCHEMA_VERSION``.
    Returns:
        the migrated state; its ``meta`` table records ``SCHEMA_VERSION``.
    Raises:
        MigrationError: a step raised, or no step exists for a version; the inputs are
            unchanged.
    """
    state = Migration(copy.deepcopy(tables), copy.deepcopy(attempts), copy.deepcopy(logs or {}))
    current = version
    try:
        while current < SCHEMA_VERSION:
            step = MIGRATIONS.get(current)
            if step is None:
                raise MigrationError(f"no migration from schema {current}")
            step(state)
            current += 1
        meta = state.tables.get("meta") or {}
        doc = next(iter(meta.values()), {}) if isinstance(meta, dict) else {}
        state.tables["meta"] = {"1": {**doc, "schema_version": SCHEMA_VERSION}}
        check_shape(state.tables)
    except MigrationError:
        raise
    except Exception as error:  # a migration bug must never cost the learner their file
        raise MigrationError(f"upgrading from schema {version} to {SCHEMA_VERSION} failed at "
                             f"step {current}: {type(error).__name__}: {error}") from error
    return state


__all__ = [
    "LOG_TABLES", "MIGRATIONS", "Migration", "MigrationError", "SCHEMA_VERSION", "ShapeError", "TABLES", "check_shape",
    "check_table", "file_version", "meta_document", "migrate", "parse", "readable_tables",
]
