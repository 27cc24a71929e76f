"""A learner's journey through the app, driven with Textual's Pilot, then checked on disk."""

from __future__ import annotations

from textual.widgets import Markdown, OptionList, SelectionList, Static

from oslearn.lessons import citation
from oslearn.lessons.quiz import answer_text
from oslearn.progress import ProgressStore
from oslearn.tui.screens.home import HomeScreen
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.screens.quiz import QuizScreen
from support.quiz import keys_for


def _text(widget: Static) -> str:
    return str(widget.render())


async def test_learner_journey_survives_restart(make_app, curriculum, isolated_data_dir):
    ubuntu = curriculum.lesson("page-changes")
    with ProgressStore.open(isolated_data_dir) as store:
        app = make_app(store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            assert isinstance(app.screen, HomeScreen)
            assert "Welcome" in _text(app.screen.query_one("#continue"))
            # Open the Ubuntu lesson from the list.
            lessons = app.screen.query_one("#lessons", OptionList)
            lessons.focus()
            lessons.highlighted = curriculum.lessons.index(ubuntu)
            await pilot.press("enter")
            assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "page-changes"
            body = app.screen.query_one("#body", Markdown)
            assert body.source == ubuntu.sections[0].markdown
            # Move through the sections: next, next, back one.
            await pilot.press("n", "n", "p")
            assert app.screen.index == 1
            assert body.source == ubuntu.sections[1].markdown
            assert "section 2/" in _text(app.screen.query_one("#where"))
            # Tick the checklist item.
            await pilot.press("3")
            checklist = app.screen.query_one("#checklist-items", SelectionList)
            assert checklist.has_focus
            await pilot.press("space")
            assert "spot-three-changes" in checklist.selected
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)
            # The home list now shows 1/1 for Ubuntu.
            option = app.screen.query_one("#lessons", OptionList).get_option("page-changes")
            assert "1/1" in str(option.prompt)
            # Take the package-managers quiz (shuffled): answer the first question right, the second wrong.
            await pilot.press("z")
            quizzes = app.screen.query_one("#quizzes", OptionList)
            quizzes.highlighted = quizzes.get_option_index("bank:package-managers")
            await pilot.press("enter")
            assert isinstance(app.screen, QuizScreen)
            first, second = app.screen.questions[0], app.screen.questions[1]
            assert {q.bank for q in app.screen.questions} == {"package-managers"}
            await pilot.press(*keys_for(app.screen.item, right=True))
            feedback = _text(app.screen.query_one("#feedback"))
            assert "Right" in feedback and first.explanation[:30] in feedback
            await pilot.press("enter")
            await pilot.press(*keys_for(app.screen.item, right=False))
            feedback = _text(app.screen.query_one("#feedback"))
            assert "Not quite" in feedback and answer_text(second) in feedback
            assert citation(second.source) in feedback
            await pilot.press("escape", "q")

    # A new app on the same data directory finds everything as it was left.
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.done_items("page-changes") == {"spot-three-changes"}
        attempts = store.attempts()
        assert [(a["question"], a["correct"]) for a in attempts] == [(first.id, True), (second.id, False)]
        app = make_app(store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            assert ubuntu.sections[1].title in _text(app.screen.query_one("#continue"))
            await pilot.press("c")
            assert isinstance(app.screen, LessonScreen)
            assert app.screen.lesson.id == "page-changes" and app.screen.index == 1
            await pilot.press("3")
            assert "spot-three-changes" in app.screen.query_one("#checklist-items", SelectionList).selected


async def test_z_then_enter_starts_the_first_quiz(make_app):
    """The quiz list gets a highlighted row when `z` focuses it, so Enter acts at once."""
    from oslearn.tui.screens.quiz import QuizScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("z", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
