"""What every answer widget shares: the ``Answered`` message and the ``AnswerWidget`` base.

An answer widget shows one presented question's choices (or an input box), takes the keys
that build an answer, and, when the quiz screen asks it to submit (Enter), either posts
``Answered`` with the response the question type grades or says what is missing. After
grading, the screen calls ``show_result`` and the widget draws its marks: per choice, per
position or per pair, with glyphs and words that read without colour.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from oslearn.lessons.questions.base import MISSED, RIGHT, WRONG
from oslearn.lessons.session import Answer, Presented

#: Marks drawn after grading, by the mark a ``Grade`` gives a part
#: (``oslearn.lessons.questions.base``): glyph, words, style.
MARK_RIGHT = ("✓", "bold $text-success")
MARK_WRONG = ("✗", "bold $text-error")


@dataclass
class Answered(Message):
    """Posted by an answer widget when the learner submits a complete answer.

    Attributes:
        response: what the question type grades (``oslearn.lessons.quiz.grade``): a choice
            text, a list of choice texts, a bool, a typed string, an ordering (list) or a
            matching (dict left -> right).
    """

    response: object


class AnswerWidget(Widget):
    """The base of every answer widget.

    Args:
        item: the question as presented (choices in screen order).

    Class attributes:
        INSTRUCTIONS: the keys that answer, shown under the prompt until it is answered.
        TEXT_ENTRY: letters type text here (so ``h`` types; Ctrl+T still gives a hint).
    """

    DEFAULT_CSS = """
    AnswerWidget {
        height: auto;
    }
    """

    INSTRUCTIONS = ""
    TEXT_ENTRY = False

    def __init__(self, item: Presented):
        super().__init__(classes="answer-widget")
        self.item = item
        self.done = False
        self._told = ""
        self._told_until = 0.0

    @property
    def question(self):
        """The question answered here."""
        return self.item.question

    def focus_answer(self) -> None:
        """Focus the part of the widget that takes keys, without scrolling to it: the quiz
        view stays at the top of the question (an override focuses with
        ``scroll_visible=False`` too)."""
        self.focus(scroll_visible=False)

    def tell(self, text: str) -> None:
        """Say what is missing in a short notification, once: pressing Enter again while
        the same one shows does not stack another."""
        now = time.monotonic()
        if self._told == text and now < self._told_until:
            return
        self._told, self._told_until = text, now + 3
        self.notify(text, timeout=3)

    def submit(self) -> None:
        """Post ``Answered`` with the response, or say what is missing (Enter)."""
        if self.done:
            return
        response = self.response()
        if response is not None:
            self.post_message(Answered(response))

    def response(self) -> object | None:
        """Return the complete response, or ``None`` after telling the learner what is
        missing (a notification)."""
        raise NotImplementedError

    def show_result(self, answer: Answer) -> None:
        """Stop taking keys and draw the marks of the graded ``answer``."""
        self.done = True

    def waiting(self) -> bool:
        """Whether the widget still takes keys for an answer."""
        return not self.done


def numbered(number: int, text: str) -> Content:
    """Return ``"3. text"`` as ``Content`` (the text is never read as markup)."""
    return Content.assemble(f"{number}. ", text)


#: Glyph and style of each mark; a right choice the learner did not pick is an error on a
#: multiple-answer question, but simply "the right answer" where only one could be picked.
GLYPHS = {RIGHT: MARK_RIGHT, "ok": MARK_RIGHT, MISSED: MARK_WRONG, WRONG: MARK_WRONG, "bad": MARK_WRONG}


def show_marked_choices(options, texts, answer: Answer, words: dict[str, str], *, box=None,
                        glyphs: dict | None = None) -> None:
    """Redraw each choice of the ``OptionList`` ``options`` after grading, with its mark from
    ``answer.grade.marks`` (see ``marked``), and stop it taking keys.

    Args:
        options: the list, one option per text, in screen order.
        texts: the choices' texts, in screen order.
        answer: the graded answer.
        words: what each mark means, in words, by mark.
        box: ``text -> "[x] " or "[ ] "`` for ticked choices, or ``None``.
        glyphs: overrides of ``GLYPHS`` by mark.
    """
    marks = dict(answer.grade.marks)
    for index, text in enumerate(texts):
        mark = marks.get(text, "")
        options.replace_option_prompt_at_index(
            index, marked(mark, index + 1, text, words.get(mark, ""), box(text) if box else "", glyphs))
    options.disabled = True


def marked(mark: str, number: int, text: str, words: str = "", box: str = "",
           glyphs: dict | None = None) -> Content:
    """Return one choice line after grading as ``Content``.

    Args:
        mark: a ``Grade`` mark (``RIGHT``, ``MISSED``, ``WRONG`` or ``NONE``) or ``"ok"``/
            ``"bad"`` for positions and pairs.
        number: the choice's number on screen.
        text: the choice text (shown as written).
        words: what the mark means, in words (``"your answer"``), shown after the text.
        box: ``"[x] "`` or ``"[ ] "`` for a multiple-answer choice, else ``""``.
        glyphs: overrides of ``GLYPHS`` by mark.
    """
    glyph, style = {**GLYPHS, **(glyphs or {})}.get(mark, (" ", ""))
    return Content.assemble((glyph, style), " ", box, f"{number}. ", text,
                            (f"  ← {words}", "italic") if words else "")
