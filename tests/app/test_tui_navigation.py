"""Pilot tests of moving around the app: resume, sections and lessons, palette, search, help,
the source viewer, the pictures, themes, NO_COLOR and small windows."""

from __future__ import annotations

import json
import re

from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Markdown, OptionList, SelectionList, Static

from oslearn.lessons.sources import read_seed
from oslearn.tui.screens.families import FamiliesScreen
from oslearn.tui.screens.help import HelpScreen
from oslearn.tui.screens.home import HomeScreen
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.screens.search import SearchScreen
from oslearn.tui.screens.sources import SourcesScreen
from oslearn.tui.screens.timeline import TimelineScreen
from oslearn.tui.widgets.small import SmallWindowBanner
from support.toasts import toasts



def _text(widget: Static) -> str:
    return str(widget.render())


async def test_home_resumes_at_the_lesson_and_section_last_viewed(make_app, curriculum):
    ubuntu = curriculum.lesson("choosing-an-os")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(ubuntu)
        await pilot.pause()
        await pilot.press("n", "n")
        assert app.screen.index == 2
        await pilot.press("q")
    app.store.close()

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        continue_text = _text(home.query_one("#continue"))
        assert ubuntu.sections[2].title in continue_text and f"(3/{len(ubuntu.sections)})" in continue_text
        lessons = home.query_one("#lessons", OptionList)
        assert lessons.highlighted == curriculum.lessons.index(ubuntu)
        # Enter on the highlighted lesson resumes it at the section, as `c` does.
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen) and app.screen.index == 2
        assert app.screen.query_one("#body", Markdown).source == ubuntu.sections[2].markdown
        assert f"3/{len(ubuntu.sections)}" in _text(app.screen.query_one("#where"))
        await pilot.press("escape")
        await pilot.press("c")
        assert app.screen.lesson.id == "choosing-an-os" and app.screen.index == 2


async def test_sections_and_lessons_with_n_p_arrows_and_escape(make_app, curriculum):
    first, second = curriculum.lessons[0], curriculum.lessons[1]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the first lesson
        screen = app.screen
        assert screen.lesson.id == first.id and screen.index == 0
        await pilot.press("right")  # the reader has focus: → is the next section
        assert screen.index == 1
        await pilot.press("left")
        assert screen.index == 0
        for _ in range(len(first.sections)):
            await pilot.press("n")
        await pilot.pause()
        # Past the last section of the first lesson: the second lesson, first section.
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == second.id
        assert app.screen.index == 0
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.lesson.id == first.id and app.screen.index == len(first.sections) - 1
        # The table of sections (o hides it, o again shows and focuses it) moves with j/k and opens with Enter.
        await pilot.press("o", "o", "k", "enter")  # hidden, then shown and focused
        assert app.screen.index == len(first.sections) - 2
        # Escape goes back one level: to the home screen, not through the lessons visited.
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def _palette(pilot, app, query: str, wait_for) -> list[str]:
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query[:2])  # typed, then the rest set at once (each key is a new search)
    app.screen.query_one(CommandInput).value = query
    commands = app.screen.query_one(CommandList)
    await wait_for(pilot, lambda: commands.option_count > 0)
    await pilot.pause(0.2)  # let every provider answer
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


async def test_palette_finds_a_lesson_and_a_section(make_app, curriculum, wait_for):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        found = await _palette(pilot, app, "package managers and the packages", wait_for)
        assert found[0] == "Lesson: Package managers and the packages a Python app needs"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.lesson.id == "package-managers" and app.screen.index == 0

        lesson = curriculum.lesson("choosing-an-os")
        index = lesson.section_index("moving-to-the-next-lts")
        target = f"Section: {lesson.title} › {lesson.sections[index].title}"
        found = await _palette(pilot, app, "section moving to the next lts", wait_for)
        assert found[0] == target
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "choosing-an-os")
        assert app.screen.index == index
        # The lesson replaced the previous one: Escape goes straight home.
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_palette_opens_a_checklist_step_and_a_resource_highlighted(make_app, curriculum, wait_for):
    checklist = curriculum.lesson("checklist")
    item = checklist.checklist[1]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        found = await _palette(pilot, app, f"checklist: {item.text[:25]}", wait_for)
        assert found[0] == f"Checklist: {item.text}"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.focused.id == "checklist-items")
        assert app.screen.query_one("#checklist-items", SelectionList).highlighted == 1

        resource = curriculum.lesson("choosing-an-os").resources[4]
        found = await _palette(pilot, app, f"resource: {resource.title}", wait_for)
        assert found[0] == f"Resource: {resource.title}"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.lesson.id == "choosing-an-os" and app.focused.id == "resource-list")
        assert app.screen.query_one("#resource-list", OptionList).highlighted == 4


