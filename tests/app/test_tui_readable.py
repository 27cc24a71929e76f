"""Readable at 80x24 and 60x16: tables that never cut a cell, a hideable table of sections,
a home screen whose lists fit their rows, ticks readable without colour, a footer that never
cuts a key, toasts that do not stack, a peek that keeps the bookmark, and an address to copy
when no browser can be opened."""

from __future__ import annotations

from textual.app import App
from textual.content import Content
from textual.widgets import OptionList, SelectionList

from oslearn.lessons.search import plain_text
from oslearn.tui.app import OSLearnApp
from oslearn.tui.screens.home import MIXED, HomeScreen
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.widgets.lists import TICKED, UNTICKED
from oslearn.tui.widgets.tables import ReadableMarkdown, ReadableTable, record_lines, table_width
from support.toasts import toasts


TABLE = """\
| family | distributions | package manager for apps | low-level tool |
|---|---|---|---|
| RPM and YUM | Fedora, RHEL | dnf, formerly `yum` | rpm |
| Debian | Debian, Ubuntu | apt | dpkg |
"""


class TableApp(App):
    def compose(self):
        yield ReadableMarkdown(TABLE)


def _screen_text(app) -> str:
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


def test_table_width_counts_cells_padding_and_keylines():
    headers = [Content("ab"), Content("c")]
    rows = [[Content("abcd"), Content("e")]]
    # (4 + 2) + (1 + 2) cells, and 3 keylines (one each side, one between)
    assert table_width(headers, rows) == 12
    title, fields = record_lines([Content("name"), Content("tool")], [Content("Debian"), Content("apt")])
    assert title.plain == "Debian" and fields.plain == "tool: apt"


async def test_a_table_is_a_grid_where_it_fits_and_records_below_never_cut():
    for width, records in ((120, False), (80, False), (79, True), (60, True), (40, True)):
        app = TableApp()
        async with app.run_test(size=(width, 40)) as pilot:
            await pilot.pause()
            table = app.query_one(ReadableTable)
            assert table.needed == 76
            assert table.shows_records is records, width
            text = _screen_text(app)
            assert "…" not in text, (width, text)
            flat = " ".join(text.split())
            for word in ("RPM and YUM", "formerly yum", "package manager for apps", "low-level tool"):
                assert word in flat, (width, word)
            if records:
                assert "package manager for apps: dnf, formerly yum" in flat, text


async def test_the_table_of_sections_hides_and_comes_back_with_o(curriculum, make_app, wait_for):
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted and bool(app.screen.query("#reader")))
        table = app.screen.query_one("#sections")
        assert table.display
        await pilot.press("o")
        assert not table.display and app.screen.query_one("#reader").size.width > 70
        await pilot.press("o")
        assert table.display and table.has_focus
        await pilot.resize_terminal(60, 16)  # narrow: hidden until asked for, then shown
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert not table.display
        await pilot.press("o")
        assert table.display


async def test_home_lists_fit_their_rows_and_the_first_quiz_is_short(make_app):
    app = make_app(seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        lessons = home.query_one("#lessons", OptionList)
        quizzes = home.query_one("#quizzes", OptionList)
        assert lessons.size.height == lessons.option_count  # every row shown, none empty
        assert quizzes.size.height == quizzes.option_count
        assert quizzes.get_option_at_index(0).id == MIXED
        assert "All questions" not in str(quizzes.get_option_at_index(0).prompt)
        # The summary lines stay in view whatever the lists do.
        await pilot.press("z", "end")
        for line in ("#continue", "#overall", "#reviews"):
            assert home.query_one(line).region.y < 6
        assert "▶ Quizzes" in str(home.query_one("#quizzes-heading").render())
        await pilot.press("ctrl+home")
        assert lessons.has_focus and lessons.highlighted == 0
        assert "▶ Lessons" in str(home.query_one("#lessons-heading").render())


async def test_checklist_ticks_are_drawn_with_distinct_characters(curriculum, store, make_app, wait_for):
    store.set_done("checklist", curriculum.lesson("checklist").checklist[0].id, True)
    app = make_app(store=store, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(curriculum.lesson("checklist"))
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted and bool(app.screen.query("#reader")))
        await pilot.press("3")
        items = app.screen.query_one("#checklist-items", SelectionList)
        first, second = items.render_line(0).text, items.render_line(1).text
        assert first.lstrip().startswith(TICKED) and second.lstrip().startswith(UNTICKED)


async def test_the_footer_shows_only_whole_keys(curriculum, make_app, wait_for):
    app = make_app(seed=1)
    async with app.run_test(size=(40, 12)) as pilot:
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted and bool(app.screen.query("#reader")))
        await pilot.pause()
        keys = [key for key in app.screen.query("FooterKey") if key.display]
        palette = [key for key in keys if key.has_class("-command-palette")]
        shown = [key for key in keys if not key.has_class("-command-palette")]
        assert shown and any(key.key == "question_mark" for key in shown)
        limit = palette[0].region.x if palette else 40
        for key in shown:
            assert key.region.right <= limit, (key.key, key.region, limit)
            assert key.region.width == key.get_content_width(key.size, key.size)  # not cut short


