"""The answer widget of single-choice questions: a numbered list, one choice picked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from oslearn.lessons.questions.base import MISSED, RIGHT, WRONG
from oslearn.lessons.session import Answer
from oslearn.tui.widgets.answers.base import MARK_RIGHT, AnswerWidget, numbered, show_marked_choices
from oslearn.tui.widgets.lists import TallOptionList

#: What each mark of a picked-one question says after grading.
WORDS = {RIGHT: "your answer, right", MISSED: "the right answer", WRONG: "your answer"}


class SingleAnswer(AnswerWidget):
    """Pick one choice: its number (or ↑↓), then Enter. After grading, the right choice is
    marked ✓ and a wrong pick ✗, each with words saying which is which."""

    INSTRUCTIONS = "Press a number (or ↑↓) to pick, then Enter."
    BINDINGS = [Binding(str(n), f"pick({n})", "Pick this choice", show=False) for n in range(1, 10)]

    def compose(self) -> ComposeResult:
        yield TallOptionList(*[Option(numbered(i, text), id=str(i - 1)) for i, text in enumerate(self.item.options, 1)],
                         id="choices")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = None

    def focus_answer(self) -> None:
        self.query_one(OptionList).focus(scroll_visible=False)

    def action_pick(self, number: int) -> None:
        """Highlight choice ``number`` (1-based)."""
        if self.waiting() and number <= len(self.item.options):
            self.query_one(OptionList).highlighted = number - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click highlights; Enter (the screen's key) submits

    def picked(self) -> str | None:
        """The highlighted choice's text, or ``None``."""
        highlighted = self.query_one(OptionList).highlighted
        return None if highlighted is None else self.item.options[highlighted]

    def response(self):
        text = self.picked()
        if text is None:
            self.tell("Pick an answer first: press its number.")
        return text

    def show_result(self, answer: Answer) -> None:
        super().show_result(answer)
        show_marked_choices(self.query_one(OptionList), self.item.options, answer, WORDS,
                            glyphs={MISSED: MARK_RIGHT})
