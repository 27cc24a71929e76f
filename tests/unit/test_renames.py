"""Renamed and moved ids (``renamed_from``): the loader's checks, the content's renames and
the course layer reading progress stored under old ids."""

from __future__ import annotations

import subprocess
from pathlib import Path
from datetime import datetime, timedelta, timezone

import pytest
import yaml
from fsrs import Rating

from oslearn.lessons import loader
from oslearn.progress import ProgressStore
from oslearn.progress.course import Course
from oslearn.progress.review import Reviews
from support.renames import GONE_ANSWER, GONE_TICK, OLD_ANSWERS, OLD_AT, OLD_TICKS, write_old_progress

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)

#: Every checklist step of the content before the restructuring (7f3cf32) that is now in
#: another lesson under the same item id, found by diffing the lessons' front matter.
MOVED_STEPS = {
    "recommended-os/say-why-not-windows": ("choosing-an-os", "say-why-not-windows"),
    "ubuntu/pick-lts": ("choosing-an-os", "pick-lts"),
    "red-hat-centos/rpm-vs-yum": ("package-managers", "rpm-vs-yum"),
    "what-next/pick-next-topic": ("checklist", "pick-next-topic"),
}
#: Old steps that left with nothing like them in the content (their ticks are kept as they are).
GONE_STEPS = {"ubuntu-lts-releases/lts-timeline", "resources/read-one-resource"}
#: Old question id -> the question that asks the same thing now.
RENAMED_QUESTIONS = {
    "distro-later-lts-match": "distro-codename-later",
    "os-checklist-order": "chk-order",
    "os-next-step": "chk-next-step",
    "chg-version-lts-match": "hist-latest-lts",
    "chg-typos-fixed": "hist-typos",
    "chg-erratum-codename": "hist-xenial-erratum",
    "chg-freebsd-version": "hist-freebsd-added",
    "distro-freebsd-added": "hist-freebsd-added",
    "chg-unattended": "hist-unattended-added",
    "sec-fail2ban-what": "sec-fail2ban-does",
    "sec-updates-match": "sec-auto-updates-family",
    "sec-epel": "sec-fail2ban-rhel",
    "os-without": "os-without-one",
    "os-three-tasks": "os-three-jobs",
    "choose-never-windows": "distro-major-reason",
    "choose-dev-prod": "distro-recommended",
}


# --- the content ------------------------------------------------------------------------------


def test_every_moved_step_is_reachable_through_renamed_from(curriculum):
    renames = Course(curriculum, None).renames
    for old, now in MOVED_STEPS.items():
        assert renames.steps[tuple(old.split("/"))] == now, old
    steps = {f"{lesson.id}/{item.id}": old for lesson in curriculum.lessons for item in lesson.checklist
             for old in item.renamed_from}
    assert set(steps.values()) == set(MOVED_STEPS)
    assert not GONE_STEPS & set(steps.values())
    assert renames.lessons == {"recommended-os": "choosing-an-os", "ubuntu": "choosing-an-os",
                               "red-hat-centos": "package-managers", "what-next": "checklist"}


