"""Builders shared by the quiz tests: a small curriculum with one question of each type,
the keys that answer a presented question right or wrong, and readers of the quiz screen."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from oslearn.lessons import Curriculum, Lesson, Question, QuizBank, SourceRef
from oslearn.lessons.session import QuizPlan

SEED = "000_735c6881140933fc.txt"
KINDS = ("single", "multiple", "true_false", "typed", "ordering", "matching", "command")

SPECS = {
    "single": ("You are given a CentOS 7 server. Which package manager installs software?", "YUM",
               ("YUM", "APT", "dpkg", "Homebrew"), "rpm-and-yum"),
    "multiple": ("Which tools belong to the Debian family?", ("APT", "dpkg"), ("APT", "dpkg", "YUM", "RPM"), "apt"),
    "true_false": ("YUM replaces RPM.", False, (), "rpm-and-yum"),
    "typed": ("Name Ubuntu's package manager.", ("apt", "apt-get"), (), "apt"),
    "ordering": ("Order these Ubuntu LTS releases, oldest first.",
                 ("10.04 Lucid Lynx", "12.04 Precise Pangolin", "14.04 Trusty Tahr", "16.04 Xenial Xerus"), (), "apt"),
    "matching": ("Match each distribution to its package manager.",
                 (("Ubuntu", "APT"), ("CentOS", "YUM"), ("FreeBSD", "pkg")), ("APT", "YUM", "pkg"), "rpm-and-yum"),
    "command": ("On an Ubuntu server, install the Python 3 headers.", ("sudo apt install python3-dev",), (), "apt"),
}


def make_question(kind: str, number: int, topic: str = "package managers") -> Question:
    prompt, answer, choices, section = SPECS[kind]
    return Question(id=f"{kind}-{number}", topic=topic, type=kind, prompt=f"{prompt} ({number})", answer=answer,
                    explanation=f"Explanation of {kind} {number}.", source=SourceRef(file=SEED, section="Ubuntu"),
                    choices=choices, lesson="pm", section=section, bank="test")


def make_curriculum() -> Curriculum:
    lesson = Lesson(id="pm", title="Package managers", order=1, summary="APT and YUM.",
                    sources=(SourceRef(file=SEED),),
                    body="Intro.\n\n## APT\n\nAPT is Debian's.\n\n## RPM and YUM\n\nYUM sits on RPM.\n")
    questions = [make_question(kind, n, topic="package managers" if n == 1 else "distributions")
                 for n in (1, 2) for kind in KINDS]
    return Curriculum(lessons=[lesson], banks=[QuizBank(id="test", title="Test bank", questions=questions)])


def keys_for(item, right: bool = True) -> list[str]:
    """The keys that answer a presented question right (or wrong), then Enter."""
    question = item.question
    options = list(item.options)

    def number(text: str) -> str:
        return str(options.index(text) + 1)

    kind = question.type
    if kind == "single":
        target = question.answer if right else next(o for o in options if o != question.answer)
        keys = [number(target)]
    elif kind == "true_false":
        keys = [number("True" if (question.answer if right else not question.answer) else "False")]
    elif kind == "multiple":
        chosen = list(question.answer) if right else [o for o in options if o not in question.answer][:1]
        keys = [number(o) for o in chosen]
    elif kind == "typed":
        keys = list(question.answer[-1] if right else "zz")
    elif kind == "command":
        keys = list(question.answer[-1] if right else "apt install nothing-at-all")
    elif kind == "ordering":
        order = list(question.answer)
        if not right:
            order[0], order[1] = order[1], order[0]
        keys = [number(o) for o in order]
    else:
        pairs = dict(question.answer)
        keys = []
        for index, left in enumerate(item.lefts):
            target = pairs[left]
            if not right and index == 0:
                target = next(o for o in options if o != target)
            keys.append(number(target))
    return keys + ["enter"]


def text(widget: Static) -> str:
    return str(widget.render())


def plain(prompt) -> str:
    """An option's prompt (Textual markup) as the plain text shown."""
    return Content.from_markup(prompt).plain


def feedback(app) -> str:
    widget = app.screen.query_one("#feedback", Static)
    return text(widget) if widget.display else ""


def plan_of(app, *ids, exam=False, shuffle=False) -> QuizPlan:
    questions = tuple(app.curriculum.question(qid) for qid in ids)
    return QuizPlan("Test quiz", questions, mode="bank", exam=exam, shuffle=shuffle)
