"""The home screen on a progress directory written under the content's old ids."""

from __future__ import annotations

from textual.widgets import OptionList, SelectionList

from support.renames import OLD_ANSWERS, OLD_TICKS, write_old_progress


async def test_home_shows_progress_under_old_ids(make_app, curriculum, isolated_data_dir):
    write_old_progress(isolated_data_dir)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        lessons = screen.query_one("#lessons", OptionList)
        total = len(curriculum.lesson("choosing-an-os").checklist)
        assert f"2/{total}" in str(lessons.get_option("choosing-an-os").prompt)
        assert "1/" in str(lessons.get_option("package-managers").prompt)
        overall = str(screen.query_one("#overall").render())
        assert f"{len(OLD_TICKS)}/" in overall
        assert f"{len(OLD_ANSWERS)}/{len(curriculum.questions)} questions right" in overall
        assert f"Reviews due: {len(OLD_ANSWERS)}" in str(screen.query_one("#reviews").render())
        assert curriculum.lesson("choosing-an-os").title in str(screen.query_one("#continue").render())
        await pilot.press("r")  # the due reviews are the questions now
        await pilot.pause()
        assert {q.id for q in app.screen.questions} == set(OLD_ANSWERS.values())


async def test_a_moved_step_shows_ticked_and_an_untick_is_kept(make_app, curriculum, isolated_data_dir):
    write_old_progress(isolated_data_dir)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_lesson(app.curriculum.lesson("choosing-an-os"))
        await pilot.pause()
        checklist = app.screen.query_one("#checklist-items", SelectionList)
        assert set(checklist.selected) == {"pick-lts", "say-why-not-windows"}
        await pilot.press("3")
        checklist.highlighted = [item.id for item in app.screen.lesson.checklist].index("pick-lts")
        await pilot.press("space")
        await pilot.pause()
        assert set(checklist.selected) == {"say-why-not-windows"}
        assert app.store.checklist_state()[("choosing-an-os", "pick-lts")] is False
        assert app.store.checklist_state()[("ubuntu", "pick-lts")] is True  # kept as it was
