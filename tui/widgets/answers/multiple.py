"""The answer widget of multiple-answer questions: tick every right choice.

Ticks are drawn ``[x]`` and ``[ ]`` so they read without colour. After grading each choice
says which of three it is: right and ticked, right but not ticked, ticked but wrong.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from oslearn.lessons.questions.base import MISSED, RIGHT, WRONG
from oslearn.lessons.session import Answer
from oslearn.tui.widgets.answers.base import AnswerWidget, show_marked_choices
from oslearn.tui.widgets.lists import TallOptionList

WORDS = {RIGHT: "right, ticked", MISSED: "right, not ticked", WRONG: "wrong, ticked"}


class MultipleAnswer(AnswerWidget):
    """Tick choices with their numbers or Space, untick with Backspace (or the same key),
    then Enter. Posts the ticked choices in screen order."""

    INSTRUCTIONS = "Tick every right answer with its number or Space (Backspace unticks), then press Enter."
    BINDINGS = [
        *[Binding(str(n), f"toggle({n})", "Tick or untick this choice", show=False) for n in range(1, 10)],
        Binding("space", "toggle(0)", "Tick", show=False),
        Binding("backspace", "untick", "Untick", show=False),
    ]

    def __init__(self, item):
        super().__init__(item)
        self.ticked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield TallOptionList(*[Option(self._line(i), id=str(i)) for i in range(len(self.item.options))], id="multi")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def focus_answer(self) -> None:
        self.query_one(OptionList).focus(scroll_visible=False)

    def _line(self, index: int) -> Content:
        text = self.item.options[index]
        box = "[x] " if text in self.ticked else "[ ] "
        return Content.assemble((box, "bold"), f"{index + 1}. ", text)

    def _redraw(self, index: int) -> None:
        self.query_one(OptionList).replace_option_prompt_at_index(index, self._line(index))

    def action_toggle(self, number: int) -> None:
        """Tick or untick choice ``number`` (1-based; 0: the highlighted one)."""
        options = self.query_one(OptionList)
        index = number - 1 if number else options.highlighted
        if not self.waiting() or index is None or index >= len(self.item.options):
            return
        self.ticked ^= {self.item.options[index]}
        options.highlighted = index
        self._redraw(index)

    def action_untick(self) -> None:
        """Untick the highlighted choice (if it is not ticked, the last ticked one above it)."""
        options = self.query_one(OptionList)
        if not self.waiting() or not self.ticked:
            return
        index = options.highlighted or 0
        if self.item.options[index] not in self.ticked:
            ticked = [i for i, text in enumerate(self.item.options) if text in self.ticked]
            index = max([i for i in ticked if i < index] or ticked)
        self.ticked.discard(self.item.options[index])
        options.highlighted = index
        self._redraw(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click ticks or unticks the choice."""
        event.stop()
        self.action_toggle(event.option_index + 1)

    def response(self):
        if not self.ticked:
            self.tell("Tick at least one answer first (its number or Space).")
            return None
        return [text for text in self.item.options if text in self.ticked]

    def show_result(self, answer: Answer) -> None:
        super().show_result(answer)
        show_marked_choices(self.query_one(OptionList), self.item.options, answer, WORDS,
                            box=lambda text: "[x] " if text in self.ticked else "[ ] ")
