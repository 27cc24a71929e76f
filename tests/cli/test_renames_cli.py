"""``oslearn progress`` on a progress directory written under the content's old ids."""

from __future__ import annotations

import json

from oslearn.tui import cli
from support.renames import GONE_ANSWER, GONE_TICK, OLD_ANSWERS, OLD_TICKS, write_old_progress


def test_progress_json_lists_old_ids_under_the_ids_now(isolated_data_dir, capsys):
    write_old_progress(isolated_data_dir)
    assert cli.main(["progress", "--json"]) == 0
    snapshot = json.loads(capsys.readouterr().out)
    ticks = {(lesson, item) for lesson, items in snapshot["checklist"].items() for item in items}
    assert ticks == set(OLD_TICKS.values())
    assert snapshot["orphaned"]["checklist"] == [{"lesson": GONE_TICK[0], "item": GONE_TICK[1]}]
    assert [(a["question"], a["renamed_from"]) for a in snapshot["attempts"]] == [
        (now, old) for old, now in OLD_ANSWERS.items()]
    assert [a["question"] for a in snapshot["orphaned"]["attempts"]] == [GONE_ANSWER]
    assert sorted(snapshot["due"]) == sorted(OLD_ANSWERS.values())
    assert snapshot["position"] == {"lesson": "ubuntu", "section": "ubuntu-python-packages"}  # as stored


def test_progress_summary_counts_them(isolated_data_dir, capsys):
    write_old_progress(isolated_data_dir)
    assert cli.main(["progress"]) == 0
    out = capsys.readouterr().out
    assert f"Checklist: {len(OLD_TICKS)} of " in out
    assert f"Quiz: {len(OLD_ANSWERS)} answers, {len(OLD_ANSWERS)} right" in out
    assert "Kept for content no longer present: 1 tick, 1 answer" in out


def test_reset_of_a_lesson_forgets_the_ticks_under_its_steps_old_ids(isolated_data_dir, capsys):
    write_old_progress(isolated_data_dir)
    assert cli.main(["reset", "choosing-an-os", "--yes"]) == 0
    assert "2 checklist entries and 0 quiz answers removed; reading position cleared" in capsys.readouterr().out
    assert cli.main(["progress", "--json"]) == 0
    snapshot = json.loads(capsys.readouterr().out)
    assert "choosing-an-os" not in snapshot["checklist"] and snapshot["position"] is None
    assert snapshot["checklist"]["package-managers"] == ["rpm-vs-yum"]
    assert snapshot["orphaned"]["checklist"] == [{"lesson": GONE_TICK[0], "item": GONE_TICK[1]}]