async def test_full_text_search_opens_the_match_at_its_section(make_app, curriculum, wait_for):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"yellowdog updater")
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count >= 1
        assert "Yellowdog" in str(results.get_option_at_index(0).prompt)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.lesson.id == "package-managers"
        section = screen.lesson.sections[screen.index]
        assert "Yellowdog Updater, Modified" in section.markdown
        assert screen.query_one("#body", Markdown).source == section.markdown
        # Searching from inside a lesson, with ↓ into the results and Enter there.
        await pilot.press("slash", *"five years", "down", "enter")
        assert app.screen.lesson.id == "choosing-an-os"
        assert "five years" in app.screen.lesson.sections[app.screen.index].markdown
        # The palette also finds body text.
        found = await _palette(pilot, app, "yellowdog", wait_for)
        assert any(line.startswith("Text: Package managers and the packages a Python app needs ›") for line in found)


def _has_key(help_screen: HelpScreen, key: str, description: str) -> bool:
    return any(key in keys.split(", ") and text.startswith(description)
               for _, rows in help_screen.groups for keys, text in rows)


async def test_help_lists_the_keys_of_the_current_screen(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        for key, description in [("c", "Continue"), ("t", "The Ubuntu LTS timeline"), ("f", "The distribution"),
                                 ("q", "Quit"), ("/", "Search"), ("?", "Help"), ("m", "Choose a quiz"),
                                 ("l", "Go to the list of lessons"), ("z", "Go to the list of quizzes"),
                                 ("↑ ↓", "Move the highlight"), ("^p", "Command palette")]:
            assert _has_key(help_screen, key, description), (key, help_screen.lines())
        assert not any("Next section" in line for line in help_screen.lines())
        # Textual's general-purpose keys are not listed: they mean nothing on this screen.
        for default in ("Copy selected text", "Page Left", "Page Right", "Focus Next", "Focus Previous"):
            assert not any(default in line for line in help_screen.lines()), default
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("enter", "question_mark")
        for key, description in [("esc", "Back"), ("n", "Next"), ("p", "Prev"), ("s", "What each version of the page"),
                                 ("1", "Read tab"), ("2", "Resources tab"), ("3", "Checklist tab"),
                                 ("→", "Next section"), ("←", "Previous section"),
                                 ("o", "Show or hide the table of sections"), ("q", "Quit")]:
            assert _has_key(app.screen, key, description), (key, app.screen.lines())
        assert not _has_key(app.screen, "c", "Continue")
        assert not _has_key(app.screen, "y", "Copy link")  # on Resources only
        groups = [title for title, _ in app.screen.groups]
        assert groups == ["This screen", "In the focused text", "Everywhere"]
        await pilot.press("question_mark")
        assert isinstance(app.screen, LessonScreen)


async def test_source_viewer_shows_each_version_with_its_date(make_app, curriculum):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(curriculum.lesson("choosing-an-os"))
        await pilot.pause()
        await pilot.press("s")
        viewer = app.screen
        assert isinstance(viewer, SourcesScreen)
        dates = [p.date for p in viewer.passages]
        assert dates == sorted(dates) and dates[0] == "2014-02" and dates[-1] == "2018-05"
        assert "2016-04" in dates
        head = _text(viewer.query_one("#passage-head"))
        assert "Feb 2014" in head and "2014 version" in head and "000_" not in head
        assert "12.04 Precise Pangolin" in viewer.query_one("#passage-md", Markdown).source
        first_2016 = dates.index("2016-04")
        await pilot.press(*["j"] * first_2016)  # down the list to the 2016 scrape
        assert viewer.passages[viewer.index].date == "2016-04"
        assert "Apr 2016" in _text(viewer.query_one("#passage-head"))
        assert "16.04 Xenial Xerus is the latest" in _text(viewer.query_one("#passage-text"))
        await pilot.press(*["n"] * (dates.index("2018-05") - first_2016))
        assert "18.04 Bionic Beaver" in viewer.shown_text()
        await pilot.press("w")
        assert viewer.shown_text() == read_seed(viewer.passages[viewer.index].file).text
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)


async def test_pictures_open_from_home_and_palette(make_app, wait_for):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        await pilot.pause()
        drawing = _text(app.screen.query_one("#timeline"))
        for label in ("12.04 Precise Pangolin", "14.04 Trusty Tahr", "18.04 Bionic Beaver", "26.04 Resolute Raccoon"):
            assert label in drawing
        assert "◆" in drawing and "▼" in drawing and "distro-support" in drawing
        await pilot.press("escape", "f")
        assert isinstance(app.screen, FamiliesScreen)
        notes = " ".join(_text(w) for w in app.screen.query(".note"))
        assert "Since then (as of 2019-05): DNF replaced YUM" in notes
        await pilot.press("escape")
        found = await _palette(pilot, app, "go to timeline", wait_for)
        assert found[0] == "Go to: Ubuntu LTS timeline"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))


