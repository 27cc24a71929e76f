"""The home screen: lessons with their completion, "continue where you left off", quizzes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

ALL_QUESTIONS = "all"
QUIZ_MODES = "modes"


class HomeScreen(Screen):
    """Lists lessons (Enter opens one) and quizzes (Enter starts one)."""

    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("l", "focus_lessons", "Lessons"),
        Binding("z", "focus_quizzes", "Quizzes"),
        Binding("r", "reviews", "Review"),
        Binding("m", "quiz_modes", "Quiz modes", show=False),
        Binding("p", "progress", "Progress"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="continue")
            yield Static(id="reviews")
            yield Static("Lessons", classes="heading")
            yield OptionList(id="lessons")
            yield Static("Quizzes", classes="heading")
            yield OptionList(id="quizzes")
            yield Static(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        curriculum = self._shown = self.app.curriculum
        quizzes = self.query_one("#quizzes", OptionList)
        total = len(curriculum.questions)
        quizzes.add_option(Option(f"All questions ({total})", id=ALL_QUESTIONS))
        for bank in curriculum.banks:
            quizzes.add_option(Option(f"{bank.title} ({len(bank.questions)})", id=f"bank:{bank.id}"))
        quizzes.add_option(Option("More: by topic or lesson, mixed, exam… (m)", id=QUIZ_MODES))
        problems = curriculum.problems
        widget = self.query_one("#problems", Static)
        if problems:
            lines = "\n".join(f"  {problem}" for problem in problems[:5])
            more = f"\n  … and {len(problems) - 5} more (run `oslearn check`)" if len(problems) > 5 else ""
            widget.update(f"[b]Some content files could not be loaded:[/b]\n{lines}{more}")
        else:
            widget.display = False
        self.refresh_lessons()
        self.set_interval(60, self.refresh_reviews)
        self.query_one("#lessons", OptionList).focus()

    def on_screen_resume(self) -> None:
        if self._shown is not self.app.curriculum:  # lessons were reloaded (F5) meanwhile
            self.app.switch_screen(HomeScreen())
            return
        self.refresh_lessons()

    # --- reviews, quiz modes, progress ----------------------------------------------------------

    def refresh_reviews(self) -> None:
        """Redraw the due-review line from the store."""
        from oslearn.tui.screens.quiz import reviews_line

        self.query_one("#reviews", Static).update(reviews_line(self.app))

    def action_reviews(self) -> None:
        from oslearn.tui.screens.quiz import start_due_reviews

        start_due_reviews(self.app)

    def action_quiz_modes(self) -> None:
        from oslearn.tui.screens.quiz_setup import QuizSetupScreen

        def start(plan) -> None:
            if plan is not None:
                self.app.start_plan(plan)

        self.app.push_screen(QuizSetupScreen(), start)

    def action_progress(self) -> None:
        from oslearn.tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def refresh_lessons(self) -> None:
        """Redraw lesson completion and the continue line from the store."""
        store = self.app.store
        lessons = self.query_one("#lessons", OptionList)
        highlighted = lessons.highlighted
        lessons.clear_options()
        for group, members in self._lesson_groups():
            if group:
                lessons.add_option(Option(Content.styled(group, "bold"), disabled=True))
            for lesson in members:
                ids = {item.id for item in lesson.checklist}
                done = len(store.done_items(lesson.id) & ids)
                mark = "✓" if ids and done == len(ids) else ("•" if done else " ")
                lessons.add_option(Option(Content(f"{mark} {done}/{len(ids)}  {lesson.title}"), id=lesson.id))
        if highlighted is not None and lessons.option_count:
            lessons.highlighted = min(highlighted, lessons.option_count - 1)
        self.query_one("#continue", Static).update(self._continue_text())
        self.refresh_reviews()

    def _lesson_groups(self) -> list[tuple[str, list]]:
        """``(heading, lessons)`` per curriculum when extra curricula are loaded
        (``--lessons``), else one group with no heading."""
        curriculum = self.app.curriculum
        parts = curriculum.parts
        if len(parts) < 2:
            return [("", list(curriculum.lessons))]
        groups = []
        for part in parts:
            members = [lesson for lesson in (curriculum.lesson(i) for i in part.lesson_ids) if lesson]
            groups.append((f"{part.title} ({len(members)})", members))
        return groups

    def _continue_target(self):
        position = self.app.store.position()
        if position is None:
            return None
        lesson = self.app.curriculum.lesson(position[0])
        return (lesson, position[1]) if lesson else None

    def _continue_text(self) -> str:
        target = self._continue_target()
        if target is None:
            return "Welcome. Pick a lesson and press Enter; [b]?[/b] shows every key."
        lesson, section_id = target
        section = lesson.sections[lesson.section_index(section_id)]
        return f"Continue where you left off: [b]{lesson.title}[/b] › {section.title}  (press [b]c[/b])"

    def action_continue(self) -> None:
        target = self._continue_target()
        if target is None:
            first = self.app.curriculum.lessons[:1]
            if first:
                self.app.open_lesson(first[0])
            return
        self.app.open_lesson(*target)

    def action_focus_lessons(self) -> None:
        self.query_one("#lessons", OptionList).focus()

    def action_focus_quizzes(self) -> None:
        self.query_one("#quizzes", OptionList).focus()

    def action_cursor_down(self) -> None:
        if isinstance(self.focused, OptionList):
            self.focused.action_cursor_down()

    def action_cursor_up(self) -> None:
        if isinstance(self.focused, OptionList):
            self.focused.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        curriculum = self.app.curriculum
        if event.option_list.id == "lessons":
            lesson = curriculum.lesson(option_id)
            if lesson:
                self.app.open_lesson(lesson)
        elif option_id == QUIZ_MODES:
            self.action_quiz_modes()
        elif option_id == ALL_QUESTIONS:
            self.app.start_quiz("All questions", curriculum.questions)
        elif option_id.startswith("bank:"):
            for bank in curriculum.banks:
                if f"bank:{bank.id}" == option_id:
                    self.app.start_quiz(bank.title, bank.questions)
