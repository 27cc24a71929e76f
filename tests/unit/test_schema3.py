"""Schema 3: an answer stored once. Migration of a recorded schema 2 data directory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from fsrs import Card, Rating

from oslearn.progress import ProgressStore, notices, schema
from oslearn.progress.review import Reviews, card_id_for

DATA = Path(__file__).resolve().parents[1] / "data"
EXPECTED = json.loads((DATA / "schema2-expected.json").read_text(encoding="utf-8"))


def _copy(directory: Path) -> Path:
    shutil.copytree(DATA / "schema2", directory)
    return directory


def _cards(store: ProgressStore) -> dict:
    return {qid: {"due": c.due.isoformat(), "state": int(c.state), "stability": c.stability,
                  "difficulty": c.difficulty, "last_review": c.last_review.isoformat()}
            for qid, c in sorted(Reviews(store).cards().items())}


def test_a_schema_2_directory_migrates_with_backups_and_the_same_due_dates(isolated_data_dir):
    directory = _copy(isolated_data_dir)
    before = {name: (DATA / "schema2" / name).read_bytes()
              for name in ("progress.json", "attempts.jsonl", "reviews.jsonl")}
    with ProgressStore.open(directory) as store:
        assert not store.read_only
        [notice] = store.notices
        assert notice.kind == notices.UPGRADED and (notice["from"], notice["to"]) == (2, 3)
        assert notice["notes"] == []
        # Every file the upgrade rewrote or retired was copied first, byte for byte.
        backups = {Path(path).name.split(".schema")[0]: Path(path) for path in notice["backups"]}
        assert set(backups) == set(before)
        assert all(backups[name].read_bytes() == raw for name, raw in before.items())
        # Answers stored once: no review log, no card table; each review in its answer.
        assert not (directory / "reviews.jsonl").exists()
        tables = json.loads(store.path.read_bytes())
        assert "cards" not in tables and "reviews" not in tables
        assert tables["meta"] == {"1": {"schema_version": 3}}
        attempts = store.attempts()
        assert len(attempts) == EXPECTED["attempts"]
        assert sum("review" in a for a in attempts) == EXPECTED["reviews"]
        # The answer whose review was never written stays an answer without one.
        assert [a["answer"] for a in attempts if "review" not in a] == ["True"]
        # Each review went to the answer it rated (a wrong answer rates Again).
        assert all((a["review"]["rating"] == int(Rating.Again)) == (not a["correct"]) for a in attempts
                   if "review" in a)
        assert _cards(store) == EXPECTED["cards"]
        assert len(Reviews(store).logs()) == EXPECTED["reviews"]
        assert len(Reviews(store).history()) == EXPECTED["quiz_history"]
        assert store.done_items("ubuntu") == {"pick-lts"} and store.position() == ("package-managers", "apt")
    with ProgressStore.open(directory) as store:  # upgraded once, quiet after
        assert store.notices == [] and _cards(store) == EXPECTED["cards"]


def test_a_read_only_open_shows_schema_2_as_migrated_and_writes_nothing(isolated_data_dir):
    directory = _copy(isolated_data_dir)
    listing = {p.name: p.read_bytes() for p in directory.iterdir()}
    with ProgressStore.open(directory, read_only=True) as store:
        assert _cards(store) == EXPECTED["cards"] and len(store.attempts()) == EXPECTED["attempts"]
    assert {p.name: p.read_bytes() for p in directory.iterdir()} == listing


def test_an_upgrade_interrupted_before_progress_json_is_finished_without_doubling(isolated_data_dir):
    directory = _copy(isolated_data_dir)
    with ProgressStore.open(directory) as store:
        migrated = store.attempts()
    # As if the process died after writing the history: the old progress.json and review
    # log are still there beside the new history.
    shutil.copy(DATA / "schema2" / "progress.json", directory / "progress.json")
    shutil.copy(DATA / "schema2" / "reviews.jsonl", directory / "reviews.jsonl")
    with ProgressStore.open(directory) as store:
        assert store.notices[0].kind == notices.UPGRADED
        assert store.attempts() == migrated and _cards(store) == EXPECTED["cards"]
        assert not (directory / "reviews.jsonl").exists()


def test_a_schema_2_export_imports_with_its_reviews(isolated_data_dir, tmp_path):
    directory = _copy(tmp_path / "old")
    tables = json.loads((directory / "progress.json").read_bytes())
    logs = {name: [json.loads(line)["doc"] for line in (directory / f"{name}.jsonl").read_text().splitlines()]
            for name in ("reviews", "quiz_history")}
    export = {"format": "oslearn-progress", "schema_version": 2, "exported_at": "2026-10-04T00:00:00+00:00",
              "tables": {**{name: list(docs.values()) for name, docs in tables.items() if name != "meta"}, **logs},
              "attempts": [json.loads(line) for line in (directory / "attempts.jsonl").read_text().splitlines()]}
    with ProgressStore.open(isolated_data_dir) as store:
        summary = store.import_data(export, "old-export.json")
        assert summary["attempts"] == EXPECTED["attempts"]
        assert _cards(store) == EXPECTED["cards"]
        assert "reviews" not in summary["tables"] and "cards" not in summary["tables"]
        assert len(Reviews(store).history()) == EXPECTED["quiz_history"]
        again = store.import_data(export, "old-export.json")  # importing twice adds nothing
        assert again["attempts"] == 0 and _cards(store) == EXPECTED["cards"]


def _review_doc(question: str, rating: Rating, moment: str) -> dict:
    from datetime import datetime

    from oslearn.progress.review import default_scheduler

    when = datetime.fromisoformat(moment)
    card, log = default_scheduler().review_card(Card(card_id=card_id_for(question), due=when), rating,
                                                review_datetime=when)
    return {"question": question, "log": log.to_dict(), "card": card.to_dict()}


def test_reviews_without_their_answer_are_kept_and_said():
    tables = {"meta": schema.meta_document(2),
              "cards": {"1": {"question": "orphan", "card": _review_doc("orphan", Rating.Good,
                                                                        "2026-01-01T09:00:00+00:00")["card"]}}}
    attempts = [{"question": "q", "correct": True, "answer": "apt", "at": "2026-01-02T09:00:00+00:00"}]
    reviews = {"1": _review_doc("q", Rating.Good, "2026-01-02T09:00:00.400000+00:00"),
               "2": _review_doc("lost", Rating.Again, "2026-01-03T09:00:00.400000+00:00"),
               "3": {"question": "q", "log": "?"}}
    state = schema.migrate(tables, attempts, 2, {"reviews": reviews})
    assert [(a["question"], a["correct"], a["answer"]) for a in state.attempts] == [("q", True, "apt"),
                                                                                    ("lost", False, "")]
    assert state.attempts[0]["review"]["card"] == reviews["1"]["card"]
    assert [(n.kind, n["count"]) for n in state.notes] == [(notices.REVIEWS_UNREADABLE, 1),
                                                           (notices.REVIEWS_WITHOUT_ANSWER, 1),
                                                           (notices.SCHEDULES_LOST, 1)]
    assert "cards" not in state.tables and "reviews" not in state.logs
