"""The quiz screen: one question at a time, every question type, feedback that explains.

Keyboard first. Each question type has its own answer widget (``oslearn.tui.widgets.answers``,
mapped by type in one place) that takes the keys that build an answer and posts
``Answered``; Enter submits, whatever the type:

- single choice and true/false: a number (or ↑/↓; ``t``/``f`` for true/false) then Enter;
- multiple answer: numbers or Space tick choices, Backspace unticks, Enter submits;
- typed and command: type, Enter;
- ordering: press the items' numbers in the right order (or ↑/↓ and Enter to place the
  highlighted one), Backspace takes the last one back, Enter submits once all are placed;
- matching: ↑/↓ picks a left item, a number (or ←/→) gives it its match, Backspace
  clears it, Enter submits once every item has one.

After each answer (not in exam mode): marks per choice, position or pair, right or wrong,
the right answer, what was wrong in words, the explanation, the source in words, and ``l``
opens the lesson at the question's section; Escape there comes back here. Every answer is
saved at once (an attempt, and an FSRS review); the results screen follows the last
question. Question and content text reach the screen as ``Content``, never as markup.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from oslearn.lessons.model import citation
from oslearn.lessons.session import Answer, Presented, QuizSession
from oslearn.tui.widgets.answers import AnswerWidget, Answered, widget_for
from oslearn.tui.widgets.footer import FittingFooter
from oslearn.tui.widgets.prose import prose


def explain(app, answer: Answer) -> Content:
    """Return the feedback for ``answer`` as ``Content``: verdict, the learner's answer and
    the right one, what was wrong (the grade's note), the explanation, the source in words
    and where to read more."""
    question = answer.question
    grade = answer.grade
    if grade.correct:
        verdict = Content.styled("✓ Right.", "bold $text-success")
    else:
        part = f" ({round(100 * grade.score)}% of it right)" if 0 < grade.score < 1 else ""
        verdict = Content.assemble((f"✗ Not quite{part}.", "bold $text-error"), " You answered: ", answer.shown)
    lines = [verdict, Content.assemble("The answer is: ", (grade.expected, "bold"))]
    if grade.note:
        lines.append(Content(grade.note))
    lines += [Content(""), prose(question.explanation), Content(""),
              Content.styled(f"Source: {citation(question.source)}", "dim")]
    where = app.section_title(question)
    if where:
        lines.append(Content.styled(f"Read more: {where} (press l)", "dim"))
    return Content("\n").join(lines)


class QuizScreen(Screen):
    """Ask the questions of ``session``; save every answer; show the results at the end.

    Args:
        session: the quiz (``oslearn.lessons.session.QuizSession``), already shuffled.
    """

    CSS_PATH = "../quiz.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "submit", "Answer / Next", priority=True),
        # Ctrl+T gives a hint on every question, so the footer names that key; h does too
        # where letters do not type an answer (an answer box takes printable keys first).
        Binding("ctrl+t", "hint", "Hint"),
        Binding("h", "hint", "Hint", show=False),
        Binding("l", "lesson", "Lesson"),
    ]

    def __init__(self, session: QuizSession):
        super().__init__()
        self.session = session
        self.answer_widget: AnswerWidget | None = None

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
            yield Vertical(id="answer")
            yield Static(id="hint")
            yield Static(id="feedback")
        yield FittingFooter(compact=True)

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
        topic = f" · {item.question.topic}" if item else ""
        if session.exam:
            return f"Question {number} of {len(session.items)}{topic} · exam: feedback at the end"
        return f"Question {number} of {len(session.items)}{topic} · {session.result().right} right so far"

    def show_question(self) -> None:
        """Lay out the current question with its type's answer widget, focus it and start
        its timer."""
        item = self.item
        widget = widget_for(item)
        self.query_one("#status", Static).update(Content(self._status()))
        self.query_one("#prompt", Static).update(
            Content.assemble(prose(item.question.prompt, "bold"), "\n", (widget.INSTRUCTIONS, "dim")))
        for selector in ("#hint", "#feedback"):
            box = self.query_one(selector, Static)
            box.update("")
            box.display = False
        holder = self.query_one("#answer", Vertical)
        holder.remove_children()
        holder.mount(widget)
        self.answer_widget = widget
        widget.call_after_refresh(widget.focus_answer)
        self.query_one("#quiz", VerticalScroll).scroll_home(animate=False)
        self.session.begin()
        self.refresh_bindings()

    # --- keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Show only the keys that do something now."""
        item = self.item
        waiting = item is not None and not self.session.answered
        if action == "hint":
            return waiting and not self.session.exam
        if action == "lesson":
            return item is not None and self.session.answered and not self.session.exam and bool(item.question.lesson)
        return True

    def action_hint(self) -> None:
        if self.item is None or self.session.answered or self.session.exam:
            return
        widget = self.query_one("#hint", Static)
        widget.update(Content.assemble(("Hint:", "bold"), " ", self.session.take_hint()))
        widget.display = True

    def action_submit(self) -> None:
        """Enter: submit the answer (the answer widget posts ``Answered`` when it is
        complete), or go on to the next question once answered."""
        if self.item is None:
            return
        if self.session.answered:
            self.next_question()
        elif self.answer_widget is not None:
            if getattr(self.answer_widget, "entering_text", False):
                raise SkipAction()  # the focused input box submits, after the keys before Enter
            self.answer_widget.submit()

    def on_answered(self, message: Answered) -> None:
        """The answer widget holds a complete answer: grade and save it."""
        message.stop()
        if self.item is not None and not self.session.answered:
            self.answer(message.response)

    # --- answering --------------------------------------------------------------------------

    def answer(self, response) -> Answer:
        """Grade ``response``, save it (attempt and FSRS review), then show the marks and
        the feedback, or in exam mode go straight on."""
        answer = self.session.answer(response)
        question = answer.question
        app = self.app
        app.save(app.course.record_answer, question, answer.grade.correct, answer.shown, answer.seconds,
                 answer.hinted)
        if self.session.exam:
            self.next_question()
            return answer
        if self.answer_widget is not None:
            self.answer_widget.show_result(answer)
        # The instructions are done with: the question alone stays above the feedback.
        self.query_one("#prompt", Static).update(prose(question.prompt, "bold"))
        feedback = self.query_one("#feedback", Static)
        feedback.update(Content.assemble(explain(app, answer), "\n", ("Enter", "bold"), ": next question"))
        feedback.display = True
        self.query_one("#status", Static).update(Content(self._status()))
        # The view takes the keys now: ↑↓, Page Up/Down, Home and End scroll the question and
        # its feedback (Enter, the screen's, goes on), starting at the feedback.
        self.query_one("#quiz", VerticalScroll).focus(scroll_visible=False)
        self.call_after_refresh(self._scroll_to_feedback)
        self.refresh_bindings()
        return answer

    def _scroll_to_feedback(self, tries: int = 20) -> None:
        """Scroll the feedback into view once it is laid out: all of it if it fits, else
        from its start. (Hidden before, it has no region until then; try again after the
        next refresh, a few times at most.)"""
        feedback = self.query_one("#feedback", Static)
        if not feedback.display or not self.is_attached or not self.session.answered:
            return
        if not feedback.region:
            if tries:
                self.call_after_refresh(self._scroll_to_feedback, tries - 1)
            return
        self.query_one("#quiz", VerticalScroll).scroll_to_widget(feedback, animate=False)

    def next_question(self) -> None:
        """Go on to the next question, or to the results after the last."""
        if self.session.advance():
            self.show_question()
        else:
            self.finish()

    def finish(self) -> None:
        """Save the score to the history and replace this screen with the results."""
        self.app.show_results(self.session)

    def action_lesson(self) -> None:
        item = self.item
        if item is not None and self.session.answered and not self.session.exam:
            self.app.open_question_lesson(item.question)

    def action_back(self) -> None:
        """Leave the quiz; the answers given so far are already saved."""
        self.app.pop_screen()

