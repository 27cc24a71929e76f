"""Extra curricula beside the built-in one: folders, ids, namespaced progress, the CLI."""

from __future__ import annotations

import os

from oslearn.lessons.curricula import (
    BUILTIN_ID,
    ENV_VAR,
    is_content_file,
    lesson_dirs,
    load_library,
    namespaced,
    split_id,
    watch_roots,
)
from oslearn.tui import cli

from support.curricula import make_root, write_lesson  # noqa: E402


def test_ids_are_namespaced_except_the_built_in_ones():
    assert namespaced("web", "intro") == "web/intro"
    assert namespaced(BUILTIN_ID, "ubuntu") == "ubuntu"
    assert split_id("web/intro") == ("web", "intro")
    assert split_id("ubuntu") == (BUILTIN_ID, "ubuntu")


def test_lesson_dirs_from_environment_then_command_line(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    environ = {ENV_VAR: f"{a}{os.pathsep}{os.pathsep}{b}"}
    assert lesson_dirs([b, tmp_path / "c"], environ) == [a, b, tmp_path / "c"]
    assert lesson_dirs([], {}) == []


def test_flat_folder_and_content_root_load_beside_the_built_in_one(tmp_path, curriculum):
    flat = tmp_path / "My Pages"
    write_lesson(flat, "intro", "Flat intro", order=20)
    write_lesson(flat, "later", "Flat later", order=10)
    root = make_root(tmp_path / "course")
    library = load_library([flat, root])
    assert library.problems == []
    assert [(p.id, p.title) for p in library.parts] == [
        (BUILTIN_ID, library.parts[0].title), ("my-pages", "My Pages"), ("web-servers", "Web servers")]
    built_in = [lesson.id for lesson in curriculum.lessons]
    assert [lesson.id for lesson in library.lessons] == [*built_in, "my-pages/later", "my-pages/intro", "web-servers/intro"]
    assert library.parts[1].lesson_ids == ("my-pages/later", "my-pages/intro")
    # Questions, banks and their lesson links carry the curriculum id too.
    [bank] = [b for b in library.banks if b.id.startswith("web-servers/")]
    assert bank.id == "web-servers/basics"
    [question] = bank.questions
    assert (question.id, question.lesson, question.bank) == ("web-servers/q1", "web-servers/intro", "web-servers/basics")
    assert library.question("web-servers/q1") is question
    assert library.lesson("web-servers/intro").title == "Root intro"


def test_the_same_lesson_id_in_two_curricula_never_collides(tmp_path):
    write_lesson(tmp_path / "a", "intro", "A intro")
    write_lesson(tmp_path / "b", "intro", "B intro")
    library = load_library([tmp_path / "a", tmp_path / "b"])
    assert library.lesson("a/intro").title == "A intro"
    assert library.lesson("b/intro").title == "B intro"


def test_curriculum_id_clash_is_reported_and_the_later_folder_left_out(tmp_path):
    write_lesson(tmp_path / "one" / "course", "intro", "One")
    write_lesson(tmp_path / "two" / "course", "intro", "Two")
    library = load_library([tmp_path / "one" / "course", tmp_path / "two" / "course"])
    assert library.lesson("course/intro").title == "One"
    [problem] = library.problems
    assert str(tmp_path / "two" / "course") in str(problem)
    assert "curriculum id 'course'" in str(problem) and "curriculum.yaml" in str(problem)
    # The built-in id is taken too.
    write_lesson(tmp_path / BUILTIN_ID, "intro", "Clash")
    assert "already used by the built-in curriculum" in str(load_library([tmp_path / BUILTIN_ID]).problems[0])


def test_broken_folders_are_problems_not_crashes(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    bad_manifest = tmp_path / "bad"
    write_lesson(bad_manifest, "intro", "Bad")
    (bad_manifest / "curriculum.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    bad_id = tmp_path / "badid"
    write_lesson(bad_id, "intro", "Bad id")
    (bad_id / "curriculum.yaml").write_text("id: Not/Valid\n", encoding="utf-8")
    broken_lesson = tmp_path / "broken"
    write_lesson(broken_lesson, "fine", "Fine")
    (broken_lesson / "broken.md").write_text("---\nid: broken\n---\nbody\n", encoding="utf-8")
    library = load_library([tmp_path / "missing", empty, bad_manifest, bad_id, broken_lesson])
    messages = [str(p) for p in library.problems]
    assert any("missing: does not exist" in m for m in messages)
    assert any("empty: holds no lessons" in m for m in messages)
    assert any(m.startswith(str(bad_manifest / "curriculum.yaml")) and "YAML" in m for m in messages)
    assert any("'Not/Valid' is not a valid curriculum id" in m for m in messages)
    assert any(m.startswith(str(broken_lesson / "broken.md")) and "missing required key" in m for m in messages)
    # The good lesson of the folder with a broken one still loads.
    assert library.lesson("broken/fine") is not None
    assert [p.id for p in library.parts] == [BUILTIN_ID, "broken"]


def test_watch_covers_the_content_folders_and_files(tmp_path):
    write_lesson(tmp_path / "c", "intro", "Intro")
    library = load_library([tmp_path / "c"])
    assert tmp_path / "c" in watch_roots(library)
    for name in ("intro.md", "lessons/a.md", "quizzes/bank.yaml", "quizzes/bank.yml", "curriculum.yaml"):
        assert is_content_file(tmp_path / "c" / name), name
    for name in ("notes.txt", ".#intro.md", ".intro.md.swp", "intro.md~", "4913"):
        assert not is_content_file(tmp_path / "c" / name), name


def test_a_flat_folder_loads_like_a_lessons_folder(tmp_path):
    write_lesson(tmp_path / "flat", "intro", "Intro")
    twin = write_lesson(tmp_path / "flat", "twin", "Twin")
    twin.write_text(twin.read_text(encoding="utf-8").replace("id: twin", "id: intro"), encoding="utf-8")
    (tmp_path / "flat" / "broken.md").write_text("no front matter", encoding="utf-8")
    library = load_library([tmp_path / "flat"])
    assert [lesson.id for lesson in library.lessons if lesson.id.startswith("flat/")] == ["flat/intro"]
    messages = [str(problem) for problem in library.problems]
    assert any("duplicate lesson id 'intro'" in m for m in messages)
    assert any(m.startswith(str(tmp_path / "flat" / "broken.md")) for m in messages)


def test_cli_list_shows_added_curricula(tmp_path, capsys, monkeypatch):
    write_lesson(tmp_path / "extra", "intro", "Extra intro")
    write_lesson(tmp_path / "env", "intro", "From the environment")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert cli.main(["--lessons", str(tmp_path / "extra"), "list"]) == 0
    out = capsys.readouterr().out
    assert "env/intro" in out and "From the environment" in out
    assert "extra/intro" in out and "Extra intro" in out
    assert out.index("env/intro") < out.index("extra/intro")
    assert cli.main(["--lessons", str(tmp_path / "extra"), "locate"]) == 0
    assert f"added lessons:  {tmp_path / 'extra'}" in capsys.readouterr().out


def test_oslearn_check_reads_a_curriculum_yaml_in_a_flat_folder(tmp_path, capsys):
    write_lesson(tmp_path, "intro", "Intro")
    (tmp_path / "curriculum.yaml").write_text("id: my-course\ntitle: My course\n", encoding="utf-8")
    assert cli.main(["check", str(tmp_path)]) == 0
    (tmp_path / "curriculum.yaml").write_text("id: My Course\n", encoding="utf-8")
    assert cli.main(["check", str(tmp_path)]) == 1
    assert "'My Course' is not a valid curriculum id" in capsys.readouterr().out
