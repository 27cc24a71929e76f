"""The progress screen: mastery per topic as bars, past quiz scores as a sparkline, reviews due.

Mastery comes from ``oslearn.progress.review.mastery`` (quiz accuracy and FSRS
retrievability); the sparkline is the percentage score of each finished quiz, oldest left.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, ProgressBar, Sparkline, Static

from oslearn.lessons.session import TOPICS
from oslearn.progress.review import mastery
from oslearn.tui.widgets.footer import FittingFooter

#: How many past quizzes the sparkline shows (the most recent ones).
HISTORY_SHOWN = 60
#: Columns of the sparkline per quiz (it is as wide as the history, up to the screen's width).
SPARK_COLUMNS = 2


class ProgressScreen(Screen):
    """Show how well each topic is known and how past quizzes went. ``r`` starts due reviews."""

    CSS_PATH = "../quiz.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("r", "reviews", "Reviews"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-view"):
            yield Static("Mastery by topic", classes="heading")
            yield Static(id="mastery-note", classes="hint")
            yield VerticalScroll(id="mastery")
            yield Static("Score history", classes="heading")
            yield Sparkline([], id="history")
            yield Static(id="history-summary")
            yield Static(id="due-summary")
            yield Static("Checked on a server", classes="heading")
            yield Static(id="verified")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        """Redraw everything from the store."""
        app = self.app
        questions = app.curriculum.questions
        attempts = app.course.attempts()
        topics = mastery(questions, attempts, app.reviews, topic_order=TOPICS)
        topic_of = {question.id: question.topic for question in questions}
        tries: dict[str, int] = {}
        for attempt in attempts:
            topic = topic_of.get(attempt.get("question"))
            if topic is not None:
                tries[topic] = tries.get(topic, 0) + 1
        box = self.query_one("#mastery", VerticalScroll)
        box.remove_children()
        rows = []
        for entry in topics:
            bar = ProgressBar(total=100, show_eta=False, classes="mastery-bar")
            bar.progress = round(100 * entry.mastery)
            # Two counts, each named: questions answered, then answers (every attempt) right.
            answers = tries.get(entry.topic, 0)
            detail = (f"{entry.answered}/{entry.questions} questions answered · "
                      f"{round(100 * entry.accuracy)}% of {answers} {'answer' if answers == 1 else 'answers'} right"
                      if entry.answered else f"0/{entry.questions} questions answered")
            rows.append(Horizontal(Label(Content(entry.topic), classes="mastery-topic"), bar,
                                   Label(detail, classes="mastery-detail"), classes="mastery-row"))
        box.mount_all(rows)
        self.query_one("#mastery-note", Static).update(
            "Each bar: share of the topic's questions answered × your accuracy × how likely "
            "you are to recall them now (FSRS)."
        )
        history = app.reviews.history()
        scores = [round(100 * row["right"] / row["total"]) for row in history][-HISTORY_SHOWN:]
        spark = self.query_one("#history", Sparkline)
        spark.data = scores
        spark.display = bool(scores)
        spark.styles.width = SPARK_COLUMNS * max(1, len(scores))
        summary = self.query_one("#history-summary", Static)
        if scores:
            count = f"{len(history)} quiz" if len(history) == 1 else f"{len(history)} quizzes"
            summary.update(f"{count} · last {scores[-1]}% · best {max(scores)}% · "
                           f"average {round(sum(scores) / len(scores))}%")
        else:
            summary.update("No quiz finished yet: the scores of finished quizzes appear here.")
        known = [question.id for question in questions]
        due = app.reviews.due_count(known)
        self.query_one("#due-summary", Static).update(
            Content.assemble("Reviews due now: ", (str(due), "bold"), " (press r)" if due else "")
        )
        self.query_one("#verified", Static).update(self._verified_ticks())

    def _verified_ticks(self) -> Content:
        """One line per ticked checklist step, saying whether a server check passed it, on
        which target and when (``oslearn.progress.verifications``)."""
        from oslearn.lessons.verify import clean_text
        from oslearn.progress.verifications import Verifications
        from oslearn.tui.verify import when

        app = self.app
        verified = Verifications(app.store).verified_items()
        ticked = app.course.done_by_lesson()
        lines: list = []
        for lesson in app.curriculum.lessons:
            for item in lesson.checklist:
                key = (lesson.id, item.id)
                if item.id in ticked.get(lesson.id, set()) and key in verified:
                    where = verified[key]
                    lines += ["\n" if lines else "", ("verified ", "bold $success"), item.text,
                              (f" · on {clean_text(where['target'])}, {when(where['at'])}", "dim")]
                elif key in verified or item.id in ticked.get(lesson.id, set()) and self._checkable(lesson.id, item.id):
                    state = "ticked  " if item.id in ticked.get(lesson.id, set()) else "passed  "
                    note = (" · not verified on a server" if state.startswith("ticked")
                            else f" · passed on {clean_text(verified[key]['target'])}, not ticked")
                    lines += ["\n" if lines else "", (state + " ", "bold"), item.text, (note, "dim")]
        if not lines:
            return Content("No server checked yet: on a lesson's checklist tab, v checks its steps on this "
                           "machine or a host over SSH.")
        return Content.assemble(*lines)

    @staticmethod
    def _checkable(lesson_id: str, item_id: str) -> bool:
        from oslearn.lessons.verify import checks_for_item

        return bool(checks_for_item(lesson_id, item_id))

    def action_reviews(self) -> None:
        self.app.start_due_reviews()

    def action_back(self) -> None:
        self.app.pop_screen()
