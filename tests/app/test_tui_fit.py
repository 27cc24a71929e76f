"""Everything fits the window, at 80x24 and 60x16: lists that scroll within the room left
with their entry in view, quiz feedback scrolled to and scrolled with the keys, questions
that open at their top with the highlighted choice kept in view, checklist steps wrapped
rather than cut, tab labels and footer keys never cut, keys offered only where they work
(and the hint key named the same on every question), inline code without its backticks."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import OptionList

from oslearn.lessons.session import QuizPlan, QuizSession
from oslearn.tui.app import OSLearnApp
from oslearn.tui.screens.help import HelpScreen, key_groups
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.screens.quiz import QuizScreen
from oslearn.tui.screens.quiz_setup import QuizSetupScreen
from support.quiz import keys_for


def _lines(widget) -> list[str]:
    """The lines ``widget`` draws, border included (its own content, not its children's)."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


async def _open_lesson(app, pilot, wait_for, lesson) -> LessonScreen:
    app.open_lesson(lesson)
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.is_mounted
                   and bool(app.screen.query("#reader")))
    await pilot.pause()
    return app.screen


@pytest.mark.parametrize("size", [(80, 24), (60, 16)])
@pytest.mark.parametrize("lesson_id", ["security-hardening", "what-an-os-does"])
async def test_the_resources_list_fits_the_tab_and_keeps_the_highlight_in_view(
        curriculum, make_app, wait_for, size, lesson_id):
    lesson = curriculum.lesson(lesson_id)
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        screen = await _open_lesson(app, pilot, wait_for, lesson)
        await pilot.press("2")
        await pilot.pause()
        resources = screen.query_one("#resource-list", OptionList)
        hint = screen.query_one("#resources-hint")
        footer_top = size[1] - 1
        assert resources.region.bottom <= hint.region.y, (resources.region, hint.region)
        assert hint.region.height >= 1 and hint.region.bottom <= footer_top, hint.region
        assert "Enter opens the link" in "".join(_lines(hint))
        assert resources.max_scroll_y > 0  # the list scrolls within itself
        await pilot.press("end")
        await pilot.pause()
        assert resources.highlighted == len(lesson.resources) - 1
        shown = " ".join(" ".join(_lines(resources)).split())
        assert lesson.resources[-1].title in shown, shown
        await pilot.press("home")
        await pilot.pause()
        assert lesson.resources[0].title in " ".join(" ".join(_lines(resources)).split())


# --- the quiz: a question opens at its top; the feedback is scrolled to and with the keys ---

#: Real questions whose answer lists are tall: at 60x16 a question of each of these types
#: is taller than the window.
TALL_KINDS = ("matching", "ordering", "multiple")


def _question_of_type(curriculum, kind: str):
    """The question of type ``kind`` with the most text to show (prompt and choices)."""
    def size(question) -> tuple:
        parts = [question.prompt, *map(str, question.choices), *map(str, question.answer if isinstance(
            question.answer, (list, tuple)) else [question.answer])]
        return sum(len(part) for part in parts), question.id
    return max((q for bank in curriculum.banks for q in bank.questions if q.type == kind), key=size)


def _start_quiz(app, *questions) -> QuizScreen:
    plan = QuizPlan("Fit quiz", tuple(questions), mode="bank", shuffle=False)
    screen = QuizScreen(QuizSession(plan, app.rng))
    app.push_screen(screen)
    return screen


async def _open_quiz(app, pilot, wait_for, *questions):
    """Start a quiz asking ``questions`` in order; return its screen once the answer is shown."""
    screen = _start_quiz(app, *questions)
    await wait_for(pilot, lambda: app.screen is screen and screen.answer_widget is not None
                   and screen.answer_widget.is_mounted)
    return screen


