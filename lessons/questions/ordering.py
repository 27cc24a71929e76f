"""Ordering: put the items in the right order (LTS releases by date, steps of a task)."""

from __future__ import annotations

import random

from oslearn.lessons.model import Question
from oslearn.lessons.questions.base import RIGHT, WRONG, Grade, Presented, QuestionType, normalise


class Ordering(QuestionType):
    """``answer`` lists the items in the right order; ``choices``, if given, must hold the
    same items. Presented shuffled and never already solved; graded by the share of
    positions right, with one mark per position of the learner's order."""

    label = "item ordering"
    answer_doc = "a list of the items in the right order"
    fast_seconds = 25
    slow_seconds = 90

    def check(self, check, data, path, choices):
        items = check.string_list(data, "answer", path, unique=True)
        answer_path = (*path, "answer")
        if not items:
            if isinstance(data["answer"], list):
                check.fail(answer_path, "must be a non-empty list", f"list {self.answer_doc}")
            return None
        if choices and sorted(choices) != sorted(items):
            check.fail(answer_path, "does not hold exactly the items of `choices`",
                       "list every choice once, in the right order (or leave out `choices`)")
        if len(items) < 2:
            check.fail(answer_path, "an ordering question needs at least two items", "add items")
        return items

    def present(self, question: Question, rng: random.Random) -> Presented:
        items = list(question.choices or question.answer)
        rng.shuffle(items)
        if len(items) > 1 and items == list(question.answer):
            items = items[1:] + items[:1]
        return Presented(question, tuple(items))

    def hint(self, item: Presented, rng: random.Random) -> str:
        return f"The first item is “{item.question.answer[0]}”."

    def grade(self, question: Question, response: object) -> Grade:
        given = [str(item) for item in response]
        right = list(question.answer)
        marks = tuple((text, RIGHT if index < len(right) and normalise(text) == normalise(right[index]) else WRONG)
                      for index, text in enumerate(given))
        places = sum(1 for _, mark in marks if mark == RIGHT)
        misplaced = [f"{index}. {text}" for index, (text, mark) in enumerate(marks, 1) if mark == WRONG]
        note = ("In the wrong place: " + "; ".join(misplaced) + ".") if misplaced else ""
        correct = [normalise(item) for item in given] == [normalise(item) for item in right]
        return Grade(correct, places / len(right), self.answer_text(question), marks, note)

    def answer_text(self, question: Question) -> str:
        return " → ".join(question.answer)

    def response_text(self, question: Question, response: object) -> str:
        return " → ".join(str(item) for item in response)


TYPE = Ordering()