def _git_show(spec: str) -> str | None:
    try:
        result = subprocess.run(["git", "show", spec], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def test_the_moved_steps_listed_are_every_step_the_old_content_moved(curriculum):
    listing = _git_show("7f3cf32:lessons/content/lessons/")
    if listing is None:
        pytest.skip("the old content is not in this checkout's history")
    now = {}
    for lesson in curriculum.lessons:
        for item in lesson.checklist:
            now.setdefault(item.id, set()).add(lesson.id)
    moved = set()
    for name in listing.split()[2:]:
        front = yaml.safe_load(_git_show(f"7f3cf32:lessons/content/lessons/{name}").split("---\n")[1])
        for item in front.get("checklist") or []:
            if item["id"] in now and front["id"] not in now[item["id"]]:
                moved.add(f"{front['id']}/{item['id']}")
    assert moved == set(MOVED_STEPS)


def test_renamed_questions_in_the_content(curriculum):
    assert Course(curriculum, None).renames.questions == RENAMED_QUESTIONS
    live = {question.id for question in curriculum.questions}
    assert not live & set(RENAMED_QUESTIONS) and set(RENAMED_QUESTIONS.values()) <= live


# --- the loader -----------------------------------------------------------------------------


LESSON = """---
id: {id}
title: A lesson
order: {order}
summary: One line.
sources:
  - {{file: 004_035ea28f98d1d792.txt}}
checklist:
{steps}
---
## One

Text.
"""


def _lesson(tmp_path, name, lesson_id, steps, order=10):
    path = tmp_path / "lessons" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(LESSON.format(id=lesson_id, order=order, steps=steps), encoding="utf-8")
    return path


def _bank(tmp_path, name, questions):
    path = tmp_path / "quizzes" / name
    path.parent.mkdir(exist_ok=True)
    body = "".join(f"""  - id: {qid}
    topic: security
    type: true_false
    prompt: Statement {qid}.
    answer: true
    explanation: Because.
    source: {{file: 004_035ea28f98d1d792.txt}}
{f"    renamed_from: {old}" + chr(10) if old is not None else ""}""" for qid, old in questions)
    path.write_text(f"id: {path.stem}\ntitle: Bank\nquestions:\n{body}", encoding="utf-8")
    return path


def _problems(tmp_path):
    return [str(problem) for problem in loader.load_curriculum(tmp_path).problems]


def test_renamed_from_is_read(tmp_path, isolated_data_dir):
    _lesson(tmp_path, "a.md", "a", "  - {id: step, text: Do it., renamed_from: [old/step, older/step]}")
    _bank(tmp_path, "b.yaml", [("q-new", "[q-old]")])
    curriculum = loader.load_curriculum(tmp_path)
    assert curriculum.problems == []
    assert curriculum.lessons[0].checklist[0].renamed_from == ("old/step", "older/step")
    assert curriculum.questions[0].renamed_from == ("q-old",)


@pytest.mark.parametrize("steps, message", [
    ("  - {id: step, text: Do it., renamed_from: [step]}", "'step' is not an old step id; write each as `old-lesson/old-item`"),
    ("  - {id: step, text: Do it., renamed_from: [Old/Step]}", "'Old/Step' is not an old step id"),
    ("  - {id: step, text: Do it., renamed_from: old/step}", "checklist[0].renamed_from: must be a list of text items"),
    ("  - {id: step, text: Do it., renamed_from: [old/step, old/step]}", "lists 'old/step' 2 times"),
])
def test_bad_renamed_from_of_a_step(tmp_path, isolated_data_dir, steps, message):
    path = _lesson(tmp_path, "a.md", "a", steps)
    problems = _problems(tmp_path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:9: checklist[0].renamed_from: ")
    assert message in problems[0]


def test_an_old_step_id_used_twice_or_still_live(tmp_path, isolated_data_dir):
    _lesson(tmp_path, "a.md", "a", "  - {id: one, text: Do it., renamed_from: [old/step]}\n"
                                   "  - {id: two, text: Do it., renamed_from: [b/kept]}")
    path = _lesson(tmp_path, "b.md", "b", "  - {id: kept, text: Do it., renamed_from: [old/step]}", order=20)
    problems = _problems(tmp_path)
    a = tmp_path / "lessons" / "a.md"
    assert problems == [
        f"{a}:10: checklist[1].renamed_from: 'b/kept' is the id of a step in the content; "
        "list only ids that no step has any more",
        f"{path}:9: checklist[0].renamed_from: 'old/step' is already listed by the step at {a}:9; "
        "give each old id to one step only",
    ]


def test_bad_renamed_from_of_a_question(tmp_path, isolated_data_dir):
    path = _bank(tmp_path, "b.yaml", [("q1", "[q1]"), ("q2", "['Not An Id']"), ("q3", "q-old"),
                                      ("q4", "[q-old, q-old]")])
    problems = _problems(tmp_path)
    assert problems == [
        f"{path}:11: questions[0].renamed_from: lists the question's own id 'q1'; list only ids the question had before",
        f"{path}:19: questions[1].renamed_from: 'Not An Id' is not a valid question id; "
        "list the question's old ids as they were written in the bank",
        f"{path}:27: questions[2].renamed_from: must be a list of text items, not text; "
        "write it as `- item` lines or `[a, b]` (quote items that are true/false or dates)",
        f"{path}:35: questions[3].renamed_from: lists 'q-old' 2 times; list each item once",
    ]


def test_an_old_question_id_used_twice_or_still_live(tmp_path, isolated_data_dir):
    first = _bank(tmp_path, "a.yaml", [("q1", "[q-old]"), ("q2", None)])
    second = _bank(tmp_path, "b.yaml", [("q3", "[q-old, q2]")])
    assert _problems(tmp_path) == [
        f"{second}:4: renamed_from: 'q-old' is already listed by the question at {first}:4; "
        "give each old id to one question only",
        f"{second}:4: renamed_from: 'q2' is the id of a question in the content; "
        "list only ids that no question has any more",
    ]


# --- the course layer -----------------------------------------------------------------------


def test_progress_under_old_ids_counts_for_the_ids_now(isolated_data_dir, curriculum):
    write_old_progress(isolated_data_dir)
    files = {path.name: path.read_bytes() for path in isolated_data_dir.iterdir() if path.is_file()}
    with ProgressStore.open(isolated_data_dir) as store:
        course = Course(curriculum, store)
        done = course.done_by_lesson()
        for lesson, item in OLD_TICKS.values():
            assert item in done[lesson] and item in course.done_items(lesson)
        assert GONE_TICK[1] in done[GONE_TICK[0]]  # kept under its own id
        completion = course.completion()
        assert completion.lessons["choosing-an-os"].done == 2
        assert completion.lessons["package-managers"].done == completion.lessons["checklist"].done == 1
        assert completion.done == 4
        assert course.answered_right() >= set(OLD_ANSWERS.values())
        assert completion.right == len(OLD_ANSWERS)
        assert [a["question"] for a in course.attempts()] == [*OLD_ANSWERS.values(), GONE_ANSWER]
        assert [a.get("renamed_from") for a in course.attempts()] == [*OLD_ANSWERS, None]
        due = [q.id for q in course.due_plan(now=NOW).questions]
        assert sorted(due) == sorted(OLD_ANSWERS.values())
        assert course.due_reviews(now=NOW).count == len(OLD_ANSWERS)
        for old, now in OLD_ANSWERS.items():
            assert course.reviews.card(now) is not None and course.reviews.card(old) is None
        place = course.continue_place()
        assert (place.lesson.id, place.section_id, place.index) == ("choosing-an-os", "", 0)
        snapshot = course.snapshot()
        assert snapshot["checklist"] == {"checklist": ["pick-next-topic"], "choosing-an-os": ["pick-lts", "say-why-not-windows"],
                                         "package-managers": ["rpm-vs-yum"]}
        assert snapshot["orphaned"]["checklist"] == [{"lesson": GONE_TICK[0], "item": GONE_TICK[1]}]
        assert [a["question"] for a in snapshot["attempts"]] == list(OLD_ANSWERS.values())
        assert [a["question"] for a in snapshot["orphaned"]["attempts"]] == [GONE_ANSWER]
        assert sorted(snapshot["due"]) == sorted(OLD_ANSWERS.values())
    # Reading rewrote nothing.
    assert {path.name: path.read_bytes() for path in isolated_data_dir.iterdir() if path.is_file()
            and path.name in files} == files


def test_new_ticks_and_answers_go_under_the_ids_now(isolated_data_dir, curriculum):
    write_old_progress(isolated_data_dir)
    with ProgressStore.open(isolated_data_dir) as store:
        course = Course(curriculum, store)
        old_card = course.reviews.card("chk-next-step")
        reviewed = course.record_answer(curriculum.question("chk-next-step"), True, "right", 8.0, at=NOW)
        assert store.attempts()[-1]["question"] == "chk-next-step"
        assert reviewed.card.card_id == old_card.card_id and reviewed.card.stability > old_card.stability
        assert course.reviews.card("chk-next-step") == reviewed.card
        # An untick of the step now wins over the tick under its old id, and is stored under the id now.
        store.set_done("choosing-an-os", "pick-lts", False)
        assert "pick-lts" not in course.done_items("choosing-an-os")
        assert ("ubuntu", "pick-lts") in {(t["lesson"], t["item"]) for t in course.snapshot()["orphaned"]["checklist"]}
        assert store.done_items("ubuntu") == {"pick-lts"}  # the old tick is kept


def test_the_card_reviewed_last_wins(isolated_data_dir, curriculum):
    with ProgressStore.open(isolated_data_dir) as store:
        reviews = Reviews(store)
        reviews.review("chk-next-step", Rating.Again, at=OLD_AT)  # the id now, reviewed first
        later = reviews.review("os-next-step", Rating.Easy, at=OLD_AT + timedelta(days=3))
        course = Course(curriculum, store)
        assert course.reviews.card("chk-next-step") == later.card
        newest = reviews.review("chk-next-step", Rating.Good, at=OLD_AT + timedelta(days=9))
        assert course.reviews.card("chk-next-step") == newest.card  # read as it is appended
        assert Reviews(store, renames=course.renames.questions).card("chk-next-step") == newest.card


def test_a_place_in_a_lesson_with_no_renamed_steps_is_forgotten(store, curriculum):
    store.set_position("ubuntu-lts-releases", "support-windows")
    assert Course(curriculum, store).continue_place() is None
    lesson = curriculum.lesson("choosing-an-os")
    store.set_position("recommended-os", lesson.sections[1].id)  # a section the lesson now has
    place = Course(curriculum, store).continue_place()
    assert (place.lesson.id, place.section_id, place.index) == ("choosing-an-os", lesson.sections[1].id, 1)
