"""The quiz screen: one question at a time, feedback with the explanation, then the score."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from oslearn.lessons import Question
from oslearn.lessons.quiz import grade

#: Question types this screen can ask.
SUPPORTED_TYPES = {"single", "true_false", "multiple", "typed"}


class QuizScreen(Screen):
    """Ask ``questions`` in order; record every answer in the progress store.

    Args:
        title: shown in the header (the bank's title or "All questions").
        questions: the questions to ask; types outside ``SUPPORTED_TYPES`` are skipped.
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "submit", "Answer / Next", priority=False),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(self, title: str, questions: list[Question]):
        super().__init__()
        self.quiz_title = title
        self.questions = [q for q in questions if q.type in SUPPORTED_TYPES]
        self.number = 0
        self.right = 0
        self.wrong: list[Question] = []
        self.answered = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz"):
            yield Static(id="status")
            yield Static(id="prompt")
            with Vertical(id="answer"):
                yield OptionList(id="choices")
                yield SelectionList(id="multi")
                yield Input(placeholder="Type your answer and press Enter", id="typed")
            yield Static(id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.quiz_title
        self.show_question()

    @property
    def question(self) -> Question:
        return self.questions[self.number]

    def show_question(self) -> None:
        """Lay out the current question and focus its answer widget."""
        question = self.question
        self.answered = False
        self.query_one("#status", Static).update(
            f"Question {self.number + 1} of {len(self.questions)} · {question.topic} · score {self.right}"
        )
        hint = {"multiple": "  [dim](choose every right answer with Space, then Enter)[/dim]",
                "typed": "", "single": "", "true_false": ""}[question.type]
        self.query_one("#prompt", Static).update(f"[b]{question.prompt}[/b]{hint}")
        feedback = self.query_one("#feedback", Static)
        feedback.update("")
        feedback.display = False
        choices = self.query_one("#choices", OptionList)
        multi = self.query_one("#multi", SelectionList)
        typed = self.query_one("#typed", Input)
        for widget in (choices, multi, typed):
            widget.display = False
            widget.disabled = False
        if question.type in ("single", "true_false"):
            options = ["True", "False"] if question.type == "true_false" else list(question.choices)
            choices.clear_options()
            choices.add_options([Option(f"{i}. {text}", id=text) for i, text in enumerate(options, 1)])
            choices.highlighted = 0
            choices.display = True
            choices.focus()
        elif question.type == "multiple":
            multi.clear_options()
            multi.add_options([Selection(f"{i}. {text}", text) for i, text in enumerate(question.choices, 1)])
            multi.display = True
            multi.focus()
        else:
            typed.value = ""
            typed.display = True
            typed.focus()

    # --- answering ------------------------------------------------------------------------

    def action_pick(self, number: int) -> None:
        if self.answered or not self.questions:
            return
        question = self.question
        if question.type in ("single", "true_false"):
            choices = self.query_one("#choices", OptionList)
            if number <= choices.option_count:
                choices.highlighted = number - 1
                self.submit_choice(choices.get_option_at_index(number - 1).id)
        elif question.type == "multiple" and number <= len(question.choices):
            self.query_one("#multi", SelectionList).toggle(question.choices[number - 1])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.answered:
            self.submit_choice(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.answered:
            self.answer(event.value)
        else:
            self.next_question()

    def submit_choice(self, text: str) -> None:
        if self.question.type == "true_false":
            self.answer(text == "True")
        else:
            self.answer(text)

    def action_submit(self) -> None:
        if self.answered:
            self.next_question()
        elif self.question.type == "multiple":
            self.answer(list(self.query_one("#multi", SelectionList).selected))

    def answer(self, response) -> None:
        """Grade ``response``, record it, and show the feedback."""
        question = self.question
        result = grade(question, response)
        self.answered = True
        shown = ", ".join(response) if isinstance(response, list) else str(response)
        self.app.save(self.app.store.record_attempt, question.id, result.correct, shown)
        if result.correct:
            self.right += 1
            verdict = "[b green]✓ Right.[/b green]"
        else:
            self.wrong.append(question)
            verdict = f"[b red]✗ Not quite.[/b red] The answer is: [b]{result.expected}[/b]"
        for selector in ("#choices", "#multi", "#typed"):
            self.query_one(selector).disabled = True
        feedback = self.query_one("#feedback", Static)
        feedback.update(
            f"{verdict}\n\n{question.explanation}\n\n[dim]Source: {question.source.label()}[/dim]\n\n"
            "[b]Enter[/b]: next question"
        )
        feedback.display = True
        self.query_one("#status", Static).update(
            f"Question {self.number + 1} of {len(self.questions)} · {question.topic} · score {self.right}"
        )
        self.focus_next_after_answer()

    def focus_next_after_answer(self) -> None:
        self.set_focus(None)

    def next_question(self) -> None:
        if self.number + 1 < len(self.questions):
            self.number += 1
            self.show_question()
        else:
            self.show_score()

    def show_score(self) -> None:
        """Replace the quiz with the final score and the questions answered wrong."""
        total = len(self.questions)
        lines = [f"[b]Score: {self.right} of {total}[/b] ({round(100 * self.right / total)}%)", ""]
        if self.wrong:
            lines.append("To review:")
            lines += [f"  • {q.prompt}\n    [dim]{q.explanation}[/dim]" for q in self.wrong]
        else:
            lines.append("Every answer right.")
        lines += ["", "[b]Escape[/b]: back to the lessons"]
        self.query_one("#status", Static).update(f"{self.quiz_title}: finished")
        self.query_one("#prompt", Static).update("\n".join(lines))
        self.query_one("#answer").display = False
        self.query_one("#feedback").display = False
        self.answered = True
        self.number = total

    def action_back(self) -> None:
        self.app.pop_screen()
