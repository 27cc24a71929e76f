"""Text from content files and settings never becomes live markup on any screen.

``tests/data/hostile_tui/`` is a curriculum (``--lessons``) whose titles, summaries, section
headings, body text, table cells, checklist steps and details, resource titles, descriptions
and URLs, quiz bank title, topics, prompts, choices and explanations hold Textual markup with
``@click`` actions (``app.quit``, ``app.screenshot`` to a chosen folder), lone ``[/]`` closing
tags and terminal escape sequences; ``settings.json`` names a theme holding the same.

The test shows every screen and palette result with that text, checks each rendered cell of
each screen for a click action the text could have smuggled in, clicks every place the text
appears, and asserts that no action ran, no file was written and the app still runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.widgets import SelectionList

from oslearn.lessons.curricula import load_library
from oslearn.progress import ProgressStore
from oslearn.tui.app import OSLearnApp
from oslearn.tui.screens.help import HelpScreen
from oslearn.tui.screens.home import HomeScreen
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.screens.progress import ProgressScreen
from oslearn.tui.screens.search import SearchScreen


HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile_tui"
#: Where the corpus's ``app.screenshot`` payloads would write.
TARGET = Path("/tmp/oslearn-hostile-tui")
#: Fragments of the payloads as they must appear on screen: literally, brackets and all.
PAYLOADS = ("[@click=app.quit]x", "[@click=app.screenshot(", "[/]")
#: Click actions the app's own widgets put on screen; any other is a payload come alive.
ALLOWED_CLICKS = ("link(", "app.command_palette", "screen.", "app.simulate_key", "focus", "toggle",
                  "select", "app.bell")


class SpyApp(OSLearnApp):
    """The app, recording every action run and refusing to quit or take screenshots."""

    CSS_PATH = Path(__import__("oslearn.tui.app").tui.app.__file__).parent / "oslearn.tcss"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ran: list[str] = []

    async def run_action(self, action, default_namespace=None) -> bool:
        self.ran.append(str(action))
        return await super().run_action(action, default_namespace)

    async def action_quit(self) -> None:
        self.ran.append("QUIT")

    def action_screenshot(self, filename=None, path=None) -> None:
        self.ran.append(f"SCREENSHOT {filename} {path}")


def _lines(app) -> list[tuple[str, list]]:
    """The screen as ``(text, segments)`` per line (segments keep their styles and meta)."""
    strips = app.screen._compositor.render_strips()
    return [("".join(segment.text for segment in strip), list(strip)) for strip in strips]


def _live_clicks(app) -> list[str]:
    """Every click action on screen that the app's own widgets would not put there."""
    found = []
    for _, segments in _lines(app):
        for segment in segments:
            meta = segment.style.meta if segment.style else {}
            action = str(meta.get("@click", "")) if meta else ""
            if action and ("quit" in action or "screenshot" in action
                           or not action.startswith(ALLOWED_CLICKS)):
                found.append(action)
    return found


def _payload_cells(app) -> list[tuple[int, int]]:
    """Screen cells ``(x, y)`` where a payload's text is shown (on its first characters
    and on the ``x``/``y`` a live link would have been)."""
    cells = []
    for y, (text, _) in enumerate(_lines(app)):
        for payload in PAYLOADS:
            start = text.find(payload)
            while start >= 0:
                cells.append((cell_len(text[:start]), y))
                if payload.endswith("x"):
                    cells.append((cell_len(text[:start + len(payload) - 1]), y))
                start = text.find(payload, start + 1)
    return cells


def _shows_payload(app) -> bool:
    return any(payload in text for text, _ in _lines(app) for payload in PAYLOADS)


async def _check_and_click(pilot, app, where: str, *, click: bool = True) -> int:
    """Assert the screen shows the payloads as text with no live click action, then click
    each payload cell, returning to this screen after any click that left it. Returns the
    number of cells clicked."""
    await pilot.pause()
    assert _live_clicks(app) == [], where
    screen = app.screen
    cells = _payload_cells(app) if click else []
    for x, y in cells:
        before = len(app.ran)
        for _ in range(100):  # a toast closed by the last click: wait for the frame without it
            if app.get_widget_at(x, y)[0].is_attached:
                break
            await pilot.pause(0.02)
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert not any("QUIT" in a or "SCREENSHOT" in a for a in app.ran[before:]), (where, x, y, app.ran)
        while app.screen is not screen and len(app.screen_stack) > 1 and screen in app.screen_stack:
            await pilot.press("escape")
            await pilot.pause()
    return len(cells)


