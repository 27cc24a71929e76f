"""Each answer widget, driven with Pilot: answered right and wrong from the keyboard; what the
screen shows (marks only after grading, per choice, position or pair, readable without
colour) and what the store recorded."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static

from oslearn.lessons.questions import NAMES
from oslearn.progress.review import Reviews
from oslearn.tui.screens.quiz import QuizScreen
from oslearn.tui.widgets.answers import WIDGETS, Answered
from support.quiz import keys_for, make_curriculum, plan_of


def shown(widget) -> str:
    """The plain text a Static or an OptionList shows."""
    if isinstance(widget, OptionList):
        return "\n".join(str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count))
    return str(widget.render())


def feedback(screen) -> str:
    box = screen.query_one("#feedback", Static)
    return shown(box) if box.display else ""


@pytest.fixture
def app(make_app, store):
    return make_app(make_curriculum(), store=store, seed=5)


async def start(app, pilot, *ids) -> QuizScreen:
    app.start_plan(plan_of(app, *ids))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, QuizScreen)
    return screen


def test_every_question_type_has_one_widget():
    assert set(WIDGETS) == set(NAMES)
    assert all(widget.INSTRUCTIONS for widget in WIDGETS.values())


@pytest.mark.parametrize("kind", NAMES)
async def test_each_widget_posts_answered_with_the_response_its_type_grades(kind):
    """Each widget alone in an app: the keys of a right answer, then ``submit`` (the quiz
    screen's Enter) posts one ``Answered`` whose response grades right."""
    import random

    from textual.app import App

    from oslearn.lessons.quiz import grade
    from oslearn.lessons.session import present

    question = next(q for q in make_curriculum().questions if q.type == kind)
    item = present(question, random.Random(2))
    posted = []

    class Host(App):
        def compose(self):
            yield WIDGETS[kind](item)

        def on_answered(self, message: Answered) -> None:
            posted.append(message.response)

    host = Host()
    async with host.run_test(size=(80, 24)) as pilot:
        widget = host.query_one(WIDGETS[kind])
        widget.focus_answer()
        await pilot.pause()
        keys = keys_for(item, right=True)[:-1]
        await pilot.press(*keys)
        widget.submit()
        await pilot.pause()
    assert len(posted) == 1 and grade(question, posted[0]).correct, posted


@pytest.mark.parametrize("right", [True, False])
async def test_single_choice(app, store, right):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "single-1")
        item = screen.item
        choices = screen.query_one("#choices", OptionList)
        assert "✓" not in shown(choices) and "✗" not in shown(choices)
        await pilot.press(*keys_for(item, right=right))
        lines = shown(choices).splitlines()
        right_line = next(line for line in lines if "YUM" in line)
        if right:
            assert right_line.startswith("✓") and "your answer, right" in right_line
            assert not any(line.startswith("✗") for line in lines)
        else:
            assert right_line.startswith("✓") and "the right answer" in right_line
            wrong = [line for line in lines if line.startswith("✗")]
            assert len(wrong) == 1 and "your answer" in wrong[0]
        assert ("✓ Right" if right else "✗ Not quite") in feedback(screen)
    assert [a["correct"] for a in store.attempts()] == [right]


@pytest.mark.parametrize("right", [True, False])
async def test_true_false_with_letters(app, store, right):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "true_false-1")  # the answer is False
        await pilot.press("f" if right else "t", "enter")
        lines = shown(screen.query_one("#choices", OptionList)).splitlines()
        assert lines[1].startswith("✓ 2. False")
        assert lines[0].startswith("✗ 1. True") is (not right)
        assert ("✓ Right" if right else "✗ Not quite") in feedback(screen)
    assert [(a["answer"], a["correct"]) for a in store.attempts()] == [("False" if right else "True", right)]


