"""ProgressStore: writes survive reopening, ids that left the content are kept, malformed
rows are ignored, export/import merge without loss, reset backs up, migrations and
read-only cases behave. (Real-subprocess fault tests are in tests/faults/.)"""

from __future__ import annotations

import copy
import errno
import json
import os

import pytest

from pathlib import Path

from oslearn.progress import ProgressLocked, ProgressStore, StorageError, notices, schema
from oslearn.progress.transfer import ImportProblem, TABLE_MERGERS, register_table_merger


def _open(directory) -> ProgressStore:
    store = ProgressStore.open(directory)
    assert store.notices == [] and not store.read_only
    return store


def test_everything_written_is_there_after_reopening(isolated_data_dir):
    with _open(isolated_data_dir) as store:
        store.set_done("ubuntu", "pick-lts", True)
        store.set_done("checklist", "sudo-user", True)
        store.set_done("checklist", "sudo-user", False)
        store.record_attempt("distro-ubuntu-company", True, "Canonical")
        store.record_attempt("distro-ubuntu-company", False, "Red Hat")
        store.set_position("ubuntu", "lts")
        store.db.table("review_cards").insert({"question": "distro-ubuntu-company", "due": "2026-01-02"})
    with _open(isolated_data_dir) as store:
        assert store.done_items("ubuntu") == {"pick-lts"} and store.done_items("checklist") == set()
        assert [(a["correct"], a["answer"]) for a in store.attempts("distro-ubuntu-company")] == \
            [(True, "Canonical"), (False, "Red Hat")]
        assert store.position() == ("ubuntu", "lts")
        assert store.db.table("review_cards").all() == [{"question": "distro-ubuntu-company", "due": "2026-01-02"}]
    on_disk = json.loads((isolated_data_dir / "progress.json").read_bytes())
    assert on_disk["meta"] == {"1": {"schema_version": schema.SCHEMA_VERSION}}
    assert "attempts" not in on_disk  # quiz history lives in attempts.jsonl


def test_record_attempts_stores_many_in_one_append(isolated_data_dir):
    with _open(isolated_data_dir) as store:
        store.record_attempt("q0", True)
        store.record_attempts([("q1", True, "a"), ("q2", False, "b")])
    with _open(isolated_data_dir) as store:
        assert [(a["question"], a["correct"], a["answer"]) for a in store.attempts()] == \
            [("q0", True, ""), ("q1", True, "a"), ("q2", False, "b")]


def test_a_second_writer_in_the_same_process_is_refused(isolated_data_dir):
    with _open(isolated_data_dir):
        with pytest.raises(ProgressLocked) as caught:
            ProgressStore.open(isolated_data_dir)
        assert str(isolated_data_dir / "progress.json") in str(caught.value)
    with _open(isolated_data_dir):
        pass  # the lock was released on close


def test_orphaned_and_malformed_records_are_kept_and_ignored(isolated_data_dir):
    isolated_data_dir.mkdir()
    data = {
        "meta": {"1": {"schema_version": schema.SCHEMA_VERSION}},
        "checklist": {
            "1": {"lesson": "ubuntu", "item": "pick-lts", "done": True, "at": "2026-01-01T00:00:00+00:00"},
            "2": {"lesson": "gentoo", "item": "compile-everything", "done": True, "at": "2026-01-01T00:00:00+00:00"},
            "3": {"lesson": "ubuntu", "item": ["not", "an", "id"], "done": True},
            "4": {"lesson": "ubuntu", "done": "yes"},
            "5": {"something": "else entirely"},
        },
        "position": {"1": {"lesson": 42}},
    }
    (isolated_data_dir / "progress.json").write_text(json.dumps(data))
    (isolated_data_dir / "attempts.jsonl").write_text(
        '{"question":"distro-ubuntu-company","correct":true,"answer":"","at":"2026-01-01T00:00:00+00:00"}\n'
        '{"question":"retired-question","correct":false,"answer":"","at":"2026-01-01T00:00:00+00:00"}\n')
    with _open(isolated_data_dir) as store:
        assert store.done_items("ubuntu") == {"pick-lts"}
        assert store.position() is None
        snapshot = store.snapshot({"ubuntu": {"pick-lts"}}, {"distro-ubuntu-company"})
        assert snapshot["checklist"] == {"ubuntu": ["pick-lts"]}
        assert snapshot["orphaned"]["checklist"] == [{"lesson": "gentoo", "item": "compile-everything"}]
        assert [a["question"] for a in snapshot["attempts"]] == ["distro-ubuntu-company"]
        assert [a["question"] for a in snapshot["orphaned"]["attempts"]] == ["retired-question"]
        store.set_done("ubuntu", "another", True)
    kept = json.loads((isolated_data_dir / "progress.json").read_bytes())["checklist"]
    for doc_id in ("2", "3", "4", "5"):
        assert kept[doc_id] == data["checklist"][doc_id]


