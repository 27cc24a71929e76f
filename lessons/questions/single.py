"""Single choice: pick the one right choice among two or more."""

from __future__ import annotations

import random

from oslearn.lessons.model import Question
from oslearn.lessons.questions.base import Grade, Presented, QuestionType, choice_marks, normalise


class SingleChoice(QuestionType):
    """``answer`` is the text of the one right choice; ``choices`` lists two or more.

    Presented with the choices shuffled; the hint rules out one wrong choice; graded by
    comparing texts with ``normalise``.
    """

    label = "single choice"
    answer_doc = "the text of the one right choice"
    fast_seconds = 10
    slow_seconds = 40

    def check(self, check, data, path, choices):
        raw = data["answer"]
        answer_path = (*path, "answer")
        if len(choices) < 2:
            check.fail((*path, "choices"), "a single-choice question needs at least two choices", "add `choices:`")
        answer = str(raw).strip() if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else None
        if answer is None:
            check.fail(answer_path, f"must be the text of one choice, not {check.describe(raw)}",
                       "copy the right choice's text")
        elif choices and answer not in choices:
            check.fail(answer_path, f"{answer!r} is not among the choices", "copy the right choice's text exactly")
        return answer

    def hint(self, item: Presented, rng: random.Random) -> str:
        wrong = [choice for choice in item.options if choice != item.question.answer]
        return f"It is not “{rng.choice(wrong)}”." if wrong else "There is only one choice."

    def grade(self, question: Question, response: object) -> Grade:
        ok = normalise(response) == normalise(question.answer)
        return Grade(ok, float(ok), self.answer_text(question),
                     choice_marks(question.choices, {question.answer}, {str(response)}))


TYPE = SingleChoice()