@pytest.mark.parametrize("size", [(60, 16), (80, 24)])
@pytest.mark.parametrize("kind", TALL_KINDS)
async def test_a_question_opens_scrolled_to_its_top(curriculum, make_app, wait_for, size, kind):
    question = _question_of_type(curriculum, kind)
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        screen = await _open_quiz(app, pilot, wait_for, question, question)
        await pilot.pause(0.5)  # past any scrolling animation
        view = screen.query_one("#quiz", VerticalScroll)
        assert view.scroll_y == 0
        status = screen.query_one("#status")
        assert view.region.contains_region(status.region) and "Question 1 of 2" in str(status.render())
        assert screen.query_one("#prompt").region.y < view.region.bottom
        assert screen.answer_widget.query_one(OptionList).has_focus  # the keys still answer
        # And the next question too, after the feedback of this one.
        await pilot.press(*keys_for(screen.item, right=False))
        await pilot.pause(0.1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.session.index == 1 and screen.answer_widget.is_mounted)
        await pilot.pause(0.5)
        assert view.scroll_y == 0 and "Question 2 of 2" in str(status.render())


@pytest.mark.parametrize("size", [(60, 16), (80, 24)])
@pytest.mark.parametrize("kind", ["matching", "single"])
async def test_the_feedback_is_scrolled_to_and_the_keys_scroll_it(curriculum, make_app, wait_for, size, kind):
    question = _question_of_type(curriculum, kind)
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        screen = await _open_quiz(app, pilot, wait_for, question, question)
        await pilot.pause(0.1)
        await pilot.press(*keys_for(screen.item, right=False))
        await pilot.pause(0.2)
        view = screen.query_one("#quiz", VerticalScroll)
        feedback = screen.query_one("#feedback")
        assert feedback.display and "Not quite" in str(feedback.render())
        # The feedback's start is in view: its top border and its first line.
        assert view.region.y <= feedback.region.y and feedback.region.y + 2 < view.region.bottom, (
            feedback.region, view.region)
        if view.max_scroll_y == 0:
            return  # it all fits: nothing to scroll
        await pilot.press("end")
        await pilot.pause(0.1)
        assert view.scroll_y == view.max_scroll_y
        assert feedback.region.bottom <= view.region.bottom  # "Enter: next question" in view
        await pilot.press("home")
        await pilot.pause(0.1)
        assert view.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert view.scroll_y > 0
        await pilot.press("up")
        await pilot.pause(0.1)
        await pilot.press("down", "down")
        await pilot.pause(0.1)
        assert screen.session.index == 0  # scrolling did not leave the question
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.session.index == 1)


@pytest.mark.parametrize("size", [(60, 16), (80, 24), (120, 40)])
async def test_the_quiz_mode_list_fits_its_box_and_keeps_the_highlight_in_view(make_app, wait_for, size):
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizSetupScreen))
        await pilot.pause(0.1)
        box = app.screen.query_one("#setup")
        modes = app.screen.query_one("#modes", OptionList)
        inside = box.region.shrink(box.styles.gutter)  # within its border and padding
        assert inside.contains_region(modes.region), (modes.region, box.region)
        assert box.region.bottom <= size[1]
        if size[1] >= 40:  # room for every mode: no scrollbar, no empty rows
            assert modes.max_scroll_y == 0
            assert modes.region.height == modes.virtual_size.height + modes.styles.gutter.height
        for key, index in (("end", modes.option_count - 1), ("home", 1)):
            await pilot.press(key)
            await pilot.pause()
            assert modes.highlighted == index
            label = modes.get_option_at_index(index).prompt.plain.strip()
            assert label[:20] in " ".join(" ".join(_lines(modes)).split()), (key, label)
        await pilot.press("x")  # the settings line changes length: the list still fits
        await pilot.pause(0.1)
        assert box.region.shrink(box.styles.gutter).contains_region(modes.region)


# --- footers: every screen shows only keys that fit whole ------------------------------------


def _footer_keys_whole(app, width: int) -> bool:
    """Whether the footer shows at least one key and every key shown fits whole."""
    try:
        _assert_footer_keys_whole(app, width, "")
    except AssertionError:
        return False
    return True


