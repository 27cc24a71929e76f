"""Two processes on one data directory: the first is the writer; the second is refused at
once (no waiting on the lock, no traceback, no write) and can still read."""

from __future__ import annotations

import json

import pytest

from oslearn.progress import ProgressLocked, ProgressStore

from fault_helpers import child, data_files, oslearn


@pytest.fixture
def first_instance(tmp_path):
    """A child process holding the writer lock, having ticked one item and answered once."""
    directory = tmp_path / "data"
    proc = child("hold", directory)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    yield directory
    proc.stdin.close()
    assert proc.stdout.readline().strip() == "closed"
    proc.wait(30)
    proc.stdout.close()
    proc.stderr.close()


def test_second_app_without_a_terminal_is_refused_at_once_and_told_how_to_read(first_instance):
    before = data_files(first_instance)
    result = oslearn(first_instance, timeout=30)  # the app, stdin not a terminal
    assert result.returncode == 2
    assert "Another oslearn is using" in result.stderr and "oslearn --read-only" in result.stderr
    assert "Traceback" not in result.stderr
    assert data_files(first_instance) == before


def test_second_process_can_read_but_not_change_anything(first_instance):
    before = data_files(first_instance)
    shown = oslearn(first_instance, "progress", "--json")
    assert shown.returncode == 0, shown.stderr
    snapshot = json.loads(shown.stdout)
    assert snapshot["checklist"] == {"choosing-an-os": ["pick-lts"]}
    assert snapshot["read_only"] is True
    assert [a["question"] for a in snapshot["orphaned"]["attempts"]] == ["held-q"]

    listed = oslearn(first_instance, "list")
    assert listed.returncode == 0 and "1/5" in listed.stdout

    for args in (("reset", "--yes"), ("reset", "choosing-an-os", "--yes")):
        refused = oslearn(first_instance, *args)
        assert refused.returncode == 2
        assert "in use by another oslearn" in refused.stderr and "Nothing was changed" in refused.stderr
    export = first_instance.parent / "export.json"
    assert oslearn(first_instance, "progress", "--export", str(export)).returncode == 0
    imported = oslearn(first_instance, "progress", "--import", str(export))
    assert imported.returncode == 2 and "in use by another oslearn" in imported.stderr

    # In-process as well: the writer open is refused immediately, the read-only one reads.
    with pytest.raises(ProgressLocked):
        ProgressStore.open(first_instance)
    with ProgressStore.open(first_instance, read_only=True) as reader:
        assert reader.done_items("choosing-an-os") == {"pick-lts"}
        assert [a["question"] for a in reader.attempts()] == ["held-q"]
        with pytest.raises(PermissionError):
            reader.set_done("choosing-an-os", "other", True)
        with pytest.raises(PermissionError):
            reader.record_attempt("q", True)
    assert data_files(first_instance) == before


def test_after_the_first_closes_the_second_becomes_the_writer(tmp_path):
    directory = tmp_path / "data"
    proc = child("hold", directory)
    assert proc.stdout.readline().strip() == "ready"
    with pytest.raises(ProgressLocked):
        ProgressStore.open(directory)
    proc.stdin.close()
    assert proc.stdout.readline().strip() == "closed"
    proc.wait(30)
    proc.stdout.close()
    proc.stderr.close()
    with ProgressStore.open(directory) as store:
        assert not store.read_only
        store.set_done("choosing-an-os", "second", True)
        assert store.done_items("choosing-an-os") == {"pick-lts", "second"}
