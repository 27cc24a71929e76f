"""The lesson's checklist tab shows the highlighted step in full, with its detail and links."""

from __future__ import annotations

from textual.widgets import SelectionList, Static



async def test_highlighted_step_is_shown_in_full_with_detail_and_links(curriculum, make_app):
    lesson = curriculum.lesson("checklist")
    linked = next(i for i, item in enumerate(lesson.checklist) if item.links and item.detail)
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(lesson)
        await pilot.pause()
        await pilot.press("3")
        detail = app.screen.query_one("#step-detail", Static)
        first = lesson.checklist[0]
        assert str(detail.render()).startswith(first.text)
        await pilot.press(*["j"] * linked)
        await pilot.pause()
        item = lesson.checklist[linked]
        assert app.screen.query_one("#checklist-items", SelectionList).highlighted == linked
        shown = str(detail.render())
        assert item.text in shown and item.links[0] in shown
        assert item.detail.replace("`", "") in shown  # inline code shown without its backticks