def _assert_footer_keys_whole(app, width: int, where) -> None:
    keys = [key for key in app.screen.query("FooterKey") if key.display]
    palette = [key for key in keys if key.has_class("-command-palette")]
    shown = [key for key in keys if not key.has_class("-command-palette")]
    assert shown, where
    limit = palette[0].region.x if palette else width
    for key in shown:
        assert key.region.right <= limit, (where, key.key, key.region, limit)
        assert key.region.width == key.get_content_width(key.size, key.size), (where, key.key)  # not cut


async def _to_results(app, pilot, wait_for) -> None:
    question = app.curriculum.question("pm-rpm-format")
    screen = _start_quiz(app, question)
    await wait_for(pilot, lambda: app.screen is screen and screen.answer_widget is not None)
    await pilot.pause()
    await pilot.press(*keys_for(screen.item, right=False))
    await pilot.press("enter")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "ResultsScreen")


async def _to_quiz(app, pilot, wait_for) -> None:
    screen = _start_quiz(app, app.curriculum.question("pm-rpm-format"))
    await wait_for(pilot, lambda: app.screen is screen and screen.answer_widget is not None)


async def _to_typed_quiz(app, pilot, wait_for) -> None:
    screen = _start_quiz(app, _question_of_type(app.curriculum, "typed"))
    await wait_for(pilot, lambda: app.screen is screen and screen.answer_widget is not None)


async def _to_sources(app, pilot, wait_for) -> None:
    await _open_lesson(app, pilot, wait_for, app.curriculum.lesson("choosing-an-os"))
    await pilot.press("s")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "SourcesScreen")


async def _press(pilot, key: str, screen_name: str, wait_for) -> None:
    await pilot.press(key)
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == screen_name)


SCREENS = {
    "results": _to_results,
    "quiz": _to_quiz,
    "typed quiz": _to_typed_quiz,
    "sources": _to_sources,
    "progress": lambda app, pilot, wait_for: _press(pilot, "p", "ProgressScreen", wait_for),
    "timeline": lambda app, pilot, wait_for: _press(pilot, "t", "TimelineScreen", wait_for),
    "families": lambda app, pilot, wait_for: _press(pilot, "f", "FamiliesScreen", wait_for),
    "quiz modes": lambda app, pilot, wait_for: _press(pilot, "m", "QuizSetupScreen", wait_for),
}


@pytest.mark.parametrize("size", [(40, 12), (60, 16), (80, 24)])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_screen_shows_only_whole_keys_in_its_footer(make_app, wait_for, screen, size):
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await SCREENS[screen](app, pilot, wait_for)
        # The footer is refitted after the screen's first layout: give it that frame (a
        # loaded machine may need several), then require every key shown to be whole.
        try:
            await wait_for(pilot, lambda: _footer_keys_whole(app, size[0]))
        except AssertionError:
            pass  # the assertion below says which key is cut
        _assert_footer_keys_whole(app, size[0], (screen, size))


# --- keys: named the same way everywhere, offered only where they work ------------------------


@pytest.mark.parametrize("kind", ["single", "matching", "typed", "command"])
async def test_the_hint_key_is_ctrl_t_on_every_question_type(curriculum, make_app, wait_for, kind):
    question = _question_of_type(curriculum, kind)
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(app, pilot, wait_for, question)
        await wait_for(pilot, lambda: any(key.key == "ctrl+t" for key in app.screen.query("FooterKey")))
        await pilot.pause(0.1)
        footer = [(key.key, key.description) for key in app.screen.query("FooterKey") if key.display]
        assert ("ctrl+t", "Hint") in footer and ("h", "Hint") not in footer, footer
        hint_keys = [keys for _, rows in key_groups(screen) for keys, words in rows if words == "Hint"]
        typing = kind in ("typed", "command")
        assert hint_keys == (["^t"] if typing else ["h, ^t"]), hint_keys
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.query_one("#hint").display


