"""Quiz sessions: choosing questions for a mode, shuffling them, and keeping the score.

Pure logic with no Textual and no disk, shared by the TUI and tests. A ``QuizSession`` asks
its questions in a shuffled order with shuffled choices (a ``random.Random`` seeded from the
app's ``--seed`` makes a run reproducible), times each answer with an injectable clock,
grades it with ``oslearn.lessons.quiz.grade`` and keeps what is needed for the results:
score, time taken, each wrong answer, and a new session of only the wrong ones ("retry").

Modes (see ``QuizPlan``): by topic, by lesson, by bank, a mixed quiz of N questions drawn at
random from every bank, and any of them as an exam (feedback only at the end). Due FSRS
reviews are a plan too; the scheduling itself lives in ``oslearn.progress.review``.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from oslearn.lessons import questions
from oslearn.lessons.model import QUESTION_TOPICS, Question, drawn_by_default
from oslearn.lessons.questions.base import Presented
from oslearn.lessons.quiz import Grade, grade, response_text

#: The built-in curriculum's topics in teaching order (the loader's fixed set). Topics an
#: added curriculum uses that are not listed here still work; they are shown after these,
#: sorted by name.
TOPICS: tuple[str, ...] = QUESTION_TOPICS

#: Sizes offered for a mixed quiz; ``0`` means every question.
MIXED_SIZES: tuple[int, ...] = (5, 10, 15, 20, 30, 0)


def topics(questions: Iterable[Question]) -> list[str]:
    """Return the topics that ``questions`` use: those in ``TOPICS`` first, in that order,
    then any others sorted case-insensitively. Topics with no question are left out."""
    used = {question.topic for question in questions}
    known = [topic for topic in TOPICS if topic in used]
    return known + sorted(used - set(TOPICS), key=str.casefold)


def by_topic(questions: Iterable[Question], topic: str) -> list[Question]:
    """Return the questions whose ``topic`` is ``topic`` (exact match), in their order."""
    return [question for question in questions if question.topic == topic]


def by_lesson(questions: Iterable[Question], lesson_id: str) -> list[Question]:
    """Return the questions that point at lesson ``lesson_id``, in their order."""
    return [question for question in questions if question.lesson == lesson_id]


def mixed(questions: Sequence[Question], count: int, rng: random.Random) -> list[Question]:
    """Return ``count`` questions drawn at random without repetition from ``questions``.

    Args:
        questions: the pool.
        count: how many; ``0`` or more than the pool means all of them (shuffled).
        rng: the random source (seeded for reproducible quizzes).
    """
    pool = list(questions)
    if count <= 0 or count >= len(pool):
        rng.shuffle(pool)
        return pool
    return rng.sample(pool, count)


@dataclass(frozen=True)
class QuizPlan:
    """What to ask and how: built by the mode chooser, turned into a ``QuizSession``.

    Attributes:
        title: shown in the header and the score history ("Topic: security").
        questions: the questions, before shuffling.
        mode: ``"topic"``, ``"lesson"``, ``"bank"``, ``"mixed"``, ``"review"`` or ``"retry"``.
        exam: feedback only at the end.
        shuffle: shuffle the question order (choices are always shuffled); due reviews keep
            their most-overdue-first order.
    """

    title: str
    questions: tuple[Question, ...]
    mode: str = "bank"
    exam: bool = False
    shuffle: bool = True


def present(question: Question, rng: random.Random) -> Presented:
    """Return ``question`` with its choices shuffled by ``rng``, as its type presents it
    (see ``Presented``)."""
    return questions.get(question.type).present(question, rng)


def hint(item: Presented, rng: random.Random) -> str:
    """Return a hint for a presented question that narrows the answer without giving it
    (each type words its own: a wrong choice ruled out, how many are right, the first
    letter, the first item, one pair, the first word of a command, or the source section
    that settles a true/false statement)."""
    return questions.get(item.question.type).hint(item, rng)


@dataclass(frozen=True)
class Answer:
    """One answered question.

    Attributes:
        item: the question as it was shown.
        response: what the learner gave (see ``oslearn.lessons.quiz.grade``).
        grade: the grade.
        seconds: time from showing the question to answering it (seconds, >= 0).
        hinted: whether the learner asked for a hint first.
    """

    item: Presented
    response: object
    grade: Grade
    seconds: float
    hinted: bool = False

    @property
    def question(self) -> Question:
        """The question answered."""
        return self.item.question

    @property
    def shown(self) -> str:
        """The response as display text (``oslearn.lessons.quiz.response_text``)."""
        return response_text(self.item.question, self.response)


@dataclass(frozen=True)
class QuizResult:
    """A finished (or abandoned) quiz.

    Attributes:
        title, mode, exam: from the plan.
        answers: every answer given, in order.
        asked: how many questions the quiz had (answered or not).
        seconds: wall time from the first question shown to the last answer (seconds).
    """

    title: str
    mode: str
    exam: bool
    answers: tuple[Answer, ...]
    asked: int
    seconds: float

    @property
    def right(self) -> int:
        """How many answers were entirely right."""
        return sum(1 for answer in self.answers if answer.grade.correct)

    @property
    def wrong(self) -> list[Answer]:
        """The answers that were not entirely right, in order."""
        return [answer for answer in self.answers if not answer.grade.correct]

    @property
    def percent(self) -> int:
        """The score as a whole percentage of the questions asked (0 when none were)."""
        return round(100 * self.right / self.asked) if self.asked else 0


class QuizSession:
    """The state of one quiz: which question is showing, the answers so far, the timing.

    Args:
        plan: what to ask (an empty plan is allowed; ``finished`` is then true at once).
        rng: shuffles questions and choices; pass ``random.Random(seed)`` to reproduce a run.
        clock: returns seconds as a float, monotonic (default ``time.monotonic``); tests pass
            a fake one to control answer times.

    Use: read ``current``, call ``begin()`` when it is on screen, ``answer(response)`` when the
    learner answers, then ``advance()``; ``result()`` at any time.
    """

    def __init__(self, plan: QuizPlan, rng: random.Random | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.plan = plan
        self.rng = rng if rng is not None else random.Random()
        self.clock = clock
        questions = list(plan.questions)
        if plan.shuffle:
            self.rng.shuffle(questions)
        self.items: list[Presented] = [present(question, self.rng) for question in questions]
        self.index = 0
        self.answers: list[Answer] = []
        self.hinted = False
        self._shown_at: float | None = None
        self._started_at: float | None = None
        self._ended_at: float | None = None

    @property
    def title(self) -> str:
        """The plan's title."""
        return self.plan.title

    @property
    def exam(self) -> bool:
        """Whether feedback waits for the end."""
        return self.plan.exam

    @property
    def finished(self) -> bool:
        """Whether every question has been answered and advanced past."""
        return self.index >= len(self.items)

    @property
    def current(self) -> Presented | None:
        """The question to show now, or ``None`` when finished."""
        return None if self.finished else self.items[self.index]

    @property
    def answered(self) -> bool:
        """Whether the current question has been answered (feedback is showing)."""
        return len(self.answers) > self.index

    def begin(self) -> None:
        """Start timing the current question (call when it appears on screen)."""
        now = self.clock()
        if self._started_at is None:
            self._started_at = now
        self._shown_at = now
        self.hinted = False

    def take_hint(self) -> str:
        """Return a hint for the current question and mark it as hinted (FSRS rates a right
        answer after a hint as Hard). Raises ``RuntimeError`` when finished or answered."""
        item = self.current
        if item is None or self.answered:
            raise RuntimeError("no question is waiting for an answer")
        self.hinted = True
        return hint(item, self.rng)

    def answer(self, response: object) -> Answer:
        """Grade ``response`` to the current question and record it.

        Returns:
            the ``Answer`` (with the time taken since ``begin``).
        Raises:
            RuntimeError: the quiz is finished or the current question is already answered.
        """
        item = self.current
        if item is None or self.answered:
            raise RuntimeError("no question is waiting for an answer")
        now = self.clock()
        if self._shown_at is None:
            self._shown_at = now
            self._started_at = self._started_at if self._started_at is not None else now
        result = Answer(item, response, grade(item.question, response), max(0.0, now - self._shown_at), self.hinted)
        self.answers.append(result)
        self._ended_at = now
        return result

    def advance(self) -> bool:
        """Move past the current (answered) question. Returns whether a question is left.

        Raises:
            RuntimeError: the current question has not been answered yet.
        """
        if not self.finished and not self.answered:
            raise RuntimeError("answer the current question first")
        if not self.finished:
            self.index += 1
        self._shown_at = None
        return not self.finished

    def result(self) -> QuizResult:
        """Return the score so far (the final one once ``finished``)."""
        seconds = 0.0
        if self._started_at is not None and self._ended_at is not None:
            seconds = max(0.0, self._ended_at - self._started_at)
        return QuizResult(self.plan.title, self.plan.mode, self.plan.exam, tuple(self.answers),
                          len(self.items), seconds)

    def retry_plan(self) -> QuizPlan:
        """Return a plan asking again only the questions answered wrong (same exam setting)."""
        wrong = tuple(answer.question for answer in self.answers if not answer.grade.correct)
        title = self.plan.title if self.plan.title.startswith("Retry: ") else f"Retry: {self.plan.title}"
        return QuizPlan(title, wrong, mode="retry", exam=self.plan.exam, shuffle=True)


