"""`oslearn check` and the loader on broken content: every problem is named by file and line,
with a fix, and nothing a file holds can make them raise.

The corpus is ``tests/data/broken/`` (lessons/ and quizzes/, one rule broken per file); the huge
files are generated here rather than committed.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from oslearn.lessons.loader import (
    MAX_FILE_BYTES,
    builtin_content,
    check_paths,
    load_curriculum,
    parse_bank,
    parse_lesson,
)
from oslearn.lessons.model import QUESTION_TOPICS
from oslearn.tui import cli

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"

#: For each broken file: (line, words the problem must contain). Every one must be reported.
EXPECTED: dict[str, list[tuple[int, str]]] = {
    "lessons/alias.md": [(7, "alias")],
    "lessons/bad-date.md": [(7, "month must be in 1..12")],
    "lessons/bad-resource.md": [(10, "resources[0].url: '/ansible.html' is not an absolute http(s) URL")],
    "lessons/bad-section.md": [(7, "sources[0].section: 'Ubuntu' is not a heading or line of 003_")],
    "lessons/bad-yaml.md": [(6, "invalid YAML")],
    "lessons/binary.md": [(3, "binary file")],
    "lessons/broken-body-link.md": [(11, "link '/web-servers.html' does not resolve"),
                                    (15, "link '#no-such-section' names no section")],
    "lessons/duplicate-checklist.md": [(10, "checklist[1].id: duplicate checklist id 'harden'")],
    "lessons/duplicate-key.md": [(6, "duplicate key 'title' (first on line 3)")],
    "lessons/empty.md": [(1, "is empty")],
    "lessons/front-matter-list.md": [(2, "must be a mapping")],
    "lessons/latin-1.md": [(5, "not UTF-8")],
    "lessons/missing-fields.md": [(2, "missing required key 'title'"), (2, "missing required key 'summary'")],
    "lessons/no-front-matter.md": [(1, "does not start with a front matter block")],
    "lessons/notes.txt": [(1, "is not read: files here must end in .md")],
    "lessons/tab-indented.md": [(7, "indent with spaces, not tabs")],
    "lessons/twin-b.md": [(2, "duplicate lesson id 'twin' (also in")],
    "lessons/unclosed-front-matter.md": [(1, "front matter block is not closed")],
    "lessons/unknown-source.md": [(8, "sources[1].file: '999_nonexistent.txt' is not a source file")],
    "lessons/wrong-types.md": [(4, "order: must be a whole number"), (6, "sources: must be a non-empty list")],
    "quizzes/answer-not-in-choices.yaml": [(9, "answer: 'YUM' is not among the choices")],
    "quizzes/bad-syntax.yaml": [(7, "invalid YAML: mapping values are not allowed")],
    "quizzes/bad-type.yaml": [(6, "unknown question type 'essay'"), (13, "unknown question type ['single', 'multiple']")],
    "quizzes/dangling-lesson.yaml": [(4, "names lesson 'ubuntoo', which does not exist"),
                                     (12, "lesson 'twin' has no section 'canonical-and-debian'")],
    "quizzes/deep-nesting.yaml": [(2, "nested more than 32 levels deep")],
    "quizzes/duplicate-ids.yaml": [(11, "duplicate question id 'twin-question'")],
    "quizzes/missing-fields.yaml": [(4, "missing required key 'explanation'"), (4, "missing required key 'source'")],
    "quizzes/not-a-mapping.yaml": [(1, "must be a mapping")],
    "quizzes/ordering-mismatch.yaml": [(9, "does not hold exactly the items of `choices`")],
    "quizzes/bad-choices.yaml": [(8, "a single-choice question needs at least two choices"),
                                 (16, "choices: lists 'YUM' 2 times")],
    "quizzes/wrong-types.yaml": [(8, "must be true or false, not text"), (16, "must map each left item")],
}
#: Valid files in the corpus, there so that duplicates and dangling links have a partner.
VALID = {"lessons/twin-a.md"}

LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+): (?P<rest>.+)$")


def test_the_corpus_has_what_it_claims():
    files = {str(p.relative_to(BROKEN)) for p in BROKEN.rglob("*") if p.is_file()}
    assert files == set(EXPECTED) | VALID
    assert len(EXPECTED) >= 15


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_check_names_file_and_line_of_every_problem(loader, monkeypatch):
    if loader == "pure-python":  # the fallback when PyYAML is built without libyaml
        import yaml

        from oslearn.lessons import loader as module

        monkeypatch.setattr(module, "_YAMLLoader", yaml.SafeLoader)
    _, problems = check_paths([BROKEN])
    reported = {(str(Path(p.path).relative_to(BROKEN)), p.line, str(p)) for p in problems}
    for name, expected in EXPECTED.items():
        for line, words in expected:
            assert any(f == name and ln == line and words in text for f, ln, text in reported), \
                f"{name}:{line} should report {words!r}; got {[r for r in reported if r[0] == name]}"
    assert not any(f in VALID for f, _, _ in reported)
    for problem in problems:
        assert problem.line >= 1 and problem.fix, str(problem)
        assert "could not be checked" not in problem.problem, str(problem)


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"lessons/twin-b.md", "lessons/notes.txt",
                                                          "quizzes/dangling-lesson.yaml"}))
def test_check_of_one_file_prints_file_line_and_fails(name, capsys):
    path = BROKEN / name
    assert cli.main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines and all(LINE.match(line) and line.startswith(f"{path}:") for line in lines), out
    assert f"{path}:{EXPECTED[name][0][0]}:" in out
    assert "problem(s) found" in err and "Traceback" not in out + err


def test_check_of_a_valid_file_passes(capsys):
    assert cli.main(["check", str(BROKEN / "lessons" / "twin-a.md")]) == 0
    assert "ok" in capsys.readouterr().out


def test_check_of_a_path_that_is_not_there(tmp_path, capsys):
    assert cli.main(["check", str(tmp_path / "nope.md")]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_builtin_content_passes_with_stats(capsys):
    assert cli.main(["check", "--stats"]) == 0
    out = capsys.readouterr().out
    for words in ("lessons: 6", "questions:", "by type:", "matching", "ordering", "command", "by topic:",
                  "page history", "checklist items:", "resources:", "share by topic:", "page-history share:",
                  "right answer is the longest choice", "near-duplicate prompts", "learning objectives",
                  "ok: 6 lessons"):
        assert words in out, words


def _huge(path: Path, header: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header)
        line = "Filler text for a lesson far longer than any lesson should be.\n"
        handle.write(line * (MAX_FILE_BYTES // len(line) + 10))


def test_check_in_a_real_process_never_shows_a_traceback(tmp_path):
    """The whole corpus plus generated huge files, through the installed entry point."""
    root = tmp_path / "content"
    shutil.copytree(BROKEN, root)
    _huge(root / "lessons" / "huge.md", "---\nid: huge\n---\n")
    _huge(root / "quizzes" / "huge.yaml", "id: huge\n# ")
    result = subprocess.run([sys.executable, "-m", "oslearn.tui.cli", "check", str(root)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), [l for l in lines if not LINE.match(l)]
    for huge in ("lessons/huge.md", "quizzes/huge.yaml"):
        assert f"{root / huge}:1: is over the {MAX_FILE_BYTES:,}-byte limit" in result.stdout
    named = {Path(LINE.match(line)["path"]).relative_to(root).as_posix() for line in lines}
    assert set(EXPECTED) | {"lessons/huge.md", "quizzes/huge.yaml"} == named


def test_the_loader_keeps_the_good_files_of_a_broken_tree():
    curriculum = load_curriculum(BROKEN)
    assert [lesson.id for lesson in curriculum.lessons] == ["broken-body-link", "twin"]
    # A broken question is left out; the rest of its bank still loads.
    assert {q.id for q in curriculum.questions} == {"no-such-lesson", "no-such-section", "twin-question"}
    broken_files = {Path(p.path).name for p in curriculum.problems}
    assert {"empty.md", "binary.md", "tab-indented.md", "answer-not-in-choices.yaml"} <= broken_files


def test_the_builtin_curriculum_keeps_to_its_fixed_topics(tmp_path):
    bank = tmp_path / "topics.yaml"
    bank.write_text("id: t\ntitle: T\nquestions:\n  - id: q\n    topic: kernels\n    type: true_false\n"
                    "    prompt: P\n    answer: true\n    explanation: E\n"
                    "    source: {file: 001_fae48d724783d07a.txt}\n", encoding="utf-8")
    problems: list = []
    assert parse_bank(bank, problems, topics=QUESTION_TOPICS).questions == []
    assert [(p.line, p.field) for p in problems] == [(5, "questions[0].topic")]
    assert "use one of: distributions, package managers" in problems[0].fix
    problems = []
    assert len(parse_bank(bank, problems).questions) == 1 and problems == []  # added curricula choose


# --- fuzzing: mutated copies of the real content never make the loader raise -------------------


def _mutations(text: str, rng: random.Random):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    j = rng.randrange(len(lines))
    yield "\n".join(lines[:i] + lines[i + 1:])                                 # drop a line
    yield "\n".join(lines[:i] + [lines[i], lines[i]] + lines[i + 1:])           # repeat a line
    yield "\n".join(lines[:i] + ["\t" + lines[i]] + lines[i + 1:])              # tab-indent it
    yield "\n".join(lines[:i] + [lines[i] + ": x: [{"] + lines[i + 1:])          # syntax damage
    yield "\n".join(lines[:i] + [re.sub(r":\s.*", ": [a, {b: c}]", lines[i])] + lines[i + 1:])  # wrong type
    yield "\n".join(lines[:i] + [re.sub(r":\s.*", ": 2021-13-45", lines[i])] + lines[i + 1:])   # bad date
    yield "\n".join(lines[:i] + [re.sub(r":\s.*", ": ~", lines[i])] + lines[i + 1:])            # null value
    yield "\n".join(lines[:min(i, j)] + lines[max(i, j):])                       # cut a block out
    yield text[: rng.randrange(len(text))]                                       # truncated
    yield text.replace("---", "- --", 1)                                         # front matter damage
    yield "\n".join(lines[:i] + ["&a [1]", "*a"] + lines[i:])                    # anchors
    yield "\n".join(lines[:i] + ["  " * 40 + "- x"] + lines[i:])                 # odd indentation


def test_mutated_content_gives_problems_never_exceptions(tmp_path):
    rng = random.Random(20140214)
    sources = [e for folder in ("lessons", "quizzes") for e in (builtin_content() / folder).iterdir()]
    count = 0
    for entry in sorted(sources, key=lambda e: e.name):
        text = entry.read_text(encoding="utf-8")
        parse = parse_lesson if entry.name.endswith(".md") else parse_bank
        for round_ in range(3):
            for number, mutated in enumerate(_mutations(text, rng)):
                path = tmp_path / f"{round_}-{number}-{entry.name}"
                path.write_text(mutated, encoding="utf-8")
                problems: list = []
                parse(path, problems)  # must not raise
                for problem in problems:
                    assert problem.line >= 1 and problem.path == str(path), str(problem)
                count += 1
    assert count >= 300