def _help_keys(app) -> dict[str, str]:
    """``{description: keys}`` of the help screen on top."""
    return {words: keys for _, rows in app.screen.groups for keys, words in rows}


@pytest.mark.parametrize("lesson_id, verifiable", [("checklist", True), ("security-hardening", False)])
async def test_the_checklist_offers_v_only_where_steps_can_be_checked(curriculum, make_app, wait_for,
                                                                      lesson_id, verifiable):
    app = make_app(seed=1)
    async with app.run_test(size=(140, 30)) as pilot:  # room for every key in the footer
        screen = await _open_lesson(app, pilot, wait_for, curriculum.lesson(lesson_id))
        await pilot.press("3")
        await pilot.pause()
        hint = " ".join(" ".join(_lines(screen.query_one("#checklist-hint"))).split())
        assert "Space or Enter ticks a step" in hint
        assert ("v checks the steps on a server" in hint) is verifiable, hint
        footer = [key.key for key in screen.query("FooterKey") if key.display]
        assert ("v" in footer) is verifiable, footer
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert ("Verify" in _help_keys(app)) is verifiable, _help_keys(app)


async def test_the_checklist_hint_follows_the_lesson_shown(curriculum, make_app, wait_for):
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_lesson(app, pilot, wait_for, curriculum.lesson("checklist"))
        await pilot.press("escape")
        await _open_lesson(app, pilot, wait_for, curriculum.lesson("security-hardening"))
        await pilot.press("3")
        await pilot.pause()
        assert "v checks" not in " ".join(_lines(screen.query_one("#checklist-hint")))


