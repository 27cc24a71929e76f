"""The progress commands of the CLI, in-process: locate, export/import, reset, and the
second-instance handling of the app path (terminal and no terminal)."""

from __future__ import annotations

import json
import os

import pytest

from oslearn.progress import ProgressStore
from oslearn.tui import cli
from oslearn.tui.notices import notice_text


class _Terminal:
    """A stand-in stdin that is a terminal; ``input()`` is patched separately."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch):
    """Make stdin a terminal and script the answers ``input()`` gives (EOFError when out)."""
    answers: list[str] = []
    prompts: list[str] = []

    def fake_input(prompt=""):
        prompts.append(prompt)
        if not answers:
            raise EOFError
        return answers.pop(0)

    monkeypatch.setattr(cli.sys, "stdin", _Terminal())
    monkeypatch.setattr(cli, "has_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", fake_input)
    return answers, prompts


def _seed(directory):
    with ProgressStore.open(directory) as store:
        store.set_done("ubuntu", "pick-lts", True)
        store.set_done("checklist", "sudo-user", True)
        store.record_attempt("distro-ubuntu-company", True, "Canonical")
        store.set_position("ubuntu", "lts")


def test_locate_prints_every_path_in_use(isolated_data_dir, capsys):
    assert cli.main(["locate"]) == 0
    out = capsys.readouterr().out
    for expected in (f"data directory: {isolated_data_dir}", f"progress file:  {isolated_data_dir / 'progress.json'}",
                     f"quiz answers:   {isolated_data_dir / 'attempts.jsonl'}",
                     f"quiz scores:    {isolated_data_dir / 'quiz_history.jsonl'}",
                     f"writer lock:    {isolated_data_dir / 'progress.json.lock'}"):
        assert expected in out
    lessons = next(line for line in out.splitlines() if line.startswith("lessons:")).split(maxsplit=1)[1]
    assert any(p.endswith(".md") for p in os.listdir(lessons))
    assert not isolated_data_dir.exists()  # locating creates nothing


def test_export_then_import_on_another_machine(isolated_data_dir, tmp_path, capsys):
    _seed(isolated_data_dir)
    export = tmp_path / "moving.json"
    assert cli.main(["progress", "--export", str(export)]) == 0
    assert f"to {export}" in capsys.readouterr().out
    document = json.loads(export.read_text())
    assert document["format"] == "oslearn-progress" and len(document["attempts"]) == 1

    other = tmp_path / "other-machine"
    assert cli.main(["--data-dir", str(other), "progress", "--import", str(export)]) == 0
    out = capsys.readouterr().out
    assert "2 checklist ticks and 1 quiz answer added" in out and "Backup of the progress" in out
    with ProgressStore.open(other) as store:
        assert store.done_items("ubuntu") == {"pick-lts"} and store.position() == ("ubuntu", "lts")
    # Export to standard output as well.
    assert cli.main(["progress", "--export", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["tables"]["checklist"]


@pytest.mark.parametrize("content, message", [
    (b"not json", "not valid JSON"),
    (b"\xff\xfe", "not valid UTF-8"),
    (b'{"format": "oslearn-progress", "schema_version": 2, "attempts": [{"question": "q"}]}', "attempts[0]"),
    # Numbers must be finite: refused before anything is merged (the attempts come first).
    (b'{"format": "oslearn-progress", "schema_version": 2, "attempts": [{"question": "q", "correct": true, '
     b'"answer": "a", "at": "2026-01-01T00:00:00+00:00"}], "tables": {"cards": [{"question": "q", '
     b'"card": {"stability": NaN}}]}}', "NaN, which is not a finite number"),
    (b'{"format": "oslearn-progress", "schema_version": 2, "tables": {"cards": [{"question": "q", '
     b'"card": {"difficulty": Infinity}}]}}', "Infinity, which is not a finite number"),
    (b'{"format": "oslearn-progress", "schema_version": 2, "tables": {"x": [{"n": 1e999}]}}', "not a finite number"),
    (b"[" * 5000 + b"]" * 5000, "nested deeper than 16 levels"),
    (b'{"format": "oslearn-progress", "schema_version": 2, "tables": {"cards": [{"question": ["q"]}]}}',
     "tables.cards[0].question"),
], ids=["not-json", "not-utf8", "bad-attempt", "nan", "infinity", "overflow", "deep", "card-question"])
def test_import_of_a_bad_file_says_why_and_changes_nothing(isolated_data_dir, tmp_path, capsys, content, message):
    _seed(isolated_data_dir)
    before = {p.name: p.read_bytes() for p in isolated_data_dir.iterdir()}
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert cli.main(["progress", "--import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and message in err
    assert err.rstrip().endswith("Nothing was changed."), err
    assert {p.name: p.read_bytes() for p in isolated_data_dir.iterdir()} == before


def test_import_of_a_missing_file(tmp_path, capsys):
    assert cli.main(["progress", "--import", str(tmp_path / "nope.json")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_reset_without_a_terminal_needs_yes(isolated_data_dir, capsys):
    _seed(isolated_data_dir)
    assert cli.main(["reset"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert cli.main(["reset", "ubuntu", "--yes"]) == 0
    out = capsys.readouterr().out
    backup = out.split("Backup: ")[1].split(" ")[0]
    assert "1 checklist entry" in out and f"oslearn progress --import {backup}" in out
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.done_items("ubuntu") == set() and store.done_items("checklist") == {"sudo-user"}
    assert cli.main(["reset", "--yes"]) == 0
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.done_items("checklist") == set() and store.attempts() == []


def test_reset_asks_on_a_terminal(isolated_data_dir, capsys, terminal):
    answers, prompts = terminal
    _seed(isolated_data_dir)
    answers.append("n")
    assert cli.main(["reset"]) == 1
    assert "ALL progress" in prompts[-1] and "[y/N]" in prompts[-1]
    assert cli.main(["reset", "ubuntu"]) == 1  # end of input counts as no
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.done_items("ubuntu") == {"pick-lts"}
    answers.append("y")
    assert cli.main(["reset", "ubuntu"]) == 0
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.done_items("ubuntu") == set()


def test_reset_of_an_unknown_lesson_is_refused(isolated_data_dir, capsys):
    _seed(isolated_data_dir)
    assert cli.main(["reset", "no-such-lesson", "--yes"]) == 2
    assert "no lesson 'no-such-lesson'" in capsys.readouterr().err


def test_reset_of_a_lesson_only_in_the_progress_is_allowed(isolated_data_dir, capsys):
    with ProgressStore.open(isolated_data_dir) as store:
        store.set_done("retired-lesson", "old-item", True)
    assert cli.main(["reset", "retired-lesson", "--yes"]) == 0
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.done_items("retired-lesson") == set()


def test_progress_summary_counts_orphaned_records(isolated_data_dir, capsys):
    with ProgressStore.open(isolated_data_dir) as store:
        store.set_done("retired-lesson", "old-item", True)
        store.record_attempt("retired-question", True)
    assert cli.main(["progress"]) == 0
    assert "no longer present: 1 tick, 1 answer" in capsys.readouterr().out
    assert cli.main(["progress", "--json"]) == 0
    orphaned = json.loads(capsys.readouterr().out)["orphaned"]
    assert orphaned["checklist"] == [{"lesson": "retired-lesson", "item": "old-item"}]
    assert [a["question"] for a in orphaned["attempts"]] == ["retired-question"]


# --- the app path with a second instance -------------------------------------------------

def _args(*argv):
    return cli.build_parser().parse_args(list(argv))


def test_second_app_without_a_terminal_exits_with_advice(isolated_data_dir, capsys):
    with ProgressStore.open(isolated_data_dir):
        assert cli.open_store_for_app(_args()) == 2
    err = capsys.readouterr().err
    assert "Another oslearn is using" in err and "oslearn --read-only" in err


@pytest.mark.parametrize("answer", ["", "y", "YES"])
def test_second_app_on_a_terminal_opens_read_only_when_accepted(isolated_data_dir, terminal, answer):
    answers, prompts = terminal
    answers.append(answer)
    with ProgressStore.open(isolated_data_dir) as first:
        first.set_done("ubuntu", "pick-lts", True)
        with cli.open_store_for_app(_args()) as store:
            assert store.read_only and "Another oslearn holds" in notice_text(store.notices[0])
            assert store.read_only_reason is store.notices[0]
            assert store.done_items("ubuntu") == {"pick-lts"}
            assert "[Y/n]" in prompts[0]


@pytest.mark.parametrize("answer", ["n", None])
def test_second_app_on_a_terminal_declined_or_eof_exits(isolated_data_dir, terminal, answer):
    answers, _ = terminal
    if answer is not None:
        answers.append(answer)
    with ProgressStore.open(isolated_data_dir):
        assert cli.open_store_for_app(_args()) == 2


def test_read_only_flag_opens_without_the_lock_or_asking(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir):
        with cli.open_store_for_app(_args("--read-only")) as store:
            assert store.read_only and "--read-only" in notice_text(store.notices[0])


def test_a_browser_tab_of_serve_opens_read_only_without_asking(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir):
        with cli.open_store_for_app(_args("--web")) as store:
            assert store.read_only and "browser tab" in notice_text(store.notices[0])


def test_cmd_app_runs_the_app_on_the_read_only_store(isolated_data_dir, terminal, monkeypatch):
    from oslearn.tui.app import OSLearnApp

    answers, _ = terminal
    answers.append("")
    seen = {}

    def fake_run(app, *args, **kwargs):
        seen["read_only"] = app.store.read_only
        seen["notices"] = list(app.store.notices)
        seen["store"] = app.store

    monkeypatch.setattr(OSLearnApp, "run", fake_run)
    with ProgressStore.open(isolated_data_dir):
        assert cli.main([]) == 0
    assert seen["read_only"] and "Another oslearn holds" in notice_text(seen["notices"][0])
    assert seen["store"].db.storage.read_only


def test_the_app_without_a_terminal_says_so_and_exits_2(isolated_data_dir, capsys):
    assert cli.main([]) == 2
    assert "needs a terminal" in capsys.readouterr().err
