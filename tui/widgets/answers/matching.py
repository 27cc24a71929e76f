"""The answer widget of matching questions: give each left item a right item.

The numbered list of right items (the legend) stands above the pairs so that it stays in
view on a small window. After grading each pair is marked ✓ or ✗, a wrong one with its
right match.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from oslearn.lessons.questions.base import RIGHT
from oslearn.lessons.session import Answer
from oslearn.tui.widgets.answers.base import MARK_RIGHT, MARK_WRONG, AnswerWidget
from oslearn.tui.widgets.lists import TallOptionList


class MatchingAnswer(AnswerWidget):
    """↑↓ picks a left item, a number (or ←→) gives it its match, Backspace clears it;
    Enter submits once every item has one. Posts a dict left -> right."""

    INSTRUCTIONS = ("↑↓ picks an item, its match's number (or ←→) matches it, Backspace clears it; "
                    "Enter submits when all are matched.")
    BINDINGS = [
        *[Binding(str(n), f"match({n})", "Match the item to this number", show=False) for n in range(1, 10)],
        Binding("backspace", "clear", "Clear", show=False),
        Binding("left", "cycle(-1)", "Previous match", show=False),
        Binding("right", "cycle(1)", "Next match", show=False),
    ]

    def __init__(self, item):
        super().__init__(item)
        self.matches: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="legend")
        yield TallOptionList(id="pairs")
        yield Static(id="placed")

    def on_mount(self) -> None:
        legend = Content("   ").join(Content.assemble((str(i), "bold"), " ", text)
                                     for i, text in enumerate(self.item.options, 1))
        self.query_one("#legend", Static).update(Content.assemble("Matches: ", legend))
        self._draw(0)

    def focus_answer(self) -> None:
        self.query_one(OptionList).focus(scroll_visible=False)

    def _draw(self, highlight: int) -> None:
        pairs = self.query_one(OptionList)
        pairs.clear_options()
        for left in self.item.lefts:
            right = self.matches.get(left)
            pairs.add_option(Option(Content.assemble(left, "  →  ", right if right else ("…", "dim")), id=left))
        pairs.highlighted = max(0, min(highlight, len(self.item.lefts) - 1))
        done = len(self.matches) == len(self.item.lefts)
        self.query_one("#placed", Static).update(
            Content.assemble(("Enter", "bold"), " submits.") if done
            else Content(f"{len(self.item.lefts) - len(self.matches)} left to match."))

    def _set(self, index: int, right: str, advance: bool) -> None:
        self.matches[self.item.lefts[index]] = right
        following = index
        if advance:
            unmatched = [i for i, left in enumerate(self.item.lefts) if left not in self.matches]
            after = [i for i in unmatched if i > index]
            following = (after or unmatched or [index])[0]
        self._draw(following)

    def action_match(self, number: int) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if self.waiting() and highlighted is not None and number <= len(self.item.options):
            self._set(highlighted, self.item.options[number - 1], advance=True)

    def action_clear(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if self.waiting() and highlighted is not None:
            self.matches.pop(self.item.lefts[highlighted], None)
            self._draw(highlighted)

    def action_cycle(self, step: int) -> None:
        highlighted = self.query_one(OptionList).highlighted
        options = self.item.options
        if not self.waiting() or highlighted is None or not options:
            return
        current = self.matches.get(self.item.lefts[highlighted])
        index = options.index(current) + step if current in options else (0 if step > 0 else -1)
        self._set(highlighted, options[index % len(options)], advance=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def response(self):
        missing = len(self.item.lefts) - len(self.matches)
        if missing:
            self.tell(f"Match every item first ({missing} left).")
            return None
        return dict(self.matches)

    def show_result(self, answer: Answer) -> None:
        super().show_result(answer)
        marks = dict(answer.grade.marks)
        right = dict(self.question.answer)
        pairs = self.query_one(OptionList)
        pairs.clear_options()
        for left in self.item.lefts:
            ok = marks.get(left) == RIGHT
            glyph, style = MARK_RIGHT if ok else MARK_WRONG
            words = ("" if ok else f"  ← it goes with {right[left]}", "italic")
            pairs.add_option(Option(Content.assemble((glyph, style), " ", left, "  →  ",
                                                     self.matches.get(left, "?"), words)))
        pairs.disabled = True
        self.query_one("#placed", Static).display = False
