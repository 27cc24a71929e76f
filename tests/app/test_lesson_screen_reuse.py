"""One lesson screen serves every lesson: filled per lesson, text built ahead of time, and it
looks and behaves as a freshly built one would."""

from __future__ import annotations

from textual.widgets import Markdown, OptionList, SelectionList, TabbedContent
from textual.widgets._footer import FooterKey

from oslearn.progress import ProgressStore
from oslearn.tui.app import OSLearnApp
from oslearn.tui.screens.home import HomeScreen
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.widgets.lesson_text import LessonText



def _app(curriculum, data_dir) -> OSLearnApp:
    return OSLearnApp(curriculum, ProgressStore.open(data_dir))


async def test_the_lesson_screen_is_reused_and_filled_with_each_lesson(curriculum, isolated_data_dir):
    first, second = curriculum.lesson("choosing-an-os"), curriculum.lesson("package-managers")
    app = _app(curriculum, isolated_data_dir)
    app.store.set_done(second.id, second.checklist[0].id, True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(first)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and app.lesson_screen is screen
        await pilot.press("3", "escape")
        assert isinstance(app.screen, HomeScreen)
        app.open_lesson(second)
        await pilot.pause()
        assert app.screen is screen and screen.lesson is second and screen.index == 0
        assert screen.query_one("#body", Markdown).source == second.sections[0].markdown
        sections = screen.query_one("#sections", OptionList)
        assert [str(sections.get_option_at_index(i).prompt) for i in range(sections.option_count)] == [
            f"{n + 1}. {section.title}" for n, section in enumerate(second.sections)]
        assert screen.query_one("#resource-list", OptionList).option_count == len(second.resources)
        tabs = screen.query_one("#tabs", TabbedContent)
        assert str(tabs.get_tab("checklist").label) == f"3 Checklist ({len(second.checklist)})"
        assert tabs.active == "read" and app.focused.id == "reader"  # the checklist tab was left open
        assert screen.query_one("#checklist-items", SelectionList).selected == [second.checklist[0].id]
        assert screen.sub_title == second.title
        assert app.store.position() == (second.id, second.sections[0].id)
    app.store.close()


async def test_the_lesson_under_the_home_cursor_is_built_before_enter(curriculum, isolated_data_dir, wait_for):
    ubuntu, centos = curriculum.lesson("choosing-an-os"), curriculum.lesson("package-managers")
    app = _app(curriculum, isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(ubuntu)
        await pilot.pause()
        await pilot.press("escape")
        lessons = app.screen.query_one("#lessons", OptionList)
        lessons.highlighted = lessons.get_option_index(centos.id)
        body = app.lesson_screen.query_one("#body", LessonText)
        key = LessonScreen.page_key(centos, 0)
        await wait_for(pilot, lambda: body.is_ready(key, centos.sections[0].markdown))
        assert app.store.position()[0] == ubuntu.id  # building ahead is not reading
        await pilot.press("enter")
        assert app.screen is app.lesson_screen and app.screen.lesson is centos
        assert body.source == centos.sections[0].markdown
        # While reading, the next section is built too; moving there swaps pages.
        await wait_for(pilot, lambda: body.is_ready(LessonScreen.page_key(centos, 1), centos.sections[1].markdown))
        await pilot.press("n")
        assert body.source == centos.sections[1].markdown and app.screen.index == 1
        assert app.store.position() == (centos.id, centos.sections[1].id)
    app.store.close()


async def test_a_theme_changed_on_the_home_screen_applies_when_the_lesson_comes_back(curriculum, isolated_data_dir):
    app = _app(curriculum, isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-dark"
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await pilot.pause()
        screen = app.screen
        dark = screen.styles.background
        await pilot.press("escape")
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("enter")
        assert app.screen is screen
        assert screen.styles.background != dark
        assert screen.styles.background == app.screen_stack[-2].styles.background  # as the home screen
    app.store.close()


async def test_the_footer_keeps_its_keys_while_they_stay_the_same(curriculum, isolated_data_dir):
    app = _app(curriculum, isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert {key.key for key in keys} >= {"escape", "n", "p", "s"}
        await pilot.press("o", "o", "escape", "enter")  # the table hidden, shown and focused, then back; same keys
        await pilot.pause()
        assert list(app.screen.query(FooterKey)) == keys
    app.store.close()


async def test_lesson_text_shows_one_page_at_a_time(curriculum, isolated_data_dir):
    app = _app(curriculum, isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await pilot.pause()
        body = app.screen.query_one("#body", LessonText)
        await body.update("# One\n\nFirst text.\n")
        await body.prepare("two", "# Two\n\nSecond text.\n")
        assert body.source == "# One\n\nFirst text.\n"
        body.show_page("two")
        assert body.source == "# Two\n\nSecond text.\n" and body.shown_key == "two"
        assert [page.display for page in body.children].count(True) == 1
        body.forget(["two"])
        assert body.page_keys() == ["two"]
    app.store.close()


async def test_a_window_resized_on_the_home_screen_gets_the_lesson_its_width_classes(curriculum, isolated_data_dir, wait_for):
    app = _app(curriculum, isolated_data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-wide") and screen.query_one("#sections").display
        await pilot.press("escape")
        await pilot.resize_terminal(64, 20)
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.has_class("-narrow"))
        assert not screen.has_class("-wide")
        assert screen.query_one("#sections").region.width == 0  # the table hides below 70 columns
    app.store.close()


async def test_the_step_shown_in_full_belongs_to_the_lesson_open(curriculum, isolated_data_dir):
    many = max(curriculum.lessons, key=lambda lesson: len(lesson.checklist))
    other = next(lesson for lesson in curriculum.lessons if lesson is not many and lesson.checklist)
    app = _app(curriculum, isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(many)
        await pilot.pause()
        await pilot.press("3", "j", "j", "escape")
        app.open_lesson(other)
        await pilot.pause()
        await pilot.press("3")
        detail = str(app.screen.query_one("#step-detail").render())
        assert detail.startswith(other.checklist[0].text)
        assert not any(item.text in detail for item in many.checklist)
    app.store.close()


async def test_titles_with_markup_characters_are_shown_as_written(isolated_data_dir):
    """A lesson, section or resource title from an imported page may hold `[`…`]`."""
    from textual.widgets import OptionList, Static

    from oslearn.lessons import Curriculum, Lesson, Resource, SourceRef
    from oslearn.progress import ProgressStore
    from oslearn.tui.app import OSLearnApp
    from oslearn.tui.screens.lesson import LessonScreen

    lesson = Lesson(id="odd", title="Odd [/] title [PDF]", order=1, summary="s",
                    sources=(SourceRef(file="001_fae48d724783d07a.txt"),),
                    resources=(Resource(title="Slides [PDF]", url="https://example.org/[x]"),),
                    body="## Part [b]one[/b]\n\nText.\n")
    store = ProgressStore.open(isolated_data_dir)
    app = OSLearnApp(Curriculum(lessons=[lesson]), store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(lesson)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        where = str(screen.query_one("#where", Static).render())
        assert "Odd [/] title [PDF]" in where and "Part [b]one[/b]" in where
        resources = screen.query_one("#resource-list", OptionList)
        assert resources.option_count == 1  # built without a markup error
    store.close()
