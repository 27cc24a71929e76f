"""Quiz grading: pure functions from a question and a learner's response to a grade.

No Textual and no disk here, so grading is tested on its own and shared by the TUI and
scripts. Each question type grades and words its own answers (its module in
``oslearn.lessons.questions``); these functions look the type up and hand the work over.
"""

from __future__ import annotations

from oslearn.lessons import questions
from oslearn.lessons.model import Question
from oslearn.lessons.questions.base import Grade, normalise

__all__ = ["Grade", "answer_text", "grade", "normalise", "response_text"]


def answer_text(question: Question) -> str:
    """Return the right answer of ``question`` as one line of display text.

    Raises:
        ValueError: ``question.type`` is not a registered question type.
    """
    return questions.get(question.type).answer_text(question)


def grade(question: Question, response: object) -> Grade:
    """Grade ``response`` to ``question``.

    Args:
        question: a loaded ``Question``.
        response: by type: single choice a choice text (``str``); multiple answer an
            iterable of choice texts; true/false a ``bool``; typed and command a ``str``;
            ordering a sequence of item texts; matching a mapping left -> right. ``None``
            means no answer (graded wrong).
    Returns:
        a ``Grade`` (with marks per part and a note, as the type gives them).
    Raises:
        ValueError: ``question.type`` is not a registered question type.
    """
    kind = questions.get(question.type)
    if response is None:
        return Grade(False, 0.0, kind.answer_text(question))
    return kind.grade(question, response)


def response_text(question: Question, response: object) -> str:
    """Return a learner's ``response`` to ``question`` as one line of display text.

    Args:
        question: the question answered.
        response: as for ``grade`` (``None`` means no answer).
    Returns:
        ``"(no answer)"`` for ``None``; otherwise the type's wording (``"True"``, choices
        joined with ``", "``, an ordering joined with ``" → "``, matching pairs as
        ``"left → right; ..."`` with ``?`` for a left item left unmatched).
    """
    if response is None:
        return "(no answer)"
    return questions.get(question.type).response_text(question, response)