def test_set_position_never_raises_on_a_failing_disk(isolated_data_dir, monkeypatch):
    with _open(isolated_data_dir) as store:
        store.set_position("ubuntu", "intro")
        monkeypatch.setattr(os, "replace", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
        store.set_position("ubuntu", "lts")  # not kept, not raised
        with pytest.raises(StorageError):
            store.set_done("ubuntu", "pick-lts", True)
        monkeypatch.undo()
        assert store.position() == ("ubuntu", "intro")
        assert store.done_items("ubuntu") == set()


def test_unreadable_progress_file_is_left_alone_and_read_only(isolated_data_dir):
    (isolated_data_dir / "progress.json").mkdir(parents=True)  # reading it fails with EISDIR
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.read_only and store.notices[0].kind == notices.FILE_UNREADABLE
        assert store.notices[0]["path"] == str(isolated_data_dir / "progress.json") and store.notices[0]["reason"]
        assert store.read_only_reason is store.notices[0]
        with pytest.raises(PermissionError):
            store.set_done("ubuntu", "pick-lts", True)
    assert (isolated_data_dir / "progress.json").is_dir()
    assert not list(isolated_data_dir.glob("*.corrupt-*"))


def test_read_only_open_of_a_damaged_file_does_not_move_it(isolated_data_dir):
    isolated_data_dir.mkdir()
    (isolated_data_dir / "progress.json").write_bytes(b"{truncated")
    with ProgressStore.open(isolated_data_dir, read_only=True) as store:
        assert store.read_only and store.notices[0].kind == notices.DAMAGED_LEFT
        assert "not valid JSON" in store.notices[0]["problem"]
        assert store.done_items("ubuntu") == set()
    assert (isolated_data_dir / "progress.json").read_bytes() == b"{truncated"
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.notices[0].kind == notices.DAMAGED_MOVED
        assert Path(store.notices[0]["backup"]).read_bytes() == b"{truncated"


def test_newer_schema_is_read_but_never_written(isolated_data_dir):
    isolated_data_dir.mkdir()
    raw = json.dumps({"meta": {"1": {"schema_version": schema.SCHEMA_VERSION + 1}},
                      "checklist": {"1": {"lesson": "ubuntu", "item": "pick-lts", "done": True}},
                      "cards": {"a-key-this-version-does-not-understand": 1}}).encode()
    (isolated_data_dir / "progress.json").write_bytes(raw)
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.read_only and store.notices[0].kind == notices.NEWER_SCHEMA
        assert (store.notices[0]["version"], store.notices[0]["known"]) == (schema.SCHEMA_VERSION + 1,
                                                                              schema.SCHEMA_VERSION)
        assert store.done_items("ubuntu") == {"pick-lts"}
        for write in (lambda: store.set_done("ubuntu", "x", True), lambda: store.record_attempt("q", True),
                      lambda: store.reset(), lambda: store.db.table("cards2").insert({})):
            with pytest.raises(PermissionError):
                write()
        # An export says which schema the data really is, so no older oslearn imports it.
        exported = store.export_data()
        assert exported["schema_version"] == schema.SCHEMA_VERSION + 1
    assert (isolated_data_dir / "progress.json").read_bytes() == raw
    # Not holding the lock: a newer oslearn may still write while this one reads.
    with ProgressStore.open(isolated_data_dir) as again:
        assert again.read_only
    with ProgressStore.open(isolated_data_dir.parent / "elsewhere") as other:
        with pytest.raises(ImportProblem, match="newer oslearn"):
            other.import_data(exported)


V1 = {
    "meta": {"1": {"schema_version": 1}},
    "checklist": {"1": {"lesson": "ubuntu", "item": "pick-lts", "done": True, "at": "2026-01-01T00:00:00+00:00"}},
    "attempts": {"1": {"question": "q1", "correct": False, "answer": "yum", "at": "2026-01-01T00:00:00+00:00"},
                 "2": {"question": "q2", "correct": True, "at": "2026-01-02T00:00:00+00:00"},
                 "3": {"question": 7, "correct": "maybe"}},
}


def test_migration_from_schema_1_backs_up_and_moves_attempts(isolated_data_dir):
    isolated_data_dir.mkdir()
    raw = json.dumps(V1).encode()
    (isolated_data_dir / "progress.json").write_bytes(raw)
    with ProgressStore.open(isolated_data_dir) as store:
        assert not store.read_only
        backup = next(isolated_data_dir.glob("progress.json.schema1-*"))
        assert backup.read_bytes() == raw
        assert store.notices[0].kind == notices.UPGRADED and str(backup) in store.notices[0]["backups"]
        assert [(n.kind, n["count"]) for n in store.notices[0]["notes"]] == [(notices.ANSWERS_UNREADABLE, 1)]
        assert [(a["question"], a["answer"]) for a in store.attempts()] == [("q1", "yum"), ("q2", "")]
        assert store.done_items("ubuntu") == {"pick-lts"}
    with _open(isolated_data_dir) as store:  # upgraded once, quiet after
        assert len(store.attempts()) == 2


def test_failing_migration_step_changes_nothing(isolated_data_dir, monkeypatch):
    isolated_data_dir.mkdir()
    raw = json.dumps(V1).encode()
    (isolated_data_dir / "progress.json").write_bytes(raw)

    def broken(state):
        state.tables["checklist"].clear()
        raise RuntimeError("bug in a migration")

    monkeypatch.setitem(schema.MIGRATIONS, 1, broken)
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.read_only and store.notices[0].kind == notices.UPGRADE_FAILED
        assert "bug in a migration" in store.notices[0]["error"] and store.notices[0]["backup"] is None
        assert store.done_items("ubuntu") == {"pick-lts"}
    assert (isolated_data_dir / "progress.json").read_bytes() == raw
    assert sorted(p.name for p in isolated_data_dir.iterdir()) == ["progress.json", "progress.json.lock"]


def test_read_only_open_shows_an_old_schema_as_migrated_without_writing(isolated_data_dir):
    isolated_data_dir.mkdir()
    raw = json.dumps(V1).encode()
    (isolated_data_dir / "progress.json").write_bytes(raw)
    with ProgressStore.open(isolated_data_dir, read_only=True) as store:
        assert [a["question"] for a in store.attempts()] == ["q1", "q2"]
    assert sorted(p.name for p in isolated_data_dir.iterdir()) == ["progress.json"]


# --- export, import, reset ---------------------------------------------------------------

def _seed(directory, ticks, attempts, position=None):
    with _open(directory) as store:
        for lesson, item, done in ticks:
            store.set_done(lesson, item, done)
        for question, correct in attempts:
            store.record_attempt(question, correct, "x")
        if position:
            store.set_position(*position)
        return store.export_data()


def test_import_merges_without_dropping_a_tick_or_an_attempt(tmp_path):
    here, there = tmp_path / "here", tmp_path / "there"
    _seed(here, [("ubuntu", "pick-lts", False), ("checklist", "sudo-user", True)], [("q1", True), ("q2", False)])
    exported = _seed(there, [("ubuntu", "pick-lts", True), ("checklist", "sudo-user", False),
                             ("resources", "read-one-resource", True)], [("q3", True)], ("resources", "intro"))
    with _open(here) as store:
        summary = store.import_data(exported, "there.json")
        assert summary["ticks"] == 2 and summary["attempts"] == 1 and summary["position"] is True
        assert store.done_items("ubuntu") == {"pick-lts"}  # ticked there
        assert store.done_items("checklist") == {"sudo-user"}  # unticked there: a tick is never dropped
        assert store.done_items("resources") == {"read-one-resource"}
        assert sorted(a["question"] for a in store.attempts()) == ["q1", "q2", "q3"]
        assert store.position() == ("resources", "intro")
        backup = json.loads(open(summary["backup"], "rb").read())
        assert sorted(a["question"] for a in backup["attempts"]) == ["q1", "q2"]
        # Importing the same file again changes nothing.
        again = store.import_data(exported, "there.json")
        assert (again["ticks"], again["attempts"], again["position"]) == (0, 0, False)
        assert len(store.attempts()) == 3


def test_unknown_tables_are_copied_into_an_empty_store_or_merged_by_a_registered_merger(tmp_path, monkeypatch):
    here, there = tmp_path / "here", tmp_path / "there"
    with _open(there) as store:
        store.db.table("review_cards").insert_multiple([{"question": "q1", "due": 1}, {"question": "q2", "due": 2}])
        exported = store.export_data()
    with _open(here) as store:
        assert store.import_data(exported)["tables"] == {"review_cards": {"added": 2, "skipped": 0}}
        store.db.table("review_cards").remove(doc_ids=[1])
        assert store.import_data(exported)["tables"] == {"review_cards": {"added": 0, "skipped": 2}}
        monkeypatch.setattr("oslearn.progress.transfer.TABLE_MERGERS", dict(TABLE_MERGERS))
        register_table_merger("review_cards", lambda local, theirs: [
            d for d in theirs if d["question"] not in {x["question"] for x in local}])
        assert store.import_data(exported)["tables"] == {"review_cards": {"added": 1, "skipped": 1}}
        assert sorted(d["question"] for d in store.db.table("review_cards").all()) == ["q1", "q2"]


GOOD = {"format": "oslearn-progress", "schema_version": 2, "exported_at": "2026-01-01T00:00:00+00:00",
        "tables": {"checklist": [{"lesson": "ubuntu", "item": "pick-lts", "done": True,
                                  "at": "2026-01-01T00:00:00+00:00"}]},
        "attempts": [{"question": "q1", "correct": True, "answer": "", "at": "2026-01-01T00:00:00+00:00"}]}


@pytest.mark.parametrize("change, key", [
    (lambda d: d.update(format="something-else"), "format"),
    (lambda d: d.update(schema_version=99), "schema_version"),
    (lambda d: d.update(schema_version="2"), "schema_version"),
    (lambda d: d["tables"]["checklist"][0].update(done="yes"), "tables.checklist[0].done"),
    (lambda d: d["tables"]["checklist"][0].pop("item"), "tables.checklist[0].item"),
    (lambda d: d["tables"].update(checklist={"1": {}}), "tables.checklist"),
    (lambda d: d["tables"].update(meta=[]), "tables.meta"),
    (lambda d: d["attempts"][0].update(at="yesterday"), "attempts[0]"),
    (lambda d: d.update(attempts={}), "attempts"),
])
def test_invalid_imports_are_refused_naming_the_key_and_change_nothing(isolated_data_dir, change, key):
    document = copy.deepcopy(GOOD)
    change(document)
    with _open(isolated_data_dir) as store:
        before = {p.name: p.read_bytes() for p in isolated_data_dir.iterdir()}
        with pytest.raises(ImportProblem) as caught:
            store.import_data(document, "moved.json")
        assert str(caught.value).startswith(f"moved.json: {key}: ")
        assert {p.name: p.read_bytes() for p in isolated_data_dir.iterdir()} == before
    with _open(isolated_data_dir) as store:
        assert store.import_data(copy.deepcopy(GOOD), "moved.json")["ticks"] == 1


def test_reset_one_lesson_or_everything_after_a_restorable_backup(isolated_data_dir):
    _seed(isolated_data_dir, [("ubuntu", "pick-lts", True), ("checklist", "sudo-user", True)],
          [("q1", True)], ("ubuntu", "lts"))
    with _open(isolated_data_dir) as store:
        store.db.table("review_cards").insert({"question": "q1"})
        removed = store.reset("ubuntu")
        assert (removed["ticks"], removed["attempts"], removed["position"]) == (1, 0, True)
        assert store.done_items("ubuntu") == set() and store.done_items("checklist") == {"sudo-user"}
        assert len(store.attempts()) == 1 and store.position() is None
        everything = store.reset()
        assert (everything["ticks"], everything["attempts"]) == (1, 1)
        assert store.done_items("checklist") == set() and store.attempts() == []
        assert store.db.table("review_cards").all() == []
    with _open(isolated_data_dir) as store:
        assert store.done_items("checklist") == set() and store.attempts() == []
        # The first backup restores everything reset since.
        store.import_data(json.loads(open(removed["backup"], "rb").read()))
        assert store.done_items("ubuntu") == {"pick-lts"} and store.done_items("checklist") == {"sudo-user"}
        assert [a["question"] for a in store.attempts()] == ["q1"]
        assert store.position() == ("ubuntu", "lts")
        assert store.db.table("review_cards").all() == [{"question": "q1"}]


def test_reset_refuses_when_the_backup_cannot_be_written(isolated_data_dir, monkeypatch):
    _seed(isolated_data_dir, [("ubuntu", "pick-lts", True)], [])
    with _open(isolated_data_dir) as store:
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
        with pytest.raises(StorageError):
            store.reset()
        monkeypatch.undo()
        assert store.done_items("ubuntu") == {"pick-lts"}


def test_import_merges_fsrs_reviews_and_quiz_scores_without_loss(tmp_path):
    from datetime import datetime, timedelta, timezone

    from oslearn.progress.review import Reviews

    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    here, there = tmp_path / "here", tmp_path / "there"
    with _open(here) as store:
        Reviews(store).record_answer("q1", "single", True, 20.0, at=t0, answer="apt")
        store.db.table("quiz_history").insert({"title": "A", "right": 1, "total": 1})
    with _open(there) as store:
        reviews = Reviews(store)
        reviews.record_answer("q1", "single", False, 5.0, at=t0 + timedelta(days=1), answer="yum")
        newest = reviews.record_answer("q1", "single", True, 20.0, at=t0 + timedelta(days=2), answer="dnf").card
        other = reviews.record_answer("q2", "single", True, 20.0, at=t0 + timedelta(days=1)).card
        exported = store.export_data()
    assert set(exported["tables"]) <= {"checklist", "position", "quiz_history"}
    with _open(here) as store:
        summary = store.import_data(exported)
        assert summary["attempts"] == 3
        assert [a["answer"] for a in store.attempts() if a["question"] == "q1"] == ["apt", "yum", "dnf"]
        # A question's card is the one its newest answer left, whichever machine gave it.
        cards = Reviews(store).cards()
        assert cards["q1"].to_dict() == newest.to_dict() and cards["q2"].to_dict() == other.to_dict()
        assert len(Reviews(store).logs()) == 4
        assert len(store.db.table("quiz_history")) == 1
        again = store.import_data(exported)
        assert again["attempts"] == 0
    with _open(here) as store:
        assert len(store.attempts()) == 4
    assert not (here / "reviews.jsonl").exists() and "cards" not in json.loads((here / "progress.json").read_bytes())
