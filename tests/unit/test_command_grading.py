"""The ``command`` question type: graded by parsing, lenient about form, never about meaning,
and a near miss gets an explanation aimed at it."""

from __future__ import annotations

import random

import pytest

from oslearn.lessons import Question, SourceRef
from oslearn.lessons.questions import command
from oslearn.lessons.quiz import answer_text, grade, response_text
from oslearn.lessons.session import present

SOURCE = SourceRef(note="since then", date="2024-01")


def cmd(answer, near_misses=(), qid="c") -> Question:
    answer = (answer,) if isinstance(answer, str) else tuple(answer)
    return Question(id=qid, topic="package managers", type="command", prompt="?", answer=answer,
                    explanation="because", source=SOURCE, near_misses=tuple(near_misses))


UBUNTU = cmd("apt install python3-dev python3-venv")
ROCKY = cmd("dnf install python3-devel",
            near_misses=[("dnf install python3-dev", "On the Red Hat family it is python3-devel.")])
FREEBSD = cmd("pkg install python311")
REFRESH = cmd("apt update")
ENABLE = cmd("systemctl enable --now fail2ban")
KEYGEN = cmd("ssh-keygen -t ed25519")


@pytest.mark.parametrize("typed", [
    "apt install python3-dev python3-venv",
    "sudo apt install python3-dev python3-venv",
    "sudo -E apt install python3-dev python3-venv",
    "sudo -- apt install python3-dev python3-venv",
    "sudo -u root apt install python3-dev python3-venv",
    "apt-get install python3-dev python3-venv",
    "sudo apt-get install -y python3-venv python3-dev",
    "apt install --yes python3-venv python3-dev",
    "apt -y install python3-dev python3-venv",
    "apt install python3-dev python3-venv -y",
    "apt-get -yq install python3-dev python3-venv",
    "apt-get install --assume-yes -q python3-dev python3-venv",
    "  apt   install\tpython3-dev    python3-venv  ",
    "apt install 'python3-dev' \"python3-venv\"",
    "DEBIAN_FRONTEND=noninteractive apt-get install -y python3-dev python3-venv",
    "sudo apt update && sudo apt install python3-dev python3-venv",
    "apt-get update; apt-get install -y python3-dev python3-venv",
    "apt install python3-dev python3-venv python3-dev",
])
def test_equivalent_forms_of_an_apt_install_are_right(typed):
    result = grade(UBUNTU, typed)
    assert result.correct and result.score == 1.0 and result.note == ""


@pytest.mark.parametrize("typed", [
    "dnf install python3-devel", "yum install python3-devel", "sudo yum -y install python3-devel",
    "dnf install -y python3-devel", "sudo dnf --assumeyes install python3-devel",
    "sudo dnf makecache && sudo dnf install -y python3-devel",
])
def test_dnf_and_yum_are_the_same_where_they_are(typed):
    assert grade(ROCKY, typed).correct


@pytest.mark.parametrize("question,typed", [
    (REFRESH, "apt-get update"), (REFRESH, "sudo apt update"), (FREEBSD, "pkg install -y python311"),
    (FREEBSD, "sudo pkg install python311"), (ENABLE, "sudo systemctl --now enable fail2ban"),
    (KEYGEN, "ssh-keygen  -t  ed25519"), (KEYGEN, "sudo ssh-keygen -t 'ed25519'"),
    (cmd("yum update"), "dnf upgrade"), (cmd("apt-get dist-upgrade"), "apt full-upgrade"),
    (cmd("dnf remove httpd"), "yum erase httpd"),
    (cmd("apt list --installed | grep python"), "sudo apt list  --installed |grep python"),
])
def test_other_tools_and_subcommands(question, typed):
    assert grade(question, typed).correct, typed


