"""The Textual application: holds the curriculum and the progress store, owns the screens."""

from __future__ import annotations

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
    """

    CSS_PATH = "oslearn.tcss"
    TITLE = "oslearn"
    SUB_TITLE = "Operating systems for Python web deployments"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, curriculum: Curriculum, store: ProgressStore):
        super().__init__()
        self.curriculum = curriculum
        self.store = store

    def on_mount(self) -> None:
        from oslearn.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        self.show_store_notices()

    def show_store_notices(self) -> None:
        """Tell the learner what the store reported on opening (a damaged file set aside and
        where, read-only mode and why), and mark a read-only session in the title."""
        if self.store.read_only:
            self.title = f"{self.TITLE} (read-only: progress is not saved)"
        for notice in self.store.notices:
            self.notify(notice, title="Progress", severity="warning", timeout=30)

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

    def start_quiz(self, title: str, questions: list) -> None:
        """Push a quiz over ``questions`` (a list of ``Question``)."""
        from oslearn.tui.screens.quiz import QuizScreen

        if not questions:
            self.notify("There are no questions here yet.", severity="warning")
            return
        self.push_screen(QuizScreen(title, questions))

    def on_markdown_link_clicked(self, event) -> None:
        """Open links in lesson text in the browser (Markdown widgets use ``open_links=False``)."""
        self.open_url(event.href)
