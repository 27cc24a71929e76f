"""Everything fits the window, at 80x24 and 60x16: lists that scroll within the room left
with their entry in view, quiz feedback scrolled to and scrolled with the keys, questions
that open at their top, and tab bars and keys never cut."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import OptionList

from oslearn.tui.screens.lesson import LessonScreen


def _lines(widget) -> list[str]:
    """The lines ``widget`` draws over its whole size (its own content, not its children's)."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.size))]


def _inside(inner: Region, outer: Region) -> bool:
    return outer.contains_region(inner)


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
