"""The help screen (``?``): every key of the screen it was opened from, grouped by where it
applies, with the screen's own description on top."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _describe(binding: Binding) -> str:
    if binding.description:
        return binding.description
    if binding.tooltip:
        return binding.tooltip
    action = binding.action.split(".")[-1].split("(")[0]
    return action.replace("_", " ").strip().capitalize()


def _kind(node) -> str:
    """A learner's word for a widget: "list", "checklist", "text", "text box", "tabs"."""
    from textual.widgets import Input, OptionList, SelectionList, Tabs

    if isinstance(node, SelectionList):
        return "checklist"
    if isinstance(node, OptionList):
        return "list"
    if isinstance(node, Input):
        return "text box"
    if isinstance(node, Tabs):
        return "tabs"
    if getattr(node, "is_scrollable", False) or getattr(node, "allow_vertical_scroll", False):
        return "text"
    return "area"


def key_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the keys active on ``screen``, grouped: the focused widget's, the screen's,
    then the app's (``"Everywhere"``).

    Returns:
        ``[(group title, [(keys, description), ...]), ...]``; keys bound to the same action
        in one group are joined (``"n, right"``). Keys Textual reserves for itself
        (``system`` bindings) are left out.
    """
    app = screen.app
    groups: dict[str, dict[tuple[str, str], list[str]]] = {}
    order: list[str] = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system:
            continue
        node = active.node
        if node is app:
            title = "Everywhere"
        elif node is screen:
            title = "This screen"
        else:
            title = f"In the focused {_kind(node)}"
        if title not in groups:
            groups[title] = {}
            order.append(title)
        display = app.get_key_display(binding)
        description = _describe(binding)
        if binding.action == "command_palette":
            description = "Command palette: find any lesson, section, resource, checklist step or quiz"
        groups[title].setdefault((binding.action, description), []).append(display)
    rank = {"This screen": 0, "Everywhere": 2}
    order.sort(key=lambda title: rank.get(title, 1))
    return [(title, [(", ".join(sorted(dict.fromkeys(keys), key=len)), description)
                     for (_, description), keys in groups[title].items()]) for title in order]


class HelpScreen(ModalScreen[None]):
    """Lists every key of ``screen`` (the screen ``?`` was pressed on).

    Args:
        screen: the screen whose keys to list; its ``HELP`` text, if any, is shown first.
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("j", "scroll('down')", "Scroll down", show=False),
        Binding("k", "scroll('up')", "Scroll up", show=False),
    ]

    def __init__(self, screen: Screen):
        super().__init__()
        self.target = screen
        self.groups = key_groups(screen)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(f"[b]Keys: {self.target.sub_title or self.target.title or 'oslearn'}[/b]", id="help-title")
            with VerticalScroll(id="help-body"):
                about = getattr(self.target, "HELP", None)
                if about:
                    yield Static(about, classes="help-about")
                for title, rows in self.groups:
                    table = Table.grid(padding=(0, 2))
                    table.add_column(style="bold", no_wrap=True, min_width=9)
                    table.add_column()
                    for keys, description in rows:
                        table.add_row(Text(keys), Text(description))
                    yield Static(f"[b]{title}[/b]", classes="help-group")
                    yield Static(table, classes="help-table")
            yield Static("Escape or ? closes this help.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)

    def lines(self) -> list[str]:
        """Return the help as plain text lines ``"keys  description"`` (for tests and logs)."""
        return [f"{keys}  {description}" for _, rows in self.groups for keys, description in rows]
