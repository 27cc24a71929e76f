"""The home screen: lessons with their completion, "continue where you left off", quizzes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.css.scalar import Unit
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from oslearn.tui.widgets.bars import completion_bar
from oslearn.tui.widgets.footer import FittingFooter
from oslearn.tui.widgets.lists import VIM_BINDINGS, TallOptionList

ALL_QUESTIONS = "all"
QUIZ_MODES = "modes"
MIXED = "mixed"
DUE_REVIEWS = "reviews"
#: Questions in the home screen's mixed quiz, its first quiz entry.
MIXED_SIZE = 10


class HomeList(TallOptionList):
    """A home screen list: as tall as its rows (up to its ``max-height``), inside the
    screen's scrolling column, which it scrolls to keep the highlighted row in view.

    While the row fits in the column's first screenful the column is scrolled to its top, so
    the headings above the first rows stay in view; ``Home`` and ``PageUp`` thus bring back
    the top of the screen.
    """

    BINDINGS = VIM_BINDINGS
    #: The screen moves the cursor of a list it is about to focus: follow it then too.
    FOLLOW_UNFOCUSED = True

    def scroll_container_to_highlight(self) -> None:
        """The column's own policy: the whole quiz list when it fits, else its highlighted
        row; a lesson row in the first screenful with the column at its top."""
        column = self.parent
        if self.highlighted is None or column is None or not self.is_mounted or not column.size.height:
            return
        if not self.scrollable_content_region.width:
            return  # not laid out yet
        line, height = self.row_lines(self.highlighted)
        y = self.virtual_region.y + (1 if self.styles.border_top[0] else 0) + line - round(self.scroll_y)
        region = Region(0, y, 1, height)
        if self.id == "quizzes" and self.virtual_region_with_margin.bottom - column.scroll_y > column.size.height:
            column.scroll_to_widget(self, animate=False, immediate=True)  # the whole list if it fits
        if self.id == "quizzes":
            column.scroll_to_region(region, animate=False, immediate=True)
        elif region.bottom <= column.size.height:
            column.scroll_to(y=0, animate=False, immediate=True)
        else:
            column.scroll_to_region(region, animate=False, immediate=True)


class HomeScreen(Screen):
    """Lists lessons (Enter opens one) and quizzes (Enter starts one)."""

    HELP_TITLE = "Home"
    HELP = ("Lessons with their checklist completion, and quizzes. Enter opens the highlighted lesson "
            "or starts the highlighted quiz; the lines at the top say where to continue and what is due.")
    #: No automatic focus: ``on_mount`` focuses the lesson list without scrolling.
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("l", "focus_lessons", "Lessons", tooltip="Go to the list of lessons"),
        Binding("z", "focus_quizzes", "Quizzes", tooltip="Go to the list of quizzes"),
        Binding("r", "reviews", "Reviews", tooltip="Start the reviews due now"),
        Binding("m", "quiz_modes", "Modes", tooltip="Choose a quiz by topic, lesson or bank, or an exam"),
        Binding("slash", "app.search", "Search", tooltip="Search the text of every lesson"),
        Binding("p", "progress", "Progress"),
        Binding("t", "app.timeline", "Timeline", show=False, tooltip="The Ubuntu LTS timeline"),
        Binding("f", "app.families", "Families", show=False, tooltip="The distribution families side by side"),
        Binding("ctrl+home", "top", "Top", show=False, tooltip="Back to the top: the first lesson"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="summary"):
            yield Static(id="continue")
            yield Static(id="overall")
            yield Static(id="reviews")
        with Vertical(id="home"):
            yield Static(LESSONS_HEADING, classes="heading", id="lessons-heading")
            yield HomeList(id="lessons")
            yield Static(QUIZZES_HEADING, classes="heading", id="quizzes-heading")
            yield HomeList(id="quizzes")
            yield Static(id="problems")
            yield Static(Content.assemble(("t", "bold"), " Ubuntu LTS timeline · ", ("f", "bold"),
                                          " distribution families · ", ("ctrl+p", "bold"),
                                          " finds any lesson, section or quiz · ", ("q", "bold"), " quits"),
                         classes="hint", id="more-keys")
        yield FittingFooter(compact=True, show_command_palette=False)  # the line above names ctrl+p

    #: Whether the screen has been resumed once (the first resume follows ``on_mount``).
    _resumed = False
    #: The rows shown in the lesson list: ``(lesson id or None for a heading, marks)``.
    _lesson_rows: list | None = None

    def on_mount(self) -> None:
        curriculum = self._shown = self.app.curriculum
        self._fill_quizzes()
        problems = curriculum.problems
        widget = self.query_one("#problems", Static)
        if problems:
            lines = [Content(f"  {problem}") for problem in problems[:5]]
            if len(problems) > 5:
                lines.append(Content(f"  … and {len(problems) - 5} more (run oslearn check)"))
            widget.update(Content("\n").join([Content.styled("Some content files could not be loaded:", "bold"),
                                               *lines]))
        else:
            widget.display = False
        self.refresh_lessons()
        self._highlight_last_lesson()
        self.set_interval(60, self.refresh_reviews)
        # Without scrolling: before the first layout Textual cannot tell that the list is in
        # view and would centre it, hiding the continue and review lines above it.
        self.query_one("#lessons", OptionList).focus(scroll_visible=False)
        self._mark_headings()

    def _highlight_last_lesson(self) -> None:
        """Put the lesson list's cursor on the lesson last read, so Enter resumes it too."""
        target = self._continue_target()
        lessons = self.query_one("#lessons", OptionList)
        if target is not None:
            lessons.highlighted = lessons.get_option_index(target[0].id)
        elif lessons.option_count:
            lessons.highlighted = 0

    def _quiz_options(self) -> list[Option]:
        """The quiz list: the due reviews (when any), a short mixed quiz, each bank, every
        question, and the mode chooser. The first entry is the one Enter starts by accident,
        so it is a short one, never the whole pool."""
        from oslearn.lessons.model import OPT_IN_TOPICS, drawn_by_default

        curriculum = self.app.curriculum
        total = sum(map(drawn_by_default, curriculum.questions))  # opt-in topics only by their bank
        options = []
        due = self._due_count()
        if due:
            options.append(Option(f"Reviews due now ({due})", id=DUE_REVIEWS))
        options.append(Option(f"Mixed quiz: {min(MIXED_SIZE, total)} questions from every bank", id=MIXED))
        for bank in curriculum.banks:
            options.append(Option(Content(f"{bank.title} ({len(bank.questions)})"), id=f"bank:{bank.id}"))
        # Opt-in topics (the appendix's page history) are drawn only from their own bank.
        label = ("All questions" if total == len(curriculum.questions)
                 else f"All questions but {' and '.join(OPT_IN_TOPICS)}")
        options.append(Option(f"{label} ({total})", id=ALL_QUESTIONS))
        options.append(Option("More: by topic or lesson, exam… (m)", id=QUIZ_MODES))
        return options

    def _fill_quizzes(self) -> None:
        """(Re)fill the quiz list, keeping the highlighted entry where it still exists."""
        quizzes = self.query_one("#quizzes", OptionList)
        options = self._quiz_options()
        if [option.id for option in options] == [option.id for option in quizzes.options]:
            for option in options:
                quizzes.replace_option_prompt(option.id, option.prompt)
            return
        highlighted = quizzes.highlighted_option
        quizzes.clear_options()
        quizzes.add_options(options)
        ids = [option.id for option in options]
        if highlighted is not None and highlighted.id in ids:
            quizzes.highlighted = ids.index(highlighted.id)
        elif highlighted is not None:
            quizzes.highlighted = 0

    def _due_count(self) -> int:
        return self.app.course.due_reviews().count

    def on_screen_resume(self) -> None:
        if self._shown is not self.app.curriculum:  # lessons were reloaded (F5) meanwhile
            self.app.switch_screen(HomeScreen())
            return
        if not self._resumed:  # the first resume comes right after on_mount drew everything
            self._resumed = True
            return
        self.refresh_lessons()
        self._fill_quizzes()
        if isinstance(self.focused, OptionList):
            self.call_after_refresh(self.focused.scroll_to_highlight)

    def on_descendant_focus(self, event) -> None:
        """Mark the heading of the focused list (``▶``), readable without colour."""
        self._mark_headings()

    def on_descendant_blur(self, event) -> None:
        self._mark_headings()

    def _mark_headings(self) -> None:
        focused = self.focused
        for list_id, heading in (("lessons", LESSONS_HEADING), ("quizzes", QUIZZES_HEADING)):
            widget = self.query_one(f"#{list_id}-heading", Static)
            mine = focused is not None and focused.id == list_id
            widget.set_class(mine, "-focused")
            widget.update(Content.assemble("▶ " if mine else "  ", heading))

    def action_top(self) -> None:
        """Back to the top of the screen with the first lesson highlighted."""
        lessons = self.query_one("#lessons", OptionList)
        lessons.focus()
        if lessons.option_count:
            lessons.highlighted = next((n for n, option in enumerate(lessons.options) if not option.disabled), 0)
        self.query_one("#home").scroll_home(animate=False)

    # --- reviews, quiz modes, progress ----------------------------------------------------------

    def refresh_reviews(self) -> None:
        """Redraw the due-review line from the course's kept FSRS cards (no pass over the
        history, so the 60 s refresh and every return here cost next to nothing), and the
        quiz list's due entry."""
        self.query_one("#reviews", Static).update(reviews_line(self.app))
        if self.is_mounted:
            self._fill_quizzes()

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
        shown = self._lesson_rows
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
        self._lesson_rows = rows
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
        prompt = completion_bar(done, total, width=5, label=False)
        prompt.append(f" {f'{done}/{total}':<5} {mark} {title}")  # up to 99/99 keeps titles aligned
        return prompt

    def _overall_text(self, completion):
        """Overall checklist completion as a bar, and how many questions were answered right
        (``completion``: an ``oslearn.progress.course.Completion``)."""
        done, total = completion.done, completion.total
        text = completion_bar(done, total, width=10, label=False)
        text.append(f" {done}/{total} checklist {plural(total, 'step')} · "
                    f"{completion.right}/{completion.questions} questions right")
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

    def _continue_text(self) -> Content:
        place = self.app.course.continue_place()
        if place is None:
            return Content.from_markup(
                "Welcome: Enter opens a lesson, [b]/[/b] searches, [b]?[/b] lists every key.")
        return Content.assemble("Continue (", ("c", "bold"), "): ", (place.lesson.title, "bold"),
                                f" › {place.section_title} ({place.index + 1}/{place.count})")

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
        """Focus a list with a row highlighted (so that Enter acts at once), in view."""
        options = self.query_one(selector, HomeList)
        if options.highlighted is None and options.option_count:
            options.highlighted = 0
        options.focus(scroll_visible=False)
        options.scroll_to_highlight()

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
        elif option_id == DUE_REVIEWS:
            self.action_reviews()
        elif option_id == MIXED:
            from oslearn.lessons.session import mode_choices, plan_for

            choice = next(choice for choice in mode_choices(curriculum) if choice.key == "mixed")
            self.app.start_plan(plan_for(choice, exam=False, size=MIXED_SIZE, rng=self.app.rng))
        elif option_id == ALL_QUESTIONS:
            from oslearn.lessons.model import drawn_by_default

            self.app.start_quiz("All questions", list(filter(drawn_by_default, curriculum.questions)))
        elif option_id.startswith("bank:"):
            for bank in curriculum.banks:
                if f"bank:{bank.id}" == option_id:
                    self.app.start_quiz(bank.title, bank.questions)


LESSONS_HEADING = "Lessons (l)"
QUIZZES_HEADING = "Quizzes (z)"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``noun`` for a count of 1, else ``many`` (default ``noun + "s"``): ``"1 section"``,
    ``"2 sections"``. Only the noun; the caller writes the number."""
    return noun if count == 1 else (many or noun + "s")


def reviews_line(app) -> Content:
    """Return the home screen's line about due reviews."""
    reviews = app.course.due_reviews()
    due, upcoming = reviews.count, reviews.next_due
    if due:
        return Content.assemble("Reviews due: ", (str(due), "bold"), " (press ", ("r", "bold"), ")")
    if upcoming is None:
        return Content("Reviews due: 0. Answered questions come back when due.")
    return Content(f"Reviews due: 0. Next review {upcoming.astimezone():%a %d %b %H:%M}.")