async def test_multiple_answer_marks_ticked_missed_and_wrong_apart(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "multiple-1")  # right: APT and dpkg
        item = screen.item
        number = {text: str(i + 1) for i, text in enumerate(item.options)}
        multi = screen.query_one("#multi", OptionList)
        assert shown(multi).count("[ ]") == 4 and "[x]" not in shown(multi)
        await pilot.press(number["APT"], number["YUM"], number["RPM"])
        assert shown(multi).count("[x]") == 3
        # Backspace unticks the highlighted (last ticked) choice.
        await pilot.press("backspace")
        assert shown(multi).count("[x]") == 2 and "✓" not in shown(multi)
        await pilot.press("enter")
        lines = {line.split(". ", 1)[1].split("  ←")[0]: line for line in shown(multi).splitlines()}
        assert lines["APT"].startswith("✓ [x]") and "right, ticked" in lines["APT"]
        assert lines["dpkg"].startswith("✗ [ ]") and "right, not ticked" in lines["dpkg"]
        assert lines["YUM"].startswith("✗ [x]") and "wrong, ticked" in lines["YUM"]
        assert lines["RPM"].startswith("  [ ]") and "←" not in lines["RPM"]
        text = feedback(screen)
        assert "Right but not ticked: dpkg." in text and "Ticked but wrong: YUM." in text
    assert [(a["answer"], a["correct"]) for a in store.attempts()] == [("APT, YUM", False)]


async def test_multiple_answer_right(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "multiple-2")
        await pilot.press(*keys_for(screen.item, right=True))
        assert "✓ Right" in feedback(screen)
        assert "✗" not in shown(screen.query_one("#multi", OptionList))
    assert [a["correct"] for a in store.attempts()] == [True]


@pytest.mark.parametrize("right", [True, False])
async def test_typed(app, store, right):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "typed-1")
        box = screen.query_one("#typed", Input)
        assert box.has_focus
        await pilot.press(*(" APT " if right else "dpkg"), "enter")
        assert box.disabled
        text = feedback(screen)
        assert ("✓ Right" if right else "✗ Not quite. You answered: dpkg") in text
        assert "The answer is: apt (also accepted: apt-get)" in text
    assert [(a["answer"], a["correct"]) for a in store.attempts()] == [(" APT " if right else "dpkg", right)]


async def test_text_typed_or_pasted_right_before_enter_is_all_submitted(app, store):
    """Keys that arrive together (a paste, fast typing, then Enter) reach the input box
    before Enter submits: nothing is graded on a half-filled box."""
    typed = "sudo apt install python3-dev"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "command-1")
        for character in typed:  # queued at once, as a terminal delivers a burst of input
            app.post_message(events.Key(character, character))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.3)
        assert "✓ Right" in feedback(screen)
    assert [(a["answer"], a["correct"]) for a in store.attempts()] == [(typed, True)]


@pytest.mark.parametrize("typed,right,words", [
    ("sudo apt-get install -y python3-dev", True, ""),
    ("apt install python3", False, "“python3” is not “python3-dev”"),
    ("pip install python3-dev", False, "pip installs Python packages"),
    ("sudo dnf install python3-dev", False, "package manager of the Red Hat family"),
])
async def test_command(app, store, typed, right, words):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "command-1")
        box = screen.query_one("#command", Input)
        assert box.has_focus and "Type the command" in shown(screen.query_one("#prompt", Static))
        await pilot.press("h")  # letters type; h is not the hint key here
        assert box.value == "h" and not screen.query_one("#hint", Static).display
        await pilot.press("backspace", *typed, "enter")
        text = feedback(screen)
        assert ("✓ Right" if right else "✗ Not quite") in text and words in text
        assert "The answer is: sudo apt install python3-dev" in text
    assert [(a["answer"], a["correct"]) for a in store.attempts()] == [(typed, right)]


async def test_ordering_shows_no_mark_before_grading_and_one_per_place_after(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "ordering-1")
        item = screen.item
        order = list(item.question.answer)
        order[2], order[3] = order[3], order[2]
        keys = [str(item.options.index(text) + 1) for text in order]
        await pilot.press(keys[0], keys[1])
        before = shown(screen.query_one("#choices", OptionList))
        assert "→ 1st" in before and "→ 2nd" in before
        assert "✓" not in before and "✗" not in before and "placed" not in before
        assert "Enter submits" not in shown(screen.query_one("#placed", Static))
        await pilot.press(keys[2], keys[3])
        assert "Enter submits." in shown(screen.query_one("#placed", Static))
        await pilot.press("enter")
        after = shown(screen.query_one("#choices", OptionList)).splitlines()
        assert [line[0] for line in after] == ["✓", "✓", "✗", "✗"]
        assert f"3rd is {item.question.answer[2]}" in after[2]
        assert "Enter submits" not in shown(screen.query_one("#placed", Static))
        assert "50% of it right" in feedback(screen)
    assert [a["correct"] for a in store.attempts()] == [False]


