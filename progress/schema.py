"""The progress file's schema: parsing, shape checks, versions and migrations.

``progress.json`` is a TinyDB database: a JSON object of tables, each an object mapping
document ids (decimal strings, ``"1"``, ``"2"``...) to documents (objects). The ``meta``
table holds one document with ``schema_version`` (an integer), which also governs the
format of the quiz history file ``attempts.jsonl`` beside it.

Schema history:

1. Tables ``meta``, ``checklist``, ``attempts``, ``position``, all in ``progress.json``.
   Tables added by ``oslearn.progress.review`` (``cards``, ``reviews``, ``quiz_history``)
   also lived in ``progress.json``.
2. Everything that grows with each answer moved out to append-only JSON Lines files
   (``oslearn.progress.logfile``), so a tick no longer rewrites the learner's whole
   history: the ``attempts`` table to ``attempts.jsonl`` (records without ids, see
   ``oslearn.progress.history``), and the ``reviews`` and ``quiz_history`` tables to
   ``<name>.jsonl`` (lines ``{"id": doc_id, "doc": {...}}``). ``progress.json`` held
   ``meta``, ``checklist``, ``position``, ``cards`` (one FSRS card per question). An answer
   was stored three times: an attempt, a review (``{"question", "log", "card"}``) and the
   question's card.
3. (current) An answer is stored once: its FSRS review (rating, duration, the card after
   it) is part of its record in ``attempts.jsonl`` (``oslearn.progress.history``), and a
   question's card is the one in its newest record (``oslearn.progress.review``). The
   ``reviews`` log (``reviews.jsonl``) and the ``cards`` table are gone. ``progress.json``
   holds ``meta``, ``checklist``, ``position`` and any table another module adds through
   ``ProgressStore.db``; ``quiz_history`` (one document per finished quiz) stays in its log.
   A new table needs no migration while absent means empty, but a table that grows with
   every answer belongs in ``LOG_TABLES``.

Rules the store follows with these helpers:

* A file that is not UTF-8 JSON (empty, truncated, trailing garbage, NUL bytes, invalid
  UTF-8) or does not have the shape above (``[]``, a table that is not an object, a
  document id that is not a number, a ``schema_version`` that is not a positive integer)
  raises ``ShapeError``; the store moves such a file aside and starts fresh.
* A file whose ``schema_version`` is newer than ``SCHEMA_VERSION`` is never written: the
  store opens it read-only and shows what it can (``readable_tables``).
* An older file is migrated: the store copies it (and each log file the migration rewrites
  or retires) byte for byte to ``<name>.schema<N>-<timestamp>`` first, runs ``migrate`` on copies in memory, and
  only then writes the results atomically. A migration that raises leaves every file as it
  was and the store opens read-only.

To change the schema: bump ``SCHEMA_VERSION``, add ``MIGRATIONS[old] = function`` taking a
``Migration`` and changing it in place, describe the new version above, and add a test
that migrates a file of the old version.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from oslearn.progress import notices as kinds
from oslearn.progress.history import merge_attempts, valid_attempt
from oslearn.progress.logfile import merge_documents
from oslearn.progress.notices import Notice

#: The schema this version of oslearn reads and writes.
SCHEMA_VERSION = 3
#: Tables this module knows the meaning of (others are carried along untouched).
TABLES = ("meta", "checklist", "position")
#: Tables that gain documents as the learner goes (``oslearn.progress.review``'s finished
#: quizzes). Each is kept in its own append-only file ``<name>.jsonl``
#: (``oslearn.progress.logfile.TableLog``), never in ``progress.json``.
LOG_TABLES = ("quiz_history",)
#: Table logs of schema 2 that schema 3 retired (read only to migrate them).
RETIRED_LOG_TABLES = ("reviews",)
#: The table logs of schema 2.
_V2_LOG_TABLES = ("reviews", "quiz_history")


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
        notes: ``oslearn.progress.notices.Notice`` values about anything a step could not
            carry over (worded by the front end, within the ``UPGRADED`` notice).
    """

    tables: dict
    attempts: list[dict] = field(default_factory=list)
    logs: dict[str, dict] = field(default_factory=dict)
    notes: list[Notice] = field(default_factory=list)


def _v1_to_v2(state: Migration) -> None:
    """Schema 1 -> 2: move the ``attempts`` table into the quiz history, oldest first, and
    each of ``LOG_TABLES`` into its own log.

    Merged (``history.merge_attempts``, ``logfile.merge_documents``), so running it again
    after an upgrade that was interrupted between writing the logs and writing
    ``progress.json`` does not double a record.
    """
    for name in _V2_LOG_TABLES:
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
        state.notes.append(Notice(kinds.ANSWERS_UNREADABLE, {"count": unreadable}))


#: How far apart (seconds) an attempt and its review of schema 2 may be: the attempt was
#: written first, stamped to the second, and its review right after it.
PAIRING_WINDOW = 300


