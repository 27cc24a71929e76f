"""FSRS review: ratings from answers, due dates, persistence across restarts, store errors."""

from __future__ import annotations

import errno
import os
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Rating, State

from oslearn.lessons import Question, SourceRef
from oslearn.progress import ProgressStore, StorageError
from oslearn.progress import storage
from oslearn.progress.logfile import LogFile
from oslearn.progress.review import Reviews, card_id_for, latest_cards, mastery, rating_for

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_answers_become_ratings():
    assert rating_for(False, 1.0) is Rating.Again
    assert rating_for(False, 1.0, hinted=True) is Rating.Again
    assert rating_for(True, 3.0, hinted=True) is Rating.Hard
    assert rating_for(True, 120.0) is Rating.Hard
    assert rating_for(True, 20.0) is Rating.Good
    assert rating_for(True, 3.0) is Rating.Easy
    # Thresholds depend on the type: 20 s is quick for a matching question, not for true/false.
    assert rating_for(True, 20.0, question_type="matching") is Rating.Easy
    assert rating_for(True, 20.0, question_type="true_false") is Rating.Good


def test_wrong_is_due_sooner_than_right(store):
    reviews = Reviews(store)
    wrong = reviews.record_answer("wrong", "single", False, 5.0, at=T0)
    hard = reviews.record_answer("hard", "single", True, 5.0, True, at=T0)
    good = reviews.record_answer("good", "single", True, 20.0, at=T0)
    easy = reviews.record_answer("easy", "single", True, 5.0, at=T0)
    assert [r.rating for r in (wrong, hard, good, easy)] == [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
    assert wrong.card.due < hard.card.due < good.card.due < easy.card.due
    assert wrong.card.due - T0 <= timedelta(minutes=10)
    assert good.card.due - T0 >= timedelta(days=1)
    # Ten minutes on, only the wrong one is due again.
    assert reviews.due(now=T0 + timedelta(minutes=10)) == ["wrong"]
    # A card already in review that is then answered wrong comes back far sooner than if answered right.
    later = good.card.due
    relapse = reviews.record_answer("good", "single", False, 5.0, at=later)
    assert relapse.card.state is State.Relearning and relapse.card.due - later <= timedelta(minutes=10)
    kept = reviews.record_answer("easy", "single", True, 20.0, at=easy.card.due)
    assert kept.card.due - easy.card.due > timedelta(days=10)


def test_schedule_survives_a_restart(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        reviews = Reviews(store)
        first = reviews.record_answer("pm-rhel-manager", "single", True, 20.0, at=T0)
        reviews.record_answer("pm-ubuntu-manager", "typed", False, 9.0, at=T0)
        reviews.record_quiz("Package managers", "bank", False, 1, 2, 29.0, at=T0)

    with ProgressStore.open(isolated_data_dir) as store:
        again = Reviews(store)
        card = again.card("pm-rhel-manager")
        assert card is not None and card.due == first.card.due and card.due.tzinfo is not None
        assert card.card_id == card_id_for("pm-rhel-manager") and card.stability == first.card.stability
        logs = again.logs()
        assert [(qid, log.rating) for qid, log in logs] == [("pm-rhel-manager", Rating.Good),
                                                             ("pm-ubuntu-manager", Rating.Again)]
        assert logs[0][1].review_datetime == T0 and logs[0][1].review_duration == 20000
        assert again.due(now=T0 + timedelta(minutes=11)) == ["pm-ubuntu-manager"]
        assert [(row["right"], row["total"], row["at"]) for row in again.history()] == [(1, 2, T0.isoformat())]
        # The same answer reviewed again builds on the stored card (FSRS state carried over).
        nxt = again.record_answer("pm-rhel-manager", "single", True, 20.0, at=card.due)
        assert nxt.card.stability > card.stability


def test_due_counts_only_questions_that_still_exist(store):
    reviews = Reviews(store)
    for qid in ("kept", "removed"):
        reviews.record_answer(qid, "single", False, 5.0, at=T0)
    later = T0 + timedelta(hours=1)
    assert reviews.due_count(now=later) == 2
    assert reviews.due(["kept", "other"], now=later) == ["kept"]
    assert reviews.next_due(["kept"], now=T0) == T0 + timedelta(minutes=10)
    assert reviews.next_due(["kept"], now=later) is None
    # The removed question's card is kept in the store, not deleted.
    assert reviews.card("removed") is not None


def test_an_answer_is_one_write_and_one_record(store, monkeypatch):
    reviews = Reviews(store)
    reviews.record_answer("q", "single", True, 20.0, at=T0)
    progress_before = store.path.read_bytes()
    appends, rewrites = [], []
    real_append, real_atomic = LogFile.append, storage.atomic_write_bytes

    def counting_append(log, *records):
        appends.append((log.path.name, len(records)))
        return real_append(log, *records)

    def counting_atomic(path, data):
        rewrites.append(path)
        return real_atomic(path, data)

    monkeypatch.setattr(LogFile, "append", counting_append)
    monkeypatch.setattr(storage, "atomic_write_bytes", counting_atomic)
    monkeypatch.setattr("oslearn.progress.logfile.atomic_write_bytes", counting_atomic)
    monkeypatch.setattr("oslearn.progress.store.atomic_write_bytes", counting_atomic)
    reviewed = reviews.record_answer("q", "single", False, 5.0, at=T0 + timedelta(days=2), answer="yum")
    assert appends == [("attempts.jsonl", 1)] and rewrites == []
    assert store.path.read_bytes() == progress_before  # no card table to keep in step
    assert not (store.directory / "reviews.jsonl").exists()
    record = store.attempts()[-1]
    assert (record["question"], record["correct"], record["answer"], record["at"]) == (
        "q", False, "yum", (T0 + timedelta(days=2)).isoformat())
    assert record["review"]["rating"] == int(Rating.Again) and record["review"]["duration_ms"] == 5000
    assert record["review"]["card"] == reviewed.card.to_dict()
    assert len(store.attempts()) == 2


def test_cards_are_kept_up_to_date_not_rebuilt_on_read(store, monkeypatch):
    reviews = Reviews(store)
    for n in range(30):
        reviews.record_answer(f"q{n % 3}", "single", n % 4 != 0, 12.0, at=T0 + timedelta(hours=n))
    expected = {qid: card.to_dict() for qid, card in latest_cards(store.history.stored()).items()}
    assert {qid: card.to_dict() for qid, card in reviews.cards().items()} == expected
    parsed = []
    real = __import__("fsrs").Card.from_dict

    def counting(data):
        parsed.append(data)
        return real(data)

    monkeypatch.setattr("oslearn.progress.review.Card.from_dict", counting)
    for _ in range(5):  # reading again parses nothing and reads nothing from disk
        reviews.due(now=T0 + timedelta(days=60))
        reviews.due_summary(["q0", "q1"], now=T0)
    assert parsed == []
    reviews.record_answer("q1", "single", True, 12.0, at=T0 + timedelta(days=3))
    reviews.due(now=T0)
    assert parsed == []  # the new card is kept as it was made
    # Another reader on the same store takes only the records appended since it last read.
    other = Reviews(store)
    other.cards()
    assert len(parsed) == 3  # its first reading: one card a question, from the newest record
    reviews.record_answer("q2", "single", True, 12.0, at=T0 + timedelta(days=4))
    other.cards()
    assert len(parsed) == 4
    assert other.card("q2") == reviews.card("q2")


def test_a_rewritten_history_is_read_again(store):
    reviews = Reviews(store)
    reviews.record_answer("q", "single", True, 20.0, at=T0)
    assert reviews.card("q") is not None
    store.reset()
    assert reviews.cards() == {}


def test_damaged_documents_are_skipped_and_kept(store):
    reviews = Reviews(store)
    reviews.record_answer("good", "single", True, 20.0, at=T0)
    first = reviews.card("good")
    store.record_attempt("good", True, "x", review={"rating": 3, "card": {"due": "not a date"}})
    store.record_attempt("bad", True, "x", review="?")
    store.db.table("quiz_history").insert({"title": "x", "right": "?", "total": 3})
    assert set(reviews.cards()) == {"good"} and reviews.card("good") == first
    assert set(Reviews(store).cards()) == {"good"} and Reviews(store).card("good") == first
    assert [qid for qid, _ in reviews.logs()] == ["good"]
    assert reviews.history() == []
    assert len(store.attempts()) == 3


def test_due_dates_of_a_recorded_history_are_unchanged(store):
    """The cards FSRS made answer by answer are the ones read back, and a restart reads the
    same due dates (the history is the only place they are kept)."""
    reviews = Reviews(store)
    made = {}
    for n, (qid, correct, seconds) in enumerate([("a", True, 5.0), ("b", False, 9.0), ("a", True, 30.0),
                                                  ("c", True, 12.0), ("b", True, 8.0), ("a", False, 4.0)]):
        made[qid] = reviews.record_answer(qid, "single", correct, seconds, at=T0 + timedelta(days=n)).card
    store.close()
    with ProgressStore.open(store.directory) as again:
        cards = Reviews(again).cards()
        assert {qid: card.due for qid, card in cards.items()} == {qid: card.due for qid, card in made.items()}
        assert {qid: card.to_dict() for qid, card in cards.items()} == {qid: c.to_dict() for qid, c in made.items()}


def test_writes_raise_like_other_store_writes(isolated_data_dir, monkeypatch):
    with ProgressStore.open(isolated_data_dir) as store:
        reviews = Reviews(store)
        reviews.record_answer("q", "single", True, 20.0, at=T0)
        before = (isolated_data_dir / "progress.json").read_bytes()

        def full_disk(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        # A full disk fails the write itself (appends to the review logs included), not the rename.
        monkeypatch.setattr(os, "write", full_disk)
        with pytest.raises(StorageError):
            reviews.record_answer("q", "single", False, 5.0, at=T0 + timedelta(days=3))
        with pytest.raises(StorageError):
            reviews.record_quiz("Quiz", "bank", False, 1, 1, 3.0)
        monkeypatch.undo()
        assert (isolated_data_dir / "progress.json").read_bytes() == before

    with ProgressStore.open(isolated_data_dir, read_only=True) as read_only:
        with pytest.raises(PermissionError):
            Reviews(read_only).record_answer("q", "single", True, 5.0)
        with pytest.raises(PermissionError):
            Reviews(read_only).record_quiz("Quiz", "bank", False, 1, 1, 3.0)
        assert Reviews(read_only).card("q").last_review == T0


def test_naive_datetimes_are_refused(store):
    with pytest.raises(ValueError):
        Reviews(store).review("q", Rating.Good, at=datetime(2026, 1, 1))


def _question(qid, topic):
    return Question(id=qid, topic=topic, type="true_false", prompt="?", answer=True, explanation="x",
                    source=SourceRef(file="000_735c6881140933fc.txt"))


def test_mastery_combines_coverage_accuracy_and_recall(store):
    reviews = Reviews(store)
    questions = [_question("a1", "alpha"), _question("a2", "alpha"), _question("b1", "beta")]
    attempts = [{"question": "a1", "correct": True}, {"question": "a2", "correct": True},
                {"question": "b1", "correct": False}]
    reviews.record_answer("a1", "true_false", True, 3.0, at=T0)
    reviews.record_answer("a2", "true_false", True, 3.0, at=T0)
    reviews.record_answer("b1", "true_false", False, 3.0, at=T0)
    now = T0 + timedelta(hours=1)
    alpha, beta = mastery(questions, attempts, reviews, now, topic_order=["alpha", "beta"])
    assert (alpha.topic, alpha.answered, alpha.questions, alpha.accuracy) == ("alpha", 2, 2, 1.0)
    assert alpha.mastery == pytest.approx(alpha.recall) and alpha.mastery > 0.9
    assert beta.accuracy == 0.0 and beta.mastery == 0.0
    # Recall fades with time, and so does mastery.
    month = mastery(questions, attempts, reviews, T0 + timedelta(days=60), topic_order=["alpha"])[0]
    assert month.recall < alpha.recall and month.mastery < alpha.mastery
    # A topic with a question never answered cannot be fully mastered.
    wider = mastery(questions + [_question("a3", "alpha")], attempts, reviews, now)[0]
    assert (wider.answered, wider.questions) == (2, 3)
    assert wider.mastery == pytest.approx(alpha.mastery * 2 / 3)
    untouched = mastery([_question("c1", "gamma")], [], reviews, now)[0]
    assert (untouched.answered, untouched.mastery) == (0, 0.0)
