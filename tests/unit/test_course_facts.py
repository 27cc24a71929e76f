"""The course teaches what is true today (2026-11-30), not what the page or an earlier
version of this course got wrong. One test per wrong or stale claim: each fails if the old
claim comes back. Also: seed codes and file names stay out of what a learner reads, the
page-history questions stay opt-in, and the authoring checks work."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from oslearn.lessons import load_curriculum
from oslearn.lessons.lint import (
    answer_is_longest,
    lint,
    lint_stats,
    near_duplicates,
    objective_counts,
    similarity,
)
from oslearn.lessons.model import OPT_IN_TOPICS, SEED_DATES, Curriculum, QuizBank


@pytest.fixture(scope="module")
def course():
    curriculum = load_curriculum()
    assert not curriculum.problems, curriculum.problems
    return curriculum


def taught(course) -> str:
    """Everything the course asserts: lesson prose (errata and quotes of the page removed,
    since they show the page's words in order to correct them) and every question's right
    answer and explanation, lower-cased, whitespace collapsed."""
    parts = []
    for lesson in course.lessons:
        body = "\n".join(line for line in lesson.body.splitlines() if not line.startswith("> **Erratum**"))
        parts.append(re.sub(r"“[^”]*”", " ", body))
    for question in course.questions:
        if question.type == "true_false":
            if question.answer:
                parts.append(question.prompt)
        else:
            parts.append(str(question.answer))
        parts.append(question.explanation)
    return re.sub(r"\s+", " ", " ".join(parts).replace("`", "")).lower()


def lesson_text(course, lesson_id: str) -> str:
    body = course.lesson(lesson_id).body.replace("`", "").replace("*", "").replace("> ", " ")
    return re.sub(r"\s+", " ", body).lower()


# --- wrong facts, each with the claim that must not return -----------------------------------


def test_an_lts_cannot_be_skipped_in_one_upgrade(course):
    text = taught(course)
    assert not re.search(r"(straight|directly|in one step) (from 14\.04 )?to 18\.04", text)
    assert "one lts at a time" in lesson_text(course, "choosing-an-os")
    question = course.question("distro-skip-lts")
    assert "one LTS at a time" in question.answer


def test_gevent_is_not_taught_to_fail_on_windows(course):
    text = taught(course)
    assert not re.search(r"gevent[^.]*(does not|doesn't|do not|cannot) (work|run)", text)
    assert course.question("distro-windows-gevent").answer is False
    assert "gevent supported windows" in lesson_text(course, "page-changes")


def test_python_2_left_the_default_install_in_18_04_and_the_archive_in_20_04(course):
    text = taught(course)
    assert not re.search(r"20\.04 (no longer|stopped|does not) install\w* python 2", text)
    body = lesson_text(course, "package-managers")
    assert "18.04 already did not install python 2 by default" in body
    assert "in 20.04 the python and python-dev packages left the archive" in body
    assert course.question("pm-python2-default").answer == "18.04"


def test_python_virtualenv_s_successor_is_python3_virtualenv(course):
    text = taught(course)
    assert not re.search(r"python-virtualenv\W+(became|is now|was renamed to|turned into|replaced by)\W+python3-venv", text)
    assert "python-virtualenv's successor is python3-virtualenv" in lesson_text(course, "package-managers")


def test_pep_668_dates_from_ubuntu_23_04(course):
    text = taught(course)
    assert not re.search(r"since (ubuntu )?24\.04", text)
    assert "since ubuntu 23.04 and debian 12" in lesson_text(course, "package-managers")
    assert course.question("pm-pep668-since").answer == "23.04"


def test_versions_are_dated_by_their_as_of_sentence_not_as_change_dates(course):
    for gone in ("chg-freebsd-version", "chg-unattended", "chg-what-next-2018"):
        assert course.question(gone) is None, f"{gone} taught a scrape date as the date of a change"
    body = lesson_text(course, "page-changes")
    assert "30 may 2015" in body and "20 september 2016" in body
    assert "as of april 2016" in body
    assert "a gap in the copies" in body


def test_26_04_is_taught_as_the_newest_lts(course):
    assert "26.04 resolute raccoon, the newest" in lesson_text(course, "choosing-an-os")
    assert course.question("distro-pick-release").answer == "26.04 LTS"


def test_20_04_is_not_taught_as_in_standard_support(course):
    text = taught(course)
    assert not re.search(r"20\.04[^.]*(standard support until|is supported until|in standard support until)", text)
    assert course.question("distro-focal-status").answer.startswith("Standard support has ended")


def test_ubuntu_pro_is_free_for_personal_use_and_esm_not_called_paid(course):
    text = taught(course)
    assert not re.search(r"paid (extended security maintenance|esm)", text)
    assert "ubuntu pro is free for personal use on up to five machines" in lesson_text(course, "choosing-an-os")
    assert "legacy add-on runs further, past ten years" in lesson_text(course, "choosing-an-os")


def test_almalinux_is_not_taught_as_a_1_to_1_rebuild(course):
    text = taught(course)
    assert not re.search(r"almalinux\W+(is|aims at|remains|still aims at)\W+(a\W+)?1:1", text)
    assert "in july 2023 almalinux stopped aiming at a 1:1 copy of rhel" in lesson_text(course, "choosing-an-os")


def test_the_headers_package_is_named_for_each_family(course):
    assert course.question("pm-rocky-headers").answer == "python3-devel"
    assert course.question("pm-python3-names").answer == "python3-dev"


def test_drop_ins_override_sshd_config(course):
    body = lesson_text(course, "security-hardening")
    assert "include /etc/ssh/sshd_config.d/" in body
    assert "first value" in body and "50-cloud-init.conf" in body


# --- what a learner reads carries no seed codes or file names ----------------------------------


SEED_CODE = re.compile(r"`00[0-4]`|\b00[0-4]\b(?![.:\d])|[0-9a-f]{16}\.txt")


def test_no_seed_codes_or_file_names_in_prose_feedback_or_lists(course):
    for lesson in course.lessons:
        for where, text in [("body", lesson.body), ("title", lesson.title), ("summary", lesson.summary)] + \
                [("resource", f"{r.title} {r.description}") for r in lesson.resources] + \
                [("checklist", f"{i.text} {i.detail}") for i in lesson.checklist]:
            assert not SEED_CODE.search(text), f"{lesson.id} {where}: {SEED_CODE.search(text).group()}"
    for question in course.questions:
        shown = " ".join([question.prompt, question.explanation, *question.choices, str(question.answer),
                          question.source.label()])
        assert not SEED_CODE.search(shown), f"{question.id}: {SEED_CODE.search(shown).group()}"
        if question.source.file:
            assert question.source.label().startswith("Full Stack Python, “Operating Systems”, ")


def test_citations_name_the_version_in_words(course):
    labels = {q.source.label() for q in course.questions if q.source.file}
    assert any(label.startswith("Full Stack Python, “Operating Systems”, 2016 version") for label in labels)
    assert any("later 2014 version" in label for label in labels)
    assert all(name not in " ".join(labels) for name in SEED_DATES)


# --- page history is opt-in ------------------------------------------------------------------------


def test_page_history_is_at_most_a_tenth_and_all_in_the_appendix_bank(course):
    history = [q for q in course.questions if q.topic in OPT_IN_TOPICS]
    assert 0 < len(history) <= len(course.questions) // 10
    assert {q.bank for q in history} == {"page-changes"}
    assert all(q.topic in OPT_IN_TOPICS for q in next(b for b in course.banks if b.id == "page-changes").questions)


def test_mixed_quizzes_leave_page_history_out_unless_chosen(course):
    from oslearn.lessons.session import mode_choices, plan_for

    choices = {choice.key: choice for choice in mode_choices(course)}
    mixed = choices["mixed"]
    assert mixed.questions and not any(q.topic in OPT_IN_TOPICS for q in mixed.questions)
    plan = plan_for(mixed, exam=False, size=0, rng=random.Random(1))
    assert not any(q.topic in OPT_IN_TOPICS for q in plan.questions)
    chosen = choices["bank:page-changes"]
    assert chosen.questions and all(q.topic in OPT_IN_TOPICS for q in chosen.questions)


# --- authoring checks ------------------------------------------------------------------------------


def test_the_built_in_course_passes_the_authoring_checks(course):
    assert lint(course) == []
    stats = lint_stats(course)
    for bank, (longest, singles) in stats["longest_answer"].items():
        assert longest * 3 <= singles, bank
    assert stats["near_duplicates"] == []
    assert all(count > 0 for _, _, _, count in stats["objectives"])
    assert len(stats["objectives"]) >= 20


def test_lint_finds_a_telling_answer_length_a_near_duplicate_and_missing_fields(course):
    bank = next(b for b in course.banks if b.id == "distros")
    single = next(q for q in bank.questions if q.type == "single")
    telling = replace(single, id="telling", answer="a much longer right answer than any of the others",
                      choices=("a much longer right answer than any of the others", "short", "brief", "tiny"))
    assert answer_is_longest(telling)
    twin = replace(single, id="twin", prompt=single.prompt + " Think.")
    bare = replace(single, id="bare", prompt="Something else entirely about kernels and memory.",
                   explanation=" ", source=replace(single.source, file="", note="", url=""))
    curriculum = Curriculum(lessons=[], banks=[QuizBank("b", "B", [telling, replace(telling, id="telling-2",
                                                                                     prompt="Another prompt on other matters."),
                                                                  twin, single, bare], path="b.yaml")])
    kinds = {warning.kind for warning in lint(curriculum)}
    assert {"longest-answer", "near-duplicate", "no-explanation", "no-source"} <= kinds
    pair = near_duplicates([single, twin])
    assert pair and {pair[0][0].id, pair[0][1].id} == {single.id, "twin"}
    assert similarity("Which package provides Python.h on Rocky Linux?",
                      "Which package provides Python.h on Ubuntu?") < 1.0


def test_objectives_are_counted_through_lesson_and_section(course):
    counts = {(o.lesson, o.section): n for o, n in objective_counts(course)}
    assert counts[("package-managers", "what-a-python-deployment-needs")] == sum(
        1 for q in course.questions if (q.lesson, q.section) == ("package-managers", "what-a-python-deployment-needs"))


def test_check_strict_fails_on_warnings(tmp_path):
    from oslearn.tui.cli import main

    folder = tmp_path / "quizzes"
    folder.mkdir()
    (tmp_path / "lessons").mkdir()
    (folder / "b.yaml").write_text(
        "id: b\ntitle: B\nquestions:\n" + "".join(
            f"  - id: q{n}\n    topic: t\n    type: single\n    prompt: Question number {n} on subject {n * 7}\n"
            f"    choices: [the right and longest answer {n}, maybe, nah]\n    answer: the right and longest answer {n}\n"
            f"    explanation: because\n    source: {{note: a note, date: 2026-11}}\n" for n in range(3)),
        encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    assert main(["check", "--strict", str(tmp_path)]) == 1
