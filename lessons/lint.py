"""Authoring checks for lessons and quiz banks: what loads but teaches badly.

The loader (``oslearn.lessons.loader``) rejects content that is broken. This module warns
about content that is valid but weak, for ``oslearn check`` (warnings; exit 1 only with
``--strict``) and ``oslearn check --stats`` (the figures behind the warnings):

- **the right answer's length is a tell**: in a bank, the right answer of a single-choice
  question is the longest choice (strictly longer than every other) in more than a third
  of its single-choice questions. With four choices chance is about one in four, so a
  bank above one in three teaches "pick the longest".
- **near-duplicate prompts**: two questions whose prompts share most of their words.
  Measured as the Jaccard index of the prompts' word sets (lower-cased words of three
  letters or more, a few function words left out): ``|A ∩ B| / |A ∪ B|``. A pair at
  ``NEAR_DUPLICATE`` (0.6) or above is reported with both ids. Word sets rather than a
  character diff (``difflib``) because reordered questions on the same fact should match
  and two scenarios sharing a long stock phrase should not.
- **missing explanation or source**: the loader requires both fields; an empty or
  whitespace-only value still loads and is reported here.
- **untested objectives**: a lesson's learning objectives are the items of its first
  section's list, each a link to the section that teaches it (``[text](#section-id)``);
  an objective no question points at (through its ``lesson`` and ``section``) is reported.
- **opt-in share**: questions of an opt-in topic (``OPT_IN_TOPICS``, the page's history)
  above ``OPT_IN_SHARE`` (10 %) of all questions.

Nothing here imports Textual.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from oslearn.lessons.model import OPT_IN_TOPICS, Curriculum, Lesson, Question

#: The largest share of a bank's single-choice questions whose right answer may be the
#: longest choice.
LONGEST_SHARE = 1 / 3
#: Jaccard index of two prompts' word sets from which they count as near-duplicates.
NEAR_DUPLICATE = 0.6
#: The largest share of all questions an opt-in topic may have.
OPT_IN_SHARE = 0.10

_STOP = frozenset("the and for with you your which what are this that from its does into has have not".split())
_OBJECTIVE = re.compile(r"^\s*[-*]\s+(.*?)\[([^\]]+)\]\(#([a-z0-9-]+)\)(.*)$")


@dataclass(frozen=True)
class Warning:
    """One authoring warning.

    Attributes:
        path: the file it is about (``""`` when it is about the whole curriculum).
        line: 1-based line in that file (0 when not known).
        kind: ``"longest-answer"``, ``"near-duplicate"``, ``"no-explanation"``,
            ``"no-source"``, ``"untested-objective"`` or ``"opt-in-share"``.
        message: what is wrong and what to do, one line.
    """

    path: str
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path else ""
        return f"{where}warning: {self.message}"


@dataclass(frozen=True)
class Objective:
    """A learning objective of a lesson.

    Attributes:
        lesson: the lesson's id.
        text: the objective in words (link text and the words around it).
        section: the id of the section that teaches it.
    """

    lesson: str
    text: str
    section: str


def words(prompt: str) -> frozenset[str]:
    """Return the lower-cased words of three letters or more in ``prompt``, function words
    left out (the set compared for near-duplicates)."""
    return frozenset(w for w in re.findall(r"[a-z0-9][a-z0-9.+-]*", prompt.lower())
                     if len(w) >= 3 and w not in _STOP)


def similarity(first: str, second: str) -> float:
    """Return the Jaccard index (0.0 to 1.0) of the word sets of two prompts."""
    a, b = words(first), words(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def near_duplicates(questions: list[Question], threshold: float = NEAR_DUPLICATE) -> list[tuple[Question, Question, float]]:
    """Return ``(first, second, index)`` for every pair of questions whose prompts reach
    ``threshold`` (see ``similarity``), most similar first."""
    sets = [(q, words(q.prompt)) for q in questions]
    out = []
    for (first, a), (second, b) in combinations(sets, 2):
        if a and b:
            index = len(a & b) / len(a | b)
            if index >= threshold:
                out.append((first, second, index))
    return sorted(out, key=lambda item: -item[2])


def answer_is_longest(question: Question) -> bool:
    """Return whether a single-choice question's right answer is strictly longer (in
    characters) than every other choice."""
    others = [len(choice) for choice in question.choices if choice != question.answer]
    return bool(others) and len(str(question.answer)) > max(others)


def longest_answer_shares(curriculum: Curriculum) -> dict[str, tuple[int, int]]:
    """Return, per bank id, ``(single-choice questions whose right answer is the longest
    choice, single-choice questions)``."""
    out = {}
    for bank in sorted(curriculum.banks, key=lambda b: b.id):
        singles = [q for q in bank.questions if q.type == "single"]
        out[bank.id] = (sum(answer_is_longest(q) for q in singles), len(singles))
    return out


def objectives(lesson: Lesson) -> list[Objective]:
    """Return the learning objectives of ``lesson``: the list items of its first section
    that link to a section of the same lesson (``- [say what ...](#section-id) ...``), in
    order. A lesson without such a list has none."""
    if not lesson.sections:
        return []
    out = []
    for line in lesson.sections[0].markdown.splitlines():
        match = _OBJECTIVE.match(line)
        if match:
            before, text, section, after = match.groups()
            words = re.sub(r"\s+", " ", f"{before}{text}{after}").replace("`", "")
            out.append(Objective(lesson.id, words.strip(" ;.,"), section))
    return out


def objective_counts(curriculum: Curriculum) -> list[tuple[Objective, int]]:
    """Return every lesson's objectives with the number of questions that test each (the
    questions whose ``lesson`` and ``section`` are the objective's), in lesson order."""
    per_section = Counter((q.lesson, q.section) for q in curriculum.questions)
    return [(objective, per_section[(objective.lesson, objective.section)])
            for lesson in curriculum.lessons for objective in objectives(lesson)]


def opt_in_share(curriculum: Curriculum) -> tuple[int, int]:
    """Return ``(questions of an opt-in topic, all questions)``."""
    questions = curriculum.questions
    return sum(q.topic in OPT_IN_TOPICS for q in questions), len(questions)


def lint(curriculum: Curriculum) -> list[Warning]:
    """Return every authoring warning for ``curriculum`` (see the module docstring), in the
    order: banks' answer lengths, near-duplicates, missing fields, untested objectives,
    opt-in share."""
    out: list[Warning] = []
    paths = {bank.id: str(bank.path or "") for bank in curriculum.banks}
    for bank_id, (longest, singles) in longest_answer_shares(curriculum).items():
        if singles and longest / singles > LONGEST_SHARE:
            out.append(Warning(paths[bank_id], 1, "longest-answer",
                               f"bank {bank_id!r}: the right answer is the longest choice in {longest} of its "
                               f"{singles} single-choice questions (more than a third); shorten right answers "
                               "or lengthen distractors"))
    for first, second, index in near_duplicates(curriculum.questions):
        out.append(Warning(paths.get(second.bank, ""), second.line, "near-duplicate",
                           f"questions {first.id!r} and {second.id!r} have near-duplicate prompts (word overlap "
                           f"{index:.2f}); ask something different or merge them"))
    for question in curriculum.questions:
        path = paths.get(question.bank, "")
        if not question.explanation.strip():
            out.append(Warning(path, question.line, "no-explanation",
                               f"question {question.id!r} has no explanation; say why the answer is right"))
        source = question.source
        if source is None or not (source.file or source.note.strip() or source.url):
            out.append(Warning(path, question.line, "no-source",
                               f"question {question.id!r} has no source; name the page version and section, or a dated note"))
    for objective, count in objective_counts(curriculum):
        if count == 0:
            lesson = curriculum.lesson(objective.lesson)
            out.append(Warning(str(getattr(lesson, "path", "") or ""), lesson.sections[0].line if lesson else 0,
                               "untested-objective",
                               f"lesson {objective.lesson!r}: no question tests the objective "
                               f"{objective.text!r} (section {objective.section!r}); add one"))
    opt_in, total = opt_in_share(curriculum)
    if total and opt_in / total > OPT_IN_SHARE:
        out.append(Warning("", 0, "opt-in-share",
                           f"{opt_in} of {total} questions are about {', '.join(OPT_IN_TOPICS)} "
                           f"(more than {OPT_IN_SHARE:.0%}); write questions on what a learner must do instead"))
    return out


def lint_stats(curriculum: Curriculum) -> dict:
    """Return the figures behind the warnings, for ``oslearn check --stats``.

    Returns:
        a dict: ``topic_shares`` (topic -> share of all questions, 0..1), ``opt_in``
        (``(count, total)``), ``longest_answer`` (bank id -> ``(longest, singles)``),
        ``near_duplicates`` (list of ``(id, id, index)``), ``objectives`` (list of
        ``(lesson id, objective text, section id, question count)``).
    """
    questions = curriculum.questions
    total = len(questions) or 1
    topics = Counter(q.topic for q in questions)
    return {
        "topic_shares": {topic: count / total for topic, count in topics.most_common()},
        "opt_in": opt_in_share(curriculum),
        "longest_answer": longest_answer_shares(curriculum),
        "near_duplicates": [(a.id, b.id, index) for a, b, index in near_duplicates(questions)],
        "objectives": [(o.lesson, o.text, o.section, count) for o, count in objective_counts(curriculum)],
    }
