"""The quiz history's cached summary: a store opened with it reads the same progress as one
that parses every record, and any change to the file's beginning makes it read in full."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone

import pytest

from oslearn.progress import ProgressStore
from oslearn.progress import history_cache
from oslearn.progress.review import Reviews, latest_cards
from oslearn.progress.notices import LOG_LINES_SET_ASIDE

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def _answer(store, count: int, start: int = 0) -> None:
    """``count`` answers to 12 questions, right and wrong, an hour apart."""
    reviews = Reviews(store)
    for n in range(start, start + count):
        reviews.record_answer(f"q-{n % 12}", "single", n % 3 != 0 or n % 12 == 5, 5.0 + n % 30,
                              at=T0 + timedelta(hours=n))


def _progress(directory, *, cache: bool) -> dict:
    """What opening ``directory`` reads: right answers, cards, due count, every record."""
    with ProgressStore.open(directory, read_only=True) as store:
        history = store.history
        unread = history.has_unread
        reviews = Reviews(store)
        seen = {"right": store.answered_right(), "cards": {q: c.to_dict() for q, c in reviews.cards().items()},
                "due": reviews.due_count(now=T0 + timedelta(days=3)), "count": len(history)}
        assert unread is cache  # the beginning was taken from the cache, or not
        seen["records"] = history.records()  # reads the beginning now, if it was left unread
        assert not history.has_unread
    return seen


def _full(directory, tmp_path) -> dict:
    """The same, with no cache at all (a copy of the data in a folder never opened)."""
    copy = tmp_path / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(directory, copy, ignore=shutil.ignore_patterns("*.lock"))
    history_cache.cache_file(copy / "attempts.jsonl").unlink(missing_ok=True)
    return _progress(copy, cache=False)


def test_the_cache_gives_what_reading_every_record_gives(isolated_data_dir, tmp_path):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 200)
    assert history_cache.cache_file(isolated_data_dir / "attempts.jsonl").exists()
    cached = _progress(isolated_data_dir, cache=True)
    assert cached == _full(isolated_data_dir, tmp_path)
    assert cached["count"] == 200 and cached["right"] and cached["cards"]


def test_answers_after_the_cache_are_read_and_the_cache_follows(isolated_data_dir, tmp_path):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 100)
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.history.has_unread and len(store.history) == 100
        reviews = Reviews(store)
        before = reviews.cards()["q-5"].to_dict()
        _answer(store, 30, start=100)  # q-5 answered again: its card moves on
        assert reviews.cards()["q-5"].to_dict() != before
        assert store.history.has_unread  # answering needs no pass over the older records
        assert len(store.history) == 130
    cached = _progress(isolated_data_dir, cache=True)
    assert cached == _full(isolated_data_dir, tmp_path)
    summary = history_cache.load(isolated_data_dir / "attempts.jsonl", lambda record: True)
    assert summary.count == 130 and summary.size == (isolated_data_dir / "attempts.jsonl").stat().st_size


def test_lines_appended_by_another_program_are_read(isolated_data_dir, tmp_path):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 50)
    path = isolated_data_dir / "attempts.jsonl"
    with path.open("ab") as handle:
        handle.write(json.dumps({"question": "q-new", "correct": True, "answer": "x",
                                 "at": "2026-04-01T00:00:00+00:00"}).encode() + b"\n")
    cached = _progress(isolated_data_dir, cache=True)
    assert "q-new" in cached["right"] and cached["count"] == 51
    assert cached == _full(isolated_data_dir, tmp_path)


def test_a_changed_beginning_is_read_in_full(isolated_data_dir, tmp_path):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 40)
    path = isolated_data_dir / "attempts.jsonl"
    lines = path.read_bytes().split(b"\n")
    first = json.loads(lines[0])
    assert first["question"] == "q-0" and first["correct"] is False
    first["correct"] = True  # an edit the cache knows nothing of
    assert not any(json.loads(line)["correct"] for line in lines if line and json.loads(line)["question"] == "q-0")
    path.write_bytes(b"\n".join([json.dumps(first).encode(), *lines[1:]]))
    cached = _progress(isolated_data_dir, cache=False)
    assert "q-0" in cached["right"]


def test_a_damaged_beginning_is_set_aside_as_without_a_cache(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 20)
    path = isolated_data_dir / "attempts.jsonl"
    raw = path.read_bytes()
    damaged = raw.replace(b"\n", b"\r", 1)  # two records merged on the first line
    path.write_bytes(damaged)
    with ProgressStore.open(isolated_data_dir, read_only=True) as store:  # a reader makes no cache of it
        assert not store.history.has_unread and len(store.history) == 18
    with ProgressStore.open(isolated_data_dir) as store:
        assert not store.history.has_unread
        assert [n.kind for n in store.notices] == [LOG_LINES_SET_ASIDE]
        assert len(store.history) == 18
    assert list(isolated_data_dir.glob("attempts.jsonl.corrupt-*"))[0].read_bytes() == damaged


def test_damage_after_the_cached_beginning_is_set_aside_with_every_record_kept(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 20)
    path = isolated_data_dir / "attempts.jsonl"
    with path.open("ab") as handle:
        handle.write(b"junk that is no record\n")
    with ProgressStore.open(isolated_data_dir) as store:
        assert [n.kind for n in store.notices] == [LOG_LINES_SET_ASIDE]
        assert len(store.history) == 20 and len(store.history.records()) == 20
    assert b"junk" not in path.read_bytes() and path.read_bytes().count(b"\n") == 20


@pytest.mark.parametrize("cache_bytes", [b"", b"not json", b"[]", json.dumps({"format": 1}).encode(),
                                         b"{" * 5000])
def test_an_unreadable_cache_is_ignored(isolated_data_dir, tmp_path, cache_bytes):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 30)
    history_cache.cache_file(isolated_data_dir / "attempts.jsonl").write_bytes(cache_bytes)
    assert _progress(isolated_data_dir, cache=False) == _full(isolated_data_dir, tmp_path)


def test_a_cache_that_lies_about_records_is_not_used(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 30)
    cache = history_cache.cache_file(isolated_data_dir / "attempts.jsonl")
    data = json.loads(cache.read_bytes())
    data["reviewed"]["q-1"] = {"question": "q-2", "correct": True, "at": "x"}  # not q-1's record
    cache.write_text(json.dumps(data))
    _progress(isolated_data_dir, cache=False)


def test_an_unreadable_newest_card_falls_back_to_an_older_one(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        _answer(store, 24)
        records = store.history.records()
        newest = max(i for i, r in enumerate(records) if r["question"] == "q-3")
        records[newest]["review"]["card"] = {"nonsense": True}
        store.history.replace(records)
        expected = latest_cards(records)["q-3"].to_dict()
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.history.has_unread
        assert Reviews(store).cards()["q-3"].to_dict() == expected
