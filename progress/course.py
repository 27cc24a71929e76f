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
  values (``notices``); the front end words them.

Nothing here imports Textual. ``oslearn.progress`` may import ``oslearn.lessons`` (never the
other way round).
"""

from __future__ import annotations

import functools
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

    @property
    def reviews(self) -> "Reviews":
        """The learner's FSRS cards and quiz scores (``oslearn.progress.review.Reviews``), made
        on first use and kept for the store's life."""
        if self._reviews is None:
            from oslearn.progress.review import Reviews

            self._reviews = Reviews(self.store)
        return self._reviews

    @property
    def notices(self) -> list["Notice"]:
        """What the store reported on opening (``Notice`` values, for the front end to word)."""
        return self.store.notices

    # --- completion -----------------------------------------------------------------------

    def completion(self) -> Completion:
        """Return the completion of every lesson and of the course (one pass over the ticks)."""
        done_by_lesson = self.store.done_by_lesson()
        lessons: dict[str, LessonCompletion] = {}
        done = total = 0
        for lesson in self.curriculum.lessons:
            ids = {item.id for item in lesson.checklist}
            ticked = len(done_by_lesson.get(lesson.id, set()) & ids)
            lessons[lesson.id] = LessonCompletion(lesson.id, ticked, len(ids))
            done, total = done + ticked, total + len(ids)
        questions = {question.id for question in self.curriculum.questions}
        right = len(self.store.answered_right() & questions)
        return Completion(lessons, done, total, right, len(questions))

    def lesson_completion(self, lesson: Lesson) -> LessonCompletion:
        """Return the completion of ``lesson`` alone."""
        ids = {item.id for item in lesson.checklist}
        return LessonCompletion(lesson.id, len(self.store.done_items(lesson.id) & ids), len(ids))

    def has_lesson(self, lesson_id: str) -> bool:
        """Whether ``lesson_id`` is a lesson of the content or has ticks stored (a lesson
        that left the content keeps its progress, which can still be reset)."""
        return self.curriculum.lesson(lesson_id) is not None or lesson_id in self.store.done_by_lesson()

    # --- places ----------------------------------------------------------------------------

    def continue_place(self) -> Place | None:
        """Return where the learner left off: the lesson and section last read, or ``None``
        when nothing was read yet or that lesson is no longer in the content."""
        position = self.store.position()
        if position is None:
            return None
        lesson = self.curriculum.lesson(position[0])
        if lesson is None:
            return None
        return Place(lesson, position[1])

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


__all__ = ["Completion", "Course", "DueReviews", "LessonCompletion", "Place"]
