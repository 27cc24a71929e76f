"""The home screen: lessons with their completion, "continue where you left off", quizzes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.css.scalar import Unit
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from oslearn.tui.widgets.bars import completion_bar
from oslearn.tui.widgets.footer import StableFooter

ALL_QUESTIONS = "all"
QUIZ_MODES = "modes"


class HomeScreen(Screen):
    """Lists lessons (Enter opens one) and quizzes (Enter starts one)."""

    #: No automatic focus: ``on_mount`` focuses the lesson list without scrolling.
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("l", "focus_lessons", "Lessons", show=False),
        Binding("z", "focus_quizzes", "Quizzes", show=False),
        Binding("r", "reviews", "Review"),
        Binding("m", "quiz_modes", "Quiz modes", show=False),
        Binding("p", "progress", "Progress"),
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
            yield Static(id="reviews")
            yield Static("Lessons", classes="heading")
            yield OptionList(id="lessons")
            yield Static("Quizzes", classes="heading")
            yield OptionList(id="quizzes")
            yield Static(id="problems")
        yield StableFooter(compact=True)

    #: Whether the screen has been resumed once (the first resume follows ``on_mount``).
    _resumed = False
    #: The rows shown in the lesson list: ``(lesson id or None for a heading, marks)``.
    _rows: list | None = None

    def on_mount(self) -> None:
        curriculum = self._shown = self.app.curriculum
        quizzes = self.query_one("#quizzes", OptionList)
        from oslearn.lessons.model import drawn_by_default

        total = sum(map(drawn_by_default, curriculum.questions))  # opt-in topics only by their bank
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
        self._highlight_last_lesson()
        self.set_interval(60, self.refresh_reviews)
        # Without scrolling: before the first layout Textual cannot tell that the list is in
        # view and would centre it, hiding the continue and review lines above it.
        self.query_one("#lessons", OptionList).focus(scroll_visible=False)

    def _highlight_last_lesson(self) -> None:
        """Put the lesson list's cursor on the lesson last read, so Enter resumes it too."""
        target = self._continue_target()
        lessons = self.query_one("#lessons", OptionList)
        if target is not None:
            lessons.highlighted = lessons.get_option_index(target[0].id)
        elif lessons.option_count:
            lessons.highlighted = 0

    def on_screen_resume(self) -> None:
        if self._shown is not self.app.curriculum:  # lessons were reloaded (F5) meanwhile
            self.app.switch_screen(HomeScreen())
            return
        if not self._resumed:  # the first resume comes right after on_mount drew everything
            self._resumed = True
            return
        self.refresh_lessons()

    # --- reviews, quiz modes, progress ----------------------------------------------------------

    def refresh_reviews(self) -> None:
        """Redraw the due-review line from the course's kept FSRS cards (no pass over the
        history, so the 60 s refresh and every return here cost next to nothing)."""
        self.query_one("#reviews", Static).update(reviews_line(self.app))

    def action_reviews(self) -> None:
        self.app.start_due_reviews()

    def action_quiz_modes(self) -> None:
        self.app.choose_quiz()

    def action_progress(self) -> None:
        self.app.show_progress()

    def refresh_lessons(self) -> None:
        """Redraw lesson completion and the continue line from the store.

        The list is built once; later calls (every return to this screen) only replace the
        rows whose completion changed, so coming back stays quick with hundreds of lessons.
        """
        completion = self.app.course.completion()
        lessons = self.query_one("#lessons", OptionList)
        rows: list[tuple[str | None, object]] = []  # (lesson id or None for a heading, prompt or marks)
        for group, members in self._lesson_groups():
            if group:
                rows.append((None, group))
            for lesson in members:
                done = completion.lessons[lesson.id]
                rows.append((lesson.id, (done.done, done.total, lesson.title)))
        shown = getattr(self, "_rows", None)
        if shown is not None and [key for key, _ in shown] == [key for key, _ in rows] and lessons.option_count:
            for (key, marks), (_, before) in zip(rows, shown):
                if key is not None and marks != before:
                    lessons.replace_option_prompt(key, self._lesson_prompt(*marks))
        else:
            highlighted = lessons.highlighted
            lessons.clear_options()
            lessons.add_options([Option(Content.styled(marks, "bold"), disabled=True) if key is None
                                 else Option(self._lesson_prompt(*marks), id=key) for key, marks in rows])
            if highlighted is not None and lessons.option_count:
                lessons.highlighted = min(highlighted, lessons.option_count - 1)
        self._rows = rows
        self._fix_long_list_height(lessons)
        self.query_one("#continue", Static).update(self._continue_text())
        self.query_one("#overall", Static).update(self._overall_text(completion))
        self.refresh_reviews()

    @staticmethod
    def _fix_long_list_height(option_list: OptionList) -> None:
        """Give a list with at least as many rows as its ``max-height`` that height outright.

        Its height is ``auto`` capped by ``max-height``; every row is at least one line, so
        such a list is exactly ``max-height`` tall anyway. Said outright, Textual need not
        measure every row (wrapping each prompt) on each layout pass: with hundreds of
        lessons that was the larger part of drawing the home screen.
        """
        cap = option_list.styles.max_height
        if cap is not None and cap.unit == Unit.CELLS and option_list.option_count >= cap.value:
            option_list.styles.height = cap
        elif option_list.styles.inline.has_rule("height"):
            option_list.styles.clear_rule("height")  # shorter again (after a reload): auto

    @staticmethod
    def _lesson_prompt(done: int, total: int, title: str):
        """A lesson's row: its completion bar, a mark (✓ all done, • started) and its title."""
        mark = "✓" if total and done == total else ("•" if done else " ")
        prompt = completion_bar(done, total, width=5)
        prompt.append(f"  {mark} {title}")
        return prompt

    def _overall_text(self, completion):
        """Overall checklist completion as a bar, and how many questions were answered right
        (``completion``: an ``oslearn.progress.course.Completion``)."""
        done, total = completion.done, completion.total
        text = completion_bar(done, total, width=20, label=False)
        text.append(f" {done}/{total} checklist steps · {completion.right}/{completion.questions} questions answered right")
        return text

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
        """``(lesson, section id)`` to continue at (the course's continue place), or ``None``."""
        place = self.app.course.continue_place()
        return (place.lesson, place.section_id) if place else None

    def _continue_text(self) -> str:
        place = self.app.course.continue_place()
        if place is None:
            return "Welcome. Pick a lesson and press Enter; [b]/[/b] searches the lessons, [b]?[/b] shows every key."
        return (f"Continue ([b]c[/b]): [b]{place.lesson.title}[/b] › {place.section_title} "
                f"({place.index + 1}/{place.count})")

    def action_continue(self) -> None:
        target = self._continue_target()
        if target is None:
            first = self.app.curriculum.lessons[:1]
            if first:
                self.app.open_lesson(first[0])
            return
        self.app.open_lesson(*target)

    def action_focus_lessons(self) -> None:
        self._focus_list("#lessons")

    def action_focus_quizzes(self) -> None:
        self._focus_list("#quizzes")

    def _focus_list(self, selector: str) -> None:
        """Focus a list with a row highlighted, so that Enter acts at once."""
        options = self.query_one(selector, OptionList)
        if options.highlighted is None and options.option_count:
            options.highlighted = 0
        options.focus()

    def action_cursor_down(self) -> None:
        if isinstance(self.focused, OptionList):
            self.focused.action_cursor_down()

    def action_cursor_up(self) -> None:
        if isinstance(self.focused, OptionList):
            self.focused.action_cursor_up()

    def _open_target(self, lesson_id: str):
        """``(lesson, section_id)`` that Enter on ``lesson_id`` opens: the lesson last read
        resumes at its section, any other at its start; ``None`` for no such lesson."""
        place = self.app.course.open_place(lesson_id)
        return (place.lesson, place.section_id) if place else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Have the lesson under the cursor built ahead of time (``OSLearnApp.prepare_lesson``)."""
        if event.option_list.id == "lessons" and event.option.id:
            target = self._open_target(event.option.id)
            if target is not None:
                self.app.prepare_lesson(*target)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        curriculum = self.app.curriculum
        if event.option_list.id == "lessons":
            target = self._open_target(option_id)
            if target is not None:
                self.app.open_lesson(*target)
        elif option_id == QUIZ_MODES:
            self.action_quiz_modes()
        elif option_id == ALL_QUESTIONS:
            from oslearn.lessons.model import drawn_by_default

            self.app.start_quiz("All questions", list(filter(drawn_by_default, curriculum.questions)))
        elif option_id.startswith("bank:"):
            for bank in curriculum.banks:
                if f"bank:{bank.id}" == option_id:
                    self.app.start_quiz(bank.title, bank.questions)


def reviews_line(app) -> str:
    """Return the home screen's line about due reviews (Textual markup)."""
    reviews = app.course.due_reviews()
    due, upcoming = reviews.count, reviews.next_due
    if due:
        return f"Reviews due: [b]{due}[/b] (press [b]r[/b])"
    if upcoming is None:
        return "Reviews due: 0. Questions you answer come back here when they are due."
    return f"Reviews due: 0. Next review {upcoming.astimezone():%a %d %b %H:%M}."
