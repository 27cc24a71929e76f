"""Quiz sessions without Textual: modes, seeded shuffling, timing, hints, results, retry."""

from __future__ import annotations

import random

import pytest

from oslearn.lessons import Question, SourceRef
from oslearn.lessons.session import (
    TOPICS, QuizPlan, QuizSession, by_lesson, by_topic, hint, mixed, mode_choices, plan_for, present, quiz_title,
    topics,
)

SOURCE = SourceRef(file="000_735c6881140933fc.txt", section="Ubuntu")


def make(qid, kind="single", topic="package managers", lesson="", answer=None, choices=None):
    defaults = {
        "single": ("YUM", ("YUM", "APT", "dpkg", "pkg")),
        "multiple": (("APT", "dpkg"), ("APT", "dpkg", "YUM", "pkg")),
        "true_false": (True, ()),
        "typed": (("apt", "apt-get"), ()),
        "ordering": (("10.04", "12.04", "14.04", "16.04"), ()),
        "matching": ((("Ubuntu", "APT"), ("CentOS", "YUM"), ("FreeBSD", "pkg")), ("APT", "YUM", "pkg", "dpkg")),
    }
    default_answer, default_choices = defaults[kind]
    return Question(id=qid, topic=topic, type=kind, prompt=f"prompt {qid}", answer=answer or default_answer,
                    explanation=f"explained {qid}", source=SOURCE, choices=default_choices if choices is None else tuple(choices),
                    lesson=lesson)


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


POOL = [make(f"q{i}", topic=TOPICS[i % 3], lesson="ubuntu" if i % 2 else "red-hat") for i in range(12)]


def test_same_seed_same_quiz_and_different_seed_different_quiz():
    plan = QuizPlan("All", tuple(POOL))
    first = QuizSession(plan, random.Random(7))
    again = QuizSession(plan, random.Random(7))
    assert [i.question.id for i in first.items] == [i.question.id for i in again.items]
    assert [i.options for i in first.items] == [i.options for i in again.items]
    orders = {tuple(i.question.id for i in QuizSession(plan, random.Random(seed)).items) for seed in range(5)}
    assert len(orders) > 1
    assert sorted(i.question.id for i in first.items) == sorted(q.id for q in POOL)


def test_choices_are_shuffled_and_complete():
    question = make("m", "multiple", choices=("a", "b", "c", "d", "e", "f"), answer=("a", "b"))
    seen = {present(question, random.Random(seed)).options for seed in range(10)}
    assert len(seen) > 1 and all(sorted(options) == list("abcdef") for options in seen)


def test_ordering_is_never_presented_solved_and_matching_offers_every_right_item():
    ordering = make("o", "ordering")
    for seed in range(30):
        options = present(ordering, random.Random(seed)).options
        assert list(options) != list(ordering.answer) and sorted(options) == sorted(ordering.answer)
    matching = make("m", "matching", choices=())
    shown = present(matching, random.Random(1))
    assert sorted(shown.options) == ["APT", "YUM", "pkg"]
    assert sorted(shown.lefts) == ["CentOS", "FreeBSD", "Ubuntu"]
    assert present(make("t", "true_false"), random.Random(1)).options == ("True", "False")


def test_modes_select_by_topic_lesson_and_mixed_size():
    assert topics(POOL) == list(TOPICS[:3])
    assert topics([make("x", topic="zeta"), make("y", topic="security")]) == ["security", "zeta"]
    assert {q.topic for q in by_topic(POOL, TOPICS[1])} == {TOPICS[1]} and len(by_topic(POOL, TOPICS[1])) == 4
    assert {q.id for q in by_lesson(POOL, "ubuntu")} == {f"q{i}" for i in range(1, 12, 2)}
    rng = random.Random(3)
    five = mixed(POOL, 5, rng)
    assert len(five) == 5 and len({q.id for q in five}) == 5
    assert len(mixed(POOL, 0, rng)) == len(POOL) == len(mixed(POOL, 99, rng))


