"""Moving progress between machines: the export format, its validation, and the merge.

``oslearn progress --export FILE`` writes, and ``oslearn progress --import FILE`` reads, one
UTF-8 JSON object::

    {
      "format": "oslearn-progress",
      "schema_version": 3,                      # the store schema it was taken from
      "exported_at": "2026-11-22T10:00:00+00:00",
      "tables": {                               # every table of progress.json but meta,
        "checklist": [{"lesson", "item", "done", "at"}, ...],   # as lists of documents
        "position":  [{"lesson", "section", "at"}],
        "<other>":   [{...}, ...]               # e.g. quiz scores, carried as they are
      },
      "attempts": [{"question", "correct", "answer", "at", "review"?}, ...]
    }

TinyDB document ids are local to one file and are not exported. Backups taken before a
reset or an import use this same format, so ``--import`` also restores a backup.

Import is validated completely before anything is written (``validate_export`` raises
``ImportProblem`` naming the file, the key and the fix), and then *merged*, never
overwritten, so that no tick and no attempt is ever dropped:

* checklist: one row per (lesson, item); it is done if it is done on either side (an
  untick on one machine does not undo a tick on the other). Rows only in the file are added.
* attempts: the union, without doubling an attempt both sides have
  (``history.merge_attempts``): importing the same file twice changes nothing.
* position: the more recent ``at`` wins.
* ``quiz_history`` (``oslearn.progress.review``: one document per finished quiz): the
  union, without doubling a document both sides have.
* FSRS cards travel inside the attempts (schema 3): an export of an older schema, with its
  ``reviews`` and ``cards`` tables, is upgraded first (``schema.upgrade_export``), so they
  never reach the merge.
* other tables: a merger registered with ``register_table_merger`` decides; without one,
  the file's documents are added when the local table is empty, and otherwise the local
  table is kept and the file's documents are counted as skipped in the summary.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from tinydb import Query

from oslearn.progress.history import merge_attempts, valid_attempt
from oslearn.progress.schema import SCHEMA_VERSION
from oslearn.progress.storage import JSONDamage, check_json, parse_json

if TYPE_CHECKING:
    from oslearn.progress.store import ProgressStore

#: The ``format`` value of an export.
EXPORT_FORMAT = "oslearn-progress"

#: Table name -> ``merge(local_docs, file_docs) -> docs to add`` (see ``register_table_merger``).
TABLE_MERGERS: dict[str, Callable[[list[dict], list[dict]], list[dict]]] = {}


class ImportProblem(ValueError):
    """An import file is not a valid oslearn export. The message names the file, the key
    (``tables.checklist[2].done``) and what to do; nothing has been written."""


def register_table_merger(table: str, merger: Callable[[list[dict], list[dict]], list[dict]]) -> None:
    """Teach ``--import`` how to merge a table this module does not know.

    Args:
        table: the table name in ``progress.json``.
        merger: called with the local documents and the file's documents (lists of dicts);
            returns the documents to *add* locally (it must never ask to remove one).
    """
    TABLE_MERGERS[table] = merger


def _canonical(doc: dict) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def add_missing(local: list[dict], theirs: list[dict]) -> list[dict]:
    """Merger for tables of records: add each document of ``theirs`` that ``local`` does not
    have as many times (so nothing is dropped and nothing doubled)."""
    have = Counter(_canonical(d) for d in local)
    add = []
    for doc in theirs:
        key = _canonical(doc)
        if have[key] > 0:
            have[key] -= 1
        else:
            add.append(doc)
    return add


register_table_merger("quiz_history", add_missing)


def export_document(store: "ProgressStore") -> dict:
    """Return everything ``store`` holds as an export (the format in the module docstring)."""
    from oslearn.progress.store import utc_now

    tables = {}
    for name in sorted(store.db.tables()):
        if name == "meta":
            continue
        tables[name] = [dict(doc) for doc in store.db.table(name).all()]
    return {
        "format": EXPORT_FORMAT,
        "schema_version": store.schema_version,
        "exported_at": utc_now(),
        "tables": tables,
        "attempts": store.attempts(),
    }


def read_export(path: Path) -> dict:
    """Read and parse an export file (validation is ``validate_export``).

    Raises:
        ImportProblem: the file cannot be read, is not UTF-8 or is not JSON, holds a number
            that is not finite (``NaN``, ``Infinity``) or nests deeper than an export does
            (``oslearn.progress.storage.parse_json``).
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ImportProblem(f"{path}: cannot be read ({error.strerror or error}); check the path") from None
    try:
        return parse_json(raw)
    except JSONDamage as error:
        raise ImportProblem(f"{path}: {error}; choose a file written by `oslearn progress --export`") from None


