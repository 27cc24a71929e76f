"""The results screen: score, time taken, every wrong answer explained, retry the wrong ones."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from oslearn.lessons.model import citation
from oslearn.lessons.session import QuizSession
from oslearn.tui.widgets.footer import FittingFooter
from oslearn.tui.widgets.prose import prose


def duration_text(seconds: float) -> str:
    """Return ``seconds`` as ``"m:ss"`` (``"1:05"``), or ``"h:mm:ss"`` from an hour up."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ResultsScreen(Screen):
    """Show how a quiz went.

    Args:
        session: the finished (or abandoned) quiz.

    Keys: Enter or ``l`` opens the lesson section of the highlighted wrong answer; ``r``
    starts a quiz of only the questions answered wrong; Escape goes home.
    """

    CSS_PATH = "../quiz.tcss"
    BINDINGS = [
        Binding("escape", "back", "Home"),
        Binding("r", "retry", "Retry wrong ones"),
        Binding("l", "lesson", "Lesson"),
    ]

    def __init__(self, session: QuizSession):
        super().__init__()
        self.session = session
        self.result = session.result()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="results"):
            yield Static(id="score")
            yield OptionList(id="wrong")
            yield Static(id="results-hint", classes="hint")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        result = self.result
        self.sub_title = f"Results: {result.title}"
        unanswered = result.asked - len(result.answers)
        left = f" · {unanswered} not answered" if unanswered else ""
        exam = " · exam" if result.exam else ""
        self.query_one("#score", Static).update(Content.assemble(
            (f"Score: {result.right} of {result.asked} ({result.percent}%)", "bold"),
            f" · time {duration_text(result.seconds)}{exam}{left}"))
        wrong = self.query_one("#wrong", OptionList)
        for index, answer in enumerate(result.wrong):
            question = answer.question
            where = self.app.section_title(question)
            lines = [
                Content.assemble(("✗", "bold $text-error"), " ", prose(question.prompt, "bold")),
                Content.assemble("  You answered: ", answer.shown),
                Content.assemble("  The answer is: ", (answer.grade.expected, "bold")),
            ]
            if answer.grade.note:
                lines.append(Content(f"  {answer.grade.note}"))
            lines += [Content.assemble("  ", prose(question.explanation)),
                      Content.styled(f"  Source: {citation(question.source)}", "dim")]
            if where:
                lines.append(Content.styled(f"  Read more: {where}", "dim"))
            lines.append(Content(""))  # a blank line between entries
            wrong.add_option(Option(Content("\n").join(lines), id=str(index)))
        hint = self.query_one("#results-hint", Static)
        if result.wrong:
            wrong.highlighted = 0
            wrong.focus()
            hint.update("↑↓ picks a wrong answer · Enter or l reads its lesson section · "
                        "r retries the wrong ones · Escape goes home")
        else:
            wrong.display = False
            hint.update("Every answer right. Escape goes home." if result.answers
                        else "No question was answered. Escape goes home.")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """``r`` and ``l`` only when there are wrong answers."""
        if action in ("retry", "lesson"):
            return bool(self.result.wrong)
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.open_question_lesson(self.result.wrong[event.option_index].question)

    def action_lesson(self) -> None:
        highlighted = self.query_one("#wrong", OptionList).highlighted
        if self.result.wrong and highlighted is not None:
            self.app.open_question_lesson(self.result.wrong[highlighted].question)

    def action_retry(self) -> None:
        """Replace the results with a quiz of the questions answered wrong."""
        plan = self.session.retry_plan()
        if not plan.questions:
            return
        self.app.start_plan(plan, replace=True)

    def action_back(self) -> None:
        self.app.pop_screen()