@dataclass(frozen=True)
class ModeChoice:
    """One entry of the mode chooser.

    Attributes:
        key: a stable id (``"topic:security"``, ``"lesson:ubuntu"``, ``"bank:distros"``,
            ``"mixed"``).
        label: what the chooser shows.
        group: ``"Mixed"``, ``"By topic"``, ``"By lesson"`` or ``"By bank"``.
        questions: the questions it draws from.
    """

    key: str
    label: str
    group: str
    questions: tuple[Question, ...] = field(default=(), repr=False)


def mode_choices(curriculum) -> list[ModeChoice]:
    """Return every quiz the curriculum offers, grouped: mixed, each topic, each lesson with
    questions (in lesson order), each bank.

    Args:
        curriculum: an ``oslearn.lessons.Curriculum``.
    """
    questions = curriculum.questions
    # opt-in topics (the page's history) only when the learner picks their topic, lesson or bank
    out = [ModeChoice("mixed", "Mixed quiz from every bank", "Mixed", tuple(filter(drawn_by_default, questions)))]
    for topic in topics(questions):
        chosen = tuple(by_topic(questions, topic))
        out.append(ModeChoice(f"topic:{topic}", topic, "By topic", chosen))
    for lesson in curriculum.lessons:
        chosen = tuple(by_lesson(questions, lesson.id))
        if chosen:
            out.append(ModeChoice(f"lesson:{lesson.id}", lesson.title, "By lesson", chosen))
    for bank in curriculum.banks:
        if bank.questions:
            out.append(ModeChoice(f"bank:{bank.id}", bank.title, "By bank", tuple(bank.questions)))
    return out


