"""Spaced review with FSRS: every quiz question is a card, every answer a review.

Scheduling is the ``fsrs`` package (py-fsrs 6, the reference implementation of the Free
Spaced Repetition Scheduler by Jarrett Ye and the open-spaced-repetition project): its
``Scheduler.review_card`` turns a card and a ``Rating`` into the next due date, and
``Card``/``ReviewLog`` ``to_dict``/``from_dict`` are how they are stored. All datetimes are
timezone-aware UTC, as the library requires.

An answer becomes a rating (``rating_for``), as the question's type rates it
(``oslearn.lessons.questions``): wrong is Again; right after a hint, or slower than the
type's ``slow_seconds``, is Hard; right within its ``fast_seconds`` is Easy; any other right
answer is Good.

The scheduler uses one learning step and one relearning step of ten minutes instead of the
library's default (1 and 10 minutes): a quiz question answered right has just been
"learned" in the quiz itself, so Good moves a new card straight to review (days), while a
wrong answer brings it back ten minutes later.

Tables, kept in the progress store's TinyDB (``ProgressStore.db``) beside its own tables:

``cards``         one document per question: ``{"question": id, "card": Card.to_dict()}``
``reviews``       one document per answer: ``{"question": id, "log": ReviewLog.to_dict(),
                  "card": Card.to_dict()}`` (the card *after* the review)
``quiz_history``  one document per finished quiz: ``{"title", "mode", "exam", "right",
                  "total", "seconds", "at"}``

A review is written before its card: if the process dies between the two writes, the card
in the newest review is newer than the one in ``cards`` and is used instead, so no answer is
lost. Documents that do not parse (edited by hand, from an unknown version) are skipped when
reading and never deleted. Writes raise what the store's own writes raise: ``PermissionError``
when the store is read-only, ``StorageError`` when the disk write fails (the TUI wraps them in
``app.save``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable

from fsrs import Card, Rating, ReviewLog, Scheduler
from tinydb import Query

from oslearn.lessons import questions as question_types
from oslearn.lessons.questions.base import AGAIN, EASY, GOOD, HARD

CARDS = "cards"
#: ``datetime.isoformat()`` of an aware UTC time, as ``Card.to_dict`` stores it; for such
#: strings, text order is time order (``Reviews.cards`` relies on it).
_UTC_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00\Z")
REVIEWS = "reviews"
HISTORY = "quiz_history"

#: The FSRS rating for each rating name a question type gives (``QuestionType.rating``).
RATINGS: dict[str, Rating] = {
    AGAIN: Rating.Again, HARD: Rating.Hard, GOOD: Rating.Good, EASY: Rating.Easy,
}


def rating_for(correct: bool, seconds: float, *, hinted: bool = False, question_type: str = "single") -> Rating:
    """Turn one answer into an FSRS rating, as the question's type rates it.

    Args:
        correct: whether the answer was entirely right.
        seconds: time taken to answer (seconds).
        hinted: whether the learner asked for a hint first.
        question_type: the question's type (``oslearn.lessons.questions``), which sets the
            fast and slow thresholds; a type no longer known is rated as single choice.
    Returns:
        ``Rating.Again`` when wrong; ``Rating.Hard`` when right after a hint or slowly;
        ``Rating.Easy`` when right and fast; ``Rating.Good`` otherwise (see
        ``QuestionType.rating``).
    """
    kind = question_types.get(question_type if question_types.known(question_type) else question_types.NAMES[0])
    return RATINGS[kind.rating(correct, seconds, hinted)]


def default_scheduler() -> Scheduler:
    """Return the scheduler oslearn uses: FSRS defaults (90 % desired retention, interval
    fuzzing on) with ten-minute learning and relearning steps (see the module docstring)."""
    return Scheduler(learning_steps=(timedelta(minutes=10),), relearning_steps=(timedelta(minutes=10),))


def card_id_for(question_id: str) -> int:
    """Return a stable positive card id (48 bits) for ``question_id``, so a card and its
    review logs can be matched without relying on creation time."""
    return int.from_bytes(hashlib.blake2b(question_id.encode("utf-8"), digest_size=6).digest(), "big")


def utc(moment: datetime | None) -> datetime:
    """Return ``moment`` (default now) as an aware UTC datetime.

    Raises:
        ValueError: ``moment`` is naive (its time zone would be a guess).
    """
    if moment is None:
        return datetime.now(timezone.utc)
    if moment.tzinfo is None:
        raise ValueError("datetime must be timezone-aware")
    return moment.astimezone(timezone.utc)


@dataclass(frozen=True)
class Reviewed:
    """The outcome of one recorded answer.

    Attributes:
        question: the question id.
        rating: the FSRS rating given.
        card: the card after the review (``card.due`` is the next review, UTC).
    """

    question: str
    rating: Rating
    card: Card


class Reviews:
    """Cards, review logs and quiz history for one ``ProgressStore``.

    Args:
        store: an open ``oslearn.progress.ProgressStore`` (its ``db`` and ``read_only`` are used).
        scheduler: the FSRS scheduler (default ``default_scheduler()``).
    """

    def __init__(self, store, scheduler: Scheduler | None = None):
        self.store = store
        self.scheduler = scheduler or default_scheduler()

    # --- reading ----------------------------------------------------------------------------

    def _table(self, name: str):
        return self.store.db.table(name)

    def cards(self) -> dict[str, Card]:
        """Return the current card of every reviewed question: question id -> ``Card``.

        A card whose newest review is newer than its ``cards`` document (a write interrupted
        between the two) is taken from that review. The review log holds one document per
        answer ever given, so a review whose ``last_review`` stamp (as ``Card.to_dict``
        writes it: UTC ISO 8601, where text order is time order) is not newer than the card
        already known is skipped without being parsed; any other stamp is parsed and compared
        as before.
        """
        out: dict[str, tuple[datetime, Card]] = {}
        stamps: dict[str, str] = {}  # question -> the known card's time as ISO text, if well formed
        for row in self._table(CARDS).all():
            card = _card(row.get("card"))
            if card is not None and isinstance(row.get("question"), str):
                out[row["question"]] = (card.last_review or card.due, card)
                _remember_stamp(stamps, row["question"], out[row["question"]][0])
        for row in self._table(REVIEWS).all():
            question = row.get("question")
            data = row.get("card")
            stamp = data.get("last_review") if isinstance(data, dict) else None
            known_stamp = stamps.get(question) if isinstance(question, str) else None
            if known_stamp is not None and isinstance(stamp, str) and stamp <= known_stamp and _UTC_STAMP.match(stamp):
                continue  # not newer than the card known: it would not replace it
            card = _card(data)
            if card is None or not isinstance(question, str) or card.last_review is None:
                continue
            known = out.get(question)
            if known is None or card.last_review > known[0]:
                out[question] = (card.last_review, card)
                _remember_stamp(stamps, question, card.last_review)
        return {question: card for question, (_, card) in out.items()}

    def card(self, question_id: str) -> Card | None:
        """Return the card of ``question_id``, or ``None`` if it was never answered."""
        return self.cards().get(question_id)

    def logs(self, question_id: str | None = None) -> list[tuple[str, ReviewLog]]:
        """Return ``(question id, ReviewLog)`` pairs, oldest first, for one question or all."""
        table = self._table(REVIEWS)
        rows = table.all() if question_id is None else table.search(Query().question == question_id)
        out = []
        for row in rows:
            try:
                out.append((str(row["question"]), ReviewLog.from_dict(row["log"])))
            except (KeyError, TypeError, ValueError):
                continue
        out.sort(key=lambda pair: pair[1].review_datetime)
        return out

    def due(self, known: Iterable[str] | None = None, now: datetime | None = None) -> list[str]:
        """Return the ids of questions due for review at ``now``, most overdue first.

        Args:
            known: only these question ids (the current content's); others are kept in the
                store but never offered.
            now: aware datetime (default now, UTC).
        """
        moment = utc(now)
        allowed = None if known is None else set(known)
        due = [(card.due, question) for question, card in self.cards().items()
               if card.due <= moment and (allowed is None or question in allowed)]
        return [question for _, question in sorted(due)]

    def due_count(self, known: Iterable[str] | None = None, now: datetime | None = None) -> int:
        """Return how many questions are due at ``now`` (see ``due``)."""
        return len(self.due(known, now))

    def next_due(self, known: Iterable[str] | None = None, now: datetime | None = None) -> datetime | None:
        """Return when the next not-yet-due card falls due (UTC), or ``None`` if none is waiting."""
        moment = utc(now)
        allowed = None if known is None else set(known)
        later = [card.due for question, card in self.cards().items()
                 if card.due > moment and (allowed is None or question in allowed)]
        return min(later) if later else None

    def due_summary(self, known: Iterable[str] | None = None,
                    now: datetime | None = None) -> tuple[int, datetime | None]:
        """Return ``(due_count(known, now), next_due(known, now))`` from one reading of the
        cards (what the home screen shows)."""
        moment = utc(now)
        allowed = None if known is None else set(known)
        count, later = 0, []
        for question, card in self.cards().items():
            if allowed is not None and question not in allowed:
                continue
            if card.due <= moment:
                count += 1
            else:
                later.append(card.due)
        return count, (min(later) if later else None)

    def retrievability(self, question_id: str, now: datetime | None = None) -> float:
        """Return FSRS's probability (0.0 to 1.0) that the learner recalls ``question_id`` at
        ``now``; 0.0 for a question never answered."""
        card = self.card(question_id)
        return 0.0 if card is None else float(self.scheduler.get_card_retrievability(card, utc(now)))

    def history(self) -> list[dict]:
        """Return finished quizzes, oldest first: ``{"title", "mode", "exam", "right",
        "total", "seconds", "at"}`` (documents missing a number are skipped)."""
        rows = []
        for row in self._table(HISTORY).all():
            if isinstance(row.get("right"), int) and isinstance(row.get("total"), int) and row["total"] > 0:
                rows.append(dict(row))
        rows.sort(key=lambda row: str(row.get("at", "")))
        return rows

    # --- writing ----------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.store.read_only:
            raise PermissionError(f"{self.store.path} is open read-only; this change was not saved")

    def review(self, question_id: str, rating: Rating, *, at: datetime | None = None,
               duration_ms: int | None = None) -> Reviewed:
        """Review the card of ``question_id`` with ``rating`` and store the card and its log.

        Args:
            question_id: the question's stable id (a new card is made on its first review).
            rating: the FSRS rating.
            at: when the answer was given (aware datetime; default now).
            duration_ms: time taken to answer, in milliseconds, kept in the review log.
        Returns:
            a ``Reviewed`` with the updated card.
        Raises:
            PermissionError: the store is read-only.
            StorageError: the disk write failed; what was on disk before is kept.
            ValueError: ``at`` is naive.
        """
        self._writable()
        moment = utc(at)
        card = self.card(question_id) or Card(card_id=card_id_for(question_id), due=moment)
        card, log = self.scheduler.review_card(card, rating, review_datetime=moment, review_duration=duration_ms)
        self._table(REVIEWS).insert({"question": question_id, "log": log.to_dict(), "card": card.to_dict()})
        self._table(CARDS).upsert({"question": question_id, "card": card.to_dict()}, Query().question == question_id)
        return Reviewed(question_id, rating, card)

    def record_answer(self, question_id: str, question_type: str, correct: bool, seconds: float,
                      hinted: bool = False, *, at: datetime | None = None) -> Reviewed:
        """Rate an answer with ``rating_for`` and ``review`` it. Arguments and errors as there."""
        rating = rating_for(correct, seconds, hinted=hinted, question_type=question_type)
        return self.review(question_id, rating, at=at, duration_ms=max(0, round(seconds * 1000)))

    def record_quiz(self, title: str, mode: str, exam: bool, right: int, total: int, seconds: float,
                    *, at: datetime | None = None) -> None:
        """Add a finished quiz to the score history.

        Args:
            title, mode, exam: from the quiz plan.
            right, total: answers right and questions asked (``total`` >= 1).
            seconds: time taken.
            at: when it finished (aware; default now).
        Raises:
            PermissionError, StorageError: as ``review``. ValueError: ``total`` < 1.
        """
        if total < 1:
            raise ValueError("a quiz with no questions has no score")
        self._writable()
        self._table(HISTORY).insert({
            "title": title, "mode": mode, "exam": bool(exam), "right": int(right), "total": int(total),
            "seconds": round(float(seconds), 1), "at": utc(at).isoformat(timespec="seconds"),
        })


def _remember_stamp(stamps: dict[str, str], question: str, moment: datetime) -> None:
    """Record ``moment`` as ISO text for ``question`` if it has the ``_UTC_STAMP`` form."""
    text = moment.astimezone(timezone.utc).isoformat()
    if _UTC_STAMP.match(text):
        stamps[question] = text
    else:
        stamps.pop(question, None)


def _card(data: object) -> Card | None:
    if not isinstance(data, dict):
        return None
    try:
        card = Card.from_dict(data)
    except (KeyError, TypeError, ValueError):
        return None
    if card.due.tzinfo is None:
        return None
    return card


@dataclass(frozen=True)
class TopicMastery:
    """How well a topic is known.

    Attributes:
        topic: the topic name.
        questions: how many questions the topic has.
        answered: how many of them were answered at least once.
        accuracy: share of right answers among every attempt at the topic's questions
            (0.0 to 1.0; 0.0 with no attempts).
        recall: mean FSRS retrievability now over the answered questions (0.0 to 1.0).
        mastery: ``coverage * accuracy * recall`` with ``coverage = answered / questions``
            (0.0 to 1.0): 1.0 only when every question was answered, always right, and is
            still certain to be recalled; it falls as answers go wrong and as FSRS predicts
            forgetting. oslearn's own measure; FSRS supplies ``recall``.
    """

    topic: str
    questions: int
    answered: int
    accuracy: float
    recall: float
    mastery: float


def mastery(questions, attempts: list[dict], reviews: Reviews, now: datetime | None = None,
            topic_order: Iterable[str] | None = None) -> list[TopicMastery]:
    """Return the mastery of each topic of ``questions``.

    Args:
        questions: the current content's questions (``oslearn.lessons.Question``).
        attempts: ``ProgressStore.attempts()`` rows (``{"question": id, "correct": bool, ...}``).
        reviews: the learner's cards.
        now: aware datetime for retrievability (default now).
        topic_order: topics in display order (default: order of first appearance); topics
            missing from it follow, in order of appearance.
    Returns:
        one ``TopicMastery`` per topic.
    """
    moment = utc(now)
    cards = reviews.cards()
    by_topic: dict[str, list] = {}
    for question in questions:
        by_topic.setdefault(question.topic, []).append(question)
    order = [topic for topic in (topic_order or ()) if topic in by_topic]
    order += [topic for topic in by_topic if topic not in order]
    tally: dict[str, list[int]] = {}
    for row in attempts:
        right_wrong = tally.setdefault(str(row.get("question")), [0, 0])
        right_wrong[0 if row.get("correct") else 1] += 1
    out = []
    for topic in order:
        members = by_topic[topic]
        right = sum(tally.get(q.id, [0, 0])[0] for q in members)
        tries = right + sum(tally.get(q.id, [0, 0])[1] for q in members)
        answered_ids = [q.id for q in members if q.id in cards or q.id in tally]
        recalls = [float(reviews.scheduler.get_card_retrievability(cards[qid], moment))
                   for qid in answered_ids if qid in cards]
        accuracy = right / tries if tries else 0.0
        recall = sum(recalls) / len(answered_ids) if answered_ids else 0.0
        coverage = len(answered_ids) / len(members)
        out.append(TopicMastery(topic, len(members), len(answered_ids), accuracy, recall,
                                coverage * accuracy * recall))
    return out