async def test_copy_link_is_listed_only_where_it_works(curriculum, make_app, monkeypatch, wait_for):
    monkeypatch.setattr(OSLearnApp, "browser_available", lambda self: False)
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_lesson(app, pilot, wait_for, curriculum.lesson("checklist"))
        for tab, listed in (("3", False), ("1", False), ("2", True)):
            await pilot.press(tab)
            await pilot.pause()
            await pilot.press("question_mark")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
            assert ("Copy link" in _help_keys(app)) is listed, (tab, _help_keys(app))
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        # An address no browser could open: y copies it from any tab, and says so.
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.unopened_url is not None)
        await pilot.press("3", "question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "Copy link" in _help_keys(app)


# --- the checklist: long steps wrap; the tab bar's labels fit -------------------------------


@pytest.mark.parametrize("size, hide_sections", [((80, 24), True), ((80, 24), False), ((60, 16), False)])
async def test_long_checklist_steps_wrap_whole_under_their_mark(curriculum, make_app, wait_for, size, hide_sections):
    from oslearn.tui.widgets.lists import UNTICKED

    lesson = curriculum.lesson("security-hardening")
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        screen = await _open_lesson(app, pilot, wait_for, lesson)
        if hide_sections:
            await pilot.press("o")
        await pilot.press("3")
        await pilot.pause()
        items = screen.query_one("#checklist-items")
        if size[1] >= 24:
            assert items.max_scroll_y == 0  # as tall as its lines: none hidden under its edge
        shown = []
        for end in (False, True):  # at 60x16 the list scrolls: its top, then its end
            if end:
                items.scroll_end(animate=False)
                await pilot.pause()
            lines = [strip.text for strip in items.render_lines(Region(0, 0, *items.outer_size))]
            shown.append(" ".join("\n".join(lines).replace("▊", " ").replace("▎", " ").split()))
            assert "…" not in shown[-1], lines
        for item in lesson.checklist:
            assert any(f"{UNTICKED} {item.text}" in text for text in shown), (item.text, shown)


@pytest.mark.parametrize("size", [(60, 16), (70, 24), (80, 24), (120, 30)])
@pytest.mark.parametrize("lesson_id", ["package-managers", "choosing-an-os"])
async def test_the_tab_labels_fit_with_the_section_table_shown(curriculum, make_app, wait_for, size, lesson_id):
    lesson = curriculum.lesson(lesson_id)
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        screen = await _open_lesson(app, pilot, wait_for, lesson)
        for _ in range(2):  # shown (pressing o where it starts hidden), then hidden
            if not screen.query_one("#sections").display:
                await pilot.press("o")
            await pilot.pause(0.1)
            tabs = screen.query_one("#tabs")
            for tab in tabs.query("Tab"):
                assert tab.region.right <= tabs.region.right, (str(tab.label), tab.region, tabs.region)
                assert tab.region.width == tab.get_content_width(tab.size, tab.size) + 2, str(tab.label)
            labels = [str(tab.label) for tab in tabs.query("Tab")]
            assert labels[0] == "1 Read" and labels[1].startswith("2 ") and labels[2].startswith("3 "), labels
            if size[0] >= 120:
                assert labels[1:] == [f"2 Resources ({len(lesson.resources)})",
                                      f"3 Checklist ({len(lesson.checklist)})"]
            await pilot.press("o")
            await pilot.pause(0.1)
            assert not screen.query_one("#sections").display
            labels = [str(tab.label) for tab in tabs.query("Tab")]
            assert labels[1] == f"2 Resources ({len(lesson.resources)})", labels  # room for all of it


@pytest.mark.parametrize("lesson_id, item_id, code", [
    ("security-hardening", "check-effective-sshd", "sudo sshd -T | grep -Ei"),
    ("checklist", "install-fail2ban", "apt install fail2ban"),
])
async def test_the_step_detail_shows_inline_code_without_backticks(curriculum, make_app, wait_for,
                                                                   lesson_id, item_id, code):
    lesson = curriculum.lesson(lesson_id)
    item = next(item for item in lesson.checklist if item.id == item_id)
    assert f"`{code}" in item.detail  # written as Markdown inline code
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_lesson(app, pilot, wait_for, lesson)
        await pilot.press("3")
        await pilot.press(*["j"] * [i.id for i in lesson.checklist].index(item_id))
        await pilot.pause()
        detail = screen.query_one("#step-detail").render()
        assert "`" not in detail.plain and code in detail.plain, detail.plain
        start = detail.plain.index(code)
        assert any(span.start <= start < span.end and "bold" in str(span.style) for span in detail.spans)


def _rows_of_highlight(options: OptionList) -> list[int]:
    """The screen rows the highlighted option of ``options`` is drawn on (an answer list is
    as tall as its options, so its lines are its options' lines)."""
    top = options.scrollable_content_region.y
    rows = []
    for y in range(options.scrollable_content_region.height):
        indexes = {segment.style.meta.get("option") for segment in options.render_line(y) if segment.style}
        if options.highlighted in indexes:
            rows.append(top + y)
    return rows


@pytest.mark.parametrize("kind", TALL_KINDS)
async def test_the_highlighted_answer_stays_in_view_as_it_moves(curriculum, make_app, wait_for, kind):
    question = _question_of_type(curriculum, kind)
    app = make_app(seed=1)
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await _open_quiz(app, pilot, wait_for, question)
        await pilot.pause(0.5)
        view = screen.query_one("#quiz", VerticalScroll)
        options = screen.answer_widget.query_one(OptionList)
        assert options.region.bottom > view.region.bottom  # the list runs below the window
        for _ in range(options.option_count - 1):
            await pilot.press("down")
            await pilot.pause()
            rows = _rows_of_highlight(options)
            assert rows and view.region.y <= rows[0] and rows[-1] < view.region.bottom, (
                options.highlighted, rows, view.region)
        assert options.highlighted == options.option_count - 1
        for _ in range(options.option_count - 1):
            await pilot.press("up")
            await pilot.pause()
        rows = _rows_of_highlight(options)
        assert options.highlighted == 0 and view.region.y <= rows[0] and rows[-1] < view.region.bottom
