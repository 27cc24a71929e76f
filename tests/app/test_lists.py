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


def _checklist_lines(items) -> list[tuple[int, str]]:
    """``(option index, text)`` of each line the checklist draws, top to bottom; the index is
    the one a click on the line's prompt selects."""
    lines = []
    for y in range(items.scrollable_content_region.height):
        strip = items.render_line(y)
        indexes = {segment.style.meta.get("option") for segment in strip if segment.style}
        indexes.discard(None)
        if indexes:
            assert len(indexes) == 1, (y, strip.text)
            lines.append((indexes.pop(), strip.text))
    return lines


def _first_lines(items) -> dict[int, int]:
    """``{option index: the line its first line is drawn on}`` for the steps whose first
    line is in view (a step too long for the width wraps onto the lines under it)."""
    first: dict[int, int] = {}
    previous = None
    for y, (index, _) in enumerate(_checklist_lines(items)):
        if index != previous and not (y == 0 and items.scroll_y > 0 and index == _line_above(items)):
            first.setdefault(index, y)
        previous = index
    return first


def _line_above(items) -> int | None:
    """The option of the line just above the visible area, if any."""
    from textual.widgets import OptionList

    strip = OptionList.render_line(items, -1) if items.scroll_y > 0 else None
    indexes = {segment.style.meta.get("option") for segment in strip or [] if segment.style}
    indexes.discard(None)
    return indexes.pop() if indexes else None


def _assert_marks_match(items) -> None:
    """Every step's first line starts with ``[x]`` for a ticked step and ``[ ]`` for
    another, then that step's own text; the lines it wraps onto start blank under the mark."""
    from oslearn.tui.widgets.lists import TICKED, UNTICKED

    lines = _checklist_lines(items)
    assert lines
    first = _first_lines(items)
    for y, (index, text) in enumerate(lines):
        option = items.get_option_at_index(index)
        mark = TICKED if option.value in items.selected else UNTICKED
        if first.get(index) != y:
            assert text.startswith(" " * (len(mark) + 1)) and text.strip(), (index, text)
            continue
        assert text.startswith(f"{mark} "), (index, text, items.selected)
        prompt = str(option.prompt)
        assert text[len(mark) + 1:].strip()[:12] == prompt[:12], (index, text, prompt)


async def _open_checklist(app, pilot, wait_for, lesson):
    from oslearn.tui.screens.lesson import LessonScreen
    from textual.widgets import SelectionList

    app.open_lesson(lesson)
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted
                   and bool(app.screen.query("#reader")))
    await pilot.press("3")
    await pilot.pause()
    items = app.screen.query_one("#checklist-items", SelectionList)
    assert items.has_focus
    return items


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_checklist_keys_tick_and_move_and_the_marks_follow(curriculum, store, make_app, wait_for, monkeypatch, size):
    monkeypatch.setenv("NO_COLOR", "1")
    lesson = curriculum.lesson("checklist")
    app = make_app(store=store, seed=1)
    async with app.run_test(size=size) as pilot:
        assert app.no_color
        items = await _open_checklist(app, pilot, wait_for, lesson)
        ids = [item.id for item in lesson.checklist]
        assert items.highlighted == 0 and items.selected == []
        _assert_marks_match(items)
        await pilot.press("space")
        await pilot.pause()
        assert items.selected == [ids[0]]
        assert store.done_items(lesson.id) == {ids[0]}
        _assert_marks_match(items)
        await pilot.press("j", "j", "enter")  # Enter ticks too
        await pilot.pause()
        assert items.highlighted == 2 and set(items.selected) == {ids[0], ids[2]}
        await pilot.press("k", "enter")
        await pilot.pause()
        assert items.highlighted == 1 and set(items.selected) == set(ids[:3])
        await pilot.press("space")  # and again: unticked
        await pilot.pause()
        assert set(items.selected) == {ids[0], ids[2]}
        assert store.done_items(lesson.id) == {ids[0], ids[2]}
        _assert_marks_match(items)
        for _ in range(len(ids) - 1 - items.highlighted):
            await pilot.press("j")
        await pilot.press("space")
        await pilot.pause()
        assert items.highlighted == len(ids) - 1 and ids[-1] in items.selected
        _assert_marks_match(items)


async def test_a_click_on_a_checklist_mark_or_its_text_toggles_the_step(curriculum, store, make_app, wait_for):
    lesson = curriculum.lesson("checklist")
    ids = [item.id for item in lesson.checklist]
    app = make_app(store=store, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        items = await _open_checklist(app, pilot, wait_for, lesson)
        x, y = items.content_region.x - items.region.x, items.content_region.y - items.region.y
        first = _first_lines(items)
        await pilot.click(items, offset=(x + 1, y + first[1]))  # the second step's mark
        await pilot.pause()
        assert items.selected == [ids[1]] and items.highlighted == 1
        await pilot.click(items, offset=(x + 10, y + first[2]))  # the third step's text
        await pilot.pause()
        assert set(items.selected) == {ids[1], ids[2]}
        await pilot.click(items, offset=(x + 1, y + first[1]))
        await pilot.pause()
        assert items.selected == [ids[2]]
        assert store.done_items(lesson.id) == {ids[2]}
        _assert_marks_match(items)


def _long_checklist(folder) -> object:
    """A library with a lesson ``odd/odd`` of 20 steps, the first written as if it were markup."""
    from oslearn.lessons.curricula import load_library

    folder.mkdir()
    steps = "".join(f"  - {{id: s{n}, text: Step number {n}}}\n" for n in range(1, 20))
    (folder / "odd.md").write_text(
        "---\nid: odd\ntitle: Odd\norder: 1\nsummary: s\nsources:\n"
        "  - {url: \"https://www.fullstackpython.com/odd.html\"}\n"
        "checklist:\n  - {id: s0, text: \"[bold]Not bold[/bold] and [link=x]no link[/link]\"}\n" + steps +
        "---\n## One\n\nText.\n", encoding="utf-8")
    return load_library([folder])


async def test_checklist_prompts_are_shown_as_text_not_markup(tmp_path, make_app, wait_for):
    library = _long_checklist(tmp_path / "odd")
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        items = await _open_checklist(app, pilot, wait_for, library.lesson("odd/odd"))
        first = " ".join(" ".join(text for index, text in _checklist_lines(items) if index == 0).split())
        assert first == "[ ] [bold]Not bold[/bold] and [link=x]no link[/link]"  # whole, wrapped
        await pilot.press("space")
        await pilot.pause()
        assert _checklist_lines(items)[0][1].startswith("[x] [bold]Not bold[/bold]")


async def test_a_checklist_longer_than_its_box_scrolls_with_its_marks(tmp_path, make_app, wait_for):
    library = _long_checklist(tmp_path / "odd")
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        items = await _open_checklist(app, pilot, wait_for, library.lesson("odd/odd"))
        for _ in range(items.option_count - 1):
            await pilot.press("j")
            if items.highlighted % 3 == 0:
                await pilot.press("space")
        await pilot.pause()
        assert items.highlighted == 19 and items.scroll_y > 0
        assert items.selected == [f"s{n}" for n in range(3, 20, 3)]
        lines = _checklist_lines(items)
        assert lines[-1][0] == 19 and lines[0][0] == 20 - len(lines)
        _assert_marks_match(items)
        x = items.content_region.x - items.region.x
        y = items.content_region.y - items.region.y + len(lines) - 2
        await pilot.click(items, offset=(x + 1, y))  # the mark of the step above the last: unticked
        await pilot.pause()
        assert items.selected == [f"s{n}" for n in range(3, 18, 3)]
        _assert_marks_match(items)
