"""Quiz grading: pure functions from a question and a learner's response to a grade.

No Textual and no disk here, so grading is tested on its own and shared by the TUI and
scripts. Typed answers are matched leniently: case, surrounding and repeated whitespace,
surrounding quotes or backticks (a learner may type `` `apt` ``) and a trailing full stop are
ignored, and any of the question's accepted answers counts: a question lists its synonyms in
``answer`` (``[apt, apt-get, aptitude]``, or ``[dnf, yum]`` where either is right). There is
no global synonym table, because a synonym in one question is a wrong answer in another
(``yum`` and ``dnf`` are interchangeable on RHEL 8, but ``rpm`` is never ``yum``). Anything
else must match exactly after that normalisation: no edit-distance guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oslearn.lessons.model import Question

_SPACE = re.compile(r"\s+")
_QUOTES = "`'\"“”‘’"


def normalise(text: str) -> str:
    """Return ``text`` case-folded, with whitespace collapsed and trimmed, one trailing ``.``
    removed and surrounding quotes or backticks stripped.

    ``"  APT-Get. "`` -> ``"apt-get"``; ``"`dnf`"`` -> ``"dnf"``; ``"rpm"`` stays ``"rpm"``.
    """
    text = _SPACE.sub(" ", str(text)).strip().casefold()
    previous = None
    while text != previous:
        previous = text
        if text.endswith("."):
            text = text[:-1].rstrip()
        if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
            text = text[1:-1].strip()
    return text


@dataclass(frozen=True)
class Grade:
    """The result of grading one response.

    Attributes:
        correct: whether the response is entirely right.
        score: the fraction of parts right, 0.0 to 1.0 (1.0 or 0.0 for one-part questions;
            for matching, ordering and multiple answer, the share of pairs, positions or
            choices that were right).
        expected: the right answer, formatted for display.
    """

    correct: bool
    score: float
    expected: str


def answer_text(question: Question) -> str:
    """Return the right answer of ``question`` as one line of display text."""
    answer = question.answer
    if question.type == "true_false":
        return "True" if answer else "False"
    if question.type == "single":
        return str(answer)
    if question.type == "multiple":
        return ", ".join(answer)
    if question.type == "typed":
        return answer[0] + (f" (also accepted: {', '.join(answer[1:])})" if len(answer) > 1 else "")
    if question.type == "ordering":
        return " → ".join(answer)
    if question.type == "matching":
        return "; ".join(f"{left} → {right}" for left, right in answer)
    raise ValueError(f"unknown question type {question.type!r}")


def grade(question: Question, response: object) -> Grade:
    """Grade ``response`` to ``question``.

    Args:
        question: a loaded ``Question``.
        response: by ``question.type``: ``single`` a choice text (``str``); ``multiple`` an
            iterable of choice texts; ``true_false`` a ``bool``; ``typed`` a ``str``;
            ``ordering`` a sequence of item texts; ``matching`` a mapping left -> right.
            ``None`` means no answer (graded wrong).
    Returns:
        a ``Grade``.
    Raises:
        ValueError: for a question type that is not in ``QUESTION_TYPES``.
    """
    expected = answer_text(question)
    answer = question.answer
    kind = question.type
    if response is None:
        return Grade(False, 0.0, expected)
    if kind == "true_false":
        ok = bool(response) is answer
        return Grade(ok, float(ok), expected)
    if kind == "single":
        ok = normalise(response) == normalise(answer)
        return Grade(ok, float(ok), expected)
    if kind == "typed":
        ok = normalise(response) in {normalise(item) for item in answer}
        return Grade(ok, float(ok), expected)
    if kind == "multiple":
        chosen = {normalise(item) for item in response}
        right = {normalise(item) for item in answer}
        every = {normalise(item) for item in question.choices} | right | chosen
        agree = sum(1 for item in every if (item in chosen) == (item in right))
        return Grade(chosen == right, agree / len(every), expected)
    if kind == "ordering":
        given = [normalise(item) for item in response]
        right = [normalise(item) for item in answer]
        places = sum(1 for a, b in zip(given, right) if a == b)
        return Grade(given == right, places / len(right), expected)
    if kind == "matching":
        given = {normalise(k): normalise(v) for k, v in dict(response).items()}
        pairs = sum(1 for left, right in answer if given.get(normalise(left)) == normalise(right))
        return Grade(pairs == len(answer), pairs / len(answer), expected)
    raise ValueError(f"unknown question type {kind!r}")


def response_text(question: Question, response: object) -> str:
    """Return a learner's ``response`` to ``question`` as one line of display text.

    Args:
        question: the question answered.
        response: as for ``grade`` (``None`` means no answer).
    Returns:
        ``"(no answer)"`` for ``None``; ``"True"``/``"False"``; choices joined with ``", "``;
        an ordering joined with ``" → "``; matching pairs as ``"left → right; ..."`` in the
        question's order, ``?`` for a left item left unmatched.
    """
    if response is None:
        return "(no answer)"
    kind = question.type
    if kind == "true_false":
        return "True" if response else "False"
    if kind == "multiple":
        return ", ".join(str(item) for item in response) or "(nothing chosen)"
    if kind == "ordering":
        return " → ".join(str(item) for item in response)
    if kind == "matching":
        given = dict(response)
        return "; ".join(f"{left} → {given.get(left, '?')}" for left, _ in question.answer)
    return str(response)