async def test_identical_toasts_do_not_stack(make_app, wait_for):
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for _ in range(3):
            app.notify("Match every item first (1 left).")
        app.notify("Something else.")
        await wait_for(pilot, lambda: len(app.screen.query("Toast")) == 2)
        await pilot.pause(0.2)
        assert sorted(toasts(app)) == [
            "Match every item first (1 left).", "Something else."]
        await pilot.pause(1.2)  # past the grace for a toast not yet shown
        app.notify("Something else.")  # still on screen: not shown twice
        await pilot.pause(0.2)
        assert len(app.screen.query("Toast")) == 2
        toast = next(t for t in app.screen.query("Toast") if t.render().plain == "Something else.")
        await pilot.click(toast)  # closed early by a click: the same message shows again
        await wait_for(pilot, lambda: len(app.screen.query("Toast")) == 1)
        app.notify("Something else.")
        await wait_for(pilot, lambda: len(app.screen.query("Toast")) == 2)


async def test_a_peek_from_a_quiz_keeps_the_continue_bookmark(curriculum, store, make_app, wait_for):
    ubuntu = curriculum.lesson("choosing-an-os")
    store.set_position(ubuntu.id, ubuntu.sections[1].id)
    app = make_app(store=store, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        question = next(q for q in curriculum.questions if q.lesson == "package-managers" and q.section)
        other = curriculum.lesson("package-managers")
        app.open_question_lesson(question)  # as `l` on a quiz's feedback or results
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted and bool(app.screen.query("#reader")))
        await pilot.pause(0.3)
        assert app.screen.lesson.id == other.id
        assert store.position() == (ubuntu.id, ubuntu.sections[1].id)
        index = app.screen.index
        await pilot.press("n")  # reading on is no longer a peek
        if index + 1 < len(other.sections):
            await wait_for(pilot, lambda: store.position() == (other.id, other.sections[index + 1].id))
        else:
            await wait_for(pilot, lambda: store.position() != (ubuntu.id, ubuntu.sections[1].id))


async def test_without_a_browser_the_address_is_shown_and_y_copies_it(curriculum, make_app, monkeypatch, wait_for):
    monkeypatch.setattr(OSLearnApp, "browser_available", lambda self: False)
    copied = []
    monkeypatch.setattr(OSLearnApp, "copy_to_clipboard", lambda self, text: copied.append(text))
    opened = []
    monkeypatch.setattr(OSLearnApp, "open_url", lambda self, url, **kw: opened.append(url))
    app = make_app(seed=1)
    ubuntu = curriculum.lesson("choosing-an-os")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.open_lesson(ubuntu)
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted and bool(app.screen.query("#reader")))
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: app.unopened_url == ubuntu.resources[0].url)
        assert opened == []
        await wait_for(pilot, lambda: any(ubuntu.resources[0].url in t and "press y" in t for t in toasts(app)))
        await pilot.press("1", "y")  # from the text too: the address no browser could open
        assert copied == [ubuntu.resources[0].url]


async def test_an_empty_resources_tab_says_so(curriculum, make_app, wait_for):
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.open_lesson(curriculum.lesson("page-changes"))
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted and bool(app.screen.query("#reader")))
        await pilot.press("2", "y")
        await pilot.pause()
        assert not app.screen.query_one("#resource-list").display
        text = _screen_text(app)
        assert "lists no resources" in text and "Enter opens the link" not in text
        await pilot.pause(0.2)
        assert not any("Go to Resources" in text for text in toasts(app))


def test_search_text_has_no_markdown_marks_or_table_pipes():
    text = plain_text("Intro with `yum` and **bold**.\n\n> | a | b |\n> |---|---|\n> | `apt` | dpkg_x |\n")
    assert "`" not in text and "|" not in text and "*" not in text
    assert "yum" in text and "apt; dpkg_x." in text and "( " not in text
