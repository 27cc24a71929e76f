"""The quiz screen: one question at a time, every question type, feedback that explains.

Keyboard first. Number keys pick a choice and Enter submits, whatever the type:

- single choice and true/false: a number (or ↑/↓; ``t``/``f`` for true/false) then Enter;
- multiple answer: numbers or Space tick choices, Enter submits;
- typed: type, Enter;
- ordering: press the items' numbers in the right order (or ↑/↓ and Enter to place the
  highlighted one), Backspace takes the last one back, Enter submits once all are placed;
- matching: ↑/↓ picks a left item, a number (or ←/→) gives it its match, Backspace
  clears it, Enter submits once every item has one.

After each answer (not in exam mode): right or wrong, the right answer, the explanation, the
source, and ``l`` opens the lesson at the question's section; Escape there comes back here.
Every answer is saved at once (an attempt, and an FSRS review); the results screen follows
the last question.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from oslearn.lessons.session import Answer, Presented, QuizSession

INSTRUCTIONS = {
    "single": "Press a number (or ↑↓) to pick, then Enter.",
    "true_false": "Press 1 or t for True, 2 or f for False, then Enter.",
    "multiple": "Tick every right answer with its number or Space, then press Enter.",
    "typed": "Type your answer and press Enter.",
    "command": "Type the command you would run and press Enter.",
    "ordering": "Press the numbers in the right order (or ↑↓ and Enter). Backspace takes one back; "
                "Enter submits when all are placed.",
    "matching": "↑↓ picks an item, its match's number (or ←→) matches it, Backspace clears it; "
                "Enter submits when all are matched.",
}


def section_title(app, question) -> str:
    """Return the title of the lesson section ``question`` points at, or ``""``."""
    lesson = app.curriculum.lesson(question.lesson) if question.lesson else None
    if lesson is None:
        return ""
    sections = lesson.sections
    if not sections:
        return lesson.title
    return f"{lesson.title} › {sections[lesson.section_index(question.section)].title}"


def open_question_lesson(app, question) -> None:
    """Push the lesson screen at the section ``question`` comes from (Escape returns)."""
    lesson = app.curriculum.lesson(question.lesson) if question.lesson else None
    if lesson is None:
        app.notify("This question does not point at a lesson.", severity="warning")
        return
    app.open_lesson(lesson, question.section)


def explain(app, answer: Answer) -> str:
    """Return the feedback for ``answer`` as Textual markup: verdict, the learner's answer
    and the right one, the explanation, the source and where to read more."""
    question = answer.question
    if answer.grade.correct:
        verdict = "[b $success]✓ Right.[/]"
    else:
        part = f" ({round(100 * answer.grade.score)}% of it right)" if 0 < answer.grade.score < 1 else ""
        verdict = f"[b $error]✗ Not quite{part}.[/] You answered: {escape(answer.shown)}"
    lines = [verdict, f"The answer is: [b]{escape(answer.grade.expected)}[/b]"]
    if answer.grade.note:
        lines.append(escape(answer.grade.note))
    lines += ["",
             escape(question.explanation), "", f"[dim]Source: {escape(question.source.label())}[/dim]"]
    where = section_title(app, question)
    if where:
        lines.append(f"[dim]Read more: {escape(where)} (press l)[/dim]")
    return "\n".join(lines)


class QuizScreen(Screen):
    """Ask the questions of ``session``; save every answer; show the results at the end.

    Args:
        session: the quiz (``oslearn.lessons.session.QuizSession``), already shuffled.
    """

    CSS_PATH = "../quiz.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "submit", "Answer / Next", priority=True),
        Binding("h", "hint", "Hint"),
        Binding("ctrl+t", "hint_typed", "Hint"),
        Binding("l", "lesson", "Lesson"),
        Binding("t", "true_false(True)", "True", show=False),
        Binding("f", "true_false(False)", "False", show=False),
        Binding("backspace", "undo", "Undo", show=False),
        Binding("left", "cycle(-1)", "Previous match", show=False),
        Binding("right", "cycle(1)", "Next match", show=False),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(self, session: QuizSession):
        super().__init__()
        self.session = session
        self.placed: list[str] = []
        self.matches: dict[str, str] = {}

    @property
    def questions(self) -> list:
        """The questions in the order they are asked."""
        return [item.question for item in self.session.items]

    @property
    def item(self) -> Presented | None:
        """The question on screen, or ``None`` when the quiz is over."""
        return self.session.current

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz"):
            yield Static(id="status")
            yield Static(id="prompt")
            with Vertical(id="answer"):
                yield OptionList(id="choices")
                yield SelectionList(id="multi")
                yield Input(placeholder="Type your answer and press Enter", id="typed")
                yield OptionList(id="pairs")
                yield Static(id="placed")
            yield Static(id="hint")
            yield Static(id="feedback")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.session.title
        if self.session.finished:
            self.finish()
        else:
            self.show_question()

    # --- showing --------------------------------------------------------------------------

    def _status(self) -> str:
        session = self.session
        item = self.item
        number = min(session.index + 1, len(session.items))
        topic = f" · {escape(item.question.topic)}" if item else ""
        if session.exam:
            return f"Question {number} of {len(session.items)}{topic} · exam: feedback at the end"
        return f"Question {number} of {len(session.items)}{topic} · {session.result().right} right so far"

    def show_question(self) -> None:
        """Lay out the current question, focus its answer widget and start its timer."""
        item = self.item
        question = item.question
        kind = question.type
        self.placed = []
        self.matches = {}
        self.query_one("#status", Static).update(self._status())
        self.query_one("#prompt", Static).update(
            f"[b]{escape(question.prompt)}[/b]\n[dim]{INSTRUCTIONS[kind]}[/dim]"
        )
        for selector in ("#hint", "#feedback", "#placed"):
            widget = self.query_one(selector, Static)
            widget.update("")
            widget.display = False
        choices = self.query_one("#choices", OptionList)
        multi = self.query_one("#multi", SelectionList)
        typed = self.query_one("#typed", Input)
        pairs = self.query_one("#pairs", OptionList)
        for widget in (choices, multi, typed, pairs):
            widget.display = False
            widget.disabled = False
        if kind in ("single", "true_false"):
            choices.clear_options()
            choices.add_options([Option(f"{i}. {escape(text)}", id=str(i - 1))
                                 for i, text in enumerate(item.options, 1)])
            choices.highlighted = None
            choices.display = True
            choices.focus()
        elif kind == "multiple":
            multi.clear_options()
            multi.add_options([Selection(f"{i}. {escape(text)}", text) for i, text in enumerate(item.options, 1)])
            multi.highlighted = 0
            multi.display = True
            multi.focus()
        elif kind in ("typed", "command"):
            typed.value = ""
            typed.display = True
            typed.focus()
        elif kind == "ordering":
            choices.display = True
            self.query_one("#placed", Static).display = True
            self._draw_ordering()
            choices.focus()
        elif kind == "matching":
            pairs.display = True
            self.query_one("#placed", Static).display = True
            self._draw_matching(0)
            pairs.focus()
        self.query_one("#quiz", VerticalScroll).scroll_home(animate=False)
        self.session.begin()
        self.refresh_bindings()

    def _draw_ordering(self) -> None:
        item = self.item
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        for i, text in enumerate(item.options, 1):
            placed = text in self.placed
            where = f"  [b]✓ placed {self.placed.index(text) + 1}[/b]" if placed else ""
            choices.add_option(Option(f"{i}. {escape(text)}{where}", id=str(i - 1), disabled=placed))
        left = [i for i, text in enumerate(item.options) if text not in self.placed]
        choices.highlighted = left[0] if left else None
        order = "  ".join(f"{n}) {escape(text)}" for n, text in enumerate(self.placed, 1)) or "nothing placed yet"
        done = "  [b]Enter[/b] submits." if not left else ""
        self.query_one("#placed", Static).update(f"Your order: {order}{done}")

    def _draw_matching(self, highlight: int) -> None:
        item = self.item
        pairs = self.query_one("#pairs", OptionList)
        pairs.clear_options()
        for left in item.lefts:
            right = self.matches.get(left)
            shown = escape(right) if right else "[dim]…[/dim]"
            pairs.add_option(Option(f"{escape(left)}  →  {shown}", id=left))
        pairs.highlighted = max(0, min(highlight, len(item.lefts) - 1))
        legend = "   ".join(f"[b]{i}[/b] {escape(text)}" for i, text in enumerate(item.options, 1))
        done = "\n[b]Enter[/b] submits." if len(self.matches) == len(item.lefts) else ""
        self.query_one("#placed", Static).update(f"Matches: {legend}{done}")

    # --- keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Show only the keys that do something now."""
        item = self.item
        waiting = item is not None and not self.session.answered
        kind = item.question.type if item else ""
        if action == "hint":
            return waiting and not self.session.exam and kind not in ("typed", "command")
        if action == "hint_typed":
            return waiting and not self.session.exam and kind in ("typed", "command")
        if action == "lesson":
            return item is not None and self.session.answered and not self.session.exam and bool(item.question.lesson)
        return True

    def action_pick(self, number: int) -> None:
        item = self.item
        if item is None or self.session.answered or number > len(item.options):
            return
        kind = item.question.type
        index = number - 1
        if kind in ("single", "true_false"):
            self.query_one("#choices", OptionList).highlighted = index
        elif kind == "multiple":
            multi = self.query_one("#multi", SelectionList)
            multi.toggle(item.options[index])
            multi.highlighted = index
        elif kind == "ordering":
            self._place(item.options[index])
        elif kind == "matching":
            pairs = self.query_one("#pairs", OptionList)
            if pairs.highlighted is not None:
                self._match(pairs.highlighted, item.options[index], advance=True)

    def action_true_false(self, value: bool) -> None:
        if self.item is not None and self.item.question.type == "true_false" and not self.session.answered:
            self.query_one("#choices", OptionList).highlighted = 0 if value else 1

    def _place(self, text: str) -> None:
        if text not in self.placed:
            self.placed.append(text)
            self._draw_ordering()

    def _match(self, index: int, right: str, advance: bool) -> None:
        item = self.item
        self.matches[item.lefts[index]] = right
        following = index
        if advance:
            unmatched = [i for i, left in enumerate(item.lefts) if left not in self.matches]
            after = [i for i in unmatched if i > index]
            following = (after or unmatched or [index])[0]
        self._draw_matching(following)

    def action_undo(self) -> None:
        item = self.item
        if item is None or self.session.answered:
            return
        if item.question.type == "ordering" and self.placed:
            self.placed.pop()
            self._draw_ordering()
        elif item.question.type == "matching":
            pairs = self.query_one("#pairs", OptionList)
            if pairs.highlighted is not None:
                self.matches.pop(item.lefts[pairs.highlighted], None)
                self._draw_matching(pairs.highlighted)

    def action_cycle(self, step: int) -> None:
        item = self.item
        if item is None or self.session.answered or item.question.type != "matching" or not item.options:
            return
        pairs = self.query_one("#pairs", OptionList)
        if pairs.highlighted is None:
            return
        current = self.matches.get(item.lefts[pairs.highlighted])
        index = item.options.index(current) + step if current in item.options else (0 if step > 0 else -1)
        self._match(pairs.highlighted, item.options[index % len(item.options)], advance=False)

    def action_hint(self) -> None:
        if self.item is None or self.session.answered or self.session.exam:
            return
        widget = self.query_one("#hint", Static)
        widget.update(f"[b]Hint:[/b] {escape(self.session.take_hint())}")
        widget.display = True

    def action_hint_typed(self) -> None:
        self.action_hint()

    def action_submit(self) -> None:
        """Enter: submit the answer, or go on to the next question once answered."""
        item = self.item
        if item is None:
            return
        if self.session.answered:
            self.next_question()
            return
        response = self._response(item)
        if response is not None:
            self.answer(response)

    def _response(self, item: Presented):
        """Return the response the widgets hold, or ``None`` (with a note) when incomplete."""
        kind = item.question.type
        if kind in ("single", "true_false"):
            highlighted = self.query_one("#choices", OptionList).highlighted
            if highlighted is None:
                self.notify("Pick an answer first: press its number.", timeout=3)
                return None
            text = item.options[highlighted]
            return text == "True" if kind == "true_false" else text
        if kind == "multiple":
            chosen = list(self.query_one("#multi", SelectionList).selected)
            if not chosen:
                self.notify("Tick at least one answer first (its number or Space).", timeout=3)
                return None
            return [text for text in item.options if text in chosen]
        if kind in ("typed", "command"):
            value = self.query_one("#typed", Input).value
            if not value.strip():
                self.notify("Type an answer first.", timeout=3)
                return None
            return value
        if kind == "ordering":
            if len(self.placed) < len(item.options):
                highlighted = self.query_one("#choices", OptionList).highlighted
                if highlighted is not None:
                    self._place(item.options[highlighted])
                return None
            return list(self.placed)
        if kind == "matching":
            missing = len(item.lefts) - len(self.matches)
            if missing:
                self.notify(f"Match every item first ({missing} left).", timeout=3)
                return None
            return dict(self.matches)
        return None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A mouse click on an ordering item places it (the keyboard's Enter is the screen's)."""
        event.stop()
        item = self.item
        if item is not None and not self.session.answered and item.question.type == "ordering":
            self._place(item.options[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    # --- answering --------------------------------------------------------------------------

    def answer(self, response) -> Answer:
        """Grade ``response``, save it (attempt and FSRS review), then show the feedback, or
        in exam mode go straight on."""
        answer = self.session.answer(response)
        question = answer.question
        app = self.app
        if app.save(app.store.record_attempt, question.id, answer.grade.correct, answer.shown):
            app.save(app.reviews.record_answer, question.id, question.type, answer.grade.correct,
                     answer.seconds, answer.hinted)
        if self.session.exam:
            self.next_question()
            return answer
        self._mark_options(answer)
        for selector in ("#choices", "#multi", "#typed", "#pairs"):
            self.query_one(selector).disabled = True
        # The instructions are done with: the question alone stays above the feedback.
        self.query_one("#prompt", Static).update(f"[b]{escape(question.prompt)}[/b]")
        feedback = self.query_one("#feedback", Static)
        feedback.update(explain(app, answer) + "\n[b]Enter[/b]: next question")
        feedback.display = True
        self.query_one("#status", Static).update(self._status())
        self.set_focus(None)
        self.call_after_refresh(feedback.scroll_visible, animate=False)
        self.refresh_bindings()
        return answer

    def _mark_options(self, answer: Answer) -> None:
        """Mark the right choices ✓ and the learner's wrong ones ✗ (choice questions)."""
        item = answer.item
        question = item.question
        if question.type == "true_false":
            right = {"True" if question.answer else "False"}
            chosen = {"True" if answer.response else "False"}
        elif question.type == "single":
            right, chosen = {question.answer}, {answer.response}
        elif question.type == "multiple":
            right, chosen = set(question.answer), set(answer.response)
        else:
            return
        widget = self.query_one("#multi" if question.type == "multiple" else "#choices", OptionList)
        for index, text in enumerate(item.options):
            mark = "[$success]✓[/]" if text in right else ("[$error]✗[/]" if text in chosen else " ")
            widget.replace_option_prompt_at_index(index, f"{mark} {index + 1}. {escape(text)}")

    def next_question(self) -> None:
        """Go on to the next question, or to the results after the last."""
        if self.session.advance():
            self.show_question()
        else:
            self.finish()

    def finish(self) -> None:
        """Save the score to the history and replace this screen with the results."""
        from oslearn.tui.screens.results import ResultsScreen

        result = self.session.result()
        if result.answers:
            self.app.save(self.app.reviews.record_quiz, result.title, result.mode, result.exam,
                          result.right, result.asked, result.seconds)
        self.app.switch_screen(ResultsScreen(self.session))

    def action_lesson(self) -> None:
        item = self.item
        if item is not None and self.session.answered and not self.session.exam:
            open_question_lesson(self.app, item.question)

    def action_back(self) -> None:
        """Leave the quiz; the answers given so far are already saved."""
        self.app.pop_screen()


def due_review_plan(app):
    """Return a plan of the questions due for FSRS review now, most overdue first (an
    ``oslearn.lessons.session.QuizPlan``; empty when nothing is due)."""
    from oslearn.lessons.session import QuizPlan

    by_id = {question.id: question for question in app.curriculum.questions}
    due = app.reviews.due(by_id)
    return QuizPlan(f"Due reviews ({len(due)})", tuple(by_id[qid] for qid in due), mode="review", shuffle=False)


def start_due_reviews(app) -> None:
    """Start a quiz of the reviews due now, or say when the next one is due."""
    plan = due_review_plan(app)
    if plan.questions:
        app.start_plan(plan)
        return
    upcoming = app.reviews.next_due([question.id for question in app.curriculum.questions])
    when = f" The next one is due {upcoming.astimezone():%a %d %b %H:%M}." if upcoming else ""
    app.notify(f"No reviews are due.{when}", timeout=5)
