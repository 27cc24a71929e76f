"""The atomic write, the TinyDB storage on it, and the append-only quiz history, each with
the failure at every step injected in-process."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest
from tinydb import TinyDB

from oslearn.progress.history import AttemptLog, merge_attempts
from oslearn.progress.storage import AtomicJSONStorage, StorageError, atomic_write_bytes, sweep_temp_files


def _fail(err: int):
    def broken(*args, **kwargs):
        raise OSError(err, os.strerror(err))
    return broken


def _attempt(question: str, at: str = "2026-01-01T00:00:00+00:00", correct: bool = True, answer: str = "a"):
    return {"question": question, "correct": correct, "answer": answer, "at": at}


# --- atomic_write_bytes ------------------------------------------------------------------

def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "progress.json"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("step, err", [("write", errno.ENOSPC), ("fsync", errno.EIO), ("replace", errno.EXDEV),
                                       ("open", errno.EACCES)])
def test_a_failure_at_any_step_keeps_the_old_file_byte_identical(tmp_path, monkeypatch, step, err):
    target = tmp_path / "progress.json"
    target.write_bytes(b'{"old": true}')
    monkeypatch.setattr(os, step, _fail(err))
    with pytest.raises(StorageError) as caught:
        atomic_write_bytes(target, b'{"new": true}')
    monkeypatch.undo()
    assert caught.value.errno == err
    assert str(target) in str(caught.value) and os.strerror(err) in str(caught.value)
    assert target.read_bytes() == b'{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]


def test_a_short_write_is_completed(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data)[:3]))
    atomic_write_bytes(tmp_path / "f", b"0123456789")
    monkeypatch.undo()
    assert (tmp_path / "f").read_bytes() == b"0123456789"


def test_sweep_removes_only_leftover_temporaries_of_that_file(tmp_path):
    target = tmp_path / "progress.json"
    leftovers = [tmp_path / ".tmp-progress.json.123.abcd", tmp_path / ".tmp-progress.json.9.ffff",
                 tmp_path / ".tmp-progress.json.corrupt-20260101T000000000000Z.9.ffff"]
    keep = [tmp_path / ".tmp-other.json.1.aaaa", tmp_path / "progress.json.corrupt-1", target]
    for path in leftovers + keep:
        path.write_bytes(b"x")
    assert sorted(sweep_temp_files(target)) == sorted(leftovers)
    assert all(p.exists() for p in keep) and not any(p.exists() for p in leftovers)


# --- AtomicJSONStorage ------------------------------------------------------------------

def _db(path, initial=None, read_only=False) -> TinyDB:
    return TinyDB(path, storage=AtomicJSONStorage, initial=initial, read_only=read_only)


def test_storage_round_trip_is_compact_utf8_json(tmp_path):
    path = tmp_path / "p.json"
    db = _db(path)
    db.table("checklist").insert({"lesson": "ubuntu", "item": "pick-lts", "done": True, "note": "é"})
    data = json.loads(path.read_bytes().decode("utf-8"))
    assert data == {"checklist": {"1": {"lesson": "ubuntu", "item": "pick-lts", "done": True, "note": "é"}}}
    assert "é".encode() in path.read_bytes()


def test_failed_write_restores_memory_to_what_the_disk_holds(tmp_path, monkeypatch):
    path = tmp_path / "p.json"
    db = _db(path)
    table = db.table("checklist")
    table.insert({"item": "a"})
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", _fail(errno.ENOSPC))
    with pytest.raises(StorageError):
        table.insert({"item": "b"})
    with pytest.raises(StorageError):
        table.update({"item": "changed"})
    monkeypatch.undo()
    assert [d["item"] for d in table.all()] == ["a"]
    assert path.read_bytes() == before
    table.insert({"item": "c"})
    assert [d["item"] for d in table.all()] == ["a", "c"]


def test_unserialisable_data_fails_before_touching_the_disk(tmp_path):
    path = tmp_path / "p.json"
    db = _db(path)
    db.table("t").insert({"x": 1})
    before = path.read_bytes()
    with pytest.raises(TypeError):
        db.table("t").insert({"x": object()})
    with pytest.raises(ValueError):
        db.table("t").insert({"x": float("nan")})
    assert path.read_bytes() == before
    assert [d["x"] for d in db.table("t").all()] == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_read_only_storage_refuses_and_keeps_memory(tmp_path):
    path = tmp_path / "p.json"
    db = _db(path, initial={"t": {"1": {"x": 1}}}, read_only=True)
    with pytest.raises(PermissionError):
        db.table("t").insert({"x": 2})
    assert [d["x"] for d in db.table("t").all()] == [1]
    assert not path.exists()


# --- AttemptLog ---------------------------------------------------------------------------

def test_history_appends_and_reopens(tmp_path):
    path = tmp_path / "attempts.jsonl"
    log = AttemptLog.open(path, read_only=False, notices=[])
    log.append(_attempt("q1"))
    log.append(_attempt("q2", correct=False))
    assert path.read_bytes().count(b"\n") == 2
    again = AttemptLog.open(path, read_only=False, notices=[])
    assert [r["question"] for r in again.records()] == ["q1", "q2"]
    assert again.records("q2")[0]["correct"] is False


def test_torn_final_append_is_dropped_on_open(tmp_path):
    path = tmp_path / "attempts.jsonl"
    whole = json.dumps(_attempt("q1")).encode() + b"\n"
    path.write_bytes(whole + b'{"question": "q2", "corr')
    notices = []
    log = AttemptLog.open(path, read_only=False, notices=notices)
    assert [r["question"] for r in log.records()] == ["q1"] and notices == []
    assert path.read_bytes() == whole
    torn = list(tmp_path.glob("attempts.jsonl.torn-*"))
    assert len(torn) == 1 and torn[0].read_bytes() == b'{"question": "q2", "corr', "the torn bytes are kept"
    log.append(_attempt("q3"))
    assert [json.loads(line)["question"] for line in path.read_text().splitlines()] == ["q1", "q3"]


def test_complete_last_record_without_newline_is_kept(tmp_path):
    path = tmp_path / "attempts.jsonl"
    path.write_bytes(json.dumps(_attempt("q1")).encode())
    before = path.read_bytes()
    notices = []
    log = AttemptLog.open(path, read_only=False, notices=notices)
    assert [r["question"] for r in log.records()] == ["q1"] and notices == []
    assert path.read_bytes() == before, "read completely, and not changed by opening"
    log.append(_attempt("q2"))
    assert path.read_bytes().startswith(before + b"\n")
    assert [r["question"] for r in AttemptLog.open(path, read_only=True, notices=[]).records()] == ["q1", "q2"]


def test_read_only_history_never_touches_a_damaged_file(tmp_path):
    path = tmp_path / "attempts.jsonl"
    raw = json.dumps(_attempt("q1")).encode() + b"\nnot json\n" + b'{"question": "q2"'
    path.write_bytes(raw)
    notices = []
    log = AttemptLog.open(path, read_only=True, notices=notices)
    assert [r["question"] for r in log.records()] == ["q1"]
    assert (notices[0].kind, notices[0]["count"], notices[0]["path"]) == ("log_lines_skipped", 1, str(path))
    assert path.read_bytes() == raw and [p.name for p in tmp_path.iterdir()] == ["attempts.jsonl"]
    with pytest.raises(PermissionError):
        log.append(_attempt("q3"))


def test_full_disk_during_append_leaves_the_history_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "attempts.jsonl"
    log = AttemptLog.open(path, read_only=False, notices=[])
    log.append(_attempt("q1"))
    before = path.read_bytes()
    real_write = os.write
    calls = []

    def partial_then_full(fd, data):
        calls.append(1)
        if len(calls) == 1:
            return real_write(fd, bytes(data)[:10])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", partial_then_full)
    with pytest.raises(StorageError) as caught:
        log.append(_attempt("q2"))
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC and "No space left on device" in str(caught.value)
    assert path.read_bytes() == before
    assert [r["question"] for r in log.records()] == ["q1"]
    log.append(_attempt("q3"))
    assert [r["question"] for r in AttemptLog.open(path, read_only=True, notices=[]).records()] == ["q1", "q3"]


def test_append_after_an_untruncated_failure_overwrites_the_fragment(tmp_path, monkeypatch):
    path = tmp_path / "attempts.jsonl"
    log = AttemptLog.open(path, read_only=False, notices=[])
    log.append(_attempt("q1"))
    with open(path, "ab") as handle:  # a fragment the failed append could not truncate
        handle.write(b'{"question": "lost"')
    log.append(_attempt("q2"))
    assert [json.loads(line)["question"] for line in path.read_text().splitlines()] == ["q1", "q2"]


def test_append_rejects_a_malformed_record(tmp_path):
    log = AttemptLog.open(tmp_path / "attempts.jsonl", read_only=False, notices=[])
    with pytest.raises(ValueError):
        log.append({"question": "q", "correct": "yes", "at": "now"})
    assert not (tmp_path / "attempts.jsonl").exists()


def test_merge_attempts_never_drops_and_never_doubles():
    a1, a2 = _attempt("q1", "2026-01-01T00:00:00+00:00"), _attempt("q2", "2026-01-02T00:00:00+00:00")
    b1 = _attempt("q3", "2026-01-01T12:00:00+00:00")
    assert merge_attempts([a1, a2], [a1, a2]) == [a1, a2]
    assert merge_attempts([a1, a2], [b1, a2]) == [a1, b1, a2]
    # Two identical answers in the same second on one machine are both kept.
    assert merge_attempts([a1, a1], [a1]) == [a1, a1]
    assert merge_attempts([], [a2, a1]) == [a1, a2]



# --- tables kept in append-only logs -----------------------------------------------------

def _log_db(directory, read_only=False):
    from oslearn.progress.logfile import TableLog
    from oslearn.progress.storage import ProgressDB

    logs = {"reviews": TableLog.open(directory / "reviews.jsonl", read_only=read_only, notices=[])}
    return ProgressDB(directory / "p.json", storage=AtomicJSONStorage, read_only=read_only, logs=logs)


def test_inserting_into_a_log_table_appends_and_leaves_the_main_file_alone(tmp_path):
    db = _log_db(tmp_path)
    db.table("checklist").insert({"item": "a"})
    main_before = (tmp_path / "p.json").read_bytes()
    assert db.table("reviews").insert({"question": "q1"}) == 1
    assert db.table("reviews").insert_multiple([{"question": "q2"}, {"question": "q3"}]) == [2, 3]
    assert (tmp_path / "p.json").read_bytes() == main_before
    assert [json.loads(line) for line in (tmp_path / "reviews.jsonl").read_text().splitlines()] == [
        {"id": 1, "doc": {"question": "q1"}}, {"id": 2, "doc": {"question": "q2"}},
        {"id": 3, "doc": {"question": "q3"}}]
    again = _log_db(tmp_path)
    assert [d["question"] for d in again.table("reviews").all()] == ["q1", "q2", "q3"]
    assert again.table("reviews").get(doc_id=2) == {"question": "q2"}
    assert "reviews" not in json.loads((tmp_path / "p.json").read_bytes())


def test_changing_a_log_table_rewrites_its_log_atomically(tmp_path):
    from tinydb import Query

    db = _log_db(tmp_path)
    db.table("reviews").insert_multiple([{"question": "q1"}, {"question": "q2"}])
    db.table("reviews").update({"seen": True}, Query().question == "q2")
    db.table("reviews").remove(doc_ids=[1])
    db.table("reviews").upsert({"question": "q3"}, Query().question == "q3")
    assert _log_db(tmp_path).table("reviews").all() == [{"question": "q2", "seen": True}, {"question": "q3"}]
    db.drop_tables()
    assert _log_db(tmp_path).table("reviews").all() == [] and (tmp_path / "reviews.jsonl").read_bytes() == b""


def test_failed_append_to_a_log_table_changes_nothing(tmp_path, monkeypatch):
    db = _log_db(tmp_path)
    db.table("reviews").insert({"question": "q1"})
    before = (tmp_path / "reviews.jsonl").read_bytes()
    monkeypatch.setattr(os, "fsync", _fail(errno.EIO))
    with pytest.raises(StorageError):
        db.table("reviews").insert({"question": "q2"})
    monkeypatch.undo()
    assert (tmp_path / "reviews.jsonl").read_bytes() == before
    assert db.table("reviews").all() == [{"question": "q1"}]
    assert db.table("reviews").insert({"question": "q3"}) == 2


def test_failed_rewrite_of_a_log_table_restores_memory(tmp_path, monkeypatch):
    from tinydb import Query

    db = _log_db(tmp_path)
    db.table("reviews").insert_multiple([{"question": "q1"}, {"question": "q2"}])
    monkeypatch.setattr(os, "replace", _fail(errno.ENOSPC))
    with pytest.raises(StorageError):
        db.table("reviews").update({"question": "changed"}, Query().question == "q1")
    monkeypatch.undo()
    assert [d["question"] for d in db.table("reviews").all()] == ["q1", "q2"]


def test_read_only_log_table_refuses_inserts(tmp_path):
    _log_db(tmp_path).table("reviews").insert({"question": "q1"})
    db = _log_db(tmp_path, read_only=True)
    with pytest.raises(PermissionError):
        db.table("reviews").insert({"question": "q2"})
    assert db.table("reviews").all() == [{"question": "q1"}]


def test_a_log_table_found_inside_the_main_file_moves_to_its_log(tmp_path):
    from oslearn.progress.logfile import TableLog
    from oslearn.progress.storage import ProgressDB

    initial = {"reviews": {"1": {"question": "old"}}, "checklist": {}}
    logs = {"reviews": TableLog.open(tmp_path / "reviews.jsonl", read_only=False, notices=[])}
    db = ProgressDB(tmp_path / "p.json", storage=AtomicJSONStorage, initial=initial, logs=logs)
    db.table("checklist").insert({"item": "a"})
    assert "reviews" not in json.loads((tmp_path / "p.json").read_bytes())
    assert _log_db(tmp_path).table("reviews").all() == [{"question": "old"}]
