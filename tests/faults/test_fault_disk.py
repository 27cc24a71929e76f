"""Failing disks, in real subprocesses: a full disk (``ENOSPC`` part-way through a write)
and an ``os.replace`` that raises must leave every stored file byte-identical, raise a
``StorageError`` that says what happened, and leave no temporary file behind."""

from __future__ import annotations

import errno

from oslearn.progress import ProgressStore

from fault_helpers import data_files, run_child


def _seed(directory):
    with ProgressStore.open(directory) as store:
        store.set_done("choosing-an-os", "pick-lts", True)
        store.record_attempt("distro-q1", True, "Ubuntu")
        store.set_position("choosing-an-os", "lts")
    return data_files(directory)


def test_enospc_at_write_keeps_old_files_and_raises_a_clear_error(tmp_path):
    directory = tmp_path / "data"
    before = _seed(directory)
    result = run_child("enospc", directory)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    tick = next(line for line in lines if line.startswith("tick "))
    attempt = next(line for line in lines if line.startswith("attempt "))
    for line, name in ((tick, "progress.json"), (attempt, "attempts.jsonl")):
        assert f"StorageError {errno.ENOSPC} " in line
        assert "No space left on device" in line and str(directory / name) in line
    # Memory rolled back to what the disk holds.
    assert "memory ['pick-lts'] 1" in lines
    assert "Traceback" not in result.stderr
    assert data_files(directory) == before  # byte-identical, and no temporary file left
    with ProgressStore.open(directory) as store:
        assert store.notices == []
        assert store.done_items("choosing-an-os") == {"pick-lts"}
        assert [a["question"] for a in store.attempts()] == ["distro-q1"]


def test_failing_os_replace_leaves_the_old_file_byte_identical(tmp_path):
    directory = tmp_path / "data"
    before = _seed(directory)
    result = run_child("replace_fails", directory)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    tick = next(line for line in lines if line.startswith("tick "))
    assert f"StorageError {errno.EIO} " in tick and "Input/output error" in tick
    assert str(directory / "progress.json") in tick
    assert "memory ['pick-lts']" in lines
    assert data_files(directory) == before
    with ProgressStore.open(directory) as store:
        assert store.notices == [] and store.done_items("choosing-an-os") == {"pick-lts"}
