"""The answer widget of ordering questions: place the items one by one.

Before grading nothing is marked right or wrong: a placed item shows its place as "→ 2nd"
and the order so far is listed below. After grading the order is listed with a ✓ or ✗ per
position (and what belongs there).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from oslearn.lessons.questions.base import RIGHT
from oslearn.lessons.session import Answer
from oslearn.tui.widgets.answers.base import AnswerWidget, marked, numbered
from oslearn.tui.widgets.lists import TallOptionList


def ordinal(number: int) -> str:
    """``1`` -> ``"1st"``, ``2`` -> ``"2nd"``, ``11`` -> ``"11th"``."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class OrderingAnswer(AnswerWidget):
    """Press the items' numbers in the right order (or ↑↓ and Enter to place the highlighted
    one); Backspace takes the last one back; Enter submits once all are placed."""

    INSTRUCTIONS = ("Press the numbers in the right order (or ↑↓ and Enter). Backspace takes one back; "
                    "Enter submits when all are placed.")
    BINDINGS = [
        *[Binding(str(n), f"place({n})", "Place this item next", show=False) for n in range(1, 10)],
        Binding("backspace", "take_back", "Take back", show=False),
    ]

    def __init__(self, item):
        super().__init__(item)
        self.placed: list[str] = []

    def compose(self) -> ComposeResult:
        yield TallOptionList(id="choices")
        yield Static(id="placed")

    def on_mount(self) -> None:
        self._draw()

    def focus_answer(self) -> None:
        self.query_one(OptionList).focus(scroll_visible=False)

    def _draw(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for i, text in enumerate(self.item.options, 1):
            where = (f"  → {ordinal(self.placed.index(text) + 1)}", "dim") if text in self.placed else ""
            options.add_option(Option(Content.assemble(numbered(i, text), where), id=str(i - 1),
                                      disabled=text in self.placed))
        left = [i for i, text in enumerate(self.item.options) if text not in self.placed]
        options.highlighted = left[0] if left else None
        order = Content("  ").join(Content.assemble(f"{n}) ", text) for n, text in enumerate(self.placed, 1))
        done = Content.assemble("  ", ("Enter", "bold"), " submits.") if not left else ""
        self.query_one("#placed", Static).update(
            Content.assemble("Your order: ", order if self.placed else "nothing placed yet", done))

    def place(self, text: str) -> None:
        """Put ``text`` in the next place (nothing if already placed)."""
        if self.waiting() and text not in self.placed:
            self.placed.append(text)
            self._draw()

    def action_place(self, number: int) -> None:
        if number <= len(self.item.options):
            self.place(self.item.options[number - 1])

    def action_take_back(self) -> None:
        if self.waiting() and self.placed:
            self.placed.pop()
            self._draw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click places the item (the keyboard's Enter is the screen's)."""
        event.stop()
        self.place(self.item.options[event.option_index])

    def response(self):
        if len(self.placed) < len(self.item.options):
            highlighted = self.query_one(OptionList).highlighted
            if highlighted is not None:
                self.place(self.item.options[highlighted])
            return None
        return list(self.placed)

    def show_result(self, answer: Answer) -> None:
        super().show_result(answer)
        options = self.query_one(OptionList)
        options.clear_options()
        right = list(self.question.answer)
        for place, (text, mark) in enumerate(answer.grade.marks):
            ok = mark == RIGHT
            words = "" if ok else f"{ordinal(place + 1)} is {right[place]}" if place < len(right) else ""
            options.add_option(Option(marked("ok" if ok else "bad", place + 1, text, words)))
        options.disabled = True
        self.query_one("#placed", Static).update(Content("Your order, place by place."))
