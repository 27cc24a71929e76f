"""The question-type registry: every type in one module, looked up by name; the rating
thresholds, marks and notes each type owns; the source cited in words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fsrs import Rating

from oslearn.lessons import QUESTION_TYPES, Question, SourceRef, citation, questions
from oslearn.lessons.questions.base import AGAIN, EASY, GOOD, HARD, MISSED, NONE, RIGHT, WRONG, QuestionType
from oslearn.lessons.quiz import grade
from oslearn.progress.review import rating_for

ROOT = Path(__file__).resolve().parents[2]
SOURCE = SourceRef(file="003_2d4e56c3b7f38875.txt", date="2016-04", section="Ubuntu")


def q(kind: str, answer, choices=()) -> Question:
    return Question(id="q", topic="package managers", type=kind, prompt="?", answer=answer,
                    explanation="because", source=SOURCE, choices=tuple(choices))


def test_every_type_is_one_module_named_as_the_type():
    kinds = questions.all_types()
    assert list(kinds) == list(questions.NAMES) == list(QUESTION_TYPES)
    for name, kind in kinds.items():
        assert isinstance(kind, QuestionType) and kind.name == name
        assert (ROOT / "lessons" / "questions" / f"{name}.py").is_file()
        assert kind.label and kind.answer_doc and 0 < kind.fast_seconds < kind.slow_seconds
    assert questions.get("command").keys == {"near_misses"}
    with pytest.raises(ValueError, match="unknown question type 'essay'"):
        questions.get("essay")
    assert not questions.known("essay") and not questions.known(None)


def test_no_code_outside_the_registry_branches_on_type_names():
    """Only the registry and the one map from type to widget name the types."""
    pattern = re.compile(r"[\"'](matching|ordering|true_false)[\"']")
    naming = sorted(str(path.relative_to(ROOT)) for folder in ("lessons", "progress", "tui")
                    for path in (ROOT / folder).rglob("*.py") if pattern.search(path.read_text(encoding="utf-8")))
    assert naming == ["lessons/questions/__init__.py", "tui/widgets/answers/__init__.py"]


@pytest.mark.parametrize("name", questions.NAMES)
def test_each_type_rates_by_its_own_thresholds(name):
    kind = questions.get(name)
    assert kind.rating(False, 1.0, False) == AGAIN
    assert kind.rating(True, kind.fast_seconds, False) == EASY
    assert kind.rating(True, kind.fast_seconds, True) == HARD
    assert kind.rating(True, (kind.fast_seconds + kind.slow_seconds) / 2, False) == GOOD
    assert kind.rating(True, kind.slow_seconds + 1, False) == HARD
    expected = {AGAIN: Rating.Again, HARD: Rating.Hard, GOOD: Rating.Good, EASY: Rating.Easy}
    for seconds in (1.0, kind.fast_seconds + 1, kind.slow_seconds + 1):
        assert rating_for(True, seconds, question_type=name) is expected[kind.rating(True, seconds, False)]


def test_slower_types_get_more_time_and_unknown_types_rate_as_single_choice():
    fast = {name: questions.get(name).fast_seconds for name in questions.NAMES}
    assert fast["true_false"] < fast["single"] < fast["typed"] < fast["command"] < fast["matching"]
    assert rating_for(True, 8.0, question_type="gone") is rating_for(True, 8.0, question_type="single")


def test_single_and_true_false_marks():
    single = q("single", "YUM", ["YUM", "APT", "dpkg"])
    assert dict(grade(single, "APT").marks) == {"YUM": MISSED, "APT": WRONG, "dpkg": NONE}
    assert dict(grade(single, "yum").marks) == {"YUM": RIGHT, "APT": NONE, "dpkg": NONE}
    yes = q("true_false", False)
    assert dict(grade(yes, True).marks) == {"True": WRONG, "False": MISSED}


def test_multiple_marks_and_note_tell_ticked_missed_and_wrong_apart():
    question = q("multiple", ("fail2ban", "unattended-upgrades"), ["fail2ban", "unattended-upgrades", "telnetd", "ftp"])
    result = grade(question, ["fail2ban", "telnetd"])
    assert dict(result.marks) == {"fail2ban": RIGHT, "unattended-upgrades": MISSED, "telnetd": WRONG, "ftp": NONE}
    assert result.note == "Right but not ticked: unattended-upgrades. Ticked but wrong: telnetd."
    assert grade(question, ["fail2ban", "unattended-upgrades"]).note == ""


def test_ordering_marks_each_place_of_the_learner_s_order():
    question = q("ordering", ("12.04", "14.04", "16.04", "18.04"))
    result = grade(question, ["14.04", "12.04", "16.04", "18.04"])
    assert result.marks == (("14.04", WRONG), ("12.04", WRONG), ("16.04", RIGHT), ("18.04", RIGHT))
    assert result.note == "In the wrong place: 1. 14.04; 2. 12.04."


def test_matching_note_names_each_wrong_pair_and_its_right_match():
    question = q("matching", (("Ubuntu", "APT"), ("CentOS", "YUM"), ("FreeBSD", "pkg")), ["APT", "YUM", "pkg"])
    result = grade(question, {"Ubuntu": "YUM", "CentOS": "YUM", "FreeBSD": "pkg"})
    assert result.marks == (("Ubuntu", WRONG), ("CentOS", RIGHT), ("FreeBSD", RIGHT))
    assert result.note == "Wrong pair: Ubuntu → YUM (it goes with APT)."
    two = grade(question, {"Ubuntu": "pkg", "CentOS": "YUM", "FreeBSD": "APT"})
    assert two.note == "Wrong pairs: Ubuntu → pkg (it goes with APT); FreeBSD → APT (it goes with pkg)."


def test_citation_words_a_source_without_file_names():
    assert citation(SOURCE) == "Full Stack Python, “Operating Systems”, 2016 version, section “Ubuntu”"
    assert citation(SourceRef(file="001_fae48d724783d07a.txt")) == "Full Stack Python, “Operating Systems”, 2018 version"
    assert citation(SourceRef(note="DNF replaced YUM", date="2019-05")) == "Since then (2019-05), the lesson's dated note: “DNF replaced YUM”"
    assert citation(SourceRef(url="https://www.fullstackpython.com/ubuntu.html", date="2020")) == \
        "https://www.fullstackpython.com/ubuntu.html (2020)"
    assert ".txt" not in citation(SOURCE)


def test_true_false_hint_names_the_source_in_words():
    from random import Random

    from oslearn.lessons.session import hint, present

    statement = Question(id="s", topic="security", type="true_false", prompt="?", answer=True, explanation="x",
                         source=SourceRef(file="000_735c6881140933fc.txt"))
    assert hint(present(statement, Random(0)), Random(0)) == \
        "Look at the source: Full Stack Python, “Operating Systems”, 2014 version."


def test_a_typed_question_with_choices_is_refused_with_its_line(tmp_path):
    from oslearn.lessons.loader import parse_bank

    path = tmp_path / "typed.yaml"
    path.write_text("""id: typed
title: Typed
questions:
  - id: typed-with-choices
    topic: package managers
    type: typed
    prompt: Name it.
    choices: [apt, dnf]
    answer: apt
    explanation: because
    source: {note: since then, date: 2024-01}
""", encoding="utf-8")
    problems = []
    bank = parse_bank(path, problems)
    assert bank is None or [q.id for q in bank.questions] == []
    assert any(f"{path}:8: questions[0].choices: a typed-answer question has no choices; remove `choices:`" in str(p)
               for p in problems), [str(p) for p in problems]
