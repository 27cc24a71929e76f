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

Where it is stored (schema 3, ``oslearn.progress.schema``):

* An answer is stored once, as one record of the quiz history (``attempts.jsonl``,
  ``oslearn.progress.history``) that carries its review: ``{"question", "correct",
  "answer", "at", "review": {"rating": 1-4, "duration_ms": int or null, "card":
  Card.to_dict()}}``, the card being the question's card *after* this answer. Recording an
  answer is that one append (``ProgressStore.record_attempt``), nothing else.
* The card of a question is the card in its newest record with a review. ``Reviews`` reads
  the history once, from its end, and then keeps the cards up to date answer by answer (the
  history only grows by appends; a rewrite, as by an import or a reset, makes it read the
  history again). Reading a card or the due reviews never touches the disk.
* Finished quizzes: ``quiz_history``, a TinyDB table kept in its own append-only log, one
  document per quiz: ``{"title", "mode", "exam", "right", "total", "seconds", "at"}``.

A review whose card does not parse (edited by hand, from an unknown version) is skipped when
reading (an older one of the same question counts instead) and never deleted. Writes raise
what the store's own writes raise: ``PermissionError`` when the store is read-only,
``StorageError`` when the disk write fails (the TUI wraps them in ``app.save``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable

from fsrs import Card, Rating, ReviewLog, Scheduler

from oslearn.lessons import questions as question_types
from oslearn.lessons.questions.base import AGAIN, EASY, GOOD, HARD

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
    """Cards and quiz scores for one ``ProgressStore``.

    The cards come from the store's quiz history (see the module docstring): read once, on
    first use, and then kept up to date from the records appended since, so every reading
    after that costs a dictionary lookup, not a pass over the history.

    Args:
        store: an open ``oslearn.progress.ProgressStore`` (its ``history``, ``db`` and
            ``read_only`` are used).
        scheduler: the FSRS scheduler (default ``default_scheduler()``).
    """

    def __init__(self, store, scheduler: Scheduler | None = None, renames: dict[str, str] | None = None):
        self.store = store
        self.scheduler = scheduler or default_scheduler()
        self.renames: dict[str, str] = dict(renames or {})  # old question id -> its id now
        self._renamed = set(self.renames.values())
        self._cards: dict[str, Card] = {}
        self._generation: int | None = None  # the history's generation the cards were read from
        self._seen = 0  # how many of its records have been read

    def set_renames(self, renames: dict[str, str]) -> None:
        """Read the cards of old question ids as the cards of their ids now (``renames``: old
        id -> id now, from the content's ``renamed_from``); the cards are read again."""
        if renames != self.renames:
            self.renames, self._renamed = dict(renames), set(renames.values())
            self._generation, self._seen = None, 0

    # --- reading ----------------------------------------------------------------------------

    def cards(self) -> dict[str, Card]:
        """Return the current card of every reviewed question: question id -> ``Card``.

        A card stored under an old id of a question (``renames``) is the question's card;
        when the question has cards under several ids, the one reviewed last wins. The
        mapping is the one this object keeps up to date: do not change it.
        """
        history = self.store.history
        total = len(history)
        if history.generation != self._generation or total < self._seen:
            self._cards = self._read_cards(history)
            self._generation, self._seen = history.generation, total
        elif total > self._seen:
            for record in history.since(self._seen):
                card = _card_of(record)
                if card is not None:
                    question = self.renames.get(record["question"], record["question"])
                    kept = self._cards.get(question)
                    if question not in self._renamed or kept is None or not _newer(kept, card):
                        self._cards[question] = card
            self._seen = total
        return self._cards

    def _read_cards(self, history) -> dict[str, Card]:
        """``latest_cards`` of the whole history, from each question's newest reviewed
        record when the history can give those without reading every record
        (``AttemptLog.newest_reviewed``); if one of those holds an unreadable card, an older
        one may be the question's card, so then every record is read."""
        if history.has_unread:
            newest = history.newest_reviewed()
            if all(_card_of(record) is not None for record in newest.values()):
                return latest_cards(list(newest.values()), self.renames)
        return latest_cards(history.stored(), self.renames)

    def card(self, question_id: str) -> Card | None:
        """Return the card of ``question_id``, or ``None`` if it was never answered."""
        return self.cards().get(question_id)

    def logs(self, question_id: str | None = None) -> list[tuple[str, ReviewLog]]:
        """Return ``(question id, ReviewLog)`` pairs, oldest first, for one question or all.

        Made from the history's records (the review datetime is the ``last_review`` of the
        card the answer left); records without a readable review are left out.
        """
        out = []
        for record in self.store.history.stored():
            if question_id is not None and record["question"] != question_id:
                continue
            review = record.get("review")
            card = _card_of(record)
            if card is None or card.last_review is None or review.get("rating") not in _RATINGS:
                continue
            duration = review.get("duration_ms")
            out.append((record["question"], ReviewLog(card_id=card.card_id, rating=Rating(review["rating"]),
                                                      review_datetime=card.last_review,
                                                      review_duration=duration if type(duration) is int else None)))
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
        return self.due_summary(known, now)[0]

    def next_due(self, known: Iterable[str] | None = None, now: datetime | None = None) -> datetime | None:
        """Return when the next not-yet-due card falls due (UTC), or ``None`` if none is waiting."""
        return self.due_summary(known, now)[1]

    def due_summary(self, known: Iterable[str] | None = None,
                    now: datetime | None = None) -> tuple[int, datetime | None]:
        """Return ``(due_count(known, now), next_due(known, now))`` in one pass over the cards."""
        moment = utc(now)
        allowed = None if known is None else set(known)
        count, later = 0, None
        for question, card in self.cards().items():
            if allowed is not None and question not in allowed:
                continue
            if card.due <= moment:
                count += 1
            elif later is None or card.due < later:
                later = card.due
        return count, later

    def retrievability(self, question_id: str, now: datetime | None = None) -> float:
        """Return FSRS's probability (0.0 to 1.0) that the learner recalls ``question_id`` at
        ``now``; 0.0 for a question never answered."""
        card = self.card(question_id)
        return 0.0 if card is None else float(self.scheduler.get_card_retrievability(card, utc(now)))

    def history(self) -> list[dict]:
        """Return finished quizzes, oldest first: ``{"title", "mode", "exam", "right",
        "total", "seconds", "at"}`` (documents missing a number are skipped)."""
        rows = []
        for row in self.store.db.table(HISTORY).all():
            if isinstance(row.get("right"), int) and isinstance(row.get("total"), int) and row["total"] > 0:
                rows.append(dict(row))
        rows.sort(key=lambda row: str(row.get("at", "")))
        return rows

    # --- writing ----------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.store.read_only:
            raise PermissionError(f"{self.store.path} is open read-only; this change was not saved")

    def review(self, question_id: str, rating: Rating, *, at: datetime | None = None,
               duration_ms: int | None = None, correct: bool | None = None, answer: str = "") -> Reviewed:
        """Review the card of ``question_id`` with ``rating`` and store the answer with it.

        One durable write: the answer record, carrying the rating and the new card, appended
        to the quiz history (``ProgressStore.record_attempt``).

        Args:
            question_id: the question's stable id (a new card is made on its first review).
            rating: the FSRS rating.
            at: when the answer was given (aware datetime; default now).
            duration_ms: time taken to answer, in milliseconds.
            correct: whether the answer was right (default: any rating but Again).
            answer: the learner's response as display text.
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
        card, _log = self.scheduler.review_card(card, rating, review_datetime=moment, review_duration=duration_ms)
        self.store.record_attempt(question_id, rating is not Rating.Again if correct is None else correct, answer,
                                  at=moment, review={"rating": int(rating), "duration_ms": duration_ms,
                                                     "card": card.to_dict()})
        history = self.store.history
        if history.generation == self._generation and len(history) == self._seen + 1:  # just this answer: keep its card
            self._cards[question_id] = card
            self._seen += 1
        return Reviewed(question_id, rating, card)

    def record_answer(self, question_id: str, question_type: str, correct: bool, seconds: float,
                      hinted: bool = False, *, at: datetime | None = None, answer: str = "") -> Reviewed:
        """Rate an answer with ``rating_for`` and ``review`` it (one write). Arguments and
        errors as there; ``seconds`` is the time taken to answer."""
        rating = rating_for(correct, seconds, hinted=hinted, question_type=question_type)
        return self.review(question_id, rating, at=at, duration_ms=max(0, round(seconds * 1000)),
                           correct=correct, answer=answer)

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
        self.store.db.table(HISTORY).insert({
            "title": title, "mode": mode, "exam": bool(exam), "right": int(right), "total": int(total),
            "seconds": round(float(seconds), 1), "at": utc(at).isoformat(timespec="seconds"),
        })


_RATINGS = {int(rating) for rating in Rating}


def _card_of(record: dict) -> Card | None:
    """The card an answer record left (``record["review"]["card"]``), or ``None``."""
    review = record.get("review")
    return _card(review.get("card")) if type(review) is dict else None


def latest_cards(records: list[dict], renames: dict[str, str] | None = None) -> dict[str, Card]:
    """Return each question's card: the one in its newest record (by position) with a
    readable review.

    Args:
        records: quiz history records, oldest first (``AttemptLog.records()``).
        renames: old question id -> its id now: an old id's card becomes the card of the id
            now when that has none or was reviewed earlier (``Card.last_review``).
    Returns:
        question id -> ``Card``. Read from the end, so only the newest card of each question
        is parsed, whatever the length of the history.
    """
    cards: dict[str, Card] = {}
    for record in reversed(records):
        question = record["question"]
        if question in cards or type(record.get("review")) is not dict:
            continue
        card = _card_of(record)
        if card is not None:
            cards[question] = card
    for old, new in (renames or {}).items():
        card = cards.pop(old, None)
        if card is not None and (new not in cards or _newer(card, cards[new])):
            cards[new] = card
    return cards


def _newer(card: Card, other: Card) -> bool:
    """Whether ``card`` was reviewed after ``other`` (a card never reviewed is oldest)."""
    if card.last_review is None:
        return False
    return other.last_review is None or card.last_review > other.last_review


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
