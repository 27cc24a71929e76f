"""The lesson screen: the lesson's sections as Markdown, its resources and its checklist."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList, SelectionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from oslearn.lessons import Lesson
from oslearn.tui.widgets.lists import VimOptionList, VimSelectionList

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


class LessonScreen(Screen):
    """Read one lesson, section by section; open its resources; tick its checklist.

    Args:
        lesson: the lesson to show.
        section_id: the section to open at (default the first).
        focus: ``("resources", index)`` or ``("checklist", item_id)`` to open on that tab with
            that entry highlighted.
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
        Binding("s", "sources", "Sources"),
        Binding("t", "focus_table", "Table of sections", show=False),
        Binding("y", "copy_url", "Copy URL", show=False),
    ]

    def __init__(self, lesson: Lesson, section_id: str = "", focus: tuple | None = None):
        super().__init__()
        self.lesson = lesson
        self.index = lesson.section_index(section_id) if section_id else 0
        self.initial_focus = focus

    def compose(self) -> ComposeResult:
        lesson = self.lesson
        yield Header()
        with Horizontal(id="lesson"):
            yield VimOptionList(*[Option(self._section_prompt(n, s), id=s.id) for n, s in enumerate(lesson.sections)],
                                id="sections")
            with TabbedContent(id="tabs"):
                with TabPane("1 Read", id="read"):
                    yield Static(id="where")
                    with Reader(id="reader"):
                        yield Markdown(id="body", open_links=False)
                with TabPane(f"2 Resources ({len(lesson.resources)})", id="resources"):
                    yield VimOptionList(*[self._resource_option(i, r) for i, r in enumerate(lesson.resources)],
                                        id="resource-list")
                    yield Static("Enter opens the link in your browser; y copies it.", classes="hint")
                with TabPane(f"3 Checklist ({len(lesson.checklist)})", id="checklist"):
                    yield VimSelectionList(id="checklist-items")
                    with VerticalScroll(id="step-detail-scroll"):
                        yield Static(id="step-detail")
                    yield Static("Space or Enter ticks a step; it is saved at once.", classes="hint")
        yield Footer(compact=True)

    def _section_prompt(self, number: int, section) -> str:
        return f"{number + 1}. {section.title}"

    @staticmethod
    def _resource_option(index: int, resource) -> Option:
        description = f"\n  [dim]{resource.description}[/dim]" if resource.description else ""
        return Option(f"[b]{resource.title}[/b]{description}\n  [dim]{resource.url}[/dim]", id=str(index))

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title
        done = self.app.store.done_items(self.lesson.id)
        items = self.query_one("#checklist-items", SelectionList)
        for item in self.lesson.checklist:
            items.add_option(Selection(item.text, item.id, item.id in done))
        self.show_section(self.index)
        self.query_one("#reader").focus()
        if self.initial_focus:
            self.call_after_refresh(self.go_to, "", self.initial_focus)

    # --- sections ---------------------------------------------------------------------------

    def show_section(self, index: int) -> None:
        """Show section ``index`` (clamped), highlight it in the table and remember it."""
        sections = self.lesson.sections
        self.index = max(0, min(index, len(sections) - 1))
        section = sections[self.index]
        self.query_one("#body", Markdown).update(section.markdown)
        self.query_one("#where", Static).update(
            f"[b]{self.lesson.title}[/b] · section [b]{self.index + 1}/{len(sections)}[/b]: {section.title}"
        )
        table = self.query_one("#sections", OptionList)
        with table.prevent(OptionList.OptionHighlighted):
            table.highlighted = self.index
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        self.app.store.set_position(self.lesson.id, section.id)

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
        if self.index + 1 < len(self.lesson.sections):
            self.show_section(self.index + 1)
            self.action_tab("read")
            return
        following = self._neighbour(1)
        if following is None:
            self.notify("This is the end of the last lesson. Escape goes back to the lessons.")
            return
        self.app.open_lesson(following)
        self.app.notify(f"Next lesson: {following.title}", timeout=3)

    def action_previous_section(self) -> None:
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
            self.show_section(event.option_index)
            self.action_tab("read")
        elif event.option_list.id == "resource-list":
            resource = self.lesson.resources[int(event.option.id)]
            self.app.open_url(resource.url)
            self.notify(f"Opening {resource.url}")

    def action_focus_table(self) -> None:
        if self.query_one("#sections").display:
            self.query_one("#sections").focus()

    # --- tabs, resources, checklist -----------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        widget = self.query_one(TAB_TARGETS[tab])
        if isinstance(widget, OptionList) and widget.highlighted is None and widget.option_count:
            widget.highlighted = 0
        widget.focus()

    def action_copy_url(self) -> None:
        resources = self.query_one("#resource-list", OptionList)
        if self.query_one("#tabs", TabbedContent).active != "resources" or resources.highlighted is None:
            self.notify("Go to Resources (2) and highlight a link to copy it.")
            return
        url = self.lesson.resources[resources.highlighted].url
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}")

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        """Show the highlighted step in full under the list (the list cuts long steps short),
        with its detail and links."""
        item = self.lesson.checklist[event.selection_index]
        lines = [f"[b]{escape(item.text)}[/b]"]
        if item.detail:
            lines.append(escape(item.detail))
        lines.extend(f"[dim]{escape(link)}[/dim]" for link in item.links)
        self.query_one("#step-detail", Static).update("\n".join(lines))

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        item_id = event.selection.value
        done = item_id in event.selection_list.selected
        if not self.app.save(self.app.store.set_done, self.lesson.id, item_id, done):
            with event.selection_list.prevent(SelectionList.SelectionToggled):
                event.selection_list.toggle(item_id)

    def action_sources(self) -> None:
        self.app.action_sources(self.lesson)

    def action_back(self) -> None:
        self.app.pop_screen()
