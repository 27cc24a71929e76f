"""The help screen (``?``): every key of the screen it was opened from, grouped by where it
applies, with the screen's own description on top."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _describe(binding: Binding) -> str:
    """The tooltip (the longer wording) if the binding has one, else its Footer label."""
    if binding.tooltip:
        return binding.tooltip
    if binding.description:
        return binding.description
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


def _own_bindings(node) -> set[tuple[str, str]]:
    """``(key, action)`` of the bindings ``node``'s oslearn classes declare (not those it
    inherits from Textual: focus cycling, text selection, sideways paging and the like)."""
    own = set()
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("oslearn."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                for key in binding.key.split(","):
                    own.add((key.strip(), binding.action))
            elif isinstance(binding, tuple):
                for key in binding[0].split(","):
                    own.add((key.strip(), binding[1]))
    return own


#: What moving around the focused widget takes, by its kind (``_kind``): Textual's own keys,
#: said once in a learner's words instead of one line per key.
MOVING = {
    "list": [("↑ ↓, j k", "Move the highlight"), ("Home End, PgUp PgDn", "First, last, a page up or down"),
             ("Enter", "Open or start the highlighted entry")],
    "checklist": [("↑ ↓, j k", "Move the highlight"), ("Space, Enter", "Tick or untick the highlighted step")],
    "text": [("↑ ↓, j k", "Scroll a line"), ("PgUp PgDn, Home End", "Scroll a page, to the top or the end")],
    "text box": [("Enter", "Submit what you typed")],
}


def key_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the keys that matter on ``screen``, grouped: the screen's own, moving in the
    focused widget, then the keys that work everywhere (``"Everywhere"``).

    Only keys oslearn itself binds are listed, plus the command palette and a short line
    or two on moving in the focused list or text (``MOVING``); Textual's general-purpose
    keys (focus cycling, copying a selection, paging sideways) are left out.

    Returns:
        ``[(group title, [(keys, description), ...]), ...]``; keys bound to the same action
        in one group are joined (``"n, right"``).
    """
    app = screen.app
    groups: dict[str, dict[tuple[str, str], list[str]]] = {}
    order: list[str] = []
    own_by_node: dict[int, set] = {}
    focused_kind = _kind(screen.focused) if screen.focused is not None else ""
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system:
            continue
        node = active.node
        if id(node) not in own_by_node:
            own_by_node[id(node)] = _own_bindings(node)
        if (key, binding.action) not in own_by_node[id(node)] and binding.action != "command_palette":
            continue
        if focused_kind in MOVING and node is screen.focused and binding.action in ("cursor_down", "cursor_up",
                                                                                   "scroll_down", "scroll_up"):
            continue  # said once by MOVING
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
    result = [(title, [(", ".join(sorted(dict.fromkeys(keys), key=len)), description)
                       for (_, description), keys in groups[title].items()]) for title in order]
    moving = MOVING.get(focused_kind)
    if moving:
        title = f"In the focused {focused_kind}"
        for index, (group, rows) in enumerate(result):
            if group == title:
                result[index] = (group, rows + [row for row in moving if row[0] not in {r[0] for r in rows}])
                break
        else:
            result.insert(1 if result and result[0][0] == "This screen" else 0, (title, list(moving)))
    return result


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
            name = getattr(self.target, "HELP_TITLE", "") or self.target.sub_title or self.target.title or "oslearn"
            yield Static(Content.styled(f"Keys: {name}", "bold"), id="help-title")
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
                    yield Static(Content.styled(title, "bold"), classes="help-group")
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
