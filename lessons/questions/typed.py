"""Typed answer: a short text matched leniently against the question's accepted answers.

Case, surrounding and repeated whitespace, surrounding quotes or backticks (a learner may
type `` `apt` ``) and a trailing full stop are ignored, and any of the question's accepted
answers counts: a question lists its synonyms in ``answer`` (``[apt, apt-get, aptitude]``,
or ``[dnf, yum]`` where either is right). There is no global synonym table, because a
synonym in one question is a wrong answer in another (``yum`` and ``dnf`` are
interchangeable on RHEL 8, but ``rpm`` is never ``yum``). Anything else must match exactly
after that normalisation: no edit-distance guessing.
"""

from __future__ import annotations

import random

from oslearn.lessons.model import Question
from oslearn.lessons.questions.base import Grade, Presented, QuestionType, normalise


class TypedAnswer(QuestionType):
    """``answer`` is one accepted answer or a list of them (the first is the one shown)."""

    label = "typed answer"
    answer_doc = "a list of accepted answers (matched ignoring case and surrounding space)"
    fast_seconds = 12
    slow_seconds = 50

    def check(self, check, data, path, choices):
        if choices:
            check.fail((*path, "choices"), "a typed-answer question has no choices", "remove `choices:`")
        raw = data["answer"]
        if isinstance(raw, str):
            data = {**data, "answer": [raw]}  # one accepted answer may be written without a list
        items = check.string_list(data, "answer", path)
        if not items:
            if isinstance(data["answer"], list):
                check.fail((*path, "answer"), "must be a non-empty list", f"list {self.answer_doc}")
            return None
        return items

    def hint(self, item: Presented, rng: random.Random) -> str:
        first = item.question.answer[0]
        return f"It starts with “{first[0]}” and has {len(first)} characters."

    def grade(self, question: Question, response: object) -> Grade:
        ok = normalise(response) in {normalise(item) for item in question.answer}
        return Grade(ok, float(ok), self.answer_text(question))

    def answer_text(self, question: Question) -> str:
        answer = question.answer
        return answer[0] + (f" (also accepted: {', '.join(answer[1:])})" if len(answer) > 1 else "")


TYPE = TypedAnswer()
