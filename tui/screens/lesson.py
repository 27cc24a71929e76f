"""The lesson screen: the lesson's sections as Markdown, its resources and its checklist."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList, SelectionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from oslearn.lessons import Lesson


class LessonScreen(Screen):
    """Read one lesson, section by section; open its resources; tick its checklist.

    Args:
        lesson: the lesson to show.
        section_id: the section to open at (default the first).
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "next_section", "Next"),
        Binding("p", "previous_section", "Prev"),
        Binding("1", "tab('read')", "Read"),
        Binding("2", "tab('resources')", "Resources"),
        Binding("3", "tab('checklist')", "Checklist"),
        Binding("y", "copy_url", "Copy URL", show=False),
    ]

    def __init__(self, lesson: Lesson, section_id: str = ""):
        super().__init__()
        self.lesson = lesson
        self.index = lesson.section_index(section_id) if section_id else 0

    def compose(self) -> ComposeResult:
        lesson = self.lesson
        yield Header()
        with Horizontal(id="lesson"):
            yield OptionList(*[Option(s.title, id=s.id) for s in lesson.sections], id="sections")
            with TabbedContent(id="tabs"):
                with TabPane("Read", id="read"):
                    yield Static(id="where")
                    with VerticalScroll(id="reader"):
                        yield Markdown(id="body", open_links=False)
                with TabPane(f"Resources ({len(lesson.resources)})", id="resources"):
                    yield OptionList(*[self._resource_option(i, r) for i, r in enumerate(lesson.resources)],
                                     id="resource-list")
                    yield Static("Enter opens the link in your browser; y copies it.", classes="hint")
                with TabPane(f"Checklist ({len(lesson.checklist)})", id="checklist"):
                    yield SelectionList(id="checklist-items")
                    yield Static("Space or Enter ticks a step; it is saved at once.", classes="hint")
        yield Footer()

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

    # --- sections ---------------------------------------------------------------------------

    def show_section(self, index: int) -> None:
        """Show section ``index`` (clamped), highlight it in the table and remember it."""
        sections = self.lesson.sections
        self.index = max(0, min(index, len(sections) - 1))
        section = sections[self.index]
        self.query_one("#body", Markdown).update(section.markdown)
        self.query_one("#where", Static).update(
            f"[b]{self.lesson.title}[/b] · section {self.index + 1}/{len(sections)}: {section.title}"
        )
        self.query_one("#sections", OptionList).highlighted = self.index
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        self.app.store.set_position(self.lesson.id, section.id)

    def action_next_section(self) -> None:
        if self.index + 1 < len(self.lesson.sections):
            self.show_section(self.index + 1)
            self.action_tab("read")
        else:
            self.notify("This is the last section. Escape goes back to the lessons.")

    def action_previous_section(self) -> None:
        if self.index > 0:
            self.show_section(self.index - 1)
            self.action_tab("read")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "sections":
            self.show_section(event.option_index)
            self.action_tab("read")
        elif event.option_list.id == "resource-list":
            resource = self.lesson.resources[int(event.option.id)]
            self.app.open_url(resource.url)
            self.notify(f"Opening {resource.url}")

    # --- tabs, resources, checklist -----------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        target = {"read": "#reader", "resources": "#resource-list", "checklist": "#checklist-items"}[tab]
        widget = self.query_one(target)
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

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        item_id = event.selection.value
        done = item_id in event.selection_list.selected
        if not self.app.save(self.app.store.set_done, self.lesson.id, item_id, done):
            with event.selection_list.prevent(SelectionList.SelectionToggled):
                event.selection_list.toggle(item_id)

    def action_back(self) -> None:
        self.app.pop_screen()
