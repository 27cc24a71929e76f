"""Checks of real servers (``oslearn verify`` run from the app), kept in the progress store.

Table ``verifications`` of ``ProgressStore.db``, one document per target (the latest check
of it replaces the earlier one, so the table is bounded by the number of servers checked)::

    {"target": str,            # "this machine", "user@host:port", "--root DIR"
     "at": ISO-8601 UTC,       # when the check ran
     "os": str,                # the system's PRETTY_NAME
     "checks": {check_id: {"status": "pass"|"warn"|"fail"|"unknown", "evidence": str}}}

A checklist tick is *verified* when a stored check passed every check mapped to that item
(``oslearn.lessons.verify.steps``); ``verified_items`` says where and when. Documents of the
wrong shape (edited by hand, from another version) are skipped and never deleted. Writes
raise what the store's writes raise (``PermissionError`` read-only, ``StorageError``).
"""

from __future__ import annotations

from datetime import datetime, timezone

from tinydb import Query

from oslearn.lessons.verify.steps import verified_items as items_passed

TABLE = "verifications"


def _valid(doc: dict) -> bool:
    """Whether ``doc`` has the shape this module writes (every text field a string)."""
    checks = doc.get("checks")
    return (isinstance(doc.get("target"), str) and isinstance(doc.get("at"), str) and isinstance(checks, dict)
            and isinstance(doc.get("os", ""), str)
            and all(isinstance(v, dict) and isinstance(v.get("status"), str)
                    and isinstance(v.get("evidence", ""), str) for v in checks.values()))


class Verifications:
    """The stored server checks of one progress store.

    Args:
        store: the ``ProgressStore``.
    """

    def __init__(self, store):
        self.store = store

    @property
    def table(self):
        """The TinyDB table of stored checks (``tinydb.table.Table``), one document per target."""
        return self.store.db.table(TABLE)

    def record(self, target: str, checks: dict[str, dict], os_name: str = "", at: datetime | None = None) -> dict:
        """Store a check of ``target``, replacing the previous one of the same target.

        Args:
            target: the target's label.
            checks: check id -> ``{"status": ..., "evidence": ...}``.
            os_name: the system's name as it reported it.
            at: when it ran (default now); stored as ISO-8601 UTC to the second.
        Returns:
            the stored document.
        Raises:
            PermissionError: the store is read-only. StorageError: the write failed.
        """
        when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
        doc = {"target": target, "at": when, "os": os_name,
               "checks": {key: {"status": str(value.get("status", "")), "evidence": str(value.get("evidence", ""))}
                          for key, value in checks.items()}}
        self.table.upsert(doc, Query().target == target)
        return doc

    def runs(self) -> list[dict]:
        """Every stored check, newest first (malformed documents skipped)."""
        return sorted((dict(doc) for doc in self.table.all() if _valid(doc)), key=lambda d: d["at"], reverse=True)

    def last_target(self) -> str | None:
        """The target checked most recently, ``None`` before any check."""
        runs = self.runs()
        return runs[0]["target"] if runs else None

    def latest(self, target: str | None = None) -> dict | None:
        """The newest stored check (of ``target`` when given), or ``None``."""
        return next((run for run in self.runs() if target is None or run["target"] == target), None)

    def verified_items(self) -> dict[tuple[str, str], dict]:
        """Checklist items some stored check passed, with the newest such check.

        Returns:
            ``{(lesson_id, item_id): {"target": str, "at": str}}``.
        """
        out: dict[tuple[str, str], dict] = {}
        for run in self.runs():  # newest first: the first passing run of an item is kept
            statuses = {key: value["status"] for key, value in run["checks"].items()}
            for key, passed in items_passed(statuses).items():
                if passed and key not in out:
                    out[key] = {"target": run["target"], "at": run["at"]}
        return out
