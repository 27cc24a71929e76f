"""Durable write latency of the progress store as the quiz history grows.

Run by hand (pytest does not collect it)::

    python tests/benchmarks/bench_progress.py [--ticks 300] [--dir DIR]

For 100, 1,000 and 10,000 stored quiz answers it prints, in milliseconds, the median and
95th percentile of:

* one checklist tick (``ProgressStore.set_done``: serialise, temp file, fsync, rename,
  directory fsync), the figure the design must keep flat;
* one quiz attempt (``ProgressStore.record_attempt``: one fsynced append);
* one answer as the app saves it: ``Reviews.record_answer``, the answer and its FSRS
  review (the card after it) in one record, one fsynced append to the quiz history;
* opening the store (lock, read, parse, shape check, logs loaded);

and, for comparison, the tick with the same records kept *inside* ``progress.json`` (the
schema 1 layout, where every tick rewrote the whole history). Each store holds what N
answers leave behind in the app: N attempts, N FSRS review documents, one finished quiz
per 10 answers, plus 13 checklist rows and a reading position; each answer carries its FSRS
review (40 questions' cards). Measure on the disk the learner uses: ``--dir`` picks where the temporary
data directories go.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from oslearn.progress import ProgressStore

SIZES = (100, 1_000, 10_000)


def _review_docs(n: int) -> list[dict]:
    """``n`` review documents shaped as ``oslearn.progress.review`` stores them."""
    from datetime import datetime, timedelta, timezone

    from fsrs import Card, Rating

    from oslearn.progress.review import card_id_for, default_scheduler

    scheduler, start = default_scheduler(), datetime(2026, 1, 1, tzinfo=timezone.utc)
    docs = []
    for i in range(min(n, 40)):
        question = f"distro-question-{i}"
        card, log = scheduler.review_card(Card(card_id=card_id_for(question), due=start), Rating.Good,
                                          review_datetime=start + timedelta(minutes=i), review_duration=8000)
        docs.append({"question": question, "log": log.to_dict(), "card": card.to_dict()})
    return [docs[i % len(docs)] for i in range(n)]


def _attempts(n: int) -> list[dict]:
    return [{"question": f"distro-question-{i % 40}", "correct": i % 3 != 0, "answer": f"answer {i % 7}",
             "at": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:{i % 59:02d}+00:00"}
            for i in range(n)]


def _seed(store: ProgressStore, n: int, inside: bool = False) -> None:
    """Give ``store`` what ``n`` answers leave behind; ``inside``: all in ``progress.json``."""
    for i in range(13):
        store.set_done("checklist", f"item-{i}", i % 2 == 0)
    store.set_position("ubuntu", "lts")
    reviews = _review_docs(n)
    quizzes = [{"title": "Linux distributions", "mode": "bank", "exam": False, "right": 7, "total": 10,
                "seconds": 95.0, "at": "2026-01-01T10:00:00+00:00"}] * (n // 10)
    if inside:  # the schema 1 layout: every table in progress.json (with the cards)
        store.db.table("cards").insert_multiple({"question": d["question"], "card": d["card"]} for d in reviews[:40])
        tables = store.db.storage.read()
        for name, docs in (("attempts", _attempts(n)), ("reviews", reviews), ("quiz_history", quizzes)):
            tables[name] = {str(i + 1): dict(doc) for i, doc in enumerate(docs)}
        store.db.storage.logs.clear()
        store.db.storage.write(tables)
        return
    attempts = _attempts(n)
    for attempt, review in zip(attempts, reviews):
        attempt["question"] = review["question"]
        attempt["review"] = {"rating": review["log"]["rating"], "duration_ms": review["log"]["review_duration"],
                             "card": review["card"]}
    store.history.replace(attempts)
    if quizzes:
        store.db.table("quiz_history").insert_multiple(quizzes)


def _time(call, repeat: int) -> list[float]:
    samples = []
    for i in range(repeat):
        start = time.perf_counter()
        call(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def measure(n: int, ticks: int, base: Path) -> dict[str, tuple[float, float]]:
    """Return ``{measure: (median ms, p95 ms)}`` for a store holding ``n`` answers."""
    from oslearn.progress.review import Reviews

    results = {}
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        directory = Path(tmp) / "data"
        with ProgressStore.open(directory) as store:
            _seed(store, n)
            results["tick"] = _summary(_time(lambda i: store.set_done("ubuntu", "pick-lts", i % 2 == 0), ticks))
            results["attempt"] = _summary(_time(lambda i: store.record_attempt("distro-question-1", True, "apt"),
                                                ticks))
            reviews = Reviews(store)

            def answer(i: int) -> None:
                reviews.record_answer("distro-question-2", "single", True, 12.0, answer="apt")

            results["answer (with its FSRS review, one append)"] = _summary(_time(answer, max(10, ticks // 10)))
        opens = []
        for _ in range(max(5, ticks // 20)):
            start = time.perf_counter()
            ProgressStore.open(directory).close()
            opens.append((time.perf_counter() - start) * 1000)
        results["open"] = _summary(opens)
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        with ProgressStore.open(Path(tmp) / "data") as store:
            _seed(store, n, inside=True)
            results["tick, schema 1 layout (all in progress.json)"] = _summary(
                _time(lambda i: store.set_done("ubuntu", "pick-lts", i % 2 == 0), ticks))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ticks", type=int, default=300, help="writes timed per measure and size (default 300)")
    parser.add_argument("--dir", type=Path, default=None, help="where to create the temporary data directories")
    args = parser.parse_args()
    base = args.dir or Path(tempfile.gettempdir())
    rows = {n: measure(n, args.ticks, base) for n in SIZES}
    names = list(rows[SIZES[0]])
    print(f"Progress store latency, ms: median / p95 of {args.ticks} writes ({max(10, args.ticks // 10)} "
          f"answers, {max(5, args.ticks // 20)} opens); data in {base}")
    print(f"{'answers stored':<46}" + "".join(f"{n:>18,}" for n in SIZES))
    for name in names:
        print(f"{name:<46}" + "".join(f"{rows[n][name][0]:>9.2f} /{rows[n][name][1]:>6.2f}" for n in SIZES))
    tick = [rows[n]["tick"][0] for n in SIZES]
    print(f"tick median, {SIZES[-1]:,} vs {SIZES[0]:,} answers: {tick[-1] / tick[0]:.2f}x "
          "(design limit 3x; budget 15 ms)")


if __name__ == "__main__":
    main()
