"""The home screen: lessons with their completion, "continue where you left off", quizzes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from oslearn.tui.widgets.bars import completion_bar

ALL_QUESTIONS = "all"


class HomeScreen(Screen):
    """Lists lessons (Enter opens one) and quizzes (Enter starts one)."""

    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("l", "focus_lessons", "Lessons", show=False),
        Binding("z", "focus_quizzes", "Quizzes", show=False),
        Binding("t", "app.timeline", "Timeline"),
        Binding("f", "app.families", "Families"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="continue")
            yield Static(id="overall")
            yield Static("Lessons", classes="heading")
            yield OptionList(id="lessons")
            yield Static("Quizzes", classes="heading")
            yield OptionList(id="quizzes")
            yield Static(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        curriculum = self.app.curriculum
        quizzes = self.query_one("#quizzes", OptionList)
        total = len(curriculum.questions)
        quizzes.add_option(Option(f"All questions ({total})", id=ALL_QUESTIONS))
        for bank in curriculum.banks:
            quizzes.add_option(Option(f"{bank.title} ({len(bank.questions)})", id=f"bank:{bank.id}"))
        problems = curriculum.problems
        widget = self.query_one("#problems", Static)
        if problems:
            lines = "\n".join(f"  {problem}" for problem in problems[:5])
            more = f"\n  … and {len(problems) - 5} more (run `oslearn check`)" if len(problems) > 5 else ""
            widget.update(f"[b]Some content files could not be loaded:[/b]\n{lines}{more}")
        else:
            widget.display = False
        self.refresh_lessons()
        self._highlight_last_lesson()
        self.query_one("#lessons", OptionList).focus()

    def _highlight_last_lesson(self) -> None:
        """Put the lesson list's cursor on the lesson last read, so Enter resumes it too."""
        target = self._continue_target()
        lessons = self.query_one("#lessons", OptionList)
        if target is not None:
            lessons.highlighted = lessons.get_option_index(target[0].id)
        elif lessons.option_count:
            lessons.highlighted = 0

    def on_screen_resume(self) -> None:
        self.refresh_lessons()

    def refresh_lessons(self) -> None:
        """Redraw lesson completion and the continue line from the store."""
        store = self.app.store
        lessons = self.query_one("#lessons", OptionList)
        highlighted = lessons.highlighted
        lessons.clear_options()
        all_done = all_total = 0
        for lesson in self.app.curriculum.lessons:
            ids = {item.id for item in lesson.checklist}
            done = len(store.done_items(lesson.id) & ids)
            all_done, all_total = all_done + done, all_total + len(ids)
            mark = "✓" if ids and done == len(ids) else ("•" if done else " ")
            prompt = completion_bar(done, len(ids), width=5)
            prompt.append(f"  {mark} {lesson.title}")
            lessons.add_option(Option(prompt, id=lesson.id))
        if highlighted is not None and lessons.option_count:
            lessons.highlighted = min(highlighted, lessons.option_count - 1)
        self.query_one("#continue", Static).update(self._continue_text())
        self.query_one("#overall", Static).update(self._overall_text(all_done, all_total))

    def _overall_text(self, done: int, total: int):
        """Overall checklist completion as a bar, and how many questions were answered right."""
        right = {a.get("question") for a in self.app.store.attempts() if a.get("correct")}
        questions = {q.id for q in self.app.curriculum.questions}
        text = completion_bar(done, total, width=20, label=False)
        text.append(f" {done}/{total} checklist steps · {len(right & questions)}/{len(questions)} questions answered right")
        return text

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
        index = lesson.section_index(section_id)
        section = lesson.sections[index]
        return (f"Continue where you left off: [b]{lesson.title}[/b] › {section.title} "
                f"({index + 1}/{len(lesson.sections)})  press [b]c[/b]")

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
            target = self._continue_target()
            if lesson and target and target[0].id == lesson.id:
                self.app.open_lesson(*target)  # the lesson last read resumes at its section
            elif lesson:
                self.app.open_lesson(lesson)
        elif option_id == ALL_QUESTIONS:
            self.app.start_quiz("All questions", curriculum.questions)
        elif option_id.startswith("bank:"):
            for bank in curriculum.banks:
                if f"bank:{bank.id}" == option_id:
                    self.app.start_quiz(bank.title, bank.questions)
