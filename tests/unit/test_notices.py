"""Notices are data in the progress store and words in the front ends."""

from __future__ import annotations

import pytest

from oslearn.progress import notices
from oslearn.progress.notices import Notice
from oslearn.tui.notices import notice_text

DATA = {
    notices.READ_ONLY_REQUESTED: {},
    notices.HELD_ELSEWHERE: {"path": "/d/progress.json", "web": False},
    notices.OPENED_READ_ONLY: {},
    notices.DIRECTORY_UNWRITABLE: {"directory": "/d", "reason": "Permission denied"},
    notices.FILE_UNREADABLE: {"path": "/d/progress.json", "reason": "Is a directory"},
    notices.NEWER_SCHEMA: {"path": "/d/progress.json", "version": 9, "known": 3},
    notices.DAMAGED_LEFT: {"path": "/d/progress.json", "problem": "the file is empty"},
    notices.DAMAGED_STUCK: {"path": "/d/progress.json", "problem": "the file is empty", "reason": "Read-only"},
    notices.DAMAGED_MOVED: {"path": "/d/progress.json", "problem": "the file is empty", "backup": "/d/p.corrupt"},
    notices.UPGRADE_FAILED: {"path": "/d/progress.json", "from": 2, "to": 3, "error": "boom", "backup": "/d/b"},
    notices.UPGRADED: {"path": "/d/progress.json", "from": 2, "to": 3, "backups": ["/d/b1", "/d/b2"],
                       "notes": [Notice(notices.REVIEWS_WITHOUT_ANSWER, {"count": 2})]},
    notices.LOG_UNREADABLE: {"path": "/d/attempts.jsonl", "log": "attempts", "reason": "Permission denied"},
    notices.LOG_LINES_SKIPPED: {"path": "/d/attempts.jsonl", "log": "attempts", "count": 1},
    notices.LOG_LINES_SET_ASIDE: {"path": "/d/quiz_history.jsonl", "log": "quiz_history", "count": 2,
                                  "backup": "/d/q.corrupt", "kept": 5},
    notices.CANNOT_SAVE: {"error": "could not save progress to /d/progress.json: No space left on device"},
    notices.ANSWERS_UNREADABLE: {"count": 1},
    notices.REVIEWS_UNREADABLE: {"count": 3},
    notices.REVIEWS_WITHOUT_ANSWER: {"count": 1},
    notices.SCHEDULES_LOST: {"count": 2},
}


def test_every_kind_has_words_naming_its_files():
    assert set(DATA) == notices.KINDS
    for kind, data in DATA.items():
        text = notice_text(Notice(kind, data))
        assert not text.startswith(kind) and text.endswith("."), (kind, text)
        for key in ("path", "directory", "backup"):
            if key in data:
                assert data[key] in text, (kind, text)


def test_upgrade_words_list_backups_and_notes():
    text = notice_text(Notice(notices.UPGRADED, DATA[notices.UPGRADED]))
    assert "from schema 2 to 3" in text and "/d/b1, /d/b2" in text
    assert "2 reviews had no matching answer" in text


def test_an_unknown_kind_is_refused_where_it_is_made():
    with pytest.raises(ValueError):
        Notice("misspelt_kind")
