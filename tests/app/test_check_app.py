"""The app on a content folder holding good and broken files: it starts, shows every good
lesson, and names the broken files on the home screen instead of crashing."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Markdown, OptionList, Static

from oslearn.lessons import load_curriculum
from oslearn.lessons.loader import builtin_content
from oslearn.tui.screens.home import HomeScreen
from oslearn.tui.screens.lesson import LessonScreen

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"
BROKEN_FILES = ("lessons/empty.md", "lessons/tab-indented.md", "lessons/binary.md",
                "quizzes/answer-not-in-choices.yaml")


def _content_root(tmp_path: Path, broken: tuple[str, ...]) -> Path:
    root = tmp_path / "content"
    for folder in ("lessons", "quizzes"):
        (root / folder).mkdir(parents=True)
        for entry in (builtin_content() / folder).iterdir():
            (root / folder / entry.name).write_bytes(entry.read_bytes())
    for name in broken:
        shutil.copy(BROKEN / name, root / name)
    return root


async def test_app_shows_good_lessons_and_lists_broken_files(tmp_path, make_app):
    builtin = load_curriculum()
    curriculum = load_curriculum(_content_root(tmp_path, BROKEN_FILES))
    assert [lesson.id for lesson in curriculum.lessons] == [lesson.id for lesson in builtin.lessons]
    assert len(curriculum.questions) == len(builtin.questions)
    app = make_app(curriculum)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        lessons = app.screen.query_one("#lessons", OptionList)
        assert lessons.option_count == len(builtin.lessons)
        shown = [str(lessons.get_option_at_index(i).prompt) for i in range(lessons.option_count)]
        for lesson in builtin.lessons:
            assert any(lesson.title in prompt for prompt in shown), lesson.title
        problems = app.screen.query_one("#problems", Static)
        assert problems.display
        text = str(problems.render())
        assert "could not be loaded" in text
        for name in BROKEN_FILES:
            assert Path(name).name in text, name
        # The good lessons work as usual.
        lessons.focus()
        lessons.highlighted = 0
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.query_one("#body", Markdown).source == builtin.lessons[0].sections[0].markdown
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_app_starts_on_the_whole_broken_corpus(make_app):
    curriculum = load_curriculum(BROKEN)
    app = make_app(curriculum)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#lessons", OptionList).option_count == len(curriculum.lessons) == 2
        text = str(app.screen.query_one("#problems", Static).render())
        assert f"and {len(curriculum.problems) - 5} more" in text