async def test_theme_is_remembered_in_settings_json(make_app, isolated_data_dir, wait_for):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    settings = isolated_data_dir / "settings.json"
    assert json.loads(settings.read_text()) == {"theme": "nord"}
    app.store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "nord"
    app.store.close()
    app = make_app(theme="no-such-theme")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: toasts(app))
        assert app.theme == "nord"
        assert any("Unknown theme 'no-such-theme'" in text for text in toasts(app))


async def test_no_color_renders_without_colour(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()
    # Rich draws three coloured "window buttons" in every SVG export; the app is the rest.
    app_svg = re.sub(r"<circle [^>]*/>", "", svg)
    colours = set(re.findall(r"#([0-9a-fA-F]{6})\b", app_svg))
    assert colours, "the screenshot has colours to check"

    def grey(hex_colour: str) -> bool:  # channels within 8 of each other (Rich's default text is #c5c8c6)
        channels = [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)]
        return max(channels) - min(channels) <= 8

    assert all(grey(c) for c in colours), sorted(c for c in colours if not grey(c))
    assert "░" in svg  # the completion bars still read without colour


def _banners(app) -> list[str]:
    return [_text(banner) for banner in app.screen.query(SmallWindowBanner)]


def _no_banner_anywhere(app) -> bool:
    return not any(screen.query(SmallWindowBanner) for screen in app.screen_stack)


async def test_small_window_says_so_and_nothing_breaks(make_app, curriculum, wait_for):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        lesson_screen = app.screen
        assert _no_banner_anywhere(app)
        await pilot.resize_terminal(40, 12)
        await wait_for(pilot, lambda: _banners(app))
        assert _banners(app) == ["The window is small (40×12); oslearn needs 60×16."]
        assert app.screen is lesson_screen
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: _no_banner_anywhere(app))
        await pilot.press("n")
        assert lesson_screen.index == 1

        # At 40x12 every screen of this part still works, and each says the window is small.
        await pilot.resize_terminal(40, 12)
        await pilot.press("s", "j", "w")
        await wait_for(pilot, lambda: _banners(app))
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("escape", "question_mark", "escape", "2", "3", "p", "escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("t", "j")
        await wait_for(pilot, lambda: _banners(app))
        await pilot.press("escape", "f", "j", "escape", "slash", *"apt", "enter")
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("escape")
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: _no_banner_anywhere(app))
        assert isinstance(app.screen, HomeScreen)


async def test_starting_in_a_40x12_window_says_it_is_small(make_app, wait_for):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for(pilot, lambda: _banners(app))
        assert isinstance(app.screen, HomeScreen)
        await pilot.resize_terminal(41, 12)
        await wait_for(pilot, lambda: "41×12" in " ".join(_banners(app)))
        await pilot.press("enter", "s", "escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_press_on_a_toast_already_closed_is_dropped_not_a_crash(make_app, wait_for):
    """A toast closed by a click is clicked again before the next frame (a double-click):
    the screen's map still shows it, and Textual would raise ``AttributeError`` starting a
    text selection on a widget with no parent. The app drops that press; the next one,
    after the frame, lands on what is there now."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("A toast to click twice", timeout=60)
        await wait_for(pilot, lambda: app.screen.query("Toast"))
        await pilot.pause()
        toast = app.screen.query_one("Toast")
        x, y = toast.region.x + 3, toast.region.y + 1
        await toast.remove()
        assert app.get_widget_at(x, y)[0] is toast and not toast.is_attached  # map not yet refreshed
        for event_type in (events.MouseDown, events.MouseUp):
            await app.on_event(event_type(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))
        assert app.is_running and app.return_code is None
        await wait_for(pilot, lambda: app.get_widget_at(x, y)[0] is not toast)
        await pilot.click(offset=(x, y))
        assert app.is_running


def test_timeline_names_every_lts_in_its_default_python_line():
    """A release whose default Python the content does not record yet is said to be
    missing, not left out silently."""
    import datetime

    from oslearn.lessons.facts import ubuntu_lts
    from oslearn.tui.widgets.timeline import render_timeline

    text = render_timeline(200, today=datetime.date(2026, 12, 1)).plain
    line = next(line for line in text.splitlines() if line.startswith("Default Python:"))
    for release in ubuntu_lts():
        assert release.version in line
        if release.python:
            assert f"{release.version} {release.python}" in line
        else:
            assert "not recorded here yet" in line
