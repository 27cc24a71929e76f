"""Added curricula in the app: grouped home screen, progress per curriculum, live reload."""

from __future__ import annotations

from pathlib import Path

from textual.css.query import NoMatches
from textual.widgets import Markdown, OptionList, SelectionList, Static

from oslearn.lessons.curricula import load_library
from oslearn.progress import ProgressStore
from oslearn.tui.app import OSLearnApp
from oslearn.tui.screens.content_problems import ContentProblemScreen
from oslearn.tui.screens.home import HomeScreen
from oslearn.tui.screens.lesson import LessonScreen

from support.curricula import write_lesson


def _app(make_app, folders: list[Path], **options) -> OSLearnApp:
    return make_app(load_library(folders), reload=lambda: load_library(folders), **options)


async def _open(pilot, app: OSLearnApp, lesson_id: str) -> None:
    lessons = app.screen.query_one("#lessons", OptionList)
    lessons.focus()
    lessons.highlighted = lessons.get_option_index(lesson_id)
    await pilot.press("enter")
    assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == lesson_id


async def test_home_groups_lessons_and_progress_is_kept_per_curriculum(tmp_path, make_app, isolated_data_dir):
    write_lesson(tmp_path / "alpha", "intro", "Alpha intro")
    write_lesson(tmp_path / "beta", "intro", "Beta intro")
    app = _app(make_app, [tmp_path / "alpha", tmp_path / "beta"])
    async with app.run_test(size=(80, 24)) as pilot:
        lessons = app.screen.query_one("#lessons", OptionList)
        prompts = [str(lessons.get_option_at_index(i).prompt) for i in range(lessons.option_count)]
        headings = [p for i, p in enumerate(prompts) if lessons.get_option_at_index(i).disabled]
        builtin = len(load_library([]).lessons)
        assert headings == [f"Operating systems for Python web deployments ({builtin})", "alpha (1)", "beta (1)"]
        assert prompts.index("alpha (1)") < prompts.index(next(p for p in prompts if "Alpha intro" in p))
        # Tick the step of alpha/intro; beta/intro, with the same local ids, stays unticked.
        await _open(pilot, app, "alpha/intro")
        await pilot.press("3", "space")
        assert "try-it" in app.screen.query_one("#checklist-items", SelectionList).selected
        await pilot.press("escape")
        assert "1/1" in str(lessons.get_option("alpha/intro").prompt)
        assert "0/1" in str(lessons.get_option("beta/intro").prompt)
        await _open(pilot, app, "beta/intro")
        assert app.screen.query_one("#checklist-items", SelectionList).selected == []
        await pilot.press("escape", "q")
    app.store.close()  # the app has quit: open its progress afresh
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.done_items("alpha/intro") == {"try-it"}
        assert store.done_items("beta/intro") == set() and store.done_items("intro") == set()
        assert store.position() == ("beta/intro", "first")


async def test_reload_shows_an_edit_a_broken_file_and_the_fix(tmp_path, make_app):
    path = write_lesson(tmp_path / "drafts", "intro", "Draft intro")
    good = path.read_text(encoding="utf-8")
    app = _app(make_app, [tmp_path / "drafts"])
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, app, "drafts/intro")
        await pilot.press("n")  # second section
        # An edit shows at once, at the same section.
        path.write_text(good.replace("More text.", "Edited text."), encoding="utf-8")
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.index == 1
        assert "Edited text." in app.screen.query_one("#body", Markdown).source
        # A broken edit shows the check message instead of the lesson; the app goes on.
        path.write_text(good.replace("title: Draft intro\n", ""), encoding="utf-8")
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ContentProblemScreen)
        message = str(app.screen.query_one("#problem-list", Static).render())
        assert f"{path}:2: missing required key 'title'" in message
        # Fixing it brings the lesson back where the author was.
        path.write_text(good, encoding="utf-8")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.index == 1
        # Home, rebuilt from the new content, lists the problem until it is fixed.
        path.write_text("---\nid: intro\n---\n", encoding="utf-8")
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert str(path) in str(app.screen.query_one("#problems", Static).render())
        await pilot.press("q")


def _shown_source(app) -> str:
    """The Markdown the lesson screen shows, or "" while a reloaded screen is mounting."""
    try:
        return app.screen.query_one("#body", Markdown).source
    except NoMatches:
        return ""


async def test_watch_reloads_when_a_file_changes(tmp_path, make_app):
    path = write_lesson(tmp_path / "drafts", "intro", "Draft intro")
    app = _app(make_app, [tmp_path / "drafts"], watch=True, watch_dirs=[tmp_path / "drafts"])
    app.WATCH_DEBOUNCE_MS = 50
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, app, "drafts/intro")
        path.write_text(path.read_text(encoding="utf-8").replace("Text of Draft intro.", "Saved again."),
                        encoding="utf-8")
        for _ in range(100):
            await pilot.pause(0.05)
            if _shown_source(app) and "Saved again." in _shown_source(app):
                break
        assert isinstance(app.screen, LessonScreen) and "Saved again." in _shown_source(app)
        await pilot.press("q")


async def test_reload_loads_in_a_worker_thread(tmp_path, make_app):
    import threading

    write_lesson(tmp_path / "drafts", "intro", "Draft intro")
    threads = []

    def reload():
        threads.append(threading.current_thread())
        return load_library([tmp_path / "drafts"])

    app = make_app(load_library([tmp_path / "drafts"]), reload=reload)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        for _ in range(100):
            await pilot.pause(0.02)
            if threads and isinstance(app.screen, HomeScreen) and app.screen.is_current:
                break
        assert threads and threads[0] is not threading.main_thread()
        assert app.curriculum.lesson("drafts/intro") is not None
        await pilot.press("q")


async def test_small_terminal_with_added_curricula(tmp_path, make_app):
    write_lesson(tmp_path / "alpha", "intro", "Alpha intro with a rather long title for a narrow screen")
    app = _app(make_app, [tmp_path / "alpha"])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
