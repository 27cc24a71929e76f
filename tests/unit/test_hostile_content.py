"""Content written by others is text, never terminal control: the hostile corpus in
``tests/data/hostile/`` (a curriculum usable with ``--lessons``) holds OSC 52 (clipboard),
OSC 0 (window title) and OSC 8 (hidden link) escape sequences, raw and as YAML escapes,
and ``[@click=...]`` markup and ``[/]`` in every field. ``oslearn check`` reports every
control character with its file, line and field; the loader removes them and keeps the
markup as plain text; ``oslearn import`` never writes one."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from oslearn.lessons.importer import MAX_ID_LENGTH, import_pages
from oslearn.lessons.loader import load_curriculum
from oslearn.lessons.text import (
    CONTROL_CHARACTERS, find_control_characters, is_id, is_web_url, remove_control_characters, slugify,
)

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = DATA / "hostile"
PAGES = DATA / "hostile-pages"
CLICK = "[@click=app.quit]x[/]"

#: What `oslearn check` must say about the corpus: (file, line, field) -> characters, in order.
EXPECTED = {
    ("lessons/hostile.md", 3, "title"): ["U+001B", "U+0007"],
    ("lessons/hostile.md", 5, "summary"): ["U+001B", "U+001B"],
    ("lessons/hostile.md", 7, "sources[0].note"): ["U+001B"] * 4,
    ("lessons/hostile.md", 9, "resources[0].title"): ["U+001B", "U+0007"],
    ("lessons/hostile.md", 10, "resources[0].url"): ["U+001B", "U+0007"],
    ("lessons/hostile.md", 11, "resources[0].description"): ["U+001B", "U+001B"],
    ("lessons/hostile.md", 14, "checklist[0].text"): ["U+001B", "U+0007"],
    ("lessons/hostile.md", 15, "checklist[0].detail"): ["U+001B"] * 4,
    ("lessons/hostile.md", 16, "checklist[0].links[0]"): ["U+001B", "U+0007"],
    ("lessons/hostile.md", 18, "checklist[1].text"): ["U+001B", "U+0007"],  # written as YAML escapes
    ("lessons/hostile.md", 20, "body"): ["U+001B", "U+0007"],
    ("lessons/hostile.md", 24, "body"): ["U+001B", "U+001B", "U+001B", "U+0007"] + ["U+001B"] * 4,
    ("quizzes/hostile.yaml", 2, "title"): ["U+001B", "U+0007"],
    ("quizzes/hostile.yaml", 7, "questions[0].prompt"): ["U+001B", "U+001B"],
    ("quizzes/hostile.yaml", 10, "questions[0].explanation"): ["U+001B"] * 4,
    ("quizzes/hostile.yaml", 16, "questions[1].prompt"): ["U+001B", "U+0007"],
}


def _strings(value, seen=None):
    """Every string reachable from a loaded model object (dataclasses, tuples, lists)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from _strings(getattr(value, item.name), seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, seen)
            yield from _strings(item, seen)


def test_the_corpus_really_holds_escape_sequences():
    raw = (HOSTILE / "lessons" / "hostile.md").read_bytes()
    for sequence in (b"\x1b]52;c;", b"\x1b]0;PWNED\x07", b"\x1b]8;;https://evil.example/"):
        assert sequence in raw
    assert b"\\e]0;" in raw  # and as a YAML escape, which only parsing turns into ESC


def test_check_reports_every_control_character_with_file_line_and_field():
    result = subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "check", str(HOSTILE)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    reported: dict[tuple, list[str]] = {}
    for line in result.stdout.splitlines():
        where, field, problem = line.rsplit(": ", 2)[0], line.split(": ")[1], line.split(": ", 2)[2]
        path, number = where.rsplit(":", 1)
        assert problem.startswith("control character U+") and problem.endswith("; remove it"), line
        key = (str(Path(path).relative_to(HOSTILE)), int(number), field)
        reported.setdefault(key, []).append(problem.split()[2].rstrip(";"))
    assert reported == EXPECTED
    assert f"{sum(map(len, EXPECTED.values()))} problem(s) found." in result.stderr


def test_the_corpus_loads_without_control_characters_and_keeps_markup_as_text():
    curriculum = load_curriculum(HOSTILE)
    assert [lesson.id for lesson in curriculum.lessons] == ["hostile"]
    assert sorted(q.id for q in curriculum.questions) == ["hostile-single", "hostile-true-false"]
    assert all("control character" in problem.problem for problem in curriculum.problems)
    for text in _strings([curriculum.lessons, curriculum.banks]):
        assert not CONTROL_CHARACTERS.search(text), repr(text)
    lesson = curriculum.lessons[0]
    assert lesson.title == f"[/] {CLICK} ]0;PWNED"
    assert lesson.sections[0].title.startswith(f"[/] {CLICK}") and lesson.sections[1].title == "Second section [/]"
    assert lesson.resources[0].url == f"https://example.com/{CLICK}]0;PWNED"
    assert curriculum.banks[0].title.startswith(f"[/] {CLICK}")


