"""The answer widget of typed-answer questions: one input box."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from oslearn.lessons.session import Answer
from oslearn.tui.widgets.answers.base import AnswerWidget


class TypedAnswer(AnswerWidget):
    """Type the answer, then Enter. Posts the text as typed (grading is lenient). After
    grading the box stays, greyed, with what was typed."""

    INSTRUCTIONS = "Type your answer and press Enter."
    TEXT_ENTRY = True
    PLACEHOLDER = "Type your answer and press Enter"
    INPUT_ID = "typed"

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.PLACEHOLDER, id=self.INPUT_ID)

    def focus_answer(self) -> None:
        self.query_one(Input).focus(scroll_visible=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the box submits what was typed. The quiz screen leaves Enter to the box
        while it has focus: the box handles keys in the order they came, so text typed or
        pasted just before Enter is in its value."""
        event.stop()
        self.submit()

    @property
    def entering_text(self) -> bool:
        """Whether the input box has focus and takes Enter itself."""
        return not self.done and self.query_one(Input).has_focus

    def response(self):
        value = self.query_one(Input).value
        if not value.strip():
            self.tell("Type an answer first.")
            return None
        return value

    def show_result(self, answer: Answer) -> None:
        super().show_result(answer)
        self.query_one(Input).disabled = True