@pytest.mark.parametrize("question,typed", [
    (UBUNTU, "apt install python3 python3-venv"),        # the interpreter is not its headers
    (UBUNTU, "apt install python3-dev"),                 # a package missing
    (UBUNTU, "apt install python3-dev python3-venv git"),  # a package extra
    (UBUNTU, "apt remove python3-dev python3-venv"),      # another subcommand
    (UBUNTU, "apt search python3-dev python3-venv"),
    (UBUNTU, "dnf install python3-dev python3-venv"),     # the other family's manager
    (UBUNTU, "pip install python3-dev python3-venv"),
    (UBUNTU, "apt install python-dev python3-venv"),      # Python 2's headers
    (UBUNTU, "apt install --no-install-recommends python3-dev python3-venv"),  # an option that matters
    (UBUNTU, "apt-cache install python3-dev python3-venv"),
    (UBUNTU, "aptitude install python3-dev python3-venv"),
    (UBUNTU, "dpkg -i python3-dev python3-venv"),
    (UBUNTU, "sudo -u bob apt install python3-dev python3-venv"),
    (UBUNTU, "apt install 'python3-dev python3-venv'"),   # one quoted word is one package name
    (UBUNTU, "apt install \"python3-dev python3-venv"),   # quoting that does not parse
    (UBUNTU, "sudo"),
    (UBUNTU, ""),
    (UBUNTU, "apt install python3-dev python3-venv && apt remove python3-dev"),
    (ROCKY, "dnf install python-devel"),
    (ROCKY, "dnf install python3-dev"),
    (ROCKY, "rpm -i python3-devel"),
    (ROCKY, "apt install python3-devel"),
    (ROCKY, "dnf install python3.11-devel"),
    (FREEBSD, "apt install python311"),
    (FREEBSD, "pkg add python311"),
    (REFRESH, "apt upgrade"),
    (REFRESH, "apt-cache update"),
    (KEYGEN, "ssh-keygen -t rsa"),
    (KEYGEN, "ssh-keygen ed25519 -t"),
    (ENABLE, "systemctl enable fail2ban"),
    (ENABLE, "systemctl start --now fail2ban"),
    (cmd("apt list --installed | grep python"), "apt list python --installed | grep"),
    (cmd("dnf list installed > /tmp/list"), "dnf list /tmp/list > installed"),
])
def test_wrong_commands_are_wrong(question, typed):
    result = grade(question, typed)
    assert not result.correct and result.score == 0.0, typed


@pytest.mark.parametrize("question,typed,words", [
    (UBUNTU, "apt install python-dev python3-venv", "Python 2 headers"),
    (ROCKY, "dnf install python-devel", "Python 2"),
    (UBUNTU, "pip install python3-dev python3-venv", "pip installs Python packages"),
    (UBUNTU, "pip3 install python3-dev", "system's package manager, “apt”"),
    (UBUNTU, "python3 -m pip install python3-dev", "pip installs"),
    (UBUNTU, "sudo yum install python3-dev python3-venv", "“yum” is the package manager of the Red Hat family"),
    (ROCKY, "sudo apt-get install python3-devel", "“apt-get” is the package manager of the Debian family"),
    (ROCKY, "dnf install python3-dev", "On the Red Hat family it is python3-devel."),  # the question's own
    (ROCKY, "sudo yum install -y python3-dev", "On the Red Hat family it is python3-devel."),  # in any form
    (FREEBSD, "apt install python311", "FreeBSD's is “pkg”"),
    (UBUNTU, "pkg install python3-dev python3-venv", "“pkg” is FreeBSD's package manager"),
    (UBUNTU, "apt install python3-dev", "Missing: “python3-venv”"),
    (UBUNTU, "apt install python3-dev python3-venv git", "Not asked for: “git”"),
    (UBUNTU, "apt install python3 python3-venv", "“python3” is not “python3-dev”"),
    (UBUNTU, "apt search python3-dev python3-venv", "“apt search” does something else; the task needs “apt install”"),
    (UBUNTU, "dpkg -i python3-dev python3-venv", "does not fetch dependencies"),
    (UBUNTU, "apt install \"python3-dev", "cannot be read as a command: the quoting does not parse"),
    (UBUNTU, "sudo -u bob apt install python3-dev", "runs the command as bob"),
    (UBUNTU, "apt install --no-install-recommends python3-dev python3-venv", "The options differ"),
])
def test_near_misses_are_explained(question, typed, words):
    result = grade(question, typed)
    assert not result.correct and words in result.note, result.note


