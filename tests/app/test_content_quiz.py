"""The built-in questions in the quiz screen: for each type, the questions most likely to
strain it (most choices or pairs, longest text) are answered right by keyboard at 80x24,
and the right ones are graded right. (All 100 pass the same way; a full run takes over a
minute, so the suite samples.)"""

from __future__ import annotations

from oslearn.lessons import QUESTION_TYPES, load_curriculum
from oslearn.lessons.session import QuizPlan
from oslearn.tui.screens.quiz import QuizScreen

from support.quiz import feedback, keys_for


def _strain(question) -> tuple[int, int]:
    items = len(question.answer) if question.type in ("matching", "ordering") else len(question.choices)
    text = len(question.prompt) + sum(len(choice) for choice in question.choices)
    return items, text


def _sample() -> list:
    questions = load_curriculum().questions
    chosen = []
    for kind in QUESTION_TYPES:
        of_kind = sorted((q for q in questions if q.type == kind), key=_strain, reverse=True)
        chosen += of_kind[:1] + sorted(of_kind, key=lambda q: _strain(q)[1], reverse=True)[:1]
    return list({q.id: q for q in chosen}.values())


async def test_built_in_questions_can_be_answered_in_the_quiz_screen(make_app, store):
    sample = _sample()
    assert {q.type for q in sample} == set(QUESTION_TYPES)
    app = make_app(store=store, seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_plan(QuizPlan("sample", tuple(sample), mode="bank"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for _ in sample:
            item = screen.item
            await pilot.press(*keys_for(item, right=True))
            shown = feedback(app)
            assert "✓ Right" in shown, (item.question.id, shown[:120])
            assert item.question.explanation[:25] in shown.replace("\n", " ")
            await pilot.press("enter")
    attempts = store.attempts()
    assert sorted((a["question"], a["correct"]) for a in attempts) == sorted((q.id, True) for q in sample)
