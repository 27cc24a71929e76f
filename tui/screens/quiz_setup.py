"""The quiz mode chooser: a mixed quiz of N questions, a topic, a lesson or a bank, as a
practice quiz or an exam (feedback only at the end)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from oslearn.lessons.session import MIXED_SIZES, ModeChoice, QuizPlan, mode_choices, plan_for
from oslearn.tui.widgets.footer import FittingFooter


class QuizSetupScreen(ModalScreen[QuizPlan | None]):
    """Choose a quiz. Dismisses with the ``QuizPlan`` chosen, or ``None`` on Escape.

    Keys: ↑↓ and Enter choose; ``x`` switches exam mode; ``+``/``-`` change the size of the
    mixed quiz.
    """

    CSS_PATH = "../quiz.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Back"),
        Binding("x", "toggle_exam", "Exam on/off"),
        Binding("plus,equals_sign", "size(1)", "More", key_display="+"),
        Binding("minus", "size(-1)", "Fewer", key_display="-"),
    ]

    def __init__(self):
        super().__init__()
        self.exam = False
        self.size_index = MIXED_SIZES.index(10)
        self.choices: list[ModeChoice] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="setup"):
            with Vertical(id="setup-head"):
                yield Static("[b]Choose a quiz[/b]", id="setup-title")
                yield Static(id="setup-settings")
            yield OptionList(id="modes")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.choices = mode_choices(self.app.curriculum)
        modes = self.query_one("#modes", OptionList)
        group = None
        for index, choice in enumerate(self.choices):
            if choice.group != group:
                group = choice.group
                # Group, topic, lesson and bank names come from content files: Content, never markup.
                modes.add_option(Option(Content.styled(group, "bold $accent"), id=f"group:{group}", disabled=True))
            modes.add_option(Option(self._label(choice), id=str(index)))
        modes.highlighted = 1 if modes.option_count > 1 else None
        modes.focus()
        self._draw_settings()

    @property
    def mixed_size(self) -> int:
        """Questions in the mixed quiz (``0``: all)."""
        return MIXED_SIZES[self.size_index]

    def _label(self, choice: ModeChoice) -> Content:
        total = len(choice.questions)
        if choice.key == "mixed":
            count = total if self.mixed_size == 0 else min(self.mixed_size, total)
            return Content(f"  Mixed quiz: {count} of {total} questions, from every bank")
        return Content.assemble("  ", choice.label, f" ({total})")

    def _draw_settings(self) -> None:
        exam = "[b]on[/b]: feedback only at the end" if self.exam else "[b]off[/b]: feedback after each answer"
        size = "all" if self.mixed_size == 0 else str(self.mixed_size)
        self.query_one("#setup-settings", Static).update(
            f"Exam mode {exam} (x) · mixed quiz size [b]{size}[/b] (+/-)"
        )
        modes = self.query_one("#modes", OptionList)
        for index, choice in enumerate(self.choices):
            if choice.key == "mixed":
                modes.replace_option_prompt(str(index), self._label(choice))

    def action_toggle_exam(self) -> None:
        self.exam = not self.exam
        self._draw_settings()

    def action_size(self, step: int) -> None:
        self.size_index = max(0, min(len(MIXED_SIZES) - 1, self.size_index + step))
        self._draw_settings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if not option_id.isdigit():
            return
        choice = self.choices[int(option_id)]
        self.dismiss(plan_for(choice, exam=self.exam, size=self.mixed_size, rng=self.app.rng))

    def action_cancel(self) -> None:
        self.dismiss(None)
