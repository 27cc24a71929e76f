"""The cache of parsed lesson files used for added curricula (``oslearn.lessons.cache``)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from oslearn.lessons import cache as cache_module
from oslearn.lessons.cache import LessonCache, cache_file
from oslearn.lessons.curricula import load_library

from support.curricula import make_root, write_lesson


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "extra"
    for n in range(3):
        write_lesson(folder, f"lesson-{n}", f"Lesson {n}", order=n)
    (folder / "broken.md").write_text("---\nid: broken\ntitle: [unclosed\n---\n## A\n\nText.\n", encoding="utf-8")
    return folder


def _load(folder: Path):
    library = load_library([folder])
    return library.lessons, [str(problem) for problem in library.problems]


def _hits(folder: Path) -> int:
    cache = LessonCache.open(folder)
    for path in sorted(folder.glob("*.md")):
        cache.parse_lesson(path, [])
    return cache.hits


def test_a_second_load_is_answered_from_the_cache_with_the_same_lessons_and_problems(tmp_path):
    folder = _folder(tmp_path)
    first = _load(folder)
    assert cache_file(folder).exists()
    assert _hits(folder) == 4  # three lessons and the broken file, problems included
    assert _load(folder) == first
    assert any("broken.md" in problem for problem in first[1])


def test_a_changed_file_is_parsed_again_even_with_the_same_size_and_time(tmp_path):
    folder = _folder(tmp_path)
    _load(folder)
    path = folder / "lesson-1.md"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Lesson 1", "Lesson X"), encoding="utf-8")  # same length
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    lessons, _ = _load(folder)
    assert "Lesson X" in [lesson.title for lesson in lessons]
    assert _hits(folder) == 4


def test_a_content_root_uses_the_cache_too(tmp_path):
    root = make_root(tmp_path / "root")
    first = _load(root)
    assert cache_file(root).exists() and _load(root) == first


def test_a_damaged_or_foreign_cache_file_is_ignored_and_runs_nothing(tmp_path):
    folder = _folder(tmp_path)
    expected = _load(folder)
    target = cache_file(folder)
    target.write_bytes(b"not a pickle")
    assert _load(folder) == expected
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    target.write_bytes(pickle.dumps(((cache_module.FORMAT, cache_module._code_digest(), ()), {"x": Evil()})))
    assert _load(folder) == expected
    assert not marker.exists()
    assert _hits(folder) == 4  # rewritten by the load


def test_a_cache_from_other_loader_code_is_not_used(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    _load(folder)
    monkeypatch.setattr(cache_module, "_code_digest", lambda: b"another loader")
    assert _hits(folder) == 0


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache_module.CACHE_DIR_ENV, str(blocker))
    first = _load(folder)
    assert _load(folder) == first and _hits(folder) == 0
