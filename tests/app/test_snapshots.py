"""SVG snapshot tests of the main screens at 80x24 (pytest-textual-snapshot).

Each test drives the app to one screen and compares the terminal with the SVG kept in
``tests/app/__snapshots__/test_snapshots/``. After a deliberate change to a screen, regenerate
with ``python -m pytest tests/app/test_snapshots.py --snapshot-update``, open the changed SVGs
and look at them before committing; a failing run writes ``snapshot_report.html`` with the
differences side by side.

What would make a picture differ from run to run is fixed here:

- a fresh data directory per test (``conftest.isolated_data_dir``) and progress written
  through the store's own API;
- quiz order and choices: the app's ``seed``;
- the wall clock: ``oslearn.progress.review.utc`` (every "now" of the FSRS reviews, mastery
  and due times) returns ``NOW``, FSRS's interval fuzz is fixed, and local time is UTC;
- answer times: quiz sessions get a fake clock that advances ``STEP`` seconds a reading.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone

import fsrs.scheduler
import pytest

from oslearn.lessons import facts
from oslearn.lessons.session import QuizPlan, QuizSession
from oslearn.progress import review
from oslearn.progress.review import Reviews
from oslearn.tui.screens.quiz import QuizScreen
from support.quiz import keys_for

SIZE = (80, 24)
SEED = 7
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
#: The calendar date release and support dates are worded against (``facts.current_date``).
TODAY = date(2026, 11, 30)
#: Seconds the fake quiz clock advances each time it is read.
STEP = 9.5


@pytest.fixture(autouse=True)
def frozen_time(monkeypatch):
    """Fix every clock a screen shows: review times, FSRS fuzz, the calendar date of the
    release facts and the local time zone."""
    real_utc = review.utc
    monkeypatch.setattr(review, "utc", lambda moment=None: real_utc(NOW if moment is None else moment))
    monkeypatch.setattr(fsrs.scheduler, "random", lambda: 0.5)
    monkeypatch.setattr(facts, "current_date", lambda: TODAY)
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old_tz is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old_tz
    time.tzset()


@pytest.fixture
def app(make_app, store):
    return make_app(store=store, seed=SEED)


def fake_clock():
    """A monotonic clock for ``QuizSession`` that moves ``STEP`` seconds per reading."""
    readings = iter(range(10_000))
    return lambda: next(readings) * STEP


def seed_progress(store, curriculum) -> None:
    """A learner some way in: reading Ubuntu, some checklist steps ticked, two quizzes and
    their answers (a day and an hour before ``NOW``)."""
    ubuntu = curriculum.lesson("choosing-an-os")
    store.set_position(ubuntu.id, ubuntu.sections[2].id)
    for lesson_id, count in (("what-an-os-does", 1), ("choosing-an-os", 1), ("checklist", 4)):
        for item in curriculum.lesson(lesson_id).checklist[:count]:
            store.set_done(lesson_id, item.id, True)
    reviews = Reviews(store)
    quizzes = [
        (NOW - timedelta(days=1), [("pm-debian-family", True), ("distro-lts-cadence", True),
                                   ("pm-rpm-format", False), ("sec-key-type", False)]),
        (NOW - timedelta(hours=1), [("pm-rpm-format", True), ("pm-yum-on-rpm", True),
                                    ("os-install-programs", True), ("distro-bionic-python-erratum", False)]),
    ]
    for at, answers in quizzes:
        for question_id, correct in answers:
            question = curriculum.question(question_id)
            store.record_attempt(question_id, correct, "")
            reviews.record_answer(question_id, question.type, correct, 14.0, at=at)
        right = sum(correct for _, correct in answers)
        reviews.record_quiz("All questions", "bank", False, right, len(answers), 60.0, at=at)


def start_quiz(app, *question_ids: str) -> QuizScreen:
    """Push a quiz of ``question_ids`` in that order, timed by ``fake_clock``."""
    questions = tuple(app.curriculum.question(qid) for qid in question_ids)
    plan = QuizPlan("Snapshot quiz", questions, mode="bank", shuffle=False)
    screen = QuizScreen(QuizSession(plan, app.rng, clock=fake_clock()))
    app.push_screen(screen)
    return screen


def choice_keys(screen: QuizScreen, right: bool) -> list[str]:
    """The keys that answer the single-choice question on ``screen`` right or wrong."""
    item = screen.item
    answer = item.question.answer
    index = next(i for i, text in enumerate(item.options) if (text == answer) == right)
    return [str(index + 1), "enter"]


def open_lesson(lesson_id: str, section: int = 0, keys: tuple[str, ...] = ()):
    """A ``run_before`` that opens a lesson at section number ``section``, then presses ``keys``."""
    async def run_before(pilot) -> None:
        lesson = pilot.app.curriculum.lesson(lesson_id)
        pilot.app.open_lesson(lesson, lesson.sections[section].id)
        await pilot.pause()
        await pilot.press(*keys)
    return run_before


def test_home_first_start(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE)


def test_home_with_progress(snap_compare, app, store, curriculum):
    seed_progress(store, curriculum)
    assert snap_compare(app, terminal_size=SIZE)


def test_lesson(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=open_lesson("choosing-an-os", 2))


def test_lesson_resources(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=open_lesson("choosing-an-os", keys=("2", "j")))


def test_lesson_checklist(snap_compare, app, store, curriculum):
    seed_progress(store, curriculum)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_lesson("checklist", keys=("3",)))


def test_quiz_question(snap_compare, app):
    async def run_before(pilot) -> None:
        start_quiz(pilot.app, "pm-debian-family", "pm-rpm-format")
        await pilot.pause()
        await pilot.press("2")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_quiz_matching_question(snap_compare, app):
    async def run_before(pilot) -> None:
        start_quiz(pilot.app, "distro-codename-later")
        await pilot.pause()
        await pilot.press("1", "2")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_quiz_feedback(snap_compare, app):
    async def run_before(pilot) -> None:
        screen = start_quiz(pilot.app, "pm-debian-family", "pm-rpm-format")
        await pilot.pause()
        await pilot.press(*choice_keys(screen, right=False))

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def answer_three_one_right(pilot) -> None:
    """Take a three-question quiz, the first answered right and the others wrong, so that
    the results screen shows."""
    screen = start_quiz(pilot.app, "pm-debian-family", "pm-rpm-format", "distro-lts-cadence")
    await pilot.pause()
    for right in (True, False, False):
        await pilot.press(*choice_keys(screen, right))
        await pilot.press("enter")
        await pilot.pause()


def test_results(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=answer_three_one_right)


def test_progress(snap_compare, app, store, curriculum):
    seed_progress(store, curriculum)
    assert snap_compare(app, terminal_size=SIZE, press=["p"])


def test_help(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=open_lesson("choosing-an-os", keys=("question_mark",)))


def test_timeline(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["t"])


def test_source_viewer(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=open_lesson("choosing-an-os", 2, keys=("s",)))


# --- the smallest size the screens are laid out for (``OSLearnApp.MIN_SIZE``) ---------------

SMALL = (60, 16)
#: The lesson section with the widest table (219 columns as a grid): "How this page changed",
#: "Side by side". Below that width it is shown as records, never with cut cells.
WIDEST_TABLE = ("page-changes", 2)


def test_home_first_start_60x16(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL)


def test_home_with_progress_60x16(snap_compare, app, store, curriculum):
    seed_progress(store, curriculum)
    assert snap_compare(app, terminal_size=SMALL)


def test_lesson_widest_table(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=open_lesson(*WIDEST_TABLE))


def test_lesson_widest_table_60x16(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL, run_before=open_lesson(*WIDEST_TABLE))


def test_lesson_without_section_table(snap_compare, app):
    """``o`` hides the table of sections: the text takes the whole width."""
    assert snap_compare(app, terminal_size=SIZE, run_before=open_lesson(*WIDEST_TABLE, keys=("o",)))


def test_lesson_checklist_60x16(snap_compare, app, store, curriculum):
    seed_progress(store, curriculum)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_lesson("checklist", keys=("3",)))


def test_results_60x16(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL, run_before=answer_three_one_right)


def test_progress_60x16(snap_compare, app, store, curriculum):
    seed_progress(store, curriculum)
    assert snap_compare(app, terminal_size=SMALL, press=["p"])


def test_timeline_60x16(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL, press=["t"])


def test_families(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["f"])


def test_families_60x16(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL, press=["f"])


def test_source_viewer_60x16(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL, run_before=open_lesson("choosing-an-os", 2, keys=("s",)))


def test_help_60x16(snap_compare, app):
    assert snap_compare(app, terminal_size=SMALL, run_before=open_lesson("choosing-an-os", keys=("question_mark",)))


# --- every question type, its question and its feedback, at both sizes ----------------------

#: One real question of each type (``oslearn.lessons.questions``), picked by id so the
#: pictures do not move when other questions are added.
TYPE_QUESTIONS = {
    "single": "pm-rpm-format",
    "multiple": None,
    "true_false": None,
    "typed": None,
    "matching": "distro-codename-later",
    "ordering": None,
    "command": "cmd-rocky-python-headers",
}


def question_of_type(curriculum, kind: str) -> str:
    """The id of ``TYPE_QUESTIONS[kind]``, or of the first question of that type by id."""
    chosen = TYPE_QUESTIONS[kind]
    if chosen is not None and curriculum.question(chosen) is not None:
        return chosen
    return min(q.id for bank in curriculum.banks for q in bank.questions if q.type == kind)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x16"])
@pytest.mark.parametrize("kind", list(TYPE_QUESTIONS))
@pytest.mark.parametrize("stage", ["question", "feedback"])
def test_question_type(snap_compare, app, curriculum, kind, size, stage):
    question_id = question_of_type(curriculum, kind)

    async def run_before(pilot) -> None:
        screen = start_quiz(pilot.app, question_id)
        await pilot.pause()
        if stage == "feedback":
            await pilot.press(*keys_for(screen.item, right=False))
            await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