def test_the_question_s_own_near_miss_comes_before_the_built_in_ones():
    question = cmd("apt install python3-dev", near_misses=[("apt install python-dev", "Our own words.")])
    assert grade(question, "sudo apt-get install -y python-dev").note == "Our own words."


def test_wording_presentation_and_hint():
    question = cmd(["dnf install python3-devel", "yum install python3-devel"])
    assert answer_text(question) == "dnf install python3-devel (also accepted: yum install python3-devel)"
    assert response_text(question, "  sudo   dnf install x ") == "sudo dnf install x"
    assert response_text(question, None) == "(no answer)"
    item = present(question, random.Random(0))
    assert item.options == () and item.lefts == ()
    from oslearn.lessons.session import hint

    assert hint(item, random.Random(0)) == "The command starts with “dnf” and has 3 words."
    assert grade(question, None).expected.startswith("dnf install python3-devel")


def test_parse_gives_canonical_forms():
    assert command.parse("sudo apt-get -y install b a")[0].words() == "apt install a b"
    assert command.parse("yum whatprovides '*/Python.h'")[0].words() == "dnf provides */Python.h"
    with pytest.raises(command.CommandError):
        command.parse("sudo -E")


BANK = """\
id: cmds
title: Commands
questions:
  - id: good
    topic: package managers
    type: command
    prompt: Install the headers.
    answer: apt install python3-dev
    near_misses:
      - {command: apt install python-dev, explanation: Python 2's.}
    explanation: because
    source: {note: since then, date: 2024-01}
  - id: bad-quoting
    topic: package managers
    type: command
    prompt: Install the headers.
    answer: apt install "python3-dev
    explanation: because
    source: {note: since then, date: 2024-01}
  - id: bad-near-miss
    topic: package managers
    type: command
    prompt: Install the headers.
    answer: [apt install python3-dev]
    choices: [a, b]
    near_misses:
      - {command: sudo apt-get install -y python3-dev, explanation: Same thing.}
      - {command: apt install x}
    explanation: because
    source: {note: since then, date: 2024-01}
  - id: near-misses-elsewhere
    topic: package managers
    type: typed
    prompt: Name it.
    answer: apt
    near_misses: []
    explanation: because
    source: {note: since then, date: 2024-01}
"""


def test_the_loader_checks_command_questions_with_file_line_field_and_fix(tmp_path):
    from oslearn.lessons.loader import parse_bank

    path = tmp_path / "cmds.yaml"
    path.write_text(BANK, encoding="utf-8")
    problems = []
    bank = parse_bank(path, problems)
    assert [q.id for q in bank.questions] == ["good"]
    assert bank.questions[0].near_misses == (("apt install python-dev", "Python 2's."),)
    assert bank.questions[0].answer == ("apt install python3-dev",)
    text = [str(p) for p in problems]
    assert any(f"{path}:17: questions[1].answer: 'apt install \"python3-dev' is not a command: the quoting does not parse"
               in t and t.endswith("; fix the quoting or the words") for t in text), text
    assert any(":25: questions[2].choices: a command question has no choices; remove `choices:`" in t for t in text), text
    assert any(":27: questions[2].near_misses[0].command: 'sudo apt-get install -y python3-dev' is graded as right"
               in t for t in text), text
    assert any(":28: questions[2].near_misses[1]: missing required key 'explanation'" in t for t in text), text
    assert any(":36: questions[3].near_misses: a typed answer question has no 'near_misses'; remove `near_misses:`"
               in t for t in text), text
    assert len(problems) == 5
