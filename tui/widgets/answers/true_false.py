"""The answer widget of true/false questions: the two choices, ``t``/``f`` or 1/2."""

from __future__ import annotations

from textual.binding import Binding

from oslearn.tui.widgets.answers.single import SingleAnswer


class TrueFalseAnswer(SingleAnswer):
    """Pick True or False: ``t``/``f`` or 1/2 (or ↑↓), then Enter. Posts a ``bool``."""

    INSTRUCTIONS = "Press 1 or t for True, 2 or f for False, then Enter."
    BINDINGS = [Binding("t", "pick(1)", "True", show=False), Binding("f", "pick(2)", "False", show=False)]

    def response(self):
        text = super().response()
        return None if text is None else text == self.item.options[0]
