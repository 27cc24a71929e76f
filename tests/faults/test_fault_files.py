"""Damaged, newer and old progress files, opened by real ``oslearn`` processes.

A command that only reads (``progress``, ``list``) reports a damaged file and changes
nothing. The next writer (the app, ``reset``, ``--import``) sets every damaged shape aside
byte for byte as ``progress.json.corrupt-<timestamp>``, starts a fresh store and says
where the old file went, without a traceback.
A file from a newer oslearn is never changed. A failing upgrade leaves the original as it
was.
"""

from __future__ import annotations

import json

import pytest

from oslearn.progress import ProgressStore

from fault_helpers import data_files, oslearn, run_child

VALID = json.dumps({"meta": {"1": {"schema_version": 2}},
                    "checklist": {"1": {"lesson": "choosing-an-os", "item": "pick-lts", "done": True,
                                        "at": "2026-01-01T00:00:00+00:00"}}}).encode()

DAMAGED = {
    "empty": b"",
    "whitespace only": b" \n\t\n",
    "truncated": VALID[: len(VALID) // 2],
    "trailing garbage": VALID + b"}garbage",
    "two documents": VALID + VALID,
    "NUL bytes": b"\x00" * 512,
    "NUL inside": VALID[:20] + b"\x00" + VALID[20:],
    "invalid UTF-8": VALID.replace(b"pick-lts", b"pick-\xff\xfe"),
    "a list": b"[]",
    "a number": b"42",
    "table not a mapping": b'{"meta": {"1": {"schema_version": 2}}, "checklist": []}',
    "document not a mapping": b'{"meta": {"1": {"schema_version": 2}}, "checklist": {"1": "done"}}',
    "document id not a number": b'{"meta": {"1": {"schema_version": 2}}, "checklist": {"one": {}}}',
    "schema version not a number": b'{"meta": {"1": {"schema_version": "2"}}}',
    "meta without a version": b'{"meta": {"1": {"written_by": "me"}}, "checklist": {}}',
}


@pytest.mark.parametrize("shape", list(DAMAGED))
def test_damaged_file_is_set_aside_byte_identical_and_the_cli_says_where(tmp_path, shape):
    directory = tmp_path / "data"
    directory.mkdir()
    raw = DAMAGED[shape]
    (directory / "progress.json").write_bytes(raw)
    (directory / "attempts.jsonl").write_bytes(
        b'{"question":"distro-q1","correct":true,"answer":"Ubuntu","at":"2026-01-01T00:00:00+00:00"}\n')

    before = data_files(directory)
    result = oslearn(directory, "progress", "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "is damaged" in result.stderr and "left as it is" in result.stderr
    assert data_files(directory) == before, "a command that only reads changes nothing"
    snapshot = json.loads(result.stdout)
    assert snapshot["checklist"] == {} and snapshot["orphaned"]["checklist"] == []
    # The quiz history lives in its own file and was kept.
    assert [a["question"] for a in snapshot["attempts"] + snapshot["orphaned"]["attempts"]] == ["distro-q1"]

    # The next writer sets it aside, byte-identical, and says where.
    result = run_child("open_and_print_notices", directory)
    assert result.returncode == 0, result.stdout + result.stderr
    backups = list(directory.glob("progress.json.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == raw
    assert f"moved to {backups[0]}" in result.stdout and "fresh progress file" in result.stdout

    # The fresh store is valid and quiet; the backup is left alone.
    with ProgressStore.open(directory) as store:
        assert store.notices == [] and not store.read_only
        store.set_done("choosing-an-os", "pick-lts", True)
    assert backups[0].read_bytes() == raw


def test_damaged_history_lines_are_set_aside_and_the_readable_ones_kept(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    good = [json.dumps({"question": f"q{i}", "correct": True, "answer": "a",
                        "at": "2026-01-01T00:00:00+00:00"}).encode() for i in range(3)]
    raw = good[0] + b"\n" + b"\x00\x00\x00garbage\n" + good[1] + b"\n" + b'{"question": 3}\n' + good[2] + b"\n"
    (directory / "attempts.jsonl").write_bytes(raw)
    result = oslearn(directory, "progress", "--json")
    assert result.returncode == 0, result.stderr
    assert "2 lines of your quiz history" in result.stderr and "left as it is" in result.stderr
    assert (directory / "attempts.jsonl").read_bytes() == raw and not list(directory.glob("*.corrupt-*"))
    # The readable answers are shown (listed as orphaned: no such question ids in the content).
    assert [a["question"] for a in json.loads(result.stdout)["orphaned"]["attempts"]] == ["q0", "q1", "q2"]

    result = run_child("open_and_print_notices", directory)
    assert result.returncode == 0, result.stdout + result.stderr
    backups = list(directory.glob("attempts.jsonl.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == raw
    assert "2 lines of your quiz history could not be read" in result.stdout and str(backups[0]) in result.stdout
    assert (directory / "attempts.jsonl").read_bytes() == b"".join(
        json.dumps(json.loads(g), separators=(",", ":")).encode() + b"\n" for g in good)


NEWER = json.dumps({"meta": {"1": {"schema_version": 99}},
                    "checklist": {"1": {"lesson": "choosing-an-os", "item": "pick-lts", "done": True}},
                    "future_table": ["a shape this version does not know"]}).encode()


def test_file_from_a_newer_oslearn_is_never_written(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "progress.json").write_bytes(NEWER)
    (directory / "attempts.jsonl").write_bytes(b'{"question":"q","correct":true,"answer":"","at":"x","v":99}\n')
    before = data_files(directory)

    shown = oslearn(directory, "progress", "--json")
    assert shown.returncode == 0, shown.stderr
    assert "newer oslearn (schema 99" in shown.stderr and "Traceback" not in shown.stderr
    assert json.loads(shown.stdout)["checklist"] == {"choosing-an-os": ["pick-lts"]}
    for args in (("reset", "--yes"), ("progress", "--import", str(directory / "progress.json"))):
        refused = oslearn(directory, *args)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
    with ProgressStore.open(directory) as store:
        assert store.read_only and store.read_only_reason.kind == "newer_schema"
        with pytest.raises(PermissionError):
            store.set_done("choosing-an-os", "x", True)
        with pytest.raises(PermissionError):
            store.db.table("review_cards").insert({"question": "q"})
        store.set_position("choosing-an-os", "x")
    assert data_files(directory) == before


V1 = json.dumps({
    "meta": {"1": {"schema_version": 1}},
    "checklist": {"1": {"lesson": "choosing-an-os", "item": "pick-lts", "done": True, "at": "2026-01-01T00:00:00+00:00"}},
    "attempts": {"1": {"question": "q1", "correct": False, "answer": "yum", "at": "2026-01-01T00:00:00+00:00"},
                 "2": {"question": "q2", "correct": True, "answer": "apt", "at": "2026-01-02T00:00:00+00:00"}},
    "position": {"1": {"lesson": "choosing-an-os", "section": "lts", "at": "2026-01-02T00:00:00+00:00"}},
    "cards": {"1": {"question": "q2", "card": {"due": "2026-01-05T00:00:00+00:00"}}},
    "reviews": {"1": {"question": "q1", "log": {"rating": 1}}, "2": {"question": "q2", "log": {"rating": 3}}},
    "quiz_history": {"1": {"title": "Quiz", "right": 1, "total": 2}},
}).encode()


@pytest.mark.parametrize("how", ["step", "write"])
def test_failing_migration_leaves_the_original_intact(tmp_path, how):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "progress.json").write_bytes(V1)
    result = run_child("migrate_fails", directory, how)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "read_only True" in result.stdout
    assert "could not be upgraded from schema 1 to 3" in result.stdout
    assert "tick PermissionError" in result.stdout
    assert "done ['pick-lts']" in result.stdout  # still shown, read-only
    assert (directory / "progress.json").read_bytes() == V1
    # Once the fault is gone, the upgrade succeeds and carries every answer over exactly once.
    with ProgressStore.open(directory) as store:
        assert not store.read_only
        assert [a["question"] for a in store.attempts()] == ["q1", "q2"]
        assert store.done_items("choosing-an-os") == {"pick-lts"} and store.position() == ("choosing-an-os", "lts")
        # The review documents hold no card, so they cannot be carried over; the upgrade says so.
        assert store.notices[0].kind == "upgraded"
        assert [(n.kind, n["count"]) for n in store.notices[0]["notes"]] == [("reviews_unreadable", 2)]
        assert len(store.db.table("quiz_history")) == 1 and "cards" not in store.db.tables()
    backups = sorted(directory.glob("progress.json.schema1-*"))
    assert backups and all(b.read_bytes() == V1 for b in backups)


def test_old_schema_is_backed_up_then_upgraded(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "progress.json").write_bytes(V1)
    shown = oslearn(directory, "progress", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["checklist"] == {"choosing-an-os": ["pick-lts"]}, "shown as upgraded"
    assert (directory / "progress.json").read_bytes() == V1, "a command that only reads writes nothing"
    result = run_child("open_and_print_notices", directory)
    assert result.returncode == 0, result.stdout + result.stderr
    result.stderr = result.stdout
    backup = next(directory.glob("progress.json.schema1-*"))
    assert backup.read_bytes() == V1
    assert "upgraded from schema 1 to 3" in result.stderr and str(backup) in result.stderr
    assert "2 stored reviews were unreadable" in result.stderr
    upgraded = json.loads((directory / "progress.json").read_bytes())
    assert upgraded["meta"] == {"1": {"schema_version": 3}}
    assert not {"attempts", "reviews", "quiz_history", "cards"} & set(upgraded)
    assert not (directory / "reviews.jsonl").exists()
    assert [json.loads(line) for line in (directory / "quiz_history.jsonl").read_text().splitlines()] == [
        {"id": 1, "doc": {"title": "Quiz", "right": 1, "total": 2}}]
    assert [json.loads(line)["question"] for line in (directory / "attempts.jsonl").read_text().splitlines()] \
        == ["q1", "q2"]