def test_importer_never_writes_a_control_character(tmp_path):
    out = tmp_path / "out"
    [outcome] = import_pages([PAGES / "hostile-page.markdown"], out)
    assert outcome.written is not None and outcome.problems == []
    raw = outcome.written.read_bytes()
    assert not CONTROL_CHARACTERS.search(raw.decode("utf-8"))
    for escape in (b"\\e", b"\\x1b", b"\\a", b"\\x07", b"\\u001b"):
        assert escape not in raw, escape
    assert any("removed" in note and "control character" in note for note in outcome.lesson.notes)
    assert CLICK.encode() in raw  # markup is text: kept as written, shown as written
    check = subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "check", str(out)],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr


def test_control_characters_are_c0_but_tab_and_newline_del_and_c1():
    every = "".join(map(chr, range(0x00, 0xA0)))
    kept = remove_control_characters(every)
    assert kept == "\t\n" + "".join(map(chr, range(0x20, 0x7F)))
    assert [c for _, c in find_control_characters("a\x1bb\nc\x9bd\x7f")] == ["\x1b", "\x9b", "\x7f"]
    assert find_control_characters("x\n\x1b", first_line=5) == [(6, "\x1b")]


def test_one_slug_and_one_id_pattern():
    assert slugify("Système") == "systeme"
    assert slugify("Red Hat & CentOS") == "red-hat-centos"
    assert slugify("!!!", fallback="section") == "section"
    long = slugify("word " * 4000, max_length=MAX_ID_LENGTH)
    assert len(long) <= MAX_ID_LENGTH and is_id(long) and not long.endswith("-")
    assert is_id("ubuntu-22.04_lts") and not is_id("Ubuntu") and not is_id("-x") and not is_id(3)


@pytest.mark.parametrize("url, ok", [
    ("https://example.com/", True), ("http://example.com/a?b=c#d", True), ("HTTPS://EXAMPLE.COM", True),
    ("https://example.com/\x1b]0;t\x07", False), ("https://example.com/a b", False), ("https://", False),
    ("javascript:alert(1)", False), ("ftp://example.com/", False), ("https://exa\x9bmple.com/", False),
    ("file:///etc/passwd", False),
])
def test_resource_urls_are_http_or_https_without_whitespace_or_control_characters(url, ok):
    assert is_web_url(url) is ok


def test_import_creates_each_file_exclusively(tmp_path):
    """Two imports writing the same lesson at once: exactly one writes it, the other is told."""
    page = PAGES / "hostile-page.markdown"
    for attempt in range(20):
        out = tmp_path / f"round-{attempt}"
        results: list = []
        barrier = threading.Barrier(2)

        def run():
            barrier.wait()
            results.extend(import_pages([page], out))

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        written = [r for r in results if r.written is not None]
        refused = [r for r in results if r.written is None]
        assert len(written) == 1 and len(refused) == 1, [r.error for r in results]
        assert "exists, not overwritten; add --force" in refused[0].error
        assert [p.name for p in out.iterdir()] == ["hostile-page.md"]  # no temporary file left


def test_import_force_replaces_and_without_it_leaves_the_file(tmp_path):
    page = PAGES / "hostile-page.markdown"
    target = tmp_path / "hostile-page.md"
    target.write_text("mine\n")
    [kept] = import_pages([page], tmp_path)
    assert kept.written is None and target.read_text() == "mine\n"
    [replaced] = import_pages([page], tmp_path, force=True)
    assert replaced.written == target and target.read_text().startswith("---\n")


def test_import_shortens_long_ids_and_goes_on_past_a_page_it_cannot_import(tmp_path):
    long_page = tmp_path / "long.markdown"
    long_page.write_text("title: " + "Very long title " * 1250 + "\ncategory: page\n\n## Section\n\nText.\n")
    binary = tmp_path / "binary.markdown"
    binary.write_bytes(b"\x00\x01\x02")
    good = PAGES / "hostile-page.markdown"
    result = subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "import", str(binary), str(long_page),
                             str(tmp_path / "missing.markdown"), str(good), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "binary.markdown: is a binary file" in result.stderr
    assert "missing.markdown: no such file" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("2 of 4 page(s) not imported: ")
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "hostile-page.md" in written and len(written) == 2
    long_name = next(name for name in written if name != "hostile-page.md")
    assert len(long_name) <= MAX_ID_LENGTH + len(".md") and long_name.startswith("very-long-title-")


def test_a_file_name_holding_an_escape_sequence_is_named_with_escapes_never_sent_raw(tmp_path):
    """``oslearn check`` and ``oslearn import`` name the file (so the learner can find it) with
    each control character written as its escape: no sequence reaches the terminal."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "020-\x1b]2;PWNED\x1b\\x.md").write_text("---\nid: [broken\n---\n", encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "check", str(folder)],
                             capture_output=True, text=True)
    assert checked.returncode == 1
    assert "020-\\x1b]2;PWNED\\x1b\\x.md:2: invalid YAML" in checked.stdout
    assert not CONTROL_CHARACTERS.search(checked.stdout + checked.stderr)

    page = tmp_path / "page\x1b]0;X\x07.markdown"
    imported = subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "import", str(page), "--out",
                               str(tmp_path / "out")], capture_output=True, text=True)
    assert imported.returncode == 1 and "page\\x1b]0;X\\x07.markdown: no such file" in imported.stderr
    assert not CONTROL_CHARACTERS.search(imported.stdout + imported.stderr)
