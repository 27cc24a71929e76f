"""Builders of small curricula on disk, shared by the curricula and lesson-cache tests."""

from __future__ import annotations

from pathlib import Path

LESSON = """---
id: {id}
title: {title}
order: {order}
summary: A lesson for the tests.
sources:
  - {{url: "https://www.fullstackpython.com/{id}.html"}}
checklist:
  - {{id: try-it, text: Try it.}}
---
## First

Text of {title}.

## Second

More text.
"""


def write_lesson(folder: Path, lesson_id: str, title: str, order: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lesson_id}.md"
    path.write_text(LESSON.format(id=lesson_id, title=title, order=order), encoding="utf-8")
    return path


def make_root(folder: Path) -> Path:
    """A content root with lessons/, quizzes/ and a curriculum.yaml."""
    write_lesson(folder / "lessons", "intro", "Root intro")
    (folder / "quizzes").mkdir()
    (folder / "quizzes" / "basics.yaml").write_text(
        "id: basics\ntitle: Basics\nquestions:\n"
        "  - id: q1\n    topic: web\n    type: true_false\n    prompt: Is Nginx a web server?\n"
        "    answer: true\n    explanation: It is.\n    source: {file: 001_fae48d724783d07a.txt}\n"
        "    lesson: intro\n", encoding="utf-8")
    (folder / "curriculum.yaml").write_text("id: web-servers\ntitle: Web servers\n", encoding="utf-8")
    return folder
