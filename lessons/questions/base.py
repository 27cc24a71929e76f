"""What every question type has in common: the grade, the presented question, the marks
shown after grading, lenient text matching, and the base class each type module fills in.

A question type (one module of ``oslearn.lessons.questions``) owns six things:

- its schema check (``QuestionType.check``): the ``answer`` (and any key of its own) of a
  question read from a bank, with ``file:line: field: problem; fix`` messages;
- how it is presented (``present``): the choices shuffled, the items never shown solved;
- its hint (``hint``): something that narrows the answer without giving it;
- its grading (``grade``), with marks per choice, position or pair and an optional note;
- the wording of the right answer and of a learner's response (``answer_text``,
  ``response_text``);
- how a right answer's speed and a hint map to a spaced-repetition rating (``rating``, with
  ``fast_seconds`` and ``slow_seconds``); ``oslearn.progress.review`` turns the rating name
  into an FSRS ``Rating``.

No Textual and no disk here.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from oslearn.lessons.model import Question, citation
from oslearn.lessons.text import ID_PATTERN

_SPACE = re.compile(r"\s+")
_QUOTES = "`'\"“”‘’"

#: Marks a ``Grade`` gives each part of an answer (a choice, a position, a pair):
#: ``RIGHT``: chosen (or placed, or paired) and right; ``MISSED``: right but not chosen;
#: ``WRONG``: chosen (or placed, or paired) but wrong; ``NONE``: neither chosen nor right.
RIGHT, MISSED, WRONG, NONE = "right", "missed", "wrong", ""

#: Rating names ``QuestionType.rating`` returns, from worst to best (FSRS's four ratings).
AGAIN, HARD, GOOD, EASY = "again", "hard", "good", "easy"


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
        marks: one ``(part, mark)`` per part of the answer: ``part`` is a choice text
            (single, multiple, true/false; in the question's order, looked up by text), an
            item of the learner's order (ordering; in that order) or a left item (matching;
            in the question's order); ``mark`` is ``RIGHT``, ``MISSED``, ``WRONG`` or
            ``NONE``. Empty for typed and command answers.
        note: a sentence explaining what was wrong, in words (which pair, which near miss);
            ``""`` when there is nothing to add to the right answer.
    """

    correct: bool
    score: float
    expected: str
    marks: tuple[tuple[str, str], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Presented:
    """A question as it is shown: with its choices in the order on screen.

    Attributes:
        question: the question.
        options: single/multiple choice: the choices, shuffled; true/false:
            ``("True", "False")``; ordering: the items, shuffled and never already in the
            right order; matching: the right-hand items to pick from, shuffled (the
            question's ``choices``, or the right items of its pairs if it has none); typed
            and command: empty.
        lefts: matching only: the left-hand items, shuffled.
    """

    question: Question
    options: tuple[str, ...] = ()
    lefts: tuple[str, ...] = ()


class QuestionType:
    """One question type. Subclasses (one per module of ``oslearn.lessons.questions``)
    override what differs; the registry sets ``name`` from the module's name.

    Attributes:
        name: the ``type:`` value of the bank files (set by the registry).
        label: what the type is called in lists and statistics ("multiple answer").
        answer_doc: what the ``answer`` field holds, for error messages and docs.
        keys: question keys this type accepts beyond the common ones (``near_misses``).
        fast_seconds: a right answer within this many seconds rates Easy.
        slow_seconds: a right answer slower than this rates Hard. The thresholds grow with
            how much reading and typing a type needs (a true/false statement against a
            matching table); they are this project's choice, not FSRS's.
    """

    name: str = ""
    label: str = ""
    answer_doc: str = ""
    keys: frozenset[str] = frozenset()
    fast_seconds: float = 10
    slow_seconds: float = 40

    # --- schema -----------------------------------------------------------------------

    def check(self, check, data: dict, path: tuple, choices: tuple[str, ...]) -> object | None:
        """Validate the type's own fields of one question read from a bank.

        Args:
            check: the loader's checker: ``check.fail(path, problem, fix)`` records a
                problem; ``check.string_list(data, key, path, unique=...)`` reads a list of
                text; ``check.describe(value)`` words a value's YAML type ("a mapping").
            data: the question's mapping as read (``answer`` is present and not null).
            path: the question's path in the file (``("questions", 3)``).
            choices: the question's ``choices``, already checked as a list of unique texts.
        Returns:
            the answer as ``Question.answer`` holds it, or ``None`` when it is unusable
            (a problem has then been recorded).
        """
        raise NotImplementedError

    def common(self, check, data: dict, path: tuple) -> dict:
        """Validate the keys every type shares beyond the loader's own (``renamed_from``:
        the ids the same question had before, each a valid id, listed once, not the
        question's own) and return them as ``Question`` fields. Whether an old id is used
        twice or is a live id across banks is checked by the loader."""
        old_ids = check.string_list(data, "renamed_from", path, unique=True)
        for old in old_ids:
            if old and not ID_PATTERN.match(old):
                check.fail((*path, "renamed_from"), f"{old!r} is not a valid question id",
                           "list the question's old ids as they were written in the bank")
            elif old and old == data.get("id"):
                check.fail((*path, "renamed_from"), f"lists the question's own id {old!r}",
                           "list only ids the question had before")
        return {"renamed_from": old_ids} if old_ids else {}

    def extras(self, check, data: dict, path: tuple) -> dict:
        """Validate keys of this type beyond ``answer`` and return them as ``Question``
        fields (``{"near_misses": ...}``). Default: none."""
        return {}

    # --- presenting -----------------------------------------------------------------------

    def present(self, question: Question, rng: random.Random) -> Presented:
        """Return ``question`` as shown. Default: its ``choices`` shuffled with ``rng`` (none
        for a type without choices; shuffling an empty list draws nothing from ``rng``)."""
        options = list(question.choices)
        rng.shuffle(options)
        return Presented(question, tuple(options))

    def hint(self, item: Presented, rng: random.Random) -> str:
        """Return a hint that narrows the answer without giving it. Default: the source
        section that settles it."""
        question = item.question
        if question.source.section:
            return f"Look at the source section “{question.source.section}”."
        return f"Look at the source: {citation(question.source)}."

    # --- grading and wording --------------------------------------------------------------

    def grade(self, question: Question, response: object) -> Grade:
        """Grade ``response`` (never ``None``: the caller grades no answer as wrong)."""
        raise NotImplementedError

    def answer_text(self, question: Question) -> str:
        """Return the right answer as one line of display text."""
        return str(question.answer)

    def response_text(self, question: Question, response: object) -> str:
        """Return a (non-``None``) response as one line of display text."""
        return str(response)

    # --- spaced repetition ----------------------------------------------------------------

    def rating(self, correct: bool, seconds: float, hinted: bool) -> str:
        """Turn one answer into a rating name (``AGAIN``, ``HARD``, ``GOOD``, ``EASY``).

        Wrong is Again; right after a hint or slower than ``slow_seconds`` is Hard; right
        within ``fast_seconds`` is Easy; any other right answer is Good.
        """
        if not correct:
            return AGAIN
        if hinted or seconds > self.slow_seconds:
            return HARD
        if seconds <= self.fast_seconds:
            return EASY
        return GOOD


def choice_marks(options, right: set[str], chosen: set[str]) -> tuple[tuple[str, str], ...]:
    """Return a ``Grade.marks`` for choices: ``RIGHT`` chosen and right, ``MISSED`` right and
    not chosen, ``WRONG`` chosen and not right, ``NONE`` otherwise (texts compared with
    ``normalise``)."""
    right_n = {normalise(item) for item in right}
    chosen_n = {normalise(item) for item in chosen}
    out = []
    for option in options:
        key = normalise(option)
        if key in right_n:
            out.append((option, RIGHT if key in chosen_n else MISSED))
        else:
            out.append((option, WRONG if key in chosen_n else NONE))
    return tuple(out)
