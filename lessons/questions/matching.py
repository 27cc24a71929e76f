"""Matching: give each left item its right item (distribution to package manager,
release number to codename)."""

from __future__ import annotations

import random

from oslearn.lessons.model import Question
from oslearn.lessons.questions.base import RIGHT, WRONG, Grade, Presented, QuestionType, normalise


def _is_text(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


class Matching(QuestionType):
    """``answer`` maps each left item to its right item (two pairs or more); ``choices``,
    if given, lists the right items to pick from (it may add distractors).

    Presented with both sides shuffled; graded by the share of pairs right, with one mark
    per left item, and a note naming each wrong pair and its right match.
    """

    label = "pair matching"
    answer_doc = "a mapping from each left item to its right item"
    fast_seconds = 25
    slow_seconds = 90

    def check(self, check, data, path, choices):
        raw = data["answer"]
        answer_path = (*path, "answer")
        if not isinstance(raw, dict) or len(raw) < 2 or not all(_is_text(k) and _is_text(v) for k, v in raw.items()):
            check.fail(answer_path,
                       f"must map each left item to its right item (two pairs or more), not {check.describe(raw)}",
                       "write `answer:` then indented `left: right` lines (quote numbers such as \"16.04\")")
            return None
        answer = tuple((str(k).strip(), str(v).strip()) for k, v in raw.items())
        for _, right in answer:
            if choices and right not in choices:
                check.fail(answer_path, f"{right!r} is not among the choices", "add it to `choices` or fix the pair")
        return answer

    def present(self, question: Question, rng: random.Random) -> Presented:
        rights = list(question.choices) or list(dict.fromkeys(right for _, right in question.answer))
        lefts = [left for left, _ in question.answer]
        rng.shuffle(rights)
        rng.shuffle(lefts)
        return Presented(question, tuple(rights), tuple(lefts))

    def hint(self, item: Presented, rng: random.Random) -> str:
        left, right = item.question.answer[0]
        return f"“{left}” goes with “{right}”."

    def grade(self, question: Question, response: object) -> Grade:
        given = {normalise(k): (str(v), normalise(v)) for k, v in dict(response).items()}
        marks = []
        wrong = []
        for left, right in question.answer:
            shown, value = given.get(normalise(left), ("?", None))
            ok = value == normalise(right)
            marks.append((left, RIGHT if ok else WRONG))
            if not ok:
                wrong.append(f"{left} → {shown} (it goes with {right})")
        pairs = len(question.answer) - len(wrong)
        note = ("Wrong pairs: " if len(wrong) > 1 else "Wrong pair: ") + "; ".join(wrong) + "." if wrong else ""
        return Grade(not wrong, pairs / len(question.answer), self.answer_text(question), tuple(marks), note)

    def answer_text(self, question: Question) -> str:
        return "; ".join(f"{left} → {right}" for left, right in question.answer)

    def response_text(self, question: Question, response: object) -> str:
        given = dict(response)
        return "; ".join(f"{left} → {given.get(left, '?')}" for left, _ in question.answer)


TYPE = Matching()
