"""One answer widget per question type, and the one place a type is mapped to its widget.

Adding a question type is one module in ``oslearn.lessons.questions`` and one widget here
(a subclass of ``AnswerWidget`` that posts ``Answered``), listed in ``WIDGETS``.
"""

from __future__ import annotations

from oslearn.lessons.session import Presented
from oslearn.tui.widgets.answers.base import AnswerWidget, Answered
from oslearn.tui.widgets.answers.command import CommandAnswer
from oslearn.tui.widgets.answers.matching import MatchingAnswer
from oslearn.tui.widgets.answers.multiple import MultipleAnswer
from oslearn.tui.widgets.answers.ordering import OrderingAnswer
from oslearn.tui.widgets.answers.single import SingleAnswer
from oslearn.tui.widgets.answers.true_false import TrueFalseAnswer
from oslearn.tui.widgets.answers.typed import TypedAnswer

#: The answer widget of each question type (by the type's name in ``oslearn.lessons.questions``).
WIDGETS: dict[str, type[AnswerWidget]] = {
    "single": SingleAnswer,
    "multiple": MultipleAnswer,
    "true_false": TrueFalseAnswer,
    "typed": TypedAnswer,
    "matching": MatchingAnswer,
    "ordering": OrderingAnswer,
    "command": CommandAnswer,
}

__all__ = ["WIDGETS", "AnswerWidget", "Answered", "widget_for"]


def widget_for(item: Presented) -> AnswerWidget:
    """Return a new answer widget for the presented question ``item``.

    Raises:
        KeyError: no widget is registered for the question's type.
    """
    return WIDGETS[item.question.type](item)
