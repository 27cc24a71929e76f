"""The quiz in the app, driven with Pilot: every question type by keyboard, right and wrong;
exam mode; results and retrying the wrong ones; the lesson jump and back; due reviews on the
home screen; the progress screen; the mode chooser; ``--seed``.

The tests build their own small curriculum, so they do not depend on the size of the banks.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Rating
from textual.widgets import Input, Markdown, OptionList, ProgressBar, Sparkline

from oslearn.lessons.quiz import answer_text
from oslearn.lessons.session import TOPICS, QuizSession
from oslearn.progress.review import Reviews, mastery
from oslearn.tui.app import OSLearnApp
from oslearn.tui.screens.home import HomeScreen
from oslearn.tui.screens.lesson import LessonScreen
from oslearn.tui.screens.progress import ProgressScreen
from oslearn.tui.screens.quiz import QuizScreen
from oslearn.tui.screens.quiz_setup import QuizSetupScreen
from oslearn.tui.screens.results import ResultsScreen

from support.quiz import (  # noqa: E402
    KINDS, SEED, feedback, keys_for, make_curriculum, plain, plan_of, text,
)


@pytest.fixture
def app(make_app, store):
    return make_app(make_curriculum(), store=store, seed=11)


@pytest.mark.parametrize("kind", KINDS)
async def test_each_type_right_then_wrong_by_keyboard(app, store, kind):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(plan_of(app, f"{kind}-1", f"{kind}-2"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        first = screen.item
        await pilot.press(*keys_for(first, right=True))
        shown = feedback(app)
        assert "✓ Right" in shown and f"Explanation of {kind} 1." in shown
        assert "Source: Full Stack Python, “Operating Systems”, 2014 version" in shown and SEED not in shown
        assert "Read more: Package managers ›" in shown
        await pilot.press("enter")
        second = screen.item
        assert second.question.id == f"{kind}-2"
        await pilot.press(*keys_for(second, right=False))
        shown = feedback(app)
        assert "✗ Not quite" in shown and f"Explanation of {kind} 2." in shown
        assert answer_text(second.question) in shown.replace("\n", " ") or answer_text(second.question)[:20] in shown
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)
        assert "Score: 1 of 2 (50%)" in text(app.screen.query_one("#score"))
        wrong = app.screen.query_one("#wrong", OptionList)
        assert wrong.option_count == 1 and f"Explanation of {kind} 2." in plain(wrong.get_option_at_index(0).prompt)
    assert [(a["question"], a["correct"]) for a in store.attempts()] == [(f"{kind}-1", True), (f"{kind}-2", False)]
    reviews = Reviews(store)
    assert reviews.card(f"{kind}-2").due < reviews.card(f"{kind}-1").due
    assert [(row["right"], row["total"]) for row in reviews.history()] == [(1, 2)]


async def test_other_keyboard_paths(app, store):
    """Arrows and Enter, t/f, Space, Backspace and ←/→ all answer; an incomplete answer is not sent."""
    ids = ["single-1", "true_false-1", "multiple-1", "ordering-1", "matching-1"]
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(plan_of(app, *ids))
        await pilot.pause()
        screen = app.screen
        # Single: Enter before picking sends nothing; arrows then Enter answer.
        await pilot.press("enter")
        assert not screen.session.answered
        item = screen.item
        await pilot.press(*["down"] * (item.options.index(item.question.answer) + 1), "enter")
        assert "✓ Right" in feedback(app)
        # True/false with the letter keys (the answer is False).
        await pilot.press("enter", "t", "f", "enter")
        assert "✓ Right" in feedback(app)
        # Multiple: Space ticks the highlighted choice; Enter with nothing ticked sends nothing.
        await pilot.press("enter", "enter")
        assert not screen.session.answered
        item = screen.item
        for right in item.question.answer:
            multi = screen.query_one("#multi")
            multi.highlighted = item.options.index(right)
            await pilot.press("space")
        # Backspace unticks the highlighted choice; Space ticks it again.
        await pilot.press("backspace")
        assert len(screen.answer_widget.ticked) == len(item.question.answer) - 1
        await pilot.press("space")
        await pilot.press("enter")
        assert "✓ Right" in feedback(app)
        # Ordering: a number places an item, Enter places the highlighted one, Backspace takes
        # the last one back; nothing is sent until every item is placed.
        await pilot.press("enter")
        item = screen.item
        wrong_first = str(item.options.index(item.question.answer[1]) + 1)
        await pilot.press(wrong_first, "enter")
        assert not screen.session.answered and len(screen.answer_widget.placed) == 2
        assert screen.answer_widget.placed[0] == item.question.answer[1]
        await pilot.press("backspace", "backspace")
        assert screen.answer_widget.placed == []
        await pilot.press(*keys_for(item, right=True))
        assert "✓ Right" in feedback(app)
        # Matching: ←/→ cycle the highlighted item's match; Enter sends only when all are matched.
        await pilot.press("enter")
        item = screen.item
        await pilot.press("right", "enter")
        assert not screen.session.answered and len(screen.answer_widget.matches) == 1
        await pilot.press("backspace")
        assert screen.answer_widget.matches == {}
        pairs = dict(item.question.answer)
        for index, left in enumerate(item.lefts):
            screen.query_one("#pairs", OptionList).highlighted = index
            await pilot.press(*["right"] * (item.options.index(pairs[left]) + 1))
        await pilot.press("enter")
        assert "✓ Right" in feedback(app)
    assert [a["correct"] for a in store.attempts()] == [True] * 5


async def test_typed_answers_accept_synonyms_and_take_a_hint(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(plan_of(app, "typed-1", "typed-2"))
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#typed", Input).has_focus
        await pilot.press("enter")
        assert not screen.session.answered
        await pilot.press(*" APT-Get ", "enter")
        assert "✓ Right" in feedback(app)
        await pilot.press("enter", "h")
        assert screen.query_one("#hint").display is False  # h types into the answer box
        await pilot.press("backspace", "ctrl+t")
        assert "starts with “a”" in text(screen.query_one("#hint"))
        await pilot.press(*"apt", "enter")
        assert "✓ Right" in feedback(app)
    ratings = [log.rating for _, log in Reviews(store).logs()]
    assert ratings[1] is Rating.Hard and ratings[0] is not Rating.Hard


async def test_command_near_miss_is_explained_and_equivalent_forms_are_right(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(plan_of(app, "command-1", "command-2"))
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#command", Input).has_focus
        await pilot.press(*"sudo apt install python-dev", "enter")
        shown = feedback(app)
        assert "✗ Not quite" in shown and "Python 2 headers package" in shown
        assert "The answer is: sudo apt install python3-dev" in shown
        await pilot.press("enter", *"apt-get install -y python3-dev", "enter")
        assert "✓ Right" in feedback(app)
    assert [(a["question"], a["correct"]) for a in store.attempts()] == [("command-1", False), ("command-2", True)]


async def test_hint_then_right_answer_rates_hard(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(plan_of(app, "single-1"))
        await pilot.pause()
        await pilot.press("h")
        hint = text(app.screen.query_one("#hint"))
        assert hint.startswith("Hint: It is not") and "YUM" not in hint
        await pilot.press(*keys_for(app.screen.item))
    assert [log.rating for _, log in Reviews(store).logs()] == [Rating.Hard]


async def test_exam_mode_gives_feedback_only_at_the_end(app, store):
    ids = ("single-1", "matching-1", "typed-1")
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(plan_of(app, *ids, exam=True))
        await pilot.pause()
        screen = app.screen
        assert "exam" in text(screen.query_one("#status"))
        await pilot.press("h")
        assert not screen.query_one("#hint").display
        await pilot.press(*keys_for(screen.item, right=False))
        assert feedback(app) == "" and screen.item.question.id == "matching-1"
        await pilot.press("l")
        assert app.screen is screen
        await pilot.press(*keys_for(screen.item, right=True))
        assert feedback(app) == ""
        await pilot.press(*keys_for(screen.item, right=True))
        assert isinstance(app.screen, ResultsScreen)
        assert "Score: 2 of 3 (67%)" in text(app.screen.query_one("#score"))
        shown = plain(app.screen.query_one("#wrong", OptionList).get_option_at_index(0).prompt)
        assert "Explanation of single 1." in shown and "The answer is: YUM" in shown
    assert [(a["question"], a["correct"]) for a in store.attempts()] == [
        ("single-1", False), ("matching-1", True), ("typed-1", True)]
    assert Reviews(store).history()[0]["exam"] is True


async def test_retry_the_wrong_ones(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(plan_of(app, "single-1", "ordering-1", "true_false-1"))
        await pilot.pause()
        for right in (False, True, False):
            await pilot.press(*keys_for(app.screen.item, right=right), "enter")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.session.title == "Retry: Test quiz"
        assert sorted(q.id for q in screen.questions) == ["single-1", "true_false-1"]
        for _ in range(2):
            await pilot.press(*keys_for(screen.item, right=True), "enter")
        assert isinstance(app.screen, ResultsScreen)
        assert "Score: 2 of 2 (100%)" in text(app.screen.query_one("#score"))
        assert "Every answer right" in text(app.screen.query_one("#results-hint"))
        await pilot.press("r")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert [(row["right"], row["total"]) for row in Reviews(store).history()] == [(1, 3), (2, 2)]


async def test_jump_to_the_lesson_section_and_back(app):
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(plan_of(app, "single-1", "typed-1"))
        await pilot.pause()
        quiz = app.screen
        await pilot.press("l")
        assert app.screen is quiz  # not before answering
        await pilot.press(*keys_for(quiz.item, right=False))
        await pilot.press("l")
        lesson = app.screen
        assert isinstance(lesson, LessonScreen) and lesson.lesson.id == "pm"
        assert lesson.lesson.sections[lesson.index].id == "rpm-and-yum"
        assert "YUM sits on RPM" in lesson.query_one("#body", Markdown).source
        await pilot.press("escape")
        assert app.screen is quiz and "✗ Not quite" in feedback(app)
        await pilot.press("enter")
        assert quiz.item.question.id == "typed-1"
        await pilot.press(*keys_for(quiz.item, right=False), "enter")
        # From the results, Enter on a wrong answer opens its section too.
        results = app.screen
        assert isinstance(results, ResultsScreen)
        results.query_one("#wrong", OptionList).highlighted = 1
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson.sections[app.screen.index].id == "apt"
        await pilot.press("escape")
        assert app.screen is results


async def test_home_due_count_matches_the_store_and_starts_the_reviews(store, make_app):
    now = datetime.now(timezone.utc)
    reviews = Reviews(store)
    for qid in ("single-1", "typed-1"):
        reviews.record_answer(qid, "single", False, 5.0, at=now - timedelta(hours=1))
    reviews.record_answer("matching-1", "matching", True, 5.0, at=now)
    reviews.record_answer("gone-from-the-content", "single", False, 5.0, at=now - timedelta(hours=1))
    app = make_app(make_curriculum(), store=store, seed=1)
    known = [q.id for q in app.curriculum.questions]
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        expected = Reviews(store).due_count(known)
        assert expected == 2
        assert f"Reviews due: {expected} (press r)" in text(app.screen.query_one("#reviews"))
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert sorted(q.id for q in screen.questions) == ["single-1", "typed-1"]
        for _ in range(2):
            await pilot.press(*keys_for(screen.item, right=True), "enter")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert Reviews(store).due_count(known) == 0
        line = text(app.screen.query_one("#reviews"))
        assert line.startswith("Reviews due: 0. Next review")
        await pilot.press("r")
        assert isinstance(app.screen, HomeScreen)


async def test_progress_screen_shows_mastery_and_score_history(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        for rights in ((True, False), (True, True)):
            app.start_plan(plan_of(app, "single-1", "true_false-2"))
            await pilot.pause()
            for right in rights:
                await pilot.press(*keys_for(app.screen.item, right=right), "enter")
            await pilot.press("escape")
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        expected = mastery(app.curriculum.questions, store.attempts(), app.reviews,
                           topic_order=TOPICS)
        bars = list(screen.query(ProgressBar))
        assert [bar.progress for bar in bars] == [round(100 * m.mastery) for m in expected]
        assert bars[0].progress > 0 and bars[1].progress > 0
        assert list(screen.query_one("#history", Sparkline).data) == [50, 100]
        assert "2 quizzes · last 100% · best 100%" in text(screen.query_one("#history-summary"))
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_mode_chooser_starts_topic_mixed_and_exam_quizzes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        setup = app.screen
        assert isinstance(setup, QuizSetupScreen)
        modes = setup.query_one("#modes", OptionList)
        await pilot.press("minus", "enter")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and len(quiz.questions) == 5 and not quiz.session.exam
        await pilot.press("escape", "m", "x")
        modes = app.screen.query_one("#modes", OptionList)
        topic_index = next(i for i, c in enumerate(app.screen.choices) if c.key == "topic:distributions")
        modes.highlighted = modes.get_option_index(str(topic_index))
        await pilot.press("enter")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.session.exam
        assert {q.topic for q in quiz.questions} == {"distributions"} and len(quiz.questions) == len(KINDS)
        await pilot.press("escape", "m", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_seed_makes_the_quiz_reproducible(store, make_app, monkeypatch, tmp_path):
    orders = []
    for _ in range(2):
        app = make_app(make_curriculum(), store=store, seed=42)
        session = QuizSession(plan_of(app, *(q.id for q in app.curriculum.questions), shuffle=True), app.rng)
        orders.append([(i.question.id, i.options, i.lefts) for i in session.items])
    assert orders[0] == orders[1]

    from oslearn.tui import cli

    seen = {}
    monkeypatch.setattr(OSLearnApp, "run", lambda self: seen.setdefault("seed", self.seed))
    monkeypatch.setattr(cli, "has_terminal", lambda: True)
    assert cli.main(["--data-dir", str(tmp_path / "cli"), "--seed", "42"]) == 0
    assert seen == {"seed": 42}


async def test_small_terminal_does_not_crash(app):
    async with app.run_test(size=(40, 12)) as pilot:
        app.start_plan(plan_of(app, "matching-1", "ordering-1"))
        await pilot.pause()
        await pilot.press(*keys_for(app.screen.item, right=False), "l", "escape", "enter")
        await pilot.press(*keys_for(app.screen.item, right=True), "enter")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape", "p", "escape", "m", "x", "escape")
        assert isinstance(app.screen, HomeScreen)