def quiz_title(kind: str, label: str, *, exam: bool = False) -> str:
    """Return a quiz's title, the same wherever the quiz is started (the mode chooser, the
    command palette, the home screen's review key).

    Args:
        kind: the plan's mode: ``"topic"`` (label: the topic as written in the content),
            ``"lesson"`` (the lesson's title), ``"mixed"`` and ``"review"`` (the number of
            questions), or anything else (a bank, all questions: the label is the title).
        label: see ``kind``.
        exam: feedback only at the end.
    Returns:
        ``"Topic: security"``, ``"Lesson: Choosing an OS"``, ``"Mixed quiz (10)"``,
        ``"Due reviews (3)"`` or ``label``; prefixed ``"Exam · "`` for an exam.
    """
    if kind == "topic":
        title = f"Topic: {label}"
    elif kind == "lesson":
        title = f"Lesson: {label}"
    elif kind == "mixed":
        title = f"Mixed quiz ({label})"
    elif kind == "review":
        title = f"Due reviews ({label})"
    else:
        title = label
    return f"Exam · {title}" if exam else title


def plan_for(choice: ModeChoice, *, exam: bool, size: int, rng: random.Random) -> QuizPlan:
    """Turn a chooser entry into a plan.

    Args:
        choice: from ``mode_choices``.
        exam: feedback only at the end.
        size: for the mixed quiz, how many questions (``0``: all); other modes ask all of
            their questions.
        rng: draws the mixed quiz's questions.
    """
    kind = choice.key.split(":", 1)[0]
    questions = tuple(choice.questions)
    if kind == "mixed":
        questions = tuple(mixed(questions, size, rng))
    label = str(len(questions)) if kind == "mixed" else choice.label
    return QuizPlan(quiz_title(kind, label, exam=exam), questions, mode=kind, exam=exam)
