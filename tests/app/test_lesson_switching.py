"""Opening one lesson after another: each shows only its own text, sections, resources and
checklist, on the Read tab, in the current theme and window size, whatever was shown before.
"""

from __future__ import annotations

from textual.app import App
from textual.widgets import Markdown, OptionList, SelectionList, Static, TabbedContent

from oslearn.tui.screens.home import HomeScreen
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.widgets.lesson_text import LessonText


def _shown_text(screen) -> str:
    """The Markdown source of the lesson text on screen."""
    return screen.query_one("#body", Markdown).source


async def test_a_lesson_opened_after_another_shows_only_its_own_parts(make_app, curriculum):
    first, second = curriculum.lesson("choosing-an-os"), curriculum.lesson("package-managers")
    app = make_app()
    app.store.set_done(second.id, second.checklist[0].id, True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(first)
        await pilot.pause()
        await pilot.press("3", "escape")  # leave it on the checklist tab
        assert isinstance(app.screen, HomeScreen)
        app.open_lesson(second)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.lesson is second and screen.index == 0
        assert _shown_text(screen) == second.sections[0].markdown
        sections = screen.query_one("#sections", OptionList)
        assert [str(sections.get_option_at_index(i).prompt) for i in range(sections.option_count)] == [
            f"{n + 1}. {section.title}" for n, section in enumerate(second.sections)]
        assert screen.query_one("#resource-list", OptionList).option_count == len(second.resources)
        tabs = screen.query_one("#tabs", TabbedContent)
        assert str(tabs.get_tab("checklist").label) == f"3 Checklist ({len(second.checklist)})"
        assert tabs.active == "read" and app.focused.id == "reader"
        assert screen.query_one("#checklist-items", SelectionList).selected == [second.checklist[0].id]
        assert screen.sub_title == second.title
        assert app.store.position() == (second.id, second.sections[0].id)


async def test_resting_on_a_lesson_in_the_home_list_does_not_record_it_as_read(make_app, curriculum):
    ubuntu, centos = curriculum.lesson("choosing-an-os"), curriculum.lesson("package-managers")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(ubuntu)
        await pilot.pause()
        await pilot.press("escape")
        lessons = app.screen.query_one("#lessons", OptionList)
        lessons.highlighted = lessons.get_option_index(centos.id)
        await pilot.pause(app.PREPARE_DELAY + 0.2)  # the cursor rests on it
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.store.position()[0] == ubuntu.id
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.lesson is centos and _shown_text(app.screen) == centos.sections[0].markdown
        await pilot.press("n")
        await pilot.pause()
        assert _shown_text(app.screen) == centos.sections[1].markdown and app.screen.index == 1
        assert app.store.position() == (centos.id, centos.sections[1].id)


async def test_a_theme_changed_on_the_home_screen_applies_when_the_lesson_comes_back(make_app, curriculum):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-dark"
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await pilot.pause()
        dark = app.screen.styles.background
        await pilot.press("escape")
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.styles.background != dark
        assert app.screen.styles.background == app.screen_stack[-2].styles.background  # as the home screen


async def test_a_window_resized_on_the_home_screen_gets_the_lesson_its_width_classes(make_app, curriculum):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await pilot.pause()
        assert app.screen.has_class("-wide") and app.screen.query_one("#sections").display
        await pilot.press("escape")
        await pilot.resize_terminal(64, 20)
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(50):
            if isinstance(app.screen, LessonScreen) and app.screen.has_class("-narrow"):
                break
            await pilot.pause(0.02)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.has_class("-narrow") and not screen.has_class("-wide")
        assert screen.query_one("#sections").region.width == 0  # the table hides below 70 columns


async def test_the_step_shown_in_full_belongs_to_the_lesson_open(make_app, curriculum):
    many = max(curriculum.lessons, key=lambda lesson: len(lesson.checklist))
    other = next(lesson for lesson in curriculum.lessons if lesson is not many and lesson.checklist)
    app = make_app()
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


async def test_titles_with_markup_characters_are_shown_as_written(make_app):
    """A lesson, section or resource title from an imported page may hold `[`…`]`."""
    from oslearn.lessons import Curriculum, Lesson, Resource, SourceRef

    lesson = Lesson(id="odd", title="Odd [/] title [PDF]", order=1, summary="s",
                    sources=(SourceRef(file="001_fae48d724783d07a.txt"),),
                    resources=(Resource(title="Slides [PDF]", url="https://example.org/[x]"),),
                    body="## Part [b]one[/b]\n\nText.\n")
    app = make_app(Curriculum(lessons=[lesson]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(lesson)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        where = str(screen.query_one("#where", Static).render())
        assert "Odd [/] title [PDF]" in where and "Part [b]one[/b]" in where
        resources = screen.query_one("#resource-list", OptionList)
        assert resources.option_count == 1  # built without a markup error


async def test_the_footer_shows_the_keys_of_the_tab_and_lesson_in_front(make_app, curriculum):
    from textual.widgets import Footer

    from oslearn.lessons.verify import checks_for_item

    def verifiable(lesson) -> bool:
        return any(checks_for_item(lesson.id, item.id) for item in lesson.checklist)

    checked = next(lesson for lesson in curriculum.lessons if verifiable(lesson))
    unchecked = next(lesson for lesson in curriculum.lessons if lesson.checklist and not verifiable(lesson))
    app = make_app()

    async def footer_text() -> str:
        await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        return " ".join(str(widget.render()) for widget in footer.query("*"))

    async with app.run_test(size=(120, 24)) as pilot:
        app.open_lesson(checked)
        await pilot.pause()
        shown = await footer_text()
        assert "Next" in shown and "Verify" not in shown
        await pilot.press("3")
        assert "Verify" in await footer_text()
        await pilot.press("1")
        assert "Verify" not in await footer_text()
        await pilot.press("3", "escape")
        app.open_lesson(unchecked)
        await pilot.pause()
        await pilot.press("3")
        assert "Verify" not in await footer_text()  # nothing in this checklist can be checked
        await pilot.press("escape")
        app.open_lesson(checked)
        await pilot.pause()
        await pilot.press("3")
        assert "Verify" in await footer_text()


class PagesApp(App):
    def compose(self):
        yield LessonText(id="body")


async def test_the_source_and_table_of_contents_are_those_of_the_page_shown():
    app = PagesApp()
    async with app.run_test(size=(60, 20)) as pilot:
        body = app.query_one(LessonText)
        assert body.source == "" and body.table_of_contents == []
        await body.prepare("one", "# First\n\nText.\n\n## Inside the first\n")
        await body.prepare("two", "# Second\n")
        body.show_page("one")
        await pilot.pause()
        assert [(level, title) for level, title, _ in body.table_of_contents] == [(1, "First"), (2, "Inside the first")]
        body.show_page("two")
        assert body.source == "# Second\n"
        assert [(level, title) for level, title, _ in body.table_of_contents] == [(1, "Second")]
        await body.update("")  # nothing shown
        assert body.source == "" and body.table_of_contents == []