def test_mode_choices_and_plans_from_a_curriculum(curriculum):
    choices = mode_choices(curriculum)
    keys = [choice.key for choice in choices]
    assert keys[0] == "mixed"
    for topic in topics(curriculum.questions):
        assert f"topic:{topic}" in keys
    for bank in curriculum.banks:
        assert f"bank:{bank.id}" in keys
    security = next(c for c in choices if c.key == "topic:security")
    plan = plan_for(security, exam=True, size=5, rng=random.Random(1))
    assert plan.exam and plan.mode == "topic" and plan.title.startswith("Exam")
    assert {q.topic for q in plan.questions} == {"security"}
    mixed_plan = plan_for(choices[0], exam=False, size=5, rng=random.Random(1))
    assert len(mixed_plan.questions) == min(5, len(curriculum.questions)) and not mixed_plan.exam
    assert mixed_plan.title == quiz_title("mixed", str(len(mixed_plan.questions)))
    assert plan.title == quiz_title("topic", "security", exam=True) == "Exam · Topic: security"


def test_a_topic_quiz_has_one_title_from_the_chooser_and_the_palette(curriculum):
    from oslearn.tui.commands import palette_targets

    class App:  # what palette_targets reads of the app
        def __init__(self):
            self.curriculum = curriculum
            self.started = []

        def start_quiz(self, title, questions, **options):
            self.started.append((title, options.get("mode")))

        def __getattr__(self, name):
            return lambda *args, **kwargs: None

    app = App()
    target = next(t for t in palette_targets(app) if t.name.startswith("Topic: security ("))
    target.run()
    chooser = plan_for(next(c for c in mode_choices(curriculum) if c.key == "topic:security"), exam=False, size=0,
                       rng=random.Random(1))
    assert app.started == [(chooser.title, "topic")] and chooser.title == "Topic: security"


def test_session_times_answers_scores_and_retries_the_wrong_ones():
    clock = FakeClock()
    questions = (make("a"), make("b", "true_false"), make("c", "typed"))
    session = QuizSession(QuizPlan("Test", questions, shuffle=False), random.Random(1), clock=clock)
    responses = {"a": "YUM", "b": False, "c": "apt-get"}
    for step, seconds in enumerate((4.0, 12.5, 30.0)):
        session.begin()
        clock.now += seconds
        item = session.current
        answer = session.answer(responses[item.question.id])
        assert answer.seconds == seconds
        with pytest.raises(RuntimeError):
            session.answer("again")
        assert session.advance() == (step < 2)
    result = session.result()
    assert session.finished and session.current is None
    assert (result.right, result.asked, result.percent) == (2, 3, 67)
    assert result.seconds == pytest.approx(46.5)
    assert [a.question.id for a in result.wrong] == ["b"] and result.wrong[0].shown == "False"
    retry = session.retry_plan()
    assert [q.id for q in retry.questions] == ["b"] and retry.mode == "retry" and retry.title == "Retry: Test"
    assert QuizSession(retry).retry_plan().title == "Retry: Test"


def test_advance_needs_an_answer_and_hints_mark_the_answer():
    session = QuizSession(QuizPlan("T", (make("a"), make("b")), shuffle=False), random.Random(2))
    session.begin()
    with pytest.raises(RuntimeError):
        session.advance()
    text = session.take_hint()
    assert text.startswith("It is not") and "YUM" not in text
    assert session.answer("YUM").hinted
    session.advance()
    session.begin()
    assert not session.answer("YUM").hinted


@pytest.mark.parametrize("kind,expect", [
    ("multiple", "2 of the 4"), ("typed", "“a” and has 3"), ("ordering", "“10.04”"),
    ("matching", "“Ubuntu” goes with “APT”"), ("true_false", "Ubuntu"),
])
def test_hints_narrow_without_giving_the_whole_answer(kind, expect):
    assert expect in hint(present(make("h", kind), random.Random(0)), random.Random(0))


def test_an_empty_plan_is_finished_at_once():
    session = QuizSession(QuizPlan("Empty", ()))
    assert session.finished and session.result().percent == 0
