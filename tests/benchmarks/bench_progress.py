"""Durable write latency of the progress store as the quiz history grows.

Run by hand (pytest does not collect it)::

    python tests/benchmarks/bench_progress.py [--ticks 300] [--dir DIR]

For 100, 1,000 and 10,000 stored quiz attempts it prints, in milliseconds, the median
and 95th percentile of:

* one checklist tick (``ProgressStore.set_done``: serialise, temp file, fsync, rename,
  directory fsync), the figure the design must keep flat;
* one quiz answer (``ProgressStore.record_attempt``: one fsynced append);
* opening the store (lock, read, parse, shape check, history load);

and, for comparison, the tick with the same attempts kept *inside* ``progress.json`` (the
schema 1 layout, where every tick rewrote the whole history). Each size starts from a
fresh directory holding 13 checklist rows, a reading position and 30 review-card-sized
documents, about what the curriculum's content bounds ``progress.json`` to. Measure on
the disk the learner uses: ``--dir`` picks where the temporary data directories go.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from oslearn.progress import ProgressStore

SIZES = (100, 1_000, 10_000)


def _attempts(n: int) -> list[dict]:
    return [{"question": f"distro-question-{i % 40}", "correct": i % 3 != 0, "answer": f"answer {i % 7}",
             "at": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:{i % 59:02d}+00:00"}
            for i in range(n)]


def _seed(store: ProgressStore) -> None:
    for i in range(13):
        store.set_done("checklist", f"item-{i}", i % 2 == 0)
    store.set_position("ubuntu", "lts")
    store.db.table("review_cards").insert_multiple(
        {"question": f"distro-question-{i}", "card": {"stability": 3.2, "difficulty": 5.1, "state": 2, "step": None,
                                                       "due": "2026-12-01T10:00:00+00:00",
                                                       "last_review": "2026-11-20T10:00:00+00:00"}}
        for i in range(30))


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
    """Return ``{measure: (median ms, p95 ms)}`` for ``n`` stored attempts."""
    results = {}
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        directory = Path(tmp) / "data"
        with ProgressStore.open(directory) as store:
            _seed(store)
            store.history.replace(_attempts(n))
            results["tick"] = _summary(_time(lambda i: store.set_done("ubuntu", "pick-lts", i % 2 == 0), ticks))
            results["answer"] = _summary(_time(lambda i: store.record_attempt("distro-question-1", True, "apt"),
                                               ticks))
        opens = []
        for _ in range(max(5, ticks // 20)):
            start = time.perf_counter()
            ProgressStore.open(directory).close()
            opens.append((time.perf_counter() - start) * 1000)
        results["open"] = _summary(opens)
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        with ProgressStore.open(Path(tmp) / "data") as store:
            _seed(store)
            store.db.table("attempts").insert_multiple(_attempts(n))  # schema 1 layout
            results["tick, attempts inside progress.json"] = _summary(
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
    print(f"Progress store write latency, ms (median / p95 of {args.ticks} writes; open: of "
          f"{max(5, args.ticks // 20)} opens), data in {base}")
    print(f"{'stored attempts':<40}" + "".join(f"{n:>18,}" for n in SIZES))
    for name in names:
        print(f"{name:<40}" + "".join(f"{rows[n][name][0]:>9.2f} /{rows[n][name][1]:>6.2f}" for n in SIZES))
    tick = [rows[n]["tick"][0] for n in SIZES]
    print(f"tick median, {SIZES[-1]:,} vs {SIZES[0]:,} attempts: {tick[-1] / tick[0]:.2f}x "
          "(design limit 3x; budget 15 ms)")


if __name__ == "__main__":
    main()
