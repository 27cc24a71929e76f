"""Multiple answer: tick every right choice, and only those."""

from __future__ import annotations

import random

from oslearn.lessons.model import Question
from oslearn.lessons.questions.base import MISSED, WRONG, Grade, Presented, QuestionType, choice_marks, normalise


class MultipleAnswer(QuestionType):
    """``answer`` lists every right choice; ``choices`` lists two or more.

    Graded with partial credit (the share of choices ticked or left as they should be), but
    only the exact set is right. The marks tell a right choice ticked from a right choice
    missed and from a wrong one ticked; the note says how many of each.
    """

    label = "multiple answer"
    answer_doc = "a list of the texts of every right choice"
    fast_seconds = 15
    slow_seconds = 60

    def check(self, check, data, path, choices):
        items = check.string_list(data, "answer", path, unique=True)
        if not items:
            if isinstance(data["answer"], list):
                check.fail((*path, "answer"), "must be a non-empty list", f"list {self.answer_doc}")
            return None
        if len(choices) < 2:
            check.fail((*path, "choices"), "a multiple-answer question needs at least two choices", "add `choices:`")
        for item in items:
            if item not in choices:
                check.fail((*path, "answer"), f"{item!r} is not among the choices", "copy the choice's text exactly")
        return items

    def hint(self, item: Presented, rng: random.Random) -> str:
        return f"{len(item.question.answer)} of the {len(item.options)} choices are right."

    def grade(self, question: Question, response: object) -> Grade:
        given = [str(item) for item in response]
        chosen = {normalise(item) for item in given}
        right = {normalise(item) for item in question.answer}
        every = {normalise(item) for item in question.choices} | right | chosen
        agree = sum(1 for item in every if (item in chosen) == (item in right))
        marks = choice_marks(question.choices, set(question.answer), set(given))
        missed = [text for text, mark in marks if mark == MISSED]
        wrong = [text for text, mark in marks if mark == WRONG]
        parts = []
        if missed:
            parts.append("Right but not ticked: " + ", ".join(missed) + ".")
        if wrong:
            parts.append("Ticked but wrong: " + ", ".join(wrong) + ".")
        return Grade(chosen == right, agree / len(every), self.answer_text(question), marks, " ".join(parts))

    def answer_text(self, question: Question) -> str:
        return ", ".join(question.answer)

    def response_text(self, question: Question, response: object) -> str:
        return ", ".join(str(item) for item in response) or "(nothing chosen)"


TYPE = MultipleAnswer()