def _iso_time(value: object) -> datetime | None:
    """Parse an ISO-8601 time with an offset, as UTC; ``None`` if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(timezone.utc) if moment.tzinfo else None


def _v2_to_v3(state: Migration) -> None:
    """Schema 2 -> 3: fold each FSRS review into the attempt it rated, and retire the
    ``reviews`` log and the ``cards`` table.

    * A review is paired with the latest attempt of its question that has no review yet, was
      stamped no later than the review (to the second) and at most ``PAIRING_WINDOW``
      seconds before it, and agrees with it on right or wrong (a wrong attempt rates Again).
      Schema 2 wrote the attempt, then the review, so every review made in the app finds its
      attempt. A review that finds none (an attempt lost to a damaged history) is kept as an
      answer of its own with no answer text, and a note says how many.
    * The card of each question stays exactly the one schema 2 used: the newest, by its
      ``last_review``, of the ``cards`` table's and the reviews' cards. It is put in the
      newest record of the question that has a review (or, for a card whose reviews were
      all lost, the question's newest attempt, with no rating). A card of a question with no
      answer left at all cannot be carried; a note says so, and the backup keeps it.
    * A history whose attempts already carry reviews was written by an upgrade interrupted
      before ``progress.json``: it is complete, so running this again doubles nothing.
    """
    from fsrs import Card

    reviews = merge_documents(state.tables.pop("reviews", None) or {}, state.logs.pop("reviews", {}) or {})
    cards_table = state.tables.pop("cards", None) or {}
    attempts = state.attempts

    def readable_card(data: object) -> Card | None:
        try:
            card = Card.from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return card if card.due.tzinfo is not None else None

    newest: dict[str, tuple[datetime, dict]] = {}  # question -> (time, card dict), as schema 2 chose
    for doc in cards_table.values():
        card = readable_card(doc.get("card"))
        if card is not None and isinstance(doc.get("question"), str):
            newest[doc["question"]] = ((card.last_review or card.due).astimezone(timezone.utc), doc["card"])

    parsed, unreadable = [], 0
    for doc_id, doc in sorted(reviews.items(), key=lambda item: int(item[0])):
        question, log = doc.get("question"), doc.get("log")
        card = readable_card(doc.get("card"))
        moment = _iso_time(log.get("review_datetime")) if isinstance(log, dict) else None
        rating = log.get("rating") if isinstance(log, dict) else None
        if (not isinstance(question, str) or not question or card is None or card.last_review is None
                or moment is None or type(rating) is not int or not 1 <= rating <= 4):
            unreadable += 1
            continue
        duration = log.get("review_duration")
        parsed.append((moment, question, {"rating": rating, "duration_ms": duration if type(duration) is int else None,
                                          "card": doc["card"]}))
        last = card.last_review.astimezone(timezone.utc)
        if question not in newest or last > newest[question][0]:
            newest[question] = (last, doc["card"])
    parsed.sort(key=lambda item: item[0])

    # An upgrade interrupted after it wrote the history leaves reviews in the attempts: that
    # history is complete (it was written in one piece), so nothing is paired again.
    folded = any(isinstance(record.get("review"), dict) for record in attempts)
    open_attempts: dict[str, list[tuple[datetime, int]]] = {}
    for index, record in enumerate(attempts):
        moment = _iso_time(record.get("at"))
        if moment is not None and not folded:
            open_attempts.setdefault(record["question"], []).append((moment, index))

    alone = []
    for moment, question, review in ([] if folded else parsed):
        wrong = review["rating"] == 1
        candidates = [(at, index) for at, index in open_attempts.get(question, ())
                      if at <= moment + timedelta(seconds=1)
                      and (moment - at).total_seconds() <= PAIRING_WINDOW
                      and attempts[index]["correct"] is not wrong]
        if candidates:
            chosen = max(candidates)
            open_attempts[question].remove(chosen)
            attempts[chosen[1]]["review"] = review
        else:
            alone.append({"question": question, "correct": not wrong, "answer": "",
                          "at": moment.isoformat(timespec="seconds"), "review": review})
    attempts.extend(alone)
    attempts.sort(key=lambda record: str(record.get("at", "")))

    last_reviewed: dict[str, dict] = {}
    last_any: dict[str, dict] = {}
    for record in attempts:
        last_any[record["question"]] = record
        if isinstance(record.get("review"), dict):
            last_reviewed[record["question"]] = record
    lost = 0
    for question, (_, card) in newest.items():
        record = last_reviewed.get(question)
        if record is not None:
            if record["review"].get("card") != card:
                record["review"] = {**record["review"], "card": card}
        elif question in last_any:
            last_any[question]["review"] = {"rating": None, "duration_ms": None, "card": card}
        else:
            lost += 1
    if unreadable:
        state.notes.append(Notice(kinds.REVIEWS_UNREADABLE, {"count": unreadable}))
    if alone:
        state.notes.append(Notice(kinds.REVIEWS_WITHOUT_ANSWER, {"count": len(alone)}))
    if lost:
        state.notes.append(Notice(kinds.SCHEDULES_LOST, {"count": lost}))


#: ``MIGRATIONS[n]`` turns a schema ``n`` state into schema ``n + 1``.
MIGRATIONS: dict[int, Callable[[Migration], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def upgrade_export(document: dict) -> dict:
    """Bring a validated export (``oslearn.progress.transfer``) of an older schema up to
    ``SCHEMA_VERSION``, with the same steps as a stored file.

    Returns:
        a new export document (the input is left untouched); the input itself when it is
        already current.
    Raises:
        MigrationError: as ``migrate``.
    """
    version = document.get("schema_version", SCHEMA_VERSION)
    if version >= SCHEMA_VERSION:
        return document
    tables = {name: {str(index): dict(doc) for index, doc in enumerate(docs, 1)}
              for name, docs in document.get("tables", {}).items()}
    tables["meta"] = meta_document(version)
    state = migrate(tables, list(document.get("attempts", [])), version)
    out = {name: list(docs.values()) for name, docs in state.tables.items() if name != "meta"}
    for name, docs in state.logs.items():
        out[name] = list(docs.values())
    return {**document, "schema_version": SCHEMA_VERSION, "tables": out, "attempts": state.attempts}


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
    "LOG_TABLES", "MIGRATIONS", "Migration", "MigrationError", "RETIRED_LOG_TABLES", "SCHEMA_VERSION", "ShapeError",
    "TABLES", "check_shape", "check_table", "file_version", "meta_document", "migrate", "parse", "readable_tables",
    "upgrade_export",
]