@pytest.mark.parametrize("right", [True, False])
async def test_matching_names_the_wrong_pair(app, store, right):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "matching-1")
        item = screen.item
        legend = shown(screen.query_one("#legend", Static))
        assert all(f"{i} {text}" in legend for i, text in enumerate(item.options, 1))
        await pilot.press(*keys_for(item, right=right))
        lines = shown(screen.query_one("#pairs", OptionList)).splitlines()
        first = item.lefts[0]
        pairs = dict(item.question.answer)
        if right:
            assert all(line.startswith("✓") for line in lines)
        else:
            wrong = [line for line in lines if line.startswith("✗")]
            assert len(wrong) == 1 and wrong[0].startswith(f"✗ {first}")
            assert f"it goes with {pairs[first]}" in wrong[0]
            assert f"Wrong pair: {first} →" in feedback(screen)
        assert not screen.query_one("#placed", Static).display  # "Enter submits." is gone
    assert [a["correct"] for a in store.attempts()] == [right]
    assert len(Reviews(store).logs()) == 1


async def test_matching_legend_is_in_view_at_60x16(app):
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await start(app, pilot, "matching-1")
        legend = screen.query_one("#legend", Static)
        view = screen.query_one("#quiz")
        assert legend.region.y >= view.region.y and legend.region.bottom <= view.region.bottom
        pairs = screen.query_one("#pairs", OptionList)
        assert pairs.region.bottom <= view.region.bottom


async def test_a_long_choice_is_never_cut_behind_a_scrollbar(make_app):
    from oslearn.lessons import Curriculum, Question, QuizBank, SourceRef

    long = "a distribution that Red Hat develops from the community's work " * 2
    choices = tuple(f"{n}: {long.strip()} ending{n}" for n in range(8))
    question = Question(id="long", topic="distributions", type="single", prompt="Which?", answer=choices[0],
                        explanation="because", source=SourceRef(file="000_735c6881140933fc.txt"),
                        choices=choices, bank="b")
    app = make_app(Curriculum(banks=[QuizBank(id="b", title="B", questions=[question])]), seed=1)
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await start(app, pilot, "long")
        choices_list = screen.query_one("#choices", OptionList)
        assert not choices_list.show_vertical_scrollbar
        assert choices_list.virtual_size.height <= choices_list.size.height


async def test_enter_on_an_incomplete_answer_tells_once_and_sends_nothing(store):
    from test_progress_app import RecordingApp

    app = RecordingApp(make_curriculum(), store, seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "matching-1")
        await pilot.press("1", "enter", "enter", "enter")
        assert not screen.session.answered
        assert [message for _, message, _ in app.shown] == ["Match every item first (2 left)."]
    assert store.attempts() == []


async def test_inline_code_in_prompts_and_explanations_loses_its_backticks(make_app):
    from oslearn.lessons import Curriculum, Question, QuizBank, SourceRef

    question = Question(id="tick", topic="package managers", type="typed", prompt="What replaced `yum`?",
                        answer=("dnf",), explanation="`yum` still works as another name for `dnf`.",
                        source=SourceRef(note="DNF replaced YUM", date="2019-05"), bank="b")
    app = make_app(Curriculum(banks=[QuizBank(id="b", title="B", questions=[question])]), seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(app, pilot, "tick")
        assert "What replaced yum?" in shown(screen.query_one("#prompt", Static))
        await pilot.press(*"dnf", "enter")
        text = feedback(screen)
        assert "yum still works as another name for dnf." in text and "`" not in text
        assert "Source: Since then (2019-05), the lesson's dated note: “DNF replaced YUM" in text