@pytest.fixture
def hostile_app(isolated_data_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a screenshot without a folder would land here
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    (isolated_data_dir / "settings.json").write_text(
        json.dumps({"theme": "[@click=app.quit]x[/] [/]"}), encoding="utf-8")
    monkeypatch.setattr(OSLearnApp, "browser_available", lambda self: False)
    if TARGET.exists():
        for leftover in TARGET.iterdir():
            leftover.unlink()
        TARGET.rmdir()
    with ProgressStore.open(isolated_data_dir) as store:
        yield SpyApp(load_library([HOSTILE]), store, seed=1)


async def test_hostile_content_is_shown_as_text_everywhere_and_clicks_run_nothing(hostile_app, tmp_path, wait_for):
    app = hostile_app
    clicked = 0
    curriculum = app.curriculum
    click_lesson = curriculum.lesson("hostile/click")
    assert click_lesson is not None and "[@click=app.quit]x[/]" in click_lesson.title
    async with app.run_test(size=(80, 40), notifications=True) as pilot:
        # Home: the lesson list, the quiz list (bank title) and the unknown-theme toast.
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and _shows_payload(app))
        await wait_for(pilot, lambda: any("Unknown theme '[@click=app.quit]x[/]" in t for t, _ in _lines(app)))
        clicked += await _check_and_click(pilot, app, "home")
        app.store.set_position("hostile/click", click_lesson.sections[0].id)
        app.screen.refresh_lessons()
        await pilot.pause()
        assert "Continue (c): Click [@click=app.quit]x[/] me [/]" in "".join(t for t, _ in _lines(app))
        clicked += await _check_and_click(pilot, app, "home, continue line")

        # The lesson: its text and table (a grid, then records in a narrow window).
        app.open_lesson(click_lesson)
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and _shows_payload(app))
        clicked += await _check_and_click(pilot, app, "lesson text")
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        clicked += await _check_and_click(pilot, app, "lesson text, narrow")
        await pilot.resize_terminal(80, 40)
        app.open_lesson(click_lesson, click_lesson.sections[1].id)
        await wait_for(pilot, lambda: app.screen.index == 1)
        clicked += await _check_and_click(pilot, app, "second section")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        clicked += await _check_and_click(pilot, app, "help on the lesson")
        await pilot.press("escape")

        # Resources: title, description, URL; Enter with no browser shows the URL to copy.
        app.open_lesson(click_lesson, click_lesson.sections[0].id)
        await wait_for(pilot, lambda: app.screen.lesson is click_lesson and app.screen.index == 0)
        await pilot.press("2")
        clicked += await _check_and_click(pilot, app, "resources")
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: app.unopened_url == click_lesson.resources[0].url)
        clicked += await _check_and_click(pilot, app, "resources, no browser")
        await pilot.press("y")
        # Checklist: the steps and the highlighted step's detail and links.
        await pilot.press("3")
        checklist = app.screen.query_one("#checklist-items", SelectionList)
        checklist.highlighted = 0
        clicked += await _check_and_click(pilot, app, "checklist")
        # Past the last section: the next lesson's title in a toast, then its escapes.
        app.open_lesson(click_lesson, click_lesson.sections[-1].id)
        await wait_for(pilot, lambda: app.screen.index == len(click_lesson.sections) - 1)
        await pilot.press("1", "n")
        await wait_for(pilot, lambda: app.screen.lesson.id == "hostile/escapes")
        clicked += await _check_and_click(pilot, app, "next lesson and its toast")
        await pilot.press("escape")

        # Search and the command palette (discovery, fuzzy and full-text hits).
        await pilot.press("slash", *"click")
        assert isinstance(app.screen, SearchScreen)
        await wait_for(pilot, lambda: app.screen.hits)
        clicked += await _check_and_click(pilot, app, "search", click=False)
        await pilot.press("escape")
        for query in ("", "click", "bank", "tick", "resource", "escapes"):
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            if query:
                await pilot.press(*query)
            await pilot.pause(0.3)
            await _check_and_click(pilot, app, f"palette {query!r}", click=False)
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))

        # The quiz: bank title, prompt, choices, feedback; the mode chooser; progress.
        bank = next(b for b in curriculum.banks if b.id.endswith("click-bank"))
        app.start_quiz(bank.title, bank.questions)
        await wait_for(pilot, lambda: _shows_payload(app))
        clicked += await _check_and_click(pilot, app, "quiz question", click=False)
        await pilot.press("escape")
        await pilot.pause()
        while not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        clicked += await _check_and_click(pilot, app, "quiz modes", click=False)
        await pilot.press("escape")
        app.push_screen(ProgressScreen())
        await pilot.pause()
        clicked += await _check_and_click(pilot, app, "progress")
        assert app.is_running

    assert clicked > 20
    bad = [action for action in app.ran if "QUIT" in action or "SCREENSHOT" in action
           or "quit" in action or "screenshot" in action]
    assert bad == []
    assert not TARGET.exists()
    assert list(tmp_path.glob("*.svg")) == []
