"""The course: the rules that join the content (``oslearn.lessons``) and the learner's progress
(``ProgressStore``), in one place for the CLI and the app.

Both front ends ask a ``Course`` and only word its answers:

* completion: of each lesson (checklist steps ticked out of the lesson's steps; ticks for
  steps no longer in the content do not count) and overall, with how many of the content's
  questions were answered right at least once (``completion``);
* the place to continue: the lesson and section last read, when that lesson still exists
  (``continue_place``), and where opening any lesson lands (``open_place``);
* recording an answer: one call, one durable write, the FSRS review included
  (``record_answer``; storage in ``oslearn.progress.review``), and a finished quiz's score
  (``record_quiz``);
* the due-review plan: the content's questions whose FSRS cards are due, most overdue
  first, and when the next one falls due (``due_plan``, ``due_reviews``), read from cards
  kept up to date answer by answer, never recomputed from the history;
* notices: what the store has to tell the learner, as ``oslearn.progress.notices.Notice``
  values (``notices``); the front end words them;
* renamed ids: a checklist step or a question the content moved or renamed lists its old
  ids (``renamed_from``). Progress stored under an old id is read as progress of the id now:
  a tick under ``old-lesson/old-item`` ticks the step (unless the step has a row of its own,
  so an untick wins), answers and FSRS cards of an old question id are the question's (the
  card reviewed last wins), and a place in a lesson that left the content continues in the
  lesson its steps moved to (``renames``, ``done_by_lesson``, ``answered_right``,
  ``attempts``, ``snapshot``). Nothing is rewritten on disk by reading; new ticks and
  answers are stored under the ids now.

Nothing here imports Textual. ``oslearn.progress`` may import ``oslearn.lessons`` (never the
other way round).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from oslearn.lessons.model import Curriculum, Lesson, Question

if TYPE_CHECKING:
    from oslearn.lessons.session import QuizPlan, QuizResult
    from oslearn.progress.notices import Notice
    from oslearn.progress.review import Reviewed, Reviews
    from oslearn.progress.store import ProgressStore


@dataclass(frozen=True)
class LessonCompletion:
    """How much of one lesson's checklist is ticked.

    Attributes:
        lesson_id: the lesson.
        done: steps ticked that are in the lesson's checklist now.
        total: steps in the lesson's checklist.
    """

    lesson_id: str
    done: int
    total: int

    @property
    def complete(self) -> bool:
        """Every step ticked (a lesson with no checklist is never complete)."""
        return bool(self.total) and self.done == self.total

    @property
    def started(self) -> bool:
        """At least one step ticked."""
        return self.done > 0


@dataclass(frozen=True)
class Completion:
    """Completion of every lesson and of the whole course.

    Attributes:
        lessons: lesson id -> ``LessonCompletion``, in the curriculum's lesson order.
        done, total: checklist steps ticked, and in all, over every lesson.
        right: questions of the content answered right at least once.
        questions: questions in the content.
    """

    lessons: dict[str, LessonCompletion]
    done: int
    total: int
    right: int
    questions: int


@dataclass(frozen=True)
class Place:
    """A place in a lesson.

    Attributes:
        lesson: the lesson.
        section_id: the section's id as stored (``""`` for the lesson's start); may name a
            section the lesson no longer has.

    ``index``, ``count`` and ``section_title`` need the lesson's sections, which are split
    from its body on first use (markdown-it); a place is found without them, so knowing
    which lesson to continue costs nothing.
    """

    lesson: Lesson
    section_id: str

    @functools.cached_property
    def index(self) -> int:
        """The section shown there (0-based; the first section when ``section_id`` is no
        longer in the lesson)."""
        return self.lesson.section_index(self.section_id)

    @property
    def count(self) -> int:
        """How many sections the lesson has."""
        return len(self.lesson.sections)

    @property
    def section_title(self) -> str:
        """The title of the section at ``index`` (``""`` for a lesson without sections)."""
        sections = self.lesson.sections
        return sections[self.index].title if sections else ""


@dataclass(frozen=True)
class Renames:
    """The old ids the content lists (``renamed_from``), mapped to the ids now.

    Attributes:
        steps: ``(old lesson, old item)`` -> ``(lesson, item)`` of the step now.
        questions: old question id -> question id now.
        lessons: a lesson id no longer in the content -> the lesson most of its renamed
            steps moved to (where a place in it continues).
    """

    steps: dict[tuple[str, str], tuple[str, str]]
    questions: dict[str, str]
    lessons: dict[str, str]

    @classmethod
    def of(cls, curriculum: Curriculum) -> "Renames":
        """Read the renames of ``curriculum``."""
        steps: dict[tuple[str, str], tuple[str, str]] = {}
        moved: dict[str, Counter] = {}
        for lesson in curriculum.lessons:
            for item in lesson.checklist:
                for old in item.renamed_from:
                    old_lesson, _, old_item = old.rpartition("/")
                    steps.setdefault((old_lesson, old_item), (lesson.id, item.id))
                    moved.setdefault(old_lesson, Counter())[lesson.id] += 1
        questions = {old: question.id for question in curriculum.questions for old in question.renamed_from}
        lessons = {old: counts.most_common(1)[0][0] for old, counts in moved.items()
                   if curriculum.lesson(old) is None}
        return cls(steps, questions, lessons)


@dataclass(frozen=True)
class DueReviews:
    """The due reviews at one moment.

    Attributes:
        count: questions of the content due now.
        next_due: when the next question that is not due yet falls due (aware UTC), or
            ``None`` when none is waiting.
    """

    count: int
    next_due: datetime | None


class Course:
    """The course rules over one curriculum and one learner's progress.

    Args:
        curriculum: the content; the app replaces ``curriculum`` after a reload.
        store: an open ``ProgressStore`` (the caller closes it).
    """

    def __init__(self, curriculum: Curriculum, store: "ProgressStore"):
        self.curriculum = curriculum
        self.store = store
        self._reviews: Reviews | None = None
        self._renames: tuple[Curriculum, Renames] | None = None

    @property
    def renames(self) -> Renames:
        """The content's old ids mapped to the ids now (read again after ``curriculum`` is
        replaced)."""
        if self._renames is None or self._renames[0] is not self.curriculum:
            self._renames = (self.curriculum, Renames.of(self.curriculum))
        return self._renames[1]

    @property
    def reviews(self) -> "Reviews":
        """The learner's FSRS cards and quiz scores (``oslearn.progress.review.Reviews``), made
        on first use and kept for the store's life; cards of old question ids are read as
        the cards of the ids now."""
        if self._reviews is None:
            from oslearn.progress.review import Reviews

            self._reviews = Reviews(self.store, renames=self.renames.questions)
        else:
            self._reviews.set_renames(self.renames.questions)
        return self._reviews

    # --- progress read through the renames ---------------------------------------------------

    def done_by_lesson(self) -> dict[str, set[str]]:
        """Return every ticked step by lesson, ``{lesson_id: {item_id, ...}}``, a tick under a
        step's old id counted for the step (unless the step has a row of its own). Ticks
        under ids that left the content are kept, under those ids."""
        state = self.store.checklist_state()
        out: dict[str, set[str]] = {}
        for (lesson, item), done in state.items():
            if done:
                out.setdefault(lesson, set()).add(item)
        for old, now in self.renames.steps.items():
            if state.get(old) is True and now not in state:
                out.setdefault(now[0], set()).add(now[1])
        return out

    def done_items(self, lesson_id: str) -> set[str]:
        """Return the ticked steps of ``lesson_id`` (see ``done_by_lesson``)."""
        return self.done_by_lesson().get(lesson_id, set())

    def answered_right(self) -> set[str]:
        """Return the ids of the questions answered right at least once, an answer under an
        old id counted for the question now."""
        renames = self.renames.questions
        return {renames.get(question, question) for question in self.store.answered_right()}

    def attempts(self) -> list[dict]:
        """Return every stored answer (copies, oldest first); an answer under an old id of a
        question has ``question`` set to the id now and ``renamed_from`` to the id stored."""
        renames = self.renames.questions
        out = self.store.attempts()
        for attempt in out:
            if attempt["question"] in renames:
                attempt["renamed_from"] = attempt["question"]
                attempt["question"] = renames[attempt["question"]]
        return out

    def snapshot(self) -> dict:
        """Return ``ProgressStore.snapshot`` for the content (``oslearn progress --json``),
        with ticks and answers under old ids listed under the ids now (answers carry
        ``renamed_from``), and ``due``: the ids of the questions due for review now, most
        overdue first."""
        known = {lesson.id: {item.id for item in lesson.checklist} for lesson in self.curriculum.lessons}
        questions = {question.id for question in self.curriculum.questions}
        snapshot = self.store.snapshot(known, questions)
        done = self.done_by_lesson()
        snapshot["checklist"] = {lesson: sorted(done[lesson] & ids) for lesson, ids in sorted(known.items())
                                 if done.get(lesson, set()) & ids}
        counted = {old for old, now in self.renames.steps.items() if now[1] in done.get(now[0], set())}
        orphaned = snapshot["orphaned"]
        orphaned["checklist"] = [tick for tick in orphaned["checklist"]
                                 if (tick["lesson"], tick["item"]) not in counted]
        attempts = self.attempts()
        snapshot["attempts"] = [a for a in attempts if a["question"] in questions]
        orphaned["attempts"] = [a for a in attempts if a["question"] not in questions]
        snapshot["due"] = list(self.reviews.due(questions))
        return snapshot

    @property
    def notices(self) -> list["Notice"]:
        """What the store reported on opening (``Notice`` values, for the front end to word)."""
        return self.store.notices

    # --- completion -----------------------------------------------------------------------

    def completion(self) -> Completion:
        """Return the completion of every lesson and of the course (one pass over the ticks)."""
        done_by_lesson = self.done_by_lesson()
        lessons: dict[str, LessonCompletion] = {}
        done = total = 0
        for lesson in self.curriculum.lessons:
            ids = {item.id for item in lesson.checklist}
            ticked = len(done_by_lesson.get(lesson.id, set()) & ids)
            lessons[lesson.id] = LessonCompletion(lesson.id, ticked, len(ids))
            done, total = done + ticked, total + len(ids)
        questions = {question.id for question in self.curriculum.questions}
        right = len(self.answered_right() & questions)
        return Completion(lessons, done, total, right, len(questions))

    def lesson_completion(self, lesson: Lesson) -> LessonCompletion:
        """Return the completion of ``lesson`` alone."""
        ids = {item.id for item in lesson.checklist}
        return LessonCompletion(lesson.id, len(self.done_items(lesson.id) & ids), len(ids))

    def has_lesson(self, lesson_id: str) -> bool:
        """Whether ``lesson_id`` is a lesson of the content or has ticks stored (a lesson
        that left the content keeps its progress, which can still be reset)."""
        return self.curriculum.lesson(lesson_id) is not None or lesson_id in self.store.done_by_lesson()

    def reset(self, lesson_id: str | None = None) -> dict:
        """Forget one lesson's progress (``ProgressStore.reset``), with the ticks under the
        old ids of its steps and a reading place in a lesson that continues in it; ``None``:
        everything. Returns and raises as ``ProgressStore.reset``."""
        if lesson_id is None:
            return self.store.reset()
        renames = self.renames
        return self.store.reset(lesson_id, old_steps=[old for old, now in renames.steps.items() if now[0] == lesson_id],
                                old_lessons={old for old, now in renames.lessons.items() if now == lesson_id})

    # --- places ----------------------------------------------------------------------------

    def continue_place(self) -> Place | None:
        """Return where the learner left off: the lesson and section last read, or ``None``
        when nothing was read yet or that lesson is no longer in the content. A lesson that
        left the content continues in the lesson its steps moved to (``Renames.lessons``),
        at the same section if that lesson has one of that id, else at its start."""
        position = self.store.position()
        if position is None:
            return None
        lesson = self.curriculum.lesson(position[0])
        if lesson is not None:
            return Place(lesson, position[1])
        moved = self.renames.lessons.get(position[0])
        lesson = self.curriculum.lesson(moved) if moved else None
        if lesson is None:
            return None
        section = position[1] if any(s.id == position[1] for s in lesson.sections) else ""
        return Place(lesson, section)

    def open_place(self, lesson_id: str) -> Place | None:
        """Return where opening ``lesson_id`` lands: the lesson last read resumes at its
        section, any other opens at its start; ``None`` for a lesson not in the content."""
        lesson = self.curriculum.lesson(lesson_id)
        if lesson is None:
            return None
        place = self.continue_place()
        if place is not None and place.lesson.id == lesson.id:
            return place
        return Place(lesson, "")

    def question_place(self, question: Question) -> Place | None:
        """Return the lesson section ``question`` points at (its ``lesson`` and ``section``),
        or ``None`` when it points at no lesson of the content."""
        lesson = self.curriculum.lesson(question.lesson) if question.lesson else None
        if lesson is None:
            return None
        return Place(lesson, question.section)

    # --- answers -----------------------------------------------------------------------------

    def record_answer(self, question: Question, correct: bool, answer: str, seconds: float,
                      hinted: bool = False, *, at: datetime | None = None) -> "Reviewed":
        """Store one answer with its FSRS review: one durable append to the quiz history.

        Args:
            question: the question answered.
            correct: whether it was graded entirely right.
            answer: the learner's response as display text.
            seconds: time taken to answer.
            hinted: whether a hint was shown first.
            at: when (aware datetime; default now).
        Returns:
            the review (``card.due`` is when the question comes back).
        Raises:
            PermissionError: the store is read-only.
            StorageError: the disk write failed; nothing was stored.
        """
        return self.reviews.record_answer(question.id, question.type, correct, seconds, hinted, at=at,
                                          answer=answer)

    def record_quiz(self, result: "QuizResult", *, at: datetime | None = None) -> bool:
        """Store a finished quiz's score; a quiz with no answer is not stored.

        Returns:
            whether a score was stored.
        Raises:
            PermissionError, StorageError: as ``record_answer``.
        """
        if not result.answers:
            return False
        self.reviews.record_quiz(result.title, result.mode, result.exam, result.right, result.asked,
                                 result.seconds, at=at)
        return True

    # --- due reviews -------------------------------------------------------------------------

    def due_plan(self, now: datetime | None = None) -> "QuizPlan":
        """Return a quiz of the content's questions due for review at ``now``, most overdue
        first (not shuffled); its title counts them. Empty when nothing is due."""
        from oslearn.lessons.session import QuizPlan, quiz_title

        by_id = {question.id: question for question in self.curriculum.questions}
        due = self.reviews.due(by_id, now)
        return QuizPlan(quiz_title("review", str(len(due))), tuple(by_id[qid] for qid in due), mode="review",
                        shuffle=False)

    def due_reviews(self, now: datetime | None = None) -> DueReviews:
        """Return how many of the content's questions are due at ``now`` and when the next
        one falls due (from the kept cards: no pass over the history)."""
        count, upcoming = self.reviews.due_summary([question.id for question in self.curriculum.questions], now)
        return DueReviews(count, upcoming)


__all__ = ["Completion", "Course", "DueReviews", "LessonCompletion", "Place", "Renames"]
