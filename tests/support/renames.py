"""A progress directory written under the ids of the content before the restructuring (11
lessons became 6; commit 7f3cf32), through the store's own API."""

from __future__ import annotations

from datetime import datetime, timezone

from fsrs import Rating

from oslearn.progress import ProgressStore
from oslearn.progress.review import Reviews

#: Long enough ago that every card it leaves is due today.
OLD_AT = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)

#: Ticks under old ids -> the step that has them now.
OLD_TICKS = {
    ("ubuntu", "pick-lts"): ("choosing-an-os", "pick-lts"),
    ("recommended-os", "say-why-not-windows"): ("choosing-an-os", "say-why-not-windows"),
    ("red-hat-centos", "rpm-vs-yum"): ("package-managers", "rpm-vs-yum"),
    ("what-next", "pick-next-topic"): ("checklist", "pick-next-topic"),
}
#: A tick on a step that left the content: kept, counted nowhere.
GONE_TICK = ("resources", "read-one-resource")

#: Answers (all right) under old question ids -> the question that has them now.
OLD_ANSWERS = {
    "os-next-step": "chk-next-step",
    "sec-fail2ban-what": "sec-fail2ban-does",
    "os-three-tasks": "os-three-jobs",
}
#: An answer to a question that left the content: kept, counted nowhere.
GONE_ANSWER = "distro-ubuntu-company"


def write_old_progress(directory) -> None:
    """Write ticks, answers with their FSRS reviews and a reading place under the old ids."""
    with ProgressStore.open(directory) as store:
        for lesson, item in [*OLD_TICKS, GONE_TICK]:
            store.set_done(lesson, item, True)
        reviews = Reviews(store)
        for question in [*OLD_ANSWERS, GONE_ANSWER]:
            reviews.review(question, Rating.Good, at=OLD_AT, correct=True, answer="right")
        store.set_position("ubuntu", "ubuntu-python-packages")
