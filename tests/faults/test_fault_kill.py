"""A writer killed with SIGKILL at random moments never damages progress or loses a write
that had returned.

The child (``child.py writer``) ticks checklist items, records quiz attempts and inserts
documents into a table kept in an append-only log (``reviews``) in a loop, printing an
acknowledgement after each call returns. The parent kills it with SIGKILL after a random
delay (sometimes during start-up and opening, mostly amid the writes), then checks the
files on disk exactly as they were left: ``progress.json`` parses and has the TinyDB
shape, the logs are whole lines except possibly one torn final append, and a fresh
``ProgressStore`` opens them without any damage notice and holds every acknowledged tick,
and every acknowledged attempt and review exactly once. The same data directory is used
for all runs, so the files grow and later kills land on bigger writes.
"""

from __future__ import annotations

import json
import random
import signal
import threading
import time

from oslearn.progress import ProgressStore
from oslearn.progress.history import valid_attempt
from oslearn.progress.logfile import TableLog
from oslearn.progress.schema import check_shape, parse

from fault_helpers import child

KILLS = 60


def _collect(stream, lines: list[str], ready: threading.Event) -> None:
    for line in stream:
        if not line.endswith("\n"):
            break  # an acknowledgement cut short by the kill does not count
        lines.append(line.rstrip("\n"))
        if line.startswith("ready"):
            ready.set()


def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(tmp_path):
    directory = tmp_path / "data"
    rng = random.Random(20261122)
    ticks: set[tuple[str, str]] = set()
    attempts: list[str] = []
    reviews: list[str] = []
    temp_files_seen = torn_appends = 0
    for run in range(KILLS):
        proc = child("writer", directory, f"r{run}")
        lines: list[str] = []
        ready = threading.Event()
        reader = threading.Thread(target=_collect, args=(proc.stdout, lines, ready), daemon=True)
        reader.start()
        if run % 4 == 0:
            # Anywhere from start-up through opening (sweep, repair) into the first writes.
            time.sleep(rng.uniform(0.0, 0.4))
        else:
            assert ready.wait(30), f"run {run}: the writer never became ready: {proc.stderr.read()}"
            time.sleep(rng.uniform(0.0, 0.06))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        reader.join(30)
        proc.stderr.close()
        proc.stdin.close()
        assert proc.returncode == -signal.SIGKILL, f"run {run}: the writer died on its own: {lines[-3:]}"
        for line in lines:
            kind, *ids = line.split()
            if kind == "tick":
                ticks.add((ids[0], ids[1]))
            elif kind == "attempt":
                attempts.append(ids[0])
            elif kind == "review":
                reviews.append(ids[0])

        # The files exactly as the killed writer left them.
        progress = directory / "progress.json"
        if progress.exists():
            check_shape(parse(progress.read_bytes()))  # raises if damaged
        for name, valid in (("attempts.jsonl", valid_attempt), ("quiz_history.jsonl", TableLog.valid)):
            log = directory / name
            if log.exists():
                raw = log.read_bytes()
                torn_appends += bool(raw) and not raw.endswith(b"\n")
                complete = raw.rpartition(b"\n")[0]
                for number, line in enumerate(complete.split(b"\n") if complete else [], 1):
                    assert valid(json.loads(line)), f"run {run}: {name} line {number} is damaged"
        temp_files_seen += len(list(directory.glob(".tmp-*")))

        with ProgressStore.open(directory) as store:
            assert store.notices == [], f"run {run}: {store.notices}"
            assert not list(directory.glob(".tmp-*")), "leftover temporary files were not swept"
            stored_ticks = {(row["lesson"], row["item"]) for row in store.db.table("checklist").all()
                            if row["done"]}
            missing = ticks - stored_ticks
            assert not missing, f"run {run}: acknowledged ticks lost: {sorted(missing)[:5]}"
            stored_attempts = [a["question"] for a in store.attempts()]
            assert len(stored_attempts) == len(set(stored_attempts)), f"run {run}: an attempt was doubled"
            lost = set(attempts) - set(stored_attempts)
            assert not lost, f"run {run}: acknowledged attempts lost: {sorted(lost)[:5]}"
            stored_reviews = [d["question"] for d in store.db.table("quiz_history").all()]
            assert len(stored_reviews) == len(set(stored_reviews)), f"run {run}: a review was doubled"
            lost = set(reviews) - set(stored_reviews)
            assert not lost, f"run {run}: acknowledged reviews lost: {sorted(lost)[:5]}"
    # The runs did write: the check above was not vacuous.
    assert len(ticks) > KILLS and len(attempts) > KILLS / 2 and len(reviews) > KILLS / 4, \
        (len(ticks), len(attempts), len(reviews))
    print(f"{KILLS} kills, {len(ticks)} ticks, {len(attempts)} attempts and {len(reviews)} reviews acknowledged, "
          f"{temp_files_seen} torn temporary files swept, {torn_appends} torn history appends repaired")
