"""Readable at 80x24 and 60x16: tables that never cut a cell, a hideable table of sections,
a home screen whose lists fit their rows, ticks readable without colour, a footer that never
cuts a key, toasts that do not stack, a peek that keeps the bookmark, and an address to copy
when no browser can be opened."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.geometry import Region
from textual.widgets import OptionList, SelectionList

from oslearn.lessons.search import plain_text
from oslearn.lessons.sources import Passage
from oslearn.tui.app import OSLearnApp
from oslearn.tui.screens import sources as sources_screen
from oslearn.tui.screens.home import MIXED, HomeScreen
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.screens.sources import SourcesScreen
from oslearn.tui.widgets.lesson_text import LessonTable, LessonText
from oslearn.tui.widgets.lists import TICKED, UNTICKED
from support.toasts import toasts


TABLE = """\
| family | distributions | package manager for apps | low-level tool |
|---|---|---|---|
| RPM and YUM | Fedora, RHEL | dnf, formerly `yum` | rpm |
| Debian | Debian, Ubuntu | apt | dpkg |
"""

#: The width the table needs as a grid: its four widest cells (11, 14, 24, 14), one cell of
#: padding each side of a column but not at the two edges, one separator between columns.
TABLE_WIDTH = (11 + 14 + 24 + 14) + 3 * 4 - 3


def _lines(widget) -> list[str]:
    """The lines ``widget`` draws over its whole size (its own content, not its children's)."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.size))]


def _screen_text(app) -> str:
    """The text every widget shown on the screen draws, widget by widget."""
    return "\n".join("\n".join(_lines(widget)) for widget in app.screen.query("*") if widget.region)


def _assert_table_readable(table: LessonTable, records: bool, where) -> None:
    """``table`` shows every cell of ``TABLE`` whole, as records or as a grid."""
    lines = _lines(table)
    text = "\n".join(lines)
    assert "…" not in text, (where, text)
    assert max(len(line.rstrip()) for line in lines) <= table.size.width
    flat = " ".join(text.split())
    for word in ("RPM and YUM", "Fedora, RHEL", "formerly yum", "package manager for apps", "low-level tool", "dpkg"):
        assert word in flat, (where, word, text)
    rows = [line.split() for line in lines]
    header = ["family", "distributions", "package", "manager", "for", "apps", "low-level", "tool"]
    if records:
        assert header not in rows, (where, text)
        titles = [line.rstrip() for line in lines if line.strip() and not line.startswith("  ")]
        assert titles == ["RPM and YUM", "Debian"], (where, text)  # the fields indented under them
        assert lines[1].rstrip() == "  distributions: Fedora, RHEL", (where, text)
        assert "package manager for apps: dnf, formerly yum low-level tool: rpm" in flat, (where, text)
    else:
        assert rows[0] == header, (where, text)
        assert ["RPM", "and", "YUM", "Fedora,", "RHEL", "dnf,", "formerly", "yum", "rpm"] in rows, (where, text)


class LessonTextApp(App):
    def compose(self):
        yield LessonText(id="body")

    async def on_mount(self):
        await self.query_one(LessonText).update(TABLE)


@pytest.mark.parametrize("width", [120, 80, 76, 75, 60, 40])
async def test_a_lesson_table_is_a_grid_where_it_fits_and_records_below_never_cut(width):
    app = LessonTextApp()
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        table = app.query_one(LessonTable)
        assert table.size.width == width - 4  # the page's padding, no scrollbar
        _assert_table_readable(table, table.size.width < TABLE_WIDTH, width)
        assert (width >= 76) == (table.size.width >= TABLE_WIDTH)  # both forms are tested
        assert "…" not in _screen_text(app)


@pytest.mark.parametrize("width, records", [(120, False), (100, False), (99, True), (80, True), (60, True)])
async def test_a_table_in_the_source_viewer_is_a_grid_where_it_fits_and_records_below_never_cut(
        curriculum, make_app, monkeypatch, wait_for, width, records):
    passage = Passage("000_operating-systems.markdown", "2014-02", "markdown", "Package tools", "heading",
                      "## Package tools\n\n" + TABLE, line=3)
    monkeypatch.setattr(sources_screen, "lesson_passages", lambda lesson: [passage])
    app = make_app(seed=1)
    async with app.run_test(size=(width, 40)) as pilot:
        app.push_screen(SourcesScreen(curriculum.lesson("package-managers")))
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen) and bool(app.screen.query(LessonTable)))
        await pilot.pause()
        table = app.screen.query_one(LessonTable)
        assert (table.size.width < TABLE_WIDTH) is records, table.size
        _assert_table_readable(table, records, width)
        assert "…" not in "\n".join("\n".join(_lines(block)) for block in app.screen.query("#passage-md *"))


async def test_a_link_in_a_list_of_the_source_viewer_opens(curriculum, make_app, monkeypatch, wait_for):
    passage = Passage("000_operating-systems.markdown", "2014-02", "markdown", "Resources", "heading",
                      "## Resources\n\n* [Choosing a distribution](https://example.org/choose) for servers\n", line=3)
    monkeypatch.setattr(sources_screen, "lesson_passages", lambda lesson: [passage])
    opened = []
    monkeypatch.setattr(OSLearnApp, "open_link", lambda self, url: opened.append(url))
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SourcesScreen(curriculum.lesson("package-managers")))
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen) and bool(app.screen.query("#passage-md MarkdownParagraph")))
        await pilot.pause()
        item = app.screen.query_one("#passage-md MarkdownParagraph")
        assert "Choosing a distribution for servers" in "\n".join(_lines(item))
        await pilot.click(item, offset=(2, 0))
        await wait_for(pilot, lambda: opened == ["https://example.org/choose"])


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
        lines = [items.render_line(y).text for y in range(items.scrollable_content_region.height)]
        marks = [line[:len(TICKED)] for line in lines if line.strip() and not line.startswith(" ")]
        assert marks[:2] == [TICKED, UNTICKED], lines  # a step that wraps has its mark once


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
        assert "This lesson lists no resources." in text and "Enter opens the link" not in text
        await wait_for(pilot, lambda: any("there is no link to copy" in toast for toast in toasts(app)))
        assert not any("Go to Resources" in toast for toast in toasts(app))


def test_search_text_has_no_markdown_marks_or_table_pipes():
    text = plain_text("Intro with `yum` and **bold**.\n\n> | a | b |\n> |---|---|\n> | `apt` | dpkg_x |\n")
    assert "`" not in text and "|" not in text and "*" not in text
    assert "yum" in text and "apt; dpkg_x." in text and "( " not in text
