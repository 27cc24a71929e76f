"""The lesson screen: the lesson's sections as Markdown, its resources and its checklist.

One ``LessonScreen`` is kept for the whole session and shows whichever lesson is opened
(``OSLearnApp.open_lesson``): its widgets are filled with the new lesson instead of being
built again, and the text of each section is a page of ``LessonText`` built ahead of time,
while the learner reads or rests on the home list, so that a key press only swaps what is
displayed (see ``show_lesson`` and ``prepare``).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, SelectionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from oslearn.lessons import Lesson
from oslearn.tui.widgets.footer import FittingFooter
from oslearn.tui.widgets.lesson_text import LessonText
from oslearn.tui.widgets.lists import VimOptionList, VimSelectionList
from oslearn.tui.widgets.text import code_text

TAB_TARGETS = {"read": "#reader", "resources": "#resource-list", "checklist": "#checklist-items"}


class Reader(VerticalScroll):
    """The scrolling lesson text: ``j``/``k`` and the up/down arrows scroll; the left/right
    arrows go to the previous/next section (and on into the neighbouring lesson)."""

    BINDINGS = [
        Binding("right", "screen.next_section", "Next section", show=False),
        Binding("left", "screen.previous_section", "Previous section", show=False),
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
    ]


class LessonTabs(TabbedContent):
    """The lesson's tabs, whose labels are shortened when the tab bar is too narrow for
    them (see ``LessonScreen.fit_tab_labels``), so no label is ever cut."""

    def on_resize(self, event: events.Resize) -> None:
        screen = self.screen
        if isinstance(screen, LessonScreen):
            screen.fit_tab_labels(event.size.width)


class LessonScreen(Screen):
    """Read one lesson, section by section; open its resources; tick its checklist.

    Args:
        lesson: the lesson to show.
        section_id: the section to open at (default the first).
        focus: ``("resources", index)`` or ``("checklist", item_id)`` to open on that tab with
            that entry highlighted.

    The screen can then show any other lesson (``show_lesson``). ``lesson`` and ``index``
    are the lesson and section shown, or about to be shown once their text is ready.
    """

    HELP = ("Read a lesson section by section. n/p (or →/← in the text) move through the sections "
            "and on into the next or previous lesson. The table on the left shows where you are.")
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "next_section", "Next"),
        Binding("p", "previous_section", "Prev"),
        Binding("1", "tab('read')", "Read tab", show=False),
        Binding("2", "tab('resources')", "Resources tab", show=False),
        Binding("3", "tab('checklist')", "Checklist tab", show=False),
        Binding("s", "sources", "Sources", tooltip="What each version of the page said on this lesson"),
        Binding("slash", "app.search", "Search", tooltip="Search the text of every lesson"),
        Binding("o", "toggle_sections", "Sections", tooltip="Show or hide the table of sections"),
        Binding("y", "copy_url", "Copy link", show=False),
        Binding("v", "verify", "Verify"),
        Binding("V", "verify_other", "Verify host"),
        Binding("a", "tick_passed", "Tick passed", show=False),
    ]

    def __init__(self, lesson: Lesson, section_id: str = "", focus: tuple | None = None):
        super().__init__()
        self.lesson = lesson
        self.index = lesson.section_index(section_id) if section_id else 0
        self.initial_focus = focus
        #: What the latest request asked to show, ``(lesson, index)``; a request whose text
        #: becomes ready after a later one was made is dropped.
        self._wanted: tuple[Lesson, int] = (lesson, self.index)
        #: ``_style_state()`` when the screen was last taken off the screen (see ``on_event``).
        self._suspended_style: tuple | None = None
        #: Opened for a look from a quiz: the place read is not remembered (the "Continue"
        #: bookmark stays) until the learner moves to another section.
        self.peeking = False
        #: The server check shown beside the checklist when it could not be stored (read-only).
        self._unsaved_run: dict | None = None

    def compose(self) -> ComposeResult:
        lesson = self.lesson
        yield Header()
        with Horizontal(id="lesson"):
            yield VimOptionList(*self._section_options(lesson), id="sections")
            with LessonTabs(id="tabs"):
                with TabPane("1 Read", id="read"):
                    yield Static(id="where")
                    with Reader(id="reader"):
                        yield LessonText(id="body")
                with TabPane(self._resources_label(lesson), id="resources"):
                    yield VimOptionList(*self._resource_options(lesson), id="resource-list")
                    yield Static(self._resources_hint(lesson), classes="hint", id="resources-hint")
                with TabPane(self._checklist_label(lesson), id="checklist"):
                    yield VimSelectionList(id="checklist-items")
                    with VerticalScroll(id="step-detail-scroll"):
                        yield Static(id="step-detail")
                    yield Static(self._checklist_hint(lesson), classes="hint", id="checklist-hint")
        yield FittingFooter(compact=True)

    def _section_prompt(self, number: int, section) -> str:
        return Content(f"{number + 1}. {section.title}")

    def _section_options(self, lesson: Lesson) -> list[Option]:
        return [Option(self._section_prompt(n, s), id=s.id) for n, s in enumerate(lesson.sections)]

    @staticmethod
    def _resources_label(lesson: Lesson, short: int = 0) -> str:
        return (f"2 Resources ({len(lesson.resources)})", "2 Resources", "2 Links")[short]

    @staticmethod
    def _resources_hint(lesson: Lesson) -> str:
        if lesson.resources:
            return "Enter opens the link in your browser; y copies it."
        return "This lesson lists no resources."

    @staticmethod
    def _checklist_label(lesson: Lesson, short: int = 0) -> str:
        return (f"3 Checklist ({len(lesson.checklist)})", "3 Checklist", "3 Steps")[short]

    #: How many forms of the tab labels there are, longest first (``short`` above).
    LABEL_FORMS = 3

    def fit_tab_labels(self, width: int | None = None) -> None:
        """Label the tabs with the longest form that fits the tab bar's ``width`` (default:
        its width now) whole: with the counts, without them, or in shorter words."""
        tabs = self.query_one("#tabs", TabbedContent)
        width = tabs.size.width if width is None else width
        read = tabs.get_tab("read")
        padding = read.styles.padding.width
        lesson = self.lesson
        for short in range(self.LABEL_FORMS):
            labels = (str(read.label), self._resources_label(lesson, short), self._checklist_label(lesson, short))
            if not width or sum(Content(label).cell_length + padding for label in labels) <= width:
                break  # (not laid out yet: the full labels, fitted once it is)
        for tab_id, label in (("resources", labels[1]), ("checklist", labels[2])):
            tab = tabs.get_tab(tab_id)
            if str(tab.label) != label:
                tab.label = label

    @staticmethod
    def _checklist_hint(lesson: Lesson) -> str:
        """The keys of the checklist: ``v`` and ``V`` only where a step can be checked."""
        hint = "Space or Enter ticks a step; it is saved at once."
        if LessonScreen._verifiable_lesson(lesson):
            hint += " v checks the steps on a server (V: which one)."
        return hint

    @classmethod
    def _resource_options(cls, lesson: Lesson) -> list[Option]:
        return [cls._resource_option(i, r) for i, r in enumerate(lesson.resources)]

    @staticmethod
    def _resource_option(index: int, resource) -> Option:
        parts: list = [(resource.title, "bold")]
        if resource.description:
            parts += ["\n  ", (resource.description, "dim")]
        parts += ["\n  ", (resource.url, "dim")]
        return Option(Content.assemble(*parts), id=str(index))

    async def on_mount(self) -> None:
        self.sub_title = self.lesson.title
        self.query_one("#resource-list").display = bool(self.lesson.resources)
        self._fill_checklist(self.lesson)
        self.query_one("#reader").focus()
        with self.app.batch_update():  # the first frame shows the text, not an empty reader
            await self._present(self.lesson, self.index)
        if self.initial_focus:
            self.call_after_refresh(self.go_to, "", self.initial_focus)

    # --- styles when the screen comes back -------------------------------------------------

    def _style_state(self) -> tuple:
        """What the styles of this screen's widgets depend on beyond their own classes and
        pseudo-classes, which Textual keeps up to date even while the screen is not shown:
        the stylesheet's rules (a new list after any CSS is added or re-parsed, as on a
        theme change), the theme, ANSI colour, the app's focus and classes, this screen's
        classes (the width breakpoints) and the window size."""
        app = self.app
        return (app.stylesheet.rules, app.theme, app.ansi_color, app.app_focus, frozenset(app.classes),
                frozenset(self.classes), app.size)

    def on_screen_suspend(self) -> None:
        self._suspended_style = self._style_state()

    async def on_event(self, event: events.Event) -> None:
        """Skip restyling every widget when the screen comes back with nothing its styles
        depend on changed since it went (Textual restyles a resumed screen in full; for this
        screen, which is pushed again for every lesson opened, that is most of the cost of
        opening one). Anything changed, and the full restyle happens as usual."""
        if isinstance(event, events.ScreenResume) and event.refresh_styles and self._suspended_style is not None:
            before, now = self._suspended_style, self._style_state()
            if before[0] is now[0] and before[1:] == now[1:]:
                event.refresh_styles = False
        await super().on_event(event)

    # --- showing a lesson and a section -------------------------------------------------------

    @staticmethod
    def page_key(lesson: Lesson, index: int) -> tuple[str, str]:
        """The ``LessonText`` page key of section ``index`` of ``lesson``."""
        return lesson.id, lesson.sections[index].id

    def _clamp(self, lesson: Lesson, index: int) -> int:
        return max(0, min(index, len(lesson.sections) - 1))

    def _page_ready(self, lesson: Lesson, index: int) -> bool:
        return not lesson.sections or self.query_one("#body", LessonText).is_ready(
            self.page_key(lesson, index), lesson.sections[index].markdown)

    async def _prepare_page(self, lesson: Lesson, index: int) -> None:
        if not self._page_ready(lesson, index):
            await self.query_one("#body", LessonText).prepare(self.page_key(lesson, index),
                                                              lesson.sections[index].markdown)

    async def _present(self, lesson: Lesson, index: int) -> bool:
        """Show section ``index`` of ``lesson`` once its page is ready, unless another request
        came meanwhile. Returns whether it was shown."""
        self._wanted = (lesson, index)
        await self._prepare_page(lesson, index)
        if self._wanted != (lesson, index) or not self.is_attached:
            return False
        self._show_now(lesson, index)
        return True

    def _show_now(self, lesson: Lesson, index: int) -> None:
        """Show section ``index`` of ``lesson``, whose page is ready: the text, the line above
        it, the table's highlight and the scroll position change together, so no frame shows
        the new heading over the old text."""
        self._wanted = (lesson, index)
        sections = lesson.sections
        self.lesson, self.index = lesson, index
        if sections:
            section = sections[index]
            self.query_one("#body", LessonText).show_page(self.page_key(lesson, index))
            self.query_one("#where", Static).update(
                Content.assemble((lesson.title, "bold"), " · section ",
                              (f"{index + 1}/{len(sections)}", "bold"), f": {section.title}")
            )
        table = self.query_one("#sections", OptionList)
        with table.prevent(OptionList.OptionHighlighted):
            table.highlighted = index if sections else None
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        if self.is_current:
            self._after_shown()

    def _after_shown(self) -> None:
        """After the frame showing the section: remember the place read (a durable write),
        then build what is likely to be read next."""
        self.call_after_refresh(self._remember_and_prepare)

    async def _remember_and_prepare(self) -> None:
        if not self.is_attached:
            return
        if self.lesson.sections and not self.peeking:
            self.app.store.set_position(self.lesson.id, self.lesson.sections[self.index].id)
        if self in self.app.screen_stack:
            await self._prepare_neighbours()

    def show_section(self, index: int):
        """Show section ``index`` (clamped) of this lesson, highlight it in the table and
        remember it. At once when its text is ready (built ahead of time), else once built;
        returns an awaitable either way."""
        from textual.await_complete import AwaitComplete

        self.index = index = self._clamp(self.lesson, index)
        if self._page_ready(self.lesson, index):
            self._show_now(self.lesson, index)
            return AwaitComplete()
        return AwaitComplete(self._present(self.lesson, index))

    async def show_lesson(self, lesson: Lesson, section_id: str = "", focus: tuple | None = None,
                          *, push: bool = False) -> None:
        """Show ``lesson`` at ``section_id`` (default the first section) on this screen.

        The lists, tab labels and checklist are filled with the lesson's, the Read tab is
        selected and focused, and (with ``push``) the screen is pushed, all in one frame once
        the section's text is ready. ``focus`` as for the constructor.
        """
        index = lesson.section_index(section_id) if section_id else 0
        self._wanted = (lesson, index)
        await self._prepare_page(lesson, index)
        if self._wanted != (lesson, index):
            return
        with self.app.batch_update():
            if lesson is not self.lesson:
                self._fill(lesson)
            else:
                self._sync_checklist()
            self.initial_focus = focus
            await self._present(lesson, index)
            self.query_one("#tabs", TabbedContent).active = "read"
            self.query_one("#reader").focus()
            if push and self not in self.app.screen_stack:
                self.app.push_screen(self)
                self._after_shown()
        if focus:
            self.call_after_refresh(self.go_to, "", focus)

    def _fill(self, lesson: Lesson) -> None:
        """Put ``lesson``'s sections, resources and checklist in the lists and tab labels."""
        self.lesson = lesson
        self.sub_title = lesson.title
        sections = self.query_one("#sections", OptionList)
        sections.clear_options()
        sections.add_options(self._section_options(lesson))
        self.fit_tab_labels()
        resources = self.query_one("#resource-list", OptionList)
        resources.clear_options()
        resources.add_options(self._resource_options(lesson))
        resources.display = bool(lesson.resources)
        self.query_one("#resources-hint", Static).update(self._resources_hint(lesson))
        self.query_one("#checklist-hint", Static).update(self._checklist_hint(lesson))
        self._fill_checklist(lesson)

    def _sync_checklist(self) -> None:
        """Tick the checklist as the store has it, if it differs (filled ahead of time)."""
        done = self.app.course.done_items(self.lesson.id)
        items = self.query_one("#checklist-items", SelectionList)
        if set(items.selected) != {item.id for item in self.lesson.checklist if item.id in done}:
            self._fill_checklist(self.lesson)

    def _fill_checklist(self, lesson: Lesson) -> None:
        from oslearn.tui.verify import combined_status, step_prompt, step_statuses

        done = self.app.course.done_items(lesson.id)
        run = self._server_run()
        items = self.query_one("#checklist-items", SelectionList)
        highlighted = items.highlighted
        with items.prevent(SelectionList.SelectedChanged):
            items.clear_options()
            items.add_options([
                Selection(step_prompt(item.text, combined_status(step_statuses(run, lesson.id, item.id))), item.id,
                          item.id in done)
                for item in lesson.checklist])
        if highlighted is not None and highlighted < len(lesson.checklist) and lesson is self.lesson:
            items.highlighted = highlighted
        self.query_one("#step-detail", Static).update("")  # until a step is highlighted

    async def prepare(self, lesson: Lesson, section_id: str = "") -> None:
        """Get ready, while the screen is not shown, to show ``lesson`` at ``section_id``.

        Builds that section's text (dropping pages of other lessons), then fills the lists
        and selects the Read tab with the text focused, exactly as ``show_lesson`` would, so
        that opening the lesson only has to push the screen. Building the text and restyling
        after a change of tab or focus are the slow parts of opening a lesson; done here,
        they happen while the learner rests on the home list instead of on the key press.
        Does nothing while the screen is shown.
        """
        if self in self.app.screen_stack or not lesson.sections:
            return
        index = lesson.section_index(section_id) if section_id else 0
        self._wanted = (lesson, index)
        body = self.query_one("#body", LessonText)
        body.forget((key for key in body.page_keys() if key[0] == lesson.id), shown=True)
        await self._prepare_page(lesson, index)
        if self._wanted != (lesson, index) or self in self.app.screen_stack or not self.is_attached:
            return  # opened, or asked for something else, meanwhile
        if lesson is not self.lesson:
            self._fill(lesson)
        await self._present(lesson, index)
        self.query_one("#tabs", TabbedContent).active = "read"
        self.query_one("#reader").focus(scroll_visible=False)

    async def _prepare_neighbours(self) -> None:
        """Build the pages the learner is likely to ask for next: the next section (or the
        next lesson's first), then the previous one; drop pages of other lessons."""
        lesson, index = self.lesson, self.index
        following = self._neighbour(1)
        body = self.query_one("#body", LessonText)
        keep = {lesson.id} | ({following.id} if following is not None else set())
        body.forget(key for key in body.page_keys() if key[0] in keep)
        wanted = []
        if index + 1 < len(lesson.sections):
            wanted.append((lesson, index + 1))
        elif following is not None and following.sections:
            wanted.append((following, 0))
        if index > 0:
            wanted.append((lesson, index - 1))
        for target, number in wanted:
            if self._wanted != (lesson, index) or not self.is_attached:
                return  # the learner moved on; the next section shown prepares anew
            await self._prepare_page(target, number)

    def go_to(self, section_id: str = "", focus: tuple | None = None) -> None:
        """Show ``section_id`` (if given) and then the tab and entry ``focus`` names."""
        if section_id:
            self.show_section(self.lesson.section_index(section_id))
            self.action_tab("read")
        if not focus:
            return
        tab, key = focus
        if tab == "resources" and isinstance(key, int) and 0 <= key < len(self.lesson.resources):
            self.action_tab("resources")
            self.query_one("#resource-list", OptionList).highlighted = key
        elif tab == "checklist":
            self.action_tab("checklist")
            ids = [item.id for item in self.lesson.checklist]
            if key in ids:
                self.query_one("#checklist-items", SelectionList).highlighted = ids.index(key)

    def _neighbour(self, step: int) -> Lesson | None:
        lessons = self.app.curriculum.lessons
        ids = [lesson.id for lesson in lessons]
        if self.lesson.id not in ids:
            return None
        position = ids.index(self.lesson.id) + step
        return lessons[position] if 0 <= position < len(lessons) else None

    def action_next_section(self) -> None:
        self.peeking = False
        if self.index + 1 < len(self.lesson.sections):
            self.show_section(self.index + 1)
            self.action_tab("read")
            return
        following = self._neighbour(1)
        if following is None:
            self.notify("This is the end of the last lesson. Escape goes back to the lessons.")
            return
        self.app.open_lesson(following)
        self.app.notify(f"Next lesson: {following.title}", timeout=3)  # plain text (OSLearnApp.notify)

    def action_previous_section(self) -> None:
        self.peeking = False
        if self.index > 0:
            self.show_section(self.index - 1)
            self.action_tab("read")
            return
        previous = self._neighbour(-1)
        if previous is None:
            self.notify("This is the start of the first lesson.")
            return
        self.app.open_lesson(previous, previous.sections[-1].id if previous.sections else "")
        self.app.notify(f"Previous lesson: {previous.title}", timeout=3)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "sections":
            self.peeking = False
            self.show_section(event.option_index)
            self.action_tab("read")
        elif event.option_list.id == "resource-list":
            resource = self.lesson.resources[int(event.option.id)]
            self.app.open_link(resource.url)

    def action_toggle_sections(self) -> None:
        """Hide the table of sections if it is shown, else show it and focus it (``o``).

        Below 70 columns it starts hidden (``-narrow``); either way the choice holds for the
        rest of the session, on every lesson.
        """
        table = self.query_one("#sections", OptionList)
        shown = table.display
        self.set_class(shown, "-hide-sections")
        self.set_class(not shown, "-show-sections")
        if shown:
            if table.has_focus:
                self.query_one("#reader").focus()
        else:
            table.focus()

    # --- tabs, resources, checklist -----------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        widget = self.query_one(TAB_TARGETS[tab])
        if isinstance(widget, OptionList) and widget.highlighted is None and widget.option_count:
            widget.highlighted = 0
        widget.focus()

    def action_copy_url(self) -> None:
        """Copy the highlighted resource's address (on Resources), else the address no
        browser could be opened for, if any."""
        resources = self.query_one("#resource-list", OptionList)
        on_resources = self.query_one("#tabs", TabbedContent).active == "resources"
        if on_resources and resources.highlighted is not None:
            url = self.lesson.resources[resources.highlighted].url
        elif self.app.unopened_url:
            url = self.app.unopened_url
        elif on_resources and not self.lesson.resources:
            self.notify("This lesson lists no resources: there is no link to copy.")
            return
        elif on_resources:
            self.notify("Highlight a link (↑/↓) to copy it.")
            return
        else:
            self.notify("Press 2 for Resources and highlight a link to copy it.")
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", title="Copied to the clipboard", timeout=4)

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        """Show the highlighted step under the list with its detail, its links and what a
        server check found."""
        item = next((item for item in self.lesson.checklist if item.id == event.selection.value), None)
        if item is None:  # a highlight from the lesson shown before this one
            return
        from oslearn.tui.verify import step_detail, step_statuses

        # Inline code (`sudo sshd -T`) is shown without its backticks, in bold.
        parts: list = [code_text(item.text).stylize("bold")]
        if item.detail:
            parts += ["\n", code_text(item.detail)]
        for link in item.links:
            parts += ["\n", (link, "dim")]
        run = self._server_run()
        detail = Content.assemble(*parts) + step_detail(run, step_statuses(run, self.lesson.id, item.id))
        self.query_one("#step-detail", Static).update(detail)

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        item_id = event.selection.value
        done = item_id in event.selection_list.selected
        if not self.app.save(self.app.store.set_done, self.lesson.id, item_id, done):
            with event.selection_list.prevent(SelectionList.SelectionToggled):
                event.selection_list.toggle(item_id)

    # --- checking the steps on a server -----------------------------------------------------

    @staticmethod
    def _verifiable_lesson(lesson: Lesson) -> bool:
        """Whether any step of ``lesson``'s checklist can be checked on a server."""
        from oslearn.lessons.verify import checks_for_item

        return any(checks_for_item(lesson.id, item.id) for item in lesson.checklist)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Offer a key only where it works: ``v``, ``V`` and ``a`` on the checklist of a
        lesson with steps to check on a server; ``y`` on Resources, or anywhere once an
        address could not be opened in a browser."""
        if action in ("verify", "verify_other", "tick_passed"):
            if not self.is_attached or not self._verifiable_lesson(self.lesson):
                return False
            return self.query_one("#tabs", TabbedContent).active == "checklist"
        if action == "copy_url":
            if not self.is_attached:
                return False
            return self.query_one("#tabs", TabbedContent).active == "resources" or bool(self.app.unopened_url)
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    def _server_run(self) -> dict | None:
        """The server check shown beside the steps: the newest stored one, or one that
        could not be stored."""
        from oslearn.progress.verifications import Verifications

        stored = Verifications(self.app.store).latest()
        unsaved = self._unsaved_run
        if unsaved is not None and (stored is None or unsaved["at"] >= stored["at"]):
            return unsaved
        return stored

    def action_verify(self, text: str | None = None) -> None:
        """Check this checklist's steps on ``text`` (default: the target last used, this
        machine at first) in a worker thread."""
        from oslearn.lessons.verify import THIS_MACHINE, TargetError
        from oslearn.tui.verify import target_from_text

        if text is None:
            run = self._server_run()
            text = run["target"] if run else THIS_MACHINE
        try:
            target = target_from_text(text)
        except TargetError as error:
            self.notify(str(error), title="Cannot check", severity="warning")
            return
        self.notify(f"Checking {target.label}…", timeout=3)
        self.run_worker(lambda: self._verify_in_thread(target), thread=True, exclusive=True, group="verify",
                        exit_on_error=False)

    def action_verify_other(self) -> None:
        """Ask which server to check, then check it."""
        from oslearn.lessons.verify import THIS_MACHINE
        from oslearn.tui.verify import TargetPrompt

        run = self._server_run()

        def chosen(text: str | None) -> None:
            if text is not None:
                self.action_verify(text)

        self.app.push_screen(TargetPrompt(run["target"] if run else THIS_MACHINE), chosen)

    def _verify_in_thread(self, target) -> None:
        from oslearn.lessons.verify import TargetError, clean_text
        from oslearn.tui import verify as verify_ui

        try:
            report = verify_ui.run_check(target)
        except TargetError as error:
            self.app.call_from_thread(self._verify_failed, target.label, clean_text(str(error)))
            return
        except Exception as error:  # noqa: BLE001 - a learner sees a sentence, never a traceback
            self.app.call_from_thread(self._verify_failed, target.label,
                                      clean_text(f"{type(error).__name__}: {error}"))
            return
        self.app.call_from_thread(self._verify_done, report)

    def _verify_failed(self, label: str, reason: str) -> None:
        self.notify(reason, title=f"Could not check {label}", severity="error", timeout=10)

    def _verify_done(self, report) -> None:
        """Store the check, show it beside the steps and say how it went."""
        from datetime import datetime, timezone

        from oslearn.lessons.verify import verified_items
        from oslearn.progress.verifications import Verifications

        checks = {c.id: {"status": c.status, "evidence": "\n".join(c.evidence)} for c in report.checks}
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._unsaved_run = {"target": report.target, "at": at, "os": report.os.pretty_name, "checks": checks}
        if self.app.save(Verifications(self.app.store).record, report.target, checks, report.os.pretty_name):
            self._unsaved_run = None
        if self.is_attached:
            self._fill_checklist(self.lesson)
        items = verified_items(report.statuses())
        done = self.app.course.done_items(self.lesson.id)
        passed = [item for (lesson, item), ok in items.items() if ok and lesson == self.lesson.id]
        to_tick = [item for item in passed if item not in done]
        failed = sum(1 for (lesson, _), ok in items.items() if not ok and lesson == self.lesson.id)
        message = f"{report.target}: {len(passed)} step(s) passed, {failed} not."
        if to_tick:
            message += " Press a to tick the ones that passed."
        self.notify(message, title="Checked", timeout=8)

    def action_tick_passed(self) -> None:
        """Tick every step of this checklist that the check shown passed."""
        from oslearn.lessons.verify import verified_items

        run = self._server_run()
        if run is None:
            self.notify("Nothing checked yet: v checks the steps on a server.")
            return
        statuses = {key: value["status"] for key, value in run["checks"].items()}
        done = self.app.course.done_items(self.lesson.id)
        ticked = 0
        for (lesson, item), passed in verified_items(statuses).items():
            if lesson == self.lesson.id and passed and item not in done:
                if not self.app.save(self.app.store.set_done, lesson, item, True):
                    break
                ticked += 1
        self._fill_checklist(self.lesson)
        self.notify(f"Ticked {ticked} step(s) that passed." if ticked else "No passed step left to tick.")

    def action_sources(self) -> None:
        self.app.action_sources(self.lesson)

    def action_back(self) -> None:
        self.app.pop_screen()
