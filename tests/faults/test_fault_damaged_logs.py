"""A damaged-log corpus: every progress file is read completely or set aside byte-identical.

For each append-only log (``attempts.jsonl``, ``quiz_history.jsonl``) and
each way it can be damaged (records separated by ``\\r``, no newline at all, the last
newline turned into ``\\x0b``, two records merged on one line, one split over two, binary
junk, wrong types, ``NaN``/``Infinity``/``1e999``, nesting 1,000 deep):

* the commands that only read (``list``, ``progress --json``, ``locate``) print a notice and
  change no byte of any file, and no traceback or ``RecursionError`` appears;
* the next writer copies the file byte-identical to ``<name>.corrupt-<timestamp>``, names
  that backup, and keeps only records that were whole valid lines: never a made-up one.

Also: the shapes that are *not* damage (CRLF line ends, a valid last record without its
newline) are read completely and left alone; a torn last line is the one silent repair,
its bytes kept in ``<name>.torn-<timestamp>``; ``progress.json`` and ``settings.json``
nested 1,000 deep; symbolic links in the data directory; a closed pipe.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oslearn.progress import ProgressStore
from oslearn.progress.history import valid_attempt
from oslearn.tui.notices import notice_text
from oslearn.progress.logfile import TableLog
from oslearn.tui import cli
from oslearn.tui.settings import read_settings, save_setting

from fault_helpers import data_files

AT = "2026-01-01T00:00:00+00:00"


def _attempt_line(i: int) -> bytes:
    return json.dumps({"question": f"q{i}", "correct": i % 2 == 0, "answer": f"answer {i}", "at": AT},
                      separators=(",", ":")).encode()


def _table_line(i: int) -> bytes:
    return json.dumps({"id": i + 1, "doc": {"question": f"q{i}", "log": {"rating": 3, "at": AT}}},
                      separators=(",", ":")).encode()


LOGS = {"attempts.jsonl": (_attempt_line, valid_attempt), "quiz_history.jsonl": (_table_line, TableLog.valid)}


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _damage(shape: str, make) -> bytes:
    lines = [make(i) for i in range(1000)]
    if shape == "records separated by CR":
        return b"\r".join(lines) + b"\r"
    if shape == "no newline at all":
        return b" ".join(make(i) for i in range(20000))
    if shape == "last newline is VT":
        return b"\n".join(lines) + b"\x0b"
    if shape == "two records on one line":
        return b"\n".join(lines[:10]) + b"\n" + lines[10] + lines[11] + b"\n" + b"\n".join(lines[12:]) + b"\n"
    if shape == "record split over two lines":
        cut = lines[10].index(b",") + 1
        return b"\n".join(lines[:10] + [lines[10][:cut], lines[10][cut:]] + lines[11:]) + b"\n"
    if shape == "record split inside a string":
        cut = lines[10].index(b'"', lines[10].index(b":") + 2) + 1
        merged = lines[11] + lines[12]
        return b"\n".join(lines[:10] + [lines[10][:cut], lines[10][cut:], merged] + lines[13:]) + b"\n"
    if shape == "binary junk":
        return b"\n".join(lines[:5] + [b"\x00\xff\xfe\x1b[2J junk"] + lines[5:]) + b"\n"
    if shape == "wrong types":
        wrong = b'{"question":3,"correct":"yes","answer":[],"at":1}' if make is _attempt_line else b'{"id":"x","doc":[]}'
        return b"\n".join(lines[:5] + [wrong, b"[]", b"42", b"null"] + lines[5:]) + b"\n"
    if shape in ("NaN", "Infinity", "1e999"):
        record = json.loads(make(7))
        text = json.dumps(record)[:-1] + f', "extra": {shape}}}'
        return b"\n".join(lines[:7] + [text.encode()] + lines[8:]) + b"\n"
    if shape == "nested 1000 deep":
        record = json.loads(make(7))
        text = json.dumps(record)[:-1] + f', "extra": {_deep(1000)}}}'
        return b"\n".join(lines[:7] + [text.encode()] + lines[8:]) + b"\n"
    raise AssertionError(shape)


SHAPES = ["records separated by CR", "no newline at all", "last newline is VT", "two records on one line",
          "record split over two lines", "record split inside a string", "binary junk", "wrong types", "NaN",
          "Infinity", "1e999", "nested 1000 deep"]


def _read_only_commands(directory: Path, capsys) -> str:
    """Run list, progress, progress --json and locate; return what they printed to stderr."""
    errors = ""
    for args in (["list"], ["progress"], ["progress", "--json"], ["locate"]):
        assert cli.main(["--data-dir", str(directory), *args]) == 0, args
        captured = capsys.readouterr()
        errors += captured.err
        assert "Traceback" not in captured.err + captured.out and "RecursionError" not in captured.err
    return errors


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", list(LOGS))
def test_damaged_log_is_never_changed_by_readers_and_set_aside_byte_identical_by_the_writer(
        tmp_path, capsys, name, shape):
    directory = tmp_path / "data"
    directory.mkdir()
    make, valid = LOGS[name]
    raw = _damage(shape, make)
    (directory / name).write_bytes(raw)
    before = data_files(directory)

    errors = _read_only_commands(directory, capsys)
    assert data_files(directory) == before, "a command that only reads changed a file"
    assert str(directory / name) in errors and "left as it is" in errors

    with ProgressStore.open(directory) as store:
        backups = list(directory.glob(f"{name}.corrupt-*"))
        assert len(backups) == 1 and backups[0].read_bytes() == raw
        notice = next(text for text in map(notice_text, store.notices) if str(backups[0]) in text)
        assert "copied unchanged" in notice and str(directory / name) in notice

    # Only whole valid lines of the original survive: no made-up record.
    originals = []
    for line in raw.split(b"\n"):
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if valid(record) and "extra" not in record:
            originals.append(record)
    kept = [json.loads(line) for line in (directory / name).read_bytes().splitlines()]
    assert all(valid(record) for record in kept)
    assert all(record in originals for record in kept)
    assert len(kept) == len(originals)

    # And the file is quiet from then on.
    with ProgressStore.open(directory) as again:
        assert again.notices == [] and not again.read_only


@pytest.mark.parametrize("name", list(LOGS))
@pytest.mark.parametrize("shape", ["CRLF line ends", "valid last record without newline"])
def test_shapes_that_are_not_damage_are_read_completely_and_left_alone(tmp_path, capsys, name, shape):
    directory = tmp_path / "data"
    directory.mkdir()
    make, _ = LOGS[name]
    lines = [make(i) for i in range(50)]
    raw = b"\r\n".join(lines) + b"\r\n" if shape == "CRLF line ends" else b"\n".join(lines)
    (directory / name).write_bytes(raw)
    errors = _read_only_commands(directory, capsys)
    assert errors == ""
    with ProgressStore.open(directory) as store:
        assert store.notices == []
        count = len(store.attempts()) if name == "attempts.jsonl" else len(store.db.table(Path(name).stem))
        assert count == 50
    assert (directory / name).read_bytes() == raw
    assert not list(directory.glob("*.corrupt-*")) and not list(directory.glob("*.torn-*"))


def test_torn_last_append_is_the_one_silent_repair_and_its_bytes_are_kept(tmp_path, capsys):
    directory = tmp_path / "data"
    directory.mkdir()
    whole = b"".join(_attempt_line(i) + b"\n" for i in range(5))
    torn = _attempt_line(5)[:30]
    (directory / "attempts.jsonl").write_bytes(whole + torn)
    assert _read_only_commands(directory, capsys) == ""
    assert (directory / "attempts.jsonl").read_bytes() == whole + torn, "readers leave it"
    with ProgressStore.open(directory) as store:
        assert store.notices == [] and len(store.attempts()) == 5
    assert (directory / "attempts.jsonl").read_bytes() == whole
    [side] = directory.glob("attempts.jsonl.torn-*")
    assert side.read_bytes() == torn


@pytest.mark.parametrize("content", [_deep(1000).encode(), b'{"meta": ' + _deep(5000).encode() + b"}",
                                     b'{"meta": {"1": {"schema_version": 2, "x": NaN}}}',
                                     b'{"meta": {"1": {"schema_version": 2}}, "cards": {"1": {"s": 1e999}}}'])
def test_progress_file_nested_deep_or_not_finite_is_refused_with_a_message(tmp_path, capsys, content):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "progress.json").write_bytes(content)
    errors = _read_only_commands(directory, capsys)
    assert (directory / "progress.json").read_bytes() == content
    assert "is damaged (" in errors and ("nested deeper than 16 levels" in errors or "not a finite number" in errors)
    with ProgressStore.open(directory) as store:
        [backup] = directory.glob("progress.json.corrupt-*")
        assert backup.read_bytes() == content and any(str(backup) in notice_text(n) for n in store.notices)


@pytest.mark.parametrize("content, words", [
    (b'{"theme": [1, 2]}', "theme: expected text, found a list"),
    (b'{"theme": ' + _deep(2000).encode() + b"}", "nested deeper than"),
    (b'{"theme": NaN}', "not a finite number"),
    (b"\x00\xffjunk", "not valid UTF-8"),
    (b"[]", "not an object of settings"),
])
def test_settings_of_the_wrong_shape_give_a_message_not_a_traceback(tmp_path, content, words):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "settings.json").write_bytes(content)
    settings, problems, damaged = read_settings(directory)
    assert "theme" not in settings and len(problems) == 1 and words in problems[0]
    assert str(directory / "settings.json") in problems[0]
    assert (directory / "settings.json").read_bytes() == content, "reading never changes it"
    notice = save_setting(directory, "theme", "nord")
    assert read_settings(directory)[0]["theme"] == "nord"
    if damaged:
        [backup] = directory.glob("settings.json.corrupt-*")
        assert backup.read_bytes() == content and str(backup) in notice


def test_symlinked_progress_file_is_written_through_never_replaced(tmp_path, capsys):
    directory = tmp_path / "data"
    directory.mkdir()
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    with ProgressStore.open(elsewhere) as store:
        store.set_done("ubuntu", "pick-lts", True)
        store.record_attempt("q1", True, "a")
    for name in ("progress.json", "attempts.jsonl"):
        (directory / name).symlink_to(elsewhere / name)
    with ProgressStore.open(directory) as store:
        store.set_done("ubuntu", "second", True)
        store.record_attempt("q2", True, "b")
    for name in ("progress.json", "attempts.jsonl"):
        assert (directory / name).is_symlink(), f"{name} became a regular file"
    with ProgressStore.open(elsewhere, read_only=True) as target:
        assert target.done_items("ubuntu") == {"pick-lts", "second"}
        assert [a["question"] for a in target.attempts()] == ["q1", "q2"]


def test_two_directories_sharing_a_progress_file_through_a_link_share_its_lock(tmp_path):
    """The writer lock is taken beside the file really written: the directory holding the
    link and the one holding the file cannot both write it (one change would be lost)."""
    from oslearn.progress.store import ProgressLocked

    real = tmp_path / "real"
    linked = tmp_path / "linked"
    linked.mkdir()
    with ProgressStore.open(real) as store:
        store.set_done("ubuntu", "pick-lts", True)
    (linked / "progress.json").symlink_to(real / "progress.json")
    with ProgressStore.open(real) as writer:
        assert not writer.read_only
        with pytest.raises(ProgressLocked):
            ProgressStore.open(linked)
    with ProgressStore.open(linked) as writer:
        assert not writer.read_only
        with pytest.raises(ProgressLocked):
            ProgressStore.open(real)


def test_list_never_truncates_a_symlinked_log_target(tmp_path, capsys):
    directory = tmp_path / "data"
    directory.mkdir()
    target = tmp_path / "outside.jsonl"
    raw = b"".join(_attempt_line(i) + b"\n" for i in range(3)) + b"no newline, not a record"
    target.write_bytes(raw)
    (directory / "attempts.jsonl").symlink_to(target)
    _read_only_commands(directory, capsys)
    assert target.read_bytes() == raw and (directory / "attempts.jsonl").is_symlink()


def test_damaged_symlinked_progress_file_is_backed_up_and_the_link_kept(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    target = tmp_path / "outside.json"
    target.write_bytes(b"{broken")
    (directory / "progress.json").symlink_to(target)
    with ProgressStore.open(directory) as store:
        [backup] = directory.glob("progress.json.corrupt-*")
        assert backup.read_bytes() == b"{broken" and any(str(backup) in notice_text(n) for n in store.notices)
        store.set_done("ubuntu", "pick-lts", True)
    assert (directory / "progress.json").is_symlink()
    assert json.loads(target.read_bytes())["checklist"]


def test_a_closed_pipe_ends_the_command_quietly(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "attempts.jsonl").write_bytes(b"".join(_attempt_line(i) + b"\n" for i in range(3000)))
    env = {k: v for k, v in os.environ.items() if k != "OSLEARN_DATA_DIR"}
    process = subprocess.Popen([sys.executable, "-m", "oslearn.tui.cli", "--data-dir", str(directory), "progress",
                                "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    first = process.stdout.readline()  # like `| head -1`: read one line, then go away
    process.stdout.close()
    error = process.stderr.read()
    process.wait(60)
    assert first == b"{\n"
    assert error == b"", error.decode()
    assert process.returncode == cli.CLOSED_PIPE_EXIT
