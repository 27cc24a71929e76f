"""Grading is pure (no Textual, no disk) and typed answers are matched leniently, not loosely."""

from __future__ import annotations

import subprocess
import sys

import pytest

from oslearn.lessons import Question, SourceRef
from oslearn.lessons.quiz import answer_text, grade, normalise, response_text

SOURCE = SourceRef(file="000_735c6881140933fc.txt", section="Ubuntu")


def q(kind: str, answer, choices=(), qid="q") -> Question:
    return Question(id=qid, topic="package managers", type=kind, prompt="?", answer=answer,
                    explanation="because", source=SOURCE, choices=tuple(choices))


APT = q("typed", ("apt", "apt-get", "aptitude"))
RHEL8 = q("typed", ("dnf", "yum"))
RPM = q("typed", ("rpm",))


def test_grading_modules_do_not_import_textual():
    code = ("import sys\nimport oslearn.lessons.quiz, oslearn.lessons.session, oslearn.progress.review\n"
            "print('\\n'.join(sys.modules))")
    modules = set(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                 text=True).stdout.split())
    assert "oslearn.lessons.session" in modules and "oslearn.progress.review" in modules
    assert not any(name == "textual" or name.startswith("textual.") for name in modules)


@pytest.mark.parametrize("typed", ["apt", "APT", "  apt-get ", "Apt-Get.", "aptitude", "`apt`", '"apt-get"',
                                   "apt\t"])
def test_typed_accepts_case_space_punctuation_and_listed_synonyms(typed):
    assert grade(APT, typed).correct


@pytest.mark.parametrize("typed", ["dnf", "DNF", "yum", " Yum. "])
def test_typed_accepts_either_synonym_where_the_question_allows(typed):
    assert grade(RHEL8, typed).correct


@pytest.mark.parametrize("question,typed", [
    (RPM, "yum"), (RPM, "dnf"), (RHEL8, "rpm"), (APT, "ap"), (APT, "apt get"), (APT, "apt-gets"),
    (APT, "dpkg"), (APT, "yum"), (APT, ""), (RHEL8, "dnf5"), (RHEL8, "yum install"),
])
def test_typed_rejects_near_misses(question, typed):
    result = grade(question, typed)
    assert not result.correct and result.score == 0.0


def test_normalise_collapses_only_case_space_quotes_and_a_final_stop():
    assert normalise("  Yellowdog   Updater,\tModified. ") == "yellowdog updater, modified"
    assert normalise("“dnf”") == "dnf"
    assert normalise("rpm-4") == "rpm-4"


def test_single_and_true_false():
    single = q("single", "YUM", ["YUM", "APT", "dpkg"])
    assert grade(single, "YUM").correct and grade(single, "yum").correct
    assert not grade(single, "APT").correct
    assert grade(single, None) .expected == "YUM" and not grade(single, None).correct
    yes = q("true_false", True)
    assert grade(yes, True).correct and not grade(yes, False).correct
    assert answer_text(yes) == "True" and response_text(yes, False) == "False"


def test_multiple_gives_partial_credit_but_only_exact_is_right():
    question = q("multiple", ("fail2ban", "unattended-upgrades"), ["fail2ban", "unattended-upgrades", "telnetd", "ftp"])
    assert grade(question, ["unattended-upgrades", "fail2ban"]).correct
    half = grade(question, ["fail2ban", "telnetd"])
    assert not half.correct and half.score == 0.5
    assert grade(question, []).score == 0.5 and not grade(question, []).correct


def test_ordering_counts_places():
    question = q("ordering", ("12.04", "14.04", "16.04", "18.04"))
    assert grade(question, ["12.04", "14.04", "16.04", "18.04"]).correct
    swapped = grade(question, ["14.04", "12.04", "16.04", "18.04"])
    assert not swapped.correct and swapped.score == 0.5
    assert response_text(question, ["14.04", "12.04"]) == "14.04 → 12.04"


def test_matching_counts_pairs():
    question = q("matching", (("Ubuntu", "APT"), ("CentOS", "YUM"), ("FreeBSD", "pkg")), ["APT", "YUM", "pkg"])
    assert grade(question, {"CentOS": "YUM", "Ubuntu": "APT", "FreeBSD": "pkg"}).correct
    one_wrong = grade(question, {"Ubuntu": "YUM", "CentOS": "YUM", "FreeBSD": "pkg"})
    assert not one_wrong.correct and one_wrong.score == pytest.approx(2 / 3)
    assert response_text(question, {"Ubuntu": "APT"}) == "Ubuntu → APT; CentOS → ?; FreeBSD → ?"
    assert answer_text(question) == "Ubuntu → APT; CentOS → YUM; FreeBSD → pkg"
