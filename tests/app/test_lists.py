"""The home screen's lists inside their scrolling column, and the checklist's ticks: what a
learner sees on screen as the cursor moves, at 80x24, 60x16 and 40x12 (where rows wrap)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from oslearn.tui.screens.home import HomeScreen


def _rows_on_screen(app, option_list: OptionList) -> set[int]:
    """Indexes of ``option_list``'s options drawn on the screen's visible lines (read from the
    screen, as a mouse click would find them)."""
    screen = app.screen
    x = option_list.content_region.x + 1
    rows = set()
    for y in range(screen.region.height):
        try:
            widget, _ = screen.get_widget_at(x, y)
        except Exception:  # no widget there
            continue
        if widget is option_list:
            index = screen.get_style_at(x, y).meta.get("option")
            if index is not None:
                rows.add(index)
    return rows


def _heading_on_screen(app, heading) -> bool:
    column = app.screen.query_one("#home")
    region = heading.region
    return bool(region) and column.region.contains_region(region)


@pytest.mark.parametrize("size", [(80, 24), (60, 16), (40, 12)])
async def test_the_highlighted_home_row_is_always_on_screen(make_app, size):
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        lessons = home.query_one("#lessons", OptionList)
        quizzes = home.query_one("#quizzes", OptionList)
        assert lessons.has_focus and lessons.highlighted is not None
        assert lessons.highlighted in _rows_on_screen(app, lessons)
        for _ in range(lessons.option_count - 1 - lessons.highlighted):  # down to the last lesson
            await pilot.press("j")
            await pilot.pause()
            assert lessons.highlighted in _rows_on_screen(app, lessons), (size, lessons.highlighted)
        assert lessons.highlighted == lessons.option_count - 1
        await pilot.press("z")
        await pilot.pause()
        assert quizzes.has_focus and quizzes.highlighted in _rows_on_screen(app, quizzes)
        for _ in range(quizzes.option_count - 1 - quizzes.highlighted):
            await pilot.press("down")
            await pilot.pause()
            assert quizzes.highlighted in _rows_on_screen(app, quizzes), (size, quizzes.highlighted)
        assert quizzes.highlighted == quizzes.option_count - 1
        for _ in range(quizzes.option_count - 1):
            await pilot.press("k")
            await pilot.pause()
            assert quizzes.highlighted in _rows_on_screen(app, quizzes), (size, quizzes.highlighted)
        assert quizzes.highlighted == 0
        await pilot.press("l")
        await pilot.pause()
        assert lessons.has_focus and lessons.highlighted in _rows_on_screen(app, lessons)


@pytest.mark.parametrize("key", ["home", "pageup", "ctrl+home"])
async def test_back_at_the_first_lesson_the_top_of_the_column_is_in_view(make_app, key):
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        lessons = home.query_one("#lessons", OptionList)
        column = home.query_one("#home")
        heading = home.query_one("#lessons-heading")
        assert column.scroll_y == 0 and _heading_on_screen(app, heading)
        await pilot.press("z", "end")  # the column scrolls down to the last quiz
        await pilot.pause()
        assert column.scroll_y > 0 and not _heading_on_screen(app, heading)
        await pilot.press("l", "end")
        await pilot.pause()
        await pilot.press(*([key] * (3 if key == "pageup" else 1)))
        await pilot.pause()
        assert lessons.highlighted == 0
        assert column.scroll_y == 0 and _heading_on_screen(app, heading)
        assert 0 in _rows_on_screen(app, lessons)


async def test_back_from_a_lesson_the_highlighted_row_and_headings_are_in_view(curriculum, make_app, wait_for):
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        lessons = home.query_one("#lessons", OptionList)
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: app.screen is not home and app.screen.is_mounted)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is home)
        await pilot.pause()
        assert lessons.has_focus and lessons.highlighted == 1
        assert 1 in _rows_on_screen(app, lessons)
        assert _heading_on_screen(app, home.query_one("#lessons-heading"))
        assert home.query_one("#home").scroll_y == 0


async def test_a_list_longer_than_its_cap_scrolls_itself_and_the_row_stays_on_screen(tmp_path, make_app):
    """70 added lessons, every third with a title that wraps at 60 columns: the lesson list
    reaches its ``max-height`` and scrolls inside the scrolling column."""
    from oslearn.lessons.curricula import load_library

    from support.curricula import write_lesson

    for n in range(70):
        title = f"Lesson {n}" + (" with a title long enough to wrap onto a second line" if n % 3 == 0 else "")
        write_lesson(tmp_path / "many", f"lesson-{n:03d}", title, order=n)
    app = make_app(load_library([tmp_path / "many"]))
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        lessons = app.screen.query_one("#lessons", OptionList)
        assert lessons.has_focus and lessons.option_count > 70  # the lessons and group headings
        seen = set()
        while lessons.highlighted < lessons.option_count - 1:
            await pilot.press("j")
            await pilot.pause()
            rows = _rows_on_screen(app, lessons)
            assert lessons.highlighted in rows, lessons.highlighted
            seen.add(lessons.highlighted)
        assert lessons.scroll_y > 0  # the list itself scrolled, not only the column
        assert len(seen) > 70
        await pilot.press("home")
        await pilot.pause()
        assert lessons.highlighted in _rows_on_screen(app, lessons) and lessons.scroll_y <= 1
