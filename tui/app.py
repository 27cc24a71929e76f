"""The Textual application: holds the curriculum and the progress store, owns the screens."""

from __future__ import annotations

import gc
import random
from pathlib import Path
from time import monotonic
from typing import Callable, Iterable

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.errors import NoWidget
from textual.notifications import Notification, Notify

from oslearn.lessons import Curriculum, Lesson
from oslearn.progress import ProgressStore, StorageError
from oslearn.progress.course import Course
from oslearn.tui.commands import LessonCommands
from oslearn.tui.notices import notice_text, read_only_text

#: The smallest terminal the screens are laid out for, (columns, rows); below it a message
#: says the window is small (the app still runs and nothing is lost).
MIN_SIZE = (60, 16)

#: Where relative links in the seed pages point (the book's own site).
SOURCE_SITE = "https://www.fullstackpython.com"


def describe_failed_save(error: StorageError) -> str:
    """Say exactly what a failed write did not save: which file, why, and that the file is
    as it was (each write is atomic, so nothing of this change is in it); writes made
    before it, such as the first of two files an answer goes to, are kept."""
    from oslearn.progress.logfile import TableLog

    path = Path(error.path)
    what = {"progress.json": "progress file", "attempts.jsonl": "quiz history"}.get(path.name)
    if what is None:
        what = TableLog.describe(path) if path.suffix == ".jsonl" else path.name
    cause = error.__cause__
    reason = getattr(cause, "strerror", None) or str(cause or error)
    return (f"This change was not saved to your {what} ({path}): {reason}. That file is exactly as it was "
            "before; everything saved earlier is kept.")


