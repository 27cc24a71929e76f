"""The Textual application: holds the curriculum and the progress store, owns the screens."""

from __future__ import annotations

import random

from textual.app import App
from textual.binding import Binding

from oslearn.lessons import Curriculum, Lesson
from oslearn.progress import ProgressStore, StorageError


class OSLearnApp(App[int]):
    """The oslearn terminal app.

    Args:
        curriculum: the loaded content (broken files are in ``curriculum.problems`` and are
            shown on the home screen).
        store: the learner's progress, opened by the caller (the CLI), who also closes it.
        seed: seeds the order of quiz questions and choices (``oslearn --seed N``); ``None``
            shuffles differently every run.
    """

    CSS_PATH = "oslearn.tcss"
    TITLE = "oslearn"
    SUB_TITLE = "Operating systems for Python web deployments"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, curriculum: Curriculum, store: ProgressStore, seed: int | None = None):
        super().__init__()
        self.curriculum = curriculum
        self.store = store
        self.seed = seed
        self.rng = random.Random(seed)
        self._reviews = None

    @property
    def reviews(self):
        """The learner's FSRS cards and quiz history (``oslearn.progress.review.Reviews``
        over ``self.store``), made on first use."""
        if self._reviews is None:
            from oslearn.progress.review import Reviews

            self._reviews = Reviews(self.store)
        return self._reviews

    def on_mount(self) -> None:
        from oslearn.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        for notice in self.store.notices:
            self.notify(notice, title="Progress", severity="warning", timeout=12)

    # --- helpers screens share ------------------------------------------------------------

    def save(self, action, *args) -> bool:
        """Run a store write ``action(*args)``; on failure tell the learner and return False.

        The learner's reading and quizzing go on whatever the disk does: a failed save is a
        notification, never a crash.
        """
        try:
            action(*args)
        except PermissionError as error:
            self.notify(str(error), title="Not saved", severity="warning")
            return False
        except StorageError as error:
            self.notify(f"{error.strerror}. Your earlier progress is intact.", title="Not saved",
                        severity="error", timeout=10)
            return False
        return True

    def open_lesson(self, lesson: Lesson, section_id: str = "") -> None:
        """Push the lesson screen for ``lesson``, at ``section_id`` if given."""
        from oslearn.tui.screens.lesson import LessonScreen

        self.push_screen(LessonScreen(lesson, section_id))

    def start_quiz(self, title: str, questions: list, *, exam: bool = False, mode: str = "bank") -> None:
        """Push a quiz over ``questions`` (a list of ``Question``), shuffled with ``self.rng``."""
        from oslearn.lessons.session import QuizPlan

        self.start_plan(QuizPlan(title, tuple(questions), mode=mode, exam=exam))

    def start_plan(self, plan) -> None:
        """Push a quiz for ``plan`` (an ``oslearn.lessons.session.QuizPlan``); an empty plan
        is a notification instead."""
        from oslearn.lessons.session import QuizSession
        from oslearn.tui.screens.quiz import QuizScreen

        if not plan.questions:
            self.notify("There are no questions here yet.", severity="warning")
            return
        self.push_screen(QuizScreen(QuizSession(plan, self.rng)))

    def on_markdown_link_clicked(self, event) -> None:
        """Open links in lesson text in the browser (Markdown widgets use ``open_links=False``)."""
        self.open_url(event.href)