def _time(value: object) -> datetime | None:
    """Parse an ISO-8601 time (a time without an offset is taken as UTC), or ``None``."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _is_time(value: object) -> bool:
    return _time(value) is not None


def validate_export(document: object, source: str) -> dict:
    """Check ``document`` is an export this oslearn can import.

    Args:
        document: the parsed JSON.
        source: the file name, for messages.
    Returns:
        ``document`` (unchanged) when valid.
    Raises:
        ImportProblem: the first problem found, as ``FILE: key: problem; fix``.
    """
    def fail(key: str, problem: str, fix: str = "export the file again with `oslearn progress --export`"):
        raise ImportProblem(f"{source}: {key}: {problem}; {fix}")

    if not isinstance(document, dict):
        fail("top level", f"expected a JSON object, found {type(document).__name__}",
             "choose a file written by `oslearn progress --export`")
    try:
        check_json(document)
    except JSONDamage as error:
        fail("top level", str(error), "choose a file written by `oslearn progress --export`")
    if document.get("format") != EXPORT_FORMAT:
        fail("format", f"expected {EXPORT_FORMAT!r}, found {document.get('format')!r}",
             "choose a file written by `oslearn progress --export`")
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        fail("schema_version", f"expected a positive whole number, found {version!r}")
    if version > SCHEMA_VERSION:
        fail("schema_version", f"the file comes from a newer oslearn (schema {version}; this one knows up "
             f"to {SCHEMA_VERSION})", "upgrade oslearn, then import it")
    tables = document.get("tables", {})
    if not isinstance(tables, dict):
        fail("tables", f"expected an object of tables, found {type(tables).__name__}")
    for name, docs in tables.items():
        if name == "meta":
            fail("tables.meta", "an export never holds the meta table")
        if not isinstance(docs, list):
            fail(f"tables.{name}", f"expected a list of documents, found {type(docs).__name__}")
        for index, doc in enumerate(docs):
            key = f"tables.{name}[{index}]"
            if not isinstance(doc, dict):
                fail(key, f"expected an object, found {type(doc).__name__}")
            if name == "checklist":
                for field in ("lesson", "item"):
                    if not isinstance(doc.get(field), str) or not doc[field]:
                        fail(f"{key}.{field}", f"expected a non-empty text id, found {doc.get(field)!r}")
                if not isinstance(doc.get("done"), bool):
                    fail(f"{key}.done", f"expected true or false, found {doc.get('done')!r}")
                if "at" in doc and not _is_time(doc["at"]):
                    fail(f"{key}.at", f"expected an ISO-8601 time, found {doc['at']!r}")
            elif name == "cards":
                if not isinstance(doc.get("question"), str) or not doc["question"]:
                    fail(f"{key}.question", f"expected a non-empty question id, found {doc.get('question')!r}")
            elif name == "position":
                if index > 0:
                    fail(key, "the position table holds one document")
                for field in ("lesson", "section"):
                    if not isinstance(doc.get(field), str):
                        fail(f"{key}.{field}", f"expected a text id, found {doc.get(field)!r}")
                if not _is_time(doc.get("at")):
                    fail(f"{key}.at", f"expected an ISO-8601 time, found {doc.get('at')!r}")
    attempts = document.get("attempts", [])
    if not isinstance(attempts, list):
        fail("attempts", f"expected a list, found {type(attempts).__name__}")
    for index, record in enumerate(attempts):
        if not valid_attempt(record) or not _is_time(record.get("at")):
            fail(f"attempts[{index}]", "expected {\"question\": text, \"correct\": true or false, "
                 f"\"answer\": text, \"at\": ISO-8601 time}}, found {record!r}")
    return document


def plan_merge(store: "ProgressStore", document: dict) -> dict:
    """Work out everything a merge of the validated ``document`` into ``store`` would
    write (rules in the module docstring), without writing anything.

    Returns:
        ``{"attempts": merged list or None, "inserts": checklist documents to add,
        "updates": checklist (fields, condition) pairs, "position": document or None,
        "tables": {name: documents to add}, "summary": what ``merge`` returns}``.
    """
    summary = {"ticks": 0, "attempts": 0, "position": False, "tables": {}}
    plan: dict = {"attempts": None, "inserts": [], "updates": [], "position": None, "tables": {}, "summary": summary}
    local_attempts = store.attempts()
    merged = merge_attempts(local_attempts, document.get("attempts", []))
    if len(merged) > len(local_attempts):
        plan["attempts"] = merged
        summary["attempts"] = len(merged) - len(local_attempts)

    tables = document.get("tables", {})
    # Checklist: a tick on either side wins.
    wanted: dict[tuple[str, str], dict] = {}
    for row in tables.get("checklist", []):
        key = (row["lesson"], row["item"])
        if key not in wanted or (row["done"] and not wanted[key]["done"]):
            wanted[key] = row
    local = {(r.get("lesson"), r.get("item")): r for r in store.db.table("checklist").all()}
    q = Query()
    for key, row in wanted.items():
        doc = {"lesson": row["lesson"], "item": row["item"], "done": row["done"], "at": row.get("at", "")}
        if key not in local:
            plan["inserts"].append(doc)
            summary["ticks"] += int(row["done"])
        elif row["done"] and local[key].get("done") is not True:
            plan["updates"].append(({"done": True, "at": doc["at"]}, (q.lesson == key[0]) & (q.item == key[1])))
            summary["ticks"] += 1

    # Position: the more recent wins.
    positions = tables.get("position", [])
    if positions:
        theirs = positions[0]
        mine = store.db.table("position").get(doc_id=1)
        mine_at = _time(mine.get("at")) if mine else None
        if mine_at is None or _time(theirs["at"]) > mine_at:
            plan["position"] = {"lesson": theirs["lesson"], "section": theirs["section"], "at": theirs["at"]}
            summary["position"] = True

    # Any other table.
    for name, docs in tables.items():
        if name in ("checklist", "position") or not docs:
            continue
        local_docs = [dict(d) for d in store.db.table(name).all()]
        if name in TABLE_MERGERS:
            add = TABLE_MERGERS[name](local_docs, [dict(d) for d in docs])
        else:
            add = [dict(d) for d in docs] if not local_docs else []
        if add:
            plan["tables"][name] = add
        summary["tables"][name] = {"added": len(add), "skipped": len(docs) - len(add)}
    return plan


def merge(store: "ProgressStore", document: dict) -> dict:
    """Merge a validated export into ``store`` (rules in the module docstring).

    Everything to write is worked out first (``plan_merge``), so a problem in the file is
    found before anything changes. Then the quiz history is written (one atomic rewrite),
    then the tables; each write is atomic and the merge is idempotent, so an import
    interrupted by a full disk is finished by running it again.

    Returns:
        ``{"ticks": added or newly ticked, "attempts": added, "position": bool updated,
        "tables": {name: {"added": n, "skipped": n}}}``.
    Raises:
        PermissionError, StorageError: as ``ProgressStore.set_done``.
    """
    plan = plan_merge(store, document)
    if plan["attempts"] is not None:
        store.history.replace(plan["attempts"])
    checklist = store.db.table("checklist")
    if plan["inserts"]:
        checklist.insert_multiple(plan["inserts"])
    if plan["updates"]:
        checklist.update_multiple(plan["updates"])
    if plan["position"] is not None:
        from oslearn.progress.store import _doc

        store.db.table("position").upsert(_doc(1, plan["position"]))
    for name, add in plan["tables"].items():
        store.db.table(name).insert_multiple(add)
    return plan["summary"]


__all__ = [
    "EXPORT_FORMAT", "ImportProblem", "TABLE_MERGERS", "export_document", "merge", "plan_merge", "read_export",
    "register_table_merger", "validate_export",
]
