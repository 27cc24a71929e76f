"""The Textual application: holds the curriculum and the progress store, owns the screens."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from oslearn.lessons import Curriculum, Lesson
from oslearn.progress import ProgressStore, StorageError
from oslearn.tui.commands import LessonCommands

#: The smallest terminal the screens are laid out for, (columns, rows); below it a message
#: says the window is small (the app still runs and nothing is lost).
MIN_SIZE = (60, 16)

#: Where relative links in the seed pages point (the book's own site).
SOURCE_SITE = "https://www.fullstackpython.com"


class OSLearnApp(App[int]):
    """The oslearn terminal app.

    Args:
        curriculum: the loaded content (broken files are in ``curriculum.problems`` and are
            shown on the home screen).
        store: the learner's progress, opened by the caller (the CLI), who also closes it.
    """

    CSS_PATH = "oslearn.tcss"
    TITLE = "oslearn"
    SUB_TITLE = "Operating systems for Python web deployments"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("slash", "search", "Search"),
    ]
    COMMANDS = App.COMMANDS | {LessonCommands}
    #: Screens get the class ``-narrow`` below 70 columns (the lesson hides its section
    #: table, the families stack) and ``-wide`` from 70 on.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]

    def __init__(self, curriculum: Curriculum, store: ProgressStore, theme: str | None = None):
        """Args: ``theme``: a Textual theme name that wins over the remembered one (``--theme``)."""
        super().__init__()
        self.curriculum = curriculum
        self.store = store
        self._search_index = None
        self._small_screen = None
        self._small_dismissed = False
        self._requested_theme = theme

    @property
    def data_dir(self):
        """The data directory (where ``progress.json`` and ``settings.json`` live)."""
        return self.store.path.parent

    @property
    def search_index(self):
        """The full-text ``SearchIndex`` over every lesson, built on first use."""
        if self._search_index is None:
            from oslearn.lessons.search import SearchIndex

            self._search_index = SearchIndex(self.curriculum.lessons)
        return self._search_index

    def on_mount(self) -> None:
        from oslearn.tui.screens.home import HomeScreen

        self._apply_saved_theme()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen())
        for notice in self.store.notices:
            self.notify(notice, title="Progress", severity="warning", timeout=12)
        self.call_after_refresh(self.check_size)

    # --- theme ------------------------------------------------------------------------------

    def _apply_saved_theme(self) -> None:
        from oslearn.tui.settings import load_settings

        saved = load_settings(self.data_dir).get("theme")
        for wanted in (self._requested_theme, saved):
            if not wanted:
                continue
            if wanted in self.available_themes:
                self.theme = wanted
                return
            names = ", ".join(sorted(self.available_themes))
            self.notify(f"Unknown theme {wanted!r}. Themes: {names}.", title="Theme",
                        severity="warning", timeout=10)

    def _remember_theme(self, theme) -> None:
        """Store the theme the learner picked (ctrl+p › Theme) for the next start."""
        from oslearn.tui.settings import load_settings, save_setting

        if load_settings(self.data_dir).get("theme") == theme.name:
            return
        try:
            save_setting(self.data_dir, "theme", theme.name)
        except OSError as error:
            self.notify(f"The theme could not be remembered: {error.strerror or error}.",
                        title="Theme", severity="warning")

    # --- window size ------------------------------------------------------------------------

    def on_resize(self, event) -> None:
        self.call_after_refresh(self.check_size)

    def check_size(self) -> None:
        """Show the small-window message below ``MIN_SIZE``; take it away when it fits again."""
        from oslearn.tui.screens.small import SmallWindowScreen

        width, height = self.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        screen = self._small_screen
        if small:
            if screen is not None and screen.is_attached:
                screen.update_size((width, height))
            elif not self._small_dismissed:
                self._small_screen = SmallWindowScreen((width, height), MIN_SIZE)
                self.push_screen(self._small_screen, callback=self._small_closed)
        else:
            self._small_dismissed = False
            if screen is not None and self.screen is screen:
                screen.dismiss(None)
            self._small_screen = None

    def _small_closed(self, _result) -> None:
        if self._small_screen is not None:  # closed with Escape, not by growing the window
            self._small_dismissed = True
        self._small_screen = None

    # --- helpers screens share ------------------------------------------------------------

    def save(self, action, *args) -> bool:
        """Run a store write ``action(*args)``; on failure tell the learner and return False.

        The learner's reading and quizzing go on whatever the disk does: a failed save is a
        notification, never a crash.
        """
        try:
            action(*args)
        except PermissionError as error:
            self.notify(str(error), title="Not saved", severity="warning")
            return False
        except StorageError as error:
            self.notify(f"{error.strerror}. Your earlier progress is intact.", title="Not saved",
                        severity="error", timeout=10)
            return False
        return True

    def open_lesson(self, lesson: Lesson, section_id: str = "", focus: tuple | None = None) -> None:
        """Show ``lesson`` at ``section_id`` (default the first section).

        Args:
            focus: ``("resources", index)`` or ``("checklist", item_id)`` to open that tab with
                that entry highlighted.

        From the home screen the lesson is pushed (Escape comes back); over a lesson screen
        it replaces that lesson, so Escape still goes back one level to the home screen.
        """
        from oslearn.tui.screens.lesson import LessonScreen

        current = self.screen
        if isinstance(current, LessonScreen):
            if current.lesson.id == lesson.id:
                current.go_to(section_id, focus)
            else:
                self.switch_screen(LessonScreen(lesson, section_id, focus))
        else:
            self.push_screen(LessonScreen(lesson, section_id, focus))

    # --- actions every screen shares ----------------------------------------------------------

    def action_help(self) -> None:
        """Open the keys of the current screen (``?``)."""
        from oslearn.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_search(self, query: str = "") -> None:
        """Open full-text search (``/``); choosing a hit opens its lesson at its section."""
        from oslearn.tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return

        def chosen(hit) -> None:
            if hit is None:
                return
            lesson = self.curriculum.lesson(hit.lesson_id)
            if lesson is not None:
                self.open_lesson(lesson, hit.section_id)

        self.push_screen(SearchScreen(self.search_index, query), callback=chosen)

    def action_timeline(self) -> None:
        """Show the Ubuntu LTS timeline."""
        from oslearn.tui.screens.timeline import TimelineScreen

        self.push_screen(TimelineScreen())

    def action_families(self) -> None:
        """Show the distribution families side by side."""
        from oslearn.tui.screens.families import FamiliesScreen

        self.push_screen(FamiliesScreen())

    def action_sources(self, lesson: Lesson) -> None:
        """Show what each seed version said for ``lesson``."""
        from oslearn.tui.screens.sources import SourcesScreen

        self.push_screen(SourcesScreen(lesson))

    def start_quiz(self, title: str, questions: list) -> None:
        """Push a quiz over ``questions`` (a list of ``Question``)."""
        from oslearn.tui.screens.quiz import QuizScreen

        if not questions:
            self.notify("There are no questions here yet.", severity="warning")
            return
        self.push_screen(QuizScreen(title, questions))

    def on_markdown_link_clicked(self, event) -> None:
        """Open links in lesson text in the browser (Markdown widgets use ``open_links=False``).

        A site-relative link (the seed pages link ``/web-servers.html``) opens on the book's
        own site, ``SOURCE_SITE``.
        """
        href = event.href
        if href.startswith("/"):
            href = SOURCE_SITE + href
        if href.startswith(("http://", "https://")):
            self.open_url(href)
            self.notify(f"Opening {href}")
        else:
            self.notify(f"Not a web link: {href}", severity="warning")
