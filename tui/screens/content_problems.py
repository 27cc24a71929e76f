"""Shown instead of a lesson whose file no longer loads after a reload (F5 or ``--watch``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from oslearn.lessons import Lesson
from oslearn.tui.widgets.footer import FittingFooter


class ContentProblemScreen(Screen):
    """The ``oslearn check`` messages of a lesson that an edit broke.

    The app keeps running; when the file is fixed and reloaded, the app puts the lesson
    back in place of this screen, at the same section.

    Args:
        lesson: the last version of the lesson that loaded (its id, title and file).
        section_id: the section that was open, to return to once the lesson loads again.
        problems: the ``ContentError``s to show (``str()`` is the ``oslearn check`` line);
            empty when the lesson is simply gone (its file deleted or its id changed).
    """

    DEFAULT_CSS = """
    ContentProblemScreen #problem-box { padding: 1 2; }
    ContentProblemScreen #problem-title { text-style: bold; color: $warning; margin-bottom: 1; }
    ContentProblemScreen #problem-list { margin-bottom: 1; }
    ContentProblemScreen #problem-hint { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, lesson: Lesson, section_id: str, problems: list):
        super().__init__()
        self.lesson = lesson
        self.section_id = section_id
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problem-box"):
            yield Static(Content(f"“{self.lesson.title}” could not be reloaded"), id="problem-title")
            if self.problems:
                text = "oslearn check says:\n\n" + "\n".join(f"  {problem}" for problem in self.problems)
            else:
                text = (f"No lesson has the id {self.lesson.id!r} any more: its file "
                        f"({self.lesson.path}) was deleted or its id changed.")
            yield Static(Content(text), id="problem-list")
            yield Static("Fix the file and press F5 to reload (with --watch it reloads when the file "
                         "is saved). Escape goes back to the lessons.", id="problem-hint")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title

    def action_back(self) -> None:
        self.app.pop_screen()
