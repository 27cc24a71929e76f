"""True or false: is the statement in the prompt right?"""

from __future__ import annotations

import random

from oslearn.lessons.model import Question
from oslearn.lessons.questions.base import Grade, Presented, QuestionType, choice_marks

_WORDS = ("True", "False")


def _word(value: object) -> str:
    return _WORDS[0] if value else _WORDS[1]


class TrueFalse(QuestionType):
    """``answer`` is ``true`` or ``false``; presented as the two choices "True", "False"
    (always in that order); the hint names the source section that settles it."""

    label = "true/false"
    answer_doc = "true or false"
    fast_seconds = 6
    slow_seconds = 30

    def check(self, check, data, path, choices):
        raw = data["answer"]
        if not isinstance(raw, bool):
            check.fail((*path, "answer"), f"must be true or false, not {check.describe(raw)}",
                       "write `answer: true` or `answer: false`")
            return None
        return raw

    def present(self, question: Question, rng: random.Random) -> Presented:
        return Presented(question, _WORDS)

    def grade(self, question: Question, response: object) -> Grade:
        ok = bool(response) is question.answer
        return Grade(ok, float(ok), self.answer_text(question),
                     choice_marks(_WORDS, {_word(question.answer)}, {_word(response)}))

    def answer_text(self, question: Question) -> str:
        return _word(question.answer)

    def response_text(self, question: Question, response: object) -> str:
        return _word(response)


TYPE = TrueFalse()
