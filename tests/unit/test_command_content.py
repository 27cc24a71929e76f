"""The built-in command questions grade as their prompts promise: every accepted answer
is right, equivalent forms are right, near misses are wrong with their own explanation,
and every family is covered."""

from __future__ import annotations

import pytest

from oslearn.lessons import load_curriculum
from oslearn.lessons.quiz import grade

COURSE = load_curriculum()
COMMANDS = [q for q in COURSE.questions if q.type == "command"]


def test_at_least_twenty_command_questions_across_both_families_and_freebsd():
    assert len(COMMANDS) >= 20
    tools = {str(q.answer if isinstance(q.answer, str) else q.answer[0]).split()[0 if not str(
        q.answer if isinstance(q.answer, str) else q.answer[0]).startswith("sudo") else 1] for q in COMMANDS}
    assert {"apt", "dnf", "pkg"} <= tools, tools


@pytest.mark.parametrize("question", COMMANDS, ids=lambda q: q.id)
def test_each_accepted_answer_is_right_and_each_near_miss_is_explained(question):
    answers = [question.answer] if isinstance(question.answer, str) else list(question.answer)
    for answer in answers:
        assert grade(question, answer).correct, (question.id, answer)
        assert grade(question, f"sudo {answer}" if not answer.startswith("sudo") else answer).correct
    for command, explanation in question.near_misses:
        result = grade(question, command)
        assert not result.correct and result.note == explanation, (question.id, command)


@pytest.mark.parametrize("qid, response, right", [
    ("cmd-ubuntu-python-headers", "sudo apt-get install -y python3-venv python3-dev", True),
    ("cmd-ubuntu-python-headers", "apt update && apt install python3-dev python3-venv", True),
    ("cmd-ubuntu-python-headers", "apt install python3-dev", False),
    ("cmd-ubuntu-python-headers", "apt install python-dev python3-venv", False),
    ("cmd-rocky-python-headers", "sudo yum -y install python3-devel", True),
    ("cmd-rocky-python-headers", "pip install python3-devel", False),
    ("cmd-rocky-python-headers", "apt install python3-devel", False),
    ("cmd-freebsd-install", "pkg install -y nginx", True),
    ("cmd-freebsd-install", "apt install nginx", False),
    ("cmd-ubuntu-upgrade", "apt update && apt upgrade -y", True),
    ("cmd-dnf-automatic-timer", "systemctl --now enable dnf-automatic.timer", True),
])
def test_equivalent_forms_are_accepted_and_wrong_ones_are_not(qid, response, right):
    question = COURSE.question(qid)
    result = grade(question, response)
    assert result.correct is right, (qid, response, result)
    if not right:
        assert result.note, "a wrong command is always explained"