class OSLearnApp(App[int]):
    """The oslearn terminal app.

    Args:
        curriculum: the loaded content (broken files are in ``curriculum.problems`` and are
            shown on the home screen).
        store: the learner's progress, opened by the caller (the CLI), who also closes it.
        seed: seeds the order of quiz questions and choices (``oslearn --seed N``); ``None``
            shuffles differently every run.
        theme: a Textual theme name that wins over the remembered one (``--theme``).
    """

    CSS_PATH = "oslearn.tcss"
    TITLE = "oslearn"
    SUB_TITLE = "Operating systems for Python web deployments"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("f5", "reload", "Reload", show=False),
        Binding("ctrl+r", "reload", "Reload", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("slash", "search", "Search", show=False),
    ]
    COMMANDS = App.COMMANDS | {LessonCommands}
    #: Screens get the class ``-narrow`` below 70 columns (the lesson hides its section
    #: table, the families stack) and ``-wide`` from 70 on.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]

    #: Milliseconds ``watchfiles`` waits for more changes before reporting a batch (an
    #: editor may write a file in several steps; a half-written file is not shown).
    WATCH_DEBOUNCE_MS = 400

    #: Seconds after the last key press or click before Python's cyclic garbage collector
    #: may run again (see ``_pause_gc``); and the longest it is held while keys keep coming.
    GC_PAUSE = 0.25
    GC_MAX_PAUSE = 2.0

    #: Seconds a toast just asked for counts as shown before it is on the screen (see
    #: ``on_notify``).
    TOAST_MOUNT_GRACE = 1.0

    def __init__(self, curriculum: Curriculum, store: ProgressStore, *,
                 reload: Callable[[], Curriculum] | None = None, watch: bool = False,
                 watch_dirs: Iterable[Path] = (), seed: int | None = None, theme: str | None = None):
        """Extra keyword arguments, for authors (see ``action_reload``):

        Args:
            reload: returns a freshly loaded curriculum (default: the built-in one,
                ``oslearn.lessons.curricula.load_library()``); F5 calls it.
            watch: also reload by itself when a content file changes on disk (watched with
                ``watchfiles``; see ``watch_content``).
            watch_dirs: curriculum folders to watch besides those ``curriculum.parts``
                names (folders that failed to load, so that fixing them is noticed).
            seed: seed for shuffling quiz questions and choices (``--seed``), for
                reproducible runs; ``None`` shuffles differently each time.
            theme: a theme name to use instead of the remembered one (``--theme``).
        """
        super().__init__()
        self.store = store
        self.course = Course(curriculum, store)
        self._reload_curriculum = reload
        self._watch = watch
        self._watch_dirs = list(watch_dirs)
        self._reloading = False
        self._reload_again = False
        self.seed = seed
        self.rng = random.Random(seed)
        self._search_index = None
        self._requested_theme = theme
        self._gc_timer = None
        self._toasts_asked: dict[tuple[str, str, str], tuple[Notification, float]] = {}
        self._gc_paused = False
        self._gc_paused_at = 0.0
        self._lesson_screen = None
        self._prepare_timer = None

    @property
    def data_dir(self):
        """The data directory (where ``progress.json`` and ``settings.json`` live)."""
        return self.store.path.parent

    @property
    def search_index(self):
        """The full-text ``SearchIndex`` over every lesson of the current curriculum, built
        on first use and again after a reload."""
        if self._search_index is None or self._search_index[0] is not self.curriculum:
            from oslearn.lessons.search import SearchIndex

            self._search_index = (self.curriculum, SearchIndex(self.curriculum.lessons))
        return self._search_index[1]

    @property
    def curriculum(self) -> Curriculum:
        """The loaded content (the course's; a reload replaces it)."""
        return self.course.curriculum

    @curriculum.setter
    def curriculum(self, curriculum: Curriculum) -> None:
        """Replace the curriculum shown (after a reload); the course layer reads the new one."""
        self.course.curriculum = curriculum

    @property
    def reviews(self):
        """The learner's FSRS cards and quiz history (``oslearn.progress.review.Reviews``,
        the course's)."""
        return self.course.reviews

    def on_mount(self) -> None:
        from oslearn.tui.screens.home import HomeScreen

        self._apply_saved_theme()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.screen_change_signal.subscribe(self, lambda _screen: self.call_after_refresh(self.check_size))
        self.push_screen(HomeScreen())
        self.show_store_notices()
        if self._watch:
            self.watch_content()
        self.call_after_refresh(self.check_size)

    def on_unmount(self) -> None:
        """Leave the garbage collector as it was found (tests run many apps in one process)."""
        self._resume_gc()

    # --- keeping the garbage collector off the key path -------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._pause_gc()
        if isinstance(event, (events.MouseDown, events.MouseUp)) and self._lands_on_removed_widget(event):
            return
        await super().on_event(event)

    def _lands_on_removed_widget(self, event: events.MouseEvent) -> bool:
        """True if the screen's map still shows, under the pointer, a widget already removed.

        Between a widget's removal and the next layout refresh, the screen's map of what is
        where still holds it. A toast closed by one click and clicked again at once (a
        double-click) is such a widget, and Textual 8.2 raises ``AttributeError`` when text
        selection starts on a widget with no parent. The press is dropped instead: what it
        pointed at is gone, and the next frame shows what replaced it.
        """
        try:
            widget, _ = self.get_widget_at(event.x, event.y)
        except NoWidget:
            return False
        return not widget.is_attached

    def _pause_gc(self) -> None:
        """Hold Python's cyclic garbage collector until ``GC_PAUSE`` seconds after the last key.

        A collection that falls between a key press and the frame answering it can add tens of
        milliseconds (a full one walks every object); reference counting still frees almost
        everything at once, and the collector catches up as soon as the keys pause. Textual
        does the same while it scrolls (``App.PAUSE_GC_ON_SCROLL``). Measured with and
        without in ``tests/benchmarks/README.md``: without it a full collection lands in
        some key press, and the slowest next-section press goes from under 60 ms to 190.
        """
        if gc.isenabled():
            gc.disable()
            self._gc_paused, self._gc_paused_at = True, monotonic()
        elif self._gc_paused and monotonic() - self._gc_paused_at > self.GC_MAX_PAUSE:
            gc.collect()  # keys held down for long: catch up now and then
            self._gc_paused_at = monotonic()
        if self._gc_timer is None:
            self._gc_timer = self.set_timer(self.GC_PAUSE, self._resume_gc, name="resume gc")
        else:
            self._gc_timer.reset()

    def _resume_gc(self) -> None:
        self._gc_timer = None
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    # --- theme ------------------------------------------------------------------------------

    def _apply_saved_theme(self) -> None:
        from oslearn.tui.settings import read_settings

        settings, problems, _ = read_settings(self.data_dir)
        for problem in problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10, markup=False)
        saved = settings.get("theme")
        for wanted in (self._requested_theme, saved):
            if not wanted:
                continue
            if wanted in self.available_themes:
                self.theme = wanted
                return
            names = ", ".join(sorted(self.available_themes))
            self.notify(f"Unknown theme {str(wanted)!r}. Themes: {names}.", title="Theme",
                        severity="warning", timeout=10)

    def _remember_theme(self, theme) -> None:
        """Store the theme the learner picked (ctrl+p › Theme) for the next start."""
        from oslearn.tui.settings import load_settings, save_setting

        if load_settings(self.data_dir).get("theme") == theme.name:
            return
        try:
            notice = save_setting(self.data_dir, "theme", theme.name)
            if notice:
                self.notify(notice, title="Settings", severity="warning", timeout=10, markup=False)
        except OSError as error:
            self.notify(f"The theme could not be remembered: {error.strerror or error}.",
                        title="Theme", severity="warning")

    # --- window size ------------------------------------------------------------------------

    def on_resize(self, event) -> None:
        self.call_after_refresh(self.check_size)

    def check_size(self, *_args) -> None:
        """Below ``MIN_SIZE``, show a banner on the screen in front saying the window is small;
        remove every such banner once the window is large enough. The screens keep working
        either way (a modal screen in front, such as the palette, gets no banner)."""
        from oslearn.tui.widgets.small import SmallWindowBanner

        size = (self.size.width, self.size.height)
        small = size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]
        for screen in self.screen_stack:
            banners = list(screen.query(SmallWindowBanner))
            if not small:
                for banner in banners:
                    banner.remove()
            elif banners:
                banners[0].show_size(size)
            elif screen is self.screen and not screen.is_modal and screen.is_attached:
                screen.mount(SmallWindowBanner(size, MIN_SIZE))

    def show_store_notices(self) -> None:
        """Tell the learner what the store reported on opening (a damaged file set aside and
        where, read-only mode and why), and mark a read-only session in the title."""
        if self.store.read_only:
            self.title = f"{self.TITLE} (read-only: progress is not saved)"
        for notice in self.course.notices:
            self.notify(notice_text(notice), title="Progress", severity="warning", timeout=30, markup=False)

    # --- live reload for authors --------------------------------------------------------

    def _watch_paths(self) -> list[Path]:
        """The folders to watch: the content's (``watch_roots``) and the extra ones given,
        those that exist (``watchfiles`` cannot watch a missing path)."""
        from oslearn.lessons.curricula import watch_roots

        seen: list[Path] = []
        for path in [*watch_roots(self.curriculum), *self._watch_dirs]:
            if path.is_dir() and path not in seen:
                seen.append(path)
        return seen

    def watch_content(self) -> None:
        """Reload when a content file (``.md``, ``.yaml``, ``.yml``) under the watched folders
        changes, in a worker running ``watchfiles.awatch``: the operating system reports
        changes (inotify on Linux), nothing is polled. ``awatch`` waits until the files have
        been quiet for ``WATCH_DEBOUNCE_MS`` before it reports a batch. Started again after
        each reload, since the folders may change with the content."""
        paths = self._watch_paths()
        if paths:
            self.run_worker(self._watch_worker(paths), name="watch content", group="watch", exclusive=True,
                            exit_on_error=False)

    async def _watch_worker(self, paths: list[Path]) -> None:
        from watchfiles import awatch

        from oslearn.lessons.curricula import is_content_file

        async for _changes in awatch(*paths, watch_filter=lambda _change, path: is_content_file(path),
                                     debounce=self.WATCH_DEBOUNCE_MS):
            await self.action_reload()

    async def action_reload(self) -> None:
        """Load the lessons and quizzes again from disk and show the current screen with them.

        The files are read in a thread worker, so the app keeps answering keys while they
        load. The home screen is rebuilt; an open lesson is reopened at the same section and
        tab. If its file no longer loads, the ``oslearn check`` messages are shown in its
        place (``ContentProblemScreen``) until a later reload loads it again. A quiz in
        progress keeps its questions. Progress is untouched: it is keyed by ids, not by files.
        """
        if self._reloading:  # one reload at a time; a change meanwhile is loaded right after
            self._reload_again = True
            return
        self._reloading = True
        try:
            while True:
                self._reload_again = False
                await self._reload()
                if not self._reload_again:
                    break
        finally:
            self._reloading = False

    async def _reload(self) -> None:
        from textual.worker import WorkerFailed

        from oslearn.lessons.curricula import load_library
        from oslearn.tui.screens.content_problems import ContentProblemScreen
        from oslearn.tui.screens.home import HomeScreen
        from oslearn.tui.screens.lesson import LessonScreen

        loader = self._reload_curriculum or load_library
        worker = self.run_worker(loader, name="reload content", group="reload", thread=True, exit_on_error=False)
        try:
            curriculum = await worker.wait()
        except WorkerFailed as failed:  # a reload must never end an author's session
            error = failed.error
            self.notify(f"{type(error).__name__}: {error}", title="Reload failed", severity="error", timeout=10,
                        markup=False)
            return
        old_roots = self._watch_paths() if self._watch else []
        self.curriculum = curriculum
        if self._watch and self._watch_paths() != old_roots:
            self.watch_content()
        screen = self.screen
        if isinstance(screen, HomeScreen):
            await self.switch_screen(HomeScreen())
        elif isinstance(screen, (LessonScreen, ContentProblemScreen)):
            old = screen.lesson
            if isinstance(screen, LessonScreen):
                section_id = old.sections[screen.index].id if old.sections else ""
                tab = screen.query_one("#tabs").active
            else:
                section_id, tab = screen.section_id, "read"
            lesson = curriculum.lesson(old.id)
            if lesson is None:
                await self.switch_screen(ContentProblemScreen(old, section_id, self._problems_of(old)))
            else:
                replacement = LessonScreen(lesson, section_id)
                await self.switch_screen(replacement)
                if tab != "read":
                    replacement.action_tab(tab)
        problems = len(curriculum.problems)
        self.notify(f"{len(curriculum.lessons)} lessons, {len(curriculum.questions)} questions"
                    + (f"; {problems} file problem(s)" if problems else ""),
                    title="Reloaded", severity="warning" if problems else "information")

    def _problems_of(self, lesson: Lesson) -> list:
        """The problems of ``curriculum`` that concern ``lesson``'s file, its curriculum's
        ``curriculum.yaml``, or a folder holding it."""
        from oslearn.lessons.curricula import MANIFEST

        if lesson.path is None:
            return []
        path = Path(str(lesson.path))
        found = []
        for problem in self.curriculum.problems:
            where = Path(problem.path)
            if where == path or where in path.parents or (where.name == MANIFEST and where.parent in path.parents):
                found.append(problem)
        return found

    # --- notifications ---------------------------------------------------------------------

    def notify(self, message: str | Content, *, title: str | Content = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Show a toast, as ``App.notify``, except that the message is always plain text:
        toasts name lessons, URLs, files and settings, which must never be read as markup (a
        title holding ``[@click=...]`` would become a live link). ``markup`` is ignored, since
        ``Widget.notify`` passes ``markup=True`` on every call from a screen or widget.
        ``message`` and ``title`` may also be ``Content``: their plain text is shown (Textual's
        toast takes only strings)."""
        message = message.plain if isinstance(message, Content) else str(message)
        title = title.plain if isinstance(title, Content) else str(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_notify(self, event: Notify) -> None:
        """Drop a toast identical (same message, title and severity) to one still shown:
        pressing a key three times shows one toast, not three stacked.

        A toast counts as still shown while its time has not run out and it is on the screen,
        or was asked for less than ``TOAST_MOUNT_GRACE`` seconds ago (it may not be mounted
        yet). One closed early by a click is gone, so the same message shows again.
        """
        new = event.notification
        key = (new.message, new.title, new.severity)
        earlier = self._toasts_asked.get(key)
        if earlier is not None and not earlier[0].has_expired and (
                monotonic() - earlier[1] < self.TOAST_MOUNT_GRACE or self._toast_on_screen(new)):
            event.prevent_default()  # Textual's own handler, which would add the toast, is skipped
            return
        self._toasts_asked = {k: v for k, v in self._toasts_asked.items() if not v[0].has_expired}
        self._toasts_asked[key] = (new, monotonic())

    def _toast_on_screen(self, notification: Notification) -> bool:
        """Whether a toast on the current screen shows ``notification``'s title and message."""
        text = f"{notification.title}\n{notification.message}" if notification.title else notification.message
        return any(toast.render().plain == text for toast in self.screen.query("Toast"))

    # --- helpers screens share ------------------------------------------------------------

    def save(self, action, *args) -> bool:
        """Run a store write ``action(*args)``; on failure tell the learner and return False.

        The learner's reading and quizzing go on whatever the disk does: a failed save is a
        notification, never a crash.
        """
        try:
            action(*args)
        except PermissionError:
            self.notify(f"{read_only_text(self.store) or 'Progress is open read-only.'} This change was not saved.",
                        title="Not saved", severity="warning", markup=False)
            return False
        except StorageError as error:
            self.notify(describe_failed_save(error), title="Not saved", severity="error", timeout=10, markup=False)
            return False
        return True

    #: Seconds the home list's cursor must rest on a lesson before its text is built ahead
    #: of time (``prepare_lesson``): moving through the list costs nothing.
    PREPARE_DELAY = 0.15

    def open_lesson(self, lesson: Lesson, section_id: str = "", focus: tuple | None = None, *,
                    peek: bool = False) -> None:
        """Show ``lesson`` at ``section_id`` (default the first section).

        Args:
            focus: ``("resources", index)`` or ``("checklist", item_id)`` to open that tab with
                that entry highlighted.
            peek: a look from a quiz (``l``): the "Continue" bookmark stays where it was
                until the learner moves on in the lesson (``LessonScreen.peeking``).

        From the home screen the lesson is pushed (Escape comes back); over a lesson screen
        it replaces that lesson, so Escape still goes back one level to the home screen.
        One lesson screen serves every lesson (``lesson_screen``): it is built on the first
        open and filled with each lesson after that.
        """
        from oslearn.tui.screens.lesson import LessonScreen

        current = self.screen
        screen = self._lesson_screen
        for target in (current, screen):
            if isinstance(target, LessonScreen):
                target.peeking = peek
        if isinstance(current, LessonScreen):
            if current.lesson.id == lesson.id:
                current.go_to(section_id, focus)
            else:
                self.call_later(current.show_lesson, lesson, section_id, focus)
            return
        if screen is not None and screen.is_attached and screen not in self.screen_stack:
            self.call_later(screen.show_lesson, lesson, section_id, focus, push=True)
            return
        fresh = LessonScreen(lesson, section_id, focus)
        fresh.peeking = peek
        if screen is None:
            self._lesson_screen = fresh
            self.install_screen(fresh, self.LESSON_SCREEN)
        self.push_screen(fresh)

    #: The name the reused lesson screen is installed under.
    LESSON_SCREEN = "lesson"

    @property
    def lesson_screen(self):
        """The lesson screen reused for every lesson, or ``None`` before the first open."""
        return self._lesson_screen

    def prepare_lesson(self, lesson: Lesson, section_id: str = "") -> None:
        """Build ``lesson``'s text at ``section_id`` on the lesson screen ahead of time, once
        ``PREPARE_DELAY`` seconds pass without another call (the home screen calls this as its
        cursor moves), so that opening it is immediate. Does nothing before the first lesson
        was opened or while the lesson screen is in use."""
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
            self._prepare_timer = None
        screen = self._lesson_screen
        if screen is None or screen in self.screen_stack or not screen.is_attached:
            return

        async def prepare() -> None:
            self._prepare_timer = None
            if screen not in self.screen_stack and screen.is_attached:
                await screen.prepare(lesson, section_id)

        self._prepare_timer = self.set_timer(self.PREPARE_DELAY, prepare, name="prepare lesson")

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

    def section_title(self, question) -> str:
        """The lesson section ``question`` points at, as ``"Lesson › Section"`` (the lesson's
        title alone for a lesson without sections), or ``""``."""
        place = self.course.question_place(question)
        if place is None:
            return ""
        return f"{place.lesson.title} › {place.section_title}" if place.count else place.lesson.title

    def open_question_lesson(self, question) -> None:
        """Push the lesson screen at the section ``question`` comes from (Escape returns).
        A peek: the "Continue" bookmark stays where it was (``open_lesson``)."""
        place = self.course.question_place(question)
        if place is None:
            self.notify("This question does not point at a lesson.", severity="warning")
            return
        self.open_lesson(place.lesson, question.section, peek=True)

    def start_due_reviews(self) -> None:
        """Start a quiz of the reviews due now, or say when the next one is due."""
        plan = self.course.due_plan()
        if plan.questions:
            self.start_plan(plan)
            return
        upcoming = self.course.due_reviews().next_due
        when = f" The next one is due {upcoming.astimezone():%a %d %b %H:%M}." if upcoming else ""
        self.notify(f"No reviews are due.{when}", timeout=5)

    def show_results(self, session) -> None:
        """Save the score of ``session`` (a finished or abandoned ``QuizSession``) and replace
        the quiz screen with its results."""
        from oslearn.tui.screens.results import ResultsScreen

        self.save(self.course.record_quiz, session.result())
        self.switch_screen(ResultsScreen(session))

    def choose_quiz(self) -> None:
        """Open the quiz mode chooser; the quiz chosen starts when it closes."""
        from oslearn.tui.screens.quiz_setup import QuizSetupScreen

        def start(plan) -> None:
            if plan is not None:
                self.start_plan(plan)

        self.push_screen(QuizSetupScreen(), start)

    def show_progress(self) -> None:
        """Open the progress screen (mastery by topic, past scores, reviews due)."""
        from oslearn.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def start_quiz(self, title: str, questions: list, *, exam: bool = False, mode: str = "bank") -> None:
        """Push a quiz over ``questions`` (a list of ``Question``), shuffled with ``self.rng``."""
        from oslearn.lessons.session import QuizPlan

        self.start_plan(QuizPlan(title, tuple(questions), mode=mode, exam=exam))

    def start_plan(self, plan, *, replace: bool = False) -> None:
        """Push a quiz for ``plan`` (an ``oslearn.lessons.session.QuizPlan``); an empty plan
        is a notification instead.

        Args:
            replace: replace the current screen (a results screen retrying its wrong
                answers) instead of pushing over it.
        """
        from oslearn.lessons.session import QuizSession
        from oslearn.tui.screens.quiz import QuizScreen

        if not plan.questions:
            self.notify("There are no questions here yet.", severity="warning")
            return
        screen = QuizScreen(QuizSession(plan, self.rng))
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    #: The last web address no browser could be opened for (``open_link``); ``y`` copies it.
    unopened_url: str | None = None

    def browser_available(self) -> bool:
        """Whether ``open_url`` can reach a graphical web browser.

        In a browser tab (``oslearn serve``) the page opens the link. In a terminal, Textual
        hands the address to Python's ``webbrowser``, which finds no browser on a server over
        SSH, or only a text-mode one (lynx, w3m) that would take over this terminal: both
        count as none here.
        """
        if self.is_web:
            return True
        import webbrowser

        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            return False
        return not (isinstance(browser, webbrowser.GenericBrowser) and not isinstance(
            browser, webbrowser.BackgroundBrowser))

    def open_link(self, url: str) -> bool:
        """Open ``url`` in the learner's browser, or, with none to open, show the address
        to copy (``y`` copies it). Returns whether a browser was asked to open it."""
        if self.browser_available():
            self.unopened_url = None
            self.open_url(url)
            self.notify(f"Opening {url}", timeout=3)
            return True
        self.unopened_url = url
        self.notify(f"{url}\nNo web browser can be opened from here: press y to copy the address, "
                    "or select it with the mouse.", title="Open this address yourself", timeout=20)
        return False

    def on_markdown_link_clicked(self, event) -> None:
        """Open links in lesson text in the browser (Markdown widgets use ``open_links=False``).

        A site-relative link (the seed pages link ``/web-servers.html``) opens on the book's
        own site, ``SOURCE_SITE``.
        """
        href = event.href
        if href.startswith("/"):
            href = SOURCE_SITE + href
        if href.startswith(("http://", "https://")):
            self.open_link(href)
        else:
            self.notify(f"Not a web link: {href}", severity="warning")
